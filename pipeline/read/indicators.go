package read

import (
	"strings"

	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/shopspring/decimal"
)

func (p *parser) readIndicators(f *form.Form, hdr, first int, cols map[int]int) {
	g := p.g
	var l1, l2 string
	l1Row := -1
	sumFrom := 0 // where the rows of the next 小计 start
	left := len(g.cells[hdr])
	for _, c := range cols {
		left = min(left, c)
	}
	// The indicator block's own label ("绩效指标（90分）") left of the header.
	for c := 0; c < left; c++ {
		if w, ok := labelWeight(g.at(hdr, c)); ok {
			f.Blocks = append(f.Blocks, form.Block{Label: level1Name(g.at(hdr, c)), Weight: w, Cell: g.ref(hdr, c)})
			break
		}
	}
	for r := first; r < len(g.cells); r++ {
		row := g.cells[r]
		if headerKinds(row) >= 3 {
			// A block that repeats the header (湖北: 年度绩效目标1, 2).
			continue
		}
		p.noteBlock(f, r, left)
		if p.readBottom(f, r, cols) {
			continue
		}
		if p.textRow(f, r) {
			continue
		}
		if p.noteRow(r, cols) {
			// "说明：…" merged across the form.
			break
		}
		if lbl := p.sumLabel(r, cols); lbl != "" {
			sr := form.SumRow{Label: lbl, Row: r + 1, From: 0, To: len(f.Indicators)}
			if lbl == "小计" {
				sr.From = sumFrom
			}
			sumFrom = len(f.Indicators)
			sr.MaxScore = p.number(r, cols, colMax)
			sr.DeclaredScore = p.softNumber(r, cols, colScore)
			f.IndicatorSums = append(f.IndicatorSums, sr)
			continue
		}
		rawName, nameRef, _ := p.cellText(r, cols, colName)
		target, targetRef, _ := p.cellText(r, cols, colTarget)
		actual, actualRef, _ := p.cellText(r, cols, colActual)
		if adj, ref, ok := p.cellText(r, cols, colAdjTarget); ok && !isEmptyMarker(adj) {
			// 重庆: 调整指标值 wins over 年初指标值.
			target, targetRef = adj, ref
		}
		if c, ok := cols[colLevel1]; ok {
			if v := strings.TrimSpace(g.at(r, c)); v != "" && !isSumLabel(v) {
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
		if strings.TrimSpace(rawName) == "" && isEmptyMarker(target) && isEmptyMarker(actual) {
			continue
		}
		if isPlaceholder(rawName) && (isEmptyMarker(target) || isPrompt(target)) && (isEmptyMarker(actual) || isPrompt(actual)) {
			// The template's "指标2：", "……", "指标1：/" or "例：…" rows.
			continue
		}
		if isEmptyMarker(target) && isEmptyMarker(actual) && p.blankCell(r, cols, colMax) && p.blankCell(r, cols, colScore) {
			// A row of the template nobody used: a name ("社会效益指标")
			// and nothing to score. A used row always has a 分值 or a value.
			continue
		}
		target, actual = p.withOpUnit(r, cols, target, actual)
		in := form.Indicator{
			Level1: level1Name(l1), Level2: norm(l2), Name: cleanName(rawName), Row: r + 1,
			Target: num.ParseMeasure(displayText(target)), TargetCell: targetRef,
			Actual: num.ParseMeasure(displayText(actual)), ActualCell: actualRef,
		}
		p.formulaError(targetRef, r, cols, colTarget, in.Name)
		p.formulaError(actualRef, r, cols, colActual, in.Name)
		if prev, ref, ok := p.cellText(r, cols, colPrevious); ok {
			_, prev = p.withOpUnit(r, cols, "", prev)
			in.Previous, in.PreviousCell = num.ParseMeasure(displayText(prev)), ref
		}
		in.MaxScore = p.number(r, cols, colMax)
		in.DeclaredScore = p.softNumber(r, cols, colScore)
		in.DeclaredCoef = p.rate(r, cols, colCoef)
		if core, _, ok := p.cellText(r, cols, colCore); ok {
			in.Core = core == "是" || core == "√" || core == "✓"
		}
		if dev, ref, ok := p.cellText(r, cols, colDeviation); ok {
			if !isEmptyMarker(dev) && !isPrompt(dev) && dev != "0" {
				in.Deviation = dev
			}
			in.DeviationCell = ref
		}
		if in.Name == "" || isPlaceholder(rawName) {
			in.Name = in.Level2
			p.warn(nameRef, "三级指标名称为空")
		}
		if _, ok := cols[colMax]; ok && !in.MaxScore.Valid && in.MaxScore.Cell != "" && isEmptyMarker(in.MaxScore.Text) {
			p.fail(in.MaxScore.Cell, "指标“%s”没有分值：请填写该指标的分值（各项分值合计应为100分）", clip(in.Name))
		}
		f.Indicators = append(f.Indicators, in)
		if n := len(f.Blocks); n > 0 {
			f.Blocks[n-1].To = len(f.Indicators)
		}
	}
	if len(f.Indicators) == 0 {
		p.fail(g.ref(hdr, 0), "绩效指标表头下没有指标行")
	}
}

// withOpUnit puts the operator and unit columns (指标性质 · 指标值 · 度量单位)
// back into the target and actual texts: "≥" "95" "%" → "≥95%", and a bare
// actual "551.59" with unit 元 → "551.59元". 指标性质 may also say
// 正向/反向/定量/定性 instead of an operator.
func (p *parser) withOpUnit(r int, cols map[int]int, target, actual string) (string, string) {
	if op, _, ok := p.cellText(r, cols, colOp); ok && !isEmptyMarker(target) {
		o := strings.TrimSpace(num.Normalize(op))
		switch {
		case strings.Contains(o, "反向"):
			o = "≤"
		case strings.Contains(o, "正向"), strings.Contains(o, "定量"), strings.Contains(o, "定性"), isEmptyMarker(o):
			o = ""
		}
		if o != "" && !num.ParseMeasure(target).Explicit {
			target = o + strings.TrimSpace(target)
		}
	}
	if unit, _, ok := p.cellText(r, cols, colUnit); ok && !isEmptyMarker(unit) {
		u := strings.TrimSpace(unit)
		add := func(s string) string {
			m := num.ParseMeasure(displayText(s))
			if m.Value.Valid && m.Unit == "" && !strings.HasSuffix(strings.TrimSpace(s), "%") {
				return strings.TrimSpace(s) + u
			}
			return s
		}
		target, actual = add(target), add(actual)
	}
	return target, actual
}

// formulaError reports a target or actual cell that holds a formula error
// (#REF!, #DIV/0!) or a formula no value could be computed for.
func (p *parser) formulaError(ref string, r int, cols map[int]int, kind int, name string) {
	c, ok := cols[kind]
	if !ok {
		return
	}
	if why := p.badCell(r, c); why != "" {
		p.fail(ref, "指标“%s”的%s%s：请在Excel中修正公式并保存，或直接填写数值", clip(name), colNames[kind], why)
	}
}

// badCell says why cell (r, c) holds no usable value: a formula error
// value, or a formula without a computable result; "" when it is fine.
func (p *parser) badCell(r, c int) string {
	t := strings.TrimSpace(p.g.at(r, c))
	if excelErrors[strings.ToUpper(t)] {
		return "是公式错误值“" + t + "”，无法计算"
	}
	if p.g.bad[[2]int{r, c}] {
		return "是公式，但没有计算结果"
	}
	return ""
}

// noteBlock reads a block label left of the indicator columns
// ("年度绩效目标2（40分）" merged down its rows) when a new one starts.
func (p *parser) noteBlock(f *form.Form, r, left int) {
	g := p.g
	for c := 0; c < left; c++ {
		v := strings.TrimSpace(g.at(r, c))
		w, ok := labelWeight(v)
		if !ok {
			continue
		}
		if n := len(f.Blocks); n > 0 && f.Blocks[n-1].Cell == g.ref(r, c) {
			return // the same merged label
		}
		f.Blocks = append(f.Blocks, form.Block{Label: level1Name(v), Weight: w, Cell: g.ref(r, c), From: len(f.Indicators), To: len(f.Indicators)})
		return
	}
}

// labelWeight reads the weight of a label such as "产出指标（50分）".
func labelWeight(v string) (num.Opt, bool) {
	m := weightRe.FindStringSubmatch(squash(v))
	if m == nil {
		return num.None, false
	}
	d, err := decimal.NewFromString(m[2])
	if err != nil {
		return num.None, false
	}
	return num.Some(d), true
}

// sumLabel returns "合计", "小计" or "总计" when row r is such a row of
// the indicator block.
func (p *parser) sumLabel(r int, cols map[int]int) string {
	for _, k := range []int{colName, colLevel2, colLevel1} {
		c, ok := cols[k]
		if !ok {
			continue
		}
		switch n := strings.ReplaceAll(norm(p.g.at(r, c)), " ", ""); n {
		case "合计", "合计数":
			return "合计"
		case "小计", "小计数":
			return "小计"
		case "总计":
			return "总计"
		}
	}
	return ""
}

// textRow reads rows under or inside the indicator block that hold text,
// not an indicator: 签批意见, 备注, 其他需要说明事项, 偏差大或目标未完成原因分析,
// people and dates. It reports whether row r was one.
func (p *parser) textRow(f *form.Form, r int) bool {
	g := p.g
	firstCell := -1
	for c, v := range g.cells[r] {
		if strings.TrimSpace(v) != "" {
			firstCell = c
			break
		}
	}
	if firstCell < 0 {
		return false
	}
	v := strings.TrimSpace(g.at(r, firstCell))
	if p.readSignature(f, r, firstCell, v) {
		for c := firstCell + 1; c < len(g.cells[r]); c++ {
			if !g.sameMerge(r, c-1, r, c) {
				p.readSignature(f, r, c, g.at(r, c))
			}
		}
		return true
	}
	n := norm(v)
	label, _, _ := splitLabel(v)
	ln := norm(label)
	for _, w := range []string{"签批意见", "单位主要负责人签批意见", "备注", "注", "说明", "填表说明", "其他需要说明事项", "其他说明", "偏差大或目标未完成原因分析", "改进措施及结果应用方案"} {
		if n == w || ln == w {
			return true
		}
	}
	return false
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
		case "总分", "合计得分", "总得分", "自评总分":
			if sc, ok := cols[colScore]; ok {
				t := strings.TrimSpace(g.at(r, sc))
				if d, err := num.ParseNumber(t); err == nil {
					f.DeclaredTotal = d.Value
				}
				f.TotalCell = g.ref(r, sc)
			}
			return true
		case "评价结论", "自评结论", "总体评价结论", "结论":
			f.Conclusion = p.textRight(r, c)
			return true
		case "存在问题", "存在的问题", "主要问题", "存在的主要问题":
			f.Problems = p.textRight(r, c)
			return true
		case "改进措施", "改进建议", "下一步改进措施", "整改措施", "改进措施及建议":
			f.Measures = p.textRight(r, c)
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

// textRight is valueRight without the template's prompts.
func (p *parser) textRight(r, c int) string {
	if t := p.valueRight(r, c); !isPrompt(t) {
		return t
	}
	return ""
}

// blankCell reports a block column that is absent or empty in row r.
func (p *parser) blankCell(r int, cols map[int]int, kind int) bool {
	t, _, ok := p.cellText(r, cols, kind)
	return !ok || isEmptyMarker(t)
}
