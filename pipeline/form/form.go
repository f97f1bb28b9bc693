package form

import (
	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/num"
)

// Workbook is one .xlsx as read.
type Workbook struct {
	Source     string // the file's base name
	Department *Form  // the 部门整体支出绩效自评表, nil when the workbook has none
	Projects   []*Form
	Base       *Base        // the 基础数据表, nil when absent
	Narrative  []Section    // the 文字说明 sheet, in order
	Findings   finding.List // what the reader noticed (without File)
}

// Kind tells the two forms apart.
type Kind int

const (
	// DepartmentForm is a 部门整体支出绩效自评表.
	DepartmentForm Kind = iota
	// ProjectForm is a 项目支出绩效自评表.
	ProjectForm
)

// Form is one self-evaluation form.
type Form struct {
	Kind       Kind
	Sheet      string
	Name       string // 项目名称 or 部门（单位）名称
	Department string // 主管部门
	Unit       string // 实施单位
	Year       int    // 0 when the form does not say
	YearCell   string
	// MoneyUnit is the unit the fund block is in as the form says
	// ("万元" or "元"); the reader converts amounts to 万元.
	MoneyUnit string
	Funds     []FundRow // Funds[0] is the 年度资金总额 row when present
	// GoalExpected and GoalActual are the 年度总体目标 texts.
	GoalExpected, GoalActual string
	GoalCell                 string
	Indicators               []Indicator
	// Weights are the 一级 weights written on the form ("产出指标(50分)"),
	// by 一级 name; absent names carry no weight on the form.
	Weights map[string]num.Opt
	// DeclaredTotal is the 总分 row's 得分 as filled in.
	DeclaredTotal num.Opt
	TotalCell     string
	// Conclusion, Problems and Measures are the optional bottom rows
	// (评价结论, 存在问题, 改进措施).
	Conclusion, Problems, Measures string
	// FundWeight is the fund block's weight written in its label
	// ("预算执行情况（万元）（20分）"), for forms whose rows carry no 分值.
	FundWeight num.Opt
	// Blocks are the labelled groups of indicators that carry a weight on
	// the form ("年度绩效目标1（40分）", "绩效指标（90分）").
	Blocks []Block
	// IndicatorSums and FundSums are the 合计 / 小计 / 总计 rows found inside
	// the blocks: checked against the rows they sum, never scored.
	IndicatorSums, FundSums []SumRow
	// People and dates written under the form (填表人, 联系电话, 填报日期,
	// 项目负责人, 财务负责人, 单位负责人), by label as on the form.
	Signatures []Signature
	// Layout names the published form the sheet was recognised as
	// ("national", "chongqing-dept" …), Profile the scoring profile it
	// suggests; see read.Layouts.
	Layout, Profile string
}

// Block is a labelled group of indicators, Indicators[From:To], with the
// weight its label declares.
type Block struct {
	Label    string
	Weight   num.Opt
	Cell     string
	From, To int
}

// SumRow is a 合计 / 小计 / 总计 row inside a block. It sums the rows
// Indicators[From:To] (or the fund breakdown rows Funds[From:To]).
type SumRow struct {
	Label    string
	Row      int
	From, To int
	// MaxScore and DeclaredScore in the indicator block.
	MaxScore, DeclaredScore Value
	// Initial, Budget and Executed in the fund block (万元).
	Initial, Budget, Executed Value
}

// Signature is one "填表人：张三" under the form.
type Signature struct {
	Label, Value, Cell string
}

// Value is a figure with the cell it came from.
type Value struct {
	num.Opt
	Cell string // "D7"
	Text string // the cell's text as shown, for messages
}

// FundRow is one row of the fund block.
type FundRow struct {
	Label   string // "年度资金总额", "当年财政拨款", "上年结转资金", "基本支出" …
	Total   bool   // the 年度资金总额 row
	Row     int    // 1-based sheet row
	Initial Value  // 年初预算数 (万元)
	Budget  Value  // 全年预算数 (万元)
	// Executed is 全年执行数 (万元).
	Executed      Value
	MaxScore      Value // 分值 (blank or — on breakdown rows)
	DeclaredRate  Value // 执行率 as filled in (a fraction)
	DeclaredScore Value // 得分 as filled in
}

// Indicator is one row of the indicator block.
type Indicator struct {
	Level1, Level2, Name string
	Row                  int
	Target               num.Measure // 年度指标值
	Actual               num.Measure // 实际完成值
	Previous             num.Measure // 上年完成值 (empty when the form has no such column)
	TargetCell           string
	ActualCell           string
	PreviousCell         string
	MaxScore             Value // 分值
	DeclaredScore        Value // 得分 as filled in
	// DeclaredCoef is a 得分系数 as filled in (a fraction).
	DeclaredCoef  Value
	Deviation     string
	DeviationCell string
	// Core marks a 核心指标.
	Core bool `json:",omitempty"`
}

// Base is the 基础数据表: last year's and this year's figures per category.
type Base struct {
	Sheet string
	Rows  []BaseRow
	// Authorized (编制数) and Staff (实际在职人数), when given.
	Authorized, Staff Value
}

// BaseRow is one category of the 基础数据表.
type BaseRow struct {
	Item          string // "三公经费", "公务接待费" …
	Row           int
	PreviousFinal Value // 上年决算数
	Budget        Value // 本年预算数
	Final         Value // 本年决算数
}

// Section is one row of the 文字说明 sheet: 章节 | 内容.
type Section struct {
	Title, Text string
}
