package word

import (
	"os"
	"strings"
	"testing"
)

func TestLibreOfficeTemplates(t *testing.T) {
	d := realisticData()
	d["绩效指标"] = d["绩效指标"].([]Data)[10:12]
	cases := []struct {
		file  string
		parts map[string]string
	}{
		{"testdata/lo_report.docx", map[string]string{
			"word/document.xml": "邵东市科技和工业信息化局2019年度绩效自评报告¶部门：邵东市科技和工业信息化局，总分96.69，等级优。¶" +
				"★新增规模工业企业133家，同比增长20.91%¶",
		}},
		{"testdata/lo_header.docx", map[string]string{
			"word/document.xml": "总分：96.69，等级：优¶部门整体支出绩效自评表!H18：资金拨付及时率未达到年度指标值，未填写偏差原因分析¶部门整体支出绩效自评表!G21：公用经费超出控制数4.50万元¶" +
				"资金拨付及时率¶3.87¶|偏差：受机构改革影响，部分资金拨付滞后¶¶|项目按期完成率¶4.00¶|偏差：¶¶|",
			"word/header1.xml": "邵东市科技和工业信息化局（2019）¶",
			"word/footer1.xml": "第1页 评价日期：2020年3月20日¶",
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			tpl, err := os.ReadFile(c.file)
			if err != nil {
				t.Fatal(err)
			}
			out := fill(t, tpl, StandardSchema(), d)
			ps := parts(t, out)
			for part, want := range c.parts {
				got := text(ps[part])
				if !strings.HasPrefix(got, want) {
					t.Errorf("%s:\n got %q\nwant %q…", part, got, want)
				}
				if strings.Contains(got, "{{") {
					t.Errorf("%s: a tag is left: %q", part, got)
				}
			}
			toPDF(t, out, t.TempDir(), "lo")
		})
	}
}
