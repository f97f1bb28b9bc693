package word

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

// row is a table row with one cell per piece.
func row(cells ...string) string {
	var b strings.Builder
	b.WriteString("<w:tr>")
	for _, c := range cells {
		b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/></w:tcPr>` + p(c) + `</w:tc>`)
	}
	b.WriteString("</w:tr>")
	return b.String()
}

func table(rows ...string) string {
	return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1000"/></w:tblGrid>` + strings.Join(rows, "") + `</w:tbl>`
}

var sample = Data{
	"部门名称": "邵东市科工局",
	"年度":   "2019",
	"总分":   "93.50",
	"资金": []Data{
		{"项目": "年度资金总额", "全年预算数": "1000.00", "得分": "9.99"},
		{"项目": "其中：当年财政拨款", "全年预算数": "900.00", "得分": "—"},
	},
	"亮点": []Data{{"描述": "新增规模工业企业133家"}, {"描述": "R&D经费12.50亿元"}},
	"问题": []Data{},
}

func TestSplitTags(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"plain", p("{{部门名称}}"), "邵东市科工局¶"},
		{"spaces inside braces", p("{{ 部门名称 }}年"), "邵东市科工局年¶"},
		{"proofErr", `<w:p><w:r><w:t>{{部门</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>名称}}</w:t></w:r><w:proofErr w:type="spellEnd"/></w:p>`, "邵东市科工局¶"},
		{"bookmark between pieces", `<w:p><w:r><w:t>{{</w:t></w:r><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:t>部门名称</w:t></w:r><w:bookmarkEnd w:id="0"/><w:r><w:t>}}局</w:t></w:r></w:p>`, "邵东市科工局局¶"},
		{"rsid and mixed formatting", `<w:p w:rsidR="00A1" w:rsidRDefault="00B2"><w:r w:rsidR="00C3"><w:rPr><w:b/></w:rPr><w:t>年度：{</w:t></w:r><w:r w:rsidRPr="00D4"><w:rPr><w:i/><w:color w:val="FF0000"/></w:rPr><w:t>{年</w:t></w:r><w:r><w:t>度}</w:t></w:r><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>}年</w:t></w:r></w:p>`, "年度：2019年¶"},
		{"smartTag", `<w:p><w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t>{{部门</w:t></w:r></w:smartTag><w:r><w:t>名称}}</w:t></w:r></w:p>`, "邵东市科工局¶"},
		{"hyperlink", `<w:p><w:hyperlink r:id="rId9"><w:r><w:t>{{部门名</w:t></w:r></w:hyperlink><w:r><w:t>称}}</w:t></w:r></w:p>`, "邵东市科工局¶"},
		{"inline content control", `<w:p><w:sdt><w:sdtPr><w:id w:val="1"/></w:sdtPr><w:sdtContent><w:r><w:t>{{部门</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>名称}}</w:t></w:r></w:p>`, "邵东市科工局¶"},
		{"insertion", `<w:p><w:ins w:id="3" w:author="x" w:date="2020-01-01T00:00:00Z"><w:r><w:t>{{年</w:t></w:r></w:ins><w:r><w:t>度}}</w:t></w:r></w:p>`, "2019¶"},
		{"one char per run", `<w:p><w:r><w:t>{</w:t></w:r><w:r><w:t>{</w:t></w:r><w:r><w:t>总</w:t></w:r><w:r><w:t>分</w:t></w:r><w:r><w:t>}</w:t></w:r><w:r><w:t>}</w:t></w:r></w:p>`, "93.50¶"},
		{"entity next to tag", p("A&amp;B{{总分}}&lt;"), "A&B93.50<¶"},
		{"two tags one run", p("{{部门名称}}{{年度}}年度"), "邵东市科工局2019年度¶"},
		{"block content control", `<w:sdt><w:sdtPr><w:id w:val="7"/></w:sdtPr><w:sdtContent>` + p("{{总分}}") + `</w:sdtContent></w:sdt>`, "93.50¶"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := fill(t, pkg(t, c.body, nil), StandardSchema(), sample)
			if got := text(parts(t, out)["word/document.xml"]); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestTagKeepsFormattingOfFirstRun(t *testing.T) {
	body := `<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{部门</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>名称}}</w:t></w:r></w:p>`
	doc := parts(t, fill(t, pkg(t, body, nil), StandardSchema(), sample))["word/document.xml"]
	if !bytes.Contains(doc, []byte(`<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">邵东市科工局</w:t>`)) {
		t.Errorf("value not in the first run:\n%s", doc)
	}
}

func TestSections(t *testing.T) {
	cases := []struct {
		name, body, want string
		d                Data
	}{
		{"table one row", table(row("项目", "预算"), row("{{#资金}}{{项目}}", "{{全年预算数}}{{/资金}}")), "项目¶预算¶|年度资金总额¶1000.00¶|其中：当年财政拨款¶900.00¶|", nil},
		{"table block of rows", table(row("{{#资金}}{{项目}}"), row("{{得分}}{{/资金}}"), row("合计")), "年度资金总额¶|9.99¶|其中：当年财政拨款¶|—¶|合计¶|", nil},
		{"table empty list", table(row("头"), row("{{#问题}}{{位置}}{{/问题}}")), "头¶|", nil},
		{"table marker rows", table(row("项目", "预算"), row("{{#资金}}", ""), row("{{项目}}", "{{全年预算数}}"), row(" {{/资金}} ", ""), row("合计", "")), "项目¶预算¶|年度资金总额¶1000.00¶|其中：当年财政拨款¶900.00¶|合计¶¶|", nil},
		{"table marker rows, empty list", table(row("头"), row("{{#问题}}"), row("{{位置}}"), row("{{/问题}}"), row("尾")), "头¶|尾¶|", nil},
		{"table marker row with text is repeated", table(row("{{#资金}}项："), row("{{项目}}"), row("{{/资金}}")), "项：¶|年度资金总额¶|项：¶|其中：当年财政拨款¶|", nil},
		{"paragraph loop with marker paragraphs", p("前") + p("{{#亮点}}") + p("{{描述}}；") + p("{{/亮点}}") + p("后"), "前¶新增规模工业企业133家；¶R&D经费12.50亿元；¶后¶", nil},
		{"paragraph loop over two paragraphs", p("{{#亮点}}第一") + p("{{描述}}{{/亮点}}"), "第一¶新增规模工业企业133家¶第一¶R&D经费12.50亿元¶", nil},
		{"inline loop", p("亮点：{{#亮点}}{{描述}}、{{/亮点}}等"), "亮点：新增规模工业企业133家、R&D经费12.50亿元、等¶", nil},
		{"inline loop across runs", `<w:p><w:r><w:t>{{#亮点}}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>[{{描述}}]</w:t></w:r><w:r><w:t>{{/亮点}}</w:t></w:r></w:p>`, "[新增规模工业企业133家][R&D经费12.50亿元]¶", nil},
		{"inverted on empty list", p("{{^问题}}未发现问题。{{/问题}}") + p("{{#问题}}有问题{{/问题}}"), "未发现问题。¶¶", nil},
		{"inverted on absent list", p("{{^基础数据}}无基础数据{{/基础数据}}"), "无基础数据¶", nil},
		{"inverted on full list", p("{{^亮点}}无{{/亮点}}好"), "好¶", nil},
		{"conditional on value", p("{{#部门名称}}有名称{{/部门名称}}") + p("{{#等级}}有等级{{/等级}}") + p("{{^等级}}无等级{{/等级}}"), "有名称¶¶无等级¶", nil},
		{"conditional paragraphs", p("{{#存在的问题}}") + p("问题：{{存在的问题}}") + p("{{/存在的问题}}") + p("完"), "完¶", Data{"存在的问题": ""}},
		{"conditional bool", p("{{#改进措施}}显示{{/改进措施}}"), "显示¶", Data{"改进措施": true}},
		{"outer names inside loop", table(row("{{#资金}}{{部门名称}}:{{项目}}{{/资金}}")), "邵东市科工局:年度资金总额¶|邵东市科工局:其中：当年财政拨款¶|", nil},
		{"item shadows outer", table(row("{{#基础数据}}{{项目}}{{/基础数据}}")), "x¶|", Data{"项目": []Data{{"项目名称": "p"}}, "基础数据": []Data{{"项目": "x"}}}},
		{"paragraphs and table repeated", p("{{#项目}}") + p("{{项目名称}}") + table(row("{{总分}}")) + p("{{/项目}}"), "A¶90¶|B¶80¶|", Data{"项目": []Data{{"项目名称": "A", "总分": "90"}, {"项目名称": "B", "总分": "80"}}}},
		{"word paraIds in a repeated row", table(`<w:tr w14:paraId="1A2B3C4D" w14:textId="77777777" w:rsidR="00AB"><w:tc><w:p w14:paraId="0F0F0F0F" w14:textId="12345678" w:rsidR="00AB" w:rsidRDefault="00CD"><w:r><w:t>{{#资金}}{{项目}}{{/资金}}</w:t></w:r></w:p></w:tc></w:tr>`), "年度资金总额¶|其中：当年财政拨款¶|", nil},
		{"loop in one cell", table(row(`前`, `{{#亮点}}`)), "", nil},
	}
	for _, c := range cases {
		if c.name == "loop in one cell" {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			d := c.d
			if d == nil {
				d = sample
			}
			out := fill(t, pkg(t, c.body, nil), StandardSchema(), d)
			if got := text(parts(t, out)["word/document.xml"]); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestLoopInsideCellParagraphs(t *testing.T) {
	cell := `<w:tc>` + p("{{#问题}}") + p("{{说明}}") + p("{{/问题}}") + `</w:tc>`
	body := `<w:tbl><w:tblGrid><w:gridCol w:w="1000"/></w:tblGrid><w:tr>` + cell + `</w:tr></w:tbl>` + p("")
	for _, d := range []Data{{"问题": []Data{}}, {"问题": []Data{{"说明": "a"}, {"说明": "b"}}}} {
		out := fill(t, pkg(t, body, nil), StandardSchema(), d) // checkWellFormed asserts the cell keeps a paragraph
		t.Log(text(parts(t, out)["word/document.xml"]))
	}
}

func TestNestedLoops(t *testing.T) {
	s := Schema{Values: []string{"标题"}, Lists: map[string][]string{"组": {"名", "行"}, "行": {"值"}}}
	body := p("{{标题}}") + table(row("{{#组}}{{名}}{{#行}}[{{值}}]{{/行}}{{/组}}"))
	d := Data{"标题": "T", "组": []Data{{"名": "a", "行": []Data{{"值": "1"}, {"值": "2"}}}, {"名": "b"}}}
	got := text(parts(t, fill(t, pkg(t, body, nil), s, d))["word/document.xml"])
	if want := "T¶a[1][2]¶|b¶|"; got != want {
		t.Errorf("got %q want %q", got, want)
	}
}

func TestHeadersFootersFootnotesTextBoxes(t *testing.T) {
	txbx := `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1800000" cy="500000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="500000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>` +
		`<w:p><w:r><w:t>框：{{总</w:t></w:r><w:r><w:t>分}}</w:t></w:r></w:p>` +
		`</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape style="width:100pt;height:30pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>框：{{总分}}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文{{等级}}</w:t></w:r></w:p>`
	fnotes := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:footnotes ` + docNS + `><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>注：{{评价日期}}</w:t></w:r></w:p></w:footnote></w:footnotes>`
	extra := map[string]string{
		"word/header1.xml":   hdr(p("{{部门名称}}", "{{年度}}") + `<w:p><w:r><w:t>{{#亮点}}{{描述}} {{/亮点}}</w:t></w:r></w:p>`),
		"word/footer1.xml":   ftr(`<w:p><w:r><w:t xml:space="preserve">第 </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> 页 {{总</w:t></w:r><w:r><w:t>分}}</w:t></w:r></w:p>`),
		"word/footnotes.xml": fnotes,
	}
	d := Data{"部门名称": "科工局", "年度": "2019", "总分": "93.50", "等级": "优", "评价日期": "2020年3月", "亮点": []Data{{"描述": "甲"}, {"描述": "乙"}}}
	ps := parts(t, fill(t, pkg(t, txbx, extra), StandardSchema(), d))
	for part, want := range map[string]string{
		"word/document.xml":  "[图]框：93.50¶框：93.50¶正文优¶",
		"word/header1.xml":   "科工局2019¶甲 乙 ¶",
		"word/footer1.xml":   "第 1 页 93.50¶",
		"word/footnotes.xml": "¶注：2020年3月¶",
	} {
		if got := text(ps[part]); got != want {
			t.Errorf("%s: got %q want %q", part, got, want)
		}
	}
}

func TestHostileValues(t *testing.T) {
	big := strings.Repeat("很长的文字<&>", 100*1024/18)
	cases := []struct{ in, want string }{
		{"a<b & c>\"d\"", "a<b & c>\"d\""},
		{"{{部门名称}}", "{{部门名称}}"},
		{"{{#资金}}x{{/资金}}", "{{#资金}}x{{/资金}}"},
		{"第一段\n第二段\r\n第三段", "第一段\n第二段\n第三段"},
		{"列1\t列2", "列1\t列2"},
		{" 前后空格 ", " 前后空格 "},
		{"控制\x01字符\x0b", "控制字符"},
		{"坏\xffUTF8", "坏\uFFFDUTF8"},
		{big, big},
	}
	for i, c := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			body := p("【{{部门基本情况}}】")
			got := text(parts(t, fill(t, pkg(t, body, nil), StandardSchema(), Data{"部门基本情况": c.in}))["word/document.xml"])
			if want := "【" + c.want + "】¶"; got != want {
				if len(got) > 200 {
					got = got[:200]
				}
				t.Errorf("got %q", got)
			}
		})
	}
}

func TestFillConcurrently(t *testing.T) {
	body := p("{{部门名称}}") + table(row("{{#资金}}{{项目}}{{/资金}}")) + p("{{%预算执行图}}")
	tp, err := Parse(pkg(t, body, map[string]string{"word/header1.xml": hdr(p("{{%指标完成图}}"))}), StandardSchema())
	if err != nil {
		t.Fatal(err)
	}
	png := tinyPNG(t, 40, 20)
	var wg sync.WaitGroup
	outs := make([][]byte, 16)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := Data{"部门名称": fmt.Sprint("部门", i), "资金": []Data{{"项目": fmt.Sprint(i)}}, "预算执行图": Image{PNG: png}, "指标完成图": Image{PNG: png}}
			var b bytes.Buffer
			if err := tp.Fill(d, &b); err != nil {
				t.Error(err)
			}
			outs[i] = b.Bytes()
		}()
	}
	wg.Wait()
	for i, o := range outs {
		checkWellFormed(t, o)
		got := text(parts(t, o)["word/document.xml"])
		if want := fmt.Sprintf("部门%d¶%d¶|[图]¶", i, i); got != want {
			t.Errorf("fill %d: got %q want %q", i, got, want)
		}
	}
}

func TestOnceSection(t *testing.T) {
	body := p("{{?亮点}}") + p("亮点如下：") + p("{{/亮点}}") + p("{{?问题}}有问题{{/问题}}") + p("{{?部门名称}}名称：{{部门名称}}{{/部门名称}}")
	got := text(parts(t, fill(t, pkg(t, body, nil), StandardSchema(), sample))["word/document.xml"])
	if want := "亮点如下：¶¶名称：邵东市科工局¶"; got != want {
		t.Errorf("got %q want %q", got, want)
	}
}

func TestLineBreaksKeepFirstLineIndent(t *testing.T) {
	body := `<w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:r><w:t>{{改进措施}}</w:t></w:r></w:p>` + p("{{存在的问题}}")
	doc := string(parts(t, fill(t, pkg(t, body, nil), StandardSchema(), Data{"改进措施": "一是\n二是", "存在的问题": "甲\r\n乙"}))["word/document.xml"])
	if !strings.Contains(doc, `一是</w:t><w:br/><w:t xml:space="preserve">　　二是`) {
		t.Errorf("indented paragraph: %s", doc)
	}
	if !strings.Contains(doc, `甲</w:t><w:br/><w:t xml:space="preserve">乙`) {
		t.Errorf("plain paragraph: %s", doc)
	}
}

func TestWriteFileRefusesTemplate(t *testing.T) {
	dir := t.TempDir()
	name := dir + "/t.docx"
	if err := os.WriteFile(name, pkg(t, p("{{部门名称}}"), nil), 0o644); err != nil {
		t.Fatal(err)
	}
	tp, err := ParseFile(name, StandardSchema())
	if err != nil {
		t.Fatal(err)
	}
	if err := tp.WriteFile(sample, name); err == nil {
		t.Fatal("wrote over the template")
	}
	out := dir + "/out.docx"
	if err := tp.WriteFile(sample, out); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	if got := text(parts(t, b)["word/document.xml"]); got != "邵东市科工局¶" {
		t.Errorf("got %q", got)
	}
	// filling twice from one template gives the same bytes
	var a, c bytes.Buffer
	tp.Fill(sample, &a)
	tp.Fill(sample, &c)
	if !bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("fills differ")
	}
}
