package pdf

import (
	"bytes"
	"fmt"
	"strconv"
	"sync"

	"github.com/jixiao/jixiao/pipeline/fonts"
	"github.com/jung-kurt/gofpdf"
)

// The font. gofpdf's embedding of a TrueType font costs more than all the
// rest of a summary: on adding the font it parses it and takes an ID from
// a JSON dump of its 65,536-entry width table (1.2 ms); on output it cuts
// the font again, makes a zlib writer (1.2 MB) for the font file and
// another for a 128 KB CIDToGIDMap, and works out the width array (3 ms in
// all). So the summary is drawn on gofpdf with a stand-in, one of gofpdf's
// core fonts, each text written as the two-byte codes of its characters
// (what gofpdf writes for a UTF-8 font: UTF-16BE, the font's CIDs), and
// finish puts the font in the stand-in's place: the same objects gofpdf
// writes for a UTF-8 font (Type0 font, CIDFontType2 with its widths,
// ToUnicode map, CIDSystemInfo, FontDescriptor, CIDToGIDMap and the font
// file, cut by fonts.Cut to exactly the characters drawn), with the
// descriptor's values as gofpdf computes them, compressed with the
// Maker's zlib writer.

// standIn is the core font the summary is drawn with on gofpdf, and
// standInObject the font object gofpdf writes for it (after "N 0 obj\n"),
// which finish replaces.
const (
	standIn       = "helvetica"
	standInObject = "<</Type /Font\n/BaseFont /Helvetica\n/Subtype /Type1\n/Encoding /WinAnsiEncoding\n>>\nendobj\n"
)

// fontName is the font's name as gofpdf writes it for a UTF-8 font added
// as family, "utf8" + family; Write then renames it to a subset name of
// the same length (tagSubset).
const fontName = "utf8" + family // 15 bytes

// toUnicode is gofpdf's ToUnicode CMap: each two-byte code is the UTF-16
// of its character.
const toUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

// cidCanvas draws on gofpdf with the stand-in font, each text as its
// two-byte codes.
type cidCanvas struct {
	*gofpdf.Fpdf
	buf *[]byte // kept in the scratch
}

func (c *cidCanvas) SetFont(_, _ string, size float64) { c.Fpdf.SetFont(standIn, "", size) }

func (c *cidCanvas) Text(x, y float64, s string) {
	b := (*c.buf)[:0]
	for _, r := range s {
		if r > 0xFFFF { // the cleaner replaced these already
			r = Mark
		}
		b = append(b, byte(r>>8), byte(r))
	}
	*c.buf = b
	c.Fpdf.Text(x, y, string(b))
}

// fontDesc is the font's descriptor (ascent, descent, bounding box, …) as
// gofpdf computes it, learned once per process by letting gofpdf parse a
// small cut.
var fontDesc = sync.OnceValues(func() (gofpdf.FontDescType, error) {
	cut, err := fonts.Subset([]rune("绩效"))
	if err != nil {
		return gofpdf.FontDescType{}, err
	}
	p := gofpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes(family, "", cut)
	if err := p.Error(); err != nil {
		return gofpdf.FontDescType{}, err
	}
	return p.GetFontDesc(family, ""), nil
})

// fontObjects is the number of objects the font adds to the stand-in's.
const fontObjects = 6

// writeType0 writes the Type0 font object obj, in the place of the
// stand-in, whose other objects are numbered from first.
func writeType0(out *bytes.Buffer, obj, first int) {
	fmt.Fprintf(out, "%d 0 obj\n<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>\nendobj\n",
		obj, fontName, first, first+1)
}

// writeFont writes the font's other objects, numbered from first, for the
// characters in used, and returns their offsets in out.
func (s *scratch) writeFont(out *bytes.Buffer, first int, used map[rune]bool) ([fontObjects]int, error) {
	var offs [fontObjects]int
	desc, err := fontDesc()
	if err != nil {
		return offs, err
	}
	runes := s.runes[:0]
	for r := range used {
		runes = append(runes, r)
	}
	s.runes = runes
	if err := s.cut.Make(runes); err != nil {
		return offs, err
	}
	cut := &s.cut

	// CIDFontType2, with the widths of the characters drawn: runs of
	// consecutive codes, as "first [w1 w2 …]", or "first last w" when
	// they all have one width.
	offs[0] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /%s\n/CIDSystemInfo %d 0 R\n/FontDescriptor %d 0 R\n",
		first, fontName, first+2, first+3)
	if desc.MissingWidth != 0 {
		fmt.Fprintf(out, "/DW %d\n", desc.MissingWidth)
	}
	out.WriteString("/W [")
	b := out.AvailableBuffer()
	for i := 0; i < len(cut.Runes); {
		j := i + 1
		same := true
		w0, _ := fonts.Width(cut.Runes[i])
		for j < len(cut.Runes) && cut.Runes[j] == cut.Runes[j-1]+1 {
			if w, _ := fonts.Width(cut.Runes[j]); w != w0 {
				same = false
			}
			j++
		}
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(cut.Runes[i]), 10)
		if same && j-i > 1 {
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(cut.Runes[j-1]), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(w0), 10)
		} else {
			b = append(b, " ["...)
			for k := i; k < j; k++ {
				w, _ := fonts.Width(cut.Runes[k])
				b = append(b, ' ')
				b = strconv.AppendInt(b, int64(w), 10)
			}
			b = append(b, " ]"...)
		}
		i = j
	}
	out.Write(b)
	fmt.Fprintf(out, " ]\n/CIDToGIDMap %d 0 R>>\nendobj\n", first+4)

	// ToUnicode.
	offs[1] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Length %d>>\nstream\n%s\nendstream\nendobj\n", first+1, len(toUnicode), toUnicode)

	// CIDSystemInfo.
	offs[2] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0>>\nendobj\n", first+2)

	// FontDescriptor, as gofpdf writes it (symbolic, not serif).
	offs[3] = out.Len()
	bb := desc.FontBBox
	fmt.Fprintf(out, "%d 0 obj\n<</Type /FontDescriptor /FontName /%s\n /Ascent %d /Descent %d /CapHeight %d /Flags %d/FontBBox [%d %d %d %d]  /ItalicAngle %d /StemV %d /MissingWidth %d/FontFile2 %d 0 R>>\nendobj\n",
		first+3, fontName, desc.Ascent, desc.Descent, desc.CapHeight, (desc.Flags|4)&^32,
		bb.Xmin, bb.Ymin, bb.Xmax, bb.Ymax, desc.ItalicAngle, desc.StemV, desc.MissingWidth, first+5)

	// CIDToGIDMap: each code's glyph, two bytes big-endian.
	if cap(s.cidMap) < 2*0x10000 {
		s.cidMap = make([]byte, 2*0x10000)
	}
	m := s.cidMap[:2*0x10000]
	clear(m)
	for i, r := range cut.Runes {
		if r < 0x10000 {
			m[2*r], m[2*r+1] = byte(cut.Glyphs[i]>>8), byte(cut.Glyphs[i])
		}
	}
	z, err := s.compress(m)
	if err != nil {
		return offs, err
	}
	offs[4] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Length %d/Filter /FlateDecode>>\nstream\n", first+4, len(z))
	out.Write(z)
	out.WriteString("\nendstream\nendobj\n")

	// The font file.
	if z, err = s.compress(cut.Font); err != nil {
		return offs, err
	}
	offs[5] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Length %d\n/Filter /FlateDecode\n/Length1 %d\n>>\nstream\n", first+5, len(z), len(cut.Font))
	out.Write(z)
	out.WriteString("\nendstream\nendobj\n")
	return offs, nil
}
