package compute

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
)

func deptForm(funds []form.FundRow, inds ...ind) *form.Form {
	f := projectForm("", funds, inds...)
	f.Kind, f.Name, f.Sheet = form.DepartmentForm, "邵东市科技和工业信息化局", "部门整体"
	f.Department = "邵东市人民政府"
	return f
}

func TestGrade(t *testing.T) {
	cfg := Defaults()
	cases := []struct{ total, want string }{
		{"100", "优"}, {"90", "优"}, {"90.0001", "优"},
		{"89.995", "良"}, // shown as 90.00, but the band is taken on the unrounded total
		{"89.99", "良"}, {"80", "良"},
		{"79.999", "中"}, {"79.99", "中"}, {"60", "中"},
		{"59.99", "差"}, {"59.9999", "差"}, {"0", "差"},
		{"-1", "差"},
	}
	for _, c := range cases {
		if got := Grade(dec(c.total), cfg); got != c.want {
			t.Errorf("Grade(%s) = %s, want %s", c.total, got, c.want)
		}
	}
}

// fullForm is 预算执行 10 (100/100) and three qualitative rows whose
// evaluator scores are given: 产出 out of 50, 效益 out of 30, 满意度 out of 10.
func fullForm(name, budget, executed, out, eff, sat string) *form.Form {
	q := func(l1, max, decl string) ind {
		return ind{l1, "x", l1 + "情况", "效果明显", "效果明显", "", max, decl, "原因"}
	}
	return projectForm(name, []form.FundRow{fundRow("年度资金总额", 6, "", budget, executed, "10", "", "")},
		q("产出指标", "50", out), q("效益指标", "30", eff), q("满意度指标", "10", sat))
}

func TestTotalsAndGrades(t *testing.T) {
	cases := []struct {
		out, eff, sat string
		total, shown  string
		grade         string
	}{
		{"39.995", "30", "10", "89.995", "90.00", "良"},
		{"40", "30", "10", "90", "90.00", "优"},
		{"30", "30", "10", "80", "80.00", "良"},
		{"29.99", "30", "10", "79.99", "79.99", "中"},
		{"10", "30", "10", "60", "60.00", "中"},
		{"9.99", "30", "10", "59.99", "59.99", "差"},
		{"50", "30", "10", "100", "100.00", "优"},
		{"0", "0", "0", "10", "10.00", "差"},
	}
	for _, c := range cases {
		ev := Evaluate(&form.Workbook{Projects: []*form.Form{fullForm("项目", "100", "100", c.out, c.eff, c.sat)}}, Defaults(), nil)
		if !eqOpt(ev.TotalScore, c.total) || num.Score(ev.TotalScore) != c.shown || ev.Grade != c.grade {
			t.Errorf("产出 %s: total %v (%s) %s, want %s (%s) %s", c.out, ev.TotalScore.D, num.Score(ev.TotalScore), ev.Grade, c.total, c.shown, c.grade)
		}
		if hasText(ev.Warnings, "不是100分") || hasText(ev.Warnings, "权重") {
			t.Errorf("weights reported for a 100-point form:%s", dump(ev.Warnings))
		}
	}
}

func TestQuantitativeTotal(t *testing.T) {
	f := projectForm("项目", []form.FundRow{fundRow("年度资金总额", 6, "200", "200", "190", "10", "", "9.5")},
		ind{"产出指标", "数量指标", "新增企业", "≥50个", "40个", "", "50", "", "招商延期"},
		ind{"效益指标", "经济效益指标", "项目成本", "≤90万元", "95万元", "", "30", "", "超支"},
		ind{"满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", "", "10", "", ""})
	f.DeclaredTotal, f.TotalCell = opt("87.92"), "G30"
	ev := Evaluate(&form.Workbook{Projects: []*form.Form{f}}, Defaults(), nil)
	// 9.5 + 50×40/50 + 30×90/95 + 10 = 59.5 + 28.4210526… = 87.9210526…
	exact := num.Add(num.Some(dec("59.5")), num.Div(num.Int(2700), num.Int(95)))
	if !ev.TotalScore.D.Equal(exact.D) || num.Score(ev.TotalScore) != "87.92" || ev.Grade != "良" {
		t.Errorf("total %s %s, want %s 良", ev.TotalScore.D, ev.Grade, exact.D)
	}
	s := ev.Summary
	if s.Indicators != 3 || s.Achieved != 1 || s.NotAchieved != 2 {
		t.Errorf("summary counts %+v", s)
	}
	checkOpt(t, "fund score", s.FundScore, "9.5")
	checkOpt(t, "indicator sum", s.IndicatorSum, "~78.42")
	if len(s.ByLevel1) != 3 || s.ByLevel1[0].Level1 != "产出指标" || !eqOpt(s.ByLevel1[0].Score, "40") ||
		!eqOpt(s.ByLevel1[1].Score, "~28.42") || !eqOpt(s.ByLevel1[1].MaxScore, "30") || !eqOpt(s.ByLevel1[2].Score, "10") {
		t.Errorf("by level1 %+v", s.ByLevel1)
	}
	checkFindings(t, ev.Warnings, nil, []string{"总分与计算结果不一致", "不是100分", "权重", "偏差原因"})

	f.DeclaredTotal = opt("88")
	ev = Evaluate(&form.Workbook{Projects: []*form.Form{f}}, Defaults(), nil)
	checkFindings(t, ev.Warnings, []want{warn("G30", "总分与计算结果不一致：表中为88.00，按规则应为87.92")}, nil)
}

func TestWeights(t *testing.T) {
	q := func(l1, max string) ind { return ind{l1, "x", l1, "达成", "达成", "", max, "", ""} }
	fund := []form.FundRow{fundRow("年度资金总额", 6, "", "1", "1", "10", "", "")}
	t.Run("form weight against rows", func(t *testing.T) {
		f := projectForm("p", fund, q("产出指标", "30"), q("产出指标", "20"), q("效益指标", "30"), q("满意度指标", "10"))
		f.Weights = map[string]num.Opt{"产出指标": opt("40")}
		ev := Evaluate(&form.Workbook{Projects: []*form.Form{f}}, Defaults(), nil)
		checkFindings(t, ev.Warnings, []want{fail("", "产出指标在表中标注为40分，而其下各项指标的分值合计为50分（第20–21行）：请核对这些指标的分值")},
			[]string{"不是100分", "设定"})
	})
	t.Run("configured weight against rows, total not 100", func(t *testing.T) {
		f := projectForm("p", fund, q("产出指标", "50"), q("效益指标", "25"), q("满意度指标", "10"))
		ev := Evaluate(&form.Workbook{Projects: []*form.Form{f}}, Defaults(), nil)
		checkFindings(t, ev.Warnings, []want{warn("", "效益指标各项分值合计为25分，与设定的权重30分不一致"),
			fail("", "各项分值合计为95分，不是100分（预算执行10分＋产出指标50分＋效益指标25分＋满意度指标10分）：请核对各项分值")},
			[]string{"产出指标各项", "满意度指标各项"})
	})
	t.Run("分值 typed 50 instead of 5: refused, never a total above 100", func(t *testing.T) {
		// 10 + 45 + 50 + 30 + 10 = 145.
		f := projectForm("p", fund, q("产出指标", "45"), q("产出指标", "50"), q("效益指标", "30"), q("满意度指标", "10"))
		ev := Evaluate(&form.Workbook{Projects: []*form.Form{f}}, Defaults(), nil)
		checkFindings(t, ev.Warnings, []want{fail("", "各项分值合计为145分，不是100分")}, nil)
	})
	t.Run("declared total 5.01 away: refused with both totals and the rows", func(t *testing.T) {
		// The quantitative row is met (30), the form says 24.99.
		f := projectForm("p", fund, q("产出指标", "50"), ind{"效益指标", "x", "受益户数", "≥10户", "10户", "", "30", "24.99", ""}, q("满意度指标", "10"))
		f.DeclaredTotal, f.TotalCell = opt("94.99"), "G30"
		ev := Evaluate(&form.Workbook{Projects: []*form.Form{f}}, Defaults(), nil)
		checkFindings(t, ev.Warnings, []want{fail("G30", "表中填报的总分为94.99分，按规则计算为100.00分，相差5.01分，超过了5分：请核对相差最多的第21行“受益户数”（表中24.99，按规则30.00）")}, nil)
		f.DeclaredTotal = opt("95")
		ev = Evaluate(&form.Workbook{Projects: []*form.Form{f}}, Defaults(), nil)
		checkFindings(t, ev.Warnings, []want{warn("G30", "总分与计算结果不一致：表中为95.00，按规则应为100.00")}, []string{"超过了5分"})
	})
	t.Run("form weights win over the configured ones", func(t *testing.T) {
		f := projectForm("p", fund, q("产出指标", "40"), q("成本指标", "10"), q("效益指标", "30"), q("满意度指标", "10"))
		f.Weights = map[string]num.Opt{"产出指标": opt("40"), "成本指标": opt("10"), "效益指标": opt("30"), "满意度指标": opt("10")}
		ev := Evaluate(&form.Workbook{Projects: []*form.Form{f}}, Defaults(), nil)
		checkFindings(t, ev.Warnings, nil, []string{"权重", "不是100分"})
		checkOpt(t, "total", ev.TotalScore, "100")
	})
}

func TestYearOnYear(t *testing.T) {
	cases := []struct {
		name          string
		in            ind
		hist          map[string]string
		base          []form.BaseRow
		previous, yoy string
		wants         []want
	}{
		{name: "form column", in: ind{"产出指标", "数量指标", "规上企业", "≥120家", "133家", "110家", "5", "", ""},
			previous: "110", yoy: "%20.91"}, // 23/110 = 0.20909…
		{name: "规模工业总产值", in: ind{"效益指标", "经济效益指标", "规模工业总产值", "≥800亿元", "838.6亿元", "748.75亿元", "5", "", ""},
			previous: "748.75", yoy: "0.12"},
		{name: "工业增加值", in: ind{"效益指标", "经济效益指标", "工业增加值", "≥190亿元", "197.26亿元", "177.71亿元", "5", "", ""},
			previous: "177.71", yoy: "%11.00"},
		{name: "base zero", in: ind{"产出指标", "数量指标", "x", "≥1个", "3个", "0个", "5", "", ""},
			previous: "0", yoy: "null"},
		{name: "base negative", in: ind{"效益指标", "经济效益指标", "利润", "≥1万元", "3万元", "-5万元", "5", "", ""},
			previous: "-5", yoy: "null"},
		{name: "base 新增", in: ind{"产出指标", "数量指标", "x", "≥1个", "3个", "新增", "5", "", ""},
			previous: "null", yoy: "null"},
		{name: "base in 亿元 for 万元", in: ind{"效益指标", "经济效益指标", "带动投资", "≥8000万元", "9000万元", "0.8亿元", "5", "", ""},
			previous: "8000", yoy: "0.125"},
		{name: "base in another unit", in: ind{"效益指标", "经济效益指标", "带动投资", "≥8000万元", "9000万元", "50个", "5", "", ""},
			previous: "null", yoy: "null", wants: []want{warn("I20", "上年完成值单位（个）与本年不一致")}},
		{name: "基础数据表", in: ind{"效益指标", "经济效益指标", "规模工业总产值", "≥800万元", "838.6万元", "", "5", "", ""},
			base: []form.BaseRow{{Item: "规模工业总产值", PreviousFinal: val("748.75", "B5")}}, previous: "748.75", yoy: "0.12"},
		{name: "history", in: ind{"效益指标", "经济效益指标", "R&D经费投入", "≥12亿元", "12.5亿元", "", "5", "", ""},
			hist: map[string]string{"R&D经费投入": "10亿元"}, previous: "10", yoy: "0.25"},
		{name: "history in 万元", in: ind{"效益指标", "经济效益指标", "R&D经费投入", "≥12亿元", "12.5亿元", "", "5", "", ""},
			hist: map[string]string{"R&D经费投入": "100000万元"}, previous: "10", yoy: "0.25"},
		{name: "form column wins over history", in: ind{"效益指标", "经济效益指标", "R&D经费投入", "≥12亿元", "12.5亿元", "10亿元", "5", "", ""},
			hist: map[string]string{"R&D经费投入": "5亿元"}, previous: "10", yoy: "0.25"},
		{name: "history zero", in: ind{"产出指标", "数量指标", "x", "≥1个", "3个", "", "5", "", ""},
			hist: map[string]string{"x": "0个"}, previous: "0", yoy: "null"},
		{name: "nothing", in: ind{"产出指标", "数量指标", "x", "≥1个", "3个", "", "5", "", ""},
			previous: "null", yoy: "null"},
		{name: "qualitative row", in: ind{"效益指标", "社会效益指标", "x", "效果明显", "效果明显", "", "5", "", ""},
			hist: map[string]string{"x": "3个"}, yoy: "null"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := deptForm([]form.FundRow{fundRow("年度资金总额", 6, "", "100", "100", "10", "", "")}, c.in)
			wb := &form.Workbook{Department: f}
			if c.base != nil {
				wb.Base = &form.Base{Sheet: "基础数据表", Rows: c.base}
			}
			var h *History
			if c.hist != nil {
				h = &History{Year: 2018, Indicators: map[string]num.Measure{}}
				for k, v := range c.hist {
					h.Indicators[k] = num.ParseMeasure(v)
				}
			}
			ev := Evaluate(wb, Defaults(), h)
			r := ev.Indicators[0]
			checkOpt(t, "previous", r.Previous, c.previous)
			checkOpt(t, "yoy", r.YoY, c.yoy)
			checkFindings(t, ev.Warnings, c.wants, nil)
		})
	}
}

func TestDepartmentBaseAndStaffing(t *testing.T) {
	f := deptForm([]form.FundRow{
		fundRow("年度资金总额", 6, "", "848.75", "838.6", "10", "", ""),
		fundRow("基本支出", 7, "", "300.5", "290.25", "", "", ""),
		fundRow("项目支出", 8, "", "548.25", "548.35", "", "", ""),
	})
	wb := &form.Workbook{Department: f, Base: &form.Base{Sheet: "基础数据表",
		Rows: []form.BaseRow{
			{Item: "支出合计", PreviousFinal: val("748.75", "B4"), Budget: val("848.75", "C4"), Final: val("838.6", "D4")},
			{Item: "基本支出", PreviousFinal: val("280", "B5")},
			{Item: "三公经费", PreviousFinal: val("10", "B6"), Budget: val("8", "C6"), Final: val("7.5", "D6")},
			{Item: "公务接待费", PreviousFinal: val("0", "B7"), Budget: val("0", "C7"), Final: val("1", "D7")},
		},
		Authorized: val("50", "B10"), Staff: val("45", "C10")}}
	ev := Evaluate(wb, Defaults(), &History{FundExecuted: opt("1")}) // the 基础数据表 wins over history
	if ev.Department != "邵东市科技和工业信息化局" || ev.Year != 2019 || ev.FromProject {
		t.Errorf("department %q year %d fromProject %v", ev.Department, ev.Year, ev.FromProject)
	}
	checkOpt(t, "funds[0].previous", ev.Funds[0].Previous, "748.75")
	checkOpt(t, "funds[0].yoy", ev.Funds[0].YoY, "0.12")
	checkOpt(t, "基本支出 yoy", ev.Funds[1].YoY, "%3.66") // 10.25/280 = 0.036607…
	checkOpt(t, "项目支出 yoy", ev.Funds[2].YoY, "null")
	checkOpt(t, "三公经费 yoy", ev.Base[2].YoY, "-0.25")
	checkOpt(t, "三公经费 rate", ev.Base[2].Rate, "0.9375")
	checkOpt(t, "公务接待费 yoy", ev.Base[3].YoY, "null")
	checkOpt(t, "公务接待费 rate", ev.Base[3].Rate, "null")
	if ev.Staffing == nil || !eqOpt(ev.Staffing.ControlRate, "0.9") {
		t.Errorf("staffing %+v", ev.Staffing)
	}

	// Without a 基础数据表, history gives last year's total.
	ev = Evaluate(&form.Workbook{Department: f}, Defaults(), &History{FundExecuted: opt("748.75")})
	checkOpt(t, "history yoy", ev.Funds[0].YoY, "0.12")
	ev = Evaluate(&form.Workbook{Department: f}, Defaults(), &History{FundExecuted: opt("0")})
	checkOpt(t, "history zero yoy", ev.Funds[0].YoY, "null")
	ev = Evaluate(&form.Workbook{Department: f}, Defaults(), nil)
	checkOpt(t, "no history previous", ev.Funds[0].Previous, "null")
	checkOpt(t, "no history yoy", ev.Funds[0].YoY, "null")
}

func TestSingleProject(t *testing.T) {
	p := fullForm("农村电商项目", "200", "190", "45", "30", "10")
	h := &History{Projects: map[string]num.Opt{"农村电商项目": opt("160")}, FundExecuted: opt("152")}
	ev := Evaluate(&form.Workbook{Projects: []*form.Form{p}}, Defaults(), h)
	if ev.Department != "邵东市科技和工业信息化局" || !ev.FromProject || ev.Year != 2019 {
		t.Errorf("department %q fromProject %v year %d", ev.Department, ev.FromProject, ev.Year)
	}
	if len(ev.Projects) != 1 || ev.Projects[0].Name != "农村电商项目" {
		t.Fatalf("projects %+v", ev.Projects)
	}
	// 9.5 + 45 + 30 + 10 = 94.5
	checkOpt(t, "total", ev.TotalScore, "94.5")
	checkOpt(t, "project total", ev.Projects[0].TotalScore, "94.5")
	if ev.Grade != "优" || ev.Projects[0].Grade != "优" || len(ev.Funds) != 1 || len(ev.Indicators) != 3 {
		t.Errorf("grade %s, %d funds, %d indicators", ev.Grade, len(ev.Funds), len(ev.Indicators))
	}
	checkOpt(t, "rate", ev.Funds[0].Rate, "0.95")
	// The project's own line against its history, the top level against last year's total.
	checkOpt(t, "project previous", ev.Projects[0].Funds[0].Previous, "160")
	checkOpt(t, "project yoy", ev.Projects[0].Funds[0].YoY, "0.1875")
	checkOpt(t, "top previous", ev.Funds[0].Previous, "152")
	checkOpt(t, "top yoy", ev.Funds[0].YoY, "0.25")
	if hasText(ev.Warnings, "加权平均") {
		t.Errorf("a single project was rolled up:%s", dump(ev.Warnings))
	}
	// No 主管部门: the 实施单位 names the report.
	p.Department = ""
	if ev := Evaluate(&form.Workbook{Projects: []*form.Form{p}}, Defaults(), nil); ev.Department != "邵东市科技和工业信息化局" {
		t.Errorf("department %q", ev.Department)
	}
}

func TestSeveralProjects(t *testing.T) {
	a := fullForm("项目A", "100", "100", "50", "20", "10") // 10+50+20+10 = 90
	b := fullForm("项目B", "300", "270", "40", "10", "10") // 9+40+10+10 = 69
	b.Year = 0
	ev := Evaluate(&form.Workbook{Projects: []*form.Form{a, b}}, Defaults(), nil)
	checkOpt(t, "A", ev.Projects[0].TotalScore, "90")
	checkOpt(t, "B", ev.Projects[1].TotalScore, "69")
	if ev.Projects[0].Grade != "优" || ev.Projects[1].Grade != "中" {
		t.Errorf("grades %s %s", ev.Projects[0].Grade, ev.Projects[1].Grade)
	}
	// (90×100 + 69×300) / 400 = 29700/400 = 74.25
	checkOpt(t, "roll-up total", ev.TotalScore, "74.25")
	if ev.Grade != "中" || !ev.FromProject || ev.Department != "邵东市科技和工业信息化局" || ev.Year != 2019 {
		t.Errorf("grade %s fromProject %v department %q year %d", ev.Grade, ev.FromProject, ev.Department, ev.Year)
	}
	if len(ev.Funds) != 1 {
		t.Fatalf("funds %+v", ev.Funds)
	}
	f := ev.Funds[0]
	checkOpt(t, "budget", f.Budget, "400")
	checkOpt(t, "executed", f.Executed, "370")
	checkOpt(t, "rate", f.Rate, "0.925")
	checkOpt(t, "score", f.Score, "9.25")
	if len(ev.Indicators) != 6 || ev.Summary.Indicators != 6 {
		t.Errorf("%d indicators, summary %d", len(ev.Indicators), ev.Summary.Indicators)
	}
	checkFindings(t, ev.Warnings, []want{warn("", "没有部门整体支出绩效自评表，总分按2个项目的得分以全年预算数加权平均计算")}, nil)
}

func TestSeedFigures(t *testing.T) {
	cases := []struct{ cur, prev, yoy, shown string }{
		{"838.6", "748.75", "0.12", "12.00%"},
		{"197.26", "177.71", "", "11.00%"},
		{"12.5", "10", "0.25", "25.00%"},
	}
	for _, c := range cases {
		g := num.Growth(opt(c.cur), opt(c.prev))
		if c.yoy != "" && !eqOpt(g, c.yoy) {
			t.Errorf("%s/%s: yoy %s, want %s", c.cur, c.prev, g.D, c.yoy)
		}
		if num.Percent(g) != c.shown {
			t.Errorf("%s/%s: shown %s, want %s", c.cur, c.prev, num.Percent(g), c.shown)
		}
	}
}

// The contract's lists are JSON arrays, never null, whatever the workbook.
func TestNoNilSlices(t *testing.T) {
	wbs := map[string]*form.Workbook{
		"empty":              {},
		"empty department":   {Department: &form.Form{Kind: form.DepartmentForm}},
		"empty project":      {Projects: []*form.Form{{Kind: form.ProjectForm}}},
		"two empty projects": {Projects: []*form.Form{{Kind: form.ProjectForm}, {Kind: form.ProjectForm}}},
		"nil":                nil,
	}
	for name, wb := range wbs {
		t.Run(name, func(t *testing.T) {
			ev := Evaluate(wb, Defaults(), nil)
			if ev.Funds == nil || ev.Indicators == nil || ev.Projects == nil || ev.Warnings == nil {
				t.Fatalf("nil slice: funds %v indicators %v projects %v warnings %v",
					ev.Funds == nil, ev.Indicators == nil, ev.Projects == nil, ev.Warnings == nil)
			}
			for _, p := range ev.Projects {
				if p.Funds == nil || p.Indicators == nil {
					t.Errorf("project %q has a nil slice", p.Name)
				}
			}
			b, err := json.Marshal(ev)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"funds", "indicators", "projects", "warnings"} {
				if bytes.Contains(b, []byte(`"`+k+`":null`)) {
					t.Errorf("%s is null in %s", k, b)
				}
			}
			if !bytes.Contains(b, []byte(`"total_score":`)) {
				t.Errorf("no total_score in %s", b)
			}
		})
	}
}

var (
	fuzzTexts = []string{"", "—", "无", "≥50个", "50个", "≤90万元", "95万元", "不低于95%", "950%", "100%", "0", "0个", "-5",
		"≥0", "<5%", ">80%", "效果明显", "基本完成", "未完成", "达成", "12月底前", "90%-100%", "1亿元", "9000万元", "abc",
		"≤0起", "2起", "≥-3", "-1万元", "（12）", "1e3", "≥1,200家", "＞８０％"}
	fuzzNums = []string{"", "0", "1", "-1", "10", "100", "99.995", "0.001", "1000000000000", "-0.5", "3.333333"}
)

func randomWorkbook(r *rand.Rand) *form.Workbook {
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	mkForm := func(kind form.Kind) *form.Form {
		f := &form.Form{Kind: kind, Sheet: "s", Name: pick([]string{"", "项目A", "项目B"}), Department: pick([]string{"", "局"}), Year: r.IntN(3) + 2018}
		n := r.IntN(4)
		for i := 0; i < n; i++ {
			label := pick([]string{"年度资金总额", "当年财政拨款", "上年结转资金", "基本支出"})
			f.Funds = append(f.Funds, fundRow(label, 6+i, pick(fuzzNums), pick(fuzzNums), pick(fuzzNums), pick(fuzzNums), pick(fuzzNums), pick(fuzzNums)))
		}
		m := r.IntN(6)
		for i := 0; i < m; i++ {
			in := ind{pick([]string{"产出指标", "效益指标", "满意度指标", "成本指标", ""}), "x", pick([]string{"a", "b", "R&D", "三公经费"}),
				pick(fuzzTexts), pick(fuzzTexts), pick(fuzzTexts), pick(fuzzNums), pick(fuzzNums), pick([]string{"", "原因"})}
			f.Indicators = append(f.Indicators, in.form(20+i))
		}
		if r.IntN(2) == 0 {
			f.Weights = map[string]num.Opt{"产出指标": opt(pick(fuzzNums)), "效益指标": opt(pick(fuzzNums))}
		}
		f.DeclaredTotal = opt(pick(fuzzNums))
		return f
	}
	wb := &form.Workbook{Source: "x.xlsx"}
	if r.IntN(2) == 0 {
		wb.Department = mkForm(form.DepartmentForm)
	}
	for i := r.IntN(4); i > 0; i-- {
		wb.Projects = append(wb.Projects, mkForm(form.ProjectForm))
	}
	if r.IntN(2) == 0 {
		wb.Base = &form.Base{Rows: []form.BaseRow{{Item: "支出合计", PreviousFinal: val(pick(fuzzNums), "B2"), Budget: val(pick(fuzzNums), "C2"), Final: val(pick(fuzzNums), "D2")},
			{Item: "a", PreviousFinal: val(pick(fuzzNums), "B3")}}, Authorized: val(pick(fuzzNums), "B9"), Staff: val(pick(fuzzNums), "C9")}
	}
	return wb
}

// Evaluate never panics, keeps every score within [0, 分值], and gives the
// same result twice.
func TestEvaluateRobustAndDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	hist := &History{Indicators: map[string]num.Measure{"a": num.ParseMeasure("0"), "b": num.ParseMeasure("10个"), "R&D": num.ParseMeasure("-3")},
		FundExecuted: opt("5"), Projects: map[string]num.Opt{"项目A": opt("0")}}
	for i := 0; i < 1500; i++ {
		wb := randomWorkbook(r)
		var h *History
		if i%2 == 0 {
			h = hist
		}
		var first []byte
		for round := 0; round < 2; round++ {
			var ev *Evaluation
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("workbook %d panicked: %v\n%s", i, p, describe(wb))
					}
				}()
				ev = Evaluate(wb, Defaults(), h)
			}()
			if ev.Funds == nil || ev.Indicators == nil || ev.Projects == nil || ev.Warnings == nil {
				t.Fatalf("workbook %d: nil slice", i)
			}
			all := append([]Indicator{}, ev.Indicators...)
			for _, p := range ev.Projects {
				all = append(all, p.Indicators...)
				if p.Funds == nil || p.Indicators == nil {
					t.Fatalf("workbook %d: nil slice in a project", i)
				}
			}
			for _, in := range all {
				if in.Score.Valid && in.MaxScore.Valid && !in.MaxScore.D.IsNegative() &&
					(in.Score.D.IsNegative() || in.Score.D.GreaterThan(in.MaxScore.D)) {
					t.Errorf("workbook %d: %s %q/%q score %s outside [0, %s]", i, in.Name, in.TargetText, in.ActualText, in.Score.D, in.MaxScore.D)
				}
			}
			if len(ev.Funds) > 0 {
				f := ev.Funds[0]
				if f.Score.Valid && f.MaxScore.Valid && !f.MaxScore.D.IsNegative() && (f.Score.D.IsNegative() || f.Score.D.GreaterThan(f.MaxScore.D)) {
					t.Errorf("workbook %d: fund score %s outside [0, %s]", i, f.Score.D, f.MaxScore.D)
				}
			}
			b, err := json.Marshal(ev)
			if err != nil {
				t.Fatalf("workbook %d: %v", i, err)
			}
			if round == 0 {
				first = b
			} else if !bytes.Equal(first, b) {
				t.Fatalf("workbook %d: two evaluations differ:\n%s\n%s", i, first, b)
			}
		}
	}
	// And a zero Config does not panic either.
	_ = Evaluate(randomWorkbook(r), Config{}, nil)
	_ = Evaluate(&form.Workbook{Projects: []*form.Form{nil, fullForm("p", "1", "1", "1", "1", "1")}}, Defaults(), nil)
}

func describe(wb *form.Workbook) string {
	var b strings.Builder
	forms := append([]*form.Form{wb.Department}, wb.Projects...)
	for _, f := range forms {
		if f == nil {
			continue
		}
		fmt.Fprintf(&b, "form %q:\n", f.Name)
		for _, r := range f.Funds {
			fmt.Fprintf(&b, "  fund %s %v %v %v %v\n", r.Label, r.Initial.Opt, r.Budget.Opt, r.Executed.Opt, r.MaxScore.Opt)
		}
		for _, in := range f.Indicators {
			fmt.Fprintf(&b, "  ind %s %q %q %q %v %v\n", in.Name, in.Target.Text, in.Actual.Text, in.Previous.Text, in.MaxScore.Opt, in.DeclaredScore.Opt)
		}
	}
	return b.String()
}

// TestLargestGapsOnlyRowsThatDiffer: a row whose declared and recomputed
// 得分 show alike (2.93 against 2.9333…) is not named as a row to check;
// the fund's 得分 is, when it differs.
func TestLargestGapsOnlyRowsThatDiffer(t *testing.T) {
	d := func(s string) num.Opt { return num.Some(num.MustParse(s)) }
	funds := []Fund{{DeclaredScore: d("9.8"), Score: d("3.4389")}}
	inds := []Indicator{
		{Row: 32, Name: "社会公众满意度", DeclaredScore: d("2.93"), Score: d("2.933333")},
		{Row: 15, Name: "新增规模工业企业", DeclaredScore: d("4"), Score: d("3.52")},
	}
	got := largestGaps(funds, inds, 3)
	want := "相差最多的预算执行得分（表中9.80，按规则3.44），第15行“新增规模工业企业”（表中4.00，按规则3.52）"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := largestGaps(nil, inds[:1], 3); !strings.Contains(got, "各行得分与按规则计算的一致") {
		t.Errorf("only a rounding difference: %s", got)
	}
}
