package compute

import (
	"fmt"
	"sort"
	"strings"

	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/shopspring/decimal"
)

// Evaluate computes a workbook's evaluation. hist (may be nil) gives last
// year's values when the forms carry none. The returned Warnings hold the
// reader's warnings and the computation's findings; a finding of severity
// Error among them means no report should be made from this evaluation.
func Evaluate(wb *form.Workbook, cfg Config, hist *History) *Evaluation {
	wb = usable(wb)
	w := append(finding.List(nil), wb.Findings...)
	ev := &Evaluation{
		Source:     wb.Source,
		Workbook:   wb,
		Funds:      []Fund{},
		Indicators: []Indicator{},
		Projects:   []Project{},
	}
	base, staffing := evalBase(wb.Base)
	ev.Base, ev.Staffing = base, staffing
	for _, s := range wb.Narrative {
		ev.Narrative = append(ev.Narrative, NarrativeItem{Title: s.Title, Text: s.Text})
	}
	for _, pf := range wb.Projects {
		r := evalForm(pf, cfg, hist, nil, &w)
		ev.Projects = append(ev.Projects, Project{
			Name: pf.Name, Department: pf.Department, Unit: pf.Unit, Sheet: pf.Sheet, Layout: pf.Layout, Profile: r.profile,
			Funds: r.funds, Indicators: r.indicators, TotalScore: r.total, Grade: r.grade,
			Goal: Goal{pf.GoalExpected, pf.GoalActual}, Summary: r.summary,
		})
		if hist != nil && len(r.funds) > 0 {
			if prev, ok := hist.Projects[pf.Name]; ok {
				p := &ev.Projects[len(ev.Projects)-1].Funds[0]
				p.Previous, p.YoY = prev, num.Growth(p.Executed, prev)
			}
		}
	}
	switch {
	case wb.Department != nil:
		d := wb.Department
		r := evalForm(d, cfg, hist, base, &w)
		ev.Department, ev.Year, ev.Unit = d.Name, d.Year, d.Unit
		ev.Funds, ev.Indicators, ev.TotalScore, ev.Grade, ev.Summary = r.funds, r.indicators, r.total, r.grade, r.summary
		ev.Layout, ev.Profile = d.Layout, r.profile
		ev.Goal = Goal{d.GoalExpected, d.GoalActual}
		if ev.Department == "" {
			ev.Department = d.Department
		}
	case len(wb.Projects) == 1:
		p := ev.Projects[0]
		pf := wb.Projects[0]
		ev.FromProject = true
		ev.Department, ev.Year, ev.Unit = pf.Department, pf.Year, pf.Unit
		if ev.Department == "" {
			ev.Department = pf.Unit
		}
		// Copies: the top level gets its own previous year (below), which
		// must not overwrite the project's.
		ev.Funds = append(make([]Fund, 0, len(p.Funds)), p.Funds...)
		ev.Indicators = append(make([]Indicator, 0, len(p.Indicators)), p.Indicators...)
		ev.TotalScore, ev.Grade, ev.Summary = p.TotalScore, p.Grade, p.Summary
		ev.Goal = p.Goal
		ev.Layout, ev.Profile = p.Layout, p.Profile
	case len(wb.Projects) > 1:
		ev.FromProject = true
		rollUp(ev, wb, cfg, &w)
	}
	if ev.Year == 0 {
		for _, p := range wb.Projects {
			if p.Year != 0 {
				ev.Year = p.Year
				break
			}
		}
	}
	// The department's fund total against last year.
	if len(ev.Funds) > 0 {
		tf := &ev.Funds[0]
		if b, ok := baseTotal(base); ok && b.PreviousFinal.Valid {
			tf.Previous = b.PreviousFinal
		} else if hist != nil && hist.FundExecuted.Valid {
			tf.Previous = hist.FundExecuted
		}
		tf.YoY = num.Growth(tf.Executed, tf.Previous)
		for i := 1; i < len(ev.Funds); i++ {
			if b, ok := findBase(base, ev.Funds[i].Label); ok && b.PreviousFinal.Valid {
				ev.Funds[i].Previous = b.PreviousFinal
				ev.Funds[i].YoY = num.Growth(ev.Funds[i].Executed, b.PreviousFinal)
			}
		}
	}
	addHints(w)
	ev.Warnings = w
	if ev.Warnings == nil {
		ev.Warnings = finding.List{}
	}
	return ev
}

// usable returns wb without nil project forms (or an empty workbook for
// nil), so that Evaluate never dereferences nil.
func usable(wb *form.Workbook) *form.Workbook {
	if wb == nil {
		return &form.Workbook{}
	}
	for _, p := range wb.Projects {
		if p == nil {
			c := *wb
			c.Projects = nil
			for _, p := range wb.Projects {
				if p != nil {
					c.Projects = append(c.Projects, p)
				}
			}
			return &c
		}
	}
	return wb
}

type formResult struct {
	profile    string
	funds      []Fund
	indicators []Indicator
	total      num.Opt
	grade      string
	summary    Summary
}

func evalForm(f *form.Form, cfg Config, hist *History, base []BaseItem, w *finding.List) formResult {
	cfg = cfg.Profile(f.Profile)
	var r formResult
	r.profile = cfg.Name
	r.funds = evalFunds(f, cfg, w)
	r.indicators = evalIndicators(f, cfg, hist, base, w)
	// Totals.
	var parts []num.Opt
	sum := Summary{Indicators: len(r.indicators), ByLevel1: []LevelScore{}}
	if len(r.funds) > 0 {
		sum.FundScore = r.funds[0].Score
		parts = append(parts, r.funds[0].Score)
	}
	var indScores []num.Opt
	maxSum := num.None
	if len(r.funds) > 0 {
		maxSum = r.funds[0].MaxScore
	}
	levels := map[string]int{}
	for _, in := range r.indicators {
		indScores = append(indScores, in.Score)
		if in.Achieved {
			sum.Achieved++
		} else {
			sum.NotAchieved++
		}
		maxSum = num.Add(maxSum, in.MaxScore)
		i, ok := levels[in.Level1]
		if !ok {
			i = len(sum.ByLevel1)
			levels[in.Level1] = i
			sum.ByLevel1 = append(sum.ByLevel1, LevelScore{Level1: in.Level1})
		}
		sum.ByLevel1[i].MaxScore = num.Add(sum.ByLevel1[i].MaxScore, in.MaxScore)
		sum.ByLevel1[i].Score = num.Add(sum.ByLevel1[i].Score, in.Score)
	}
	sum.IndicatorSum = num.Add(indScores...)
	parts = append(parts, sum.IndicatorSum)
	r.total = num.Add(parts...)
	if unscored := len(indScores) - countValid(indScores); unscored > 0 {
		// A total without some rows would look like a total and be wrong.
		r.total, sum.IndicatorSum = num.None, num.None
		if !w.HasErrors() {
			w.Err(f.Sheet, "", "有%d项指标无法计分，因此不计算总分：请按各项提示补全后再提交", unscored)
		}
	}
	if r.total.Valid {
		r.grade = Grade(r.total.D, cfg)
	}
	r.summary = sum
	// Weights: the form's "(50分)" must hold for its rows; a configured one
	// that differs is the locality's business, worth a warning.
	for _, ls := range sum.ByLevel1 {
		if want := f.Weights[ls.Level1]; want.Valid && ls.MaxScore.Valid && !want.D.Equal(ls.MaxScore.D) {
			w.Err(f.Sheet, "", "%s在表中标注为%s分，而其下各项指标的分值合计为%s分（%s）：请核对这些指标的分值",
				ls.Level1, trim(want), trim(ls.MaxScore), rowsOf(r.indicators, ls.Level1))
		} else if cw, ok := cfg.Level1Weights[ls.Level1]; ok && !want.Valid && ls.MaxScore.Valid && !cw.Equal(ls.MaxScore.D) {
			w.Warn(f.Sheet, "", "%s各项分值合计为%s分，与设定的权重%s分不一致", ls.Level1, trim(ls.MaxScore), cw.String())
		}
	}
	checkSums(f, r.funds, r.indicators, cfg, w)
	hundred := decimal.NewFromInt(100)
	switch {
	case cfg.DeclaredScores:
		if r.total.Valid && r.total.D.GreaterThan(hundred) {
			w.Err(f.Sheet, f.TotalCell, "总分为%s分，超过了100分：请核对各项得分", num.Score(r.total))
		}
	case len(r.indicators) > 0 && maxSum.Valid && !maxSum.D.Equal(hundred):
		// A form whose 分值 do not add up to 100 was typed wrong or read
		// wrong; a score from it would look right and be wrong.
		w.Err(f.Sheet, "", "各项分值合计为%s分，不是100分（%s）：请核对各项分值，如多输或少输了一位",
			trim(maxSum), weightParts(r.funds, sum.ByLevel1))
	}
	if f.DeclaredTotal.Valid && r.total.Valid && !num.Equal2(f.DeclaredTotal, r.total) {
		diff := r.total.D.Sub(f.DeclaredTotal.D).Abs()
		if diff.GreaterThan(cfg.TotalMargin) {
			// Far more often misread than miscounted: refuse, and show where.
			w.Err(f.Sheet, f.TotalCell, "表中填报的总分为%s分，按规则计算为%s分，相差%s分，超过了%s分：请核对%s",
				num.Score(f.DeclaredTotal), num.Score(r.total), num.Score(num.Some(diff)), cfg.TotalMargin.String(), largestGaps(r.funds, r.indicators, 3))
		} else {
			w.Warn(f.Sheet, f.TotalCell, "总分与计算结果不一致：表中为%s，按规则应为%s", num.Score(f.DeclaredTotal), num.Score(r.total))
		}
	}
	return r
}

// rowsOf names the sheet rows of a 一级指标's indicators ("第12–15行").
func rowsOf(inds []Indicator, level1 string) string {
	lo, hi := 0, 0
	for _, in := range inds {
		if in.Level1 != level1 || in.Row == 0 {
			continue
		}
		if lo == 0 || in.Row < lo {
			lo = in.Row
		}
		hi = max(hi, in.Row)
	}
	switch {
	case lo == 0:
		return "无指标行"
	case lo == hi:
		return fmt.Sprintf("第%d行", lo)
	}
	return fmt.Sprintf("第%d–%d行", lo, hi)
}

// weightParts spells the 分值 sum out: "预算执行10分＋产出指标50分＋…".
func weightParts(funds []Fund, levels []LevelScore) string {
	var parts []string
	if len(funds) > 0 && funds[0].MaxScore.Valid {
		parts = append(parts, "预算执行"+trim(funds[0].MaxScore)+"分")
	}
	for _, l := range levels {
		name := l.Level1
		if name == "" {
			name = "绩效指标"
		}
		parts = append(parts, name+trim(l.MaxScore)+"分")
	}
	return strings.Join(parts, "＋")
}

// largestGaps names the rows whose declared 得分 differ most from the
// recomputed ones.
func largestGaps(funds []Fund, inds []Indicator, n int) string {
	type gap struct {
		what string
		d    decimal.Decimal
	}
	var gaps []gap
	// A row whose two scores show alike (2.93 and 2.9333…) is no gap: it
	// would send the clerk to a row that is not wrong.
	if len(funds) > 0 && funds[0].DeclaredScore.Valid && funds[0].Score.Valid && num.Score(funds[0].DeclaredScore) != num.Score(funds[0].Score) {
		if d := funds[0].DeclaredScore.D.Sub(funds[0].Score.D).Abs(); d.IsPositive() {
			gaps = append(gaps, gap{fmt.Sprintf("预算执行得分（表中%s，按规则%s）", num.Score(funds[0].DeclaredScore), num.Score(funds[0].Score)), d})
		}
	}
	for _, in := range inds {
		if in.DeclaredScore.Valid && in.Score.Valid && num.Score(in.DeclaredScore) != num.Score(in.Score) {
			if d := in.DeclaredScore.D.Sub(in.Score.D).Abs(); d.IsPositive() {
				gaps = append(gaps, gap{fmt.Sprintf("第%d行“%s”（表中%s，按规则%s）", in.Row, in.Name, num.Score(in.DeclaredScore), num.Score(in.Score)), d})
			}
		}
	}
	sort.SliceStable(gaps, func(i, j int) bool { return gaps[i].d.GreaterThan(gaps[j].d) })
	if len(gaps) == 0 {
		return "总分一栏和各项得分（各行得分与按规则计算的一致）"
	}
	var out []string
	for i := 0; i < len(gaps) && i < n; i++ {
		out = append(out, gaps[i].what)
	}
	return "相差最多的" + strings.Join(out, "，")
}

func trim(o num.Opt) string {
	if !o.Valid {
		return num.Dash
	}
	return o.D.String()
}

// Grade returns the band of a total.
func Grade(total decimal.Decimal, cfg Config) string {
	for _, b := range cfg.Grades {
		if total.GreaterThanOrEqual(b.Min) {
			return b.Name
		}
	}
	if len(cfg.Grades) > 0 {
		return cfg.Grades[len(cfg.Grades)-1].Name
	}
	return ""
}

// rollUp makes the top level of a workbook that holds several project forms
// and no department form: funds summed, the score the projects' scores
// weighted by their 全年预算数.
func rollUp(ev *Evaluation, wb *form.Workbook, cfg Config, w *finding.List) {
	var ini, bud, exe []num.Opt
	var weighted, weights []num.Opt
	for i, p := range ev.Projects {
		if ev.Department == "" {
			ev.Department = wb.Projects[i].Department
		}
		if len(p.Funds) == 0 {
			continue
		}
		f := p.Funds[0]
		ini, bud, exe = append(ini, f.Initial), append(bud, f.Budget), append(exe, f.Executed)
		if p.TotalScore.Valid && f.Budget.Positive() {
			weighted = append(weighted, num.Mul(p.TotalScore, f.Budget))
			weights = append(weights, f.Budget)
		}
	}
	tf := Fund{Label: "年度资金总额", Initial: num.Add(ini...), Budget: num.Add(bud...), Executed: num.Add(exe...)}
	tf.Rate = num.Div(tf.Executed, tf.Budget)
	tf.MaxScore = num.Some(cfg.FundWeight)
	tf.Score = cappedShare(tf.MaxScore, tf.Executed, tf.Budget)
	ev.Funds = []Fund{tf}
	ev.TotalScore = num.Div(num.Add(weighted...), num.Add(weights...))
	if ev.TotalScore.Valid {
		ev.Grade = Grade(ev.TotalScore.D, cfg)
	}
	for _, p := range ev.Projects {
		ev.Indicators = append(ev.Indicators, p.Indicators...)
		ev.Summary.Indicators += p.Summary.Indicators
		ev.Summary.Achieved += p.Summary.Achieved
		ev.Summary.NotAchieved += p.Summary.NotAchieved
	}
	ev.Summary.FundScore = tf.Score
	w.Warn("", "", "工作簿中没有部门整体支出绩效自评表，总分按%d个项目的得分以全年预算数加权平均计算", len(ev.Projects))
}

func evalBase(b *form.Base) ([]BaseItem, *Staffing) {
	if b == nil {
		return nil, nil
	}
	var items []BaseItem
	for _, r := range b.Rows {
		items = append(items, BaseItem{
			Item: r.Item, PreviousFinal: r.PreviousFinal.Opt, Budget: r.Budget.Opt, Final: r.Final.Opt,
			YoY: num.Growth(r.Final.Opt, r.PreviousFinal.Opt), Rate: num.Div(r.Final.Opt, r.Budget.Opt),
		})
	}
	var st *Staffing
	if b.Authorized.Valid || b.Staff.Valid {
		st = &Staffing{Authorized: b.Authorized.Opt, Staff: b.Staff.Opt, ControlRate: num.Div(b.Staff.Opt, b.Authorized.Opt)}
	}
	return items, st
}

// baseTotal finds the 基础数据表 row for the whole expenditure.
func baseTotal(base []BaseItem) (BaseItem, bool) {
	for _, name := range []string{"支出合计", "合计", "总计", "部门支出合计", "年度支出合计", "支出总计", "部门支出总额", "年度资金总额"} {
		if b, ok := findBase(base, name); ok {
			return b, true
		}
	}
	return BaseItem{}, false
}
