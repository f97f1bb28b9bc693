package read

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryFixtureTotalOrRefused extends the property of the real-layout
// fixtures to the reader's older fixtures and the samples: each gives the
// total worked out by hand in MANIFEST.md / samples/README.md, or is refused
// naming why. A new fixture without an entry here fails the test.
func TestEveryFixtureTotalOrRefused(t *testing.T) {
	want := map[string]string{
		// MANIFEST: 9.5 + 20+5+15+10+30+10.
		"single-project.xlsx": "99.50",
		// Two projects of 99.5, weighted by their 全年预算数.
		"headers-variants.xlsx": "99.50",
		"zero-total.xlsx":       "99.50",
		// The totals come from the breakdown rows; formulas computed or cached.
		"formulas.xlsx":             "99.50",
		"formulas-libreoffice.xlsx": "99.50",
		// The department form: 9.7 + 20+9+10+10+15+15+10.
		"odd-sheets.xlsx":     "98.70",
		"yuan-units.xlsx":     "98.70",
		"weights-merged.xlsx": "98.70",
		// samples/README.md: 9.80 + 89.33.
		"libreoffice-roundtrip.xlsx": "99.13",
		"邵东市科工局2019年度绩效自评表.xlsx":     "99.13",
		"某县农业农村局-高标准农田项目2020.xlsx":   "98.27",
		"values-as-typed.xlsx":       "refused: 指标“宣传培训次数”的实际完成值为空",
		"mismatch.xlsx":              "refused: 按规则计算为93.06分，相差6.94分，超过了5分",
		"绩效自评表-空白.xlsx":              "refused: 工作簿中的绩效自评表都未填写",
	}
	files, _ := filepath.Glob("testdata/*.xlsx")
	samples, _ := filepath.Glob("../../samples/*.xlsx")
	for _, f := range append(files, samples...) {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			w, ok := want[name]
			if !ok {
				t.Fatalf("no hand-computed outcome for %s: add one", name)
			}
			data := mustRead(t, f)
			total, refusal := outcome(data)
			if r, isRefusal := strings.CutPrefix(w, "refused: "); isRefusal {
				if total != "" || !strings.Contains(refusal, r) {
					t.Errorf("got total %q / refusal %q, want refused with %q", total, refusal, r)
				}
				return
			}
			if total != w {
				t.Errorf("total %q (refusal %q), want %s", total, refusal, w)
			}
		})
	}
}
