package compute

import (
	"slices"
	"strings"

	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/shopspring/decimal"
)

var one = decimal.NewFromInt(1)

// example shows what an actual value for target looks like ("52公里").
func example(target num.Measure) string {
	if !target.Value.Valid {
		return "已完成"
	}
	return target.Value.D.String() + target.Unit
}

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

// qualitative outcome words. A text is judged only on evidence: words that
// say the target was not met, partly met or met; anything else is "unsure".
var (
	// positiveNegations are phrases with a negation that report a good
	// outcome ("未发生安全事故", "无差错"); they are removed before the
	// negation words are looked for.
	positiveNegations = []string{"未发生", "未出现", "未接到", "未收到", "未造成", "没有发生", "没有出现", "无差错", "无偏差", "无事故", "无投诉", "无违规", "无违纪", "无重大", "零投诉", "零事故", "不断"}
	failedWords       = []string{"未达成", "未完成", "未达到", "未实现", "未按期", "未按时", "未如期", "未开工", "未启动", "未验收", "未通过", "未达标", "未落实", "未到位", "未建成", "未完工", "未办结", "未执行", "未支付", "未拨付", "未能", "尚未", "没有", "没达", "无法", "不达标", "不合格", "不明显", "不满意", "不到位", "不及时", "不理想", "不足", "较差", "延期", "滞后", "推迟"}
	// failedExact are failure words only when they are the whole text: "差"
	// inside "偏差" is no failure.
	failedExact  = []string{"差", "很差", "否", "未", "不是", "没有"}
	partialWords = []string{"部分", "基本", "较好", "一般", "有所", "大部分", "多数", "初步"}
	fullWords    = []string{"达成", "完成", "达到", "实现", "达标", "合格", "明显", "显著", "良好", "满意", "有效", "提升", "提高", "改善", "增强", "按期", "按时", "如期", "及时", "准确", "规范", "建立", "健全", "落实", "到位", "优秀", "较大", "持续", "稳定", "正常", "通过", "符合"}
	fullExact    = []string{"是", "好", "优", "高", "100%", "全部", "已", "有"}
)

// judge classifies a qualitative actual text against its target: "full",
// "partial", "failed", or "unsure" when the words give no evidence either
// way. A blank text is "failed".
func judge(target, actual string) string {
	a := strings.TrimSpace(num.Normalize(actual))
	t := strings.TrimSpace(num.Normalize(target))
	if (a == "无" || a == "0" || a == "零") && (strings.HasPrefix(t, "无") || strings.HasPrefix(t, "零") || strings.HasPrefix(t, "0")) {
		// "无" answering "无重大安全事故".
		return "full"
	}
	if a == "" || num.IsEmpty(a) {
		return "failed"
	}
	if a == t || strings.TrimPrefix(a, "已") == t || strings.TrimPrefix(a, "已经") == t {
		return "full"
	}
	neg := a
	for _, p := range positiveNegations {
		neg = strings.ReplaceAll(neg, p, "")
	}
	negated := slices.Contains(failedExact, a)
	for _, w := range failedWords {
		if strings.Contains(neg, w) {
			negated = true
			break
		}
	}
	partial := false
	for _, w := range partialWords {
		if strings.Contains(a, w) {
			partial = true
			break
		}
	}
	switch {
	case negated && partial:
		// "部分未完成", "基本没有达到".
		return "partial"
	case negated:
		return "failed"
	case partial:
		return "partial"
	}
	if neg != a || slices.Contains(fullExact, a) || strings.HasPrefix(a, "已") {
		// "无差错", "未发生安全事故", "是", "已建立".
		return "full"
	}
	for _, w := range fullWords {
		if strings.Contains(a, w) {
			return "full"
		}
	}
	// The target's own words in the answer ("建立" in "长效机制已建立").
	if t != "" && !num.IsEmpty(t) && (strings.Contains(a, t) || strings.Contains(t, a)) {
		return "full"
	}
	return "unsure"
}

func evalIndicators(f *form.Form, cfg Config, hist *History, base []BaseItem, w *finding.List) []Indicator {
	out := make([]Indicator, 0, len(f.Indicators))
	for _, in := range f.Indicators {
		out = append(out, evalIndicator(f.Sheet, f.Year, in, cfg, hist, base, w))
	}
	return out
}

func evalIndicator(sheet string, year int, in form.Indicator, cfg Config, hist *History, base []BaseItem, w *finding.List) Indicator {
	r := Indicator{
		Level1: in.Level1, Level2: in.Level2, Name: in.Name,
		TargetText: in.Target.Text, ActualText: in.Actual.Text, PreviousText: in.Previous.Text,
		Op: in.Target.Op, Target: in.Target.Value, Actual: in.Actual.Value, Unit: in.Target.Unit,
		MaxScore: in.MaxScore.Opt, DeclaredScore: in.DeclaredScore.Opt, Deviation: in.Deviation,
		Where: sheet + "!" + in.TargetCell, Row: in.Row,
	}
	if r.Unit == "" {
		r.Unit = in.Actual.Unit
	}
	name := in.Name
	if !in.Target.Qualitative() && in.Actual.Qualitative() {
		// A number was promised and none is given: the row cannot be
		// judged, and the clerk's own 得分 is no judgement.
		r.Qualitative = false
		if num.IsEmpty(in.Actual.Text) {
			w.Err(sheet, in.ActualCell, "指标“%s”的实际完成值为空：请填写全年实际完成的数值，如“%s”", name, example(in.Target))
		} else {
			w.Err(sheet, in.ActualCell, "指标“%s”的指标值是数值（%s），实际完成值“%s”不是数值，无法计算完成率：请填写实际完成的数值，如“%s”",
				name, clip(in.Target.Text), clip(in.Actual.Text), example(in.Target))
		}
		return r
	}
	for _, m := range []struct {
		v    num.Opt
		cell string
		text string
	}{{in.Target.Value, in.TargetCell, in.Target.Text}, {in.Actual.Value, in.ActualCell, in.Actual.Text}} {
		if m.v.Valid && m.v.D.Abs().GreaterThan(num.Implausible) {
			w.Err(sheet, m.cell, "指标“%s”的数值“%s”大得不合常理，无法计算：请核对后重新填写", name, clip(m.text))
			return r
		}
	}
	quant := !in.Target.Qualitative() && !in.Actual.Qualitative()
	if quant && r.Unit == "%" && in.Actual.Unit == "" && in.Actual.Value.D.IsPositive() && in.Actual.Value.D.LessThanOrEqual(one) && in.Target.Value.D.GreaterThan(one) {
		// "0.965" typed against "≥95%": a fraction, not 0.965 %.
		in.Actual.Value = num.Some(in.Actual.Value.D.Shift(2))
		in.Actual.Unit = "%"
		w.Warn(sheet, in.ActualCell, "指标“%s”的实际完成值“%s”是小数，指标值是百分比，已按%s%%计算；请核对，或直接填写百分数",
			name, clip(in.Actual.Text), in.Actual.Value.D.String())
	}
	if quant {
		actual, ok := convert(in.Actual, r.Unit)
		if !ok {
			// The units cannot be compared: judging "40万元" as text would
			// give it full marks, and the clerk's 得分 is no judgement.
			w.Err(sheet, in.ActualCell, "指标“%s”的实际完成值单位（%s）与指标值单位（%s）不一致，无法计算完成率：请按指标值的单位填写实际完成值",
				name, in.Actual.Unit, in.Target.Unit)
			return r
		} else {
			if in.Actual.Unit != "" && in.Target.Unit != "" && in.Actual.Unit != in.Target.Unit && unitKind(in.Actual.Unit) != "money" &&
				(hourScale[in.Actual.Unit] == 0 || hourScale[in.Target.Unit] == 0) {
				w.Warn(sheet, in.ActualCell, "指标“%s”的实际完成值单位（%s）与指标值单位（%s）不同，已按同一单位计算", name, in.Actual.Unit, in.Target.Unit)
			}
			r.Actual = actual
		}
	}
	if quant && !in.Target.Explicit && (r.Op == ">=" || r.Op == "") && reverseByName(name, cfg) {
		// "预算调整率 3%", "财政供养人员控制率 100%": less is better.
		r.Op = "<="
		w.Warn(sheet, in.TargetCell, "指标“%s”的指标值“%s”未写“≥”或“≤”，按指标名称视为越低越好（≤%s）；如不是，请在指标值前写明“≥”",
			name, clip(in.Target.Text), in.Target.Value.D.String()+in.Target.Unit)
	}
	// verdict is the qualitative judgement (words or a deadline), "" for a
	// number scored by its completion.
	verdict := ""
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
		verdict = judge(in.Target.Text, in.Actual.Text)
		if due, ok := num.ParseDay(in.Target.Text, year); ok {
			// A deadline: compared as days ("2020年12月31日前" against a date
			// cell 2020年11月20日), not as words or serial numbers.
			if done, ok := num.ParseDay(in.Actual.Text, year); ok {
				verdict = "full"
				r.Rule = "deadline"
				if done > due {
					verdict = "failed"
				}
			}
		}
		scoreQualitative(&r, in, cfg, sheet, w, verdict)
	}
	if cfg.DeclaredScores && !r.MaxScore.Valid {
		// The form has no 分值 (湖北): its 得分 is all there is; the blocks
		// it adds up to are checked in checkSums.
		switch {
		case !r.DeclaredScore.Valid:
			w.Err(sheet, in.DeclaredScore.Cell, "指标“%s”没有得分：该表没有分值列，请填写该指标的得分", name)
		case r.Completion.Valid || !r.Qualitative || r.Rule == "deadline" || strings.HasPrefix(r.Rule, "qualitative") || r.Rule == "declared":
			r.Score = r.DeclaredScore
			r.Rule = "declared-no-weight"
		}
		r.Achieved = (r.Completion.Valid && r.Completion.D.GreaterThanOrEqual(one)) ||
			(r.Qualitative && verdict == "full")
	}
	if in.DeclaredCoef.Valid && r.Score.Valid && r.MaxScore.Valid && r.MaxScore.D.IsPositive() {
		// 重庆: 指标得分 = 得分系数 × 指标权重.
		r.DeclaredCoef = in.DeclaredCoef.Opt
		if coef := num.Div(r.Score, r.MaxScore); num.Percent(coef) != num.Percent(in.DeclaredCoef.Opt) {
			w.Warn(sheet, in.DeclaredCoef.Cell, "指标“%s”的得分系数与计算结果不一致：表中为%s，按完成情况应为%s",
				name, num.Percent(in.DeclaredCoef.Opt), num.Percent(coef))
		}
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

// scoreQualitative judges the answer's words. With the evaluator's own 得分
// it wins within the band of the judgement (a "未完成" row cannot keep more
// than FailedMax of its 分值); without it, 达成 → full, 部分达成 →
// PartialShare, 未达成 → FailedShare. An answer whose words say neither is
// scored by the declared 得分 with a warning, or is an error without one.
func scoreQualitative(r *Indicator, in form.Indicator, cfg Config, sheet string, w *finding.List, verdict string) {
	max := r.MaxScore
	if num.IsEmpty(in.Actual.Text) && verdict != "full" {
		r.Rule = "missing"
		w.Err(sheet, in.ActualCell, "指标“%s”的实际完成值为空：请填写全年实际完成情况（如“已完成”“部分完成”“未完成”或完成的数值）", r.Name)
		return
	}
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
		var top decimal.Decimal
		var what string
		switch verdict {
		case "partial":
			top, what = cfg.PartialMax, "部分达成"
		case "failed":
			top, what = cfg.FailedMax, "未达成"
		case "unsure":
			w.Warn(sheet, in.ActualCell, "定性指标“%s”的实际完成情况“%s”无法判断是否达成，采用表中得分%s分；请核对，或写明“已完成”“部分完成”“未完成”",
				r.Name, clip(in.Actual.Text), num.Score(r.Score))
			return
		default:
			return
		}
		if cap := num.Mul(max, num.Some(top)); cap.Valid && r.Score.D.GreaterThan(cap.D) {
			w.Warn(sheet, in.DeclaredScore.Cell, "定性指标“%s”实际完成情况为“%s”（%s），表中得分%s分高于该档上限，已按%s分计；如已全部完成，请修改实际完成情况的表述",
				r.Name, clip(in.Actual.Text), what, num.Score(r.Score), num.Score(cap))
			r.Score = cap
		}
		return
	}
	deadline := r.Rule == "deadline"
	defer func() {
		if deadline && r.Rule != "declared" {
			r.Rule = "deadline"
		}
	}()
	switch verdict {
	case "full":
		r.Rule = "qualitative-full"
		r.Score = max
	case "partial":
		r.Rule = "qualitative-partial"
		r.Score = num.Mul(max, num.Some(cfg.PartialShare))
		w.Warn(sheet, in.ActualCell, "定性指标“%s”实际完成情况为“%s”，未填得分，按部分达成计%s分", r.Name, clip(in.Actual.Text), num.Score(r.Score))
	case "failed":
		r.Rule = "qualitative-failed"
		r.Score = num.Mul(max, num.Some(cfg.FailedShare))
		w.Warn(sheet, in.ActualCell, "定性指标“%s”实际完成情况为“%s”，未填得分，按未达成计%s分", r.Name, clip(in.Actual.Text), num.Score(r.Score))
	default:
		r.Rule = "unsure"
		w.Err(sheet, in.ActualCell, "定性指标“%s”的实际完成情况“%s”无法判断是否达成，且未填得分：请在得分栏填写得分，或写明“已完成”“部分完成”“未完成”",
			r.Name, clip(in.Actual.Text))
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

// reverseByName reports an indicator whose name says less is better.
func reverseByName(name string, cfg Config) bool {
	for _, w := range cfg.ReverseNames {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}
