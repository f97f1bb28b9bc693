package report

import (
	"encoding/json"
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
	"github.com/jixiao/jixiao/templates"
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

// BenchmarkCompute is the computation alone.
func BenchmarkCompute(b *testing.B) {
	wb, err := read.File(sample, read.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	cfg := compute.Defaults()
	b.ReportAllocs()
	for b.Loop() {
		compute.Evaluate(wb, cfg, nil)
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
