package read

import (
	"slices"
	"strings"

	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/shopspring/decimal"
)

// blockEnd words end the fund block.
func isBlockStart(s string) bool {
	n := norm(s)
	return strings.Contains(n, "总体目标") || strings.HasSuffix(n, "绩效目标") || n == "绩效指标" || n == "一级指标" || n == "总分" ||
		slices.Contains(goalExpected, n) || slices.Contains(goalActual, n)
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
	// The block's weight in its label: "预算执行情况（万元）（20分）".
	for c := 0; c < firstData; c++ {
		if w, ok := labelWeight(g.at(hdr, c)); ok {
			f.FundWeight = w
			break
		}
	}
	seen := false
	sumFrom := 0
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
			// Warned about below, unless it is the block's only row.
			fr.Label = "（未命名）"
		}
		fr.Total = isTotalLabel(fr.Label)
		seen = true
		if isSumLabel(fr.Label) {
			// 合计 / 小计 of the breakdown rows: checked, never a row.
			parts := len(f.Funds)
			if parts > 0 && f.Funds[0].Total {
				parts--
			}
			sr := form.SumRow{Label: fr.Label, Row: fr.Row, From: sumFrom, To: parts,
				Initial: fr.Initial, Budget: fr.Budget, Executed: fr.Executed}
			f.FundSums = append(f.FundSums, sr)
			sumFrom = parts
			continue
		}
		if fr.Total {
			f.Funds = append([]form.FundRow{fr}, f.Funds...)
		} else {
			f.Funds = append(f.Funds, fr)
		}
	}
	if len(f.Funds) == 1 && !f.Funds[0].Total && len(f.FundSums) == 0 {
		// One row under the header (重庆: 部门预算执行情况): the total.
		f.Funds[0].Total = true
		if f.Funds[0].Label == "（未命名）" {
			f.Funds[0].Label = "年度资金总额"
		}
	}
	for _, fr := range f.Funds {
		if fr.Label == "（未命名）" {
			p.warn(g.ref(fr.Row-1, 0), "资金行没有名称")
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
	if why := p.badCell(r, cols[kind]); why != "" {
		p.fail(ref, "“%s”%s：请在Excel中修正公式并保存，或直接填写数值", colNames[kind], why)
		return v, num.Number{}
	}
	n, err := num.ParseNumber(strings.TrimSuffix(strings.TrimSuffix(text, "分"), "万"))
	if err == nil && n.Value.Valid && n.Value.D.Abs().GreaterThan(num.Implausible) {
		p.fail(ref, "“%s”的数值“%s”大得不合常理：请核对后重新填写", colNames[kind], clip(text))
		return v, num.Number{}
	}
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

// softNumber reads a declared score: text that is not a number is a
// warning, not an error (the score is recomputed anyway).
func (p *parser) softNumber(r int, cols map[int]int, kind int) form.Value {
	v, n := p.figure(r, cols, kind, func(ref, text string) {
		p.warn(ref, "得分“%s”不是数字，已按计算结果评分", clip(text))
	})
	v.Opt = n.Value
	return v
}
