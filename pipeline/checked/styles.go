package checked

import "strconv"

// styles patches xl/styles.xml: it appends the red fill and, for each
// distinct style of a marked cell, a copy of that cell format with the red
// fill (so borders, font, number format, alignment and protection stay the
// clerk's), then what 核查意见 needs. Nothing already there moves.
type styles struct {
	src                            []byte
	fonts, fills, borders, xfs     tag // start tags
	fontsEnd, fillsEnd, bordersEnd int // offsets of their end tags
	xfsEnd                         int
	nFonts, nFills, nBorders       int
	xf                             []tag // the start tag of each cell format
	xfEnd                          []int // and its end
	clones                         []int // base format of each red format, in order
	cloneOf                        map[int]int
}

// listStyles are the formats of 核查意见's cells.
type listStyles struct{ head, wrap, header, link int }

func parseStyles(b []byte) (*styles, error) {
	s := &styles{src: b, cloneOf: map[int]int{}}
	rt, err := root(b)
	if err != nil {
		return nil, err
	}
	if p, ok := nsPrefix(b, rt, nsMain); !ok || p != "" || !rt.is("styleSheet") {
		return nil, cannot("styles part not a transitional styleSheet")
	}
	count := func(t tag, child string, n *int) (int, error) {
		return children(b, t, func(c tag) (int, error) {
			if c.is(child) {
				*n++
			}
			return skip(b, c)
		})
	}
	var found int
	_, err = children(b, rt, func(c tag) (int, error) {
		var err error
		switch string(c.name) {
		case "fonts":
			s.fonts, found = c, found|1
			s.fontsEnd, err = count(c, "font", &s.nFonts)
		case "fills":
			s.fills, found = c, found|2
			s.fillsEnd, err = count(c, "fill", &s.nFills)
		case "borders":
			s.borders, found = c, found|4
			s.bordersEnd, err = count(c, "border", &s.nBorders)
		case "cellXfs":
			s.xfs, found = c, found|8
			s.xfsEnd, err = children(b, c, func(x tag) (int, error) {
				end, err := skip(b, x)
				if x.is("xf") {
					s.xf = append(s.xf, x)
					s.xfEnd = append(s.xfEnd, end)
				}
				return end, err
			})
		default:
			return skip(b, c)
		}
		if err != nil {
			return 0, err
		}
		return skip(b, c)
	})
	if err != nil {
		return nil, err
	}
	if found != 15 || s.fonts.self || s.fills.self || s.borders.self || s.xfs.self {
		return nil, cannot("styles without fonts, fills, borders or cellXfs")
	}
	if s.nFills < 2 || s.nFonts < 1 || len(s.xf) < 1 {
		return nil, cannot("styles without the two reserved fills, a font or a cell format")
	}
	return s, nil
}

// red is the index of the red version of cell format base.
func (s *styles) red(base int) (int, error) {
	if base < 0 || base >= len(s.xf) {
		return 0, cannot("cell style index outside cellXfs")
	}
	if i, ok := s.cloneOf[base]; ok {
		return i, nil
	}
	i := len(s.xf) + len(s.clones)
	s.clones = append(s.clones, base)
	s.cloneOf[base] = i
	return i, nil
}

// The parts 核查意见 adds, as excelize wrote them for the same styles.
const (
	fontHead   = `<font><b val="1"/><sz val="12"/><color/><family val="2"/></font>`
	fontHeader = `<font><b val="1"/><color/><family val="2"/></font>`
	fontLink   = `<font><u val="single"/><color rgb="FF0563C1"/><family val="2"/></font>`
	fillMark   = `<fill><patternFill patternType="solid"><fgColor rgb="FF` + markFill + `"/></patternFill></fill>`
	fillHeader = `<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/></patternFill></fill>`
	borderGrid = `<border><left style="thin"><color rgb="FF999999"/></left><right style="thin"><color rgb="FF999999"/></right>` +
		`<top style="thin"><color rgb="FF999999"/></top><bottom style="thin"><color rgb="FF999999"/></bottom></border>`
)

// finish returns the patched part and the formats of 核查意见.
func (s *styles) finish() ([]byte, listStyles, error) {
	b := s.src
	var edits []edit
	setCount := func(t tag, n int) {
		if _, vs, ve, ok := attr(b, t, "count"); ok {
			edits = append(edits, edit{vs, ve, strconv.AppendInt(nil, int64(n), 10)})
		}
	}
	fHead, fHeader, fLink := s.nFonts, s.nFonts+1, s.nFonts+2
	edits = append(edits, edit{s.fontsEnd, s.fontsEnd, []byte(fontHead + fontHeader + fontLink)})
	setCount(s.fonts, s.nFonts+3)
	mark, hdrFill := s.nFills, s.nFills+1
	edits = append(edits, edit{s.fillsEnd, s.fillsEnd, []byte(fillMark + fillHeader)})
	setCount(s.fills, s.nFills+2)
	grid := s.nBorders
	edits = append(edits, edit{s.bordersEnd, s.bordersEnd, []byte(borderGrid)})
	setCount(s.borders, s.nBorders+1)

	var xfs []byte
	for _, base := range s.clones {
		xfs = s.redXf(xfs, base, mark)
	}
	n := len(s.xf) + len(s.clones)
	ls := listStyles{head: n, wrap: n + 1, header: n + 2, link: n + 3}
	itoa := strconv.Itoa
	xfs = append(xfs, `<xf numFmtId="0" fontId="`+itoa(fHead)+`" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>`+
		`<xf numFmtId="0" fontId="0" fillId="0" borderId="`+itoa(grid)+`" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`+
		`<xf numFmtId="0" fontId="`+itoa(fHeader)+`" fillId="`+itoa(hdrFill)+`" borderId="`+itoa(grid)+`" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>`+
		`<xf numFmtId="0" fontId="`+itoa(fLink)+`" fillId="0" borderId="`+itoa(grid)+`" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>`...)
	edits = append(edits, edit{s.xfsEnd, s.xfsEnd, xfs})
	setCount(s.xfs, n+4)
	out, err := apply(b, edits)
	return out, ls, err
}

// redXf appends cell format base with fillId set to fill and applyFill on,
// everything else as it was.
func (s *styles) redXf(dst []byte, base, fill int) []byte {
	b, t := s.src, s.xf[base]
	edits := []edit{setAttr(b, t, "fillId", strconv.AppendInt(nil, int64(fill), 10)), setAttr(b, t, "applyFill", []byte("1"))}
	for i := range edits { // the format is patched on its own
		edits[i].at -= t.start
		edits[i].end -= t.start
	}
	x, _ := apply(b[t.start:s.xfEnd[base]], edits) // two distinct attributes cannot overlap
	return append(dst, x...)
}
