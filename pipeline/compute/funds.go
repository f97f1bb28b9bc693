package compute

import (
	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/shopspring/decimal"
)

// evalFunds computes the fund block: the total row first (taken as the sum
// of the breakdown rows when blank or 0 on the form), then the breakdown.
func evalFunds(f *form.Form, cfg Config, w *finding.List) []Fund {
	rows := f.Funds
	var total form.FundRow
	var parts []form.FundRow
	if len(rows) > 0 && rows[0].Total {
		total, parts = rows[0], rows[1:]
	} else {
		parts = rows
		total = form.FundRow{Label: "年度资金总额"}
		if len(rows) > 0 {
			w.Warn(f.Sheet, "", "资金情况中没有“年度资金总额”行，已按各行合计计算")
		}
	}
	out := make([]Fund, 0, len(rows)+1)
	tf := Fund{Label: "年度资金总额", Initial: total.Initial.Opt, Budget: total.Budget.Opt, Executed: total.Executed.Opt,
		DeclaredScore: total.DeclaredScore.Opt}
	if total.Label != "" && total.Label != "年度资金总额" {
		tf.Label = total.Label
	}
	// Sums of the breakdown rows.
	var si, sb, se []num.Opt
	for _, p := range parts {
		si, sb, se = append(si, p.Initial.Opt), append(sb, p.Budget.Opt), append(se, p.Executed.Opt)
	}
	sumI, sumB, sumE := num.Add(si...), num.Add(sb...), num.Add(se...)
	blank := func(o num.Opt) bool { return !o.Valid || o.D.IsZero() }
	if len(parts) > 0 && blank(tf.Budget) && blank(tf.Executed) && (sumB.Positive() || sumE.Positive()) {
		tf.Initial, tf.Budget, tf.Executed, tf.Summed = sumI, sumB, sumE, true
		if len(rows) > 0 && rows[0].Total {
			w.Warn(f.Sheet, total.Budget.Cell, "年度资金总额为空或为0，已按明细行合计计算（全年预算数%s万元，全年执行数%s万元）",
				num.Money(sumB), num.Money(sumE))
		}
	} else if len(parts) > 0 && !tf.Summed {
		check := func(what string, tot form.Value, sum num.Opt, n int) {
			if !tot.Valid || !sum.Valid || n == 0 {
				return
			}
			if !num.Equal2(tot.Opt, sum) {
				w.Warn(f.Sheet, tot.Cell, "明细行的%s合计为%s万元，与年度资金总额%s万元不一致", what, num.Money(sum), num.Money(tot.Opt))
			}
		}
		check("年初预算数", total.Initial, sumI, countValid(si))
		check("全年预算数", total.Budget, sumB, countValid(sb))
		check("全年执行数", total.Executed, sumE, countValid(se))
	}
	tf.MaxScore = total.MaxScore.Opt
	if !tf.MaxScore.Valid {
		// "预算执行情况（万元）（20分）" on the form, else the profile's.
		tf.MaxScore = f.FundWeight
		if !tf.MaxScore.Valid {
			tf.MaxScore = num.Some(cfg.FundWeight)
		}
	}
	tf.Rate = num.Div(tf.Executed, tf.Budget)
	switch {
	case !tf.Budget.Valid:
		w.Err(f.Sheet, total.Budget.Cell, "年度资金总额的全年预算数为空，无法计算预算执行率")
	case !tf.Executed.Valid:
		w.Err(f.Sheet, total.Executed.Cell, "年度资金总额的全年执行数为空，无法计算预算执行率")
	case tf.Budget.D.IsZero() && tf.MaxScore.Positive():
		// The 分值 of 预算执行率 cannot be scored: a total without it would
		// look right and be short by that much.
		w.Err(f.Sheet, total.Budget.Cell, "年度资金总额的全年预算数为0，无法计算预算执行率，%s分的预算执行得分无法评定", num.Score(tf.MaxScore))
	case tf.Budget.D.IsZero():
		w.Warn(f.Sheet, total.Budget.Cell, "全年预算数为0，预算执行率无法计算（该项不计分值）")
	default:
		tf.Score = cappedShare(tf.MaxScore, tf.Executed, tf.Budget)
	}
	if tf.Rate.Valid && tf.Rate.D.GreaterThan(num.MustParse("1")) {
		w.Warn(f.Sheet, total.Executed.Cell, "全年执行数超过全年预算数（执行率%s），请核对", num.Percent(tf.Rate))
	}
	declaredRate(f.Sheet, total, tf.Rate, w)
	if total.DeclaredScore.Valid && tf.Score.Valid && !num.Equal2(total.DeclaredScore.Opt, tf.Score) {
		w.Warn(f.Sheet, total.DeclaredScore.Cell, "预算执行得分与计算结果不一致：表中为%s，按规则应为%s",
			num.Score(total.DeclaredScore.Opt), num.Score(tf.Score))
	}
	out = append(out, tf)
	for _, p := range parts {
		pf := Fund{Label: p.Label, Initial: p.Initial.Opt, Budget: p.Budget.Opt, Executed: p.Executed.Opt,
			Rate: num.Div(p.Executed.Opt, p.Budget.Opt)}
		declaredRate(f.Sheet, p, pf.Rate, w)
		out = append(out, pf)
	}
	return out
}

func countValid(os []num.Opt) int {
	n := 0
	for _, o := range os {
		if o.Valid {
			n++
		}
	}
	return n
}

// cappedShare is max × min(part/whole, 1), computed as one division.
func cappedShare(max, part, whole num.Opt) num.Opt {
	if !max.Valid || !part.Valid || !whole.Valid || !whole.D.IsPositive() {
		return num.None
	}
	if part.D.GreaterThanOrEqual(whole.D) {
		return max
	}
	if part.D.IsNegative() {
		return num.Some(decimal.Zero)
	}
	return num.MulDiv(max, part, whole)
}

// declaredRate compares a 执行率 the form carries with the computed one at
// the two decimals of a percentage.
func declaredRate(sheet string, r form.FundRow, rate num.Opt, w *finding.List) {
	if !r.DeclaredRate.Valid || !rate.Valid {
		return
	}
	if num.Percent(r.DeclaredRate.Opt) != num.Percent(rate) {
		w.Warn(sheet, r.DeclaredRate.Cell, "执行率与计算结果不一致：表中为%s，全年执行数÷全年预算数为%s",
			num.Percent(r.DeclaredRate.Opt), num.Percent(rate))
	}
}
