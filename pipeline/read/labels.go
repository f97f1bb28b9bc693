package read

import (
	"strings"
	"unicode"

	"github.com/jixiao/jixiao/pipeline/num"
)

// norm folds a label for matching: full-width to half-width, no spaces or
// line breaks, no bracketed suffix ("全年预算数（A）", "执行率\n(B/A)",
// "年初预算数(万元)"), no trailing colon or "其中：" prefix.
func norm(s string) string {
	s = num.Normalize(s)
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[' || r == '【' || r == '〔':
			depth++
		case r == ')' || r == ']' || r == '】' || r == '〕':
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case unicode.IsSpace(r):
		default:
			b.WriteRune(r)
		}
	}
	out := strings.TrimRight(b.String(), ":：")
	for _, p := range []string{"其中:", "其中：", "其中"} {
		if strings.HasPrefix(out, p) && len(out) > len(p) {
			out = strings.TrimPrefix(out, p)
			break
		}
	}
	return out
}

// squash folds text for searching inside it (no spaces, half-width), keeping
// brackets.
func squash(s string) string {
	s = num.Normalize(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// column kinds of the two blocks.
const (
	colInitial = iota
	colBudget
	colExecuted
	colMax
	colRate
	colScore
	colLevel1
	colLevel2
	colName
	colTarget
	colActual
	colPrevious
	colDeviation
	colPrevFinal
	colThisBudget
	colThisFinal
	nCols
)

// aliases lists, per column kind, the header texts offices use (after norm).
// Order matters: an earlier kind claims a header first.
var aliases = [nCols][]string{
	colInitial:    {"年初预算数", "年初预算", "年初预算金额", "年初预算资金"},
	colBudget:     {"全年预算数", "全年预算", "调整后预算数", "全年预算金额", "全年预算资金", "预算数"},
	colExecuted:   {"全年执行数", "全年执行", "实际执行数", "执行数", "全年实际支出", "实际支出数", "全年支出数", "执行金额"},
	colMax:        {"分值", "权重", "分值权重", "指标分值", "标准分值"},
	colRate:       {"执行率", "预算执行率", "资金执行率"},
	colScore:      {"得分", "自评得分", "评价得分", "实际得分"},
	colLevel1:     {"一级指标"},
	colLevel2:     {"二级指标"},
	colName:       {"三级指标", "指标名称", "具体指标"},
	colTarget:     {"年度指标值", "指标值", "年度目标值", "目标值", "预期指标值", "年度预期目标值", "计划指标值"},
	colActual:     {"实际完成值", "全年实际值", "实际值", "完成值", "全年完成值", "实际完成数"},
	colPrevious:   {"上年完成值", "上年实际值", "上年值", "上年同期值", "上年实际完成值", "上年同期"},
	colDeviation:  {"偏差原因分析及改进措施", "偏差原因分析", "未完成原因分析", "偏差原因", "原因分析及改进措施", "未完成原因分析及改进措施", "偏差原因及改进措施", "未完成原因和改进措施"},
	colPrevFinal:  {"上年决算数", "上年决算", "上年实际数", "上年实际支出", "上年数"},
	colThisBudget: {"本年预算数", "本年预算", "当年预算数"},
	colThisFinal:  {"本年决算数", "本年决算", "本年实际数", "本年实际支出", "当年决算数"},
}

// kindOf returns the column kind a header names, or -1.
func kindOf(header string, kinds ...int) int {
	h := norm(header)
	if h == "" {
		return -1
	}
	for _, k := range kinds {
		for _, a := range aliases[k] {
			if h == a {
				return k
			}
		}
	}
	// A header with a suffix the aliases lack ("全年执行数万元").
	for _, k := range kinds {
		for _, a := range aliases[k] {
			if len([]rune(a)) >= 3 && strings.HasPrefix(h, a) {
				return k
			}
		}
	}
	return -1
}

var fundKinds = []int{colInitial, colBudget, colExecuted, colMax, colRate, colScore}
var indKinds = []int{colLevel1, colLevel2, colName, colTarget, colActual, colPrevious, colMax, colScore, colDeviation}
var baseKinds = []int{colPrevFinal, colThisBudget, colThisFinal}

// Fund row labels.
func isTotalLabel(l string) bool {
	switch l {
	case "年度资金总额", "资金总额", "年度资金总量", "合计", "总计", "资金合计", "年度资金合计", "部门预算资金总额", "年度预算资金总额":
		return true
	}
	return false
}

// titles of the forms.
const (
	titleDept    = "部门整体支出绩效自评表"
	titleProject = "项目支出绩效自评表"
	titleBase    = "基础数据表"
)

// label cells at the top of a form.
var (
	nameLabelsDept    = []string{"部门(单位)名称", "部门名称", "单位名称", "部门单位名称", "预算部门", "部门"}
	nameLabelsProject = []string{"项目名称"}
	deptLabels        = []string{"主管部门", "主管部门及代码", "主管单位"}
	unitLabels        = []string{"实施单位", "项目实施单位", "预算单位"}
)

// labelIs compares a cell with label spellings; "部门（单位）名称" keeps its
// brackets through squash.
func labelIs(cell string, labels []string) bool {
	s := strings.TrimRight(squash(cell), ":：")
	for _, l := range labels {
		if s == l {
			return true
		}
	}
	return false
}

// isEmptyMarker reports a cell that holds no value.
func isEmptyMarker(s string) bool { return num.IsEmpty(s) }
