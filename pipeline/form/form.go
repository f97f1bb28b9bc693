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
	Deviation            string
	DeviationCell        string
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
