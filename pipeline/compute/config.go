package compute

import (
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/shopspring/decimal"
)

// Config holds what varies by locality: weights, grade bands and the
// qualitative rule. Start from Defaults().
type Config struct {
	// FundWeight is the 分值 of the 年度资金总额 row when the form leaves it
	// blank (national default 10).
	FundWeight decimal.Decimal
	// Level1Weights are the expected weights per 一级指标 (产出 50, 效益 30,
	// 满意度 10). A form whose rows add up to something else gets a warning.
	Level1Weights map[string]decimal.Decimal
	// Grades are the bands, highest first; a total at or above Min gets Name.
	Grades []Band
	// PartialShare and FailedShare are the share of 分值 a qualitative
	// indicator gets when it is 部分达成 or 未达成 and the evaluator gave no
	// 得分 (domain: 60–80 % and 0–60 %).
	PartialShare, FailedShare decimal.Decimal
	// PartialMax and FailedMax are the tops of those bands (domain: 80 %
	// and 60 %): a declared 得分 above the band of the answer's words is cut
	// to it.
	PartialMax, FailedMax decimal.Decimal
	// ReverseNames are words of indicator names that mean "less is better"
	// (调整率, 结余率, 控制率): a target without an operator is read as ≤.
	ReverseNames []string
	// DeclaredScores takes each indicator's 得分 as the form gives it when
	// the form has no 分值 column to recompute it against (湖北); the form
	// must then still add up within its blocks.
	DeclaredScores bool
	// TotalMargin is how far the recomputed total may be from the form's
	// own 总分 before the form is refused as misread (default 5 points).
	TotalMargin decimal.Decimal

	// Name is the profile's name ("national", "hubei" …).
	Name string
	// Profiles are the named scoring profiles a form's layout may ask for;
	// Fixed, when set, is used for every form whatever its layout.
	Profiles map[string]Config
	Fixed    string
}

// Profile returns the profile a form asks for (its layout's), or the
// fixed one, or c itself when there is no such profile.
func (c Config) Profile(name string) Config {
	if c.Fixed != "" {
		name = c.Fixed
	}
	if name == "" || name == c.Name {
		return c
	}
	if p, ok := c.Profiles[name]; ok {
		return p
	}
	return c
}

// Band is one grade band.
type Band struct {
	Name string
	Min  decimal.Decimal
}

// Defaults are the national defaults: 预算执行率 10, 产出 50, 效益 30,
// 满意度 10; 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差; qualitative 部分达成 70 %,
// 未达成 30 %.
func Defaults() Config {
	national := Config{
		Name:       "national",
		FundWeight: decimal.NewFromInt(10),
		Level1Weights: map[string]decimal.Decimal{
			"产出指标":  decimal.NewFromInt(50),
			"效益指标":  decimal.NewFromInt(30),
			"满意度指标": decimal.NewFromInt(10),
		},
		Grades: []Band{
			{"优", decimal.NewFromInt(90)},
			{"良", decimal.NewFromInt(80)},
			{"中", decimal.NewFromInt(60)},
			{"差", decimal.Zero},
		},
		PartialShare: num.MustParse("0.7"),
		FailedShare:  num.MustParse("0.3"),
		PartialMax:   num.MustParse("0.8"),
		FailedMax:    num.MustParse("0.6"),
		TotalMargin:  decimal.NewFromInt(5),
		ReverseNames: []string{"调整率", "结余率", "结转率", "控制率", "投诉率", "事故率", "差错率", "超支率", "发生率", "失误率", "违规率", "返工率", "闲置率", "空置率", "流失率", "损失率", "变动率"},
	}
	// 四川 (510000_0013zp) and 重庆 (得分系数 × 指标权重): 预算执行 10 and
	// indicators 90, with no fixed split between the 一级指标.
	sichuan := national
	sichuan.Name, sichuan.Level1Weights = "sichuan", nil
	chongqing := national
	chongqing.Name, chongqing.Level1Weights = "chongqing", nil
	// 湖北: 预算执行 20 (得分 = 20 × 执行率); indicators 80 in 年度绩效目标
	// blocks; qualitative bands 100–80 %, 80–50 %, 50–0 %; no 分值 column,
	// so the 得分 of each indicator is the form's own.
	hubei := national
	hubei.Name, hubei.Level1Weights = "hubei", nil
	hubei.FundWeight = decimal.NewFromInt(20)
	hubei.PartialShare, hubei.FailedShare = num.MustParse("0.65"), num.MustParse("0.25")
	hubei.PartialMax, hubei.FailedMax = num.MustParse("0.8"), num.MustParse("0.5")
	hubei.DeclaredScores = true
	out := national
	out.Profiles = map[string]Config{"national": national, "sichuan": sichuan, "chongqing": chongqing, "hubei": hubei}
	return out
}

// ProfileNames lists the built-in profiles.
func ProfileNames() []string { return []string{"national", "sichuan", "chongqing", "hubei"} }

// History is what an earlier year's processed workbook of the same
// department gives when the form has no 上年完成值 column: last year's actual
// values by indicator name (三级指标) and last year's executed total.
type History struct {
	Year int
	// Indicators maps 三级指标 → last year's actual measure.
	Indicators map[string]num.Measure
	// FundExecuted is last year's 年度资金总额 全年执行数 (万元).
	FundExecuted num.Opt
	// Projects maps 项目名称 → last year's executed amount (万元).
	Projects map[string]num.Opt
}
