package read

import (
	"slices"
	"strconv"
	"strings"

	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
)

func (p *parser) parseForm(kind form.Kind) *form.Form {
	g := p.g
	f := &form.Form{Kind: kind, Sheet: g.name, MoneyUnit: "万元", Weights: map[string]num.Opt{}}
	fundRow, fundCols := findHeader(g, 0, fundKinds, fundHeaderOK)
	indRow, _ := findHeader(g, 0, indKinds, indHeaderOK)
	var indCols map[int]int
	var indRows []int
	indFirst := -1
	if indRow >= 0 {
		indCols, indRows, indFirst = p.indicatorColumns(indRow)
	}
	words := headerWords(g, append([]int{fundRow}, indRows...)...)
	for r := 0; r < headRows && r < len(g.cells); r++ {
		for _, v := range g.cells[r] {
			if n := norm(v); n != "" && len([]rune(n)) <= 40 {
				words[n] = true
			}
		}
	}
	lay := matchLayout(words)
	f.Layout, f.Profile = lay.ID, lay.Profile
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
	// The goal block stands under the fund block, or above it (四川).
	goalTo := indRow
	if goalTo < 0 {
		goalTo = len(g.cells)
	}
	p.readGoal(f, 0, goalTo)
	switch {
	case indRow < 0:
		p.fail("", "没有找到绩效指标表头（应有“一级指标”“二级指标”“三级指标”“年度指标值”“实际完成值”“分值”“得分”等列）")
	case p.requireColumns(f, lay, indRow, indRows, indCols):
		p.readIndicators(f, indRow, indFirst, indCols)
	}
	return f
}

// indicatorColumns reads the indicator header at hdr and, when the row under
// it is a header too, that row: "年度指标值" merged over 指标性质 · 指标值 ·
// 度量单位, or "绩效指标" over 一级/二级/三级. A column is what its lowest
// header row names. It returns the columns, the header rows and the first
// data row.
func (p *parser) indicatorColumns(hdr int) (map[int]int, []int, int) {
	g := p.g
	rows := []int{hdr}
	if sub := hdr + 1; sub < len(g.cells) && headerKinds(g.cells[sub]) >= 2 {
		rows = append(rows, sub)
	}
	cols := map[int]int{}
	for c := 0; c < p.width(rows); c++ {
		k := -1
		for i := len(rows) - 1; i >= 0 && k < 0; i-- {
			k = kindOf(g.at(rows[i], c), indKinds...)
		}
		if _, seen := cols[k]; k >= 0 && !seen {
			cols[k] = c
		}
	}
	return cols, rows, rows[len(rows)-1] + 1
}

// headerKinds counts the distinct indicator column kinds a row names.
func headerKinds(row []string) int {
	seen := map[int]bool{}
	for _, v := range row {
		if k := kindOf(v, indKinds...); k >= 0 {
			seen[k] = true
		}
	}
	return len(seen)
}

// readLabels reads 名称, 主管部门, 实施单位, the year, the money unit, a
// declared total written at the top (重庆: 自评总分) and people and dates
// (联系人, 填报日期) from the rows above the fund block.
func (p *parser) readLabels(f *form.Form, end int) {
	g := p.g
	nameLabels := nameLabelsDept
	if f.Kind == form.ProjectForm {
		nameLabels = nameLabelsProject
	}
	for r := 0; r < end && r < len(g.cells); r++ {
		for c, v := range g.cells[r] {
			if c > 0 && g.sameMerge(r, c-1, r, c) {
				continue
			}
			switch {
			case f.Name == "" && labelIs(v, nameLabels):
				f.Name = cleanName(p.valueRight(r, c))
			case f.Department == "" && labelIs(v, deptLabels):
				f.Department = cleanName(p.valueRight(r, c))
			case f.Unit == "" && labelIs(v, unitLabels):
				f.Unit = cleanName(p.valueRight(r, c))
			case f.Year == 0 && (norm(v) == "年度" || norm(v) == "评价年度" || norm(v) == "预算年度"):
				// "2019", "2019年" or "2019年度".
				s := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(num.Normalize(p.valueRight(r, c))), "年度"), "年")
				if y, err := strconv.Atoi(s); err == nil && y > 1900 && y < 2200 {
					f.Year, f.YearCell = y, g.ref(r, c+1)
				}
			case !f.DeclaredTotal.Valid && isTotalScoreLabel(v):
				p.readDeclaredTotal(f, r, c)
			default:
				p.readSignature(f, r, c, v)
			}
		}
	}
	// The year from a title or "（2019年度）" line.
	for r := 0; f.Year == 0 && r < end && r < headRows; r++ {
		for c, v := range g.cells[r] {
			if _, _, isLabel := splitLabel(v); isLabel && strings.Contains(v, "日期") {
				continue // 填报日期：2021年3月10日 is not the year evaluated
			}
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
		// 湖北: "单位名称：黄冈市档案馆" in one cell.
		for _, s := range f.Signatures {
			if f.Kind == form.DepartmentForm && (s.Label == "单位名称" || s.Label == "部门名称") {
				f.Name = cleanName(s.Value)
			}
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

// isTotalScoreLabel is a label of the form's own total.
func isTotalScoreLabel(v string) bool {
	switch norm(v) {
	case "总分", "合计得分", "总得分", "自评总分", "自评得分", "自评总得分":
		return true
	}
	return false
}

// readDeclaredTotal takes the number right of a 自评总分 label.
func (p *parser) readDeclaredTotal(f *form.Form, r, c int) {
	g := p.g
	for k := c + 1; k < len(g.cells[r]); k++ {
		t := strings.TrimSpace(g.at(r, k))
		if t == "" || g.sameMerge(r, c, r, k) {
			continue
		}
		if d, err := num.ParseNumber(strings.TrimSuffix(t, "分")); err == nil && d.Value.Valid {
			f.DeclaredTotal, f.TotalCell = d.Value, g.ref(r, k)
		}
		return
	}
}

// signatureLabels are the people and dates written around a form.
var signatureLabels = []string{"填表人", "填报人", "联系人", "部门联系人", "联系电话", "电话", "填报日期", "填表日期",
	"项目负责人", "财务负责人", "单位负责人", "部门负责人", "单位主要负责人", "审核人", "负责人", "项目负责人及电话", "负责人及电话", "单位名称"}

// readSignature takes "项目负责人：查小兵" (one cell), "联系电话 | 123"
// (label and value) or "填表人：刘敏　联系电话：0739-2612345　填报日期：…"
// (several in one cell) into f.Signatures. It reports whether v was one.
func (p *parser) readSignature(f *form.Form, r, c int, v string) bool {
	pairs := signaturePairs(v)
	if len(pairs) == 0 {
		return false
	}
	if len(pairs) == 1 && pairs[0][1] == "" {
		pairs[0][1] = p.valueRight(r, c)
		if _, _, isLabel := splitLabel(pairs[0][1]); isLabel || signatureLabel(pairs[0][1]) {
			pairs[0][1] = ""
		}
	}
	for _, pr := range pairs {
		dup := false
		for _, s := range f.Signatures {
			dup = dup || s.Label == pr[0]
		}
		if !dup {
			f.Signatures = append(f.Signatures, form.Signature{Label: pr[0], Value: pr[1], Cell: p.g.ref(r, c)})
		}
	}
	return true
}

func signatureLabel(s string) bool {
	return slices.Contains(signatureLabels, strings.TrimRight(squash(s), ":："))
}

// signaturePairs cuts a cell into (label, value) pairs of known signature
// labels; none when the cell does not start with one.
func signaturePairs(v string) [][2]string {
	v = strings.TrimSpace(v)
	if signatureLabel(v) {
		return [][2]string{{strings.TrimRight(squash(v), ":："), ""}}
	}
	label, rest, ok := splitLabel(v)
	if !ok || !signatureLabel(label) {
		return nil
	}
	var out [][2]string
	for {
		// The next "标签：" inside the rest starts a new pair.
		next, at := "", -1
		for _, l := range signatureLabels {
			for _, sep := range []string{"：", ":"} {
				if i := strings.Index(rest, l+sep); i > 0 && (at < 0 || i < at) {
					next, at = l, i
				}
			}
		}
		if at < 0 {
			out = append(out, [2]string{squash(label), strings.TrimSpace(strings.Trim(rest, "\u3000 "))})
			return out
		}
		out = append(out, [2]string{squash(label), strings.TrimSpace(strings.Trim(rest[:at], "\u3000 "))})
		_, rest, _ = splitLabel(rest[at:])
		label = next
	}
}

// goal block headers.
var (
	goalExpected = []string{"预期目标", "年度预期目标", "预期目标值", "年初绩效目标", "项目年度目标", "年初设定目标", "年度目标"}
	goalAdjusted = []string{"全年绩效目标", "调整后绩效目标", "全年调整绩效目标"}
	goalActual   = []string{"实际完成情况", "实际完成", "目标实际完成情况", "全年实际完成情况", "全年目标实际完成情况", "年度目标完成情况", "年度总体目标完成情况综述"}
)

func (p *parser) readGoal(f *form.Form, from, to int) {
	g := p.g
	for r := from; r < to && r < len(g.cells); r++ {
		ce, cj, ca := -1, -1, -1
		for c, v := range g.cells[r] {
			n := norm(v)
			switch {
			case ce < 0 && slices.Contains(goalExpected, n):
				ce = c
			case cj < 0 && slices.Contains(goalAdjusted, n):
				cj = c
			case ca < 0 && slices.Contains(goalActual, n):
				ca = c
			}
		}
		if ce < 0 && ca < 0 {
			// Older forms: "年度总体目标 | text".
			for c, v := range g.cells[r] {
				if n := norm(v); n == "年度总体目标" || n == "总体目标" || n == "年度绩效目标" {
					if t := p.valueRight(r, c); t != "" && f.GoalExpected == "" && !isPrompt(t) {
						f.GoalExpected, f.GoalCell = t, g.ref(r, c)
					}
				}
			}
			continue
		}
		// Texts stand below the headers.
		below := func(c int) (string, string, bool) {
			for k := r + 1; k < to && k < len(g.cells); k++ {
				if g.sameMerge(r, c, k, c) {
					continue
				}
				t := strings.TrimSpace(g.at(k, c))
				if isPrompt(t) || isEmptyMarker(t) {
					t = ""
				}
				return t, g.ref(k, c), true
			}
			return "", "", false
		}
		if ce >= 0 {
			f.GoalExpected, f.GoalCell, _ = below(ce)
		}
		if cj >= 0 {
			// 重庆: the adjusted goal wins when there is one.
			if t, ref, _ := below(cj); t != "" {
				f.GoalExpected, f.GoalCell = t, ref
			}
		}
		if ca >= 0 {
			f.GoalActual, _, _ = below(ca)
		}
		return
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
