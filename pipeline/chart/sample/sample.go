package sample

import (
	"fmt"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/num"
)

func d(s string) num.Opt {
	if s == "" {
		return num.None
	}
	return num.Some(num.MustParse(s))
}

func fund(label, initial, budget, executed, max string) compute.Fund {
	f := compute.Fund{Label: label, Initial: d(initial), Budget: d(budget), Executed: d(executed), MaxScore: d(max)}
	f.Rate = num.Div(f.Executed, f.Budget)
	if f.MaxScore.Valid && f.Rate.Valid {
		f.Score = num.Mul(f.MaxScore, num.Min(f.Rate, num.Int(1)))
		f.DeclaredScore = num.Some(num.Round(f.Score.D, 2))
	}
	return f
}

// ind builds an indicator: target and actual as typed; prev may be "".
func ind(l1, l2, name, target, actual, prev, max, deviation string) compute.Indicator {
	t, a := num.ParseMeasure(target), num.ParseMeasure(actual)
	in := compute.Indicator{
		Level1: l1, Level2: l2, Name: name, TargetText: target, ActualText: actual,
		Op: t.Op, Target: t.Value, Actual: a.Value, Unit: t.Unit, MaxScore: d(max),
		Deviation: deviation,
	}
	if prev != "" {
		p := num.ParseMeasure(prev)
		in.PreviousText, in.Previous = prev, p.Value
		in.YoY = num.Growth(in.Actual, in.Previous)
	}
	if t.Qualitative() || a.Qualitative() {
		in.Qualitative, in.Op, in.Rule = true, "", "达成"
		in.Score = in.MaxScore
		in.Achieved = true
		if deviation != "" {
			in.Score = num.Mul(in.MaxScore, d("0.8"))
			in.Achieved = false
		}
		in.DeclaredScore = in.Score
		return in
	}
	if t.Reverse() {
		if a.Value.D.LessThanOrEqual(t.Value.D) {
			in.Completion = num.Int(1)
		} else {
			in.Completion = num.Div(in.Target, in.Actual)
		}
	} else {
		in.Completion = num.Div(in.Actual, in.Target)
	}
	in.Score = num.Mul(in.MaxScore, num.Min(in.Completion, num.Int(1)))
	in.Achieved = num.Equal2(in.Score, in.MaxScore)
	in.DeclaredScore = in.Score
	return in
}

func total(funds []compute.Fund, inds []compute.Indicator) (num.Opt, string) {
	var parts []num.Opt
	if len(funds) > 0 {
		parts = append(parts, funds[0].Score)
	}
	for _, in := range inds {
		parts = append(parts, in.Score)
	}
	t := num.Add(parts...)
	g := "差"
	switch {
	case t.D.GreaterThanOrEqual(num.MustParse("90")):
		g = "优"
	case t.D.GreaterThanOrEqual(num.MustParse("80")):
		g = "良"
	case t.D.GreaterThanOrEqual(num.MustParse("60")):
		g = "中"
	}
	return t, g
}

const (
	out  = "产出指标"
	eff  = "效益指标"
	sat  = "满意度指标"
	qty  = "数量指标"
	qual = "质量指标"
	tim  = "时效指标"
	cost = "成本指标"
	eco  = "经济效益指标"
	soc  = "社会效益指标"
	sus  = "可持续影响指标"
	svc  = "服务对象满意度指标"
)

// Department is a 2019 county 科技和工业信息化局 evaluation: 4 fund rows,
// 22 indicators (some reverse, some qualitative, three short of target,
// one without its 偏差原因), 4 projects with rare name characters, and
// findings.
func Department() *compute.Evaluation {
	funds := []compute.Fund{
		fund("年度资金总额", "620.50", "838.60", "838.35", "10"),
		fund("其中：当年财政拨款", "560.50", "760.10", "759.85", ""),
		fund("上年结转资金", "60.00", "78.50", "78.50", ""),
		fund("其他资金", "0", "0", "0", ""),
	}
	inds := []compute.Indicator{
		ind(out, qty, "新增规模工业企业", "≥120家", "133家", "110家", "4", ""),
		ind(out, qty, "新增高新技术企业", "≥20家", "22家", "18家", "3", ""),
		ind(out, qty, "国家级高新技术企业总数", "≥50家", "52家", "40家", "3", ""),
		ind(out, qty, "组织企业参加各类展会及产销对接活动", "≥12场", "10场", "11场", "3", "受疫情防控要求影响，两场省外展会取消；明年将提前谋划线上对接活动，确保场次不减。"),
		ind(out, qty, "开展安全生产、节能监察检查（企业户次）", "≥300户次", "326户次", "290户次", "3", ""),
		ind(out, qty, "工业设计大赛参赛作品", "≥200件", "236件", "", "2", ""),
		ind(out, qual, "规模工业总产值", "≥800亿元", "838.6亿元", "748.75亿元", "4", ""),
		ind(out, qual, "工业增加值增长率", "≥10%", "11%", "9.5%", "3", ""),
		ind(out, qual, "全社会研究与试验发展经费支出占GDP比重", "≥2.5%", "2.2%", "1.76%", "4", ""),
		ind(out, qual, "项目资料归档完整率", "100%", "100%", "100%", "3", ""),
		ind(out, tim, "专项资金拨付及时率", "≥95%", "98%", "96%", "3", ""),
		ind(out, tim, "企业运行监测数据按月报送", "每月10日前报送", "按时报送", "", "3", ""),
		ind(out, cost, "“三公”经费支出", "≤12.5万元", "11.8万元", "13.2万元", "4", ""),
		ind(out, cost, "公务接待费", "≤3万元", "3.4万元", "2.9万元", "3", ""),
		ind(eff, eco, "高新技术产业增加值占GDP比重", "≥28%", "30%", "27%", "6", ""),
		ind(eff, eco, "企业“上云上平台”数量", "≥150户", "180户", "96户", "5", ""),
		ind(eff, soc, "新增就业岗位", "≥1500个", "1820个", "1600个", "5", ""),
		ind(eff, soc, "创新创业环境", "明显改善", "明显改善", "", "5", ""),
		ind(eff, sus, "科技创新长效机制", "逐步完善", "基本建立", "", "5", "长效机制尚在建设中，下一步将出台配套细则，完善考核办法。"),
		ind(eff, sus, "安全生产事故发生率", "≤0.5%", "0.3%", "0.4%", "4", ""),
		ind(sat, svc, "服务企业满意度", "≥90%", "93.5%", "91%", "5", ""),
		ind(sat, svc, "社会公众满意度", "≥90%", "88%", "90%", "5", ""),
	}
	t, g := total(funds, inds)
	ev := &compute.Evaluation{
		Department: "邵东市科技和工业信息化局",
		Year:       2019,
		Source:     "邵东市科工局2019年度绩效自评表.xlsx",
		Unit:       "邵东市科技和工业信息化局",
		TotalScore: t,
		Grade:      g,
		Funds:      funds,
		Indicators: inds,
		Goal: compute.Goal{
			Expected: "围绕打造国家级创新创业实验区，完成规模工业总产值800亿元，新增规模工业企业120家。",
			Actual:   "完成规模工业总产值838.6亿元，同比增长12%；新增规模工业企业133家。",
		},
	}
	projects := []struct{ name, unit, b, e string }{
		{"工业设计大赛暨“邵东智造”推广项目（喆堃昇赟专项）", "邵东市工业设计促进中心", "120.00", "118.60"},
		{"规模工业企业培育奖补资金", "邵东市科技和工业信息化局", "300.00", "300.00"},
		{"科技创新平台建设（珺玥犇镕实验室）", "邵东市生产力促进中心", "86.40", "70.20"},
		{"安全生产与节能监察", "邵东市节能监察大队", "45.00", "44.80"},
	}
	for i, p := range projects {
		pf := []compute.Fund{fund("年度资金总额", p.b, p.b, p.e, "10")}
		pi := []compute.Indicator{
			ind(out, qty, "完成项目任务数", "≥10项", fmt.Sprintf("%d项", 9+i%3), "", "50", map[bool]string{true: "", false: "部分任务跨年度实施，已列入下年计划。"}[i%3 != 0]),
			ind(eff, soc, "带动企业发展", "效果明显", "效果明显", "", "30", ""),
			ind(sat, svc, "受益对象满意度", "≥90%", "95%", "", "10", ""),
		}
		pt, pg := total(pf, pi)
		ev.Projects = append(ev.Projects, compute.Project{
			Name: p.name, Department: ev.Department, Unit: p.unit, Sheet: fmt.Sprintf("项目%d", i+1),
			Funds: pf, Indicators: pi, TotalScore: pt, Grade: pg,
		})
	}
	ev.Warnings.Warn("部门整体", "H20", "“全社会研究与试验发展经费支出占GDP比重”得分低于分值，但未填写偏差原因分析及改进措施")
	ev.Warnings.Warn("部门整体", "G22", "“公务接待费”表中得分为3.00，按完成率计算应为%s", num.Score(inds[13].Score))
	ev.Warnings.Warn("部门整体", "G28", "总分表中为92.00，按各项得分合计应为%s", num.Score(t))
	ev.Warnings.Warn("项目3", "C5", "实施单位名称含生僻字“𠀀”，已替换显示")
	ev.Summary = compute.Summary{Indicators: len(inds)}
	for _, in := range inds {
		if in.Achieved {
			ev.Summary.Achieved++
		} else {
			ev.Summary.NotAchieved++
		}
	}
	ev.Summary.FundScore = funds[0].Score
	return ev
}

// Large is a department with n indicators (for pagination tests); every
// seventh falls short of its target.
func Large(n int) *compute.Evaluation {
	ev := Department()
	ev.Indicators = nil
	l1 := []string{out, out, out, eff, eff, sat}
	l2 := []string{qty, qual, tim, soc, eco, svc}
	for i := 0; i < n; i++ {
		actual := fmt.Sprintf("%d个", 100+i%13)
		dev := ""
		if i%7 == 3 {
			actual = fmt.Sprintf("%d个", 80+i%11)
			dev = "因项目实施进度滞后，部分任务未按期完成；已督促实施单位加快进度，确保下年度全面完成。"
		}
		name := fmt.Sprintf("第%d项监测指标：年度重点工作任务完成数量", i+1)
		if i%5 == 0 {
			name = fmt.Sprintf("第%d项指标：支持中小微企业技术改造、智能化升级和产业链协同创新项目数量", i+1)
		}
		ev.Indicators = append(ev.Indicators, ind(l1[i%6], l2[i%6], name, "≥100个", actual, "95个", "0.45", dev))
	}
	ev.TotalScore, ev.Grade = total(ev.Funds, ev.Indicators)
	ev.Summary.Indicators = n
	return ev
}
