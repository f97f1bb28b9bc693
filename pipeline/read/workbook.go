package read

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

type sheetKind int

const (
	sheetOther sheetKind = iota
	sheetDept
	sheetProject
	sheetBase
	sheetNarrative
)

// readWorkbook classifies every sheet by its content and reads the forms.
func readWorkbook(name string, xf *excelize.File, opt Options) (*form.Workbook, error) {
	wb := &form.Workbook{Source: name}
	sheets := xf.GetSheetList()
	if len(sheets) == 0 {
		return nil, &finding.FileError{File: name, Message: msgNoSheets, Hint: hintNoForm}
	}
	if len(sheets) > opt.MaxSheets {
		wb.Findings.Warn("", "", "工作簿有%d个工作表，只读取前%d个", len(sheets), opt.MaxSheets)
		sheets = sheets[:opt.MaxSheets]
	}
	parts := sheetParts(xf)
	pct := percentFormats(xf)
	budget := opt.MaxCells
	for _, s := range sheets {
		g, err := loadGrid(xf, s, parts[s], pct, opt, &budget)
		if err != nil {
			var le *limitError
			if errors.As(err, &le) {
				return nil, &finding.FileError{File: name, Message: "工作表“" + s + "”：" + le.what, Err: err}
			}
			return nil, &finding.FileError{File: name, Message: "工作表“" + s + "”无法读取，文件可能已损坏", Hint: hintResend, Err: err}
		}
		p := &parser{g: g, fl: &wb.Findings, unitYuan: false}
		switch classify(g) {
		case sheetDept:
			f := p.parseForm(form.DepartmentForm)
			if wb.Department != nil {
				wb.Findings.Warn(s, "", "工作簿中有多张部门整体支出绩效自评表，只采用第一张（工作表“%s”）", wb.Department.Sheet)
				continue
			}
			wb.Department = f
		case sheetProject:
			wb.Projects = append(wb.Projects, p.parseForm(form.ProjectForm))
		case sheetBase:
			if wb.Base == nil {
				wb.Base = p.parseBase()
			}
		case sheetNarrative:
			wb.Narrative = append(wb.Narrative, p.parseNarrative()...)
		}
	}
	if wb.Department == nil && len(wb.Projects) == 0 {
		return nil, &finding.FileError{File: name, Message: msgNoForm, Hint: hintNoForm}
	}
	return wb, nil
}

// headRows is how far down a title or header is looked for.
const headRows = 12

// classify tells what a sheet holds from its title and headers.
func classify(g *grid) sheetKind {
	fund, _ := findHeader(g, 0, fundKinds, fundHeaderOK)
	ind, _ := findHeader(g, 0, indKinds, indHeaderOK)
	isForm := fund >= 0 || ind >= 0
	for r := 0; r < len(g.cells) && r < headRows; r++ {
		for _, c := range g.cells[r] {
			s := squash(c)
			// A title is a short cell; a sentence that mentions a form's
			// name (填表说明) is not one.
			if len([]rune(s)) > 30 {
				continue
			}
			switch {
			case strings.Contains(s, titleDept) && isForm:
				return sheetDept
			case strings.Contains(s, titleProject) && isForm:
				return sheetProject
			case strings.Contains(s, titleBase):
				return sheetBase
			}
		}
	}
	// No title: decide by headers.
	if isForm {
		for r := 0; r < len(g.cells) && r < headRows; r++ {
			for _, c := range g.cells[r] {
				if labelIs(c, nameLabelsProject) {
					return sheetProject
				}
			}
		}
		return sheetDept
	}
	if b, _ := findHeader(g, 0, baseKinds, baseHeaderOK); b >= 0 {
		return sheetBase
	}
	for r := 0; r < len(g.cells) && r < headRows; r++ {
		hasTitle, hasText := false, false
		for _, c := range g.cells[r] {
			switch norm(c) {
			case "章节", "标题", "部分":
				hasTitle = true
			case "内容", "说明", "文字说明":
				hasText = true
			}
		}
		if hasTitle && hasText {
			return sheetNarrative
		}
	}
	return sheetOther
}

func fundHeaderOK(cols map[int]int) bool {
	_, b := cols[colBudget]
	_, i := cols[colInitial]
	_, e := cols[colExecuted]
	return (b || i) && e
}

func indHeaderOK(cols map[int]int) bool {
	_, n := cols[colName]
	_, t := cols[colTarget]
	_, a := cols[colActual]
	_, l := cols[colLevel1]
	return (n || l) && (t || a)
}

func baseHeaderOK(cols map[int]int) bool { return len(cols) >= 2 }

// findHeader returns the first row at or after from whose cells name column
// kinds that ok accepts, with the column of each kind.
func findHeader(g *grid, from int, kinds []int, ok func(map[int]int) bool) (int, map[int]int) {
	for r := from; r < len(g.cells); r++ {
		cols := map[int]int{}
		for c, v := range g.cells[r] {
			if k := kindOf(v, kinds...); k >= 0 {
				if _, seen := cols[k]; !seen {
					cols[k] = c
				}
			}
		}
		if ok(cols) {
			return r, cols
		}
	}
	return -1, nil
}

// parser reads one sheet.
type parser struct {
	g        *grid
	fl       *finding.List
	unitYuan bool
}

func (p *parser) warn(cell, format string, args ...any) { p.fl.Warn(p.g.name, cell, format, args...) }
func (p *parser) fail(cell, format string, args ...any) { p.fl.Err(p.g.name, cell, format, args...) }

var (
	yearRe   = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)
	weightRe = regexp.MustCompile(`^(.*?)\(?(\d+(?:\.\d+)?)分\)?$`)
)

func (p *parser) parseForm(kind form.Kind) *form.Form {
	g := p.g
	f := &form.Form{Kind: kind, Sheet: g.name, MoneyUnit: "万元", Weights: map[string]num.Opt{}}
	fundRow, fundCols := findHeader(g, 0, fundKinds, fundHeaderOK)
	indRow, indCols := findHeader(g, 0, indKinds, indHeaderOK)
	headEnd := len(g.cells)
	switch {
	case fundRow >= 0:
		headEnd = fundRow
	case indRow >= 0:
		headEnd = indRow
	}
	p.readLabels(f, headEnd)
	if p.unitYuan {
		f.MoneyUnit = "元"
	}
	if fundRow < 0 {
		p.fail("", "没有找到资金情况表头（应有“年初预算数”“全年预算数”“全年执行数”等列）")
	} else {
		p.readFunds(f, fundRow, fundCols, indRow)
	}
	goalFrom := 0
	if fundRow >= 0 {
		goalFrom = fundRow + 1
	}
	goalTo := indRow
	if goalTo < 0 {
		goalTo = len(g.cells)
	}
	p.readGoal(f, goalFrom, goalTo)
	if indRow < 0 {
		p.fail("", "没有找到绩效指标表头（应有“一级指标”“二级指标”“三级指标”“年度指标值”“实际完成值”“分值”“得分”等列）")
	} else {
		p.readIndicators(f, indRow, indCols)
	}
	return f
}

// readLabels reads 名称, 主管部门, 实施单位, the year and the money unit from
// the rows above the fund block.
func (p *parser) readLabels(f *form.Form, end int) {
	g := p.g
	nameLabels := nameLabelsDept
	if f.Kind == form.ProjectForm {
		nameLabels = nameLabelsProject
	}
	for r := 0; r < end && r < len(g.cells); r++ {
		for c, v := range g.cells[r] {
			switch {
			case f.Name == "" && labelIs(v, nameLabels):
				f.Name = p.valueRight(r, c)
			case f.Department == "" && labelIs(v, deptLabels):
				f.Department = p.valueRight(r, c)
			case f.Unit == "" && labelIs(v, unitLabels):
				f.Unit = p.valueRight(r, c)
			case f.Year == 0 && (norm(v) == "年度" || norm(v) == "评价年度" || norm(v) == "预算年度"):
				if y, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(num.Normalize(p.valueRight(r, c))), "年")); err == nil && y > 1900 && y < 2200 {
					f.Year, f.YearCell = y, g.ref(r, c+1)
				}
			}
		}
	}
	// The year from a title or "（2019年度）" line.
	for r := 0; f.Year == 0 && r < end && r < headRows; r++ {
		for c, v := range g.cells[r] {
			if m := yearRe.FindStringSubmatch(num.Normalize(v)); m != nil {
				f.Year, _ = strconv.Atoi(m[1])
				f.YearCell = g.ref(r, c)
				break
			}
		}
	}
	if f.Year == 0 {
		if m := yearRe.FindStringSubmatch(num.Normalize(g.name)); m != nil {
			f.Year, _ = strconv.Atoi(m[1])
		}
	}
	if f.Name == "" {
		what := "部门（单位）名称"
		if f.Kind == form.ProjectForm {
			what = "项目名称"
		}
		p.warn("", "没有找到“%s”", what)
	}
	if f.Year == 0 {
		p.warn("", "没有找到评价年度（如标题下的“（2019年度）”）")
	}
}

// valueRight is the first non-empty cell right of (r, c) that is not part
// of the label's merged range and not another label.
func (p *parser) valueRight(r, c int) string {
	g := p.g
	for k := c + 1; k < len(g.cells[r]); k++ {
		v := strings.TrimSpace(g.at(r, k))
		if v == "" || g.sameMerge(r, c, r, k) {
			continue
		}
		if labelIs(v, deptLabels) || labelIs(v, unitLabels) || labelIs(v, nameLabelsDept) || labelIs(v, nameLabelsProject) {
			return ""
		}
		if isEmptyMarker(v) {
			return ""
		}
		return v
	}
	return ""
}

// noteUnit looks for the money unit in a cell.
func (p *parser) noteUnit(v string) {
	s := squash(v)
	switch {
	case strings.Contains(s, "万元"):
	case strings.Contains(s, "单位:元"), strings.Contains(s, "(元)"), strings.Contains(s, "单位：元"):
		p.unitYuan = true
	}
}

// blockEnd words end the fund block.
func isBlockStart(s string) bool {
	n := norm(s)
	return strings.Contains(n, "总体目标") || n == "绩效指标" || n == "一级指标" || n == "总分"
}

var tenThousand = decimal.NewFromInt(10000)

func (p *parser) readFunds(f *form.Form, hdr int, cols map[int]int, indRow int) {
	g := p.g
	// The unit may be written in the header row or above it.
	for r := 0; r <= hdr; r++ {
		for _, v := range g.cells[r] {
			p.noteUnit(v)
		}
	}
	if p.unitYuan {
		f.MoneyUnit = "元"
	}
	firstData := len(g.cells[hdr])
	for _, c := range cols {
		firstData = min(firstData, c)
	}
	seen := false
	for r := hdr + 1; r < len(g.cells); r++ {
		if indRow >= 0 && r >= indRow {
			break
		}
		row := g.cells[r]
		stop := false
		for _, v := range row {
			if isBlockStart(v) {
				stop = true
				break
			}
		}
		if stop {
			break
		}
		// The row label: rightmost text left of the figures that is not the
		// block's own merged label.
		label := ""
		for c := min(firstData, len(row)) - 1; c >= 0; c-- {
			v := strings.TrimSpace(row[c])
			if v == "" || g.sameMerge(r, c, hdr, c) || isNumeric(v) {
				continue
			}
			label = v
			break
		}
		fr := form.FundRow{Label: norm(label), Row: r + 1}
		fr.Initial = p.money(r, cols, colInitial)
		fr.Budget = p.money(r, cols, colBudget)
		fr.Executed = p.money(r, cols, colExecuted)
		fr.MaxScore = p.number(r, cols, colMax)
		fr.DeclaredRate = p.rate(r, cols, colRate)
		fr.DeclaredScore = p.number(r, cols, colScore)
		empty := !fr.Initial.Valid && !fr.Budget.Valid && !fr.Executed.Valid
		if label == "" && empty {
			if seen {
				break
			}
			continue
		}
		if label == "" {
			fr.Label = "（未命名）"
			p.warn(g.ref(r, 0), "资金行没有名称")
		}
		fr.Total = isTotalLabel(fr.Label)
		seen = true
		if fr.Total {
			f.Funds = append([]form.FundRow{fr}, f.Funds...)
		} else {
			f.Funds = append(f.Funds, fr)
		}
	}
	if len(f.Funds) == 0 {
		p.fail(g.ref(hdr, firstData), "资金情况表头下没有资金行（应有“年度资金总额”等行）")
	}
}

// cellText returns the text and reference of a block column in row r.
func (p *parser) cellText(r int, cols map[int]int, kind int) (string, string, bool) {
	c, ok := cols[kind]
	if !ok {
		return "", "", false
	}
	return strings.TrimSpace(p.g.at(r, c)), p.g.ref(r, c), true
}

// figure reads a block column of row r as a number; text that is not one
// goes to bad, and the value stays missing.
func (p *parser) figure(r int, cols map[int]int, kind int, bad func(ref, text string)) (form.Value, num.Number) {
	text, ref, ok := p.cellText(r, cols, kind)
	if !ok {
		return form.Value{}, num.Number{}
	}
	v := form.Value{Cell: ref, Text: text}
	n, err := num.ParseNumber(text)
	if err != nil {
		bad(ref, text)
		return v, num.Number{}
	}
	return v, n
}

// number reads a figure; text that is not one is an error.
func (p *parser) number(r int, cols map[int]int, kind int) form.Value {
	v, n := p.figure(r, cols, kind, func(ref, text string) { p.fail(ref, "“%s”不是数字", clip(text)) })
	if n.Percent && (kind == colMax || kind == colScore) {
		// "10%" typed as a weight: take the number itself.
		n.Value.D = n.Value.D.Shift(2)
	}
	v.Opt = n.Value
	return v
}

// money reads an amount and converts 元 to 万元.
func (p *parser) money(r int, cols map[int]int, kind int) form.Value {
	v := p.number(r, cols, kind)
	if v.Valid && p.unitYuan {
		v.D = v.D.DivRound(tenThousand, 10)
	}
	if v.Valid && v.D.IsNegative() {
		p.warn(v.Cell, "金额为负数（%s），请核对", clip(v.Text))
	}
	return v
}

// rate reads a declared rate: "95%", 0.95 (percent-formatted or not) or 95
// meaning percent points.
func (p *parser) rate(r int, cols map[int]int, kind int) form.Value {
	v, n := p.figure(r, cols, kind, func(ref, text string) { p.warn(ref, "执行率“%s”不是数字，已忽略", clip(text)) })
	if n.Value.Valid && !n.Percent && n.Value.D.GreaterThan(decimal.NewFromInt(2)) {
		n.Value.D = n.Value.D.Shift(-2)
	}
	v.Opt = n.Value
	return v
}

func (p *parser) readGoal(f *form.Form, from, to int) {
	g := p.g
	for r := from; r < to && r < len(g.cells); r++ {
		ce, ca := -1, -1
		for c, v := range g.cells[r] {
			switch norm(v) {
			case "预期目标", "年度预期目标", "预期目标值":
				if ce < 0 {
					ce = c
				}
			case "实际完成情况", "实际完成", "目标实际完成情况", "全年实际完成情况":
				if ca < 0 {
					ca = c
				}
			}
		}
		if ce < 0 && ca < 0 {
			// Older forms: "年度总体目标 | text".
			for c, v := range g.cells[r] {
				if n := norm(v); n == "年度总体目标" || n == "总体目标" || n == "年度绩效目标" {
					if t := p.valueRight(r, c); t != "" && f.GoalExpected == "" {
						f.GoalExpected, f.GoalCell = t, g.ref(r, c)
					}
				}
			}
			continue
		}
		// Texts stand below the headers.
		for k := r + 1; k < to && k < len(g.cells); k++ {
			if ce >= 0 && f.GoalExpected == "" && !g.sameMerge(r, ce, k, ce) {
				f.GoalExpected = strings.TrimSpace(g.at(k, ce))
				f.GoalCell = g.ref(k, ce)
			}
			if ca >= 0 && f.GoalActual == "" && !g.sameMerge(r, ca, k, ca) {
				f.GoalActual = strings.TrimSpace(g.at(k, ca))
			}
			if (ce < 0 || f.GoalExpected != "") && (ca < 0 || f.GoalActual != "") {
				break
			}
		}
		return
	}
}

func (p *parser) readIndicators(f *form.Form, hdr int, cols map[int]int) {
	g := p.g
	var l1, l2 string
	l1Row := -1
	for r := hdr + 1; r < len(g.cells); r++ {
		row := g.cells[r]
		// The header may take two rows (绩效指标 over 一级/二级/三级).
		if r == hdr+1 {
			if k, _ := findHeader(&grid{cells: [][]string{row}}, 0, indKinds, indHeaderOK); k == 0 {
				continue
			}
		}
		if p.readBottom(f, r, cols) {
			continue
		}
		if p.noteRow(r, cols) {
			// "填表人：… 联系电话：…" or "说明：…" merged across the form.
			break
		}
		name, nameRef, _ := p.cellText(r, cols, colName)
		target, targetRef, _ := p.cellText(r, cols, colTarget)
		actual, actualRef, _ := p.cellText(r, cols, colActual)
		if strings.TrimSpace(name) == "" && isEmptyMarker(target) && isEmptyMarker(actual) {
			continue
		}
		if c, ok := cols[colLevel1]; ok {
			if v := strings.TrimSpace(g.at(r, c)); v != "" {
				l1 = v
				if l1Row < 0 || !g.sameMerge(r, c, l1Row, c) {
					l1Row = r
					p.noteWeight(f, l1, g.ref(r, c))
				}
			}
		}
		if c, ok := cols[colLevel2]; ok {
			if v := strings.TrimSpace(g.at(r, c)); v != "" {
				l2 = v
			}
		}
		in := form.Indicator{
			Level1: level1Name(l1), Level2: norm(l2), Name: strings.TrimSpace(name), Row: r + 1,
			Target: num.ParseMeasure(target), TargetCell: targetRef,
			Actual: num.ParseMeasure(actual), ActualCell: actualRef,
		}
		if prev, ref, ok := p.cellText(r, cols, colPrevious); ok {
			in.Previous, in.PreviousCell = num.ParseMeasure(prev), ref
		}
		in.MaxScore = p.number(r, cols, colMax)
		in.DeclaredScore = p.softNumber(r, cols, colScore)
		if dev, ref, ok := p.cellText(r, cols, colDeviation); ok {
			if !isEmptyMarker(dev) {
				in.Deviation = dev
			}
			in.DeviationCell = ref
		}
		if in.Name == "" {
			in.Name = in.Level2
			p.warn(nameRef, "三级指标名称为空")
		}
		if !in.MaxScore.Valid && in.MaxScore.Cell != "" && isEmptyMarker(in.MaxScore.Text) {
			p.fail(in.MaxScore.Cell, "指标“%s”没有分值", clip(in.Name))
		}
		f.Indicators = append(f.Indicators, in)
	}
	if len(f.Indicators) == 0 {
		p.fail(g.ref(hdr, 0), "绩效指标表头下没有指标行")
	}
}

// noteRow reports a row that is one merged cell across the indicator
// columns: a note under the form, not an indicator.
func (p *parser) noteRow(r int, cols map[int]int) bool {
	a, okA := cols[colName]
	b, okB := cols[colMax]
	if !okA {
		a, okA = cols[colLevel1]
	}
	if !okA || !okB {
		return false
	}
	return strings.TrimSpace(p.g.at(r, a)) != "" && p.g.sameMerge(r, a, r, b)
}

// softNumber reads a declared score: text that is not a number is a
// warning, not an error (the score is recomputed anyway).
func (p *parser) softNumber(r int, cols map[int]int, kind int) form.Value {
	v, n := p.figure(r, cols, kind, func(ref, text string) {
		p.warn(ref, "得分“%s”不是数字，已按计算结果评分", clip(text))
	})
	v.Opt = n.Value
	return v
}

// readBottom takes the 总分 row and the 评价结论 / 存在问题 / 改进措施 rows;
// it reports whether row r was one of them.
func (p *parser) readBottom(f *form.Form, r int, cols map[int]int) bool {
	g := p.g
	for c, v := range g.cells[r] {
		n := norm(v)
		switch n {
		case "总分", "合计得分", "总得分", "自评总分", "合计":
			if sc, ok := cols[colScore]; ok {
				t := strings.TrimSpace(g.at(r, sc))
				if d, err := num.ParseNumber(t); err == nil {
					f.DeclaredTotal = d.Value
				}
				f.TotalCell = g.ref(r, sc)
			}
			return true
		case "评价结论", "自评结论", "总体评价结论", "结论":
			f.Conclusion = p.valueRight(r, c)
			return true
		case "存在问题", "存在的问题", "主要问题", "存在的主要问题":
			f.Problems = p.valueRight(r, c)
			return true
		case "改进措施", "改进建议", "下一步改进措施", "整改措施", "改进措施及建议":
			f.Measures = p.valueRight(r, c)
			return true
		}
	}
	return false
}

// noteWeight reads "产出指标(50分)".
func (p *parser) noteWeight(f *form.Form, l1, ref string) {
	s := squash(l1)
	m := weightRe.FindStringSubmatch(s)
	if m == nil {
		return
	}
	d, err := decimal.NewFromString(m[2])
	if err != nil {
		return
	}
	f.Weights[level1Name(l1)] = num.Some(d)
}

// level1Name drops the weight: "产出指标(50分)" → "产出指标".
func level1Name(l1 string) string {
	s := squash(l1)
	if m := weightRe.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	return norm(s)
}

func (p *parser) parseBase() *form.Base {
	g := p.g
	b := &form.Base{Sheet: g.name}
	hdr, cols := findHeader(g, 0, baseKinds, baseHeaderOK)
	for r := 0; r < len(g.cells) && r < headRows+2; r++ {
		for _, v := range g.cells[r] {
			p.noteUnit(v)
		}
	}
	if hdr >= 0 {
		first := len(g.cells[hdr])
		for _, c := range cols {
			first = min(first, c)
		}
		blank := 0
		for r := hdr + 1; r < len(g.cells); r++ {
			item := ""
			for c := min(first, len(g.cells[r])) - 1; c >= 0; c-- {
				if v := strings.TrimSpace(g.at(r, c)); v != "" && !isNumeric(v) && !g.sameMerge(r, c, hdr, c) {
					item = v
					break
				}
			}
			if item == "" || isStaffLabel(item) {
				blank++
				if blank > 1 {
					break
				}
				continue
			}
			blank = 0
			br := form.BaseRow{Item: norm(item), Row: r + 1}
			br.PreviousFinal = p.money(r, cols, colPrevFinal)
			br.Budget = p.money(r, cols, colThisBudget)
			br.Final = p.money(r, cols, colThisFinal)
			b.Rows = append(b.Rows, br)
		}
	}
	// 编制数 / 实际在职人数: the figure is below the label or right of it.
	for r := range g.cells {
		for c, v := range g.cells[r] {
			n := norm(v)
			var dst *form.Value
			switch n {
			case "编制数", "编制人数", "核定编制数":
				dst = &b.Authorized
			case "实际在职人数", "在职人数", "实有人数", "实际在编人数":
				dst = &b.Staff
			default:
				continue
			}
			for _, at := range [][2]int{{r + 1, c}, {r, c + 1}} {
				t := strings.TrimSpace(g.at(at[0], at[1]))
				if d, err := num.ParseNumber(t); err == nil && d.Value.Valid {
					*dst = form.Value{Opt: d.Value, Cell: g.ref(at[0], at[1]), Text: t}
					break
				}
			}
		}
	}
	if hdr < 0 && !b.Authorized.Valid {
		p.warn("", "基础数据表中没有找到“上年决算数”“本年预算数”“本年决算数”表头，已跳过")
	}
	return b
}

func isStaffLabel(s string) bool {
	switch norm(s) {
	case "编制数", "编制人数", "核定编制数", "实际在职人数", "在职人数", "实有人数", "实际在编人数":
		return true
	}
	return false
}

func (p *parser) parseNarrative() []form.Section {
	g := p.g
	var out []form.Section
	tc, xc, hdr := -1, -1, -1
	for r := 0; r < len(g.cells) && hdr < 0; r++ {
		for c, v := range g.cells[r] {
			switch norm(v) {
			case "章节", "标题", "部分":
				tc = c
			case "内容", "说明", "文字说明":
				xc = c
			}
		}
		if tc >= 0 && xc >= 0 {
			hdr = r
		} else {
			tc, xc = -1, -1
		}
	}
	if hdr < 0 {
		return nil
	}
	for r := hdr + 1; r < len(g.cells); r++ {
		t, x := strings.TrimSpace(g.at(r, tc)), strings.TrimSpace(g.at(r, xc))
		if t == "" && x == "" {
			continue
		}
		if x == "" || isEmptyMarker(x) {
			continue
		}
		out = append(out, form.Section{Title: norm(t), Text: x})
	}
	return out
}

// clip shortens cell text quoted in a message.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 20 {
		return string(r[:20]) + "…"
	}
	return s
}
