package main

// One-mistake fixtures of testdata/layouts: small national forms (the
// county layout of layouts.go without placeholder rows, or the town one)
// each carrying a single clerk's mistake.

import (
	"fmt"

	"github.com/jixiao/jixiao/samples/sheetgen"
	"github.com/xuri/excelize/v2"
)

// miniCounty is the small county form the mistakes start from: 天长市农业农村局
// 2020, 高标准农田建设项目. Rows: fund header 5, 年度资金总额 6, breakdown
// 7–9, goal 10–11, indicator header 12, indicators 13–19, 总分 20.
//
// Clean: 4940/5200 = 0.95 → 9.5; indicators 20+10+10+10+15+15+10 = 90;
// total 99.5.
func miniCounty() *natForm {
	const (
		out = "产出指标\n（50分）"
		eff = "效益指标\n（30分）"
		sat = "满意度指标\n（10分）"
	)
	return &natForm{
		sheet: "项目支出绩效自评表",
		title: "项目支出绩效自评表", year: "（2020年度）",
		nameLabel: "项目名称", name: "2020年高标准农田建设项目",
		sup: "天长市农业农村局", impl: "天长市农田建设服务中心",
		fundLabel:  "项目资金\n（万元）",
		fundHeader: []string{"年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"},
		funds: []natFund{
			{"年度资金总额：", 4800.0, 5200.0, 4940.0, 10, sheetgen.Pct(0.95), sheetgen.Score(9.5)},
			{"其中：本年财政拨款", 4800.0, 5000.0, 4750.0, "—", sheetgen.Pct(0.95), "—"},
			{"上年结转资金", 0.0, 200.0, 190.0, "—", sheetgen.Pct(0.95), "—"},
			{"其他资金", nil, nil, nil, "—", nil, "—"},
		},
		goalLabel: "年度总体目标",
		goal:      "新建高标准农田3.2万亩，配套灌排、田间道路和农田防护设施，提升项目区粮食综合生产能力。",
		done:      "建成高标准农田3.5万亩，工程全部通过验收，项目区粮食亩产平均增加55公斤，受益农户3260户。",
		indLabel:  "绩效指标",
		indHeader: []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"},
		inds: []natInd{
			{l1: out, l2: "数量指标", name: "新建高标准农田面积", target: "≥3.2万亩", actual: "3.5万亩", max: 20, score: 20},
			{l1: out, l2: "质量指标", name: "工程验收合格率", target: "≥95%", actual: "98%", max: 10, score: 10},
			{l1: out, l2: "时效指标", name: "项目完工及时率", target: "100%", actual: "100%", max: 10, score: 10},
			{l1: out, l2: "成本指标", name: "亩均财政投资", target: "≤1500元", actual: "1411元", max: 10, score: 10},
			{l1: eff, l2: "经济效益指标", name: "项目区粮食亩产增加", target: "≥50公斤", actual: "55公斤", max: 15, score: 15},
			{l1: eff, l2: "社会效益指标", name: "受益农户", target: "≥3000户", actual: "3260户", max: 15, score: 15},
			{l1: sat, l2: "服务对象满意度指标", name: "受益农户满意度", target: "≥90%", actual: "94%", max: 10, score: 10},
		},
		totalMax: 100, total: sheetgen.Score(99.5),
		notes:      []string{"填表人：陈　静　　　　联系电话：0550-7012468　　　　填报日期：2021年2月26日"},
		goalHeight: 40,
	}
}

// miniTown is the small town form of the negation fixture: 贵池区棠溪镇 2022,
// 村级补助及运转经费, fund total filled in (132.912/132.912 → 10).
func miniTown() *natForm {
	const (
		out = "产出指标(50分)"
		eff = "效益指标(30分)"
		sat = "满意度指标(10分)"
	)
	return &natForm{
		sheet:  "项目支出绩效自评表",
		attach: "附件：",
		title:  "项目支出绩效自评表", year: "（2022年度）",
		nameLabel: "项目名称", name: "村级补助及运转经费",
		sup: "219-池州市贵池区棠溪镇人民政府", impl: "219001-池州市贵池区棠溪镇人民政府",
		fundLabel:  "项目资金\n(万元)",
		fundHeader: []string{"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"},
		funds: []natFund{
			{"年度资金总额:", 202.64, gnum(132.912), gnum(132.912), 10, sheetgen.Pct(1), 10},
			{"其中:本年财政拨款", 202.64, gnum(132.912), gnum(132.912), nil, nil, nil},
			{"上年结转资金", nil, nil, nil, nil, nil, nil},
			{"其他资金", nil, nil, nil, nil, nil, nil},
		},
		goalLabel: "年度总体目标",
		goal:      "本项目共申请预算资金2026400元，其中村级组织运转400000元，村干部报酬及社保补助1526400元，村级工作目标奖励100000元。",
		done:      "本项目共完成预算资金1329120.67元，保障8个村（社区）正常运转和42名村干部报酬发放。",
		indLabel:  "绩效指标",
		indHeader: []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"},
		inds: []natInd{
			{l1: out, l2: "数量指标", name: "补助村(社区)数量", target: "=8个", actual: 8, max: 10, score: 10},
			{l1: out, l2: "数量指标", name: "保障村干部人数", target: "=42个", actual: 42, max: 10, score: 10},
			{l1: out, l2: "质量指标", name: "村级活动场所维修改造", target: "按期开工", actual: "尚未开工", max: 10, score: 10},
			{l1: out, l2: "时效指标", name: "补助经费到位及时性", target: "及时", actual: "未按期完成", max: 10, score: 10},
			{l1: out, l2: "成本指标", name: "项目总成本", target: "≤202.6万元", actual: gnum(132.9), max: 10, score: 10},
			{l1: eff, l2: "经济效益指标", name: "对保障村(社区)两委机构正常运行的影响程度", target: "效果明显", actual: "效果不明显", max: 10, score: 10},
			{l1: eff, l2: "社会效益指标", name: "是否按规定公示补助资金", target: "是", actual: "否", max: 10, score: 10},
			{l1: eff, l2: "可持续影响指标", name: "村干部培训计划", target: "全部完成", actual: "部分未完成", max: 10, score: 10},
			{l1: sat, l2: "满意度指标", name: "群众满意度", target: "≥90%", actual: 95, max: 10, score: 10},
		},
		totalMax: 100, total: 100,
		goalHeight: 48,
	}
}

// miniDept is the department form of empty-second-dept: 天长市水利局 2022.
// 2037/2100 = 0.97 → 9.7; indicators 15+9+15+10+15+15+10 = 89; total 98.7.
func miniDept() *natForm {
	const (
		out = "产出指标\n（50分）"
		eff = "效益指标\n（30分）"
		sat = "满意度指标\n（10分）"
	)
	return &natForm{
		sheet: "部门整体支出绩效自评表",
		title: "部门整体支出绩效自评表", year: "（2022年度）",
		nameLabel: "部门（单位）名称", name: "天长市水利局",
		sup: "天长市人民政府", impl: "天长市水利局",
		fundLabel:  "资金情况\n（万元）",
		fundHeader: []string{"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"},
		funds: []natFund{
			{"年度资金总额", 1850.0, 2100.0, 2037.0, 10, sheetgen.Pct(0.97), sheetgen.Score(9.7)},
			{"其中：基本支出", 650.0, 700.0, 698.0, "—", sheetgen.Pct(0.9971), "—"},
			{"项目支出", 1200.0, 1400.0, 1339.0, "—", sheetgen.Pct(0.9564), "—"},
		},
		goalLabel: "年度总体目标",
		goal:      "完成水利工程维修养护和河道清淤任务，确保全市安全度汛，建立工程长效管护机制。",
		done:      "维修养护水利工程126处，清淤河道27公里，全市安全度汛，工程长效管护机制已建立。",
		indLabel:  "绩效指标",
		indHeader: []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"},
		inds: []natInd{
			{l1: out, l2: "数量指标", name: "水利工程维修养护", target: "≥120处", actual: "126处", max: 15, score: 15},
			{l1: out, l2: "数量指标", name: "河道清淤长度", target: "≥30公里", actual: "27公里", max: 10, score: 9, dev: "汛期提前，3公里清淤工程结转下年实施。"},
			{l1: out, l2: "质量指标", name: "工程验收合格率", target: "100%", actual: "100%", max: 15, score: 15},
			{l1: out, l2: "时效指标", name: "项目完工及时率", target: "≥95%", actual: "96%", max: 10, score: 10},
			{l1: eff, l2: "社会效益指标", name: "防汛安全", target: "安全度汛", actual: "安全度汛", max: 15, score: 15},
			{l1: eff, l2: "可持续影响指标", name: "工程长效管护机制", target: "建立", actual: "已建立", max: 15, score: 15},
			{l1: sat, l2: "服务对象满意度指标", name: "群众满意度", target: "≥90%", actual: "93%", max: 10, score: 10},
		},
		totalMax: 100, total: sheetgen.Score(98.7),
		goalHeight: 40,
	}
}

// blankCopy is nf as the clerk's untouched second copy of the template:
// labels, headers and the 一级/二级 rows, no values.
func blankCopy(nf *natForm, sheet string) *natForm {
	b := *nf
	b.sheet = sheet
	b.name, b.sup, b.impl, b.goal, b.done = "", "", "", "", ""
	b.funds = nil
	for i, fr := range nf.funds {
		row := natFund{label: fr.label, max: "—", score: "—"}
		if i == 0 {
			row.max, row.score = 10, nil
		}
		b.funds = append(b.funds, row)
	}
	b.inds = nil
	for _, in := range nf.inds {
		b.inds = append(b.inds, natInd{l1: in.l1, l2: in.l2})
	}
	b.total = nil
	return &b
}

// mini builds a one-sheet workbook from base() after change. (An errCell
// that names the wrong cell makes patchErrCells fail.)
func mini(base func() *natForm, change func(*natForm)) func() (*excelize.File, error) {
	return func() (*excelize.File, error) {
		nf := base()
		change(nf)
		f, s, err := layoutBook(nf.sheet)
		if err != nil {
			return nil, err
		}
		_, err = writeNat(f, s, nf)
		return f, err
	}
}

func mistakeFixtures() []layoutFixture {
	// Indicator i of miniCounty is on row 13+i; 实际完成值 is column F.
	actualCell := func(i int) string { return fmt.Sprintf("F%d", 13+i) }
	return []layoutFixture{
		{name: "blank-actual.xlsx", build: mini(miniCounty, func(nf *natForm) {
			nf.inds[1].actual = nil // 工程验收合格率, declared 10 of 10
		})},
		{name: "ref-error.xlsx", build: mini(miniCounty, func(nf *natForm) {
			nf.inds[4].actual = sheetgen.Formula("SUM(#REF!)") // 项目区粮食亩产增加
		}), errCells: []errCell{{actualCell(4), "#REF!"}}},
		{name: "div0-cached.xlsx", build: mini(miniCounty, func(nf *natForm) {
			nf.inds[6].actual = sheetgen.Formula("1/0") // 受益农户满意度
		}), errCells: []errCell{{actualCell(6), "#DIV/0!"}}},
		{name: "huge-value.xlsx", build: mini(miniCounty, func(nf *natForm) {
			nf.inds[5].actual = rawNum("1E+308") // 受益农户
		})},
		{name: "date-deadline.xlsx", build: mini(miniCounty, func(nf *natForm) {
			// 时效指标 becomes two deadline rows with real date actuals.
			in := nf.inds
			l1 := in[2].l1
			nf.inds = append(append(in[:2:2],
				natInd{l1: l1, l2: "时效指标", name: "项目完工时间", target: "2020年12月31日前完成", actual: dateV("2020-11-20"), max: 5, score: 5},
				natInd{l1: l1, l2: "时效指标", name: "工程招标完成时间", target: "2020年10月底前", actual: dateV("2020-11-05"), max: 5, score: 3,
					dev: "受疫情影响，招标延期至11月5日完成，已督促施工单位加快进度。"}),
				in[3:]...)
			nf.total = sheetgen.Score(97.5)
		})},
		{name: "negation.xlsx", build: mini(miniTown, func(*natForm) {})},
		{name: "fraction.xlsx", build: mini(miniCounty, func(nf *natForm) {
			nf.inds[1].actual = gnum(0.965) // 工程验收合格率 ≥95%
		})},
		{name: "empty-second-dept.xlsx", build: func() (*excelize.File, error) {
			nf := miniDept()
			f, s, err := layoutBook(nf.sheet)
			if err != nil {
				return nil, err
			}
			if _, err := writeNat(f, s, nf); err != nil {
				return nil, err
			}
			// Excel's name for a copied sheet.
			const copyName = "部门整体支出绩效自评表 (2)"
			if _, err := f.NewSheet(copyName); err != nil {
				return nil, err
			}
			_, err = writeNat(f, s, blankCopy(nf, copyName))
			return f, err
		}},
		{name: "missing-actual-col.xlsx", build: mini(miniCounty, func(nf *natForm) {
			nf.indHeader[4] = "预算执行数"
		})},
		{name: "fullwidth-text.xlsx", build: mini(miniCounty, func(nf *natForm) {
			nf.inds[0].target, nf.inds[0].actual = "≥３．２万亩", "３．５万亩"
		})},
	}
}
