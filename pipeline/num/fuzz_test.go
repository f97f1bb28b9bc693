package num

import (
	"strings"
	"testing"
)

// The parsers take any cell text without panicking, and what they accept is
// consistent: a parsed number prints back to a value that parses the same
// (up to the 64 characters a figure may have).
func FuzzParse(f *testing.F) {
	for _, s := range []string{"838.6", "1,234.50", "１２３．５", "95%", "（12.5）", "—", "1e999999", "≥50个", "不超过3个工作日",
		"90%-100%", "12月底前", "＞８０％", "(", ")", "%", "≥", "不低于", "以上", "(含)", "1e3", "-", ".", "\xff", "≥95%（含）"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNumber(s)
		if err == nil && n.Value.Valid && len(n.Value.D.String()) <= 64 {
			back, err := ParseNumber(n.Value.D.String())
			if err != nil || !back.Value.D.Equal(n.Value.D) {
				t.Errorf("ParseNumber(%q) = %s, which does not parse back: %v %v", s, n.Value.D, back.Value, err)
			}
			_ = Fixed2(n.Value) + Percent(n.Value) + MoneyWan(n.Value)
		}
		m := ParseMeasure(s)
		if m.Qualitative() != (m.Op == "") {
			t.Errorf("ParseMeasure(%q): op %q with value %v", s, m.Op, m.Value)
		}
		if m.Text != strings.TrimSpace(s) {
			t.Errorf("ParseMeasure(%q).Text = %q", s, m.Text)
		}
		_ = IsEmpty(s)
	})
}
