package read

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jixiao/jixiao/pipeline/num"
)

// norm folds a label for matching: full-width to half-width, no spaces or
// line breaks, no bracketed suffix ("全年预算数（A）", "执行率\n(B/A)",
// "年初预算数(万元)"), no trailing colon or "其中：" prefix.
func norm(s string) string {
	if !strings.ContainsFunc(s, normChanges) && !strings.HasPrefix(s, "其中") {
		// Most cells: nothing to fold, no copy.
		return s
	}
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

// normChanges reports a rune norm removes or folds.
func normChanges(r rune) bool {
	switch r {
	case '(', ')', '[', ']', '【', '】', '〔', '〕', ':', '：':
		return true
	}
	return unicode.IsSpace(r) || r >= 0xFF01 && r <= 0xFF5E || num.NeedsNormalize(r)
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
	// colOp, colUnit: the operator and the unit in their own columns
	// (指标性质 · 指标值 · 度量单位).
	colOp
	colUnit
	// colAdjTarget is an adjusted target (调整指标值) that wins over the
	// year's first one.
	colAdjTarget
	// colCoef is a declared 得分系数 (Chongqing: 指标得分 = 得分系数 × 指标权重).
	colCoef
	// colCore marks 核心指标.
	colCore
	nCols
)

// colNames name the column kinds in messages.
var colNames = [nCols]string{
	colInitial: "年初预算数", colBudget: "全年预算数", colExecuted: "全年执行数", colMax: "分值", colRate: "执行率",
	colScore: "得分", colLevel1: "一级指标", colLevel2: "二级指标", colName: "三级指标", colTarget: "年度指标值",
	colActual: "实际完成值", colPrevious: "上年完成值", colDeviation: "偏差原因分析及改进措施",
	colPrevFinal: "上年决算数", colThisBudget: "本年预算数", colThisFinal: "本年决算数",
	colOp: "指标性质", colUnit: "度量单位", colAdjTarget: "调整指标值", colCoef: "得分系数", colCore: "是否核心指标",
}

// aliases lists, per column kind, the header texts offices use (after norm).
// An exact match anywhere wins over a prefix match.
var aliases = [nCols][]string{
	colInitial:    {"年初预算数", "年初预算", "年初预算金额", "年初预算资金"},
	colBudget:     {"全年预算数", "全年预算", "调整后预算数", "调整后预算", "全年预算金额", "全年预算资金", "预算数"},
	colExecuted:   {"全年执行数", "全年执行", "实际执行数", "执行数", "预算执行数", "全年实际支出", "实际支出数", "全年支出数", "执行金额"},
	colMax:        {"分值", "权重", "分值权重", "指标分值", "标准分值", "指标权重", "执行率权重", "权重分值"},
	colRate:       {"执行率", "预算执行率", "资金执行率"},
	colScore:      {"得分", "自评得分", "评价得分", "实际得分", "指标得分", "执行率得分"},
	colLevel1:     {"一级指标"},
	colLevel2:     {"二级指标"},
	colName:       {"三级指标", "指标名称", "具体指标"},
	colTarget:     {"年度指标值", "指标值", "年度目标值", "目标值", "预期指标值", "年度预期目标值", "计划指标值", "年初指标值", "年初目标值"},
	colActual:     {"实际完成值", "全年实际值", "实际值", "完成值", "全年完成值", "实际完成数"},
	colPrevious:   {"上年完成值", "上年实际值", "上年值", "上年同期值", "上年实际完成值", "上年同期"},
	colDeviation:  {"偏差原因分析及改进措施", "偏差原因分析", "未完成原因分析", "偏差原因", "原因分析及改进措施", "未完成原因分析及改进措施", "偏差原因及改进措施", "未完成原因和改进措施", "未完成原因及拟采取的改进措施"},
	colPrevFinal:  {"上年决算数", "上年决算", "上年实际数", "上年实际支出", "上年数"},
	colThisBudget: {"本年预算数", "本年预算", "当年预算数"},
	colThisFinal:  {"本年决算数", "本年决算", "本年实际数", "本年实际支出", "当年决算数"},
	colOp:         {"指标性质", "指标方向", "运算符号", "符号"},
	colUnit:       {"度量单位", "计量单位", "单位"},
	colAdjTarget:  {"调整指标值", "调整后指标值", "调整后目标值", "全年调整指标值"},
	colCoef:       {"得分系数"},
	colCore:       {"是否核心指标", "核心指标"},
}

// ignoredHeaders are header texts of columns the reader knowingly leaves
// unread; any other unrecognised header inside a block is named to the clerk.
var ignoredHeaders = map[string]bool{
	"序号": true, "备注": true, "原因": true, "说明": true, "评分标准": true, "指标解释": true, "评分规则": true,
	"项目": true, "绩效指标": true, "指标": true, "计算方法": true, "数据来源": true, "佐证材料": true, "等级": true,
}

// aliasKind maps every alias to its column kind, and prefixAliases lists
// the aliases long enough to match a header with a suffix; both are made
// once from aliases.
var (
	aliasKind     = map[string]int{}
	prefixAliases []struct {
		alias string
		kind  int
	}
)

func init() {
	for k, as := range aliases {
		for _, a := range as {
			if _, dup := aliasKind[a]; !dup {
				aliasKind[a] = k
			}
			if utf8.RuneCountInString(a) >= 3 {
				prefixAliases = append(prefixAliases, struct {
					alias string
					kind  int
				}{a, k})
			}
		}
	}
}

// kindOf returns the column kind among kinds that a header names, or -1.
// An exact alias wins over a prefix ("全年执行数万元"); among prefixes, the
// kind listed first.
func kindOf(header string, kinds ...int) int {
	// A header is a short label; a long text (a goal, a note) is none, and
	// most cells a form holds are not headers: leave them early.
	if header == "" || len(header) > 90 {
		return -1
	}
	h := norm(header)
	if h == "" {
		return -1
	}
	if k, ok := aliasKind[h]; ok && slices.Contains(kinds, k) {
		return k
	}
	best, at := -1, len(kinds)
	for _, p := range prefixAliases {
		if strings.HasPrefix(h, p.alias) {
			if i := slices.Index(kinds, p.kind); i >= 0 && i < at {
				best, at = p.kind, i
			}
		}
	}
	return best
}

var fundKinds = []int{colInitial, colBudget, colExecuted, colMax, colRate, colScore}
var indKinds = []int{colLevel1, colLevel2, colName, colTarget, colAdjTarget, colActual, colPrevious, colMax, colScore, colDeviation, colOp, colUnit, colCoef, colCore}
var baseKinds = []int{colPrevFinal, colThisBudget, colThisFinal}

// Fund row labels.
func isTotalLabel(l string) bool {
	switch l {
	case "年度资金总额", "资金总额", "年度资金总量", "资金合计", "年度资金合计", "部门预算资金总额", "年度预算资金总额", "总额", "年度财政资金总额", "资金总计":
		return true
	}
	return false
}

// isSumLabel reports a 合计 / 小计 / 总计 row label: a row that sums the
// rows of its block, never one of them.
func isSumLabel(l string) bool {
	switch strings.ReplaceAll(norm(l), " ", "") {
	case "合计", "小计", "总计", "合计数", "小计数":
		return true
	}
	return false
}

// titles of the forms.
var (
	titlesDept    = []string{"部门整体支出绩效自评表", "部门整体绩效自评表", "部门整体支出绩效评价表"}
	titlesProject = []string{"项目支出绩效自评表", "项目绩效自评表", "项目自评表", "绩效目标自评表"}
)

const titleBase = "基础数据表"

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// label cells at the top of a form.
var (
	nameLabelsDept    = []string{"部门(单位)名称", "部门名称", "单位名称", "部门单位名称", "预算部门", "部门"}
	nameLabelsProject = []string{"项目名称"}
	deptLabels        = []string{"主管部门", "主管部门及代码", "主管单位"}
	unitLabels        = []string{"实施单位", "项目实施单位", "预算单位", "实施单位(盖章)"}
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

// displayText folds what an IME puts into text shown in reports: full-width
// digits, Latin letters, point, percent and comparison signs become ASCII;
// Chinese punctuation and brackets stay as typed. "≥３．２万亩" → "≥3.2万亩".
func displayText(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsFunc(s, isFullWidthASCII) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isFullWidthASCII(r) && r != '（' && r != '）' && r != '：' && r != '，' && r != '；' && r != '！' && r != '？' {
			return r - 0xFEE0
		}
		return r
	}, s)
}

func isFullWidthASCII(r rune) bool { return r >= '！' && r <= '～' }

var (
	// "指标1：", "指标1", "指标2:" — the template's numbering of 三级指标.
	indexPrefixRe = regexp.MustCompile(`^指标\s*[0-9０-９]+\s*[:：.．、]?\s*`)
	// Budget codes before a name: "219-池州市…", "51092324T000010263357-2023年…",
	// "2130135－农村公路" (digits and capitals, a dash).
	codePrefixRe = regexp.MustCompile(`^[0-9A-Z]{3,}\s*[-－—_]\s*`)
)

// cleanName is a name as a report shows it: without the template's
// "指标1：" numbering or a budget code, full-width digits folded.
func cleanName(s string) string {
	s = displayText(s)
	// "服务对象满意度指标\n整编资料审核": a category label left above the
	// name in the same cell (湖北) is not part of the name.
	if lines := strings.Split(s, "\n"); len(lines) > 1 {
		for len(lines) > 1 && strings.HasSuffix(strings.TrimSpace(lines[0]), "指标") {
			lines = lines[1:]
		}
		s = strings.Join(lines, "")
	}
	s = indexPrefixRe.ReplaceAllString(s, "")
	if loc := codePrefixRe.FindStringIndex(s); loc != nil && loc[1] < len(s) {
		s = s[loc[1]:]
	}
	return strings.TrimSpace(s)
}

// isPlaceholder reports a template row left in: "指标2：" with nothing after
// it, "……", "/", or the blank template's "例：…" rows.
func isPlaceholder(raw string) bool {
	n := strings.TrimSpace(indexPrefixRe.ReplaceAllString(displayText(raw), ""))
	switch n {
	case "", "……", "…", "...", "......", "/", "-", "—", "等":
		return true
	}
	return strings.HasPrefix(n, "例:") || strings.HasPrefix(n, "例：")
}

// isPrompt reports text the template prints for the clerk to replace
// ("…（200字以内）", "例：…"): no content of the form's own.
func isPrompt(s string) bool {
	n := squash(s)
	return strings.Contains(n, "字以内)") || strings.HasPrefix(n, "例:") || strings.HasPrefix(n, "例：")
}

// excelErrors are the values Excel stores for a formula that failed.
var excelErrors = map[string]bool{
	"#REF!": true, "#DIV/0!": true, "#VALUE!": true, "#N/A": true, "#NAME?": true, "#NUM!": true,
	"#NULL!": true, "#SPILL!": true, "#CALC!": true, "#GETTING_DATA": true, "#FIELD!": true, "#BLOCKED!": true,
}

// splitLabel cuts "项目负责人：查小兵" into its label and value.
func splitLabel(s string) (label, value string, ok bool) {
	s = strings.TrimSpace(s)
	i := strings.IndexAny(s, ":：")
	if i < 0 {
		return "", "", false
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+w:]), true
}
