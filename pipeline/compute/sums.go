package compute

import (
	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
)

// checkSums holds the form's own 合计 / 小计 rows and weighted blocks
// against the rows they sum. A 分值 that does not add up is an error: the
// form's structure is then not what it says, and a score from it would be
// a guess. A declared 得分 subtotal that differs is a warning (the 得分 are
// recomputed anyway).
func checkSums(f *form.Form, funds []Fund, inds []Indicator, cfg Config, w *finding.List) {
	fundMax := num.None
	if len(funds) > 0 {
		fundMax = funds[0].MaxScore
	}
	for _, s := range f.IndicatorSums {
		if s.From < 0 || s.To > len(inds) || s.From > s.To {
			continue
		}
		var maxes, declared []num.Opt
		for _, in := range inds[s.From:s.To] {
			maxes, declared = append(maxes, in.MaxScore), append(declared, in.DeclaredScore)
		}
		sumMax, sumDecl := num.Add(maxes...), num.Add(declared...)
		whole := s.From == 0 && s.To == len(inds) && s.Label != "小计"
		switch {
		case !s.MaxScore.Valid || !sumMax.Valid:
		case num.Equal2(s.MaxScore.Opt, sumMax):
		case whole && num.Equal2(s.MaxScore.Opt, num.Add(sumMax, fundMax)):
			// "合计 | 100": the whole form with the fund's 分值.
			if !f.DeclaredTotal.Valid && s.DeclaredScore.Valid {
				f.DeclaredTotal, f.TotalCell = s.DeclaredScore.Opt, s.DeclaredScore.Cell
			}
			continue
		default:
			w.Err(f.Sheet, s.MaxScore.Cell, "第%d行“%s”的分值为%s，而其上%d项指标的分值合计为%s，两者不一致：请核对各项分值和%s行",
				s.Row, s.Label, trim(s.MaxScore.Opt), s.To-s.From, trim(sumMax), s.Label)
			continue
		}
		if s.DeclaredScore.Valid && sumDecl.Valid && !num.Equal2(s.DeclaredScore.Opt, sumDecl) {
			w.Warn(f.Sheet, s.DeclaredScore.Cell, "第%d行“%s”的得分为%s，而其上各项得分合计为%s，请核对",
				s.Row, s.Label, num.Score(s.DeclaredScore.Opt), num.Score(sumDecl))
		}
	}
	parts := funds
	if len(parts) > 0 {
		parts = parts[1:]
	}
	for _, s := range f.FundSums {
		if s.From < 0 || s.To > len(parts) || s.From > s.To {
			continue
		}
		for _, col := range []struct {
			what string
			v    form.Value
			get  func(Fund) num.Opt
		}{
			{"年初预算数", s.Initial, func(x Fund) num.Opt { return x.Initial }},
			{"全年预算数", s.Budget, func(x Fund) num.Opt { return x.Budget }},
			{"全年执行数", s.Executed, func(x Fund) num.Opt { return x.Executed }},
		} {
			var vs []num.Opt
			for _, p := range parts[s.From:s.To] {
				vs = append(vs, col.get(p))
			}
			if sum := num.Add(vs...); col.v.Valid && sum.Valid && !num.Equal2(col.v.Opt, sum) {
				w.Warn(f.Sheet, col.v.Cell, "资金情况第%d行“%s”的%s为%s万元，而明细行合计为%s万元，请核对",
					s.Row, s.Label, col.what, num.Money(col.v.Opt), num.Money(sum))
			}
		}
	}
	for _, b := range f.Blocks {
		if !b.Weight.Valid || b.From < 0 || b.To > len(inds) || b.From >= b.To {
			continue
		}
		var maxes, scores []num.Opt
		for _, in := range inds[b.From:b.To] {
			maxes, scores = append(maxes, in.MaxScore), append(scores, in.Score)
		}
		if sumMax := num.Add(maxes...); sumMax.Valid && len(maxes) == countValid(maxes) {
			if !num.Equal2(sumMax, b.Weight) {
				w.Err(f.Sheet, b.Cell, "“%s”标注为%s分，而其下%d项指标的分值合计为%s分：请核对各项分值",
					b.Label, trim(b.Weight), b.To-b.From, trim(sumMax))
			}
			continue
		}
		if sum := num.Add(scores...); cfg.DeclaredScores && sum.Valid && sum.D.GreaterThan(b.Weight.D) {
			w.Err(f.Sheet, b.Cell, "“%s”标注为%s分，而其下各项指标得分合计为%s分，超过了该部分的分值：请核对各项得分",
				b.Label, trim(b.Weight), num.Score(sum))
		}
	}
}
