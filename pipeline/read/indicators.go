package read

import (
	"strings"

	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/shopspring/decimal"
)

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

// clip shortens cell text quoted in a message.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 20 {
		return string(r[:20]) + "…"
	}
	return s
}
