package read

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/num"
)

// expectation is one entry of testdata/layouts/expected.json, worked out by
// hand ("hand" holds the arithmetic).
type expectation struct {
	Outcome    string `json:"outcome"` // "report" or "refused"
	Total      string `json:"total"`
	Grade      string `json:"grade"`
	Department string `json:"department"`
	Year       int    `json:"year"`
	Layout     string `json:"layout"`
	Refusal    string `json:"refusal"`
	Hand       string `json:"hand"`
}

func layoutExpectations(t *testing.T) map[string]expectation {
	t.Helper()
	b, err := os.ReadFile("testdata/layouts/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]expectation
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/layouts/*.xlsx")
	if len(files) != len(want) || len(files) < 38 {
		t.Fatalf("%d workbooks, %d expectations", len(files), len(want))
	}
	return want
}

// TestLayoutsTotalOrRefused is the property over every real-layout fixture:
// the workbook's total is the hand-computed one, or the workbook is refused
// with the reason named — there is no third outcome. Layout, department and
// year are what the form says.
func TestLayoutsTotalOrRefused(t *testing.T) {
	want := layoutExpectations(t)
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	opt := DefaultOptions()
	opt.ConvertLegacy = false
	for _, name := range names {
		w := want[name]
		t.Run(name, func(t *testing.T) {
			wb, err := File(filepath.Join("testdata/layouts", name), opt)
			var refusal string
			var ev *compute.Evaluation
			switch {
			case err != nil:
				refusal = err.Error()
			case wb.Findings.HasErrors():
				refusal = wb.Findings.Errors()[0].String()
			default:
				ev = compute.Evaluate(wb, compute.Defaults(), nil)
				if ev.Warnings.HasErrors() {
					refusal = ev.Warnings.Errors()[0].String()
				}
			}
			if w.Outcome == "refused" {
				if refusal == "" {
					t.Fatalf("scored %s, want refused naming %q (%s)", num.Score(ev.TotalScore), w.Refusal, w.Hand)
				}
				if !strings.Contains(refusal, w.Refusal) {
					t.Errorf("refused with\n  %s\nwant it to name %q", refusal, w.Refusal)
				}
				return
			}
			if refusal != "" {
				t.Fatalf("refused: %s\nwant total %s (%s)", refusal, w.Total, w.Hand)
			}
			if got := num.Score(ev.TotalScore); got != w.Total || ev.Grade != w.Grade {
				t.Errorf("total %s %s, want %s %s\nhand: %s%s", got, ev.Grade, w.Total, w.Grade, w.Hand, dumpWarnings(ev))
			}
			if ev.Department != w.Department || ev.Year != w.Year {
				t.Errorf("department %q year %d, want %q %d", ev.Department, ev.Year, w.Department, w.Year)
			}
			if ev.Layout != w.Layout {
				t.Errorf("layout %q, want %q", ev.Layout, w.Layout)
			}
		})
	}
}

func dumpWarnings(ev *compute.Evaluation) string {
	var b strings.Builder
	for _, f := range ev.Warnings {
		b.WriteString("\n    " + f.String())
	}
	return b.String()
}

// TestLayoutsGolden compares what the reader makes of each real-layout
// fixture with testdata/golden/layouts/NAME.json (-update rewrites them).
func TestLayoutsGolden(t *testing.T) {
	layoutExpectations(t)
	files, _ := filepath.Glob("testdata/layouts/*.xlsx")
	checkGoldens(t, files, "testdata/golden/layouts")
}
