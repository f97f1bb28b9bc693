package main

import (
	"fmt"

	"github.com/jixiao/jixiao/samples/sheetgen"
	"github.com/xuri/excelize/v2"
)

// fixture is one workbook of testdata/.
type fixture struct {
	name  string
	build func() (*excelize.File, error)
}

var workbooks = []fixture{
	{"single-project.xlsx", singleProject},
	{"headers-variants.xlsx", headersVariants},
	{"values-as-typed.xlsx", valuesAsTyped},
	{"formulas.xlsx", formulas},
	{"zero-total.xlsx", zeroTotal},
	{"odd-sheets.xlsx", oddSheets},
	{"yuan-units.xlsx", yuanUnits},
	{"weights-merged.xlsx", weightsMerged},
	{"mismatch.xlsx", mismatch},
}

const dash = "—"

// book makes a workbook whose first sheet is called first, with fixed
// document properties so the output bytes are stable.
func book(first string) (*excelize.File, *sheetgen.Styles, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return nil, nil, err
	}
	s, err := sheetgen.NewStyles(f)
	if err != nil {
		return nil, nil, err
	}
	err = f.SetDocProps(&excelize.DocProperties{Creator: "jixiao testdata", Created: "2021-03-01T08:00:00Z", Modified: "2021-03-01T08:00:00Z"})
	return f, s, err
}

// baseProject is the small project form most fixtures start from. Its
// layout (8 columns, year row, no unit row) puts the fund header on row 5,
// 年度资金总额 on row 6, breakdown rows 7–9, 年度总体目标 rows 10–11, the
// indicator header on row 12, indicators on rows 13–18 and 总分 on row 19.
//
// Expected: budget 120.00 万元, executed 114.00, rate 0.95, fund score 9.5;
// indicator scores 20+5+15+10+30+10 = 90; total 99.5.
func baseProject() *sheetgen.Form {
	return &sheetgen.Form{
		Title: "项目支出绩效自评表", Year: "（2020年度）",
		NameLabel: "项目名称", Name: "乡村公路养护项目",
		Supervisor: "某县交通运输局", Implementer: "某县公路建设养护中心",
		FundLabel: "项目资金（万元）",
		Funds: []sheetgen.FundRow{
			{Label: "年度资金总额", Initial: 100.00, Budget: 120.00, Executed: 114.00, Max: 10, Rate: sheetgen.Pct(0.95), Scored: sheetgen.Score(9.5)},
			{Label: "其中：当年财政拨款", Initial: 100.00, Budget: 110.00, Executed: 104.00, Max: dash, Rate: sheetgen.Pct(0.9455), Scored: dash},
			{Label: "上年结转资金", Initial: 0.0, Budget: 10.00, Executed: 10.00, Max: dash, Rate: sheetgen.Pct(1), Scored: dash},
			{Label: "其他资金", Max: dash, Scored: dash},
		},
		Goal:      "完成农村公路日常养护，改善群众出行条件。",
		Done:      "养护农村公路52公里，工程验收合格率96%。",
		IndHeader: sheetgen.IndHeader8,
		Indicators: []sheetgen.Indicator{
			{L1: "产出指标", L2: "数量指标", Name: "维护道路里程", Target: "≥50公里", Actual: "52公里", Max: 20, Score: 20},
			{L1: "产出指标", L2: "数量指标", Name: "宣传培训次数", Target: "≥3次", Actual: "3次", Max: 5, Score: 5},
			{L1: "产出指标", L2: "质量指标", Name: "工程验收合格率", Target: "≥95%", Actual: "96%", Max: 15, Score: 15},
			{L1: "产出指标", L2: "成本指标", Name: "项目资金支出", Target: "≤120万元", Actual: "114万元", Max: 10, Score: 10},
			{L1: "效益指标", L2: "社会效益指标", Name: "群众出行条件", Target: "明显改善", Actual: "明显改善", Max: 30, Score: 30},
			{L1: "满意度指标", L2: "服务对象满意度指标", Name: "群众满意度", Target: "≥90%", Actual: "92%", Max: 10, Score: 10},
		},
		TotalMax: 100, TotalScore: sheetgen.Score(99.5),
	}
}

// baseDept is a small department form with a 上年完成值 column (9 columns):
// fund header row 5, 年度资金总额 row 6, 基本支出 7, 项目支出 8, goal 9–10,
// indicator header 11, indicators 12–18, 总分 19.
//
// Expected: budget 620.00, executed 601.40, rate 0.97, fund score 9.7;
// indicator scores 20+9+10+10+15+15+10 = 89; total 98.7.
func baseDept() *sheetgen.Form {
	return &sheetgen.Form{
		Title: "部门整体支出绩效自评表", Year: "（2020年度）",
		NameLabel: "部门（单位）名称", Name: "某县交通运输局",
		Supervisor: "某县人民政府", Implementer: "某县交通运输局",
		FundLabel: "资金情况（万元）",
		Funds: []sheetgen.FundRow{
			{Label: "年度资金总额", Initial: 500.00, Budget: 620.00, Executed: 601.40, Max: 10, Rate: sheetgen.Pct(0.97), Scored: sheetgen.Score(9.7)},
			{Label: "其中：基本支出", Initial: 300.00, Budget: 310.00, Executed: 305.00, Max: dash, Rate: sheetgen.Pct(0.9839), Scored: dash},
			{Label: "项目支出", Initial: 200.00, Budget: 310.00, Executed: 296.40, Max: dash, Rate: sheetgen.Pct(0.9561), Scored: dash},
		},
		Goal:      "完成农村公路养护和危桥改造任务，公路优良路率达到85%以上。",
		Done:      "养护农村公路1236公里，改造危桥9座，优良路率86.5%。",
		IndHeader: sheetgen.IndHeader9,
		Indicators: []sheetgen.Indicator{
			{L1: "产出指标(50分)", L2: "数量指标", Name: "农村公路养护里程", Target: "≥1200公里", Previous: "1150公里", Actual: "1236公里", Max: 20, Score: 20},
			{L1: "产出指标(50分)", L2: "数量指标", Name: "危桥改造", Target: "≥10座", Previous: "8座", Actual: "9座", Max: 10, Score: 9,
				Deviation: "1座危桥因汛期停工，结转下年完成。"},
			{L1: "产出指标(50分)", L2: "质量指标", Name: "公路优良路率", Target: "≥85%", Previous: "83%", Actual: "86.5%", Max: 10, Score: 10},
			{L1: "产出指标(50分)", L2: "时效指标", Name: "项目完工及时率", Target: "100%", Previous: "100%", Actual: "100%", Max: 10, Score: 10},
			{L1: "效益指标（30分）", L2: "社会效益指标", Name: "群众通行条件", Target: "效果明显", Previous: dash, Actual: "效果明显", Max: 15, Score: 15},
			{L1: "效益指标（30分）", L2: "可持续影响指标", Name: "养护长效机制", Target: "建立", Previous: dash, Actual: "已建立", Max: 15, Score: 15},
			{L1: "满意度指标(10分)", L2: "服务对象满意度指标", Name: "群众满意度", Target: "≥90%", Previous: "88%", Actual: "93%", Max: 10, Score: 10},
		},
		TotalMax: 100, TotalScore: sheetgen.Score(98.7),
	}
}

// write lays out form on sheet and checks the layout the manifest documents.
func write(f *excelize.File, s *sheetgen.Styles, sheet string, form *sheetgen.Form, fundHeaderRow, indHeaderRow int) error {
	lay, err := sheetgen.WriteForm(f, s, sheet, form)
	if err != nil {
		return err
	}
	if lay.FundHeaderRow != fundHeaderRow || lay.IndHeaderRow != indHeaderRow {
		return fmt.Errorf("%s: layout moved: fund header row %d (want %d), indicator header row %d (want %d)",
			sheet, lay.FundHeaderRow, fundHeaderRow, lay.IndHeaderRow, indHeaderRow)
	}
	return nil
}

func singleProject() (*excelize.File, error) {
	f, s, err := book("项目支出绩效自评表")
	if err != nil {
		return nil, err
	}
	return f, write(f, s, "项目支出绩效自评表", baseProject(), 5, 12)
}

func headersVariants() (*excelize.File, error) {
	f, s, err := book("项目A")
	if err != nil {
		return nil, err
	}
	a := baseProject()
	a.FundHeader = []string{"项目", "年初预算数（A）", "全年预算数(B)", "全年执行数\n（C）", "分值", "执行率（C/B）", "得分"}
	a.IndHeader = []string{"一级指标", "二级指标", "三级指标", "指标值", "全年实际值", "分值", "得分", "未完成原因分析"}
	if err := write(f, s, "项目A", a, 5, 12); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet("项目B"); err != nil {
		return nil, err
	}
	b := baseProject()
	b.Name = "乡村公路养护项目（二期）"
	b.FundHeader = []string{"项　目", "年 初 预 算 数", "全年预算数（Ｂ）", "全年\n执行数", "分 值", "执行率\n(C/B)", "得 分"}
	b.IndHeader = []string{"一级\n指标", "二级指标", "三级指标", "年度\n指标值", "实际\n完成值", "分值", "得分", "偏差原因分析\n及改进措施"}
	return f, write(f, s, "项目B", b, 5, 12)
}

func valuesAsTyped() (*excelize.File, error) {
	f, s, err := book("项目支出绩效自评表")
	if err != nil {
		return nil, err
	}
	p := baseProject()
	p.Funds = []sheetgen.FundRow{
		// 1,234.50 / 1300 / 1235 typed as text in three different ways.
		{Label: "年度资金总额", Initial: "1,234.50", Budget: "1300", Executed: "１２３５．００", Max: "10", Rate: "95%", Scored: "9.5"},
		{Label: "其中：当年财政拨款", Initial: 1234.50, Budget: 1200.00, Executed: 1140.00, Max: "—", Rate: sheetgen.Pct(0.95), Scored: "－"},
		{Label: "上年结转资金", Initial: "-", Budget: 100, Executed: "95.00", Max: "/", Rate: "95.00%", Scored: "*"},
		{Label: "其他资金", Initial: "无", Budget: nil, Executed: "—", Max: "-", Rate: nil, Scored: "无"},
	}
	p.Indicators = []sheetgen.Indicator{
		{L1: "产出指标", L2: "数量指标", Name: "维护道路里程", Target: "≥５０公里", Actual: "５２公里", Max: "20", Score: "20"},
		{L1: "产出指标", L2: "数量指标", Name: "宣传培训次数", Target: "≥3次", Actual: "—", Max: 5, Score: nil},
		{L1: "产出指标", L2: "质量指标", Name: "工程验收合格率", Target: "≥95%", Actual: sheetgen.Pct(0.96), Max: 15, Score: sheetgen.Score(15)},
		{L1: "产出指标", L2: "成本指标", Name: "项目资金支出", Target: "≤1,300万元", Actual: "1,235万元", Max: 10, Score: "10.00"},
		{L1: "效益指标", L2: "社会效益指标", Name: "群众出行条件", Target: "明显改善", Actual: "明显改善", Max: 30, Score: 30},
		{L1: "满意度指标", L2: "服务对象满意度指标", Name: "群众满意度", Target: "≥ 90 %", Actual: "92 %", Max: 10, Score: "１０"},
	}
	p.TotalScore = "94.5"
	return f, write(f, s, "项目支出绩效自评表", p, 5, 12)
}

func formulas() (*excelize.File, error) {
	f, s, err := book("项目支出绩效自评表")
	if err != nil {
		return nil, err
	}
	p := baseProject()
	F, PF := func(x string) sheetgen.Formula { return sheetgen.Formula(x) }, func(x string) sheetgen.PctFormula { return sheetgen.PctFormula(x) }
	p.Funds = []sheetgen.FundRow{
		{Label: "年度资金总额", Initial: F("SUM(C7:C9)"), Budget: F("SUM(D7:D9)"), Executed: F("SUM(E7:E9)"), Max: 10,
			Rate: PF("IF(D6=0,\"\",E6/D6)"), Scored: F("ROUND(F6*MIN(G6,1),2)")},
		{Label: "其中：当年财政拨款", Initial: 100.00, Budget: 110.00, Executed: 104.00, Max: dash, Rate: PF("E7/D7"), Scored: dash},
		{Label: "上年结转资金", Initial: 0.0, Budget: 10.00, Executed: 10.00, Max: dash, Rate: PF("E8/D8"), Scored: dash},
		{Label: "其他资金", Max: dash, Scored: dash},
	}
	p.TotalMax = F("F6+SUM(F13:F18)")
	p.TotalScore = F("H6+SUM(G13:G18)")
	return f, write(f, s, "项目支出绩效自评表", p, 5, 12)
}

func zeroTotal() (*excelize.File, error) {
	f, s, err := book("总额为0")
	if err != nil {
		return nil, err
	}
	zero := baseProject()
	zero.Funds[0] = sheetgen.FundRow{Label: "年度资金总额", Initial: 0.0, Budget: 0.0, Executed: 0.0, Max: 10, Rate: nil, Scored: nil}
	zero.TotalScore = nil
	if err := write(f, s, "总额为0", zero, 5, 12); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet("总额空白"); err != nil {
		return nil, err
	}
	blank := baseProject()
	blank.Name = "乡村公路养护项目（二期）"
	blank.Funds[0] = sheetgen.FundRow{Label: "年度资金总额", Max: 10}
	blank.TotalScore = nil
	return f, write(f, s, "总额空白", blank, 5, 12)
}

func oddSheets() (*excelize.File, error) {
	f, s, err := book("Sheet3")
	if err != nil {
		return nil, err
	}
	if err := write(f, s, "Sheet3", baseProject(), 5, 12); err != nil {
		return nil, err
	}
	for _, name := range []string{"Sheet2", "填表说明", "表1"} {
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	notes := []string{
		"填表说明",
		"1. 本表金额单位为万元。",
		"2. 年度指标值按“≥50公里”的样式填写，得分低于分值的须说明偏差原因。",
		"3. 项目支出绩效自评表每个项目一张。",
	}
	for i, line := range notes {
		if err := f.SetCellStr("填表说明", sheetgen.Cell(1, i+1), line); err != nil {
			return nil, err
		}
	}
	if err := write(f, s, "表1", baseDept(), 5, 11); err != nil {
		return nil, err
	}
	f.SetActiveSheet(3)
	return f, nil
}

func yuanUnits() (*excelize.File, error) {
	f, s, err := book("项目支出绩效自评表")
	if err != nil {
		return nil, err
	}
	p := baseProject()
	p.UnitNote = "金额单位：元"
	p.FundLabel = "项目资金"
	p.Funds[0].Initial, p.Funds[0].Budget, p.Funds[0].Executed = 1000000.0, 1200000.0, 1140000.0
	p.Funds[1].Initial, p.Funds[1].Budget, p.Funds[1].Executed = 1000000.0, 1100000.0, 1040000.0
	p.Funds[2].Initial, p.Funds[2].Budget, p.Funds[2].Executed = 0.0, 100000.0, 100000.0
	p.Indicators[3].Target, p.Indicators[3].Actual = "≤1200000元", "1140000元"
	if err := write(f, s, "项目支出绩效自评表", p, 6, 13); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet("部门整体支出绩效自评表"); err != nil {
		return nil, err
	}
	d := baseDept()
	d.FundLabel = "资金情况（元）"
	d.Funds[0].Initial, d.Funds[0].Budget, d.Funds[0].Executed = 5000000.0, 6200000.0, 6014000.0
	d.Funds[1].Initial, d.Funds[1].Budget, d.Funds[1].Executed = 3000000.0, 3100000.0, 3050000.0
	d.Funds[2].Initial, d.Funds[2].Budget, d.Funds[2].Executed = 2000000.0, 3100000.0, 2964000.0
	return f, write(f, s, "部门整体支出绩效自评表", d, 5, 11)
}

func weightsMerged() (*excelize.File, error) {
	f, s, err := book("部门整体支出绩效自评表")
	if err != nil {
		return nil, err
	}
	d := baseDept()
	for i := range d.Indicators {
		if d.Indicators[i].L1 == "满意度指标(10分)" {
			d.Indicators[i].L1 = "满意度指标"
		}
	}
	if err := write(f, s, "部门整体支出绩效自评表", d, 5, 11); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet("项目支出绩效自评表"); err != nil {
		return nil, err
	}
	// A newer (2021) form: 成本指标 is its own 一级 between 产出 and 效益.
	p := baseProject()
	ind := p.Indicators
	ind[0].L1, ind[1].L1, ind[2].L1 = "产出指标（40分）", "产出指标（40分）", "产出指标（40分）"
	p.Indicators = []sheetgen.Indicator{ind[0], ind[1], ind[2],
		{L1: "成本指标", L2: "经济成本指标", Name: "项目总成本", Target: "≤120万元", Actual: "114万元", Max: 5, Score: 5},
		{L1: "成本指标", L2: "经济成本指标", Name: "单公里养护成本", Target: "≤2.4万元", Actual: "2.19万元", Max: 5, Score: 5},
		{L1: "效益指标(30分)", L2: "社会效益指标", Name: "群众出行条件", Target: "明显改善", Actual: "明显改善", Max: 30, Score: 30},
		{L1: "满意度指标(10分)", L2: "服务对象满意度指标", Name: "群众满意度", Target: "≥90%", Actual: "92%", Max: 10, Score: 10},
	}
	return f, write(f, s, "项目支出绩效自评表", p, 5, 12)
}

func mismatch() (*excelize.File, error) {
	f, s, err := book("项目支出绩效自评表")
	if err != nil {
		return nil, err
	}
	p := baseProject()
	// Breakdown 110 + 5 = 115 ≠ 120 on 全年预算数; executed 104 + 10 = 114 agrees.
	p.Funds[2].Budget = 5.00
	p.Funds[2].Rate = sheetgen.Pct(2)
	// Declared fund score 10 although the rate is 95% (rule: 9.5).
	p.Funds[0].Scored = 10
	ind := p.Indicators
	// Forward indicator short of target, declared full and no 偏差原因.
	ind[0].Actual, ind[0].Score = "40公里", 20 // rule: 20×40/50 = 16
	// Declared lower than the rule gives (met target, declared 12 of 15).
	ind[2].Score = 12 // rule: 15
	// Typo: 950% where 95% was meant (target ≥90%): completion 10.56, a plausibility warning.
	ind[5].Actual = "950%"
	// Reverse indicator over its ceiling, declared full (rule: 10×120/130 = 9.23).
	ind[3].Actual, ind[3].Score = "130万元", 10
	// A shortfall declared honestly but with no 偏差原因.
	ind[1].Actual, ind[1].Score = "2次", sheetgen.Score(3.33) // rule: 5×2/3 = 3.33
	p.TotalScore = 100                                       // declared; sum of declared = 10+20+3.33+12+10+30+10 = 95.33
	return f, write(f, s, "项目支出绩效自评表", p, 5, 12)
}
