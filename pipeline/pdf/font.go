package pdf

import (
	"github.com/jixiao/jixiao/pipeline/fonts"
)

// documentFont returns the font a document embeds: the embedded font cut
// to the runes the document draws, and ASCII (gofpdf writes the widths of
// every font character below 256 into the PDF, so ASCII keeps the width
// array it always had).
func documentFont(used map[rune]bool) ([]byte, error) {
	runes := make([]rune, 0, len(used)+0x5F)
	for r := rune(0x20); r < 0x7F; r++ {
		runes = append(runes, r)
	}
	for r := range used {
		if r >= 0x7F {
			runes = append(runes, r)
		}
	}
	return fonts.Subset(runes)
}
