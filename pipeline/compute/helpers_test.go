package compute

import (
	"strconv"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/shopspring/decimal"
)

const sheet = "表1"

// dec parses a decimal literal.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// opt is "" → missing, else the literal.
func opt(s string) num.Opt {
	if s == "" {
		return num.None
	}
	return num.Some(dec(s))
}

// val is a cell value: "" is a blank cell.
func val(s, cell string) form.Value {
	if s == "" {
		return form.Value{Cell: cell}
	}
	return form.Value{Opt: num.Some(dec(s)), Cell: cell, Text: s}
}

// fundRow builds a fund-block row at sheet row row: C 年初预算数, D 全年预算数,
// E 全年执行数, F 分值, G 执行率, H 得分.
func fundRow(label string, row int, ini, bud, exe, max, rate, score string) form.FundRow {
	r := strconv.Itoa(row)
	return form.FundRow{
		Label: label, Total: label == "年度资金总额", Row: row,
		Initial: val(ini, "C"+r), Budget: val(bud, "D"+r), Executed: val(exe, "E"+r),
		MaxScore: val(max, "F"+r), DeclaredRate: val(rate, "G"+r), DeclaredScore: val(score, "H"+r),
	}
}

// ind is an indicator row: D 年度指标值, E 实际完成值, F 分值, G 得分,
// H 偏差原因, I 上年完成值.
type ind struct {
	l1, l2, name, target, actual, prev, max, decl, dev string
}

func (s ind) form(row int) form.Indicator {
	r := strconv.Itoa(row)
	in := form.Indicator{
		Level1: s.l1, Level2: s.l2, Name: s.name, Row: row,
		Target: num.ParseMeasure(s.target), Actual: num.ParseMeasure(s.actual), Previous: num.ParseMeasure(s.prev),
		TargetCell: "D" + r, ActualCell: "E" + r, PreviousCell: "I" + r,
		MaxScore: val(s.max, "F"+r), DeclaredScore: val(s.decl, "G"+r),
		Deviation: s.dev, DeviationCell: "H" + r,
	}
	if s.prev == "" {
		in.PreviousCell = ""
	}
	return in
}

func projectForm(name string, funds []form.FundRow, inds ...ind) *form.Form {
	f := &form.Form{Kind: form.ProjectForm, Sheet: sheet, Name: name, Department: "邵东市科技和工业信息化局",
		Unit: "邵东市科技和工业信息化局", Year: 2019, MoneyUnit: "万元", Funds: funds}
	for i, s := range inds {
		f.Indicators = append(f.Indicators, s.form(20+i))
	}
	return f
}

// want is a finding expected (or not) among the warnings.
type want struct {
	sev  finding.Severity
	cell string // "" matches any cell
	text string // a part of the message
}

func warn(cell, text string) want { return want{finding.Warning, cell, text} }
func fail(cell, text string) want { return want{finding.Error, cell, text} }

func has(l finding.List, w want) bool {
	for _, f := range l {
		if f.Severity == w.sev && (w.cell == "" || f.Cell == w.cell) && strings.Contains(f.Message, w.text) {
			return true
		}
	}
	return false
}

// hasText reports a finding of any severity whose message holds text.
func hasText(l finding.List, text string) bool {
	for _, f := range l {
		if strings.Contains(f.Message, text) {
			return true
		}
	}
	return false
}

func dump(l finding.List) string {
	var b strings.Builder
	for _, f := range l {
		b.WriteString("\n    " + f.Severity.String() + " " + f.Where() + ": " + f.Message)
	}
	return b.String()
}

// eqOpt compares an Opt with an expectation: "null" is missing, "~x" means
// "shows as x with two decimals", else the exact decimal.
func eqOpt(got num.Opt, want string) bool {
	switch {
	case want == "null":
		return !got.Valid
	case strings.HasPrefix(want, "~"):
		return got.Valid && num.Fixed2(got) == want[1:]
	case strings.HasPrefix(want, "%"):
		return got.Valid && num.Percent(got) == want[1:]+"%"
	default:
		return got.Valid && got.D.Equal(dec(want))
	}
}

func checkOpt(t *testing.T, what string, got num.Opt, want string) {
	t.Helper()
	if want == "" {
		return
	}
	if !eqOpt(got, want) {
		t.Errorf("%s = %v (valid %v), want %s", what, got.D, got.Valid, want)
	}
}

func checkFindings(t *testing.T, l finding.List, wants []want, nots []string) {
	t.Helper()
	for _, w := range wants {
		if !has(l, w) {
			t.Errorf("missing %s at %q containing %q; got:%s", w.sev, w.cell, w.text, dump(l))
		}
	}
	for _, n := range nots {
		if hasText(l, n) {
			t.Errorf("unexpected finding containing %q; got:%s", n, dump(l))
		}
	}
}
