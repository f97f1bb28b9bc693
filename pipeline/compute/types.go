package compute

import (
	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
)

// Evaluation is one workbook's result; its JSON is the contract's .json.
type Evaluation struct {
	Department string `json:"department"`
	Year       int    `json:"year"`
	Source     string `json:"source"`
	// Unit is the department form's implementing unit or the project's 实施单位.
	Unit       string          `json:"unit,omitempty"`
	TotalScore num.Opt         `json:"total_score"`
	Grade      string          `json:"grade"`
	Funds      []Fund          `json:"funds"`
	Indicators []Indicator     `json:"indicators"`
	Projects   []Project       `json:"projects"`
	Warnings   finding.List    `json:"warnings"`
	Goal       Goal            `json:"goal"`
	Base       []BaseItem      `json:"base,omitempty"`
	Staffing   *Staffing       `json:"staffing,omitempty"`
	Narrative  []NarrativeItem `json:"narrative,omitempty"`
	Summary    Summary         `json:"summary"`
	// Layout is the published form the department's (or single project's)
	// sheet was read as, Profile the scoring profile applied.
	Layout  string `json:"layout,omitempty"`
	Profile string `json:"profile,omitempty"`
	// FromProject is true when the workbook holds project forms only and the
	// top level is the project's (one form) or their roll-up (several).
	FromProject bool `json:"from_project,omitempty"`
	// Workbook is the workbook as read, for what a report takes from the
	// forms as written (主管部门, 填报日期, the 评价结论 / 存在问题 / 改进措施
	// rows). Not part of the .json.
	Workbook *form.Workbook `json:"-"`
}

// Goal is the 年度总体目标 block.
type Goal struct {
	Expected string `json:"expected"`
	Actual   string `json:"actual"`
}

// Fund is one row of a fund block.
type Fund struct {
	Label    string  `json:"label"`
	Initial  num.Opt `json:"initial"`
	Budget   num.Opt `json:"budget"`
	Executed num.Opt `json:"executed"`
	Rate     num.Opt `json:"rate"`
	MaxScore num.Opt `json:"max_score"`
	Score    num.Opt `json:"score"`
	// DeclaredScore is the 得分 the form carries for this row.
	DeclaredScore num.Opt `json:"declared_score"`
	// Previous is last year's final figure (基础数据表 or history), YoY the
	// growth of Executed over it.
	Previous num.Opt `json:"previous"`
	YoY      num.Opt `json:"yoy"`
	// Summed is true when the total row was blank or 0 on the form and was
	// taken as the sum of its breakdown rows.
	Summed bool `json:"summed,omitempty"`
}

// Indicator is one evaluated indicator.
type Indicator struct {
	Level1       string  `json:"level1"`
	Level2       string  `json:"level2"`
	Name         string  `json:"name"`
	TargetText   string  `json:"target_text"`
	ActualText   string  `json:"actual_text"`
	PreviousText string  `json:"previous_text,omitempty"`
	Op           string  `json:"op"`
	Target       num.Opt `json:"target"`
	Actual       num.Opt `json:"actual"`
	Unit         string  `json:"unit"`
	Previous     num.Opt `json:"previous"`
	Completion   num.Opt `json:"completion"`
	// DeclaredCoef is the form's 得分系数 (重庆), when it has one.
	DeclaredCoef  num.Opt `json:"declared_coef,omitempty"`
	YoY           num.Opt `json:"yoy"`
	MaxScore      num.Opt `json:"max_score"`
	Score         num.Opt `json:"score"`
	DeclaredScore num.Opt `json:"declared_score"`
	Deviation     string  `json:"deviation"`
	// Achieved is whether the indicator met its target (score = 分值).
	Achieved bool `json:"achieved"`
	// Qualitative marks a text indicator; Rule says how it was scored.
	Qualitative bool   `json:"qualitative,omitempty"`
	Rule        string `json:"rule,omitempty"`
	Where       string `json:"where,omitempty"` // SHEET!ROW of the indicator, e.g. "部门整体!C18"
	Row         int    `json:"row,omitempty"`   // the sheet row
}

// Project is one 项目支出绩效自评表.
type Project struct {
	Name       string      `json:"name"`
	Department string      `json:"department,omitempty"`
	Unit       string      `json:"unit,omitempty"`
	Sheet      string      `json:"sheet"`
	Layout     string      `json:"layout,omitempty"`
	Profile    string      `json:"profile,omitempty"`
	Funds      []Fund      `json:"funds"`
	Indicators []Indicator `json:"indicators"`
	TotalScore num.Opt     `json:"total_score"`
	Grade      string      `json:"grade"`
	Goal       Goal        `json:"goal"`
	Summary    Summary     `json:"summary"`
}

// BaseItem is one 基础数据表 row with its growth.
type BaseItem struct {
	Item          string  `json:"item"`
	PreviousFinal num.Opt `json:"previous_final"`
	Budget        num.Opt `json:"budget"`
	Final         num.Opt `json:"final"`
	// YoY is Final over PreviousFinal; Rate is Final over Budget.
	YoY  num.Opt `json:"yoy"`
	Rate num.Opt `json:"rate"`
}

// Staffing is 编制数 / 实际在职人数 and 控制率 = staff / authorized.
type Staffing struct {
	Authorized  num.Opt `json:"authorized"`
	Staff       num.Opt `json:"staff"`
	ControlRate num.Opt `json:"control_rate"`
}

// NarrativeItem is a 文字说明 section.
type NarrativeItem struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Summary counts what a report sentence needs.
type Summary struct {
	Indicators   int     `json:"indicators"`
	Achieved     int     `json:"achieved"`
	NotAchieved  int     `json:"not_achieved"`
	FundScore    num.Opt `json:"fund_score"`
	IndicatorSum num.Opt `json:"indicator_score"`
	// ByLevel1 is the score and 分值 per 一级指标, in form order.
	ByLevel1 []LevelScore `json:"by_level1"`
}

// LevelScore is the sum of one 一级指标's rows.
type LevelScore struct {
	Level1   string  `json:"level1"`
	MaxScore num.Opt `json:"max_score"`
	Score    num.Opt `json:"score"`
}
