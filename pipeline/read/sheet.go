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
	// formula is the formula's text; shared names the shared formula it
	// belongs to ("" for none), for followers written without text.
	formula, shared string
	// typ is the cell's t: its first letter, 'S' for str, 0 for none.
	typ byte
}

// partScan is the byte scan of one sheet part.
type partScan struct {
	// cells holds only the cells that need a second look: a formula, or a
	// style whose number format is a percentage or a date.
	cells map[[2]int]cellInfo
	// count is every <c> seen, for the cell budget.
	count  int
	merges []rect
	rows   int
	tooBig bool
	// maxRow is the highest row number seen (1-based).
	maxRow int
	// fault says why the part is not well-formed XML, and faultRow near
	// which row; "" when it is whole. excelize stops silently at such a
	// fault, and the rows before it must not pass for the whole sheet.
	fault    string
	faultRow int
}

// maxDepth bounds element nesting: a sheet needs 6 levels, a hostile file
// nests thousands to make the XML decoder slow and hungry.
const maxDepth = 64

// scanPart walks the sheet XML as bytes: cell styles, formula marks and
// merged ranges, without decoding the whole document; and on the way,
// whether the document is whole: no character XML forbids, elements closed
// in order, nothing cut off. More than limit cells make it tooBig.
func scanPart(b []byte, limit int, fmts []byte) partScan {
	ps := partScan{cells: map[[2]int]cellInfo{}}
	row, col := 0, 0
	var cur *cellInfo
	var curKey [2]int
	var stack [][]byte
	closedRoot := false
	inData := false // inside <sheetData>
	fail := func(why string) partScan {
		ps.fault, ps.faultRow = why, max(row, 1)
		return ps
	}
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			if why := illegalText(b[i:]); why != "" {
				return fail(why)
			}
			break
		}
		if why := illegalText(b[i : i+j]); why != "" {
			return fail(why)
		}
		if inData && !textAllowed(stack, b[i:i+j]) {
			// Text in sheetData outside a value, formula or string
			// (`<c>r="D16" t="s">`): a tag broken into text, which
			// drops the cell's attributes.
			return fail(faultBroken)
		}
		i += j + 1
		// Declarations, comments and CDATA hold no elements.
		switch {
		case bytes.HasPrefix(b[i:], []byte("?")):
			k := bytes.Index(b[i:], []byte("?>"))
			if k < 0 {
				return fail(faultCut)
			}
			i += k + 2
			continue
		case bytes.HasPrefix(b[i:], []byte("!--")):
			k := bytes.Index(b[i:], []byte("-->"))
			if k < 0 {
				return fail(faultCut)
			}
			i += k + 3
			continue
		case bytes.HasPrefix(b[i:], []byte("![CDATA[")):
			k := bytes.Index(b[i:], []byte("]]>"))
			if k < 0 {
				return fail(faultCut)
			}
			if why := illegalText(b[i+8 : i+k]); why != "" {
				return fail(why)
			}
			i += k + 3
			continue
		case bytes.HasPrefix(b[i:], []byte("!")):
			k := bytes.IndexByte(b[i:], '>')
			if k < 0 {
				return fail(faultCut)
			}
			i += k + 1
			continue
		}
		end := bytes.IndexByte(b[i:], '>')
		if end < 0 {
			return fail(faultCut)
		}
		tag := b[i : i+end]
		i += end + 1
		if why := illegalText(tag); why != "" {
			return fail(why)
		}
		if !wellFormedTag(tag) {
			return fail(faultBroken)
		}
		closing := len(tag) > 0 && tag[0] == '/'
		if closing {
			tag = tag[1:]
		}
		nameEnd := bytes.IndexAny(tag, " \t\r\n/")
		full := tag
		if nameEnd >= 0 {
			full = tag[:nameEnd]
		}
		name := full
		if k := bytes.IndexByte(name, ':'); k >= 0 {
			name = name[k+1:]
		}
		selfClosing := len(tag) > 0 && tag[len(tag)-1] == '/'
		switch {
		case closedRoot:
			return fail(faultBroken)
		case closing:
			if len(stack) == 0 || !bytes.Equal(stack[len(stack)-1], full) {
				return fail(faultBroken)
			}
			stack = stack[:len(stack)-1]
			closedRoot = len(stack) == 0
		case !selfClosing:
			if len(stack) >= maxDepth {
				return fail(faultDeep)
			}
			stack = append(stack, full)
		}
		switch string(name) {
		case "sheetData":
			inData = !closing && !selfClosing
		case "row":
			if closing {
				continue
			}
			if !attrsKnown(tag, rowAttrs) {
				row++
				return fail(faultBroken)
			}
			if r, ok := attrInt(tag, "r"); ok {
				if r <= row {
					// Rows out of order: Excel repairs such a file, and
					// which row is which is then a guess.
					row++
					return fail(faultBroken)
				}
				row = r
			} else {
				row++
			}
			ps.maxRow = max(ps.maxRow, row)
			col = 0
			ps.rows++
		case "c":
			if closing {
				if cur != nil {
					ps.record(curKey, *cur, fmts)
				}
				cur = nil
				continue
			}
			info := cellInfo{style: 0}
			if ref, ok := attr(tag, "r"); ok {
				c, r, err := excelize.CellNameToCoordinates(string(ref))
				if err != nil || r != row || c <= col {
					// A cell outside its row, or out of order.
					return fail(faultBroken)
				}
				col = c
			} else {
				col++
			}
			if !attrsKnown(tag, cellAttrs) {
				return fail(faultBroken)
			}
			if t, ok := attr(tag, "t"); ok {
				if !cellTypes[string(t)] {
					return fail(faultBroken)
				}
				info.typ = t[0]
				if string(t) == "str" {
					info.typ = 'S'
				}
			}
			if s, ok := attrInt(tag, "s"); ok {
				info.style = s
			}
			curKey = [2]int{row - 1, col - 1}
			if ps.count++; ps.count > limit {
				ps.tooBig = true
			}
			if selfClosing {
				ps.record(curKey, info, fmts)
				cur = nil
			} else {
				cur = &info
			}
		case "f":
			if !closing && !attrsKnown(tag, formulaAttrs) {
				return fail(faultBroken)
			}
			if cur != nil && !closing {
				cur.hasFormula = true
				if si, ok := attr(tag, "si"); ok {
					cur.shared = string(si)
				}
				if !selfClosing {
					if k := bytes.IndexByte(b[i:], '<'); k > 0 {
						cur.formula = string(b[i : i+k])
					}
				}
			}
		case "v", "is":
			if cur != nil && !closing && !selfClosing {
				// An empty <v></v> is no value.
				if k := bytes.IndexByte(b[i:], '<'); k > 0 {
					cur.hasValue = true
					if string(name) == "v" && !valueFits(cur.typ, b[i:i+k]) {
						// A shared-string index read as an error, a
						// number, a date: the markup is damaged, and
						// the cell would show a plausible wrong value.
						return fail(faultBroken)
					}
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
	if !closedRoot {
		return fail(faultCut)
	}
	return ps
}

// valueFits reports whether a cell's <v> text can be a value of its type t:
// an index for a shared string, an error literal (#N/A, #DIV/0!…) for an
// error, 0 or 1 for a boolean, a number for a number, an ISO date for a
// date; a formula's text result (str) can be anything.
func valueFits(t byte, v []byte) bool {
	if v = bytes.TrimSpace(v); len(v) == 0 {
		return true
	}
	switch t {
	case 's':
		for _, c := range v {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	case 'e':
		return v[0] == '#'
	case 'b':
		return len(v) == 1 && (v[0] == '0' || v[0] == '1')
	case 'd':
		return v[0] >= '0' && v[0] <= '9' && bytes.ContainsAny(v, "-:")
	case 0, 'n':
		return num.LooksNumeric(string(v))
	}
	return true
}

// Attributes the schema gives the elements whose meaning a changed name
// would change (CT_Cell, CT_Row, CT_CellFormula). A name outside the list
// and without a prefix is damage: `t="s"` turned into `d="s"` makes a
// shared-string index a number, `r="D19"` turned into `x="D19"` moves the
// value to the next column.
var (
	cellAttrs    = []string{"r", "s", "t", "cm", "vm", "ph"}
	rowAttrs     = []string{"r", "spans", "s", "customFormat", "ht", "hidden", "customHeight", "outlineLevel", "collapsed", "thickTop", "thickBot", "ph"}
	formulaAttrs = []string{"t", "aca", "ref", "dt2D", "dtr", "del1", "del2", "r1", "r2", "ca", "si", "bx"}
)

// attrsKnown reports whether every unprefixed attribute of tag (its text
// between < and >) is one of known.
func attrsKnown(tag []byte, names []string) bool {
	known := func(n []byte) bool {
		for _, k := range names {
			if string(n) == k {
				return true
			}
		}
		return false
	}
	i := bytes.IndexAny(tag, " \t\r\n")
	if i < 0 {
		return true
	}
	for i < len(tag) {
		for i < len(tag) && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\r' || tag[i] == '\n' || tag[i] == '/') {
			i++
		}
		if i >= len(tag) {
			return true
		}
		eq := bytes.IndexByte(tag[i:], '=')
		if eq < 0 || i+eq+1 >= len(tag) {
			return false
		}
		name := bytes.TrimSpace(tag[i : i+eq])
		q := tag[i+eq+1]
		if q != '"' && q != '\'' {
			return false
		}
		end := bytes.IndexByte(tag[i+eq+2:], q)
		if end < 0 {
			return false
		}
		if c := bytes.IndexByte(name, ':'); c >= 0 {
			if c == 0 || c == len(name)-1 { // ":" or "x:" is no name
				return false
			}
		} else if string(name) != "xmlns" && !known(name) {
			return false
		}
		i += eq + 2 + end + 1
	}
	return true
}

// textAllowed reports whether text may stand where it is in sheetData:
// white space anywhere, other text only in a value, a formula or a
// string's text (v, f, t).
func textAllowed(stack [][]byte, text []byte) bool {
	if len(bytes.TrimSpace(text)) == 0 {
		return true
	}
	if len(stack) == 0 {
		return false
	}
	top := stack[len(stack)-1]
	if k := bytes.IndexByte(top, ':'); k >= 0 {
		top = top[k+1:]
	}
	switch string(top) {
	case "v", "f", "t":
		return true
	}
	return false
}

// cellTypes are the values of a cell's t attribute.
var cellTypes = map[string]bool{"s": true, "str": true, "inlineStr": true, "n": true, "b": true, "e": true, "d": true}

// wellFormedTag checks a tag's syntax as XML 1.0 has it: a name, then
// name="value" attributes each after white space, then an optional "/".
// encoding/xml lets `s="7"xt="s"` pass as two attributes; Excel does not.
func wellFormedTag(t []byte) bool {
	i := 0
	if i < len(t) && t[i] == '/' {
		i++
	}
	name := func() bool {
		k := i
		for i < len(t) && (t[i] == ':' || t[i] == '_' || t[i] == '-' || t[i] == '.' || t[i] >= 'a' && t[i] <= 'z' || t[i] >= 'A' && t[i] <= 'Z' || t[i] >= '0' && t[i] <= '9' || t[i] >= 0x80) {
			i++
		}
		return i > k && !(t[k] >= '0' && t[k] <= '9') && t[k] != '-' && t[k] != '.'
	}
	space := func() bool {
		k := i
		for i < len(t) && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r') {
			i++
		}
		return i > k
	}
	if !name() {
		return false
	}
	for {
		sp := space()
		if i == len(t) {
			return true
		}
		if t[i] == '/' {
			return i == len(t)-1
		}
		if !sp || !name() {
			return false
		}
		space()
		if i == len(t) || t[i] != '=' {
			return false
		}
		i++
		space()
		if i == len(t) || (t[i] != '"' && t[i] != '\'') {
			return false
		}
		q := t[i]
		e := bytes.IndexByte(t[i+1:], q)
		if e < 0 || bytes.IndexByte(t[i+1:i+1+e], '<') >= 0 {
			return false
		}
		i += e + 2
	}
}

// Why a sheet part is not whole.
const (
	faultIllegal = "含非法字符"
	faultCut     = "内容不完整，文件可能被截断"
	faultBroken  = "结构损坏"
	faultDeep    = "嵌套层数异常"
)

// illegalText reports a character XML 1.0 forbids in text, raw or as a
// reference ("&#27;"): the controls other than tab, line feed and return.
func illegalText(t []byte) string {
	for k := 0; k < len(t); k++ {
		c := t[k]
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			return faultIllegal
		case c == '&' && k+2 < len(t) && t[k+1] == '#':
			e := bytes.IndexByte(t[k:], ';')
			if e < 0 {
				return faultIllegal
			}
			ref := string(t[k+2 : k+e])
			var n uint64
			var err error
			if strings.HasPrefix(ref, "x") || strings.HasPrefix(ref, "X") {
				n, err = strconv.ParseUint(ref[1:], 16, 32)
			} else {
				n, err = strconv.ParseUint(ref, 10, 32)
			}
			if err != nil || !xmlChar(rune(n)) {
				return faultIllegal
			}
		}
	}
	return ""
}

func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

func (ps *partScan) record(k [2]int, c cellInfo, fmts []byte) {
	if ps.tooBig {
		return // refused anyway: keep the map bounded
	}
	if c.hasFormula || c.style > 0 && c.style < len(fmts) && fmts[c.style] != 0 {
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

// isControl reports a control character other than tab and line breaks.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r < 0xa0
}

// partError is a sheet part that is not whole: reading it would give the
// rows before the fault as if they were the whole sheet.
type partError struct {
	sheet string
	row   int
	why   string
}

func (e *partError) Error() string {
	return fmt.Sprintf("%s第%d行附近的内容无法读取（%s），请在Excel中打开后另存为.xlsx", e.sheet, e.row, e.why)
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
		scan = scanPart(raw.([]byte), *cellBudget, fmts)
		if scan.rows > opt.MaxRows {
			return nil, &limitError{"工作表行数（" + strconv.Itoa(scan.rows) + "行）超过上限" + strconv.Itoa(opt.MaxRows) + "行，不像是绩效自评表，已拒绝读取"}
		}
		if scan.tooBig {
			return nil, &limitError{"工作表单元格数量超过上限，不像是绩效自评表，已拒绝读取"}
		}
		if scan.fault != "" {
			return nil, &partError{sheet, scan.faultRow, scan.fault}
		}
		if err := checkMerges(scan.merges, cellBudget); err != nil {
			return nil, err
		}
		circular, err := checkFormulas(sheet, scan.cells)
		if err != nil {
			return nil, err
		}
		for k := range circular {
			if g.bad == nil {
				g.bad = map[[2]int]bool{}
			}
			g.bad[k] = true
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
		for i, v := range cols {
			if strings.ContainsFunc(v, isControl) {
				// "_x001B_" in shared strings decodes to a real ESC: no
				// form means one, and it must never reach a terminal, a
				// report or a mail.
				cols[i] = strings.Map(func(r rune) rune {
					if isControl(r) {
						return -1
					}
					return r
				}, v)
			}
		}
		*cellBudget -= n
		if *cellBudget < 0 {
			return nil, &limitError{"工作簿单元格数量超过上限，不像是绩效自评表，已拒绝读取"}
		}
		g.cells = append(g.cells, cols)
	}
	if err := rows.Error(); err != nil {
		return nil, err
	}
	if scan.maxRow > len(g.cells) && part != "" {
		// excelize stopped before the last row the part holds.
		return nil, &partError{sheet, len(g.cells) + 1, faultBroken}
	}
	g.applyCellInfo(xf, scan.cells, fmts)
	if err := g.fillMerges(scan.merges); err != nil {
		return nil, err
	}
	return g, nil
}

// mergeError is a merged range Excel itself would call damaged.
type mergeError struct {
	sheet, msg string
}

func (e *mergeError) Error() string { return e.msg }

// checkMerges counts merged ranges against the cell budget (ten merges of
// A1:IV4999 would otherwise be filled cell by cell) and refuses ranges that
// overlap.
func checkMerges(ms []rect, cellBudget *int) error {
	area := 0
	for _, m := range ms {
		area += (m.r2 - m.r1 + 1) * (m.c2 - m.c1 + 1)
		if area > *cellBudget {
			return &limitError{fmt.Sprintf("合并单元格的范围过大（%d处合并，超过%d个单元格），不像是绩效自评表，已拒绝读取", len(ms), *cellBudget)}
		}
	}
	*cellBudget -= area
	owner := make(map[[2]int]int, area)
	for i, m := range ms {
		for r := m.r1; r <= m.r2; r++ {
			for c := m.c1; c <= m.c2; c++ {
				if j, taken := owner[[2]int{r, c}]; taken {
					return &mergeError{msg: fmt.Sprintf("合并单元格%s与%s互相重叠（文件已损坏）：请在Excel中取消这两处合并后重新合并，再另存为.xlsx", rangeName(ms[j]), rangeName(m))}
				}
				owner[[2]int{r, c}] = i
			}
		}
	}
	return nil
}

func rangeName(m rect) string {
	a, _ := excelize.CoordinatesToCellName(m.c1+1, m.r1+1)
	b, _ := excelize.CoordinatesToCellName(m.c2+1, m.r2+1)
	return a + ":" + b
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
		if info.hasFormula && !info.hasValue && strings.TrimSpace(v) == "" && !g.bad[k] {
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

// fillMerges copies each merged range's top-left value over the range. A
// range laid over cells that hold values of their own is refused: which
// value the form means is then a guess.
func (g *grid) fillMerges(ms []rect) error {
	for _, m := range ms {
		if m.r1 >= len(g.cells) {
			continue
		}
		r2 := min(m.r2, len(g.cells)-1)
		c2 := m.c2
		for r := m.r1; r <= r2; r++ {
			for c := m.c1; c <= min(c2, len(g.cells[r])-1); c++ {
				if (r != m.r1 || c != m.c1) && strings.TrimSpace(g.cells[r][c]) != "" {
					ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
					return &mergeError{msg: fmt.Sprintf("合并单元格%s盖住了单元格%s中的内容“%s”：请在Excel中取消该合并，确认内容后重新填写，再另存为.xlsx",
						rangeName(m), ref, clip(g.cells[r][c]))}
				}
			}
		}
	}
	for _, m := range ms {
		if m.r1 >= len(g.cells) {
			continue
		}
		r2 := min(m.r2, len(g.cells)-1)
		c2 := m.c2
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
	return nil
}
