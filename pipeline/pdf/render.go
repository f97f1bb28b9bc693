package pdf

import (
	"fmt"
	"math"

	"github.com/jixiao/jixiao/pipeline/chart"
	"github.com/jung-kurt/gofpdf"
)

// canvas is the part of *gofpdf.Fpdf the summary draws with. Write draws
// onto a recorder, which learns the exact characters the document uses
// (for its font) and keeps the drawing, then replays the drawing onto
// gofpdf: the layout (wrapping, measuring, the charts) is done once.
type canvas interface {
	AddPage()
	PageCount() int
	SetPage(n int)
	SetFont(family, style string, size float64)
	SetTextColor(r, g, b int)
	SetDrawColor(r, g, b int)
	SetFillColor(r, g, b int)
	SetLineWidth(w float64)
	SetTextRenderingMode(mode int)
	SetDashPattern(dash []float64, phase float64)
	Text(x, y float64, s string)
	Rect(x, y, w, h float64, style string)
	Line(x1, y1, x2, y2 float64)
}

var _ canvas = (*gofpdf.Fpdf)(nil)

// recorder is a canvas that notes the characters written, counts pages
// and keeps every call for replay.
type recorder struct {
	runes  map[rune]bool
	pages  int
	ops    []op
	dashes [][]float64
	// text is the text colour last recorded, if textSet.
	text    [3]int
	textSet bool
}

type opKind uint8

const (
	opAddPage opKind = iota
	opSetPage
	opSetFont
	opTextColor
	opDrawColor
	opFillColor
	opLineWidth
	opRenderingMode
	opDash
	opText
	opRect
	opLine
)

// op is one canvas call: which, and its arguments (colours and other
// integers as float64, exactly; a dash pattern by its index in dashes).
type op struct {
	kind opKind
	s    string // family or text or style
	f    [4]float64
}

func (r *recorder) add(kind opKind, s string, f ...float64) {
	o := op{kind: kind, s: s}
	copy(o.f[:], f)
	r.ops = append(r.ops, o)
}

// reset empties r for another document, keeping its storage.
func (r *recorder) reset() {
	if r.runes == nil {
		r.runes = map[rune]bool{}
	}
	clear(r.runes)
	r.pages = 0
	r.textSet = false
	clear(r.ops) // drop the strings
	r.ops = r.ops[:0]
	clear(r.dashes)
	r.dashes = r.dashes[:0]
}

func (r *recorder) AddPage()       { r.pages++; r.add(opAddPage, "") }
func (r *recorder) PageCount() int { return r.pages }
func (r *recorder) SetPage(n int)  { r.add(opSetPage, "", float64(n)) }
func (r *recorder) SetFont(family, style string, size float64) {
	if style != "" {
		panic("pdf: the font has one style") // op keeps one string
	}
	r.add(opSetFont, family, size)
}

// SetTextColor records a change of the text colour only: in gofpdf the
// text colour is the document's state, not the page's, and setting it
// writes nothing, so an unchanged colour needs no call (gofpdf formats a
// colour string on every one).
func (r *recorder) SetTextColor(c1, c2, c3 int) {
	c := [3]int{c1, c2, c3}
	if r.textSet && r.text == c {
		return
	}
	r.textSet, r.text = true, c
	r.add(opTextColor, "", float64(c1), float64(c2), float64(c3))
}
func (r *recorder) SetDrawColor(c1, c2, c3 int) {
	r.add(opDrawColor, "", float64(c1), float64(c2), float64(c3))
}
func (r *recorder) SetFillColor(c1, c2, c3 int) {
	r.add(opFillColor, "", float64(c1), float64(c2), float64(c3))
}
func (r *recorder) SetLineWidth(w float64)     { r.add(opLineWidth, "", w) }
func (r *recorder) SetTextRenderingMode(m int) { r.add(opRenderingMode, "", float64(m)) }
func (r *recorder) SetDashPattern(dash []float64, phase float64) {
	r.add(opDash, "", phase, float64(len(r.dashes)))
	r.dashes = append(r.dashes, dash)
}
func (r *recorder) Rect(x, y, w, h float64, style string) { r.add(opRect, style, x, y, w, h) }
func (r *recorder) Line(x1, y1, x2, y2 float64)           { r.add(opLine, "", x1, y1, x2, y2) }
func (r *recorder) Text(x, y float64, s string) {
	for _, c := range s {
		r.runes[c] = true
	}
	r.add(opText, s, x, y)
}

// replay makes the recorded calls on c, in order.
func (r *recorder) replay(c canvas) {
	for i := range r.ops {
		o := &r.ops[i]
		switch o.kind {
		case opAddPage:
			c.AddPage()
		case opSetPage:
			c.SetPage(int(o.f[0]))
		case opSetFont:
			c.SetFont(o.s, "", o.f[0])
		case opTextColor:
			c.SetTextColor(int(o.f[0]), int(o.f[1]), int(o.f[2]))
		case opDrawColor:
			c.SetDrawColor(int(o.f[0]), int(o.f[1]), int(o.f[2]))
		case opFillColor:
			c.SetFillColor(int(o.f[0]), int(o.f[1]), int(o.f[2]))
		case opLineWidth:
			c.SetLineWidth(o.f[0])
		case opRenderingMode:
			c.SetTextRenderingMode(int(o.f[0]))
		case opDash:
			c.SetDashPattern(r.dashes[int(o.f[1])], o.f[0])
		case opText:
			c.Text(o.f[0], o.f[1], o.s)
		case opRect:
			c.Rect(o.f[0], o.f[1], o.f[2], o.f[3], o.s)
		case opLine:
			c.Line(o.f[0], o.f[1], o.f[2], o.f[3])
		}
	}
}

// doc draws content onto a canvas, top to bottom, with y the current
// position in mm.
type doc struct {
	p canvas
	c *content
	y float64
	// fontSize is the size last set, to skip redundant SetFont calls.
	fontSize float64
}

func (d *doc) render() {
	d.newPage()
	d.titleBlock()
	d.cardsRow()
	d.section("一、预算执行情况", "单位：万元")
	d.table(d.c.funds)
	d.section("二、绩效指标完成情况", "")
	d.table(d.c.inds)
	d.note(d.c.indNote)
	if len(d.c.projects.rows) > 0 {
		d.section("三、项目支出情况", "单位：万元")
		d.table(d.c.projects)
	}
	d.section(d.num(4)+"、预算执行与指标完成图", "")
	for _, s := range chart.Split(d.c.budget, chart.PerFigure) {
		d.chart(s)
	}
	for _, s := range chart.Split(d.c.indic, chart.PerFigure) {
		d.chart(s)
	}
	if len(d.c.shortfalls)+len(d.c.findings) > 0 {
		d.section(d.num(5)+"、需要关注的问题", "")
		if len(d.c.shortfalls) > 0 {
			d.subhead("（一）未达到年度指标值的指标")
			for i, s := range d.c.shortfalls {
				col := ink
				if d.c.short[i] {
					col = red
				}
				d.para(fmt.Sprintf("%d. %s", i+1, s), col)
			}
		}
		if len(d.c.findings) > 0 {
			if len(d.c.shortfalls) > 0 {
				d.subhead("（二）核查发现")
			}
			for i, s := range d.c.findings {
				d.para(fmt.Sprintf("%d. %s", i+1, s), ink)
			}
		}
	}
	d.footers()
}

// num numbers the sections after the optional project table.
func (d *doc) num(n int) string {
	if len(d.c.projects.rows) == 0 {
		n--
	}
	return []string{"", "一", "二", "三", "四", "五", "六"}[n]
}

func (d *doc) newPage() {
	d.p.AddPage()
	d.fontSize = 0
	d.y = marginTop
}

func (d *doc) setSize(pt float64) {
	if pt != d.fontSize {
		d.p.SetFont(family, "", pt)
		d.fontSize = pt
	}
}

// text writes s with its baseline at y; align is "L", "C" or "R" about x.
func (d *doc) text(x, y float64, s string, size float64, col [3]int, align string, bold bool) {
	if s == "" {
		return
	}
	d.setSize(size)
	switch align {
	case "C":
		x -= width(s, size) / 2
	case "R":
		x -= width(s, size)
	}
	d.p.SetTextColor(col[0], col[1], col[2])
	if bold {
		// Noto Sans SC Regular only: embolden by stroking the outline too.
		d.p.SetDrawColor(col[0], col[1], col[2])
		d.p.SetLineWidth(size * 0.035 * mmPerPt)
		d.p.SetTextRenderingMode(2)
		d.p.Text(x, y, s)
		d.p.SetTextRenderingMode(0)
		return
	}
	d.p.Text(x, y, s)
}

// baseline is the baseline of a line of text of size pt whose line box
// (lineGap × size high) starts at top.
func baseline(top, size float64) float64 {
	lh := size * lineGap * mmPerPt
	return top + (lh-size*mmPerPt)/2 + size*mmPerPt*0.86
}

func lineH(size float64) float64 { return size * lineGap * mmPerPt }

// ensure starts a new page when h mm do not fit below y.
func (d *doc) ensure(h float64) bool {
	if d.y+h > bottomY {
		d.newPage()
		return true
	}
	return false
}

func (d *doc) titleBlock() {
	c := d.c
	y := d.y
	for _, l := range wrap(c.title1, 16, textW) {
		d.text(pageW/2, baseline(y, 16), l, 16, ink, "C", true)
		y += lineH(16)
	}
	d.text(pageW/2, baseline(y, 12), c.title2, 12, ink, "C", false)
	y += lineH(12) + 1.5
	d.p.SetDrawColor(red[0], red[1], red[2])
	d.p.SetLineWidth(0.6)
	d.p.Line(marginX, y, pageW-marginX, y)
	d.p.SetLineWidth(0.2)
	d.p.Line(marginX, y+0.9, pageW-marginX, y+0.9)
	y += 2.5
	left := ""
	if c.unit != "" {
		left = "评价单位：" + c.unit
	}
	right := "生成日期：" + c.made
	d.text(pageW-marginX, baseline(y, 8), right, 8, grey, "R", false)
	// The unit wraps in the room the date leaves.
	if left == "" {
		y += lineH(8)
	}
	for _, l := range wrap(left, 8, textW-width(right, 8)-4) {
		d.text(marginX, baseline(y, 8), l, 8, grey, "L", false)
		y += lineH(8)
	}
	if c.source != "" {
		for _, l := range wrap("数据来源："+c.source, 8, textW) {
			d.text(marginX, baseline(y, 8), l, 8, grey, "L", false)
			y += lineH(8)
		}
	}
	d.y = y + 2
}

func (d *doc) cardsRow() {
	n := float64(len(d.c.cards))
	gap := 3.0
	w := (textW - gap*(n-1)) / n
	h := 15.0
	for i, cd := range d.c.cards {
		x := marginX + float64(i)*(w+gap)
		d.p.SetDrawColor(rule[0], rule[1], rule[2])
		d.p.SetLineWidth(0.2)
		d.p.SetFillColor(0xF7, 0xF8, 0xFA)
		d.p.Rect(x, d.y, w, h, "FD")
		d.p.SetFillColor(cd.color[0], cd.color[1], cd.color[2])
		d.p.Rect(x, d.y, 1.0, h, "F")
		d.text(x+w/2, d.y+3.8, cd.label, 7.5, grey, "C", false)
		d.text(x+w/2, d.y+10, cd.value, 16, cd.color, "C", true)
		d.text(x+w/2, d.y+13.5, cd.sub, 6, grey, "C", false)
	}
	d.y += h + 2
}

// section writes a level-1 heading; unit is written at the right.
func (d *doc) section(title, unit string) {
	h := lineH(headSize) + 3
	// Keep a heading with at least a few lines of what follows.
	d.ensure(h + 18)
	d.y += 1.5
	d.text(marginX, baseline(d.y, headSize), title, headSize, ink, "L", true)
	if unit != "" {
		d.text(pageW-marginX, baseline(d.y, headSize), unit, 7.5, grey, "R", false)
	}
	d.y += lineH(headSize) + 1
}

func (d *doc) subhead(title string) {
	d.ensure(lineH(9) + 8)
	d.text(marginX, baseline(d.y, 9), title, 9, ink, "L", true)
	d.y += lineH(9) + 0.5
}

// para writes a wrapped paragraph with a hanging indent for its number.
func (d *doc) para(s string, col [3]int) {
	const size = 8
	lines := wrap(s, size, textW-4)
	for _, l := range lines {
		d.ensure(lineH(size))
		d.text(marginX+2, baseline(d.y, size), l, size, col, "L", false)
		d.y += lineH(size)
	}
	d.y += 0.8
}

func (d *doc) note(s string) {
	const size = 7
	d.y += 0.8
	for _, l := range wrap(s, size, textW) {
		d.ensure(lineH(size))
		d.text(marginX, baseline(d.y, size), l, size, grey, "L", false)
		d.y += lineH(size)
	}
}

// table draws t from y, breaking across pages with the header repeated.
// Each cell wraps its text; a row is as tall as its tallest cell.
func (d *doc) table(t table) {
	if len(t.rows) == 0 {
		if t.empty != "" {
			d.note(t.empty)
		}
		return
	}
	// Scale the columns to the text width.
	total := 0.0
	for _, c := range t.cols {
		total += c.w
	}
	ws := make([]float64, len(t.cols))
	for i, c := range t.cols {
		ws[i] = c.w * textW / total
	}
	headLines := make([][]string, len(t.cols))
	hh := 0.0
	for i, c := range t.cols {
		headLines[i] = wrap(c.title, bodySize, ws[i]-2*cellPadX)
		hh = math.Max(hh, float64(len(headLines[i]))*lineH(bodySize)+2*cellPadY)
	}
	header := func() {
		x := marginX
		d.p.SetFillColor(headBg[0], headBg[1], headBg[2])
		d.p.Rect(marginX, d.y, textW, hh, "F")
		for i := range t.cols {
			ly := d.y + (hh-float64(len(headLines[i]))*lineH(bodySize))/2
			for _, l := range headLines[i] {
				d.text(x+ws[i]/2, baseline(ly, bodySize), l, bodySize, ink, "C", true)
				ly += lineH(bodySize)
			}
			x += ws[i]
		}
		d.grid(ws, d.y, hh, nil, true)
		d.y += hh
	}
	d.ensure(hh + lineH(bodySize) + 2*cellPadY)
	header()
	prev := make([]string, len(t.cols))
	first := true
	lines := make([][]string, len(t.cols))
	redCol := map[int]bool{}
	for _, c := range t.redCols {
		redCol[c] = true
	}
	// A row is at most as tall as a page below the header: a longer cell
	// ends its last line with "…" rather than run over the footer and off
	// the page.
	maxLines := int((bottomY - marginTop - hh - 2*cellPadY) / lineH(bodySize))
	for _, r := range t.rows {
		rh := 0.0
		for i, s := range r.cells {
			lines[i] = wrap(s, bodySize, ws[i]-2*cellPadX)
			if len(lines[i]) > maxLines {
				lines[i] = lines[i][:maxLines]
				last := lines[i][maxLines-1] + "……"
				lines[i][maxLines-1] = chart.Shorten(last, bodySize, (ws[i]-2*cellPadX)/mmPerPt)
			}
			rh = math.Max(rh, float64(len(lines[i]))*lineH(bodySize)+2*cellPadY)
		}
		if d.y+rh > bottomY {
			d.rule(d.y, 0.3)
			d.newPage()
			header()
			first = true
		}
		// Which merged cells continue the one above (no text, no rule).
		cont := make([]bool, len(t.cols))
		for i, c := range t.cols {
			cont[i] = c.merge && !first && r.cells[i] == prev[i] && (i == 0 || cont[i-1])
		}
		x := marginX
		for i := range t.cols {
			if r.short && !t.cols[i].merge {
				d.p.SetFillColor(shortBg[0], shortBg[1], shortBg[2])
				d.p.Rect(x, d.y, ws[i], rh, "F")
			}
			x += ws[i]
		}
		x = marginX
		for i, c := range t.cols {
			if !cont[i] {
				col := ink
				if r.short && redCol[i] {
					col = red
				}
				ly := d.y + cellPadY
				if len(lines[i]) == 1 {
					ly = d.y + (rh-lineH(bodySize))/2
				}
				for _, l := range lines[i] {
					tx := x + cellPadX
					switch c.align {
					case "C":
						tx = x + ws[i]/2
					case "R":
						tx = x + ws[i] - cellPadX
					}
					d.text(tx, baseline(ly, bodySize), l, bodySize, col, c.align, false)
					ly += lineH(bodySize)
				}
			}
			x += ws[i]
		}
		d.grid(ws, d.y, rh, cont, false)
		d.y += rh
		copy(prev, r.cells)
		first = false
	}
	d.rule(d.y, 0.3)
	d.y += 1.5
}

// grid draws the cell borders of one row: the vertical rules, and the top
// rule of every cell that does not continue a merged cell above.
func (d *doc) grid(ws []float64, y, h float64, cont []bool, head bool) {
	d.p.SetDrawColor(rule[0], rule[1], rule[2])
	d.p.SetLineWidth(0.15)
	x := marginX
	for i, w := range ws {
		if cont == nil || !cont[i] {
			d.p.Line(x, y, x+w, y)
		}
		d.p.Line(x, y, x, y+h)
		x += w
	}
	d.p.Line(x, y, x, y+h)
	if head {
		d.rule(y, 0.3)
	}
}

func (d *doc) rule(y, w float64) {
	d.p.SetDrawColor(0x40, 0x40, 0x40)
	d.p.SetLineWidth(w)
	d.p.Line(marginX, y, pageW-marginX, y)
}

// chartWidth is the width (pt) charts are laid out at: the text width, so
// that the chart's 7.5 pt labels print at 7.5 pt (readable on paper).
const chartWidth = textW / mmPerPt

// chart draws a chart.Spec as vectors: the same layout as the PNG.
func (d *doc) chart(s chart.Spec) {
	hpt := chart.SuggestHeight(s, chartWidth)
	k := textW / chartWidth // mm per layout pt
	h := hpt * k
	d.ensure(h + 2)
	dr := chart.Layout(s, chartWidth, hpt)
	x0, y0 := marginX, d.y
	for _, r := range dr.Rects {
		d.p.SetFillColor(int(r.Fill.R), int(r.Fill.G), int(r.Fill.B))
		d.p.Rect(x0+r.X*k, y0+r.Y*k, r.W*k, r.H*k, "F")
	}
	for _, l := range dr.Lines {
		d.p.SetDrawColor(int(l.Color.R), int(l.Color.G), int(l.Color.B))
		d.p.SetLineWidth(l.Width * k)
		if l.Dash {
			d.p.SetDashPattern([]float64{3 * k, 2 * k}, 0)
		}
		d.p.Line(x0+l.X1*k, y0+l.Y1*k, x0+l.X2*k, y0+l.Y2*k)
		if l.Dash {
			d.p.SetDashPattern([]float64{}, 0)
		}
	}
	for _, t := range dr.Texts {
		size := t.Size * k / mmPerPt
		align := "L"
		switch t.Align {
		case chart.Center:
			align = "C"
		case chart.Right:
			align = "R"
		}
		d.text(x0+t.X*k, y0+t.Y*k, t.S, size, [3]int{int(t.Color.R), int(t.Color.G), int(t.Color.B)}, align, t.Bold)
	}
	d.y += h + 2
}

// footers writes on every page, once the page count is known, a rule, the
// document's name, "第 1 页 共 2 页" and the date it was made.
func (d *doc) footers() {
	n := d.p.PageCount()
	for i := 1; i <= n; i++ {
		d.p.SetPage(i)
		d.fontSize = 0 // the page's last font may differ: set it again
		y := pageH - 13
		d.p.SetDrawColor(rule[0], rule[1], rule[2])
		d.p.SetLineWidth(0.2)
		d.p.Line(marginX, y, pageW-marginX, y)
		b := y + 4.5
		num := fmt.Sprintf("第 %d 页 共 %d 页", i, n)
		// The document's name, shortened with "…" to end before the page
		// number.
		room := pageW/2 - width(num, 8)/2 - 3 - marginX
		d.text(marginX, b, chart.Shorten(d.c.footer, 7.5, room/mmPerPt), 7.5, grey, "L", false)
		d.text(pageW/2, b, num, 8, grey, "C", false)
		d.text(pageW-marginX, b, d.c.made+"生成", 7.5, grey, "R", false)
	}
}
