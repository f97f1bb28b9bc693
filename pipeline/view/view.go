package view

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/jixiao/jixiao/pipeline/word"
	"github.com/shopspring/decimal"
)

// Date writes a date as official documents do: 2026年11月29日.
func Date(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// Data builds the values, lists and sentences of a report (without the
// charts: see Charts).
func Data(ev *compute.Evaluation, made time.Time) word.Data {
	d := word.Data{
		"部门名称": ev.Department,
		"主管部门": firstNonEmpty(ev.Unit, ev.Department),
		"年度":   yearText(ev.Year),
		"总分":   num.Score(ev.TotalScore),
		"等级":   orDash(ev.Grade),
		"评价日期": Date(made),
		"预期目标": ev.Goal.Expected, "实际完成情况": ev.Goal.Actual,
		"资金单位":   "万元",
		"指标总数":   strconv.Itoa(ev.Summary.Indicators),
		"达成指标数":  strconv.Itoa(ev.Summary.Achieved),
		"未达成指标数": strconv.Itoa(ev.Summary.NotAchieved),
		"指标得分":   num.Score(ev.Summary.IndicatorSum),
	}
	tf := compute.Fund{}
	if len(ev.Funds) > 0 {
		tf = ev.Funds[0]
	}
	d["年初预算数"], d["全年预算数"], d["全年执行数"] = num.Money(tf.Initial), num.Money(tf.Budget), num.Money(tf.Executed)
	d["预算执行率"], d["预算执行得分"] = num.Percent(tf.Rate), num.Score(tf.Score)
	d["上年支出合计"] = num.Money(tf.Previous)
	d["支出同比"] = num.ChangePhrase(tf.Executed, tf.Previous, "万元")

	funds := make([]word.Data, 0, len(ev.Funds))
	for _, f := range ev.Funds {
		funds = append(funds, word.Data{
			"项目": f.Label, "年初预算数": num.Money(f.Initial), "全年预算数": num.Money(f.Budget),
			"全年执行数": num.Money(f.Executed), "执行率": num.Percent(f.Rate),
			"分值": num.Score(f.MaxScore), "得分": num.Score(f.Score),
		})
	}
	d["资金"] = funds

	inds := make([]word.Data, 0, len(ev.Indicators))
	var highlights []word.Data
	for _, in := range ev.Indicators {
		desc := Describe(in)
		achieved := "达成"
		if !in.Achieved {
			achieved = "未达成"
		}
		inds = append(inds, word.Data{
			"一级指标": in.Level1, "二级指标": in.Level2, "三级指标": in.Name,
			"年度指标值": orDash(in.TargetText), "实际完成值": orDash(in.ActualText),
			"上年完成值": previousText(in), "完成率": num.Percent(in.Completion),
			"同比增长": num.Percent(in.YoY), "分值": num.Score(in.MaxScore), "得分": num.Score(in.Score),
			"偏差原因": in.Deviation, "完成情况描述": desc, "是否达成": achieved,
		})
		if in.YoY.Valid && in.YoY.D.IsPositive() {
			highlights = append(highlights, word.Data{"描述": desc})
		}
	}
	d["绩效指标"] = inds
	d["亮点"] = highlights

	projects := make([]word.Data, 0, len(ev.Projects))
	for _, p := range ev.Projects {
		pf := compute.Fund{}
		if len(p.Funds) > 0 {
			pf = p.Funds[0]
		}
		projects = append(projects, word.Data{
			"项目名称": p.Name, "主管部门": firstNonEmpty(p.Department, ev.Department),
			"全年预算数": num.Money(pf.Budget), "全年执行数": num.Money(pf.Executed),
			"执行率": num.Percent(pf.Rate), "总分": num.Score(p.TotalScore), "等级": orDash(p.Grade),
		})
	}
	d["项目"] = projects

	base := make([]word.Data, 0, len(ev.Base))
	for _, b := range ev.Base {
		base = append(base, word.Data{
			"项目": b.Item, "上年决算数": num.Money(b.PreviousFinal), "本年预算数": num.Money(b.Budget),
			"本年决算数": num.Money(b.Final), "同比增长": num.Percent(b.YoY),
		})
	}
	d["基础数据"] = base

	problems := make([]word.Data, 0, len(ev.Warnings))
	for _, w := range ev.Warnings {
		problems = append(problems, word.Data{"位置": orDash(w.Where()), "说明": w.Message})
	}
	d["问题"] = problems

	d["部门基本情况"] = section(ev, []string{"部门基本情况", "基本情况", "部门概况", "单位基本情况"}, basicFacts)
	d["存在的问题"] = section(ev, []string{"存在的问题", "存在问题", "主要问题", "问题"}, problemFacts)
	d["改进措施"] = section(ev, []string{"改进措施", "改进建议", "下一步工作", "整改措施"}, measureFacts)
	d["评价结论"] = section(ev, []string{"评价结论", "结论", "总体评价"}, conclusion)
	return d
}

// section is the 文字说明 text of the first title found, or what the
// figures say.
func section(ev *compute.Evaluation, titles []string, figures func(*compute.Evaluation) string) string {
	for _, t := range titles {
		for _, n := range ev.Narrative {
			if n.Title == t && strings.TrimSpace(n.Text) != "" {
				return strings.TrimSpace(n.Text)
			}
		}
	}
	return figures(ev)
}

func yearText(y int) string {
	if y == 0 {
		return num.Dash
	}
	return strconv.Itoa(y)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return num.Dash
	}
	return s
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// previousText is last year's value as the form wrote it, or as history
// gave it.
func previousText(in compute.Indicator) string {
	if strings.TrimSpace(in.PreviousText) != "" {
		return in.PreviousText
	}
	if in.Previous.Valid {
		return amount(in.Previous.D, in.Unit)
	}
	return num.Dash
}

// amount writes a figure with its unit: money and percentages with two
// decimals ("838.60亿元", "2.20%"), counts as they are ("133家").
func amount(d decimal.Decimal, unit string) string {
	if unit == "%" || num.MoneyScale(unit) > 0 {
		return num.Fixed2(num.Some(d)) + unit
	}
	return d.String() + unit
}

// Describe is the phrase a report makes of an indicator:
// "规模工业总产值838.60亿元，同比增长12.00%", "产业转型升级成效：效果明显".
func Describe(in compute.Indicator) string {
	if in.Qualitative || !in.Actual.Valid {
		return in.Name + "：" + orDash(in.ActualText)
	}
	s := in.Name + amount(in.Actual.D, in.Unit)
	if in.Previous.Valid {
		if p := num.YoYPhrase(in.Actual, in.Previous); p != "" {
			s += "，" + p
		}
	}
	return s
}

func basicFacts(ev *compute.Evaluation) string {
	var b strings.Builder
	who := firstNonEmpty(ev.Department, "本部门")
	fmt.Fprintf(&b, "%s%s年度", who, yearText(ev.Year))
	if len(ev.Funds) > 0 {
		f := ev.Funds[0]
		fmt.Fprintf(&b, "全年预算数%s万元，全年执行数%s万元，预算执行率%s", num.Money(f.Budget), num.Money(f.Executed), num.Percent(f.Rate))
		if f.Previous.Valid {
			fmt.Fprintf(&b, "，支出%s", num.ChangePhrase(f.Executed, f.Previous, "万元"))
		}
		b.WriteString("。")
		var parts []string
		for _, p := range ev.Funds[1:] {
			if p.Executed.Valid && f.Executed.Positive() {
				parts = append(parts, fmt.Sprintf("%s%s万元", p.Label, num.Money(p.Executed)))
			}
		}
		if len(parts) > 0 {
			fmt.Fprintf(&b, "其中%s。", strings.Join(parts, "，"))
		}
	}
	if ev.Staffing != nil && ev.Staffing.Authorized.Valid {
		fmt.Fprintf(&b, "核定编制%s人，实际在职%s人。", ev.Staffing.Authorized.D.String(), ev.Staffing.Staff.Or(decimal.Zero).String())
	}
	if n := len(ev.Projects); n > 0 {
		fmt.Fprintf(&b, "本年度开展绩效自评的项目%d个。", n)
	}
	return b.String()
}

func problemFacts(ev *compute.Evaluation) string {
	var lines []string
	if len(ev.Funds) > 0 {
		f := ev.Funds[0]
		if f.Rate.Valid && f.Rate.D.LessThan(decimal.NewFromInt(1)) {
			left := num.Sub(f.Budget, f.Executed)
			lines = append(lines, fmt.Sprintf("预算执行率为%s，尚有%s万元预算未执行。", num.Percent(f.Rate), num.Money(left)))
		}
	}
	for _, in := range ev.Indicators {
		if in.Achieved || !in.MaxScore.Valid {
			continue
		}
		s := fmt.Sprintf("“%s”指标值为%s，实际完成%s", in.Name, orDash(in.TargetText), orDash(in.ActualText))
		if in.Completion.Valid {
			s += "，完成率" + num.Percent(in.Completion)
		}
		s += fmt.Sprintf("，得分%s分（分值%s分）。", num.Score(in.Score), num.Score(in.MaxScore))
		lines = append(lines, s)
	}
	if n := len(ev.Warnings); n > 0 {
		lines = append(lines, fmt.Sprintf("自评表中有%d处需核对的地方（见附表）。", n))
	}
	if len(lines) == 0 {
		return "各项绩效指标均已完成，预算全部执行，自评表未发现需核对的问题。"
	}
	return numbered(lines)
}

func measureFacts(ev *compute.Evaluation) string {
	var lines []string
	for _, in := range ev.Indicators {
		if !in.Achieved && strings.TrimSpace(in.Deviation) != "" {
			lines = append(lines, fmt.Sprintf("针对“%s”：%s", in.Name, strings.TrimSpace(in.Deviation)))
		}
	}
	if len(ev.Funds) > 0 && ev.Funds[0].Rate.Valid && ev.Funds[0].Rate.D.LessThan(decimal.NewFromInt(1)) {
		lines = append(lines, "加快预算执行进度，对结转资金逐项分析原因，提高资金使用效率。")
	}
	if len(lines) == 0 {
		return "继续保持预算执行和绩效目标管理的良好做法，做好下一年度绩效目标的申报与监控。"
	}
	return numbered(lines)
}

func conclusion(ev *compute.Evaluation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "经评价，%s%s年度部门整体支出绩效自评得分为%s分，等级为“%s”。",
		firstNonEmpty(ev.Department, "本部门"), yearText(ev.Year), num.Score(ev.TotalScore), orDash(ev.Grade))
	var parts []string
	if len(ev.Funds) > 0 && ev.Funds[0].Score.Valid {
		parts = append(parts, "预算执行得分"+num.Score(ev.Funds[0].Score)+"分")
	}
	for _, l := range ev.Summary.ByLevel1 {
		parts = append(parts, fmt.Sprintf("%s得分%s分（分值%s分）", l.Level1, num.Score(l.Score), num.Score(l.MaxScore)))
	}
	if len(parts) > 0 {
		b.WriteString("其中" + strings.Join(parts, "，") + "。")
	}
	fmt.Fprintf(&b, "%d项绩效指标中，%d项达成目标，%d项未完全达成。", ev.Summary.Indicators, ev.Summary.Achieved, ev.Summary.NotAchieved)
	return b.String()
}

func numbered(lines []string) string {
	if len(lines) == 1 {
		return lines[0]
	}
	for i := range lines {
		lines[i] = strconv.Itoa(i+1) + "." + lines[i]
	}
	return strings.Join(lines, "\n")
}
