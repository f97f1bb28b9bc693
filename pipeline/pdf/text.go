package pdf

import (
	"sort"
	"strings"

	"github.com/jixiao/jixiao/pipeline/chart"
	"github.com/jixiao/jixiao/pipeline/fonts"
)

// Mark replaces a character the PDF cannot show.
const Mark = '〓'

// cleaner maps every string a document prints to what the font can show,
// and collects the characters it replaced.
type cleaner struct {
	replaced map[rune]bool
}

func newCleaner() *cleaner {
	return &cleaner{replaced: map[rune]bool{}}
}

// clean returns s with tabs as spaces, carriage returns and other control
// characters (except newlines) dropped, and characters beyond U+FFFF or
// missing from the font replaced by Mark.
func (c *cleaner) clean(s string) string {
	ok := true
	for _, r := range s {
		if r < 0x20 || !fonts.Has(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7F:
			// control characters are not printed
		case r > 0xFFFF || !fonts.Has(r):
			c.replaced[r] = true
			b.WriteRune(Mark)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (c *cleaner) replacedList() []rune {
	out := make([]rune, 0, len(c.replaced))
	for r := range c.replaced {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// ptPerMM converts.
const mmPerPt = 25.4 / 72

// width is the width in mm of s at size pt.
func width(s string, size float64) float64 { return fonts.TextWidth(s, size) * mmPerPt }

// wrap breaks s into lines no wider than w mm at size pt; newlines in s
// are kept as breaks. Joined (with the newlines), the lines are s.
func wrap(s string, size, w float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, chart.Wrap(para, size, w/mmPerPt, 0)...)
	}
	return out
}
