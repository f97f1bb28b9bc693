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
// charts: see Charts). made is the date the report carries (评价日期):
// report.Pipeline passes ReportDate's choice, or the configured date.
func Data(ev *compute.Evaluation, made time.Time) word.Data {
	k := KindOf(ev)
	d := word.Data{
		"报告名称": Title(ev),
		"报告类型": k.Report(),
		"评价对象": subjectWithOwner(ev),
		"部门整体": k == Department,
		"单项目":  k == Project,
		"多项目":  k == Projects,
		"部门名称": ev.Department,
		"主管部门": Supervisor(ev),
		"实施单位": ev.Unit,
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
	// No prior year: no sentence at all (the template shows 支出同比 only
	// when it is non-empty).
	d["上年支出合计"], d["支出同比"] = "", ""
	if tf.Previous.Valid && tf.Executed.Valid {
		d["上年支出合计"] = num.Money(tf.Previous)
		d["支出同比"] = num.ChangePhrase(tf.Executed, tf.Previous, "万元")
	}

	funds := make([]word.Data, 0, len(ev.Funds))
	for _, f := range ev.Funds {
		funds = append(funds, word.Data{
			"项目": CleanName(f.Label), "年初预算数": num.Money(f.Initial), "全年预算数": num.Money(f.Budget),
			"全年执行数": num.Money(f.Executed), "执行率": num.Percent(f.Rate),
			"分值": num.Score(f.MaxScore), "得分": num.Score(f.Score),
		})
	}
	d["资金"] = funds

	inds := make([]word.Data, 0, len(ev.Indicators))
	var highlights, compared []word.Data
	var main []string
	for _, in := range ev.Indicators {
		desc := Describe(in)
		achieved := "达成"
		if !in.Achieved {
			achieved = "未达成"
		}
		inds = append(inds, word.Data{
			"一级指标": CleanName(in.Level1), "二级指标": CleanName(in.Level2), "三级指标": CleanName(in.Name),
			"年度指标值": orDash(in.TargetText), "实际完成值": orDash(in.ActualText),
			"上年完成值": previousText(in), "完成率": num.Percent(in.Completion),
			"同比增长": ChangeCell(in), "分值": num.Score(in.MaxScore), "得分": num.Score(in.Score),
			"偏差原因": in.Deviation, "完成情况描述": desc, "是否达成": achieved,
		})
		if c := change(in); c != "" {
			compared = append(compared, word.Data{"描述": desc})
			main = append(main, desc)
			if rises(in) {
				highlights = append(highlights, word.Data{"描述": desc})
			}
		}
	}
	d["绩效指标"] = inds
	d["亮点"] = highlights
	d["与上年相比"] = compared
	d["主要指标"] = strings.Join(main, "；")

	projects := make([]word.Data, 0, len(ev.Projects))
	for _, p := range ev.Projects {
		pf := compute.Fund{}
		if len(p.Funds) > 0 {
			pf = p.Funds[0]
		}
		projects = append(projects, word.Data{
			"项目名称": CleanName(p.Name), "主管部门": firstNonEmpty(p.Department, ev.Department),
			"全年预算数": num.Money(pf.Budget), "全年执行数": num.Money(pf.Executed),
			"执行率": num.Percent(pf.Rate), "总分": num.Score(p.TotalScore), "等级": orDash(p.Grade),
		})
	}
	d["项目"] = projects

	base := make([]word.Data, 0, len(ev.Base))
	for _, b := range ev.Base {
		base = append(base, word.Data{
			"项目": CleanName(b.Item), "上年决算数": num.Money(b.PreviousFinal), "本年预算数": num.Money(b.Budget),
			"本年决算数": num.Money(b.Final), "同比增长": num.Percent(b.YoY),
		})
	}
	d["基础数据"] = base

	// 问题 is the checker's list (with cells): for an internal annex of a
	// custom template, never used by the default report.
	problems := make([]word.Data, 0, len(ev.Warnings))
	for _, w := range ev.Warnings {
		problems = append(problems, word.Data{"位置": orDash(w.Where()), "说明": w.Message})
	}
	d["问题"] = problems

	d["部门基本情况"] = section(ev, "部门基本情况", basicFacts)
	for _, name := range accountSections {
		d[name] = own(ev, name)
	}
	d["开展情况"] = account(ev, d)
	// The score table is 表4 after a 表3 of projects, else 表3.
	d["得分表序号"] = "3"
	if k != Project && len(ev.Projects) > 0 {
		d["得分表序号"] = "4"
	}
	top := topForm(ev)
	var formProblems, formMeasures, formConclusion string
	if top != nil {
		formProblems, formMeasures, formConclusion = top.Problems, top.Measures, top.Conclusion
	}
	d["存在的问题"] = problemText(ev, joinOwn(own(ev, "存在的问题"), formProblems))
	d["改进措施"] = measureText(ev, joinOwn(own(ev, "改进措施"), formMeasures))
	if c := joinOwn(own(ev, "评价结论"), formConclusion); c != "" {
		d["评价结论"] = c
	} else {
		d["评价结论"] = conclusion(ev)
	}
	return d
}

// account is the numbered list of part 二 of the seed's outline
// (绩效目标, 预决算公开, 资产管理, 内部管理制度, 项目绩效总目标完成情况,
// 整体支出情况): the department's own text with the computed sentences
// inside, numbered without gaps whatever the clerk left out.
func account(ev *compute.Evaluation, d word.Data) []word.Data {
	k := KindOf(ev)
	type item struct{ title, text string }
	var items []item
	add := func(title string, parts ...string) {
		var ps []string
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				ps = append(ps, p)
			}
		}
		if len(ps) > 0 {
			items = append(items, item{title, strings.Join(ps, "\n")})
		}
	}
	goal := ""
	if g := strings.TrimSpace(ev.Goal.Expected); g != "" && !isPrompt(g) {
		goal = "年度绩效目标：" + sentence(g)
	}
	done := ""
	if a := strings.TrimSpace(ev.Goal.Actual); a != "" && !isPrompt(a) {
		done = "实际完成情况：" + sentence(a)
	}
	main := ""
	if m, _ := d["主要指标"].(string); m != "" {
		main = "主要指标与上年相比：" + m + "。"
	}
	add("绩效目标", own(ev, "绩效目标"), goal, done, main)
	if k == Department {
		add("预决算公开", own(ev, "预决算公开"))
		add("资产管理", own(ev, "资产管理"))
		add("内部管理制度", own(ev, "内部管理制度"))
		add("项目绩效总目标完成情况", own(ev, "项目绩效总目标完成情况"), projectFacts(ev))
	}
	spend := "整体支出情况"
	if k != Department {
		spend = "资金投入和使用情况"
	}
	add(spend, own(ev, "整体支出情况"), spendFacts(ev, d))
	out := make([]word.Data, len(items))
	for i, it := range items {
		out[i] = word.Data{"序号": strconv.Itoa(i + 1), "标题": it.title, "内容": it.text}
	}
	return out
}

// sentence ends a text with a full stop when it has none.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "。") || strings.HasSuffix(s, "；") || strings.HasSuffix(s, "！") {
		return s
	}
	return strings.TrimRight(s, "；;，,") + "。"
}

// spendFacts is the budget sentence of 整体支出情况.
func spendFacts(ev *compute.Evaluation, d word.Data) string {
	if len(ev.Funds) == 0 {
		return ""
	}
	f := ev.Funds[0]
	var b strings.Builder
	fmt.Fprintf(&b, "%s年度年初预算数%s万元，全年预算数%s万元，全年执行数%s万元，预算执行率%s",
		yearText(ev.Year), num.Money(f.Initial), num.Money(f.Budget), num.Money(f.Executed), num.Percent(f.Rate))
	if f.Score.Valid {
		fmt.Fprintf(&b, "，预算执行得分%s分", num.Score(f.Score))
	}
	if c, _ := d["支出同比"].(string); c != "" {
		fmt.Fprintf(&b, "；全年支出%s", c)
	}
	b.WriteString("。")
	if c := baseChanges(ev); c != "" {
		b.WriteString("与上年决算相比，" + c + "。")
	}
	b.WriteString("资金投入及执行情况见表1。")
	return b.String()
}

// baseChanges compares the 基础数据表's categories with last year's
// final figures: "基本支出584.97万元，比上年增加32.79万元，增长5.94%；
// 三公经费28.46万元，比上年减少7.14万元，下降20.06%". The total row and
// categories that are 0 both years are left out.
func baseChanges(ev *compute.Evaluation) string {
	var parts []string
	for _, b := range ev.Base {
		name := strings.TrimPrefix(CleanName(b.Item), "其中：")
		if strings.Contains(name, "合计") || strings.Contains(name, "总计") || !b.Final.Valid || !b.PreviousFinal.Valid {
			continue
		}
		if b.Final.IsZero() && b.PreviousFinal.IsZero() {
			continue
		}
		parts = append(parts, name+num.Money(b.Final)+"万元，"+num.ChangePhrase(b.Final, b.PreviousFinal, "万元"))
	}
	return strings.Join(parts, "；")
}

// projectFacts sums up the project forms for 项目绩效总目标完成情况.
func projectFacts(ev *compute.Evaluation) string {
	n := len(ev.Projects)
	if n == 0 {
		return ""
	}
	lo, hi := num.None, num.None
	grades := map[string]int{}
	for _, p := range ev.Projects {
		if p.TotalScore.Valid {
			if !lo.Valid || p.TotalScore.D.LessThan(lo.D) {
				lo = p.TotalScore
			}
			if !hi.Valid || p.TotalScore.D.GreaterThan(hi.D) {
				hi = p.TotalScore
			}
		}
		grades[orDash(p.Grade)]++
	}
	s := fmt.Sprintf("本年度%d个项目开展了绩效自评", n)
	switch {
	case !lo.Valid:
	case num.Equal2(lo, hi):
		s += fmt.Sprintf("，自评得分均为%s分", num.Score(lo))
	default:
		s += fmt.Sprintf("，自评得分在%s分至%s分之间", num.Score(lo), num.Score(hi))
	}
	if len(grades) == 1 {
		for g := range grades {
			if g != num.Dash {
				s += "，等级均为“" + g + "”"
			}
		}
	}
	return s + "，详见表3。"
}

// AccountSections are the 文字说明 sections of the department's own
// account, in the order of the report (after 部门基本情况), each with the
// titles a clerk may have used for it. The blank workbook lists them.
var AccountSections = []struct {
	Name, Prompt string
}{
	{"部门基本情况", "部门职能、机构设置、编制和人员、年度主要工作"},
	{"绩效目标", "年度绩效目标和围绕目标开展的主要工作（计算的指标完成情况会接在这段之后）"},
	{"预决算公开", "预算、决算公开的时间、渠道和内容是否完整"},
	{"资产管理", "资产管理制度、系统、账实相符情况"},
	{"内部管理制度", "财务、内部控制、“三公”经费等制度的建立和执行"},
	{"项目绩效总目标完成情况", "各项目总体目标完成情况、取得的荣誉和成效"},
	{"整体支出情况", "预算安排、资金拨付、专款专用等支出管理情况（计算的预算执行数据会接在这段之后）"},
	{"部门整体绩效评价", "按主题分段写：机构改革、党建、产业发展、科技创新等，每段第一行可写小标题"},
	{"重点工作", "扶贫、安全生产、综治维稳、民生工程等重点工作，每项一段"},
	{"获得荣誉", "本年度部门获得的表彰和荣誉"},
	{"评价结论", "可不填：不填时按得分和等级写"},
	{"存在的问题", "可不填：不填时按未完成的指标和偏差原因写"},
	{"改进措施", "可不填：不填时按偏差原因分析及改进措施写"},
}

// accountSections are the names filled from the 文字说明 alone.
var accountSections = []string{"绩效目标", "预决算公开", "资产管理", "内部管理制度",
	"项目绩效总目标完成情况", "整体支出情况", "部门整体绩效评价", "重点工作", "获得荣誉"}

// sectionTitles are the 文字说明 titles taken for each section, first the
// section's own name.
var sectionTitles = map[string][]string{
	"部门基本情况":      {"部门基本情况", "基本情况", "部门概况", "单位基本情况", "项目基本情况"},
	"绩效目标":        {"绩效目标", "部门预算绩效管理开展情况和绩效目标", "个性指标", "年度绩效目标"},
	"预决算公开":       {"预决算公开", "预算公开", "预决算信息公开"},
	"资产管理":        {"资产管理", "资产管理情况"},
	"内部管理制度":      {"内部管理制度", "内部管理", "内部控制制度", "制度建设"},
	"项目绩效总目标完成情况": {"项目绩效总目标完成情况", "项目绩效目标完成情况", "总目标完成情况"},
	"整体支出情况":      {"整体支出情况", "资金管理情况", "支出管理情况"},
	"部门整体绩效评价":    {"部门整体绩效评价", "整体绩效评价", "主要工作成效", "工作成效"},
	"重点工作":        {"重点工作", "重点工作推进情况", "重点工作完成情况"},
	"获得荣誉":        {"获得荣誉", "荣誉", "表彰和荣誉", "获得表彰"},
	"评价结论":        {"评价结论", "结论", "总体评价"},
	"存在的问题":       {"存在的问题", "存在问题", "主要问题", "问题"},
	"改进措施":        {"改进措施", "改进建议", "下一步工作", "整改措施"},
}

// own is the 文字说明 text of a section, "" when the clerk left it empty
// or left only the blank workbook's prompt in it.
func own(ev *compute.Evaluation, name string) string {
	for _, t := range sectionTitles[name] {
		for _, n := range ev.Narrative {
			if n.Title == t && !isPrompt(n.Text) {
				return strings.TrimSpace(n.Text)
			}
		}
	}
	return ""
}

// isPrompt reports whether a text is empty or only a prompt of the blank
// workbook: "（职能、机构…）", "例：…".
func isPrompt(s string) bool {
	s = strings.TrimSpace(s)
	if num.IsEmpty(s) || strings.HasPrefix(s, "例：") {
		return true
	}
	return strings.HasPrefix(s, "（") && strings.HasSuffix(s, "）") && strings.Count(s, "（") == 1
}

// joinOwn joins the department's texts for one section (文字说明 and the
// form's own row), dropping a repeat.
func joinOwn(a, b string) string {
	b = strings.TrimSpace(b)
	if isPrompt(b) || strings.Contains(a, b) {
		return a
	}
	if a == "" {
		return b
	}
	return a + "\n" + b
}

// subjectWithOwner is what the conclusion says was evaluated:
// "邵东市科技和工业信息化局2019年度部门整体支出",
// "某县农业农村局2020年高标准农田建设项目".
func subjectWithOwner(ev *compute.Evaluation) string {
	y := ""
	if ev.Year != 0 {
		y = strconv.Itoa(ev.Year) + "年度"
	}
	sub := Subject(ev)
	if ev.Year != 0 && strings.Contains(sub, strconv.Itoa(ev.Year)) {
		y = ""
	}
	if KindOf(ev) == Projects {
		sub += "支出"
	}
	return ev.Department + y + sub
}

// section is the 文字说明 text of a section, or what the figures say.
func section(ev *compute.Evaluation, name string, figures func(*compute.Evaluation) string) string {
	if t := own(ev, name); t != "" {
		return t
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
// "规模工业总产值838.60亿元，同比增长12.00%", "“三公”经费支出28.46万元，同比下降20.06%",
// "规模工业总产值增速12.00%，比上年提高2.20个百分点", "产业转型升级成效：效果明显".
func Describe(in compute.Indicator) string {
	name := CleanName(in.Name)
	if in.Qualitative || !in.Actual.Valid {
		return name + "：" + orDash(in.ActualText)
	}
	s := name + amount(in.Actual.D, in.Unit)
	if c := change(in); c != "" {
		s += "，" + c
	}
	return s
}

// isRate reports whether an indicator is a rate or a share (增速, 合格率,
// 占比, 满意度): its changes are in 百分点, not in %.
func isRate(in compute.Indicator) bool { return in.Unit == "%" }

// change is the clause on last year: "同比增长12.00%", "同比下降20.06%",
// "比上年提高2.20个百分点", "与上年持平"; "" when there is no last year
// (no sentence at all) or no percentage can be given.
func change(in compute.Indicator) string {
	if in.Qualitative || !in.Actual.Valid || !in.Previous.Valid {
		return ""
	}
	if isRate(in) {
		diff := num.Round(in.Actual.D.Sub(in.Previous.D), 2)
		switch {
		case diff.IsZero():
			return "与上年持平"
		case diff.IsPositive():
			return "比上年提高" + diff.StringFixed(2) + "个百分点"
		default:
			return "比上年下降" + diff.Neg().StringFixed(2) + "个百分点"
		}
	}
	return num.YoYPhrase(in.Actual, in.Previous)
}

// ChangeCell is the 同比增长 cell of 表2: "12.00%", "-20.06%", and for a
// rate "2.20个百分点".
func ChangeCell(in compute.Indicator) string {
	if isRate(in) && in.Actual.Valid && in.Previous.Valid && !in.Qualitative {
		return num.Round(in.Actual.D.Sub(in.Previous.D), 2).StringFixed(2) + "个百分点"
	}
	return num.Percent(in.YoY)
}

// rises reports whether an indicator moved the good way: up, or down for a
// cost (a reverse indicator).
func rises(in compute.Indicator) bool {
	if !in.Actual.Valid || !in.Previous.Valid {
		return false
	}
	diff := num.Round(in.Actual.D.Sub(in.Previous.D), 2)
	if in.Op == "<=" || in.Op == "<" {
		return diff.IsNegative()
	}
	return diff.IsPositive()
}

func basicFacts(ev *compute.Evaluation) string {
	var b strings.Builder
	k := KindOf(ev)
	who := firstNonEmpty(ev.Department, "本部门")
	switch k {
	case Project:
		p := ev.Projects[0]
		fmt.Fprintf(&b, "“%s”", CleanName(p.Name))
		if sup := Supervisor(ev); sup != "" {
			fmt.Fprintf(&b, "的主管部门为%s", sup)
			if ev.Unit != "" && ev.Unit != sup {
				fmt.Fprintf(&b, "，实施单位为%s", ev.Unit)
			}
		} else if ev.Unit != "" {
			fmt.Fprintf(&b, "的实施单位为%s", ev.Unit)
		}
		b.WriteString("。")
		who = "项目"
	case Projects:
		fmt.Fprintf(&b, "%s%s年度开展绩效自评的项目%d个。", who, yearText(ev.Year), len(ev.Projects))
		who = "各项目合计"
	}
	if len(ev.Funds) > 0 {
		f := ev.Funds[0]
		if k == Department {
			fmt.Fprintf(&b, "%s%s年度", who, yearText(ev.Year))
		} else {
			b.WriteString(who)
		}
		fmt.Fprintf(&b, "全年预算数%s万元，全年执行数%s万元，预算执行率%s", num.Money(f.Budget), num.Money(f.Executed), num.Percent(f.Rate))
		if f.Previous.Valid && f.Executed.Valid {
			fmt.Fprintf(&b, "，支出%s", num.ChangePhrase(f.Executed, f.Previous, "万元"))
		}
		b.WriteString("。")
		var parts []string
		for _, p := range ev.Funds[1:] {
			if p.Executed.Positive() && f.Executed.Positive() {
				parts = append(parts, fmt.Sprintf("%s%s万元", strings.TrimPrefix(CleanName(p.Label), "其中："), num.Money(p.Executed)))
			}
		}
		if len(parts) > 0 {
			fmt.Fprintf(&b, "其中%s。", strings.Join(parts, "，"))
		}
	}
	if ev.Staffing != nil && ev.Staffing.Authorized.Valid {
		fmt.Fprintf(&b, "核定编制%s人，实际在职%s人。", ev.Staffing.Authorized.D.String(), ev.Staffing.Staff.Or(decimal.Zero).String())
	}
	if n := len(ev.Projects); n > 0 && k == Department {
		fmt.Fprintf(&b, "本年度开展绩效自评的项目%d个。", n)
	}
	return b.String()
}

// shortfall is an indicator that missed its target, with the project it
// belongs to ("" for the top level).
type shortfall struct {
	project string
	in      compute.Indicator
}

// shortfalls are the indicators scored below their 分值: the top level's,
// and for a department also its projects'.
func shortfalls(ev *compute.Evaluation) []shortfall {
	var out []shortfall
	for _, in := range ev.Indicators {
		if !in.Achieved && in.MaxScore.Valid {
			out = append(out, shortfall{in: in})
		}
	}
	if KindOf(ev) == Department {
		for _, p := range ev.Projects {
			for _, in := range p.Indicators {
				if !in.Achieved && in.MaxScore.Valid {
					out = append(out, shortfall{project: CleanName(p.Name), in: in})
				}
			}
		}
	}
	return out
}

func (s shortfall) label() string {
	if s.project != "" {
		return "“" + s.project + "”的“" + CleanName(s.in.Name) + "”指标"
	}
	return "“" + CleanName(s.in.Name) + "”指标"
}

// targetWords writes a target as a sentence does: "≥25家" → "不低于25家".
func targetWords(t string) string {
	t = strings.TrimSpace(t)
	for _, r := range []struct{ op, words string }{
		{"≥", "不低于"}, {">=", "不低于"}, {"≤", "不高于"}, {"<=", "不高于"},
		{">", "高于"}, {"<", "低于"}, {"＞", "高于"}, {"＜", "低于"}, {"=", ""}, {"＝", ""},
	} {
		if strings.HasPrefix(t, r.op) {
			return r.words + strings.TrimSpace(t[len(r.op):])
		}
	}
	return t
}

// measureMarkers open the part of a 偏差原因分析及改进措施 cell that is the
// measure rather than the cause.
var measureMarkers = []string{"下一步", "今后", "下阶段", "下年", "将", "拟", "计划", "已列入", "已纳入", "改进措施", "整改措施", "措施：", "建议"}

// splitDeviation cuts a 偏差原因分析及改进措施 text into its cause and its
// measure, at the first clause that opens with a measure word.
func splitDeviation(s string) (cause, measure string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ""
	}
	clauses := strings.FieldsFunc(s, func(r rune) bool { return r == '。' || r == '；' || r == ';' || r == '，' || r == ',' })
	at := len(clauses)
	for i, c := range clauses {
		c = strings.TrimSpace(c)
		for _, m := range measureMarkers {
			if strings.HasPrefix(c, m) {
				at = i
				break
			}
		}
		if at != len(clauses) {
			break
		}
	}
	trim := func(cs []string) string {
		var out []string
		for _, c := range cs {
			if c = strings.TrimSpace(c); c != "" {
				out = append(out, c)
			}
		}
		return strings.Join(out, "，")
	}
	cause = trim(clauses[:at])
	measure = trim(clauses[at:])
	for _, p := range []string{"原因：", "原因分析：", "偏差原因："} {
		cause = strings.TrimPrefix(cause, p)
	}
	for _, p := range []string{"改进措施：", "整改措施：", "措施："} {
		measure = strings.TrimPrefix(measure, p)
	}
	return cause, measure
}

// problemText is 存在的问题: the department's own account first, then
// each shortfall it does not mention, as a sentence for a superior.
func problemText(ev *compute.Evaluation, ownText string) string {
	var lines []string
	if len(ev.Funds) > 0 {
		f := ev.Funds[0]
		if f.Rate.Valid && f.Rate.D.LessThan(decimal.NewFromInt(1)) && !strings.Contains(ownText, "预算执行") {
			left := num.Sub(f.Budget, f.Executed)
			lines = append(lines, fmt.Sprintf("预算执行率为%s，全年预算数中尚有%s万元未执行。", num.Percent(f.Rate), num.Money(left)))
		}
	}
	for _, sf := range shortfalls(ev) {
		in := sf.in
		if ownText != "" && strings.Contains(ownText, CleanName(in.Name)) {
			continue
		}
		s := fmt.Sprintf("%s年度目标为%s，实际完成%s", sf.label(), targetWords(orDash(in.TargetText)), orDash(in.ActualText))
		if in.Completion.Valid && !in.Qualitative {
			s += "，完成率" + num.Percent(in.Completion)
		}
		s += "，未达到年度目标"
		if cause, _ := splitDeviation(in.Deviation); cause != "" {
			s += "，主要原因是" + cause
		}
		lines = append(lines, s+"。")
	}
	return withOwn(ownText, lines, "各项绩效指标均已达到年度目标，预算全部执行。")
}

// measureText is 改进措施: the department's own measures first, then a
// measure for each shortfall it does not mention — the form's own measure
// where the 偏差原因 cell gives one, never a copy of the cause.
func measureText(ev *compute.Evaluation, ownText string) string {
	var lines []string
	for _, sf := range shortfalls(ev) {
		in := sf.in
		if ownText != "" && strings.Contains(ownText, CleanName(in.Name)) {
			continue
		}
		_, m := splitDeviation(in.Deviation)
		if m == "" {
			m = "深入分析未完成的原因，明确责任和时限，确保下一年度达到目标"
		}
		lines = append(lines, fmt.Sprintf("针对%s未达到年度目标的问题，%s。", sf.label(), m))
	}
	if len(ev.Funds) > 0 && ev.Funds[0].Rate.Valid && ev.Funds[0].Rate.D.LessThan(decimal.NewFromInt(1)) && !strings.Contains(ownText, "预算执行") {
		lines = append(lines, "加快预算执行进度，对未执行的资金逐项分析原因，提高资金使用效率。")
	}
	return withOwn(ownText, lines, "继续做好预算执行和绩效目标的跟踪监控，巩固各项绩效指标的完成成效。")
}

// withOwn puts the department's own text first and the computed lines
// after it ("此外，…"); with neither, none.
func withOwn(ownText string, lines []string, none string) string {
	if ownText == "" {
		if len(lines) == 0 {
			return none
		}
		return numbered(lines)
	}
	if len(lines) == 0 {
		return ownText
	}
	lines[0] = "此外，" + lines[0]
	return ownText + "\n" + strings.Join(lines, "\n")
}

// conclusion is what the figures say after the score sentence of the
// template: how the score is made up and how many indicators were met.
func conclusion(ev *compute.Evaluation) string {
	var b strings.Builder
	var parts []string
	if len(ev.Funds) > 0 && ev.Funds[0].Score.Valid {
		parts = append(parts, "预算执行得分"+num.Score(ev.Funds[0].Score)+"分（分值"+num.Score(ev.Funds[0].MaxScore)+"分）")
	}
	for _, l := range ev.Summary.ByLevel1 {
		parts = append(parts, fmt.Sprintf("%s得分%s分（分值%s分）", CleanName(l.Level1), num.Score(l.Score), num.Score(l.MaxScore)))
	}
	if len(parts) > 0 {
		b.WriteString("其中" + strings.Join(parts, "，") + "。")
	}
	switch {
	case ev.Summary.Indicators == 0:
	case ev.Summary.NotAchieved == 0:
		fmt.Fprintf(&b, "%d项绩效指标全部达到年度目标。", ev.Summary.Indicators)
	default:
		fmt.Fprintf(&b, "%d项绩效指标中，%d项达到年度目标，%d项未达到。", ev.Summary.Indicators, ev.Summary.Achieved, ev.Summary.NotAchieved)
	}
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
