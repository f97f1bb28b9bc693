package report

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/jixiao/jixiao/pipeline/pdf"
	"github.com/jixiao/jixiao/pipeline/read"
	"github.com/jixiao/jixiao/pipeline/word"
	"github.com/jixiao/jixiao/samples/sheetgen"
	"github.com/jixiao/jixiao/templates"
	"github.com/xuri/excelize/v2"
)

const sample = "../../samples/邵东市科工局2019年度绩效自评表.xlsx"

func pipeline() *Pipeline {
	return &Pipeline{Config: compute.Defaults(), Read: read.DefaultOptions(),
		Now: func() time.Time { return time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC) }}
}

// TestSeedGrowth: the sample's JSON reproduces the seed report's growth
// figures from the workbook's own values.
func TestSeedGrowth(t *testing.T) {
	dir := t.TempDir()
	res, err := pipeline().Process(sample, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed() {
		t.Fatalf("sample failed: %v", res.Findings)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "邵东市科技和工业信息化局-2019-部门整体.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Department string  `json:"department"`
		Year       int     `json:"year"`
		TotalScore float64 `json:"total_score"`
		Grade      string  `json:"grade"`
		Indicators []struct {
			Name string   `json:"name"`
			YoY  *float64 `json:"yoy"`
		} `json:"indicators"`
		Projects []json.RawMessage `json:"projects"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Department != "邵东市科技和工业信息化局" || doc.Year != 2019 || doc.Grade == "" {
		t.Errorf("header: %+v", doc)
	}
	if len(doc.Projects) != 4 {
		t.Errorf("%d projects, want 4", len(doc.Projects))
	}
	want := map[string]string{"规模工业总产值": "12.00%", "工业增加值": "11.00%", "全社会R&D经费支出": "25.00%"}
	found := 0
	for _, in := range res.Eval.Indicators {
		if w, ok := want[in.Name]; ok {
			found++
			if got := num.Percent(in.YoY); got != w {
				t.Errorf("%s: yoy %s, want %s", in.Name, got, w)
			}
		}
	}
	if found != 3 {
		t.Errorf("found %d of the 3 seed indicators", found)
	}
	if !strings.Contains(string(raw), `"yoy": 0.12,`) {
		t.Errorf("规模工业总产值 yoy is not exactly 0.12 in the JSON")
	}
}

// TestBadWorkbookWritesNothing: a bad workbook yields findings and no file.
func TestBadWorkbookWritesNothing(t *testing.T) {
	dir := t.TempDir()
	res, err := pipeline().Process("../read/testdata/bad/truncated.xlsx", dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Failed() || len(res.Findings) == 0 {
		t.Fatalf("not failed: %+v", res)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("output dir has %d entries", len(ents))
	}
}

// BenchmarkReadCompute is read + compute of the sample workbook (a
// department form with 22 indicators, four project forms, a 基础数据表):
// excelize's own parsing included.
func BenchmarkReadCompute(b *testing.B) {
	p := pipeline()
	b.ReportAllocs()
	for b.Loop() {
		if res := p.Evaluate(sample, nil); res.Failed() {
			b.Fatal(res.Findings)
		}
	}
}

// BenchmarkProcessFull is one workbook through the whole pipeline as a
// batch sees it (template parsed and PDF font cut once, outside the loop):
// read + compute + .docx + .pdf + .json, written to disk.
func BenchmarkProcessFull(b *testing.B) {
	t, err := word.Parse(templates.DefaultReport, word.StandardSchema())
	if err != nil {
		b.Fatal(err)
	}
	p := pipeline()
	p.Word, p.PDF = WordRenderer{T: t}, PDFRenderer{M: pdf.NewMaker()}
	dir := b.TempDir()
	if _, err := p.Process(sample, dir, nil); err != nil { // warm the font cut
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if res, err := p.Process(sample, dir, nil); err != nil || res.Failed() {
			b.Fatal(err, res.Findings)
		}
	}
}

// TestThreeHundredIndicators: a large honest form renders. The indicator
// chart is split into figures of chart.PerFigure bars (ten for 300), in
// the .docx under the one template tag and in the PDF each on a page of
// its own when needed; nothing exceeds a renderer's size limit.
func TestThreeHundredIndicators(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "三百项指标.xlsx")
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "部门整体支出绩效自评表")
	st, err := sheetgen.NewStyles(f)
	if err != nil {
		t.Fatal(err)
	}
	// 分值: 10 + 200×0.15 + 60×0.5 + 40×0.75 = 10 + 30 + 30 + 30 = 100;
	// every indicator met, so the total is 100.
	var inds []sheetgen.Indicator
	for i := 0; i < 200; i++ {
		inds = append(inds, sheetgen.Indicator{L1: "产出指标", L2: "数量指标", Name: fmt.Sprintf("建设项目%03d", i), Target: "≥100个", Actual: "101个", Max: 0.15, Score: 0.15})
	}
	for i := 0; i < 60; i++ {
		inds = append(inds, sheetgen.Indicator{L1: "效益指标", L2: "社会效益指标", Name: fmt.Sprintf("受益群众%03d", i), Target: "≥95%", Actual: "96%", Max: 0.5, Score: 0.5})
	}
	for i := 0; i < 40; i++ {
		inds = append(inds, sheetgen.Indicator{L1: "满意度指标", L2: "服务对象满意度指标", Name: fmt.Sprintf("满意度%03d", i), Target: "≥90%", Actual: "93%", Max: 0.75, Score: 0.75})
	}
	form := &sheetgen.Form{Title: "部门整体支出绩效自评表", Year: "（2020年度）", NameLabel: "部门（单位）名称", Name: "某县测试局",
		Supervisor: "某县人民政府", Implementer: "某县测试局", FundLabel: "资金情况（万元）",
		Funds: []sheetgen.FundRow{{Label: "年度资金总额", Initial: 500.0, Budget: 600.0, Executed: 600.0, Max: 10, Rate: sheetgen.Pct(1), Scored: sheetgen.Score(10)}},
		Goal:  "完成年度任务。", Done: "全部完成。",
		IndHeader: sheetgen.IndHeader8, Indicators: inds, TotalMax: 100, TotalScore: sheetgen.Score(100)}
	if _, err := sheetgen.WriteForm(f, st, "部门整体支出绩效自评表", form); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(src); err != nil {
		t.Fatal(err)
	}
	tp, err := word.Parse(templates.DefaultReport, word.StandardSchema())
	if err != nil {
		t.Fatal(err)
	}
	p := pipeline()
	p.Word, p.PDF = WordRenderer{T: tp}, PDFRenderer{M: pdf.NewMaker()}
	res, err := p.Process(src, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed() {
		t.Fatalf("refused: %v", res.Findings.Errors())
	}
	if got := num.Score(res.Eval.TotalScore); got != "100.00" || len(res.Eval.Indicators) != 300 {
		t.Fatalf("total %s over %d indicators", got, len(res.Eval.Indicators))
	}
	docx, err := os.ReadFile(filepath.Join(dir, "某县测试局-2020-部门整体.docx"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	pngs := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "word/media/") && strings.HasSuffix(zf.Name, ".png") {
			pngs++
		}
	}
	// 预算执行图 and the ten parts of 指标完成图.
	if pngs != 11 {
		t.Errorf("%d images in the .docx, want 11", pngs)
	}
	if _, err := os.Stat(filepath.Join(dir, "某县测试局-2020-部门整体.pdf")); err != nil {
		t.Error(err)
	}
}
