package main

// The provincial layouts of testdata/layouts: Yunnan (two-row indicator
// header), Sichuan 510000_0013zp, Chongqing 部门整体, Hubei (two goal blocks,
// no 分值 column) and Hunan (元 amounts, 上年完成值, 基础数据表).

import (
	"fmt"

	"github.com/jixiao/jixiao/samples/sheetgen"
	"github.com/xuri/excelize/v2"
)

// ---------------------------------------------------------------------------
// 3. yunnan-split: 丽江市古城区自然资源局 2020. Ten columns: 一级 A, 二级 B,
// 三级 C, 指标性质 D, 指标值 E, 度量单位 F, 实际完成值 G, 分值 H, 得分 I,
// 偏差原因 J. Fund block: label A, row label B:C, 年初 D, 全年 E, 执行 F,
// 分值 G, 执行率 H, 得分 I:J.

type ynInd struct {
	l1, l2, name       string
	op, target, unit   any
	actual, max, score any
	dev, note          string
	hasNothing         bool
}

func yunnanSplit(v variant) (*excelize.File, error) {
	sheet := "项目支出绩效自评表"
	if v == renamedText {
		sheet = "表3"
	}
	f, s, err := layoutBook(sheet)
	if err != nil {
		return nil, err
	}
	x, err := newSW(f, s, sheet)
	if err != nil {
		return nil, err
	}
	const n = 10
	x.widths(10, 12, 24, 8, 10, 8, 12, 8, 8, 22)
	x.merged(1, 1, n, 1, "2020年度项目支出绩效自评表", s.Title)
	x.height(1, 30)
	x.merged(1, 2, 2, 2, "项目名称", s.Label)
	x.merged(3, 2, n, 2, "2020年省级自然资源卫片执法补助经费支出绩效自评表", s.TextC)
	x.merged(1, 3, 2, 3, "主管部门", s.Label)
	x.merged(3, 3, 5, 3, "丽江市自然资源和规划局", s.TextC)
	x.merged(6, 3, 7, 3, "实施单位", s.Label)
	x.merged(8, 3, n, 3, "丽江市古城区自然资源局", s.TextC)

	// Fund block, in 元.
	funds := [][]any{
		{"年度资金总额", pick(v, 72890.0, "72,890.00"), pick(v, 72890.0, "72,890.00"), pick(v, 69245.5, "69,245.50"), pick(v, sheetgen.Score(10), "10.00"), pick(v, sheetgen.Pct(0.95), "95%"), pick(v, sheetgen.Score(9.5), "9.50")},
		{"其中：当年财政拨款", 72890.0, 72890.0, pick(v, 69245.5, "６９２４５．５"), "—", pick(v, sheetgen.Pct(0.95), "95.00%"), "—"},
		{"上年结转资金", nil, nil, nil, "—", nil, "—"},
		{"其他资金", nil, nil, nil, "—", nil, "—"},
	}
	if v == subtotals {
		funds = append(funds, []any{"合计", 72890.0, 72890.0, 69245.5, nil, nil, nil})
	}
	r := 4
	x.merged(1, r, 1, r+len(funds), "项目资金（元）", s.Label)
	x.merged(2, r, 3, r, nil, s.Label)
	for i, h := range []string{"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"} {
		if i == 5 {
			x.merged(4+i, r, n, r, h, s.Label)
		} else {
			x.put(4+i, r, h, s.Label)
		}
	}
	r++
	for _, fr := range funds {
		x.merged(2, r, 3, r, fr[0], s.LabelLeft)
		for i, val := range fr[1:6] {
			x.put(4+i, r, val, s.TextC)
		}
		x.merged(9, r, n, r, fr[6], s.TextC)
		r++
	}
	// Goal block.
	x.merged(1, r, 1, r+1, "年度\n总体\n目标", s.Label)
	x.merged(2, r, 5, r, "预期目标", s.Label)
	x.merged(6, r, n, r, "实际完成情况", s.Label)
	x.merged(2, r+1, 5, r+1, "自然资源卫片执法补助经费", s.Text)
	x.merged(6, r+1, n, r+1, "自然资源卫片执法补助经费", s.Text)
	x.height(r+1, 30)
	r += 2

	// Indicator header: two rows.
	h1 := r
	x.merged(1, h1, 3, h1, "绩效指标", s.Label)
	x.merged(4, h1, 6, h1, "年度指标值", s.Label)
	for i, h := range []string{"实际完成值", "分值", "得分", "偏差原因分析及改进措施"} {
		x.merged(7+i, h1, 7+i, h1+1, h, s.Label)
	}
	for i, h := range []string{"一级\n指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"} {
		x.put(1+i, h1+1, h, s.Label)
	}
	x.height(h1+1, 30)
	r = h1 + 2

	const (
		out = "产出指标"
		eff = "效益指标"
		sat = "满意度指标"
	)
	inds := []ynInd{
		{l1: out, l2: "数量指标", name: "卫片图斑核查数量", op: "≧", target: 120, unit: "个", actual: pick(v, 126, "１２６"), max: 10, score: 9, note: "年度内完成实地核查的卫片图斑个数"},
		{l1: out, l2: "数量指标", name: "卫片执法补助经费", op: "﹦", target: pick(v, 72890, "72,890"), unit: "元", actual: pick(v, 69245.5, "69,245.50"), max: pick(v, sheetgen.Score(10), "10.00"), score: pick(v, sheetgen.Score(9), "9.00"),
			dev: "部分图斑核查费用节约，剩余资金3644.50元结转使用。", note: "年度执行的补助经费"},
		{l1: out, l2: "质量指标", name: "项目验收合格率", op: "﹦", target: 100, unit: "%", actual: 100, max: 10, score: 9, note: "核查成果通过验收的比例"},
		{l1: out, l2: "时效指标", name: "项目完成及时率", op: "═", target: 100, unit: "%", actual: 100, max: pick(v, sheetgen.Score(10), "10.00"), score: pick(v, sheetgen.Score(10), "10.00"), note: "按期完成核查任务的比例"},
		{l1: out, l2: "成本指标", name: "单个图斑核查成本", op: "≤", target: 600, unit: "元", actual: pick(v, 551.59, "551.59"), max: 10, score: 10, note: "平均每个图斑的核查费用"},
		{l1: eff, l2: "社会效益指标", name: "违法行为责停率", op: "≥", target: 95, unit: "%", actual: 95, max: 15, score: 14, note: "发现违法行为后责令停止的比例"},
		{l1: eff, l2: "生态效益指标", hasNothing: true},
		{l1: eff, l2: "可持续影响指标", name: "执法监管长效机制", target: "有效", actual: "有效", max: 15, score: 15, note: "卫片执法常态化监管机制运行情况"},
		{l1: sat, l2: "服务对象满意度指标等", name: "服务对象满意度", op: "≥", target: 95, unit: "%", actual: pick(v, "96%", "９６%"), max: 10, score: 9, note: "抽样调查的满意度"},
	}
	var noteRows []rowText
	for i := 0; i < len(inds); {
		j := i
		for j < len(inds) && inds[j].l1 == inds[i].l1 {
			j++
		}
		start := r
		for k := i; k < j; {
			m := k
			for m < j && inds[m].l2 == inds[k].l2 {
				m++
			}
			for q := k; q < m; q++ {
				in := inds[q]
				row := r + q - k
				vals := []any{in.name, in.op, in.target, in.unit, in.actual, in.max, in.score, in.dev}
				if in.hasNothing {
					vals = make([]any, 8)
				}
				for c, val := range vals {
					st := s.TextC
					if c == 7 {
						st = s.Text
					}
					x.put(3+c, row, val, st)
				}
				if in.note != "" {
					noteRows = append(noteRows, rowText{row, in.note})
				}
				x.height(row, 24)
			}
			x.merged(2, r, 2, r+m-k-1, inds[k].l2, s.TextC)
			r += m - k
			k = m
		}
		x.merged(1, start, 1, r-1, inds[i].l1, s.Label)
		if v == subtotals {
			var maxs, scores []any
			for q := i; q < j; q++ {
				maxs = append(maxs, inds[q].max)
				scores = append(scores, inds[q].score)
			}
			x.put(1, r, nil, s.TextC)
			x.merged(2, r, 7, r, "小计", s.Label)
			x.put(8, r, sumOf(maxs...), s.TextC)
			x.put(9, r, sumOf(scores...), s.TextC)
			x.put(10, r, nil, s.Text)
			r++
		}
		i = j
	}
	// Bottom: 其他需要说明事项 | 无 | 总分 | 100 | 94.5 | 优.
	x.merged(1, r, 2, r, "其他需要说明事项", s.Label)
	x.merged(3, r, 6, r, "无", s.TextC)
	x.put(7, r, "总分", s.Label)
	x.put(8, r, pick(v, 100, "100"), s.TextC)
	x.put(9, r, pick(v, sheetgen.Score(94.5), "94.5"), s.TextC)
	x.put(10, r, "优", s.TextC)
	x.height(r, 24)
	sheetgen.PrintSetup(x.W, n)
	if v == hiddenCol {
		x.hideCol(4, [][2]int{{h1, h1 + 1}}, "指标解释", noteRows)
	}
	return f, x.Err
}

// ---------------------------------------------------------------------------
// 4. sichuan-0013zp: 大英县司法局 2023, 安可替代补助资金. Eleven columns: block
// labels A; indicator rows 一级 B … 未完成原因分析 K; fund rows label B,
// 年初预算 C, 调整后预算数 D, 预算执行数 E, 预算执行率 F, 权重 G, 得分 H,
// 原因 I:K (the printed note, merged down the fund rows).

func sichuan0013zp(v variant) (*excelize.File, error) {
	sheet := "部门预算项目支出绩效自评表"
	if v == renamedText {
		sheet = "Sheet1"
	}
	f, s, err := layoutBook(sheet)
	if err != nil {
		return nil, err
	}
	x, err := newSW(f, s, sheet)
	if err != nil {
		return nil, err
	}
	const n = 11
	x.widths(12, 12, 12, 24, 10, 10, 9, 10, 8, 8, 20)
	x.merged(1, 1, 3, 1, "报表编号：510000_0013zp", s.Plain)
	x.merged(1, 2, n, 2, "部门预算项目支出绩效自评表（2023年度）", s.Title)
	x.height(2, 30)
	x.put(1, 3, "项目名称", s.Label)
	x.merged(2, 3, n, 3, "51092324T000010263357-2023年全县安可替代补助资金项目", s.TextC)
	x.put(1, 4, "主管部门", s.Label)
	x.merged(2, 4, n, 4, "大英县司法局", s.TextC)
	x.put(1, 5, "实施单位（盖章）", s.Label)
	x.merged(2, 5, n, 5, "大英县司法局", s.TextC)
	// 项目基本情况.
	x.merged(1, 6, 1, 8, "项目基本情况", s.Label)
	x.merged(2, 6, 2, 7, "1.项目年度目标完成情况", s.Label)
	x.merged(3, 6, 6, 6, "项目年度目标", s.Label)
	x.merged(7, 6, n, 6, "年度目标完成情况", s.Label)
	x.merged(3, 7, 6, 7, "根据要求购买安可设备，完成单位办公终端安可替代，并完成项目资金支付。", s.Text)
	x.merged(7, 7, n, 7, "完成。购买安可电脑13台，替代率86.5%，资金3.36万元已全部支付。", s.Text)
	x.height(7, 48)
	x.put(2, 8, "2.项目实施内容及过程概述", s.Label)
	x.merged(3, 8, n, 8, "2023年按政府采购程序购买13台安可电脑，完成安装调试和数据迁移，并于12月前完成资金支付。", s.Text)
	x.height(8, 36)

	// Fund block.
	r := 9
	funds := [][]any{
		{"总额", pick(v, 0.0, "0.00"), pick(v, 3.36, "3.36"), pick(v, 3.36, "３．３６"), pick(v, sheetgen.Pct(1), "100.00%"), pick(v, 10, "10"), pick(v, 10, "10")},
		{"其中：财政资金", 0.0, pick(v, 3.36, "3.36"), 3.36, sheetgen.Pct(1), "/", "/"},
		{"财政专户管理资金", 0.0, 0.0, 0.0, sheetgen.Pct(0), "/", "/"},
		{"单位资金", 0.0, 0.0, 0.0, sheetgen.Pct(0), "/", "/"},
		{"其他资金", nil, nil, nil, nil, "/", "/"},
	}
	if v == subtotals {
		funds = append(funds, []any{"合计", 0.0, 3.36, 3.36, sheetgen.Pct(1), "/", "/"})
	}
	x.merged(1, r, 1, r+len(funds), "预算执行情况（10分）", s.Label)
	for i, h := range []string{"年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"} {
		x.put(2+i, r, h, s.Label)
	}
	x.merged(9, r, n, r, "原因", s.Label)
	x.height(r, 30)
	for i, fr := range funds {
		x.put(2, r+1+i, fr[0], s.LabelLeft)
		for c, val := range fr[1:] {
			x.put(3+c, r+1+i, val, s.TextC)
		}
		x.height(r+1+i, 22)
	}
	x.merged(9, r+1, n, r+len(funds), "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）；2.年中发生预算调整的（追加或调减），应单独说明理由；3.其他资金包括：社会投入资金、银行贷款.", s.Text)
	r += len(funds) + 1

	// Indicator block.
	h := r
	for i, t := range []string{"一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"} {
		x.put(2+i, h, t, s.Label)
	}
	x.height(h, 30)
	r++
	type scInd struct {
		l1, l2, name          string
		op, target, unit      any
		actual, weight, score any
		reason, note          string
	}
	inds := []scInd{
		{"产出指标", "数量指标", "购置安可电脑数量", "≥", 13, "台", pick(v, 13, "13"), 15, 15, "", "年度内购置并投入使用的安可电脑台数"},
		{"产出指标", "质量指标", "完成安可产品购买并按要求支付资金", "=", 100, "%", 100, pick(v, 15, "15"), 15, "", "按合同验收并支付的比例"},
		{"产出指标", "时效指标", "资金支付及时率", "≥", 95, "%", pick(v, 100, "100%"), 10, 10, "", "按合同约定时间支付的比例"},
		{"产出指标", "经济成本指标", "单台设备购置成本", "≤", 0.3, "万元", pick(v, 0.26, "0.26"), 10, 10, "", "每台安可电脑的平均购置成本"},
		{"效益指标", "社会效益指标", "安可替代覆盖率", "≥", 90, "%", pick(v, 86.5, "86.5%"), pick(v, 20, "20"), pick(v, sheetgen.Score(19.22), "19.22"),
			"部分业务专用终端暂无适配的安可产品，计划2024年采购替代。", "完成替代的办公终端占应替代终端的比例"},
		{"效益指标", "可持续影响指标", "信息系统安全可控水平", "定性", "明显提升", nil, "达成预期指标", 10, 10, "", "办公信息系统安全可控程度"},
		{"满意度指标", "服务对象满意度指标", "使用人员满意度", "≥", 90, "%", pick(v, 95, "９５"), 10, 10, "", "干部职工对安可设备的满意程度"},
	}
	var noteRows []rowText
	for i := 0; i < len(inds); {
		j := i
		for j < len(inds) && inds[j].l1 == inds[i].l1 {
			j++
		}
		start := r
		var ws, ss []any
		for q := i; q < j; q++ {
			in := inds[q]
			for c, val := range []any{in.l2, in.name, in.op, in.target, in.unit, in.actual, in.weight, in.score, in.reason} {
				st := s.TextC
				if c == 8 {
					st = s.Text
				}
				x.put(3+c, r, val, st)
			}
			if in.note != "" {
				noteRows = append(noteRows, rowText{r, in.note})
			}
			ws, ss = append(ws, in.weight), append(ss, in.score)
			x.height(r, 28)
			r++
		}
		x.merged(2, start, 2, r-1, inds[i].l1, s.TextC)
		if v == subtotals {
			x.merged(2, r, 8, r, "小计", s.Label)
			x.put(9, r, sumOf(ws...), s.TextC)
			x.put(10, r, sumOf(ss...), s.TextC)
			x.put(11, r, nil, s.Text)
			r++
		}
		i = j
	}
	x.merged(1, h, 1, r-1, "绩效指标（90分）", s.Label)
	x.merged(1, r, 8, r, "合计", s.Label)
	x.put(9, r, pick(v, 100, "100"), s.TextC)
	x.put(10, r, pick(v, sheetgen.Score(99.22), "99.22"), s.TextC)
	x.put(11, r, nil, s.Text)
	r++
	for _, t := range [][2]string{
		{"评价结论", "项目自评总分99.22分，等级为优。按政府采购程序购买安可电脑13台并完成资金支付，单位办公终端安可替代率86.5%，信息系统安全可控水平明显提升。"},
		{"存在问题", "部分业务专用终端暂无适配的安可产品，替代率未达到年初设定的90%。"},
		{"改进措施", "跟踪安可产品适配目录，2024年优先采购已适配的业务终端，完成剩余终端替代。"},
	} {
		x.put(1, r, t[0], s.Label)
		x.merged(2, r, n, r, t[1], s.Text)
		x.height(r, 36)
		r++
	}
	x.merged(1, r, 5, r, "项目负责人：查小兵", s.Plain)
	x.merged(6, r, n, r, "财务负责人：唐勇", s.Plain)
	sheetgen.PrintSetup(x.W, n)
	if v == hiddenCol {
		x.hideCol(5, [][2]int{{h, h}}, "指标解释", noteRows)
	}
	return f, x.Err
}

// ---------------------------------------------------------------------------
// 5. chongqing-dept: 西部（重庆）科学城融媒体中心 2021 部门整体绩效自评表.
// No year in the title: the year is in the sheet name. Eleven columns: block
// labels A; 指标名称 B, 计量单位 C, 指标性质 D, 年初指标值 E, 调整指标值 F,
// 全年完成值 G, 得分系数 H, 指标权重 I, 指标得分 J, 是否核心指标 K.

func chongqingDept(v variant) (*excelize.File, error) {
	sheet := "2021年部门整体绩效自评表"
	if v == renamedText {
		sheet = "2021年自评"
	}
	f, s, err := layoutBook(sheet)
	if err != nil {
		return nil, err
	}
	x, err := newSW(f, s, sheet)
	if err != nil {
		return nil, err
	}
	const n = 11
	x.widths(10, 20, 8, 10, 10, 10, 10, 10, 9, 9, 8)
	x.merged(1, 1, n, 1, "部门整体绩效自评表", s.Title)
	x.height(1, 30)
	x.put(1, 2, "主管部门", s.Label)
	x.merged(2, 2, 4, 2, "西部（重庆）科学城融媒体中心", s.TextC)
	x.put(5, 2, "财政处室", s.Label)
	x.merged(6, 2, 7, 2, "文化处", s.TextC)
	x.merged(8, 2, 10, 2, "自评总分（分）", s.Label)
	x.put(11, 2, pick(v, sheetgen.Score(97.6), "97.6"), s.TextC)
	x.put(1, 3, "部门联系人", s.Label)
	x.merged(2, 3, 4, 3, "曾雪莲", s.TextC)
	x.put(5, 3, "联系电话", s.Label)
	x.merged(6, 3, n, 3, "023-65516278", s.TextC)
	x.height(2, 24)
	x.height(3, 24)
	// Fund block: one header row, one data row.
	x.merged(1, 4, 1, 5, "部门预算执行情况（万元）", s.Label)
	x.merged(2, 4, 3, 4, "年初预算数", s.Label)
	x.merged(4, 4, 5, 4, "全年（调整）预算数", s.Label)
	x.merged(6, 4, 7, 4, "全年执行数", s.Label)
	x.put(8, 4, "执行率（%）", s.Label)
	x.put(9, 4, "执行率权重", s.Label)
	x.merged(10, 4, n, 4, "执行率得分（分）", s.Label)
	x.merged(2, 5, 3, 5, pick(v, 460.0, "460.00"), s.TextC)
	x.merged(4, 5, 5, 5, pick(v, 500.0, "500"), s.TextC)
	x.merged(6, 5, 7, 5, pick(v, 380.0, "３８０．００"), s.TextC)
	x.put(8, 5, pick(v, sheetgen.Pct(0.76), "76%"), s.TextC)
	x.put(9, 5, 10, s.TextC)
	x.merged(10, 5, n, 5, pick(v, sheetgen.Score(7.6), "7.60"), s.TextC)
	x.height(4, 30)
	x.height(5, 24)
	// Goal block.
	x.merged(1, 6, 1, 7, "当年绩效目标", s.Label)
	x.merged(2, 6, 4, 6, "年初绩效目标", s.Label)
	x.merged(5, 6, 7, 6, "全年（调整）绩效目标", s.Label)
	x.merged(8, 6, n, 6, "全年目标实际完成情况", s.Label)
	x.merged(2, 7, 4, 7, "通过整合各级各类媒体资源，做好新闻宣传和舆论引导，为建设成渝地区双城经济圈和西部（重庆）科学城营造良好氛围；保障融媒体中心正常人事基础和日常运转。", s.Text)
	x.merged(5, 7, 7, 7, "无", s.Text)
	x.merged(8, 7, n, 7, "中心2021年较好地完成了履职任务，全年播发稿件2859篇，组织宣传活动43次，制作宣传品20份，业务保障能力进一步提升。", s.Text)
	x.height(7, 90)
	// Indicator block.
	h := 8
	for i, t := range []string{"指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数（%）", "指标权重（分）", "指标得分（分）", "是否核心指标"} {
		x.put(2+i, h, t, s.Label)
	}
	x.height(h, 36)
	type cqInd struct {
		name, unit        string
		init, adj, actual any
		weight, score     any
		core, note        string
	}
	full := pick(v, sheetgen.Pct(1), "100%")
	runs := []struct {
		kind string
		inds []cqInd
	}{
		{"定量指标", []cqInd{
			{"财政供养人员控制率", "%", "100%", nil, "92%", 5, 5, "否", "年末实有人数占核定编制数的比例"},
			{"预算完成率", "%", "70%", nil, "76%", 5, 5, "是", "全年执行数占全年预算数的比例"},
			{"预算调整率", "%", "3%", nil, pick(v, 0, "0"), 5, 5, "否", "预算调整数占年初预算数的比例"},
			{"结转结余率", "%", "2%", nil, pick(v, 0, "0"), 5, 5, "是", "结转结余资金占全年预算数的比例"},
			{"公用经费控制率", "%", "100%", nil, "97%", pick(v, 5, "5"), 5, "是", "公用经费实际支出占预算数的比例"},
		}},
		{"定性指标", []cqInd{
			{"管理制度健全性", "", "高", nil, "高", 5, 5, "否", "内部管理制度健全程度"},
			{"资金使用合规性", "", "好", nil, "好", 5, 5, "否", "资金使用符合财经法规的程度"},
			{"资产管理安全性", "", "好", nil, "好", 5, 5, "否", "资产保存完整、使用合规的程度"},
		}},
		{"定量指标", []cqInd{
			{"播发稿件数量", "篇", pick(v, "3000篇", "3,000篇"), pick(v, "2500篇", "2,500篇"), pick(v, "2859篇", "2,859篇"), pick(v, 15, "15"), 15, "是", "全年在各平台播发的新闻稿件数"},
			{"组织宣传活动次数", "次", "40次", nil, "43次", 10, 10, "是", "全年组织开展的主题宣传活动次数"},
			{"制作宣传品数量", "份", "20份", nil, "20份", 5, 5, "否", "全年制作的宣传品数量"},
			{"业务保障能力提升", "%", "90%", nil, pick(v, "95%", "９５%"), 20, pick(v, 20, "20.00"), "否", "设备和技术保障满足业务需要的程度"},
		}},
	}
	r := h + 1
	var noteRows []rowText
	for _, run := range runs {
		start := r
		var ws, ss []any
		for _, in := range run.inds {
			for c, val := range []any{in.name, in.unit, nil, in.init, in.adj, in.actual, full, in.weight, in.score, in.core} {
				x.put(2+c, r, val, s.TextC)
			}
			if in.note != "" {
				noteRows = append(noteRows, rowText{r, in.note})
			}
			ws, ss = append(ws, in.weight), append(ss, in.score)
			x.height(r, 24)
			r++
		}
		x.merged(4, start, 4, r-1, run.kind, s.TextC)
		if v == subtotals {
			x.put(2, r, "小计", s.Label)
			for c := 3; c <= 8; c++ {
				x.put(c, r, nil, s.TextC)
			}
			x.put(9, r, sumOf(ws...), s.TextC)
			x.put(10, r, sumOf(ss...), s.TextC)
			x.put(11, r, nil, s.TextC)
			r++
		}
	}
	x.merged(1, h, 1, r-1, "绩效指标", s.Label)
	sheetgen.PrintSetup(x.W, n)
	if v == hiddenCol {
		x.hideCol(3, [][2]int{{h, h}}, "指标解释", noteRows)
	}
	return f, x.Err
}

// ---------------------------------------------------------------------------
// 6. hubei-project: 黄冈市水土保持与农田水利科研所 2020 水土保持监测. Seven
// columns: block labels A; 一级 B, 二级 C, 三级 D, 年初目标值 E, 实际完成值 F,
// 得分 G. No 分值 column: weights only in the block labels.

func hubeiProject(v variant) (*excelize.File, error) {
	sheet := "项目绩效自评表"
	if v == renamedText {
		sheet = "自评表（修改）"
	}
	f, s, err := layoutBook(sheet)
	if err != nil {
		return nil, err
	}
	x, err := newSW(f, s, sheet)
	if err != nil {
		return nil, err
	}
	const n = 7
	x.widths(14, 12, 14, 28, 14, 14, 12)
	x.merged(1, 1, n, 1, "2020年度水土保持监测项目绩效自评表", s.Title)
	x.height(1, 30)
	x.merged(1, 2, 4, 2, "单位名称：黄冈市水土保持与农田水利科研所", s.Plain)
	x.merged(5, 2, n, 2, "填报日期：2021年3月10日", s.Plain)
	x.put(1, 3, "项目名称", s.Label)
	x.merged(2, 3, 3, 3, "水土保持监测", s.TextC)
	x.put(4, 3, "主管部门", s.Label)
	x.put(5, 3, "黄冈市水利和湖泊局", s.TextC)
	x.put(6, 3, "项目实施单位", s.Label)
	x.put(7, 3, "本单位", s.TextC)
	x.put(1, 4, "项目类别", s.Label)
	x.merged(2, 4, 3, 4, "1、上级专项 2、本级专项", s.TextC)
	x.put(4, 4, "项目属性", s.Label)
	x.put(5, 4, "1、持续性项目 2、新增性项目", s.TextC)
	x.put(6, 4, "项目类型", s.Label)
	x.put(7, 4, "1、常年性项目 2、延续性项目 3、一次性项目", s.TextC)
	x.height(3, 30)
	x.height(4, 40)
	// Fund block: one row.
	x.merged(1, 5, 1, 6, "预算执行情况（万元）（20分）", s.Label)
	x.merged(2, 5, 3, 5, nil, s.Label)
	for i, t := range []string{"预算数（A）", "执行数（B）", "执行率（B/A）", "得分（20分*执行率）"} {
		x.put(4+i, 5, t, s.Label)
	}
	x.merged(2, 6, 3, 6, "年度财政资金总额", s.LabelLeft)
	x.put(4, 6, pick(v, 10.0, "10.00"), s.TextC)
	x.put(5, 6, pick(v, 9.6, "９．６"), s.TextC)
	x.put(6, 6, pick(v, sheetgen.Pct(0.96), "96%"), s.TextC)
	x.put(7, 6, pick(v, sheetgen.Score(19.2), "19.2"), s.TextC)
	x.height(5, 30)
	x.height(6, 22)

	type hbInd struct {
		l1, l2, name, target, actual string
		score                        any
		note                         string
	}
	blocks := []struct {
		label string
		inds  []hbInd
	}{
		{"年度绩效目标1（40分）", []hbInd{
			{"产出指标", "数量指标", "监测站点数量", "6个", "6个", 10, "年度内正常运行的监测站点数"},
			{"产出指标", "质量指标", "监测数据必须合格", "100%", "100%", 5, "监测数据通过审核的比例"},
			{"产出指标", "进度指标", "取得2018-2022监测资料", "100%", "100%", 5, "按进度取得监测资料的比例"},
			{"效益指标", "满意度指标", "服务对象满意度指标\n整编资料审核", "98%", "98%", pick(v, sheetgen.Score(19.6), "19.6"), "整编资料通过审核的比例"},
		}},
		{"年度绩效目标2（40分）", []hbInd{
			{"产出指标", "质量指标", "监测数据资料整编", "100%", "100%", 20, "监测数据完成整编的比例"},
			{"产出指标", "进度指标", "完成年度资料上报", "100%", "100%", pick(v, 20, "20"), "按时上报年度资料的比例"},
			{"效益指标", "社会效益指标", "", "", "", nil, ""},
			{"效益指标", "满意度指标", "服务对象满意度指标", "", "", nil, ""},
		}},
	}
	hdr := []string{"一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分"}
	r := 7
	var headers [][2]int
	var noteRows []rowText
	for _, b := range blocks {
		top := r
		headers = append(headers, [2]int{r, r})
		for i, t := range hdr {
			x.put(2+i, r, t, s.Label)
		}
		x.height(r, 30)
		r++
		inds := b.inds
		for i := 0; i < len(inds); {
			j := i
			for j < len(inds) && inds[j].l1 == inds[i].l1 {
				j++
			}
			start := r
			var ss []any
			for q := i; q < j; q++ {
				in := inds[q]
				for c, val := range []any{in.l2, in.name, in.target, in.actual, in.score} {
					x.put(3+c, r, val, s.TextC)
				}
				if in.note != "" {
					noteRows = append(noteRows, rowText{r, in.note})
				}
				ss = append(ss, in.score)
				x.height(r, 30)
				r++
			}
			x.merged(2, start, 2, r-1, inds[i].l1, s.TextC)
			if v == subtotals {
				x.merged(2, r, 6, r, "小计", s.Label)
				x.put(7, r, sumOf(ss...), s.TextC)
				r++
			}
			i = j
		}
		x.merged(1, top, 1, r-1, b.label, s.Label)
	}
	x.merged(1, r, 6, r, "总分", s.Label)
	x.put(7, r, pick(v, sheetgen.Score(98.8), "98.8"), s.TextC)
	r++
	for _, t := range [][2]string{
		{"偏差大或目标未完成原因分析", "预算执行率96%，剩余0.4万元为监测设备维护尾款，按合同约定于2021年一季度支付。"},
		{"改进措施及结果应用方案", "合理安排设备维护合同的付款节点，加快预算执行进度；监测成果按时报送主管部门，用于水土流失防治决策。"},
		{"单位主要负责人签批意见", "签名：　　　　　　　　年　　月　　日"},
	} {
		x.merged(1, r, 2, r, t[0], s.Label)
		x.merged(3, r, n, r, t[1], s.Text)
		x.height(r, 40)
		r++
	}
	note := "备注：1.预算执行情况口径：预算数为调整后财政资金总额（包括上年结余结转），执行数为资金使用单位财政资金实际支出数。" +
		"2.定量指标完成数汇总原则：绝对值直接累加计算，相对值按照资金额度加权平均计算。定量指标计分原则：正向指标（即目标值为≥X），得分=权重*B/A；反向指标（即目标值为≤X），得分=权重*A/B，得分不得突破权重总额。定量指标先汇总完成数，再计算得分。" +
		"3.定性指标计分原则：达成预期指标、部分达成预期指标、未达成预期指标三档，分别按照该指标对应分值区间100%-80%（≥80%）、80%-50%（[50%,80%)）、50%-0%（<50%）合理确定分值。汇总时，以资金额度为权重，对定性指标得分进行加权平均计算。"
	x.merged(1, r, n, r, note, s.Plain)
	x.height(r, 110)
	sheetgen.PrintSetup(x.W, n)
	if v == hiddenCol {
		x.hideCol(5, headers, "备注", noteRows)
	}
	return f, x.Err
}

// ---------------------------------------------------------------------------
// 7. hunan-dept: 邵东市科工局 2019 部门整体支出绩效自评表 in 元 (a 金额单位：元
// row), with 上年完成值, and a 基础数据表 in 万元. Laid out by
// sheetgen.WriteForm (the Hunan form is the one the samples use).

func hunanForm(v variant) *sheetgen.Form {
	const (
		out = "产出指标(50分)"
		eff = "效益指标（30分）"
		sat = "满意度指标(10分)"
	)
	inds := []sheetgen.Indicator{
		{L1: out, L2: "数量指标", Name: "规模工业总产值", Target: "≥800亿元", Previous: "748.75亿元", Actual: "838.6亿元", Max: 10, Score: 10},
		{L1: out, L2: "数量指标", Name: "新增规模工业企业", Target: "≥120家", Previous: "126家", Actual: pick(v, "133家", "１３３家"), Max: 10, Score: 10},
		{L1: out, L2: "数量指标", Name: "新增高新技术企业", Target: "≥25家", Previous: "18家", Actual: "22家", Max: pick(v, 10, "10"), Score: pick(v, sheetgen.Score(8.8), "8.80"),
			Deviation: "部分申报企业研发费用归集不规范，未通过认定评审。下一步建立高企后备库，提前开展申报辅导。"},
		{L1: out, L2: "质量指标", Name: "R&D经费支出占GDP比重", Target: "≥2%", Previous: "1.9%", Actual: "2.2%", Max: 10, Score: 10},
		{L1: out, L2: "时效指标", Name: "项目资金拨付及时率", Target: "100%", Previous: "100%", Actual: pick(v, "96%", "96.00%"), Max: 5, Score: pick(v, sheetgen.Score(4.8), "4.8"),
			Deviation: "省级专项资金12月下达，部分项目资金延至次年1月拨付。今后资金到位后10个工作日内完成分配。"},
		{L1: out, L2: "成本指标", Name: "“三公”经费支出", Target: pick(v, "≤320000元", "≤320,000元"), Previous: pick(v, "356000元", "356,000元"), Actual: pick(v, "284600元", "284,600元"), Max: 5, Score: 5},
		{L1: eff, L2: "经济效益指标", Name: "规模工业总产值增速", Target: "≥10%", Previous: "9.8%", Actual: "12%", Max: 10, Score: 10},
		{L1: eff, L2: "社会效益指标", Name: "科技特派员服务贫困村覆盖率", Target: "100%", Previous: "100%", Actual: "100%", Max: 10, Score: 10},
		{L1: eff, L2: "可持续影响指标", Name: "产业转型升级成效", Target: "效果明显", Previous: dash, Actual: "效果明显", Max: 10, Score: 10},
		{L1: sat, L2: "服务对象满意度指标", Name: "企业满意度", Target: "≥95%", Previous: "94%", Actual: "96.5%", Max: 10, Score: 10},
	}
	if v == subtotals {
		// A 小计 row closing each 一级 group (inside its merged 一级 cell).
		var withSums []sheetgen.Indicator
		for i := 0; i < len(inds); {
			j := i
			var ms, ss []any
			for j < len(inds) && inds[j].L1 == inds[i].L1 {
				ms, ss = append(ms, inds[j].Max), append(ss, inds[j].Score)
				j++
			}
			withSums = append(withSums, inds[i:j]...)
			withSums = append(withSums, sheetgen.Indicator{L1: inds[i].L1, L2: "小计", Max: sumOf(ms...), Score: hunanScore(sumOf(ss...))})
			i = j
		}
		inds = withSums
	}
	form := &sheetgen.Form{
		Title: "部门整体支出绩效自评表", Year: "（2019年度）", UnitNote: "金额单位：元",
		NameLabel: "部门（单位）名称", Name: "邵东市科技和工业信息化局",
		Supervisor: "邵东市人民政府", Implementer: "邵东市科技和工业信息化局",
		FundLabel: "资金情况",
		Funds: []sheetgen.FundRow{
			{Label: "年度资金总额", Initial: pick(v, 9883000.0, "9,883,000.00"), Budget: pick(v, 29050200.0, "29,050,200.00"), Executed: pick(v, 28471200.0, "28,471,200"),
				Max: 10, Rate: pick(v, sheetgen.Pct(0.9801), "98.01%"), Scored: pick(v, sheetgen.Score(9.8), "9.80")},
			{Label: "其中：基本支出", Initial: 5683000.0, Budget: pick(v, 5864200.0, "5,864,200.00"), Executed: pick(v, 5849700.0, "５８４９７００"), Max: dash, Rate: sheetgen.Pct(0.9975), Scored: dash},
			{Label: "项目支出", Initial: 4200000.0, Budget: pick(v, 23186000.0, "23,186,000.00"), Executed: pick(v, 22621500.0, "22,621,500.00"), Max: dash, Rate: sheetgen.Pct(0.9757), Scored: dash},
		},
		Goal: "围绕建设国家级创新创业实验区的部署，全年实现规模工业总产值800亿元以上；新增规模工业企业不少于120家，新增高新技术企业25家以上；" +
			"严格控制“三公”经费，部门预算执行率达到95%以上。",
		Done:       "全市规模工业总产值838.6亿元，比上年增长12%；新增规模工业企业133家，新增高新技术企业22家；部门预算执行率98.01%，“三公”经费支出284600元，控制在预算以内。",
		IndHeader:  sheetgen.IndHeader9,
		Indicators: inds,
		TotalMax:   100, TotalScore: pick(v, sheetgen.Score(98.4), "98.40"),
		Footer: []string{"填表人：刘　敏　　　　联系电话：0739-2612345　　　　填报日期：2020年3月18日"},
	}
	if v == subtotals {
		form.Funds = append(form.Funds, sheetgen.FundRow{Label: "合计", Initial: 9883000.0, Budget: 29050200.0, Executed: 28471200.0})
	}
	return form
}

// hunanScore writes a 小计 of 得分 as the form's other scores are written.
func hunanScore(v any) any {
	if g, ok := v.(gnum); ok {
		return sheetgen.Score(g)
	}
	return v
}

// hunanBase is the 基础数据表 (万元) of the Hunan workbook.
var hunanBase = []struct {
	label string
	v     [3]float64
}{
	{"支出合计", [3]float64{2631.40, 2905.02, 2847.12}},
	{"基本支出", [3]float64{552.18, 586.42, 584.97}},
	{"项目支出", [3]float64{2079.22, 2318.60, 2262.15}},
	{"三公经费", [3]float64{35.60, 32.00, 28.46}},
	{"其中：公务接待费", [3]float64{12.80, 11.00, 9.36}},
	{"公务用车运行维护费", [3]float64{22.80, 21.00, 19.10}},
	{"因公出国（境）费", [3]float64{0, 0, 0}},
}

func hunanDept(v variant) (*excelize.File, error) {
	sheet := "部门整体支出绩效自评表"
	if v == renamedText {
		sheet = "表1（修改）"
	}
	f, s, err := layoutBook(sheet)
	if err != nil {
		return nil, err
	}
	lay, err := sheetgen.WriteForm(f, s, sheet, hunanForm(v))
	if err != nil {
		return nil, err
	}
	if want := 6; lay.FundHeaderRow != want {
		return nil, fmt.Errorf("hunan: fund header on row %d, want %d", lay.FundHeaderRow, want)
	}
	if v == hiddenCol {
		x, err := newSW(f, s, sheet)
		if err != nil {
			return nil, err
		}
		var notes []rowText
		for i, t := range []string{"反映全市规模以上工业企业全年总产值", "反映当年新纳入规模以上统计的工业企业数", "反映当年新认定的高新技术企业数",
			"反映全社会研发投入强度", "反映专项资金按时拨付的比例", "反映“三公”经费的控制情况", "反映规模工业总产值的增长速度",
			"反映科技特派员对贫困村的服务覆盖", "反映传统产业转型升级的成效", "反映服务企业对本局工作的满意程度"} {
			notes = append(notes, rowText{lay.IndFirstRow + i, t})
		}
		x.hideCol(4, [][2]int{{lay.IndHeaderRow, lay.IndHeaderRow}}, "指标解释", notes)
		if x.Err != nil {
			return nil, x.Err
		}
	}
	// 基础数据表 (万元).
	const name = "基础数据表"
	if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	x, err := newSW(f, s, name)
	if err != nil {
		return nil, err
	}
	x.widths(26, 16, 16, 16)
	x.merged(1, 1, 4, 1, "部门整体支出基础数据表", s.Title)
	x.height(1, 30)
	x.merged(1, 2, 2, 2, "部门（单位）：邵东市科技和工业信息化局", s.Plain)
	x.merged(3, 2, 4, 2, "金额单位：万元", s.Unit)
	for i, t := range []string{"项目", "上年决算数", "本年预算数", "本年决算数"} {
		x.put(1+i, 3, t, s.Label)
	}
	for i, b := range hunanBase {
		x.put(1, 4+i, b.label, s.LabelLeft)
		for j, val := range b.v {
			x.put(2+j, 4+i, val, s.TextC)
		}
	}
	r := 4 + len(hunanBase) + 1
	x.put(1, r, "编制数", s.Label)
	x.put(2, r, "实际在职人数", s.Label)
	x.put(1, r+1, 45, s.TextC)
	x.put(2, r+1, 43, s.TextC)
	sheetgen.PrintSetup(x.W, 4)
	f.SetActiveSheet(0)
	return f, x.Err
}
