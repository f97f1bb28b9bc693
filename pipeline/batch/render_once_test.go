package batch

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/read"
	"github.com/jixiao/jixiao/pipeline/report"
	"github.com/jixiao/jixiao/samples/sheetgen"
)

// countingRenderer writes a stand-in document and counts the renders.
type countingRenderer struct{ n atomic.Int32 }

func (c *countingRenderer) Render(w io.Writer, ev *compute.Evaluation, _ time.Time) (finding.List, error) {
	c.n.Add(1)
	_, err := w.Write([]byte(ev.Department))
	return nil, err
}

func rewriteXLSX(t *testing.T, src []byte, part, old, new string) []byte {
	t.Helper()
	out, err := sheetgen.RewriteParts(src, func(name string, data []byte) []byte {
		if name == part {
			data = bytes.ReplaceAll(data, []byte(old), []byte(new))
		}
		return data
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestLastYearsDataRendersOnce (item 9) with the real pipeline and real
// workbooks: this year's workbook, whose base comes from last year's in
// the ledger, is rendered once (it used to be read and rendered twice).
func TestLastYearsDataRendersOnce(t *testing.T) {
	const projWB = "../../samples/某县农业农村局-高标准农田项目2020.xlsx"
	src, err := os.ReadFile(projWB)
	if err != nil {
		t.Fatal(err)
	}
	word, pdf := &countingRenderer{}, &countingRenderer{}
	p := &report.Pipeline{Config: compute.Defaults(), Read: read.DefaultOptions(), Word: word, PDF: pdf}
	dir := t.TempDir()
	r := newRunner(t, dir, p)
	drop(t, dir, "2019.xlsx", string(rewriteXLSX(t, src, "xl/sharedStrings.xml", "2020年度）", "2019年度）")))
	if s := pass(t, r); s.Processed != 1 {
		t.Fatalf("2019: %+v", s)
	}
	drop(t, dir, "2020.xlsx", string(src))
	if s := pass(t, r); s.Processed != 1 {
		t.Fatalf("2020: %+v", s)
	}
	if word.n.Load() != 2 || pdf.n.Load() != 2 {
		t.Fatalf("renders: word %d pdf %d, want 2 and 2 (one per workbook)", word.n.Load(), pdf.n.Load())
	}
	m, _ := filepath.Glob(filepath.Join(dir, "out", "2020", "*.json"))
	if len(m) != 1 {
		t.Fatalf("%v", m)
	}
	js, _ := os.ReadFile(m[0])
	var ev struct {
		Indicators []struct{ Previous *float64 }
	}
	json.Unmarshal(js, &ev)
	with := 0
	for _, in := range ev.Indicators {
		if in.Previous != nil {
			with++
		}
	}
	if with == 0 {
		t.Fatal("last year's figures were not used")
	}
}
