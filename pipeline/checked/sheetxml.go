package checked

import (
	"bytes"
	"errors"
	"math"
	"strconv"
)

// wsOrder is the order of a worksheet's elements in CT_Worksheet: an
// element the patch adds goes before the first one that must follow it.
var wsOrder = func() map[string]int {
	m := map[string]int{}
	for i, n := range []string{"sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData",
		"sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState",
		"dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
		"dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
		"rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
		"drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
		"webPublishItems", "tableParts", "extLst"} {
		m[n] = i + 1
	}
	return m
}()

// mark is a cell to fill red and comment on.
type mark struct {
	col, row int
	cell     string // as the findings name it, "E13"
	text     string // the comment
}

// geom is what excelize sizes a comment box by: column widths and row
// heights of the sheet.
type geom struct {
	cols                          []colSpec
	defaultColWidth, baseColWidth float64
	defaultRowHeight              float64
	rowHt                         map[int]float64
	// zeroHeight: rows the sheet does not list are hidden
	// (sheetFormatPr zeroHeight="1"); a row the patch adds stays hidden.
	zeroHeight bool
}

type colSpec struct {
	min, max        int
	width           float64
	hasWidth        bool
	style, hasStyle int // hasStyle is 1 when the col has a style attribute
}

// colPx is the width of column col in pixels, as excelize's getColWidth.
func (g *geom) colPx(col int) int {
	for _, c := range g.cols {
		if c.min <= col && col <= c.max && c.hasWidth {
			return int(widthPx(c.width))
		}
	}
	if g.defaultColWidth > 0 {
		return int(widthPx(g.defaultColWidth))
	}
	if g.baseColWidth > 0 {
		return int(widthPx(float64(uint8(g.baseColWidth)))) + 5
	}
	return 64
}

func widthPx(w float64) float64 {
	if w == 0 {
		return 0
	}
	return float64(int(w*8 + 0.5))
}

// rowPx is the height of row in pixels, as excelize's getRowHeight.
func (g *geom) rowPx(row int) int {
	if h, ok := g.rowHt[row]; ok {
		return int(heightPx(h))
	}
	if g.defaultRowHeight > 0 {
		return int(heightPx(g.defaultRowHeight))
	}
	return 20
}

func heightPx(h float64) float64 {
	if h == 0 {
		return 0
	}
	return math.Ceil(4.0 / 3.4 * h)
}

// anchor is the x:Anchor of a comment box on (col, row) the size excelize
// gives it: "LeftColumn, LeftOffset, TopRow, TopOffset, RightColumn,
// RightOffset, BottomRow, BottomOffset".
func (g *geom) anchor(dst []byte, col, row int) []byte {
	colIdx, rowIdx := col-1, row-1
	colEnd, rowEnd := colIdx, rowIdx
	x2, y2 := commentWidth, commentHeight
	for colEnd < maxCols && x2 >= g.colPx(colEnd+1) {
		colEnd++
		x2 -= g.colPx(colEnd)
	}
	for rowEnd < maxRows && y2 >= g.rowPx(rowEnd+1) {
		rowEnd++
		y2 -= g.rowPx(rowEnd)
	}
	for i, n := range []int{colIdx, 23, rowIdx, 0, colEnd, x2, rowEnd, y2} {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = strconv.AppendInt(dst, int64(n), 10)
	}
	return dst
}

// errViewsDone stops the walk over a sheet without marks past its views.
var errViewsDone = errors.New("views done")

// wsEdit patches one sheet part: it clears tabSelected and, for a sheet
// with marks, gives each marked cell its red style (creating the cell and
// its row when the sheet has none) and adds the legacyDrawing that shows
// the comments.
type wsEdit struct {
	src   []byte
	marks []mark // sorted by row, then column
	style func(base int) (int, error)
	rID   string // of the VML drawing, for legacyDrawing
	edits []edit
	geom  geom
	// new cells, to widen the dimension
	newCells   bool
	minC, minR int
	maxC, maxR int
}

func (e *wsEdit) add(at, end int, text []byte) {
	e.edits = append(e.edits, edit{at, end, text})
}

// run makes the edits and returns the patched part, or nil when nothing
// changed.
func (e *wsEdit) run() ([]byte, error) {
	b := e.src
	rt, err := root(b)
	if err != nil {
		return nil, err
	}
	if p, ok := nsPrefix(b, rt, nsMain); !ok || p != "" {
		return nil, cannot("sheet part not in the transitional SpreadsheetML namespace")
	}
	marking := len(e.marks) > 0
	if marking && !rt.is("worksheet") {
		return nil, cannot("marks on a part that is not a worksheet: " + string(rt.name))
	}
	e.geom.rowHt = map[int]float64{}
	insertAt := -1
	var dim tag
	hasDim, done := false, false
	end, err := children(b, rt, func(c tag) (int, error) {
		name := string(c.name)
		o, known := wsOrder[name]
		if !known && marking {
			return 0, cannot("worksheet element the patch does not know: " + name)
		}
		if !marking && o > wsOrder["sheetViews"] {
			return 0, errViewsDone // the rest cannot hold a sheet view
		}
		if marking && insertAt < 0 && o > wsOrder["legacyDrawing"] {
			insertAt = c.start
		}
		switch name {
		case "legacyDrawing":
			if marking {
				return 0, cannot("sheet already has comments or controls (legacyDrawing)")
			}
		case "dimension":
			dim, hasDim = c, true
		case "sheetViews":
			return each(b, c, func(v tag) (int, error) {
				if v.is("sheetView") && attrTrue(b, v, "tabSelected") {
					_, vs, ve, _ := attr(b, v, "tabSelected")
					e.add(vs, ve, []byte("0"))
				}
				return skip(b, v)
			})
		case "sheetFormatPr":
			g := &e.geom
			g.defaultColWidth, _ = attrFloat(b, c, "defaultColWidth")
			g.baseColWidth, _ = attrFloat(b, c, "baseColWidth")
			g.defaultRowHeight, _ = attrFloat(b, c, "defaultRowHeight")
			g.zeroHeight = attrTrue(b, c, "zeroHeight")
		case "cols":
			return each(b, c, func(col tag) (int, error) {
				if col.is("col") {
					var s colSpec
					s.min, _ = attrInt(b, col, "min")
					s.max, _ = attrInt(b, col, "max")
					s.width, s.hasWidth = attrFloat(b, col, "width")
					if st, ok := attrInt(b, col, "style"); ok {
						s.style, s.hasStyle = st, 1
					}
					e.geom.cols = append(e.geom.cols, s)
				}
				return skip(b, col)
			})
		case "sheetData":
			if marking {
				done = true
				return e.sheetData(c)
			}
		}
		return skip(b, c)
	})
	if err == errViewsDone {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	if marking {
		if !done {
			return nil, cannot("worksheet without sheetData")
		}
		if insertAt < 0 {
			insertAt = end
		}
		rp, ok := nsPrefix(b, rt, nsRel)
		if !ok {
			if _, _, _, taken := attr(b, rt, "xmlns:r"); taken {
				return nil, cannot("prefix r bound to another namespace")
			}
			rp = "r"
			at := rt.start + 1 + len(rt.name)
			e.add(at, at, []byte(` xmlns:r="`+nsRel+`"`))
		}
		if rp == "" {
			return nil, cannot("relationships as the default namespace")
		}
		e.add(insertAt, insertAt, []byte(`<legacyDrawing `+rp+`:id="`+e.rID+`"/>`))
		if hasDim && e.newCells {
			e.widenDimension(dim)
		}
	}
	if len(e.edits) == 0 {
		return nil, nil
	}
	return apply(b, e.edits)
}

// sheetData marks the cells of e.marks in the sheetData element c.
func (e *wsEdit) sheetData(c tag) (int, error) {
	b := e.src
	mi, last := 0, 0
	end, err := children(b, c, func(r tag) (int, error) {
		if !r.is("row") {
			return 0, cannot("sheetData holds " + string(r.name))
		}
		rn, ok := attrInt(b, r, "r")
		if !ok {
			return 0, cannot("a row without its number (r)")
		}
		if rn <= last || rn > maxRows {
			return 0, cannot("rows out of order")
		}
		last = rn
		if ht, ok := attrFloat(b, r, "ht"); ok {
			e.geom.rowHt[rn] = ht
		}
		for mi < len(e.marks) && e.marks[mi].row < rn {
			j := sameRow(e.marks, mi)
			if err := e.newRow(r.start, e.marks[mi:j]); err != nil {
				return 0, err
			}
			mi = j
		}
		if mi < len(e.marks) && e.marks[mi].row == rn {
			j := sameRow(e.marks, mi)
			if err := e.row(r, rn, e.marks[mi:j]); err != nil {
				return 0, err
			}
			mi = j
		}
		return skip(b, r)
	})
	if err != nil {
		return 0, err
	}
	after := end
	if !c.self {
		after = end + bytes.IndexByte(b[end:], '>') + 1
	}
	if mi == len(e.marks) {
		return after, nil
	}
	if c.self {
		// <sheetData/> becomes <sheetData>rows</sheetData>.
		var rows []byte
		for mi < len(e.marks) {
			j := sameRow(e.marks, mi)
			text, err := e.rowText(e.marks[mi:j])
			if err != nil {
				return 0, err
			}
			rows = append(rows, text...)
			mi = j
		}
		e.add(c.end-2, c.end, append(append([]byte(">"), rows...), "</sheetData>"...))
		return c.end, nil
	}
	for mi < len(e.marks) {
		j := sameRow(e.marks, mi)
		if err := e.newRow(end, e.marks[mi:j]); err != nil {
			return 0, err
		}
		mi = j
	}
	return after, nil
}

func sameRow(ms []mark, i int) int {
	j := i + 1
	for j < len(ms) && ms[j].row == ms[i].row {
		j++
	}
	return j
}

// newRow inserts at offset at a row holding only the new marked cells.
func (e *wsEdit) newRow(at int, ms []mark) error {
	text, err := e.rowText(ms)
	if err != nil {
		return err
	}
	e.add(at, at, text)
	return nil
}

func (e *wsEdit) rowText(ms []mark) ([]byte, error) {
	text := []byte(`<row r="`)
	text = strconv.AppendInt(text, int64(ms[0].row), 10)
	if e.geom.zeroHeight {
		text = append(text, `" hidden="1`...)
	}
	text = append(text, `">`...)
	for _, m := range ms {
		var err error
		if text, err = e.newCell(text, m, -1); err != nil {
			return nil, err
		}
	}
	return append(text, "</row>"...), nil
}

// newCell appends an empty cell for m with the red version of the style
// Excel shows there: the row's (when the row has a custom format, rowStyle
// ≥ 0), else the column's, else the default.
func (e *wsEdit) newCell(dst []byte, m mark, rowStyle int) ([]byte, error) {
	base := rowStyle
	if base < 0 {
		base = 0
		for _, c := range e.geom.cols {
			if c.min <= m.col && m.col <= c.max && c.hasStyle == 1 {
				base = c.style
				break
			}
		}
	}
	s, err := e.style(base)
	if err != nil {
		return nil, err
	}
	if !e.newCells {
		e.minC, e.minR, e.maxC, e.maxR = m.col, m.row, m.col, m.row
		e.newCells = true
	}
	e.minC, e.minR = min(e.minC, m.col), min(e.minR, m.row)
	e.maxC, e.maxR = max(e.maxC, m.col), max(e.maxR, m.row)
	dst = append(dst, `<c r="`...)
	dst = append(dst, m.cell...)
	dst = append(dst, `" s="`...)
	dst = strconv.AppendInt(dst, int64(s), 10)
	return append(dst, `"/>`...), nil
}

// row marks ms (sorted by column) in the existing row r, number rn.
func (e *wsEdit) row(r tag, rn int, ms []mark) error {
	b := e.src
	rowStyle := -1
	if attrTrue(b, r, "customFormat") {
		rowStyle, _ = attrInt(b, r, "s")
	}
	if r.self {
		// <row …/> becomes <row …>cells</row>.
		text := []byte(">")
		for _, m := range ms {
			var err error
			if text, err = e.newCell(text, m, rowStyle); err != nil {
				return err
			}
		}
		e.add(r.end-2, r.end, append(text, "</row>"...))
		e.widenSpans(r, ms)
		return nil
	}
	last := 0
	var added []mark // the cells created in the row, wherever they go
	insert := func(at int, upTo int) error {
		var text []byte
		for len(ms) > 0 && ms[0].col < upTo {
			var err error
			if text, err = e.newCell(text, ms[0], rowStyle); err != nil {
				return err
			}
			added = append(added, ms[0])
			ms = ms[1:]
		}
		if text != nil {
			e.add(at, at, text)
		}
		return nil
	}
	end, err := children(b, r, func(c tag) (int, error) {
		if !c.is("c") {
			// extLst: cells go before it.
			if err := insert(c.start, maxCols+1); err != nil {
				return 0, err
			}
			return skip(b, c)
		}
		ref, ok := attrVal(b, c, "r")
		if !ok {
			return 0, cannot("a cell without its reference (r)")
		}
		col, crow, ok := parseCell(ref)
		if !ok || crow != rn || col <= last {
			return 0, cannot("cell reference out of place: " + ref)
		}
		last = col
		if err := insert(c.start, col); err != nil {
			return 0, err
		}
		if len(ms) > 0 && ms[0].col == col {
			base := 0
			if s, ok := attrInt(b, c, "s"); ok {
				base = s
			}
			s, err := e.style(base)
			if err != nil {
				return 0, err
			}
			e.edits = append(e.edits, setAttr(b, c, "s", strconv.AppendInt(nil, int64(s), 10)))
			ms = ms[1:]
		}
		return skip(b, c)
	})
	if err != nil {
		return err
	}
	if err := insert(end, maxCols+1); err != nil {
		return err
	}
	e.widenSpans(r, added)
	return nil
}

// widenSpans widens a row's spans="a:b" (or several ranges, "1:3 5:7") to
// one range covering them and the new cells (spans is only a hint, but it
// should not lie).
func (e *wsEdit) widenSpans(r tag, ms []mark) {
	b := e.src
	_, vs, ve, ok := attr(b, r, "spans")
	if !ok || len(ms) == 0 {
		return
	}
	a, z := -1, -1
	for _, rng := range bytes.Fields(b[vs:ve]) {
		lo, hi, ok := bytes.Cut(rng, []byte(":"))
		if !ok {
			return
		}
		x, err1 := strconv.Atoi(string(lo))
		y, err2 := strconv.Atoi(string(hi))
		if err1 != nil || err2 != nil {
			return
		}
		if a < 0 {
			a, z = x, y
		}
		a, z = min(a, x), max(z, y)
	}
	if a < 0 {
		return
	}
	for _, m := range ms {
		a, z = min(a, m.col), max(z, m.col)
	}
	text := strconv.AppendInt(nil, int64(a), 10)
	text = append(text, ':')
	e.add(vs, ve, strconv.AppendInt(text, int64(z), 10))
}

// widenDimension widens <dimension ref> to cover the new cells.
func (e *wsEdit) widenDimension(dim tag) {
	b := e.src
	_, vs, ve, ok := attr(b, dim, "ref")
	if !ok {
		return
	}
	from, to, isRange := bytes.Cut(b[vs:ve], []byte(":"))
	if !isRange {
		to = from
	}
	c1, r1, ok1 := parseCell(string(from))
	c2, r2, ok2 := parseCell(string(to))
	if !ok1 || !ok2 {
		return
	}
	n1, m1 := min(c1, e.minC), min(r1, e.minR)
	n2, m2 := max(c2, e.maxC), max(r2, e.maxR)
	if n1 == c1 && m1 == r1 && n2 == c2 && m2 == r2 {
		return
	}
	text := appendCell(nil, n1, m1)
	text = append(text, ':')
	e.add(vs, ve, appendCell(text, n2, m2))
}
