package compute

import (
	"testing"

	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
)

func TestIndicators(t *testing.T) {
	const l1, l2 = "产出指标", "数量指标"
	cases := []struct {
		name string
		in   ind
		// expectations; "" is not checked, "null" missing, "~x" two decimals
		op, target, actual, completion, score string
		achieved                              bool
		qualitative                           bool
		rule                                  string
		wants                                 []want
		nots                                  []string
	}{
		// Forward: completion = actual/target, score = 分值 × min(completion, 1).
		{name: "forward above target", in: ind{l1, l2, "新增企业", "≥50个", "60个", "", "10", "10", ""},
			op: ">=", target: "50", actual: "60", completion: "1.2", score: "10", achieved: true, rule: "forward",
			nots: []string{"得分与计算结果不一致", "偏差原因"}},
		{name: "forward 133 against 120", in: ind{l1, l2, "规上企业", "≥120家", "133家", "", "5", "", ""},
			completion: "~1.11", score: "5", achieved: true},
		{name: "forward short, reason given", in: ind{l1, l2, "新增企业", "≥50个", "40个", "", "10", "8", "资金到位晚"},
			completion: "0.8", score: "8", achieved: false, nots: []string{"偏差原因", "得分与计算结果不一致"}},
		{name: "forward short, no reason", in: ind{l1, l2, "新增企业", "≥50个", "40个", "", "10", "", ""},
			score: "8", wants: []want{warn("H20", "得分（8.00）低于分值（10.00），但未填写偏差原因分析及改进措施")}},
		{name: "forward short, reason is an empty marker", in: ind{l1, l2, "新增企业", "≥50个", "40个", "", "10", "", "无"},
			score: "8", wants: []want{warn("H20", "未填写偏差原因")}},
		{name: "bare 100% against 95%", in: ind{l1, "质量指标", "验收合格率", "100%", "95%", "", "5", "", "整改中"},
			op: ">=", target: "100", actual: "95", completion: "0.95", score: "4.75"},
		{name: "declared score off", in: ind{l1, l2, "新增企业", "≥50个", "40个", "", "10", "9", "x"},
			score: "8", wants: []want{warn("G20", "得分与计算结果不一致：表中为9.00，按规则应为8.00")}},
		{name: "950% typo", in: ind{l1, "质量指标", "合格率", "≥95%", "950%", "", "5", "", ""},
			completion: "10", score: "5", achieved: true, wants: []want{warn("E20", "是否输错")}},
		{name: "98% against 95% is no typo", in: ind{l1, "质量指标", "合格率", "≥95%", "98%", "", "5", "", ""},
			completion: "~1.03", score: "5", achieved: true, nots: []string{"是否输错"}},
		{name: "120% against 80% is no typo", in: ind{l1, "质量指标", "覆盖率", "≥80%", "120%", "", "5", "", ""},
			completion: "1.5", score: "5", achieved: true, nots: []string{"是否输错"}},
		// Reverse: completion = target/actual, 1 when actual ≤ target.
		{name: "cost 95 against ≤90万元", in: ind{"成本指标", "经济成本指标", "项目成本", "≤90万元", "95万元", "", "5", "4.74", "超支"},
			op: "<=", completion: "~0.95", score: "~4.74", achieved: false, rule: "reverse",
			nots: []string{"得分与计算结果不一致", "偏差原因"}},
		{name: "cost 95 against ≤90万元, declared 4.73", in: ind{"成本指标", "经济成本指标", "项目成本", "≤90万元", "95万元", "", "5", "4.73", "超支"},
			wants: []want{warn("G20", "表中为4.73，按规则应为4.74")}},
		{name: "cost under target", in: ind{"成本指标", "经济成本指标", "项目成本", "≤90万元", "85万元", "", "5", "", ""},
			completion: "1", score: "5", achieved: true},
		{name: "cost on target", in: ind{"成本指标", "经济成本指标", "项目成本", "不高于90万元", "90万元", "", "5", "", ""},
			completion: "1", score: "5", achieved: true},
		{name: "不高于5% at 8%", in: ind{"效益指标", "社会效益指标", "投诉率", "不高于5%", "8%", "", "6", "", "x"},
			op: "<=", completion: "0.625", score: "3.75"},
		{name: "不超过3个工作日 at 4", in: ind{l1, "时效指标", "办结时限", "不超过3个工作日", "4个工作日", "", "4", "", "x"},
			op: "<=", completion: "0.75", score: "3"},
		{name: "元 against 万元", in: ind{"成本指标", "经济成本指标", "项目成本", "≤90万元", "950000元", "", "5", "", "x"},
			actual: "95", score: "~4.74"},
		// Strict operators compute like the others.
		{name: "<5% at 4%", in: ind{"效益指标", "社会效益指标", "投诉率", "<5%", "4%", "", "5", "", ""},
			op: "<", completion: "1", score: "5", achieved: true},
		{name: "<5% at 10%", in: ind{"效益指标", "社会效益指标", "投诉率", "<5%", "10%", "", "5", "", "x"},
			op: "<", completion: "0.5", score: "2.5"},
		{name: ">80% at 90%", in: ind{"效益指标", "社会效益指标", "覆盖率", ">80%", "90%", "", "10", "", ""},
			op: ">", completion: "1.125", score: "10", achieved: true},
		{name: ">80% at 60%", in: ind{"效益指标", "社会效益指标", "覆盖率", "＞８０％", "60%", "", "10", "", "x"},
			op: ">", completion: "0.75", score: "7.5"},
		// Target 0.
		{name: "≤0起 at 0", in: ind{"效益指标", "社会效益指标", "安全事故", "≤0起", "0起", "", "5", "", ""},
			completion: "1", score: "5", achieved: true},
		{name: "≤0起 at 2", in: ind{"效益指标", "社会效益指标", "安全事故", "≤0起", "2起", "", "5", "", "x"},
			completion: "0", score: "0"},
		{name: "≥0个 at 3", in: ind{l1, l2, "新增", "≥0个", "3个", "", "5", "", ""},
			completion: "null", score: "5", achieved: true},
		{name: ">0个 at 0", in: ind{l1, l2, "新增", ">0个", "0个", "", "5", "", "x"},
			completion: "null", score: "0"},
		// Negative targets: met or not, no rate.
		{name: "≥-3% at 5%", in: ind{"效益指标", "经济效益指标", "增速", "≥-3%", "5%", "", "5", "", ""},
			completion: "null", score: "5", achieved: true},
		{name: "≥-3% at -4%", in: ind{"效益指标", "经济效益指标", "增速", "≥-3%", "-4%", "", "5", "", "x"},
			completion: "null", score: "0"},
		{name: "≤-5% at -8%", in: ind{"成本指标", "经济成本指标", "成本降幅", "≤-5%", "-8%", "", "5", "", ""},
			completion: "1", score: "5", achieved: true},
		{name: "≤-5% at -2%", in: ind{"成本指标", "经济成本指标", "成本降幅", "≤-5%", "-2%", "", "5", "", "x"},
			completion: "null", score: "0"},
		{name: "≤5% at -2%", in: ind{"成本指标", "经济成本指标", "x", "≤5%", "-2%", "", "5", "", ""},
			completion: "1", score: "5", achieved: true},
		{name: "forward negative actual", in: ind{l1, l2, "x", "≥10个", "-2个", "", "5", "", "x"},
			completion: "-0.2", score: "0"},
		// Units.
		{name: "9000万元 against ≥1亿元", in: ind{"效益指标", "经济效益指标", "带动投资", "≥1亿元", "9000万元", "", "10", "", "x"},
			target: "1", actual: "0.9", completion: "0.9", score: "9"},
		{name: "48小时 against ≤3天", in: ind{l1, "时效指标", "办结时限", "≤3天", "48小时", "", "4", "", ""},
			actual: "2", completion: "1", score: "4", achieved: true, nots: []string{"单位"}},
		{name: "5天 against ≤72小时", in: ind{l1, "时效指标", "办结时限", "≤72小时", "5天", "", "6", "", "x"},
			actual: "120", completion: "0.6", score: "3.6"},
		{name: "家 against 个: same count, a warning", in: ind{l1, l2, "新增企业", "≥50个", "55家", "", "10", "", ""},
			actual: "55", completion: "1.1", score: "10", achieved: true, wants: []want{warn("E20", "单位（家）与指标值单位（个）不同，已按同一单位计算")}},
		{name: "万元 against 个", in: ind{l1, l2, "新增企业", "≥50个", "40万元", "", "10", "", ""},
			// The row cannot be scored, and judging "40万元" as text must
			// not give it full marks.
			completion: "null", score: "null", wants: []want{fail("E20", "单位（万元）与指标值单位（个）不一致，无法计算完成率：请按指标值的单位填写实际完成值")}},
		{name: "% against 万元, declared 8: still an error", in: ind{l1, l2, "x", "≥50万元", "40%", "", "10", "8", "x"},
			completion: "null", score: "null", wants: []want{fail("E20", "不一致，无法计算完成率")}},
		// Qualitative.
		{name: "效果明显 as planned", in: ind{"效益指标", "社会效益指标", "社会效益", "效果明显", "效果明显", "", "10", "", ""},
			op: "", completion: "null", score: "10", achieved: true, qualitative: true, rule: "qualitative-full"},
		{name: "达成", in: ind{"效益指标", "社会效益指标", "社会效益", "达成预期指标", "达成", "", "10", "", ""},
			score: "10", achieved: true, qualitative: true},
		{name: "基本完成", in: ind{"效益指标", "社会效益指标", "社会效益", "全面完成", "基本完成", "", "10", "", "x"},
			score: "7", qualitative: true, rule: "qualitative-partial", wants: []want{warn("E20", "按部分达成计7.00分")}},
		{name: "部分达成", in: ind{"效益指标", "社会效益指标", "社会效益", "达成预期", "部分达成", "", "6", "", "x"},
			score: "4.2", rule: "qualitative-partial"},
		{name: "未完成", in: ind{"效益指标", "社会效益指标", "社会效益", "全面完成", "未完成", "", "10", "", "x"},
			score: "3", rule: "qualitative-failed", wants: []want{warn("E20", "按未达成计3.00分")}},
		{name: "无差错 is not a failure", in: ind{l1, "质量指标", "财务核算", "准确", "无差错", "", "5", "", ""},
			score: "5", achieved: true, nots: []string{"未达成"}},
		{name: "declared score wins", in: ind{"效益指标", "社会效益指标", "社会效益", "效果明显", "效果明显", "", "10", "8", "x"},
			score: "8", rule: "declared", nots: []string{"得分与计算结果不一致"}},
		{name: "declared score capped at 分值", in: ind{"效益指标", "社会效益指标", "社会效益", "效果明显", "效果明显", "", "10", "12", ""},
			score: "10", achieved: true, wants: []want{warn("G20", "得分12.00高于分值10.00")}},
		{name: "empty actual", in: ind{"效益指标", "社会效益指标", "社会效益", "效果明显", "", "", "10", "", "x"},
			score: "null", rule: "missing", wants: []want{fail("E20", "实际完成值为空：请填写全年实际完成情况")}},
		{name: "actual —, declared 10: still an error", in: ind{"效益指标", "社会效益指标", "社会效益", "效果明显", "—", "", "10", "10", "x"},
			score: "null", rule: "missing", wants: []want{fail("E20", "实际完成值为空")}},
		{name: "empty actual on a number target", in: ind{l1, l2, "新增企业", "≥50个", "", "", "10", "", "x"},
			score: "null", wants: []want{fail("E20", "指标“新增企业”的实际完成值为空：请填写全年实际完成的数值，如“50个”")}},
		{name: "empty actual on a number target, declared 10: still an error", in: ind{l1, l2, "新增企业", "≥50个", "—", "", "10", "10", "x"},
			score: "null", wants: []want{fail("E20", "实际完成值为空")}},
		{name: "text against a number target", in: ind{l1, l2, "新增企业", "≥50个", "已完成", "", "10", "10", "x"},
			score: "null", wants: []want{fail("E20", "指标值是数值（≥50个），实际完成值“已完成”不是数值，无法计算完成率：请填写实际完成的数值，如“50个”")}},
		{name: "1E+308 against a number target", in: ind{l1, l2, "新增企业", "≥50个", "1E+308", "", "10", "10", "x"},
			score: "null", wants: []want{fail("E20", "大得不合常理")}},
		{name: "0.965 against ≥95%", in: ind{l1, "质量指标", "合格率", "≥95%", "0.965", "", "5", "", ""},
			actual: "96.5", completion: "~1.02", score: "5", achieved: true, wants: []want{warn("E20", "已按96.5%计算")}},
		{name: "bare 95 against ≥90%", in: ind{l1, "质量指标", "合格率", "≥90%", "95", "", "5", "", ""},
			actual: "95", score: "5", achieved: true, nots: []string{"小数"}},
		{name: "bare 85 against ≥100百分比", in: ind{l1, "质量指标", "合格率", "≥100百分比", "85", "", "10", "", "x"},
			actual: "85", completion: "0.85", score: "8.5"},
		// Negated answers are judged, whatever the declared score says.
		{name: "未按期完成, declared full", in: ind{l1, "时效指标", "完成时限", "按期完成", "未按期完成", "", "10", "10", "x"},
			score: "6", wants: []want{warn("G20", "（未达成），表中得分10.00分高于该档上限，已按6.00分计")}},
		{name: "部分未完成, declared full", in: ind{l1, "时效指标", "完成情况", "全部完成", "部分未完成", "", "10", "10", "x"},
			score: "8", wants: []want{warn("G20", "（部分达成）")}},
		{name: "尚未开工, no score", in: ind{l1, "时效指标", "开工", "按期开工", "尚未开工", "", "10", "", "x"},
			score: "3", rule: "qualitative-failed"},
		{name: "效果不明显, declared 5", in: ind{"效益指标", "社会效益指标", "效果", "效果明显", "效果不明显", "", "10", "5", "x"},
			score: "5", nots: []string{"上限"}},
		{name: "否 against 是", in: ind{"效益指标", "社会效益指标", "达标", "是", "否", "", "10", "", "x"},
			score: "3", rule: "qualitative-failed"},
		{name: "unsure words, declared: a warning", in: ind{"效益指标", "社会效益指标", "影响", "效果明显", "详见附件", "", "10", "9", "x"},
			score: "9", rule: "declared", wants: []want{warn("E20", "无法判断是否达成，采用表中得分9.00分")}},
		{name: "unsure words, no declared: an error", in: ind{"效益指标", "社会效益指标", "影响", "效果明显", "详见附件", "", "10", "", "x"},
			score: "null", rule: "unsure", wants: []want{fail("E20", "无法判断是否达成，且未填得分")}},
		{name: "未发生安全事故", in: ind{"效益指标", "社会效益指标", "安全", "无重大安全事故", "未发生安全事故", "", "5", "", ""},
			score: "5", achieved: true},
		{name: "无 answering 无重大安全事故", in: ind{"效益指标", "社会效益指标", "安全", "无重大安全事故", "无", "", "5", "", ""},
			score: "5", achieved: true},
		{name: "12月底前 is text", in: ind{l1, "时效指标", "完成时间", "12月底前", "11月完成", "", "5", "", ""},
			op: "", qualitative: true, score: "5", achieved: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := projectForm("项目", []form.FundRow{fundRow("年度资金总额", 6, "", "100", "100", "10", "", "")}, c.in)
			ev := Evaluate(&form.Workbook{Projects: []*form.Form{f}}, Defaults(), nil)
			if len(ev.Indicators) != 1 {
				t.Fatalf("%d indicators", len(ev.Indicators))
			}
			r := ev.Indicators[0]
			if c.op != "" || c.qualitative {
				if r.Op != c.op {
					t.Errorf("op = %q, want %q", r.Op, c.op)
				}
			}
			checkOpt(t, "target", r.Target, c.target)
			checkOpt(t, "actual", r.Actual, c.actual)
			checkOpt(t, "completion", r.Completion, c.completion)
			checkOpt(t, "score", r.Score, c.score)
			if c.score != "" && r.Achieved != c.achieved {
				t.Errorf("achieved = %v, want %v", r.Achieved, c.achieved)
			}
			if c.qualitative && !r.Qualitative {
				t.Errorf("not qualitative")
			}
			if c.rule != "" && r.Rule != c.rule {
				t.Errorf("rule = %q, want %q", r.Rule, c.rule)
			}
			if r.Score.Valid && r.MaxScore.Valid && r.Score.D.GreaterThan(r.MaxScore.D) {
				t.Errorf("score %v above 分值 %v", r.Score.D, r.MaxScore.D)
			}
			checkFindings(t, ev.Warnings, c.wants, c.nots)
		})
	}
}

// The cost 95万元 against ≤90万元 exactly: completion 90/95, score 5×90/95.
func TestReverseExact(t *testing.T) {
	f := projectForm("项目", nil, ind{"成本指标", "经济成本指标", "项目成本", "≤90万元", "95万元", "", "5", "", "x"})
	r := Evaluate(&form.Workbook{Projects: []*form.Form{f}}, Defaults(), nil).Indicators[0]
	if want := num.Div(num.Int(90), num.Int(95)); !r.Completion.D.Equal(want.D) {
		t.Errorf("completion = %s, want %s", r.Completion.D, want.D)
	}
	if want := num.Div(num.Int(450), num.Int(95)); !r.Score.D.Equal(want.D) {
		t.Errorf("score = %s, want %s", r.Score.D, want.D)
	}
	if num.Percent(r.Completion) != "94.74%" || num.Score(r.Score) != "4.74" {
		t.Errorf("shown %s / %s", num.Percent(r.Completion), num.Score(r.Score))
	}
}

func TestJudge(t *testing.T) {
	cases := []struct{ target, actual, want string }{
		{"效果明显", "效果明显", "full"},
		{"达成预期指标", "达成", "full"},
		{"达成预期指标", "已完成", "full"},
		{"准确", "无差错", "full"},
		{"无偏差", "无偏差", "full"},
		{"全面完成", "基本完成", "partial"},
		{"全面完成", "部分达成", "partial"},
		{"满意", "基本满意", "partial"},
		{"全面完成", "未完成", "failed"},
		{"达成", "未达成", "failed"},
		{"达标", "不达标", "failed"},
		{"好", "差", "failed"},
		{"好", "较差", "failed"},
		{"满意", "不满意", "failed"},
		{"x", "", "failed"},
		{"x", "—", "failed"},
		{"按期完成", "未按期完成", "failed"},
		{"达标", "没有达标", "failed"},
		{"按期开工", "尚未开工", "failed"},
		{"效果明显", "效果不明显", "failed"},
		{"是", "否", "failed"},
		{"全部完成", "部分未完成", "partial"},
		{"无重大安全事故", "未发生安全事故", "full"},
		{"无重大安全事故", "无", "full"},
		{"建立", "长效机制已建立", "full"},
		{"是", "是", "full"},
		{"效果明显", "详见附件", "unsure"},
		{"效果明显", "见说明", "unsure"},
		{"提高", "持平", "unsure"},
	}
	for _, c := range cases {
		if got := judge(c.target, c.actual); got != c.want {
			t.Errorf("judge(%q, %q) = %s, want %s", c.target, c.actual, got, c.want)
		}
	}
}

// TestNoWeightDeadlineAchieved: on a form without 分值 (湖北) a deadline met
// counts as achieved, as the same row does on a form with 分值.
func TestNoWeightDeadlineAchieved(t *testing.T) {
	f := projectForm("项目", []form.FundRow{fundRow("年度资金总额", 6, "", "100", "100", "", "", "")},
		ind{"产出指标", "时效指标", "完工时间", "2019年12月31日前", "2019年11月20日", "", "", "10", ""})
	f.Profile = "hubei"
	ev := Evaluate(&form.Workbook{Projects: []*form.Form{f}}, Defaults(), nil)
	r := ev.Indicators[0]
	if !r.Achieved || r.Rule != "declared-no-weight" || !eqOpt(r.Score, "10") {
		t.Errorf("achieved %v rule %q score %v", r.Achieved, r.Rule, r.Score.D)
	}
}
