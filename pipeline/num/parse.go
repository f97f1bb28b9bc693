package num

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Normalize folds what an IME or a WPS cell may put into a figure to plain
// ASCII: full-width digits, signs, point, percent and comma; ideographic and
// no-break spaces. Other characters are kept.
func Normalize(s string) string {
	if !strings.ContainsFunc(s, NeedsNormalize) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		case r == '．':
			b.WriteByte('.')
		case r == '％':
			b.WriteByte('%')
		case r == '，':
			b.WriteByte(',')
		case r == '－' || r == '−' || r == '﹣':
			b.WriteByte('-')
		case r == '＋':
			b.WriteByte('+')
		case r == '（':
			b.WriteByte('(')
		case r == '）':
			b.WriteByte(')')
		case r == '＞':
			b.WriteByte('>')
		case r == '＜':
			b.WriteByte('<')
		case r == '＝' || r == '﹦' || r == '═':
			// ﹦ (small) and ═ (box drawing) stand for "=" in 指标性质 cells.
			b.WriteByte('=')
		case r == '\u3000' || r == '\u00a0' || r == '\u2002' || r == '\u2003' || r == '\u200b' || r == '\ufeff':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NeedsNormalize reports a rune Normalize changes.
func NeedsNormalize(r rune) bool {
	switch {
	case r >= '０' && r <= '９', r == '．', r == '％', r == '，', r == '－', r == '−', r == '﹣', r == '＋',
		r == '（', r == '）', r == '＞', r == '＜', r == '＝', r == '﹦', r == '═',
		r == '\u3000', r == '\u00a0', r == '\u2002', r == '\u2003', r == '\u200b', r == '\ufeff':
		return true
	}
	return false
}

// Implausible bounds any figure of a form: larger is a typing or formula
// accident (1E+308), not an amount, a score or a measure.
var Implausible = decimal.New(1, 15)

// emptyMarkers are what offices type for "nothing here".
var emptyMarkers = map[string]bool{
	"": true, "—": true, "——": true, "-": true, "--": true, "/": true, "*": true,
	"无": true, "－": true, "—-": true, "–": true, "N/A": true, "n/a": true,
}

// IsEmpty reports whether a cell's text means "no value".
func IsEmpty(s string) bool {
	s = strings.TrimSpace(Normalize(s))
	return emptyMarkers[s]
}

// ErrNotNumber is returned for text that is not a figure.
var ErrNotNumber = errors.New("不是数字")

// Number is a parsed figure.
type Number struct {
	Value   Opt  // the value; a percentage string "95%" gives 0.95
	Percent bool // the text ended with %
}

// ParseNumber reads a figure as offices type it: "1,234.50", "１２３．５",
// " 95% ", "(12.5)" for -12.5, "+3"; the empty markers give a missing value.
// Anything else is ErrNotNumber.
func ParseNumber(s string) (Number, error) {
	s = strings.TrimSpace(Normalize(s))
	if emptyMarkers[s] {
		return Number{}, nil
	}
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg = true
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	pct := false
	if strings.HasSuffix(s, "%") {
		pct = true
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	s = stripGrouping(s)
	if s == "" || !LooksNumeric(s) {
		return Number{}, ErrNotNumber
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Number{}, ErrNotNumber
	}
	if neg {
		d = d.Neg()
	}
	if pct {
		d = d.Shift(-2)
	}
	return Number{Value: Some(d), Percent: pct}, nil
}

// LooksNumeric accepts [+-]digits[.digits] and the exponent forms Excel
// writes for raw values (1.5E-2); it refuses "Infinity", "NaN" and hex.
func LooksNumeric(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			exp++
		}
		if exp == 0 || exp > 3 {
			return false
		}
	}
	return i == len(s) && len(s) <= 64
}

// stripGrouping removes thousands separators and inner spaces between digits.
func stripGrouping(s string) string {
	if !strings.ContainsAny(s, ", ") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c == ',' || c == ' ') && i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) {
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Measure is an indicator value as typed: "≥50个", "不低于95%", "≤90万元",
// "100%", or qualitative text ("效果明显").
type Measure struct {
	Text  string // the text as typed (trimmed)
	Op    string // ">=", ">", "<=", "<", "=", or "" for qualitative text
	Value Opt    // the number (95 for "95%"); missing for qualitative text
	Unit  string // "个", "万元", "%" ("百分比" and "％" fold to "%")
	// Explicit is true when the text names its operator; a bare number
	// ("50个") is read as ">=" (a forward indicator).
	Explicit bool
}

// Qualitative reports text that carries no number to compute with.
func (m Measure) Qualitative() bool { return !m.Value.Valid }

// Reverse reports an indicator where less is better (≤, <).
func (m Measure) Reverse() bool { return m.Op == "<=" || m.Op == "<" }

type opWord struct{ word, op string }

// prefixes, longest first within a family so that "不低于" wins over "低于".
var opPrefixes = []opWord{
	{">=", ">="}, {"≥", ">="}, {"≧", ">="}, {"=>", ">="},
	{"<=", "<="}, {"≤", "<="}, {"≦", "<="}, {"=<", "<="},
	{"不低于", ">="}, {"不少于", ">="}, {"不小于", ">="}, {"大于等于", ">="}, {"大于或等于", ">="},
	{"至少", ">="}, {"达到", ">="}, {"超过", ">"},
	{"不高于", "<="}, {"不超过", "<="}, {"不大于", "<="}, {"不多于", "<="}, {"小于等于", "<="}, {"小于或等于", "<="},
	{"控制在", "<="}, {"低于", "<"}, {"少于", "<"}, {"小于", "<"},
	{"高于", ">"}, {"多于", ">"}, {"大于", ">"},
	{">", ">"}, {"<", "<"}, {"=", "="}, {"等于", "="},
}

// suffixes, longest first: "及以上" must win over "以上" or "及" is left in
// the unit.
var opSuffixes = []opWord{
	{"及以上", ">="}, {"及以下", "<="}, {"以上", ">="}, {"以内", "<="}, {"以下", "<="},
}

// unitFold maps unit spellings to one form.
var unitFold = map[string]string{"百分比": "%", "百分点": "%", "％": "%", "个百分点": "%"}

// ParseMeasure reads an indicator value. Text without a usable number — or
// with a number that is a date ("12月底前") or a range ("90%-100%") — is
// qualitative: Op "" and no Value.
func ParseMeasure(text string) Measure {
	t := strings.TrimSpace(text)
	m := Measure{Text: t}
	s := strings.TrimSpace(Normalize(t))
	if emptyMarkers[s] {
		return m
	}
	// "≥95%（含）", "90分(含)以上": the bound is included, which ≥/≤ say.
	for _, w := range []string{"(含本数)", "(含)"} {
		s = strings.TrimSpace(strings.ReplaceAll(s, w, ""))
	}
	op := ""
	for _, p := range opPrefixes {
		if strings.HasPrefix(s, p.word) {
			op = p.op
			s = strings.TrimSpace(s[len(p.word):])
			break
		}
	}
	for _, p := range opSuffixes {
		if strings.HasSuffix(s, p.word) {
			if op == "" {
				op = p.op
			}
			s = strings.TrimSpace(strings.TrimSuffix(s, p.word))
			break
		}
	}
	// The number: [+-]digits[,digits][.digits]
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	start := i
	for i < len(s) && (isDigit(s[i]) || s[i] == '.' || (s[i] == ',' && i+1 < len(s) && isDigit(s[i+1]))) {
		i++
	}
	if i == start {
		return m
	}
	// An exponent, as Excel writes huge or tiny raw values ("1E+308").
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		k := i + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && isDigit(s[k]) {
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			i = k
		}
	}
	n, err := ParseNumber(s[:i])
	if err != nil || !n.Value.Valid {
		return m
	}
	unit := strings.TrimSpace(s[i:])
	if f, ok := unitFold[unit]; ok {
		unit = f
	}
	if !plainUnit(unit) {
		return m
	}
	m.Value = n.Value
	m.Unit = unit
	m.Explicit = op != ""
	if op == "" {
		op = ">="
	}
	m.Op = op
	return m
}

// plainUnit accepts a unit that is a short word: no digits (a range or a
// second figure), no date words, no sentence.
func plainUnit(u string) bool {
	if utf8.RuneCountInString(u) > 8 {
		return false
	}
	for _, r := range u {
		if unicode.IsDigit(r) || r == '-' || r == '~' || r == '～' || r == '至' || r == ',' || r == '，' || r == '、' || r == '；' || r == ';' {
			return false
		}
	}
	for _, w := range []string{"月", "日", "年底", "年前", "号", "季度", "前完成"} {
		if strings.Contains(u, w) {
			// "个月" and "工作日" are duration units, not dates.
			if w == "月" && strings.Contains(u, "个月") || w == "日" && strings.Contains(u, "工作日") {
				continue
			}
			return false
		}
	}
	return true
}

// MoneyScale returns how many 元 one unit is for money units, 0 otherwise.
func MoneyScale(unit string) int64 {
	switch unit {
	case "元":
		return 1
	case "万元", "万":
		return 10000
	case "亿元", "亿":
		return 100000000
	case "千元":
		return 1000
	}
	return 0
}
