package report

import (
	"archive/zip"
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/read"
	"github.com/jixiao/jixiao/pipeline/word"
	"github.com/jixiao/jixiao/samples/sheetgen"
	"github.com/jixiao/jixiao/templates"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// docxText is a report's document.xml as text: a line per paragraph (line
// breaks kept), a line per table row with its cells joined by " | ", and
// "[图]" for a picture.
func docxText(t *testing.T, docx []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	var doc []byte
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			doc, _ = io.ReadAll(r)
			r.Close()
		}
	}
	s := string(doc)
	s = regexp.MustCompile(`<w:br/>`).ReplaceAllString(s, "\n")
	s = regexp.MustCompile(`<w:tab/>`).ReplaceAllString(s, "\t")
	s = regexp.MustCompile(`(?s)<w:drawing>.*?</w:drawing>`).ReplaceAllString(s, "[图]")
	block := regexp.MustCompile(`(?s)<w:tbl>.*?</w:tbl>|<w:p[ >].*?</w:p>`)
	rowRe := regexp.MustCompile(`(?s)<w:tr[ >].*?</w:tr>`)
	cellRe := regexp.MustCompile(`(?s)<w:tc>.*?</w:tc>`)
	tag := regexp.MustCompile(`<[^>]*>`)
	plain := func(x string) string {
		x = tag.ReplaceAllString(x, "")
		return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`).Replace(x)
	}
	var out []string
	for _, b := range block.FindAllString(s, -1) {
		if strings.HasPrefix(b, "<w:tbl>") {
			for _, r := range rowRe.FindAllString(b, -1) {
				var cells []string
				for _, c := range cellRe.FindAllString(r, -1) {
					if strings.Contains(c, "<w:vMerge/>") {
						cells = append(cells, "〃") // merged with the cell above
						continue
					}
					cells = append(cells, plain(c))
				}
				out = append(out, strings.Join(cells, " | "))
			}
			continue
		}
		if p := plain(b); strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n") + "\n"
}

// partText is the text of one part of a .docx, tags dropped.
func partText(t *testing.T, docx []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(r)
			r.Close()
			return strings.TrimSpace(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(b), ""))
		}
	}
	return ""
}

// percentWorkbook is a department form whose indicators are nearly all
// rates and shares, with last year's values: rises, declines, a reverse
// indicator, a shortfall whose 偏差原因 holds cause and measure.
func percentWorkbook(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	const sheet = "部门整体支出绩效自评表"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	s, err := sheetgen.NewStyles(f)
	if err != nil {
		t.Fatal(err)
	}
	ind := func(l1, l2, name, target, prev, actual string, score float64, dev string) sheetgen.Indicator {
		return sheetgen.Indicator{L1: l1, L2: l2, Name: name, Target: target, Previous: prev, Actual: actual, Max: 10, Score: score, Deviation: dev}
	}
	form := &sheetgen.Form{
		Title: "部门整体支出绩效自评表", Year: "（2021年度）", NameLabel: "部门（单位）名称", Name: "某市统计局",
		Supervisor: "某市人民政府", Implementer: "某市统计局", FundLabel: "资金情况（万元）",
		Funds: []sheetgen.FundRow{
			{Label: "年度资金总额", Initial: 480.0, Budget: 520.0, Executed: 500.0, Max: 10, Rate: sheetgen.Pct(0.9615), Scored: 9.62},
			{Label: "其中：基本支出", Initial: 300.0, Budget: 310.0, Executed: 305.0, Max: "—", Scored: "—"},
			{Label: "项目支出", Initial: 180.0, Budget: 210.0, Executed: 195.0, Max: "—", Scored: "—"},
		},
		Goal: "完成年度统计调查任务，提高统计数据质量和公开水平。", Done: "各项统计调查任务按期完成，数据质量稳定。",
		IndHeader: sheetgen.IndHeader9,
		Indicators: []sheetgen.Indicator{
			ind("产出指标", "数量指标", "统计调查任务完成率", "100%", "98%", "100%", 10, ""),
			ind("产出指标", "质量指标", "数据差错率", "≤1%", "0.8%", "0.6%", 10, ""),
			ind("产出指标", "质量指标", "报表合格率", "≥98%", "99.5%", "97%", 9.9, ""),
			ind("产出指标", "时效指标", "报表按时报送率", "≥95%", "96%", "96%", 10, ""),
			ind("产出指标", "成本指标", "调查经费占预算比重", "≤30%", "31.5%", "28.4%", 10, ""),
			ind("效益指标", "社会效益指标", "统计数据公开率", "100%", "90%", "100%", 10, ""),
			ind("效益指标", "社会效益指标", "统计数据使用量增速", "≥5%", "8%", "6.5%", 10, ""),
			ind("效益指标", "可持续影响指标", "统计人员持证率", "≥90%", "85%", "88%", 9.78,
				"部分新进人员尚未参加资格考试。下一步组织集中培训，年内全部取证。"),
			ind("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "92.5%", "91%", 10, ""),
		},
		TotalMax: 100, TotalScore: 99.29,
		Footer: []string{"填表人：李　华　　联系电话：0000-1234567　　填报日期：2022年2月15日"},
	}
	if _, err := sheetgen.WriteForm(f, s, sheet, form); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "某市统计局2021年度绩效自评表.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// cellRef is a Sheet!A1 reference, which belongs to validate and the
// checked workbook, never to the report.
var cellRef = regexp.MustCompile(`[^\s|“”（）()]+[!！][A-Z]{1,3}[0-9]+`)

// TestGoldenReports: the .docx text of the department sample, the project
// sample and a percentage-heavy workbook (go test ./pipeline/report -run
// TestGoldenReports -update rewrites them), none with a cell reference.
func TestGoldenReports(t *testing.T) {
	tp, err := word.Parse(templates.DefaultReport, word.StandardSchema())
	if err != nil {
		t.Fatal(err)
	}
	p := &Pipeline{Config: compute.Defaults(), Read: read.DefaultOptions(), Word: WordRenderer{T: tp},
		Now: func() time.Time { return time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC) }}
	for name, path := range map[string]string{
		"department.txt": sample,
		"project.txt":    "../../samples/某县农业农村局-高标准农田项目2020.xlsx",
		"percent.txt":    percentWorkbook(t),
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			res, err := p.Process(path, dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Failed() {
				t.Fatalf("no report: %v", res.Findings)
			}
			var docx []byte
			for _, f := range res.Files {
				if strings.HasSuffix(f, ".docx") {
					docx, _ = os.ReadFile(f)
				}
			}
			got := docxText(t, docx)
			if m := cellRef.FindAllString(got, -1); m != nil {
				t.Errorf("the report shows cell references: %q", m)
			}
			// the score is stated once; no boilerplate, no clerk's instruction
			if n := strings.Count(got, "绩效自评得分为"); n != 1 {
				t.Errorf("the score is stated %d times", n)
			}
			for _, bad := range []string{"以自评表填报数据为准", "请在此补充", "请填写", "请核对", "上年无此项", "—万元"} {
				if strings.Contains(got, bad) {
					t.Errorf("the report says %q", bad)
				}
			}
			golden := filepath.Join("testdata", "golden", name)
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./pipeline/report -run TestGoldenReports -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the golden file (go test ./pipeline/report -run TestGoldenReports -update, then read the diff):\n%s", name, got)
			}
		})
	}
}

// The configured date wins over the form's 填报日期, which wins over the
// run date; the .json says the kind and title the .docx says.
func TestDateAndKind(t *testing.T) {
	tp, err := word.Parse(templates.DefaultReport, word.StandardSchema())
	if err != nil {
		t.Fatal(err)
	}
	p := &Pipeline{Config: compute.Defaults(), Read: read.DefaultOptions(), Word: WordRenderer{T: tp},
		Now: func() time.Time { return time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC) }}
	cases := []struct {
		path, kind, title, date string
		fixed                   time.Time
	}{
		{sample, "department", "邵东市科技和工业信息化局2019年度部门整体支出绩效评价报告", "2020年3月18日", time.Time{}},
		{sample, "department", "邵东市科技和工业信息化局2019年度部门整体支出绩效评价报告", "2020年4月1日", time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC)},
		{"../../samples/某县农业农村局-高标准农田项目2020.xlsx", "project", "某县农业农村局2020年高标准农田建设项目支出绩效自评报告", "2026年11月29日", time.Time{}},
	}
	for _, c := range cases {
		p.Date = c.fixed
		dir := t.TempDir()
		res, err := p.Process(c.path, dir, nil)
		if err != nil || res.Failed() {
			t.Fatalf("%s: %v %v", c.path, err, res.Findings)
		}
		for _, f := range res.Files {
			b, _ := os.ReadFile(f)
			switch filepath.Ext(f) {
			case ".json":
				if !strings.Contains(string(b), `"kind": "`+c.kind+`"`) || !strings.Contains(string(b), `"title": "`+c.title+`"`) {
					t.Errorf("%s: json lacks kind %s / title %s", f, c.kind, c.title)
				}
			case ".docx":
				txt := docxText(t, b)
				if !strings.HasPrefix(txt, c.title+"\n") || !strings.HasSuffix(txt, c.date+"\n") {
					t.Errorf("%s: want title %s and date %s:\n%s", f, c.title, c.date, txt)
				}
				if h := partText(t, b, "word/header1.xml"); h != c.title {
					t.Errorf("%s: page header %q, want %q", f, h, c.title)
				}
			}
		}
	}
}
