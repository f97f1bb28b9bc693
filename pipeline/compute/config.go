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
	return Config{
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
	}
}

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
