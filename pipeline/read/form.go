package read

import (
	"strconv"
	"strings"

	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
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
