package chart

import (
	"math"
	"unicode/utf8"

	"github.com/jixiao/jixiao/pipeline/fonts"
	"github.com/shopspring/decimal"
)

// Color is an sRGB colour.
type Color struct{ R, G, B uint8 }

// The palette: restrained, prints well in grey too.
var (
	Ink       = Color{0x26, 0x26, 0x26}
	AxisColor = Color{0x59, 0x59, 0x59}
	GridColor = Color{0xD9, 0xD9, 0xD9}
	Budgeted  = Color{0xA7, 0xBC, 0xD6}
	Executed  = Color{0x2E, 0x5B, 0x8F}
	Achieved  = Color{0x2E, 0x5B, 0x8F}
	Shortfall = Color{0xC0, 0x50, 0x4D}
	White     = Color{0xFF, 0xFF, 0xFF}
)

// Align anchors a text at its X.
type Align int

// Text anchors.
const (
	Left Align = iota
	Center
	Right
)

// Rect is a filled rectangle; X, Y is its top-left corner.
type Rect struct {
	X, Y, W, H float64
	Fill       Color
}

// Line is a horizontal or vertical line.
type Line struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Color          Color
	Dash           bool
}

// Text is one line of text; Y is its baseline.
type Text struct {
	X, Y  float64
	S     string
	Size  float64
	Color Color
	Align Align
	Bold  bool
	// Bg is the colour under the text when it is not white (a label
	// written inside a bar); the zero Color means white.
	Bg Color
}

// Background is the colour the text is drawn on.
func (t Text) Background() Color {
	if t.Bg == (Color{}) {
		return White
	}
	return t.Bg
}

// Drawing is a chart laid out in points, origin top-left, y down. Draw
// rectangles first, then lines, then texts.
type Drawing struct {
	W, H  float64
	Rects []Rect
	Lines []Line
	Texts []Text
}

// Sizes in points.
const (
	titleSize  = 10
	labelSize  = 7.5
	valueSize  = 7.5 // printed sizes: nothing under 7.5 pt is readable on paper
	tickSize   = 7.5
	pad        = 4
	titleBase  = 13
	legendBase = 27
	plotTop    = 35
	bottomArea = 15
)

// minRow is the smallest row height (pt) at which labels stay readable.
func minRow(s Spec) float64 {
	if s.Kind == Grouped {
		return 2*valueSize/0.7 + 2
	}
	return labelSize + 3
}

// SuggestHeight is the height (pt) a chart of width w (pt) needs for every
// category row to keep readable labels: one-line labels for Completion,
// two lines for Grouped.
func SuggestHeight(s Spec, w float64) float64 {
	n := s.Len()
	if n == 0 {
		return plotTop + 30
	}
	row := minRow(s)
	if s.Kind == Grouped {
		row = math.Max(row, 2*labelSize*1.2+2)
	} else {
		row = labelSize*1.25 + 3
	}
	return plotTop + float64(n)*row + bottomArea + 4
}

// Measure is the width (pt) of s at size, by the embedded font.
func Measure(s string, size float64) float64 { return fonts.TextWidth(s, size) }

// Wrap breaks s into lines no wider than w at size, measured with the
// embedded font, following the Chinese line-breaking rules (禁则): no line
// starts with closing punctuation (，。；：、）》！？”’ …) and none ends with
// an opening one (（《“‘ …); a run of Latin letters and digits ("838.60",
// "R&D") is not split unless it is longer than a line. Joined, the lines
// are s: nothing is dropped. With maxLines > 0 the last line is shortened
// with "…" when the text does not fit.
func Wrap(s string, size, w float64, maxLines int) []string {
	var lines []string
	rest := s
	for rest != "" {
		if maxLines > 0 && len(lines) == maxLines-1 {
			lines = append(lines, Shorten(rest, size, w))
			break
		}
		cut := breakAt(rest, size, w)
		lines = append(lines, rest[:cut])
		rest = rest[cut:]
	}
	return lines
}

// breakAt returns the byte length of the first line of s.
func breakAt(s string, size, w float64) int {
	// Greedy: as many runes as fit, at least one.
	cut, width := 0, 0.0
	for i, r := range s {
		rw := Measure(string(r), size)
		if width+rw > w+1e-9 && i > 0 {
			break
		}
		width += rw
		cut = i + utf8.RuneLen(r)
	}
	if cut == len(s) {
		return cut
	}
	ok := func(c int) bool {
		last, _ := utf8.DecodeLastRuneInString(s[:c])
		next, _ := utf8.DecodeRuneInString(s[c:])
		if NoStart(next) || NoEnd(last) {
			return false
		}
		return !(word(last) && word(next))
	}
	// Move the break back until it is allowed; keep at least a third of
	// the line so a long Latin run does not leave a stub.
	for c := cut; c > 0; {
		if ok(c) {
			if c >= cut/3 || c == cut {
				return c
			}
			break
		}
		_, n := utf8.DecodeLastRuneInString(s[:c])
		c -= n
	}
	// No good break: allow the punctuation rules only (split the word).
	for c := cut; c > 0; {
		last, _ := utf8.DecodeLastRuneInString(s[:c])
		next, _ := utf8.DecodeRuneInString(s[c:])
		if !NoStart(next) && !NoEnd(last) {
			return c
		}
		_, n := utf8.DecodeLastRuneInString(s[:c])
		c -= n
	}
	// Nothing allowed before: overflow forward past the closing marks.
	for cut < len(s) {
		r, n := utf8.DecodeRuneInString(s[cut:])
		if !NoStart(r) {
			break
		}
		cut += n
	}
	return cut
}

// NoStart reports punctuation that must not begin a line.
func NoStart(r rune) bool {
	switch r {
	case '，', '。', '；', '：', '、', '）', '》', '！', '？', '”', '’', '」', '』', '】', '〕', '〉', '…', '%', '％',
		')', ',', '.', ';', ':', '!', '?', ']', '}':
		return true
	}
	return false
}

// NoEnd reports punctuation that must not end a line.
func NoEnd(r rune) bool {
	switch r {
	case '（', '《', '“', '‘', '「', '『', '【', '〔', '〈', '(', '[', '{':
		return true
	}
	return false
}

func word(r rune) bool {
	return r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '&' || r == '-' || r == '_')
}

// Shorten returns s, or its longest prefix that fits w with "…" appended.
func Shorten(s string, size, w float64) string {
	if Measure(s, size) <= w {
		return s
	}
	ell := Measure("…", size)
	width := 0.0
	for i, r := range s {
		rw := Measure(string(r), size)
		if width+rw+ell > w {
			return s[:i] + "…"
		}
		width += rw
	}
	return s
}

// nice returns a tick step (m × 10^k, m in 1, 2, 2.5, 5) giving about n
// intervals up to max.
func nice(max float64, n int) decimal.Decimal {
	if max <= 0 {
		return decimal.NewFromInt(1)
	}
	raw := max / float64(n)
	k := int32(math.Floor(math.Log10(raw)))
	base := math.Pow(10, float64(k))
	for _, m := range []int64{10, 20, 25, 50, 100} {
		if float64(m)/10*base >= raw {
			return decimal.New(m, k-1)
		}
	}
	return decimal.New(1, k+1)
}

// Layout lays out s in a w × h point box.
func Layout(s Spec, w, h float64) Drawing {
	d := Drawing{W: w, H: h}
	d.Texts = append(d.Texts, Text{X: w / 2, Y: titleBase, S: s.Title, Size: titleSize, Color: Ink, Align: Center, Bold: true})
	n := s.Len()
	if n == 0 || len(s.Series) == 0 {
		d.Texts = append(d.Texts, Text{X: w / 2, Y: h / 2, S: s.Empty, Size: labelSize, Color: AxisColor, Align: Center})
		return d
	}

	// Columns: labels | plot | value labels | notes.
	maxLabel := 0.0
	for _, c := range s.Categories {
		maxLabel = math.Max(maxLabel, Measure(c, labelSize))
	}
	labelW := math.Min(maxLabel, w*0.3)
	noteW := 0.0
	if s.Notes != nil {
		noteW = Measure(s.NoteTitle, labelSize)
		for _, t := range s.Notes {
			noteW = math.Max(noteW, Measure(t, valueSize))
		}
		noteW += 6
	}
	valueW := 0.0
	for _, sr := range s.Series {
		for _, l := range sr.Labels {
			valueW = math.Max(valueW, Measure(l, valueSize))
		}
	}
	x0 := pad + labelW + 6
	x1 := w - pad - noteW - valueW - 4
	if x1-x0 < w*0.25 {
		x1 = x0 + w*0.25
	}
	top, bottom := float64(plotTop), h-bottomArea
	row := (bottom - top) / float64(n)

	// Value axis.
	maxV := 0.0
	for _, sr := range s.Series {
		for i, v := range sr.Values {
			if sr.Valid[i] {
				maxV = math.Max(maxV, v)
			}
		}
	}
	var step decimal.Decimal
	var axisMax float64
	var tickLabel func(decimal.Decimal) string
	if s.Kind == Completion {
		axisMax = 1.2
		step = decimal.New(2, -1)
		if s.Cap > 0 && maxV > 1.2 {
			axisMax = s.Cap
			step = decimal.New(25, -2)
		}
		tickLabel = func(t decimal.Decimal) string { return t.Shift(2).String() + "%" }
	} else {
		step = nice(maxV, 4)
		sf, _ := step.Float64()
		axisMax = math.Max(sf, math.Ceil(maxV/sf-1e-9)*sf)
		tickLabel = func(t decimal.Decimal) string { return t.String() }
	}
	xs := func(v float64) float64 {
		if v > axisMax {
			v = axisMax
		}
		return x0 + (x1-x0)*v/axisMax
	}
	for t := decimal.Zero; ; t = t.Add(step) {
		tf, _ := t.Float64()
		if tf > axisMax+1e-9 {
			break
		}
		x := xs(tf)
		if tf > 0 {
			// Grid lines are rectangles so that they lie under the bars.
			d.Rects = append(d.Rects, Rect{X: x - 0.2, Y: top, W: 0.4, H: bottom - top, Fill: GridColor})
		}
		d.Texts = append(d.Texts, Text{X: x, Y: bottom + 9, S: tickLabel(t), Size: tickSize, Color: AxisColor, Align: Center})
	}
	if s.Kind == Grouped {
		d.Texts = append(d.Texts, Text{X: x0 - 5, Y: bottom + 9, S: "单位：" + s.Unit, Size: tickSize, Color: AxisColor, Align: Right})
	}
	d.Lines = append(d.Lines, Line{X1: x0, Y1: top, X2: x0, Y2: bottom, Width: 0.6, Color: AxisColor})
	d.Lines = append(d.Lines, Line{X1: x0, Y1: bottom, X2: x1, Y2: bottom, Width: 0.6, Color: AxisColor})

	// Legend.
	lx := x0
	legend := func(c Color, name string) {
		d.Rects = append(d.Rects, Rect{X: lx, Y: legendBase - 6, W: 7, H: 7, Fill: c})
		d.Texts = append(d.Texts, Text{X: lx + 10, Y: legendBase, S: name, Size: labelSize, Color: Ink})
		lx += 10 + Measure(name, labelSize) + 12
	}
	if s.Kind == Grouped {
		colors := []Color{Budgeted, Executed}
		for i, sr := range s.Series {
			legend(colors[i%len(colors)], sr.Name)
		}
	} else {
		legend(Achieved, s.Legend[0])
		legend(Shortfall, s.Legend[1])
	}
	if s.Notes != nil {
		d.Texts = append(d.Texts, Text{X: w - pad, Y: legendBase, S: s.NoteTitle, Size: labelSize, Color: Ink, Align: Right})
	}

	// Label size: shrink when rows are too thin.
	ls := math.Min(labelSize, row*0.8)
	vs := math.Min(valueSize, ls)
	maxLines := 1
	if row >= 2*ls*1.2+2 {
		maxLines = 2
	}
	for i, c := range s.Categories {
		yTop := top + float64(i)*row
		mid := yTop + row/2
		lines := Wrap(c, ls, labelW, maxLines)
		lh := ls * 1.2
		base := mid - lh*float64(len(lines))/2 + ls*0.88
		for j, l := range lines {
			d.Texts = append(d.Texts, Text{X: x0 - 5, Y: base + float64(j)*lh, S: l, Size: ls, Color: Ink, Align: Right})
		}
		if s.Notes != nil {
			d.Texts = append(d.Texts, Text{X: w - pad, Y: mid + vs*0.35, S: s.Notes[i], Size: vs, Color: Ink, Align: Right})
		}
		// Bars.
		group := math.Min(row*0.7, 16*float64(len(s.Series)))
		bh := group / float64(len(s.Series))
		for k, sr := range s.Series {
			by := mid - group/2 + float64(k)*bh
			if !sr.Valid[i] {
				d.Texts = append(d.Texts, Text{X: x0 + 3, Y: by + bh/2 + vs*0.35, S: sr.Labels[i], Size: vs, Color: AxisColor})
				continue
			}
			c := Executed
			if s.Kind == Grouped {
				if k == 0 {
					c = Budgeted
				}
			} else if sr.Short[i] {
				c = Shortfall
			} else {
				c = Achieved
			}
			v := sr.Values[i]
			bx1 := xs(v)
			gap := 0.0
			if s.Kind == Grouped {
				gap = 0.6
			}
			d.Rects = append(d.Rects, Rect{X: x0, Y: by + gap/2, W: bx1 - x0, H: bh - gap, Fill: c})
			if v > axisMax {
				// A break: the bar is cut at the axis end.
				d.Rects = append(d.Rects, Rect{X: bx1 - 7, Y: by - 1, W: 1.6, H: bh + 2, Fill: White})
			}
			ty := by + bh/2 + vs*0.35
			lw := Measure(sr.Labels[i], vs)
			if s.Kind == Completion && s.Ref > 0 && v < s.Ref && bx1+2+lw > xs(s.Ref)-1 {
				// The label would cross the reference line: write it
				// inside the bar, or past the line when the bar is short.
				if bx1-x0 >= lw+6 {
					d.Texts = append(d.Texts, Text{X: bx1 - 3, Y: ty, S: sr.Labels[i], Size: vs, Color: White, Bg: c, Align: Right})
				} else {
					d.Texts = append(d.Texts, Text{X: xs(s.Ref) + 3, Y: ty, S: sr.Labels[i], Size: vs, Color: Ink})
				}
				continue
			}
			d.Texts = append(d.Texts, Text{X: bx1 + 2, Y: ty, S: sr.Labels[i], Size: vs, Color: Ink})
		}
	}
	if s.Kind == Completion && s.Ref > 0 {
		x := xs(s.Ref)
		d.Lines = append(d.Lines, Line{X1: x, Y1: top - 2, X2: x, Y2: bottom, Width: 0.8, Color: Shortfall, Dash: true})
	}
	return d
}
