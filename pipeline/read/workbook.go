package read

import (
	"errors"
	"regexp"
	"strings"

	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/form"
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
	fmts := numberFormats(xf)
	budget := opt.MaxCells
	blanks := 0
	for _, s := range sheets {
		g, err := loadGrid(xf, s, parts[s], fmts, opt, &budget)
		if err != nil {
			var le *limitError
			if errors.As(err, &le) {
				return nil, &finding.FileError{File: name, Message: "工作表“" + s + "”：" + le.what, Err: err}
			}
			var pe *partError
			if errors.As(err, &pe) {
				return nil, &finding.FileError{File: name, Message: pe.Error(), Err: err}
			}
			var fe *formulaError
			if errors.As(err, &fe) {
				return nil, &finding.FileError{File: name, Message: fe.msg, Err: err}
			}
			var me *mergeError
			if errors.As(err, &me) {
				return nil, &finding.FileError{File: name, Message: "工作表“" + s + "”：" + me.msg, Err: err}
			}
			return nil, &finding.FileError{File: name, Message: "工作表“" + s + "”无法读取，文件可能已损坏", Hint: hintResend, Err: err}
		}
		p := &parser{g: g, fl: &wb.Findings, unitYuan: false}
		switch kind := classify(g); kind {
		case sheetDept, sheetProject:
			// The form's findings count only if the form is used.
			var fl finding.List
			p.fl = &fl
			fk := form.ProjectForm
			if kind == sheetDept {
				fk = form.DepartmentForm
			}
			f := p.parseForm(fk)
			switch {
			case blankForm(f):
				wb.Findings.Warn(s, "", "工作表“%s”是未填写的空白自评表，已跳过", s)
				blanks++
				continue
			case kind == sheetDept && wb.Department != nil:
				wb.Findings.Warn(s, "", "工作簿中有多张部门整体支出绩效自评表，只采用第一张（工作表“%s”）；如需评价这一张，请把它单独保存为一个工作簿", wb.Department.Sheet)
				continue
			case kind == sheetDept:
				wb.Department = f
			default:
				wb.Projects = append(wb.Projects, f)
			}
			wb.Findings = append(wb.Findings, fl...)
		case sheetBase:
			if wb.Base == nil {
				wb.Base = p.parseBase()
			}
		case sheetNarrative:
			wb.Narrative = append(wb.Narrative, p.parseNarrative()...)
		}
	}
	if wb.Department == nil && len(wb.Projects) == 0 {
		if blanks > 0 {
			return nil, &finding.FileError{File: name, Message: msgAllBlank, Hint: hintAllBlank}
		}
		return nil, &finding.FileError{File: name, Message: msgNoForm, Hint: hintNoForm}
	}
	return wb, nil
}

// blankForm reports a form nobody filled in: no amount in the fund block
// and no actual value in the indicator block (an empty copy of the form, or
// the blank template with its 例： rows).
func blankForm(f *form.Form) bool {
	for _, r := range f.Funds {
		for _, v := range []form.Value{r.Initial, r.Budget, r.Executed} {
			if v.Valid && !v.D.IsZero() {
				return false
			}
		}
	}
	for _, in := range f.Indicators {
		if !isEmptyMarker(in.Actual.Text) {
			return false
		}
	}
	return true
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
			case containsAny(s, titlesDept) && isForm:
				return sheetDept
			case containsAny(s, titlesProject) && isForm:
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
