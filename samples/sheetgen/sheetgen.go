// Package sheetgen lays out 绩效自评表 forms the way county offices fill them
// in Excel: a merged title, label rows, a fund block whose first column is
// merged down, the 年度总体目标 block and the indicator block with 一级/二级
// cells merged over their rows. It is shared by the sample generator
// (samples/gen) and the reader-fixture generator (pipeline/read/testdata/gen),
// and RewriteParts damages or extends a package for tests; it is not used
// at run time.
package sheetgen

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Value kinds a cell can hold besides plain float64 (money, 0.00), int
// (a count or a weight, General), string (text as typed) and nil (blank).
type (
	// Pct is a number shown with the 0.00% format (0.9807 shows 98.07%).
	Pct float64
	// Formula is a formula written without a cached value, e.g. "=E7/D7".
	Formula string
	// PctFormula is a formula whose cell has the 0.00% format.
	PctFormula string
	// Score is a number shown with two decimals (a 得分).
	Score float64
)

// FundRow is one row of the fund block.
type FundRow struct {
	Label                                        string
	Initial, Budget, Executed, Max, Rate, Scored any
}

// Indicator is one row of the indicator block. Previous is written only when
// the form has a 上年完成值 column.
type Indicator struct {
	L1, L2, Name             string
	Target, Previous, Actual any
	Max, Score               any
	Deviation                string
}

// Form is one 项目支出绩效自评表 or 部门整体支出绩效自评表.
type Form struct {
	Title     string // 部门整体支出绩效自评表
	Year      string // （2019年度）; empty: no year row
	UnitNote  string // e.g. 金额单位：元, written right-aligned under the year; empty: none
	NameLabel string // 部门（单位）名称 / 项目名称
	Name      string
	// SupervisorLabel/ImplementerLabel default to 主管部门/实施单位.
	SupervisorLabel, Supervisor   string
	ImplementerLabel, Implementer string
	FundLabel                     string   // 资金情况（万元）; merged down the fund block
	FundHeader                    []string // 7 labels: 项目, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分
	Funds                         []FundRow
	GoalLabel                     string // 年度总体目标
	GoalHeader                    [2]string
	Goal, Done                    string
	IndHeader                     []string // 8 or 9 labels; 9 means a 上年完成值 column after 年度指标值
	Indicators                    []Indicator
	TotalLabel                    string // 总分
	TotalMax, TotalScore          any
	Footer                        []string // free rows under the form (填表人 …)
	// Grey marks the values as hints (blank workbook): grey italic text.
	Grey bool
}

// Layout tells where the blocks of a written form are (1-based rows).
type Layout struct {
	Cols                    int // 8 or 9
	FundHeaderRow           int
	FundFirstRow            int
	GoalRow                 int // the 预期目标 | 实际完成情况 label row
	IndHeaderRow            int
	IndFirstRow, IndLastRow int
	TotalRow                int
}

// DefaultFundHeader is the fund header of the national form.
var DefaultFundHeader = []string{"项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"}

// IndHeader8 is the indicator header of the national form; IndHeader9 adds 上年完成值.
var (
	IndHeader8 = []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"}
	IndHeader9 = []string{"一级指标", "二级指标", "三级指标", "年度指标值", "上年完成值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"}
)

// Styles holds the style ids of one workbook.
type Styles struct {
	f                                      *excelize.File
	Title, Sub, Unit, Label, LabelLeft     int
	Text, TextC, Money, Percent, Int, Num2 int
	Hint, HintC, Plain, PlainBold          int
}

const font = "宋体"

func border() []excelize.Border {
	var b []excelize.Border
	for _, t := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: t, Color: "000000", Style: 1})
	}
	return b
}

// NewStyles registers the styles a form uses and sets 宋体 as default font.
func NewStyles(f *excelize.File) (*Styles, error) {
	if err := f.SetDefaultFont(font); err != nil {
		return nil, err
	}
	s := &Styles{f: f}
	fmt2, fmtPct := "0.00", "0.00%"
	type def struct {
		id    *int
		style excelize.Style
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	right := &excelize.Alignment{Horizontal: "right", Vertical: "center"}
	defs := []def{
		{&s.Title, excelize.Style{Font: &excelize.Font{Family: font, Size: 18, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&s.Sub, excelize.Style{Font: &excelize.Font{Family: font, Size: 12}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&s.Unit, excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Alignment: right}},
		{&s.Label, excelize.Style{Font: &excelize.Font{Family: font, Size: 10, Bold: true}, Alignment: center, Border: border()}},
		{&s.LabelLeft, excelize.Style{Font: &excelize.Font{Family: font, Size: 10, Bold: true}, Alignment: left, Border: border()}},
		{&s.Text, excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}, Border: border()}},
		{&s.TextC, excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Alignment: center, Border: border()}},
		{&s.Money, excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}, Border: border(), CustomNumFmt: &fmt2}},
		{&s.Percent, excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}, Border: border(), CustomNumFmt: &fmtPct}},
		{&s.Int, excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Alignment: center, Border: border()}},
		{&s.Num2, excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Alignment: center, Border: border(), CustomNumFmt: &fmt2}},
		{&s.Hint, excelize.Style{Font: &excelize.Font{Family: font, Size: 10, Italic: true, Color: "808080"}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}, Border: border()}},
		{&s.HintC, excelize.Style{Font: &excelize.Font{Family: font, Size: 10, Italic: true, Color: "808080"}, Alignment: center, Border: border()}},
		{&s.Plain, excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}}},
		{&s.PlainBold, excelize.Style{Font: &excelize.Font{Family: font, Size: 12, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}}},
	}
	for _, d := range defs {
		st := d.style
		id, err := f.NewStyle(&st)
		if err != nil {
			return nil, err
		}
		*d.id = id
	}
	return s, nil
}

// Cell returns the A1 name of a 1-based column and row.
func Cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// W is a small writer that remembers the first error.
type W struct {
	F     *excelize.File
	S     *Styles
	Sheet string
	Err   error
}

func (w *W) Check(err error) {
	if w.Err == nil && err != nil {
		w.Err = err
	}
}

// Style styles a rectangle.
func (w *W) Style(c1, r1, c2, r2, style int) {
	w.Check(w.F.SetCellStyle(w.Sheet, Cell(c1, r1), Cell(c2, r2), style))
}

// Merge merges a rectangle (when larger than one cell) and styles all of it,
// so the borders show on every edge.
func (w *W) Merge(c1, r1, c2, r2, style int) {
	if c1 != c2 || r1 != r2 {
		w.Check(w.F.MergeCell(w.Sheet, Cell(c1, r1), Cell(c2, r2)))
	}
	if style > 0 {
		w.Style(c1, r1, c2, r2, style)
	}
}

// Put writes v into a cell with a style chosen by the value's kind; textStyle
// is used for strings (and blanks).
func (w *W) Put(col, row int, v any, textStyle int) {
	cell := Cell(col, row)
	st := textStyle
	switch x := v.(type) {
	case nil:
	case string:
		w.Check(w.F.SetCellStr(w.Sheet, cell, x))
	case float64:
		w.Check(w.F.SetCellFloat(w.Sheet, cell, x, -1, 64))
		st = w.S.Money
	case int:
		w.Check(w.F.SetCellInt(w.Sheet, cell, int64(x)))
		st = w.S.Int
	case Pct:
		w.Check(w.F.SetCellFloat(w.Sheet, cell, float64(x), -1, 64))
		st = w.S.Percent
	case Score:
		w.Check(w.F.SetCellFloat(w.Sheet, cell, float64(x), -1, 64))
		st = w.S.Num2
	case Formula:
		w.Check(w.F.SetCellFormula(w.Sheet, cell, string(x)))
		st = w.S.Money
	case PctFormula:
		w.Check(w.F.SetCellFormula(w.Sheet, cell, string(x)))
		st = w.S.Percent
	default:
		w.Check(fmt.Errorf("sheetgen: %s!%s: unsupported value %T", w.Sheet, cell, v))
	}
	if st > 0 {
		w.Style(col, row, col, row, st)
	}
}

// PutMerged writes v into the top-left cell of a rectangle and merges it.
func (w *W) PutMerged(c1, r1, c2, r2 int, v any, style int) {
	w.Merge(c1, r1, c2, r2, style)
	w.Put(c1, r1, v, style)
	if c1 != c2 || r1 != r2 {
		// Put may have picked a numeric style for the first cell only;
		// keep the whole range consistent with it.
		st, _ := w.F.GetCellStyle(w.Sheet, Cell(c1, r1))
		w.Style(c1, r1, c2, r2, st)
	}
}

// WriteForm lays out form on sheet starting at row 1.
func WriteForm(f *excelize.File, s *Styles, sheet string, form *Form) (Layout, error) {
	w := &W{F: f, S: s, Sheet: sheet}
	hdr := form.IndHeader
	if hdr == nil {
		hdr = IndHeader8
	}
	n := len(hdr)
	lay := Layout{Cols: n}
	text, textC := s.Text, s.TextC
	if form.Grey {
		text, textC = s.Hint, s.HintC
	}

	// Column widths: narrow label columns, a wide 三级指标 and 偏差原因.
	widths := []float64{13, 15, 22, 12, 12, 12, 8, 8, 28}
	if n == 8 {
		widths = []float64{13, 18, 22, 12, 12, 9, 9, 30}
	}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		w.Check(f.SetColWidth(sheet, col, col, wd))
	}

	r := 1
	w.PutMerged(1, r, n, r, form.Title, s.Title)
	w.Check(f.SetRowHeight(sheet, r, 36))
	r++
	if form.Year != "" {
		w.PutMerged(1, r, n, r, form.Year, s.Sub)
		w.Check(f.SetRowHeight(sheet, r, 20))
		r++
	}
	if form.UnitNote != "" {
		w.PutMerged(1, r, n, r, form.UnitNote, s.Unit)
		r++
	}

	// Label rows.
	w.PutMerged(1, r, 2, r, form.NameLabel, s.Label)
	w.PutMerged(3, r, n, r, form.Name, textC)
	w.Check(f.SetRowHeight(sheet, r, 22))
	r++
	sl, il := form.SupervisorLabel, form.ImplementerLabel
	if sl == "" {
		sl = "主管部门"
	}
	if il == "" {
		il = "实施单位"
	}
	// 主管部门 | value | 实施单位 | value on one row, as the national form has it.
	mid := 5
	if n == 8 {
		mid = 4
	}
	w.PutMerged(1, r, 2, r, sl, s.Label)
	w.PutMerged(3, r, mid, r, form.Supervisor, textC)
	w.PutMerged(mid+1, r, mid+2, r, il, s.Label)
	w.PutMerged(mid+3, r, n, r, form.Implementer, textC)
	w.Check(f.SetRowHeight(sheet, r, 22))
	r++

	// Fund block: column A merged down, B row labels, C..H values; with nine
	// columns 得分 spans H:I.
	fh := form.FundHeader
	if fh == nil {
		fh = DefaultFundHeader
	}
	lay.FundHeaderRow = r
	lay.FundFirstRow = r + 1
	last := r + len(form.Funds)
	w.PutMerged(1, r, 1, last, form.FundLabel, s.Label)
	for i, h := range fh {
		c := 2 + i
		if i == len(fh)-1 {
			w.PutMerged(c, r, n, r, h, s.Label)
		} else {
			w.Put(c, r, h, s.Label)
		}
	}
	w.Check(f.SetRowHeight(sheet, r, 30))
	for i, fr := range form.Funds {
		row := r + 1 + i
		w.Put(2, row, fr.Label, s.LabelLeft)
		for j, v := range []any{fr.Initial, fr.Budget, fr.Executed, fr.Max, fr.Rate} {
			w.Put(3+j, row, v, textC)
		}
		w.PutMerged(8, row, n, row, fr.Scored, textC)
		w.Check(f.SetRowHeight(sheet, row, 20))
	}
	r = last + 1

	// 年度总体目标.
	gl := form.GoalLabel
	if gl == "" {
		gl = "年度总体目标"
	}
	gh := form.GoalHeader
	if gh[0] == "" {
		gh = [2]string{"预期目标", "实际完成情况"}
	}
	half := 2 + (n-1)/2 - 1 // last column of 预期目标
	lay.GoalRow = r
	w.PutMerged(1, r, 1, r+1, gl, s.Label)
	w.PutMerged(2, r, half, r, gh[0], s.Label)
	w.PutMerged(half+1, r, n, r, gh[1], s.Label)
	w.PutMerged(2, r+1, half, r+1, form.Goal, text)
	w.PutMerged(half+1, r+1, n, r+1, form.Done, text)
	var wa, wb float64
	for i, wd := range widths {
		if i >= 1 && i < half {
			wa += wd
		} else if i >= half {
			wb += wd
		}
	}
	w.Check(f.SetRowHeight(sheet, r+1, max(goalHeight(form.Goal, wa), goalHeight(form.Done, wb))))
	r += 2

	// Indicator block.
	lay.IndHeaderRow = r
	for i, h := range hdr {
		w.Put(1+i, r, h, s.Label)
	}
	w.Check(f.SetRowHeight(sheet, r, 30))
	r++
	lay.IndFirstRow = r
	prevCols := 0
	if n == 9 {
		prevCols = 1
	}
	inds := form.Indicators
	for i := 0; i < len(inds); {
		// 一级 run.
		j := i
		for j < len(inds) && inds[j].L1 == inds[i].L1 {
			j++
		}
		w.PutMerged(1, r+i, 1, r+j-1, inds[i].L1, s.Label)
		for k := i; k < j; {
			m := k
			for m < j && inds[m].L2 == inds[k].L2 {
				m++
			}
			w.PutMerged(2, r+k, 2, r+m-1, inds[k].L2, textC)
			k = m
		}
		i = j
	}
	for i, in := range inds {
		row := r + i
		w.Put(3, row, in.Name, textC)
		w.Put(4, row, in.Target, textC)
		if prevCols == 1 {
			w.Put(5, row, in.Previous, textC)
		}
		w.Put(5+prevCols, row, in.Actual, textC)
		w.Put(6+prevCols, row, in.Max, textC)
		w.Put(7+prevCols, row, in.Score, textC)
		w.Put(8+prevCols, row, in.Deviation, text)
		h := 22.0
		if len([]rune(in.Deviation)) > 18 || len([]rune(in.Name)) > 12 {
			h = 36
		}
		if len([]rune(in.Deviation)) > 40 {
			h = 50
		}
		w.Check(f.SetRowHeight(sheet, row, h))
	}
	r += len(inds)
	lay.IndLastRow = r - 1

	// 总分.
	tl := form.TotalLabel
	if tl == "" {
		tl = "总分"
	}
	lay.TotalRow = r
	w.PutMerged(1, r, 5+prevCols, r, tl, s.Label)
	w.Put(6+prevCols, r, form.TotalMax, textC)
	w.Put(7+prevCols, r, form.TotalScore, textC)
	w.Put(8+prevCols, r, nil, text)
	w.Check(f.SetRowHeight(sheet, r, 22))
	r++
	for _, line := range form.Footer {
		w.PutMerged(1, r, n, r, line, s.Plain)
		w.Check(f.SetRowHeight(sheet, r, float64(len([]rune(line))/70+1)*16+4))
		r++
	}
	PrintSetup(w, n)
	return lay, w.Err
}

// goalHeight estimates the row height that shows a paragraph in a merged
// cell width units wide (a CJK character at 10 pt takes about 2.2 units).
func goalHeight(text string, width float64) float64 {
	perLine := int(width / 2.2)
	lines := len([]rune(text))/perLine + 1
	h := float64(lines)*14 + 4
	if h < 40 {
		h = 40
	}
	if h > 400 {
		h = 400
	}
	return h
}

// PrintSetup sets A4 portrait, fit to one page wide, gridlines off.
func PrintSetup(w *W, cols int) {
	size, orient := 9, "portrait"
	one, zero := 1, 0
	yes, no := true, false
	w.Check(w.F.SetPageLayout(w.Sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}))
	w.Check(w.F.SetSheetProps(w.Sheet, &excelize.SheetPropsOptions{FitToPage: &yes}))
	w.Check(w.F.SetSheetView(w.Sheet, 0, &excelize.ViewOptions{ShowGridLines: &no}))
	m := 0.5
	w.Check(w.F.SetPageMargins(w.Sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m}))
}
