package fonts

import (
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// metrics are the advance widths of every BMP character of the font, in
// thousandths of an em rounded half up (the unit PDF width arrays and
// gofpdf's GetStringWidth use), 0 for a character the font lacks.
type metrics struct {
	parsed *sfnt.Font
	width  [0x10000]uint16
	has    [0x10000 / 64]uint64
	err    error
}

var (
	metricsOnce sync.Once
	m           *metrics
)

func load() *metrics {
	metricsOnce.Do(func() {
		m = &metrics{}
		f, err := sfnt.Parse(Shared())
		if err != nil {
			m.err = err
			return
		}
		m.parsed = f
		var buf sfnt.Buffer
		upem := fixed.Int26_6(int(f.UnitsPerEm()) << 6)
		for r := rune(0); r < 0x10000; r++ {
			if r >= 0xD800 && r <= 0xDFFF {
				continue
			}
			gi, err := f.GlyphIndex(&buf, r)
			if err != nil || gi == 0 {
				continue
			}
			adv, err := f.GlyphAdvance(&buf, gi, upem, font.HintingNone)
			if err != nil {
				continue
			}
			// At ppem = units per em, adv is in font units, as 26.6.
			den := int64(f.UnitsPerEm()) * 64
			w := (int64(adv)*1000 + den/2) / den
			m.width[r] = uint16(w)
			m.has[r/64] |= 1 << (uint(r) % 64)
		}
	})
	return m
}

// Parsed returns the font parsed once per process, for drawing with
// golang.org/x/image/font/opentype. It is safe for concurrent use when each
// goroutine uses its own sfnt.Buffer (or its own opentype face).
func Parsed() (*sfnt.Font, error) {
	l := load()
	return l.parsed, l.err
}

// Has reports whether the font draws r. Characters beyond U+FFFF are
// reported missing: the PDF writer cannot embed them.
func Has(r rune) bool {
	if r < 0 || r >= 0x10000 {
		return false
	}
	l := load()
	return l.has[r/64]&(1<<(uint(r)%64)) != 0
}

// Width returns the advance width of r in thousandths of an em (what
// gofpdf uses), and whether the font has r. A missing character has width 0.
func Width(r rune) (int, bool) {
	if r < 0 || r >= 0x10000 {
		return 0, false
	}
	l := load()
	return int(l.width[r]), l.has[r/64]&(1<<(uint(r)%64)) != 0
}

// TextWidth returns the width of s at size (in the caller's unit, e.g. pt):
// the sum of the advance widths, no kerning. Missing characters count as
// one em, the width of the mark that replaces them.
func TextWidth(s string, size float64) float64 {
	l := load()
	total := 0
	for _, r := range s {
		if r >= 0 && r < 0x10000 && l.has[r/64]&(1<<(uint(r)%64)) != 0 {
			total += int(l.width[r])
		} else {
			total += 1000
		}
	}
	return float64(total) * size / 1000
}
