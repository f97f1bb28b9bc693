package read

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// grid is one sheet as text, merged ranges filled with their top-left value.
type grid struct {
	name  string
	cells [][]string // [row][col], 0-based
	// origin maps a cell inside a merged range to its top-left cell.
	origin map[[2]int][2]int
	// merged holds the ranges, for telling a merged-down label from a new one.
	merged []rect
	// bad marks formula cells that have no cached value and could not be
	// computed: their empty text is no value.
	bad map[[2]int]bool
}

type rect struct{ r1, c1, r2, c2 int } // 0-based, inclusive

func (g *grid) at(r, c int) string {
	if r < 0 || r >= len(g.cells) || c < 0 || c >= len(g.cells[r]) {
		return ""
	}
	return g.cells[r][c]
}

// ref names a cell as a clerk sees it ("D7"), the top-left of its merged
// range when it is inside one.
func (g *grid) ref(r, c int) string {
	if o, ok := g.origin[[2]int{r, c}]; ok {
		r, c = o[0], o[1]
	}
	name, _ := excelize.CoordinatesToCellName(c+1, r+1)
	return name
}

// sameMerge reports whether two cells belong to one merged range.
func (g *grid) sameMerge(r1, c1, r2, c2 int) bool {
	o1, ok1 := g.origin[[2]int{r1, c1}]
	o2, ok2 := g.origin[[2]int{r2, c2}]
	if !ok1 {
		o1 = [2]int{r1, c1}
	}
	if !ok2 {
		o2 = [2]int{r2, c2}
	}
	return (ok1 || ok2) && o1 == o2
}

// cellInfo is what the byte scan of a sheet part learns about a cell.
type cellInfo struct {
	style      int
	hasFormula bool
	hasValue   bool
}

// partScan is the byte scan of one sheet part.
type partScan struct {
	cells  map[[2]int]cellInfo // only cells with a style or a formula
	merges []rect
	rows   int
	tooBig bool
}

// scanPart walks the sheet XML as bytes: cell styles, formula marks and
// merged ranges, without decoding the whole document. limit bounds the
// cells it records.
func scanPart(b []byte, limit int) partScan {
	ps := partScan{cells: map[[2]int]cellInfo{}}
	row, col := 0, 0
	var cur *cellInfo
	var curKey [2]int
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		end := bytes.IndexByte(b[i:], '>')
		if end < 0 {
			break
		}
		tag := b[i : i+end]
		i += end + 1
		closing := len(tag) > 0 && tag[0] == '/'
		if closing {
			tag = tag[1:]
		}
		nameEnd := bytes.IndexAny(tag, " \t\r\n/")
		name := tag
		if nameEnd >= 0 {
			name = tag[:nameEnd]
		}
		if k := bytes.IndexByte(name, ':'); k >= 0 {
			name = name[k+1:]
		}
		selfClosing := len(tag) > 0 && tag[len(tag)-1] == '/'
		switch string(name) {
		case "row":
			if closing {
				continue
			}
			if r, ok := attrInt(tag, "r"); ok {
				row = r
			} else {
				row++
			}
			col = 0
			ps.rows++
		case "c":
			if closing {
				if cur != nil {
					ps.record(curKey, *cur, limit)
				}
				cur = nil
				continue
			}
			info := cellInfo{style: 0}
			if ref, ok := attr(tag, "r"); ok {
				if c, r, err := excelize.CellNameToCoordinates(string(ref)); err == nil {
					col, row = c, r
				}
			} else {
				col++
			}
			if s, ok := attrInt(tag, "s"); ok {
				info.style = s
			}
			curKey = [2]int{row - 1, col - 1}
			if selfClosing {
				ps.record(curKey, info, limit)
				cur = nil
			} else {
				cur = &info
			}
		case "f":
			if cur != nil && !closing {
				cur.hasFormula = true
			}
		case "v", "is":
			if cur != nil && !closing && !selfClosing {
				// An empty <v></v> is no value.
				if k := bytes.IndexByte(b[i:], '<'); k > 0 {
					cur.hasValue = true
				}
			}
		case "mergeCell":
			if closing {
				continue
			}
			if ref, ok := attr(tag, "ref"); ok {
				if r, ok := parseRange(string(ref)); ok {
					ps.merges = append(ps.merges, r)
				}
			}
		}
	}
	ps.tooBig = len(ps.cells) > limit
	return ps
}

func (ps *partScan) record(k [2]int, c cellInfo, limit int) {
	if c.style == 0 && !c.hasFormula {
		return
	}
	if len(ps.cells) <= limit {
		ps.cells[k] = c
	}
}

func attr(tag []byte, name string) ([]byte, bool) {
	for i := 0; ; {
		k := bytes.Index(tag[i:], []byte(name+`="`))
		if k < 0 {
			return nil, false
		}
		k += i
		if k > 0 && tag[k-1] != ' ' && tag[k-1] != '\t' && tag[k-1] != '\n' && tag[k-1] != '\r' {
			i = k + 1
			continue
		}
		v := tag[k+len(name)+2:]
		e := bytes.IndexByte(v, '"')
		if e < 0 {
			return nil, false
		}
		return v[:e], true
	}
}

func attrInt(tag []byte, name string) (int, bool) {
	v, ok := attr(tag, name)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(string(v))
	return n, err == nil
}

func parseRange(s string) (rect, bool) {
	a, b, ok := strings.Cut(s, ":")
	if !ok {
		b = a
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return rect{}, false
	}
	if r2 < r1 {
		r1, r2 = r2, r1
	}
	if c2 < c1 {
		c1, c2 = c2, c1
	}
	return rect{r1 - 1, c1 - 1, r2 - 1, c2 - 1}, true
}

// How a cell style shows a number.
const (
	fmtPlain byte = iota
	fmtPercent
	fmtDate
)

// numberFormats says, per cellXfs index, whether the style shows numbers
// as percentages or as dates.
func numberFormats(xf *excelize.File) []byte {
	st := xf.Styles
	if st == nil || st.CellXfs == nil {
		return nil
	}
	custom := map[int]string{}
	if st.NumFmts != nil {
		for _, f := range st.NumFmts.NumFmt {
			custom[f.NumFmtID] = f.FormatCode
		}
	}
	out := make([]byte, len(st.CellXfs.Xf))
	for i, x := range st.CellXfs.Xf {
		if x.NumFmtID == nil {
			continue
		}
		id := *x.NumFmtID
		switch {
		case id == 9 || id == 10:
			out[i] = fmtPercent
		case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 36, id >= 50 && id <= 58:
			// Built-in dates, with the Chinese ones (27–36, 50–58).
			out[i] = fmtDate
		default:
			code, ok := custom[id]
			if !ok {
				continue
			}
			bare := stripBracketed(stripQuoted(code))
			switch {
			case strings.Contains(bare, "%"):
				out[i] = fmtPercent
			case strings.ContainsAny(bare, "yd年月日") || strings.Contains(strings.ToLower(bare), "yy"):
				out[i] = fmtDate
			}
		}
	}
	return out
}

// stripBracketed drops [Red], [$-804] and the like from a number format.
func stripBracketed(code string) string {
	var b strings.Builder
	depth := 0
	for _, r := range code {
		switch {
		case r == '[':
			depth++
		case r == ']' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// dateText shows an Excel date serial as "2020年11月20日"; other text is
// returned as is.
func dateText(raw string) string {
	f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || f < 1 || f > 2958465 {
		return raw
	}
	t, err := excelize.ExcelDateToTime(f, false)
	if err != nil {
		return raw
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// stripQuoted drops quoted literals from a number format ("0.00\"%\"" is not
// a percentage format).
func stripQuoted(code string) string {
	var b strings.Builder
	in := false
	for _, r := range code {
		if r == '"' {
			in = !in
			continue
		}
		if !in {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var hundred = decimal.NewFromInt(100)

// percentText shows a raw fraction as the percentage Excel shows ("0.95" →
// "95%"); other text is returned as is.
func percentText(raw string) string {
	d, err := decimal.NewFromString(strings.TrimSpace(raw))
	if err != nil {
		return raw
	}
	return d.Mul(hundred).String() + "%"
}

// limitError is a sheet over the reader's limits.
type limitError struct{ what string }

func (e *limitError) Error() string { return e.what }

// loadGrid streams one sheet and fills merged ranges. cellBudget is what is
// left of the workbook's cell limit; it is decreased.
func loadGrid(xf *excelize.File, sheet, part string, fmts []byte, opt Options, cellBudget *int) (*grid, error) {
	g := &grid{name: sheet, origin: map[[2]int][2]int{}}
	var scan partScan
	if raw, ok := xf.Pkg.Load(part); ok && part != "" {
		scan = scanPart(raw.([]byte), *cellBudget)
		if scan.rows > opt.MaxRows {
			return nil, &limitError{"工作表行数（" + strconv.Itoa(scan.rows) + "行）超过上限" + strconv.Itoa(opt.MaxRows) + "行，不像是绩效自评表，已拒绝读取"}
		}
		if scan.tooBig {
			return nil, &limitError{"工作表单元格数量超过上限，不像是绩效自评表，已拒绝读取"}
		}
	} else {
		// Not in memory (should not happen with our limits): ask excelize.
		if ms, err := xf.GetMergeCells(sheet); err == nil {
			for _, m := range ms {
				if r, ok := parseRange(m.GetStartAxis() + ":" + m.GetEndAxis()); ok {
					scan.merges = append(scan.merges, r)
				}
			}
		}
	}
	rows, err := xf.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for r := 0; rows.Next(); r++ {
		if r >= opt.MaxRows {
			return nil, &limitError{"工作表行数超过上限" + strconv.Itoa(opt.MaxRows) + "行，不像是绩效自评表，已拒绝读取"}
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		// Trim trailing empties.
		n := len(cols)
		for n > 0 && strings.TrimSpace(cols[n-1]) == "" {
			n--
		}
		cols = cols[:n]
		*cellBudget -= n
		if *cellBudget < 0 {
			return nil, &limitError{"工作簿单元格数量超过上限，不像是绩效自评表，已拒绝读取"}
		}
		g.cells = append(g.cells, cols)
	}
	if err := rows.Error(); err != nil {
		return nil, err
	}
	g.applyCellInfo(xf, scan.cells, fmts)
	g.fillMerges(scan.merges)
	return g, nil
}

// applyCellInfo computes formulas that have no cached value (excelize and
// some generators write none) and shows percent-formatted numbers as Excel
// shows them.
func (g *grid) applyCellInfo(xf *excelize.File, cells map[[2]int]cellInfo, fmts []byte) {
	for k, info := range cells {
		r, c := k[0], k[1]
		if r < 0 || r >= len(g.cells) || c < 0 || c > 1024 {
			continue
		}
		v := g.at(r, c)
		if info.hasFormula && !info.hasValue && strings.TrimSpace(v) == "" {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			calc, err := xf.CalcCellValue(g.name, ref, excelize.Options{RawCellValue: true})
			if err != nil {
				if g.bad == nil {
					g.bad = map[[2]int]bool{}
				}
				g.bad[k] = true
				continue
			}
			if calc == "" {
				continue
			}
			for len(g.cells[r]) <= c {
				g.cells[r] = append(g.cells[r], "")
			}
			v = calc
			g.cells[r][c] = v
		}
		if info.style > 0 && info.style < len(fmts) && isNumeric(v) {
			switch fmts[info.style] {
			case fmtPercent:
				g.cells[r][c] = percentText(v)
			case fmtDate:
				g.cells[r][c] = dateText(v)
			}
		}
	}
}

func isNumeric(s string) bool {
	_, err := num.ParseNumber(s)
	return err == nil && strings.TrimSpace(s) != ""
}

// fillMerges copies each merged range's top-left value over the range.
func (g *grid) fillMerges(ms []rect) {
	for _, m := range ms {
		if m.r1 >= len(g.cells) {
			continue
		}
		// A hostile merge may span the whole sheet: clip it to the data.
		r2 := min(m.r2, len(g.cells)-1)
		c2 := min(m.c2, m.c1+256)
		v := g.at(m.r1, m.c1)
		g.merged = append(g.merged, rect{m.r1, m.c1, r2, c2})
		for r := m.r1; r <= r2; r++ {
			for c := m.c1; c <= c2; c++ {
				if r == m.r1 && c == m.c1 {
					continue
				}
				for len(g.cells[r]) <= c {
					g.cells[r] = append(g.cells[r], "")
				}
				g.cells[r][c] = v
				g.origin[[2]int{r, c}] = [2]int{m.r1, m.c1}
			}
		}
	}
}
