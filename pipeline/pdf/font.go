package pdf

import (
	"github.com/jixiao/jixiao/pipeline/fonts"
)

// documentFont returns the font a document embeds: the embedded font cut
// to the runes the document draws, and ASCII (gofpdf writes the widths of
// every font character below 256 into the PDF, so ASCII keeps the width
// array it always had). The font lives in s until s is reused.
func (s *scratch) documentFont(used map[rune]bool) ([]byte, error) {
	runes := s.runes[:0]
	for r := rune(0x20); r < 0x7F; r++ {
		runes = append(runes, r)
	}
	for r := range used {
		if r >= 0x7F {
			runes = append(runes, r)
		}
	}
	s.runes = runes
	font, err := fonts.AppendSubset(s.font, runes)
	if err != nil {
		return nil, err
	}
	s.font = font
	return font, nil
}
