package compute

import (
	"strings"

	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/shopspring/decimal"
)

var one = decimal.NewFromInt(1)

// unitKind groups units that can be converted into each other.
func unitKind(u string) string {
	switch {
	case u == "%":
		return "%"
	case num.MoneyScale(u) > 0:
		return "money"
	}
	return u
}

// convert expresses m's value in unit to; ok is false when the units are of
// different kinds (money against a count, a percentage against 万元).
func convert(m num.Measure, to string) (num.Opt, bool) {
	if !m.Value.Valid {
		return num.None, false
	}
	if m.Unit == to || m.Unit == "" || to == "" {
		return m.Value, true
	}
	from, dst := num.MoneyScale(m.Unit), num.MoneyScale(to)
	if from > 0 && dst > 0 {
		return num.Some(m.Value.D.Mul(decimal.NewFromInt(from)).DivRound(decimal.NewFromInt(dst), 20)), true
	}
	if unitKind(m.Unit) == "%" || unitKind(to) == "%" || from > 0 || dst > 0 {
		return num.None, false
	}
	// Durations: "≤3天" against "48小时" is 2 天, not 48.
	if from, dst := hourScale[m.Unit], hourScale[to]; from > 0 && dst > 0 {
		return num.Some(m.Value.D.Mul(decimal.NewFromInt(from)).DivRound(decimal.NewFromInt(dst), 20)), true
	}
	// Two count words (个/家/项): the same thing written differently.
	return m.Value, true
}

// hourScale is how many hours a duration unit is; 工作日 and 月 are not
// fixed multiples of these and are left out.
var hourScale = map[string]int64{"小时": 1, "个小时": 1, "天": 24, "日": 24, "自然日": 24, "周": 168, "个星期": 168, "星期": 168}

// qualitative outcome words, checked in this order.
var (
	failedWords = []string{"未达成", "未完成", "未达到", "未实现", "没有完成", "没有达到", "不达标", "未达标", "不合格", "未通过", "较差"}
	// failedExact are failure words only when they are the whole text: "差"
	// inside "无差错" or "偏差" is no failure.
	failedExact  = []string{"差", "很差", "不满意"}
	partialWords = []string{"部分达成", "部分完成", "基本达成", "基本完成", "基本达到", "基本实现", "部分实现", "较好", "一般", "基本满意", "有所"}
)

// judge classifies a qualitative actual text: "full", "partial" or "failed".
func judge(target, actual string) string {
	a := strings.TrimSpace(actual)
	if a == "" || num.IsEmpty(a) {
		return "failed"
	}
	if a == strings.TrimSpace(target) {
		return "full"
	}
	for _, w := range failedWords {
		if strings.Contains(a, w) {
			return "failed"
		}
	}
	for _, w := range failedExact {
		if a == w {
			return "failed"
		}
	}
	for _, w := range partialWords {
		if strings.Contains(a, w) {
			return "partial"
		}
	}
	return "full"
}

func evalIndicators(f *form.Form, cfg Config, hist *History, base []BaseItem, w *finding.List) []Indicator {
	out := make([]Indicator, 0, len(f.Indicators))
	for _, in := range f.Indicators {
		out = append(out, evalIndicator(f.Sheet, in, cfg, hist, base, w))
	}
	return out
}

func evalIndicator(sheet string, in form.Indicator, cfg Config, hist *History, base []BaseItem, w *finding.List) Indicator {
	r := Indicator{
		Level1: in.Level1, Level2: in.Level2, Name: in.Name,
		TargetText: in.Target.Text, ActualText: in.Actual.Text, PreviousText: in.Previous.Text,
		Op: in.Target.Op, Target: in.Target.Value, Actual: in.Actual.Value, Unit: in.Target.Unit,
		MaxScore: in.MaxScore.Opt, DeclaredScore: in.DeclaredScore.Opt, Deviation: in.Deviation,
		Where: sheet + "!" + in.TargetCell,
	}
	if r.Unit == "" {
		r.Unit = in.Actual.Unit
	}
	name := in.Name
	quant := !in.Target.Qualitative() && !in.Actual.Qualitative()
	if quant {
		actual, ok := convert(in.Actual, r.Unit)
		if !ok {
			// Without the evaluator's 得分 the row cannot be scored: judging
			// "40万元" as text would give it full marks.
			if in.DeclaredScore.Valid {
				w.Warn(sheet, in.ActualCell, "指标“%s”的实际完成值单位（%s）与指标值单位（%s）不一致，无法计算完成率，采用表中得分",
					name, in.Actual.Unit, in.Target.Unit)
			} else {
				w.Err(sheet, in.ActualCell, "指标“%s”的实际完成值单位（%s）与指标值单位（%s）不一致，无法计算完成率；请统一单位或填写得分",
					name, in.Actual.Unit, in.Target.Unit)
			}
			quant = false
		} else {
			if in.Actual.Unit != "" && in.Target.Unit != "" && in.Actual.Unit != in.Target.Unit && unitKind(in.Actual.Unit) != "money" &&
				(hourScale[in.Actual.Unit] == 0 || hourScale[in.Target.Unit] == 0) {
				w.Warn(sheet, in.ActualCell, "指标“%s”的实际完成值单位（%s）与指标值单位（%s）不同，已按同一单位计算", name, in.Actual.Unit, in.Target.Unit)
			}
			r.Actual = actual
		}
	}
	if quant {
		scoreQuantitative(&r)
		if r.Unit == "%" && r.Actual.Valid && r.Target.Valid && r.Actual.D.GreaterThan(decimal.NewFromInt(100)) &&
			r.Target.D.LessThanOrEqual(decimal.NewFromInt(100)) && r.Actual.D.GreaterThanOrEqual(r.Target.D.Mul(decimal.NewFromInt(5))) {
			w.Warn(sheet, in.ActualCell, "指标“%s”的实际完成值为%s，超过100%%很多，是否输错（如多输了一位）？", name, in.Actual.Text)
		}
	} else {
		r.Op = ""
		r.Qualitative = true
		if !in.Actual.Qualitative() && in.Target.Qualitative() {
			// A number against a text target: keep the number.
			r.Actual = in.Actual.Value
		}
		if in.Target.Qualitative() {
			r.Target = num.None
		}
		scoreQualitative(&r, in, cfg, sheet, w)
	}
	// Last year's value: the form's column, else the 基础数据表, else history.
	prev := num.None
	switch {
	case in.Previous.Value.Valid:
		if p, ok := convert(in.Previous, r.Unit); ok {
			prev = p
		} else {
			w.Warn(sheet, in.PreviousCell, "指标“%s”的上年完成值单位（%s）与本年不一致，无法计算同比", name, in.Previous.Unit)
		}
	case in.Previous.Text != "" && !num.IsEmpty(in.Previous.Text):
		// Text such as "新增": no base.
	default:
		if b, ok := findBase(base, name); ok && b.PreviousFinal.Valid && num.MoneyScale(r.Unit) > 0 {
			prev, _ = convert(num.Measure{Value: b.PreviousFinal, Unit: "万元"}, r.Unit)
		} else if hist != nil {
			if m, ok := hist.Indicators[name]; ok {
				if p, ok := convert(m, r.Unit); ok {
					prev = p
				}
			}
		}
	}
	r.Previous = prev
	r.YoY = num.Growth(r.Actual, prev)
	// Declared score against the rule.
	if r.DeclaredScore.Valid && r.Score.Valid && !num.Equal2(r.DeclaredScore, r.Score) {
		w.Warn(sheet, in.DeclaredScore.Cell, "指标“%s”的得分与计算结果不一致：表中为%s，按规则应为%s",
			name, num.Score(r.DeclaredScore), num.Score(r.Score))
	}
	if r.Score.Valid && r.MaxScore.Valid {
		r.Achieved = r.Score.D.GreaterThanOrEqual(r.MaxScore.D)
		if !r.Achieved && num.IsEmpty(r.Deviation) {
			cell := in.DeviationCell
			if cell == "" {
				cell = in.DeclaredScore.Cell
			}
			w.Warn(sheet, cell, "指标“%s”得分（%s）低于分值（%s），但未填写偏差原因分析及改进措施",
				name, num.Score(r.Score), num.Score(r.MaxScore))
		}
	}
	return r
}

// scoreQuantitative applies the forward and reverse rules.
func scoreQuantitative(r *Indicator) {
	t, a, max := r.Target, r.Actual, r.MaxScore
	reverse := r.Op == "<=" || r.Op == "<"
	r.Rule = "forward"
	if reverse {
		r.Rule = "reverse"
	}
	switch {
	case reverse:
		if a.D.LessThanOrEqual(t.D) {
			r.Completion = num.Some(one)
			r.Score = max
		} else {
			// a > t. With a negative target ("≤-5%") a rate means nothing
			// (-5/-2 would read as 250 %): not met, no rate.
			if t.D.IsNegative() {
				r.Completion = num.None
				if max.Valid {
					r.Score = num.Some(decimal.Zero)
				}
				return
			}
			r.Completion = num.Div(t, a)
			r.Score = cappedShare(max, t, a)
			if r.Completion.Valid && r.Completion.D.IsNegative() {
				r.Completion = num.Some(decimal.Zero)
			}
			if !r.Score.Valid && max.Valid {
				r.Score = num.Some(decimal.Zero)
			}
		}
	default:
		if !t.D.IsPositive() {
			// "≥0", "≥-3%": met or not, no rate.
			r.Completion = num.None
			met := a.D.GreaterThanOrEqual(t.D)
			if r.Op == ">" {
				met = a.D.GreaterThan(t.D)
			}
			if met {
				r.Score = max
			} else if max.Valid {
				r.Score = num.Some(decimal.Zero)
			}
			return
		}
		r.Completion = num.Div(a, t)
		r.Score = cappedShare(max, a, t)
		if !r.Score.Valid && max.Valid {
			r.Score = num.Some(decimal.Zero)
		}
	}
}

// scoreQualitative: the evaluator's own 得分 wins; otherwise 达成 → full,
// 部分达成 → PartialShare, 未达成 → FailedShare.
func scoreQualitative(r *Indicator, in form.Indicator, cfg Config, sheet string, w *finding.List) {
	max := r.MaxScore
	if r.DeclaredScore.Valid {
		r.Rule = "declared"
		r.Score = r.DeclaredScore
		if max.Valid && r.Score.D.GreaterThan(max.D) {
			w.Warn(sheet, in.DeclaredScore.Cell, "指标“%s”的得分%s高于分值%s，已按分值计", r.Name, num.Score(r.Score), num.Score(max))
			r.Score = max
		}
		if r.Score.D.IsNegative() {
			r.Score = num.Some(decimal.Zero)
		}
		return
	}
	if num.IsEmpty(in.Actual.Text) {
		r.Rule = "missing"
		r.Score = num.Mul(max, num.Some(decimal.Zero))
		w.Warn(sheet, in.ActualCell, "指标“%s”的实际完成值未填写，按0分计", r.Name)
		return
	}
	switch judge(in.Target.Text, in.Actual.Text) {
	case "full":
		r.Rule = "qualitative-full"
		r.Score = max
	case "partial":
		r.Rule = "qualitative-partial"
		r.Score = num.Mul(max, num.Some(cfg.PartialShare))
		w.Warn(sheet, in.ActualCell, "定性指标“%s”实际完成情况为“%s”，未填得分，按部分达成计%s分", r.Name, clip(in.Actual.Text), num.Score(r.Score))
	default:
		r.Rule = "qualitative-failed"
		r.Score = num.Mul(max, num.Some(cfg.FailedShare))
		w.Warn(sheet, in.ActualCell, "定性指标“%s”实际完成情况为“%s”，未填得分，按未达成计%s分", r.Name, clip(in.Actual.Text), num.Score(r.Score))
	}
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 20 {
		return string(r[:20]) + "…"
	}
	return s
}

func findBase(base []BaseItem, name string) (BaseItem, bool) {
	for _, b := range base {
		if b.Item == name {
			return b, true
		}
	}
	return BaseItem{}, false
}
