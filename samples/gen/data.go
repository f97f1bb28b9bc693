package main

import (
	"math"

	"github.com/jixiao/jixiao/samples/sheetgen"
)

// round2 rounds half up to two decimals; the inputs here are small and
// the epsilon absorbs the binary error of products such as 10×0.9325.
func round2(x float64) float64 { return math.Floor(x*100+0.5+1e-9) / 100 }

// sc is a declared 得分 as an evaluator types it: whole numbers stay whole.
func sc(x float64) any {
	x = round2(x)
	if x == math.Trunc(x) {
		return int(x)
	}
	return sheetgen.Score(x)
}

// rate is an 执行率 as typed on the form: a percent with two decimals.
func rate(exec, budget float64) sheetgen.Pct {
	return sheetgen.Pct(math.Floor(exec/budget*10000+0.5+1e-9) / 10000)
}

// Indicator rows carry the weight and the declared score; scoreFwd/scoreRev
// apply domain.md's rules so the declared scores are what the rules give.
func scoreFwd(max, actual, target float64) any { return sc(max * math.Min(actual/target, 1)) }
func scoreRev(max, actual, target float64) any { return sc(max * math.Min(target/actual, 1)) }

const (
	dept     = "邵东市科技和工业信息化局"
	deptSup  = "邵东市人民政府"
	l1Out    = "产出指标(50分)"
	l1Eff    = "效益指标（30分）"
	l1Sat    = "满意度指标(10分)"
	l1OutP   = "产出指标"
	l1EffP   = "效益指标"
	l1SatP   = "满意度指标"
	qty      = "数量指标"
	qual     = "质量指标"
	timely   = "时效指标"
	cost     = "成本指标"
	econ     = "经济效益指标"
	social   = "社会效益指标"
	eco      = "生态效益指标"
	sustain  = "可持续影响指标"
	satisfy  = "服务对象满意度指标"
	dash     = "—"
	fundDept = "资金情况（万元）"
	fundProj = "项目资金（万元）"
)

// Department fund figures in 万元. 基本支出 + 项目支出 = 年度资金总额 exactly.
var (
	basicInit, basicBudget, basicExec = 568.30, 586.42, 584.97
	projInit, projBudget, projExec    = 420.00, 2318.60, 2262.15
	totInit, totBudget, totExec       = 988.30, 2905.02, 2847.12
)

func deptForm() *sheetgen.Form {
	fundScore := sc(10 * math.Min(totExec/totBudget, 1))
	inds := []sheetgen.Indicator{
		{L1: l1Out, L2: qty, Name: "规模工业总产值", Target: "≥800亿元", Previous: "748.75亿元", Actual: "838.6亿元", Max: 5, Score: 5},
		{L1: l1Out, L2: qty, Name: "工业增加值", Target: "≥190亿元", Previous: "177.71亿元", Actual: "197.26亿元", Max: 4, Score: 4},
		{L1: l1Out, L2: qty, Name: "新增规模工业企业", Target: "≥120家", Previous: "126家", Actual: "133家", Max: 4, Score: 4},
		{L1: l1Out, L2: qty, Name: "新增高新技术企业", Target: "≥25家", Previous: "18家", Actual: "22家", Max: 4, Score: scoreFwd(4, 22, 25),
			Deviation: "部分申报企业研发费用归集不规范，未通过认定评审。下一步建立高企后备库，提前开展申报辅导。"},
		{L1: l1Out, L2: qty, Name: "国家级高新技术企业总数", Target: "≥50家", Previous: "30家", Actual: "52家", Max: 3, Score: 3},
		{L1: l1Out, L2: qty, Name: "企业上云数量", Target: "≥3500家", Previous: "2600家", Actual: "4000家", Max: 4, Score: 4},
		{L1: l1Out, L2: qty, Name: "争取上级专项资金", Target: "≥2000万元", Previous: "1650万元", Actual: "2155.35万元", Max: 4, Score: 4},
		{L1: l1Out, L2: qual, Name: "全社会R&D经费支出", Target: "≥12亿元", Previous: "10亿元", Actual: "12.5亿元", Max: 4, Score: 4},
		{L1: l1Out, L2: qual, Name: "R&D经费支出占GDP比重", Target: "≥2%", Previous: "1.9%", Actual: "2.2%", Max: 4, Score: 4},
		{L1: l1Out, L2: qual, Name: "高新技术产业增加值占GDP比重", Target: "≥28%", Previous: "27.6%", Actual: "30%", Max: 4, Score: 4},
		// The shortfall whose 偏差原因 the clerk left empty.
		{L1: l1Out, L2: timely, Name: "项目资金拨付及时率", Target: "100%", Previous: "100%", Actual: "96%", Max: 3, Score: scoreFwd(3, 96, 100)},
		{L1: l1Out, L2: timely, Name: "年度重点工作完成时限", Target: "12月底前", Previous: dash, Actual: "12月底前完成", Max: 3, Score: 3},
		// Reverse indicator (a cost), met.
		{L1: l1Out, L2: cost, Name: "“三公”经费支出", Target: "≤32万元", Previous: "35.60万元", Actual: "28.46万元", Max: 4, Score: scoreRev(4, 28.46, 32)},
		{L1: l1Eff, L2: econ, Name: "规模工业总产值增速", Target: "≥10%", Previous: "9.8%", Actual: "12%", Max: 5, Score: 5},
		{L1: l1Eff, L2: econ, Name: "工业增加值增速", Target: "≥8%", Previous: "8.6%", Actual: "11%", Max: 5, Score: 5},
		{L1: l1Eff, L2: social, Name: "科技特派员服务贫困村覆盖率", Target: "100%", Previous: "100%", Actual: "100%", Max: 5, Score: 5},
		{L1: l1Eff, L2: social, Name: "关停“散乱污”企业", Target: "≥5家", Previous: "3家", Actual: "5家", Max: 4, Score: 4},
		{L1: l1Eff, L2: sustain, Name: "上云企业平均节约成本", Target: "≥15%", Previous: dash, Actual: "20%", Max: 5, Score: 5},
		{L1: l1Eff, L2: sustain, Name: "产业转型升级成效", Target: "效果明显", Previous: dash, Actual: "效果明显", Max: 6, Score: 6},
		{L1: l1Sat, L2: satisfy, Name: "企业满意度", Target: "≥95%", Previous: "94%", Actual: "96.5%", Max: 4, Score: 4},
		{L1: l1Sat, L2: satisfy, Name: "社会公众满意度", Target: "不低于90%", Previous: "91%", Actual: "88%", Max: 3, Score: scoreFwd(3, 88, 90),
			Deviation: "部分群众对工业项目的环保问题仍有顾虑，政策宣传覆盖不够。将加强政策解读和信息公开，畅通意见反馈渠道。"},
		{L1: l1Sat, L2: satisfy, Name: "上级主管部门满意度", Target: "达成预期指标", Previous: dash, Actual: "达成预期指标", Max: 3, Score: 3},
	}
	return &sheetgen.Form{
		Title:       "部门整体支出绩效自评表",
		Year:        "（2019年度）",
		NameLabel:   "部门（单位）名称",
		Name:        dept,
		Supervisor:  deptSup,
		Implementer: dept,
		FundLabel:   fundDept,
		Funds: []sheetgen.FundRow{
			{Label: "年度资金总额", Initial: totInit, Budget: totBudget, Executed: totExec, Max: 10, Rate: rate(totExec, totBudget), Scored: fundScore},
			{Label: "其中：基本支出", Initial: basicInit, Budget: basicBudget, Executed: basicExec, Max: dash, Rate: rate(basicExec, basicBudget), Scored: dash},
			{Label: "项目支出", Initial: projInit, Budget: projBudget, Executed: projExec, Max: dash, Rate: rate(projExec, projBudget), Scored: dash},
		},
		Goal: "围绕建设国家级创新创业实验区和湖南轻工业振兴发展先行区的部署，全年实现规模工业总产值800亿元以上、工业增加值190亿元以上；" +
			"新增规模工业企业不少于120家，新增高新技术企业25家以上；全社会研发经费投入不低于12亿元；推动3500家以上企业上云用云；" +
			"严格控制“三公”经费，部门预算执行率达到95%以上。",
		Done: "全市规模工业总产值838.6亿元，工业增加值197.26亿元，分别比上年增长12.00%和11.00%；新增规模工业企业133家，连续第四年居全省首位；" +
			"全社会R&D经费支出12.5亿元，新增高新技术企业22家，国家级高新技术企业累计52家，高新技术产业增加值占GDP比重30%；上云企业4000家。" +
			"部门预算执行率98.01%，“三公”经费支出28.46万元，控制在预算以内。",
		IndHeader:  sheetgen.IndHeader9,
		Indicators: inds,
		TotalMax:   100,
		TotalScore: totalOf(fundScore, inds),
		Footer:     []string{"填表人：刘　敏　　　　联系电话：0739-2612345　　　　填报日期：2020年3月18日"},
	}
}

// totalOf adds the fund score and the indicator scores as the evaluator did.
func totalOf(fund any, inds []sheetgen.Indicator) any {
	t := num(fund)
	for _, in := range inds {
		t += num(in.Score)
	}
	return sc(t)
}

func num(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case float64:
		return x
	case sheetgen.Score:
		return float64(x)
	}
	return 0
}

// project describes one 项目支出绩效自评表.
type project struct {
	sheet, name, implementer string
	// fund rows: 当年财政拨款, 上年结转资金, 其他资金 (initial, budget, executed; nil = blank)
	rows       [3][3]any
	blankTotal bool
	goal, done string
	inds       []sheetgen.Indicator
}

func f2(v any) float64 { return num(v) }

func (p *project) form() *sheetgen.Form {
	var ti, tb, te float64
	for _, r := range p.rows {
		ti += f2(r[0])
		tb += f2(r[1])
		te += f2(r[2])
	}
	ti, tb, te = round2(ti), round2(tb), round2(te)
	fundScore := sc(10 * math.Min(te/tb, 1))
	total := sheetgen.FundRow{Label: "年度资金总额", Initial: ti, Budget: tb, Executed: te, Max: 10, Rate: rate(te, tb), Scored: fundScore}
	if p.blankTotal {
		// Real forms exist whose total row was never filled; the 分值 is printed.
		total = sheetgen.FundRow{Label: "年度资金总额", Max: 10}
	}
	labels := []string{"其中：当年财政拨款", "上年结转资金", "其他资金"}
	funds := []sheetgen.FundRow{total}
	for i, r := range p.rows {
		fr := sheetgen.FundRow{Label: labels[i], Initial: r[0], Budget: r[1], Executed: r[2], Max: dash, Scored: dash}
		if b := f2(r[1]); b > 0 {
			fr.Rate = rate(f2(r[2]), b)
		}
		funds = append(funds, fr)
	}
	return &sheetgen.Form{
		Title:       "项目支出绩效自评表",
		Year:        "（2019年度）",
		NameLabel:   "项目名称",
		Name:        p.name,
		Supervisor:  dept,
		Implementer: p.implementer,
		FundLabel:   fundProj,
		Funds:       funds,
		Goal:        p.goal,
		Done:        p.done,
		IndHeader:   sheetgen.IndHeader8,
		Indicators:  p.inds,
		TotalMax:    100,
		TotalScore:  totalOf(fundScore, p.inds),
	}
}

func projects() []*project {
	return []*project{
		{
			sheet: "项目1-制造强省", name: "制造强省投资规划项目", implementer: dept,
			rows: [3][3]any{{0.0, 800.00, 800.00}, {0.0, 0.0, 0.0}, {0.0, 0.0, 0.0}},
			goal: "争取省级制造强省专项资金，支持一批企业技术改造和智能化升级项目，带动企业新增投资，推动传统产业提质增效。",
			done: "全年获批制造强省投资规划项目22个，省级资金800万元已全部拨付到项目企业，项目均按计划推进，带动企业新增投资6.2亿元。",
			inds: []sheetgen.Indicator{
				{L1: l1OutP, L2: qty, Name: "支持制造强省项目数", Target: "≥20个", Actual: "22个", Max: 15, Score: 15},
				{L1: l1OutP, L2: qual, Name: "项目验收合格率", Target: "≥95%", Actual: "100%", Max: 15, Score: 15},
				{L1: l1OutP, L2: timely, Name: "资金拨付完成时间", Target: "12月底前", Actual: "12月底前", Max: 10, Score: 10},
				{L1: l1OutP, L2: cost, Name: "项目资金支出", Target: "≤800万元", Actual: "800万元", Max: 10, Score: scoreRev(10, 800, 800)},
				{L1: l1EffP, L2: econ, Name: "带动企业新增投资", Target: "≥5亿元", Actual: "6.2亿元", Max: 15, Score: 15},
				{L1: l1EffP, L2: sustain, Name: "对企业技术改造的带动作用", Target: "效果明显", Actual: "效果明显", Max: 15, Score: 15},
				{L1: l1SatP, L2: satisfy, Name: "受益企业满意度", Target: "≥90%", Actual: "95%", Max: 10, Score: 10},
			},
		},
		{
			sheet: "项目2-中小企业", name: "中小企业发展专项资金项目", implementer: dept,
			rows: [3][3]any{{0.0, 360.00, 347.80}, {24.50, 24.50, 24.50}, {nil, nil, nil}},
			goal: "通过中小企业发展专项资金支持中小企业公共服务、专精特新培育和技术创新，扩大企业销售和就业。",
			done: "申报并获批中小企业发展专项资金项目11个，支持资金360万元，连同上年结转资金共支出372.30万元；服务中小企业620户次，带动新增销售收入3.4亿元、新增就业岗位356个。",
			inds: []sheetgen.Indicator{
				{L1: l1OutP, L2: qty, Name: "支持中小企业项目数", Target: "≥10个", Actual: "11个", Max: 15, Score: 15},
				{L1: l1OutP, L2: qty, Name: "服务中小企业户次", Target: "≥500户次", Actual: "620户次", Max: 10, Score: 10},
				{L1: l1OutP, L2: qual, Name: "资金使用合规率", Target: "100%", Actual: "100%", Max: 10, Score: 10},
				{L1: l1OutP, L2: timely, Name: "资金到位及时率", Target: "≥95%", Actual: "92%", Max: 8, Score: scoreFwd(8, 92, 95),
					Deviation: "省级资金下达较晚，部分项目延至次年初拨付。今后资金到位后10个工作日内完成分配。"},
				{L1: l1OutP, L2: cost, Name: "单个项目平均补助", Target: "≤40万元", Actual: "32.73万元", Max: 7, Score: scoreRev(7, 32.73, 40)},
				{L1: l1EffP, L2: econ, Name: "带动企业新增销售收入", Target: "≥3亿元", Actual: "3.4亿元", Max: 15, Score: 15},
				{L1: l1EffP, L2: social, Name: "新增就业岗位", Target: "≥300个", Actual: "356个", Max: 15, Score: 15},
				{L1: l1SatP, L2: satisfy, Name: "中小企业满意度", Target: "≥90%", Actual: "93%", Max: 10, Score: 10},
			},
		},
		{
			sheet: "项目3-科技研发奖补", name: "科技研发奖补资金", implementer: "邵东市科技和工业信息化局（科技股）",
			rows: [3][3]any{{0.0, 795.35, 795.35}, {0.0, 0.0, 0.0}, {0.0, 0.0, 0.0}},
			goal: "落实企业研发投入奖补政策，引导企业加大研发投入，培育高新技术企业，提升全市自主创新能力。",
			done: "省科技厅立项22项，奖补资金795.35万元全部兑现到企业；全社会R&D经费支出12.5亿元，新增高新技术企业22家。",
			inds: []sheetgen.Indicator{
				{L1: l1OutP, L2: qty, Name: "立项项目数", Target: "≥20项", Actual: "22项", Max: 15, Score: 15},
				{L1: l1OutP, L2: qual, Name: "奖补资金兑现率", Target: "100%", Actual: "100%", Max: 15, Score: 15},
				{L1: l1OutP, L2: timely, Name: "资金下达时间", Target: "12月底前", Actual: "11月底", Max: 10, Score: 10},
				{L1: l1OutP, L2: cost, Name: "单项平均奖补额", Target: "≤50万元", Actual: "36.15万元", Max: 10, Score: scoreRev(10, 36.15, 50)},
				{L1: l1EffP, L2: social, Name: "全社会R&D经费支出", Target: "≥12亿元", Actual: "12.5亿元", Max: 10, Score: 10},
				{L1: l1EffP, L2: social, Name: "新增高新技术企业", Target: "≥20家", Actual: "22家", Max: 10, Score: 10},
				{L1: l1EffP, L2: sustain, Name: "企业研发投入意识", Target: "明显增强", Actual: "明显增强", Max: 10, Score: 10},
				{L1: l1SatP, L2: satisfy, Name: "受奖补企业满意度", Target: "≥95%", Actual: "97%", Max: 10, Score: 10},
			},
		},
		{
			sheet: "项目4-科技投入产出", name: "科技投入产出绩效评价奖补", implementer: dept,
			rows:       [3][3]any{{0.0, 200.00, 186.50}, {nil, nil, nil}, {nil, nil, nil}},
			blankTotal: true,
			goal:       "用好科技投入产出绩效评价奖补资金，支持科技创新平台和重点研发项目，巩固全省科技投入产出评价的领先位次。",
			done:       "奖补资金200万元支持8个项目，已支出186.50万元；新建科技创新平台3个；科技投入产出绩效评价位列全省二类地区县(市)第一。",
			inds: []sheetgen.Indicator{
				{L1: l1OutP, L2: qty, Name: "奖补资金支持项目", Target: "≥8个", Actual: "8个", Max: 20, Score: 20},
				{L1: l1OutP, L2: qual, Name: "项目资金使用合规率", Target: "100%", Actual: "100%", Max: 15, Score: 15},
				{L1: l1OutP, L2: timely, Name: "资金支付进度", Target: "≥95%", Actual: "93.25%", Max: 15, Score: scoreFwd(15, 93.25, 95),
					Deviation: "2个项目年底前未完成验收，剩余13.50万元结转下年支付。将督促项目单位加快实施进度。"},
				{L1: l1EffP, L2: social, Name: "全省科技投入产出绩效评价排名", Target: "二类地区前三", Actual: "二类地区第一", Max: 15, Score: 15},
				{L1: l1EffP, L2: sustain, Name: "新建科技创新平台", Target: "≥2个", Actual: "3个", Max: 15, Score: 15},
				{L1: l1SatP, L2: satisfy, Name: "服务对象满意度", Target: "≥90%", Actual: "94%", Max: 10, Score: 10},
			},
		},
	}
}

// Rows of the 基础数据表 (万元): 上年决算数, 本年预算数, 本年决算数.
var basicData = []struct {
	label string
	v     [3]float64
}{
	{"支出合计", [3]float64{2631.40, totBudget, totExec}},
	{"基本支出", [3]float64{552.18, basicBudget, basicExec}},
	{"项目支出", [3]float64{2079.22, projBudget, projExec}},
	{"三公经费", [3]float64{35.60, 32.00, 28.46}},
	{"其中：公务接待费", [3]float64{12.80, 11.00, 9.36}},
	{"公务用车运行维护费", [3]float64{22.80, 21.00, 19.10}},
	{"因公出国（境）费", [3]float64{0, 0, 0}},
	{"会议费", [3]float64{6.20, 5.50, 4.85}},
	{"培训费", [3]float64{8.40, 8.00, 7.62}},
}

const staffQuota, staffActual = 45, 43

// notes is the 文字说明 sheet, one row per section of the seed report's
// outline (see view.AccountSections), written afresh from the seed's facts.
var notes = [][2]string{
	{"部门基本情况", "邵东市科技和工业信息化局是市人民政府工作部门，2019年3月由原经济和科技信息化局更名组建，负责全市工业经济运行调度、科技创新、信息化推进和中小企业服务等工作。" +
		"机构改革中，知识产权职能划转至市场监督管理局，防震减灾职能划转至应急管理局，专家管理职能由人力资源和社会保障局划入。" +
		"本局核定编制45名，年末实际在职43人，财务实行单独核算，2019年部门决算支出2847.12万元。"},
	{"绩效目标", "2019年，本局围绕市委、市政府建设国家级创新创业实验区、中部地区商品物流集散区和湖南轻工业振兴发展先行区的部署，把服务企业放在首位，" +
		"着力扩大规模工业总量、提高企业研发投入、培育高新技术企业。"},
	{"预决算公开", "按照财政部门的统一要求，本局2019年部门预算和2018年部门决算均在局门户网站按时公开，公开内容完整，格式符合规范。"},
	{"资产管理", "国有资产纳入湖南省行政事业单位资产动态管理信息系统管理，资产的增加、减少和使用情况及时登记入账。" +
		"办公室负责实物管理，财务室负责价值核算，实行账实分离，由专人负责资产登记、维护和保管，年末盘点账实相符。"},
	{"内部管理制度", "2017年制定的内部控制制度运行良好，各项支出按规定程序审批，厉行节约的各项规定得到落实，“三公”经费支出控制在预算以内，制度执行总体到位。"},
	{"项目绩效总目标完成情况", "国家可持续发展实验区顺利通过复核；我市入选全国营商环境百强县（市）和全国制造业百强县（市），获评首批省级创新型县（市）；" +
		"承办第四届“制造强国”高峰论坛和全市首届工业设计大赛；获省科技厅“引导支持市县创新驱动发展”奖励。"},
	{"整体支出情况", "全年按照年初预算和预算调整安排支出，资金到位及时、拨付及时；各项目均制定实施方案，按进度拨付资金，专项资金专款专用，未发现截留、挪用等问题。"},
	{"部门整体绩效评价", "1.平稳完成机构和职能调整\n" +
		"3月完成更名组建，知识产权、防震减灾职能按期划出，专家管理职能划入；改革期间各项工作没有中断，所联系行业保持稳定。\n" +
		"2.加强机关党建\n" +
		"健全支部工作机制和责任清单，4月顺利通过例行巡察验收。\n" +
		"3.推动产业提质增效\n" +
		"争取制造强省项目22个、资金800万元，中小企业发展专项项目11个、资金360万元，科技研发奖补项目22项、资金795.35万元；" +
		"科技投入产出绩效评价列全省二类地区县（市）第一，获奖补资金200万元。\n" +
		"4.增强科技创新能力\n" +
		"邵东智能制造技术研究院获评国家中小企业公共服务示范平台，全市50余家企业与高校和科研院所开展产学研合作，首届工业设计大赛征集作品1100余件。"},
	{"重点工作", "1.精准扶贫：帮扶村工作获评优秀单位，科技特派员服务覆盖全市77个贫困村。\n" +
		"2.安全生产：组织行业安全生产督查和隐患排查，督促企业整改到位。\n" +
		"3.综治维稳：在规模企业开展禁毒和扫黑除恶宣传，班子成员带队走访摸排。\n" +
		"4.民生工程：石膏棚户区改造一期270户全部选房到户，铅锌矿棚户区改造946套住房主体完工。"},
	{"获得荣誉", "本年度，本局获评全市推进新型工业化、综治、安全生产、信访、脱贫攻坚等工作先进单位。"},
	{"存在的问题", "一是部分上级专项资金下达较晚，资金拨付进度前慢后快，年末集中支付的情况仍然存在，项目资金拨付及时率未达到100%；" +
		"二是绩效目标设置不够细化，部分指标以定性描述为主，难以量化考核；" +
		"三是新增高新技术企业数量未达到年初目标，企业研发投入在行业之间分布不均；" +
		"四是绩效自评主要依靠单位内部力量，评价结果的运用还不充分。"},
	{"改进措施", "一是加强与财政部门和上级主管部门的衔接，专项资金到位后及时制定分配方案，按季度跟踪支出进度；" +
		"二是编制下年度预算时同步细化绩效目标，尽量选用可量化、可核查的指标；" +
		"三是加大高新技术企业培育力度，建立后备企业库，实行一企一策跟踪服务；" +
		"四是把绩效评价结果与下年度预算安排挂钩，逐步引入第三方评价。"},
}
