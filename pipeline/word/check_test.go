package word

import (
	"errors"
	"reflect"
	"testing"
)

func TestCheckProblems(t *testing.T) {
	cases := []struct {
		name  string
		body  string
		extra map[string]string
		want  []Problem
	}{
		{"unknown name", p("前言") + p("{{部门名}}"), nil,
			[]Problem{{"word/document.xml", "第2段", "{{部门名}}", "未知的标签名“部门名”"}}},
		{"unknown name split over runs", `<w:p><w:r><w:t>单位：{{部</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>门名}}</w:t></w:r></w:p>`, nil,
			[]Problem{{"word/document.xml", "第1段", "单位：{{部门名}}", "未知的标签名“部门名”"}}},
		{"unclosed loop", table(row("a"), row("{{#绩效指标}}{{三级指标}}", "{{得分}}")), nil,
			[]Problem{{"word/document.xml", "表格1 第2行第1列", "{{#绩效指标}}{{三级指标}}", "循环“绩效指标”没有结束标签 {{/绩效指标}}"}}},
		{"close without open", p("{{/资金}}"), nil,
			[]Problem{{"word/document.xml", "第1段", "{{/资金}}", "结束标签 {{/资金}} 没有对应的开始标签"}}},
		{"crossed loops", p("{{#资金}}{{#亮点}}{{/资金}}{{/亮点}}"), nil,
			[]Problem{
				{"word/document.xml", "第1段", "{{#资金}}{{#亮点}}{{/资金}}{{/亮点}}", "循环“亮点”与“资金”交叉：{{/资金}} 出现在 {{/亮点}} 之前"},
				{"word/document.xml", "第1段", "{{#资金}}{{#亮点}}{{/资金}}{{/亮点}}", "结束标签 {{/亮点}} 没有对应的开始标签"},
			}},
		{"loop from one table into another", table(row("{{#资金}}")) + p("") + table(row("{{/资金}}")), nil,
			[]Problem{{"word/document.xml", "表格1 第1行第1列", "{{#资金}}", "循环“资金”在一个表格中开始，却在另一个表格中结束"}}},
		{"loop from a table cell to outside", table(row("{{#资金}}{{项目}}")) + p("{{/资金}}"), nil,
			[]Problem{{"word/document.xml", "表格1 第1行第1列", "{{#资金}}{{项目}}", "循环“资金”的开始和结束标签一个在表格内、一个在表格外"}}},
		{"inline loop at different levels", `<w:p><w:hyperlink r:id="x"><w:r><w:t>{{#亮点}}</w:t></w:r></w:hyperlink><w:r><w:t>{{描述}}{{/亮点}}</w:t></w:r></w:p>`, nil,
			[]Problem{{"word/document.xml", "第1段", "{{#亮点}}{{描述}}{{/亮点}}", "循环“亮点”的开始和结束标签处在段落中的不同层级（如一个在超链接或内容控件里），请放在同一层级"}}},
		{"image not alone", p("图：{{%预算执行图}}"), nil,
			[]Problem{{"word/document.xml", "第1段", "图：{{%预算执行图}}", "图片标签 {{%预算执行图}} 必须单独占一个段落"}}},
		{"unknown image", p("{{%执行图}}"), nil,
			[]Problem{{"word/document.xml", "第1段", "{{%执行图}}", "未知的图片名“执行图”"}}},
		{"value as image", p("{{%总分}}"), nil,
			[]Problem{{"word/document.xml", "第1段", "{{%总分}}", "“总分”不是图片，不能写作 {{%总分}}"}}},
		{"image as value", p("{{预算执行图}}"), nil,
			[]Problem{{"word/document.xml", "第1段", "{{预算执行图}}", "“预算执行图”是图片，请写作 {{%预算执行图}}"}}},
		{"list as value", p("{{资金}}"), nil,
			[]Problem{{"word/document.xml", "第1段", "{{资金}}", "“资金”是列表，只能用作循环 {{#资金}}…{{/资金}}"}}},
		{"field outside its loop", p("{{三级指标}}"), nil,
			[]Problem{{"word/document.xml", "第1段", "{{三级指标}}", "未知的标签名“三级指标”"}}},
		{"braces not closed", p("单位：{{部门名称"), nil,
			[]Problem{{"word/document.xml", "第1段", "单位：{{部门名称", "标签“{{部门名称”缺少结束括号 }}"}}},
		{"braces closed in the next paragraph", p("{{部门") + p("名称}}"), nil,
			[]Problem{
				{"word/document.xml", "第1段", "{{部门", "标签“{{部门”缺少结束括号 }}"},
				{"word/document.xml", "第2段", "名称}}", "多余的结束括号 }}，前面缺少 {{"},
			}},
		{"full-width braces", p("｛｛部门名称｝｝"), nil,
			[]Problem{{"word/document.xml", "第1段", "｛｛部门名称｝｝", "标签使用了全角括号，请改用半角的 {{ }}"}}},
		{"half open, full-width close", p("{{部门名称｝｝"), nil,
			[]Problem{{"word/document.xml", "第1段", "{{部门名称｝｝", "标签使用了全角括号，请改用半角的 {{ }}"}}},
		{"empty tag", p("{{ }}"), nil,
			[]Problem{{"word/document.xml", "第1段", "{{ }}", "标签名为空"}}},
		{"in header and footer", p("ok"), map[string]string{"word/header1.xml": hdr(p("{{单位}}")), "word/footer1.xml": ftr(p("{{#资金}}"))},
			[]Problem{
				{"word/footer1.xml", "第1段", "{{#资金}}", "循环“资金”没有结束标签 {{/资金}}"},
				{"word/header1.xml", "第1段", "{{单位}}", "未知的标签名“单位”"},
			}},
		{"excerpt of a long paragraph", p("这是一个很长很长的段落，用来说明摘录只取标签附近的文字，而不是整段文字，这样报告里的问题更容易定位。{{错名}}后面还有很多很多的文字内容。"), nil,
			[]Problem{{"word/document.xml", "第1段", "…是整段文字，这样报告里的问题更容易定位。{{错名}}后面还有很多很多的文字内容。", "未知的标签名“错名”"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			docx := pkg(t, c.body, c.extra)
			got := Check(docx, StandardSchema())
			if len(got) > 1 && got[0].Part > got[len(got)-1].Part {
				got[0], got[len(got)-1] = got[len(got)-1], got[0]
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got\n%q\nwant\n%q", got, c.want)
			}
			_, err := Parse(docx, StandardSchema())
			var te *TemplateError
			if !errors.As(err, &te) || len(te.Problems) != len(c.want) {
				t.Errorf("Parse error %v", err)
			}
		})
	}
}

func TestCheckTextBoxProblemReportedOnce(t *testing.T) {
	body := `<w:p><w:r><w:t>正文</w:t></w:r></w:p><w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>{{错}}</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>{{错}}</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`
	got := Check(pkg(t, body, nil), StandardSchema())
	want := []Problem{{"word/document.xml", "第2段（文本框）", "{{错}}", "未知的标签名“错”"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q", got)
	}
}

func TestCheckNotADocx(t *testing.T) {
	got := Check([]byte("not a zip"), StandardSchema())
	if len(got) != 1 || got[0].Message != "不是有效的 .docx 文件：文件已损坏，或是旧版 .doc 格式；请在 Word 或 WPS 中另存为“Word 文档（*.docx）”" {
		t.Errorf("got %q", got)
	}
	broken := pkg(t, `<w:p><w:r><w:t>x</w:r></w:p>`, nil)
	got = Check(broken, StandardSchema())
	if len(got) != 1 || got[0].Part != "word/document.xml" {
		t.Errorf("got %q", got)
	}
}
