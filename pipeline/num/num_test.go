package num

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

// d parses a decimal literal for the tables below.
func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// o is a present value from a literal.
func o(s string) Opt { return Some(d(s)) }

// div is a/b as the package's division makes it.
func div(a, b string) Opt { return Div(o(a), o(b)) }

func TestFixed2HalfUp(t *testing.T) {
	// Every expected value is 四舍五入 on the exact decimal: a 5 in the third
	// place always goes away from zero, whatever float64 would have made of it.
	cases := []struct {
		in   Opt
		want string
	}{
		{o("2.675"), "2.68"}, // float64 2.67499999… would give 2.67
		{o("1.005"), "1.01"}, // float64 1.00499999…
		{o("0.125"), "0.13"}, // banker's rounding would give 0.12
		{o("-2.675"), "-2.68"},
		{o("2.665"), "2.67"},
		{o("0.005"), "0.01"},
		{o("-0.005"), "-0.01"},
		{o("0.0049999"), "0.00"},
		{o("2.6749999999"), "2.67"},
		{o("838.6"), "838.60"},
		{o("1234567.891"), "1234567.89"}, // no thousands separator
		{o("0"), "0.00"},
		{o("100"), "100.00"},
		{o("99.995"), "100.00"},
		{o("-0.004"), "0.00"}, // rounds to zero, no "-0.00"
		{None, "—"},
	}
	for _, c := range cases {
		if got := Fixed2(c.in); got != c.want {
			t.Errorf("Fixed2(%v) = %q, want %q", c.in, got, c.want)
		}
		if got := Money(c.in); got != c.want {
			t.Errorf("Money(%v) = %q, want %q", c.in, got, c.want)
		}
		if got := Score(c.in); got != c.want {
			t.Errorf("Score(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRound(t *testing.T) {
	cases := []struct {
		in     string
		places int32
		want   string
	}{
		{"2.675", 2, "2.68"},
		{"-2.675", 2, "-2.68"},
		{"0.5", 0, "1"},
		{"-0.5", 0, "-1"},
		{"1.5", 0, "2"},
		{"2.5", 0, "3"}, // not to even
		{"0.99975", 4, "0.9998"},
		{"12.345", 1, "12.3"},
		{"12.35", 1, "12.4"},
	}
	for _, c := range cases {
		if got := Round(d(c.in), c.places); !got.Equal(d(c.want)) {
			t.Errorf("Round(%s, %d) = %s, want %s", c.in, c.places, got, c.want)
		}
	}
}

func TestPercent(t *testing.T) {
	cases := []struct {
		in   Opt
		want string
	}{
		{o("0.99975"), "99.98%"},
		{div("1", "3"), "33.33%"},
		{div("2", "3"), "66.67%"},
		{o("0.0035"), "0.35%"},
		{o("0.9997"), "99.97%"},
		{o("-0.035"), "-3.50%"},
		{o("0.12"), "12.00%"},
		{o("1.2"), "120.00%"},
		{o("0.000049"), "0.00%"},
		{o("0.00005"), "0.01%"},
		{o("-0.00005"), "-0.01%"},
		{o("0.02675"), "2.68%"},
		{o("1"), "100.00%"},
		{o("0"), "0.00%"},
		{div("1", "7"), "14.29%"}, // 14.2857…
		{div("1", "8"), "12.50%"},
		{div("1", "80000"), "0.00%"}, // 0.00125 %
		{div("1", "40000"), "0.00%"}, // 0.0025 %: third place is 2, rounds down
		{div("1", "20000"), "0.01%"}, // 0.005 %: exactly half, rounds up
		{div("197.26", "177.71"), "111.00%"},
		{None, "—"},
	}
	for _, c := range cases {
		if got := Percent(c.in); got != c.want {
			t.Errorf("Percent(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMoneyWan(t *testing.T) {
	cases := []struct {
		in   Opt
		want string
	}{
		{o("838.6"), "838.60万元"},
		{o("9999.99"), "9999.99万元"},
		{o("10000"), "1.00亿元"}, // exactly one 亿
		{o("24600"), "2.46亿元"},
		{o("12345.6789"), "1.23亿元"},
		{o("26750"), "2.68亿元"}, // 2.675 亿, half up
		{o("-24600"), "-2.46亿元"},
		{o("0"), "0.00万元"},
		{None, "—"},
	}
	for _, c := range cases {
		if got := MoneyWan(c.in); got != c.want {
			t.Errorf("MoneyWan(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestGrowth(t *testing.T) {
	cases := []struct {
		name      string
		cur, prev Opt
		want      Opt
	}{
		{"规模工业总产值", o("838.6"), o("748.75"), o("0.12")},
		{"R&D", o("12.5"), o("10"), o("0.25")},
		{"decline", o("96.5"), o("100"), o("-0.035")},
		{"flat", o("100"), o("100"), o("0")},
		{"to zero", o("0"), o("50"), o("-1")},
		{"missing base", o("10"), None, None},
		{"missing current", None, o("10"), None},
		{"zero base", o("10"), o("0"), None},
		{"negative base", o("10"), o("-5"), None},
	}
	for _, c := range cases {
		got := Growth(c.cur, c.prev)
		if got.Valid != c.want.Valid || (got.Valid && !got.D.Equal(c.want.D)) {
			t.Errorf("%s: Growth(%v, %v) = %v, want %v", c.name, c.cur, c.prev, got, c.want)
		}
	}
	// 工业增加值 197.26 against 177.71: 19.55/177.71 = 0.110010… → "11.00%".
	g := Growth(o("197.26"), o("177.71"))
	if Percent(g) != "11.00%" {
		t.Errorf("工业增加值 growth shows %q, want 11.00%%", Percent(g))
	}
	if !g.D.GreaterThan(d("0.11001")) || !g.D.LessThan(d("0.11002")) {
		t.Errorf("工业增加值 growth = %s, want 0.110010…", g.D)
	}
}

func TestGrowthWords(t *testing.T) {
	cases := []struct {
		g    Opt
		want string
	}{
		{o("0.12"), "增长12.00%"},
		{o("-0.035"), "下降3.50%"},
		{o("-0.2351"), "下降23.51%"},
		{o("1.79"), "增长1.79倍"},
		{o("1"), "增长1.00倍"}, // at 100 % the 倍 wording starts
		{o("0.999"), "增长99.90%"},
		{o("2.675"), "增长2.68倍"},
		{o("0"), "持平"},
		{o("-1"), "下降100.00%"},
		{None, ""},
	}
	for _, c := range cases {
		if got := GrowthWords(c.g); got != c.want {
			t.Errorf("GrowthWords(%v) = %q, want %q", c.g, got, c.want)
		}
	}
}

func TestYoYPhrase(t *testing.T) {
	cases := []struct {
		cur, prev Opt
		want      string
	}{
		{o("112"), o("100"), "同比增长12.00%"},
		{o("96.5"), o("100"), "同比下降3.50%"},
		{o("279"), o("100"), "同比增长1.79倍"},
		{o("838.6"), o("748.75"), "同比增长12.00%"},
		{o("197.26"), o("177.71"), "同比增长11.00%"},
		{o("100"), o("100"), "与上年持平"},
		{o("5"), None, "上年无此项"},
		{o("5"), o("0"), ""},
		{o("100.00004"), o("100"), "与上年持平"}, // 0.00004 % shows as 0.00 %
		{o("99.99996"), o("100"), "与上年持平"},
		{o("100.005"), o("100"), "同比增长0.01%"},
		{o("5"), o("-3"), ""},
	}
	for _, c := range cases {
		if got := YoYPhrase(c.cur, c.prev); got != c.want {
			t.Errorf("YoYPhrase(%v, %v) = %q, want %q", c.cur, c.prev, got, c.want)
		}
	}
}

func TestChangePhrase(t *testing.T) {
	cases := []struct {
		cur, prev Opt
		want      string
	}{
		// 474.52 / 5786.83 = 0.0819999… → 8.20 %
		{o("6261.35"), o("5786.83"), "比上年增加474.52万元，增长8.20%"},
		{o("331"), o("343"), "比上年减少12.00万元，下降3.50%"}, // 12/343 = 0.034985… → 3.50 %
		{o("279"), o("100"), "比上年增加179.00万元，增长1.79倍"},
		{o("50"), o("0"), "比上年增加50.00万元"}, // zero base: amount only
		{o("50"), o("-10"), "比上年增加60.00万元"},
		{o("100"), o("100"), "与上年持平"},
		{o("100"), None, "上年无此项"},
		{None, o("100"), ""}, // no current figure: nothing to say, certainly not 上年无此项
		{None, None, ""},
		{o("100.004"), o("100"), "与上年持平"},               // the change shows as 0.00
		{o("100.005"), o("100"), "比上年增加0.01万元，增长0.01%"}, // 0.005 → 0.01; 0.005 % → 0.01 %
		{o("1000005"), o("1000000"), "比上年增加5.00万元，增长0.00%"},
	}
	for _, c := range cases {
		if got := ChangePhrase(c.cur, c.prev, "万元"); got != c.want {
			t.Errorf("ChangePhrase(%v, %v) = %q, want %q", c.cur, c.prev, got, c.want)
		}
	}
}

func TestShares(t *testing.T) {
	cases := []struct {
		name  string
		parts []string
		want  []string
	}{
		{"three equal", []string{"1", "1", "1"}, []string{"33.34", "33.33", "33.33"}},
		{"halves", []string{"5", "5"}, []string{"50.00", "50.00"}},
		{"one part", []string{"838.6"}, []string{"100.00"}},
		{"with a zero", []string{"0", "3", "1"}, []string{"0.00", "75.00", "25.00"}},
		// 1/6 = 16.666…, 2/6 = 33.333…, 3/6 = 50: truncated 16.66+33.33+50 = 99.99,
		// the largest remainder (…6667) gets the missing 0.01.
		{"sixths", []string{"1", "2", "3"}, []string{"16.67", "33.33", "50.00"}},
		// 2/3 = 66.666…, 1/6 and 1/6 = 16.666…: truncated 66.66+16.66+16.66 = 99.98;
		// the three remainders tie, the first two get the units.
		{"tie", []string{"4", "1", "1"}, []string{"66.67", "16.67", "16.66"}},
		// seven equal: 14.2857… each, truncated 14.28 ×7 = 99.96, four get +0.01.
		{"sevenths", []string{"1", "1", "1", "1", "1", "1", "1"},
			[]string{"14.29", "14.29", "14.29", "14.29", "14.28", "14.28", "14.28"}},
	}
	for _, c := range cases {
		var parts []decimal.Decimal
		for _, p := range c.parts {
			parts = append(parts, d(p))
		}
		got := Shares(parts, 2)
		if len(got) != len(c.want) {
			t.Fatalf("%s: Shares gave %d values, want %d", c.name, len(got), len(c.want))
		}
		sum := decimal.Zero
		for i := range got {
			sum = sum.Add(got[i])
			if !got[i].Equal(d(c.want[i])) {
				t.Errorf("%s: share %d = %s, want %s", c.name, i, got[i], c.want[i])
			}
		}
		if !sum.Equal(d("100")) {
			t.Errorf("%s: shares add up to %s, want 100.00", c.name, sum)
		}
	}
	if got := Shares(nil, 2); got != nil {
		t.Errorf("Shares(nil) = %v, want nil", got)
	}
	if got := Shares([]decimal.Decimal{d("0"), d("0")}, 2); got != nil {
		t.Errorf("Shares of zeros = %v, want nil", got)
	}
}

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in      string
		want    Opt
		percent bool
		err     bool
	}{
		{"838.6", o("838.6"), false, false},
		{" 12 ", o("12"), false, false},
		{"1,234.50", o("1234.5"), false, false},
		{"1，234.50", o("1234.5"), false, false}, // full-width comma
		{"１２３．５", o("123.5"), false, false},
		{"95%", o("0.95"), true, false},
		{"９５％", o("0.95"), true, false},
		{"99.97%", o("0.9997"), true, false},
		{"（12.5）", o("-12.5"), false, false},
		{"(12.5)", o("-12.5"), false, false},
		{"-3.5", o("-3.5"), false, false},
		{"－3.5", o("-3.5"), false, false},
		{"+3", o("3"), false, false},
		{"1.5E-2", o("0.015"), false, false},
		{"—", None, false, false},
		{"——", None, false, false},
		{"－", None, false, false},
		{"-", None, false, false},
		{"/", None, false, false},
		{"*", None, false, false},
		{"无", None, false, false},
		{"", None, false, false},
		{"   ", None, false, false},
		{"\u3000", None, false, false},
		{"abc", None, false, true},
		{"12月", None, false, true},
		{"1e999999", None, false, true},
		{"NaN", None, false, true},
		{"Infinity", None, false, true},
		{"0x1F", None, false, true},
		{"1.2.3", None, false, true},
		{"%", None, false, true},
		{"()", None, false, true},
		{"50个", None, false, true},
	}
	for _, c := range cases {
		n, err := ParseNumber(c.in)
		if c.err {
			if !errors.Is(err, ErrNotNumber) {
				t.Errorf("ParseNumber(%q) = %v, %v; want ErrNotNumber", c.in, n.Value, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseNumber(%q): %v", c.in, err)
			continue
		}
		if n.Value.Valid != c.want.Valid || (n.Value.Valid && !n.Value.D.Equal(c.want.D)) || n.Percent != c.percent {
			t.Errorf("ParseNumber(%q) = %v (percent %v), want %v (percent %v)", c.in, n.Value, n.Percent, c.want, c.percent)
		}
	}
}

func TestIsEmpty(t *testing.T) {
	for _, s := range []string{"", " ", "—", "－", "-", "/", "*", "无", "——"} {
		if !IsEmpty(s) {
			t.Errorf("IsEmpty(%q) = false", s)
		}
	}
	for _, s := range []string{"0", "达成", "无偏差", "5"} {
		if IsEmpty(s) {
			t.Errorf("IsEmpty(%q) = true", s)
		}
	}
}

func TestParseMeasure(t *testing.T) {
	const q = "" // qualitative: no op, no value
	cases := []struct {
		in       string
		op       string
		value    string // "" = missing
		unit     string
		explicit bool
	}{
		{"≥50个", ">=", "50", "个", true},
		{">=50个", ">=", "50", "个", true},
		{"≧50", ">=", "50", "", true},
		{"不低于95%", ">=", "95", "%", true},
		{"≤90万元", "<=", "90", "万元", true},
		{"不高于90万元", "<=", "90", "万元", true},
		{"不超过3个工作日", "<=", "3", "个工作日", true},
		{"100%", ">=", "100", "%", false},
		{"≥100百分比", ">=", "100", "%", true},
		{"50个以上", ">=", "50", "个", true},
		{"50个及以上", ">=", "50", "个", true},
		{"3天以内", "<=", "3", "天", true},
		{"5%及以下", "<=", "5", "%", true},
		{"≥95%（含）", ">=", "95", "%", true},
		{"90分(含)以上", ">=", "90", "分", true},
		{"≥1次/年", ">=", "1", "次/年", true},
		{"12月底前", q, "", "", false},
		{"90%-100%", q, "", "", false},
		{"效果明显", q, "", "", false},
		{"达成预期指标", q, "", "", false},
		{"＞８０％", ">", "80", "%", true},
		{"<5%", "<", "5", "%", true},
		{"低于5%", "<", "5", "%", true},
		{"=100%", "=", "100", "%", true},
		{"≥ 1,200 家", ">=", "1200", "家", true},
		{"133家", ">=", "133", "家", false},
		{"≥1.5亿元", ">=", "1.5", "亿元", true},
		{"3个月", ">=", "3", "个月", false},
		{"2019年12月31日", q, "", "", false},
		{"—", q, "", "", false},
		{"", q, "", "", false},
	}
	for _, c := range cases {
		m := ParseMeasure(c.in)
		ok := m.Op == c.op && m.Unit == c.unit && m.Explicit == c.explicit
		if c.value == "" {
			ok = ok && !m.Value.Valid && m.Qualitative()
		} else {
			ok = ok && m.Value.Valid && m.Value.D.Equal(d(c.value)) && !m.Qualitative()
		}
		if !ok {
			t.Errorf("ParseMeasure(%q) = op %q value %v unit %q explicit %v; want op %q value %q unit %q explicit %v",
				c.in, m.Op, m.Value, m.Unit, m.Explicit, c.op, c.value, c.unit, c.explicit)
		}
	}
	if m := ParseMeasure("≤90万元"); !m.Reverse() {
		t.Error("≤90万元 is not reverse")
	}
	if m := ParseMeasure("≥90"); m.Reverse() {
		t.Error("≥90 is reverse")
	}
	if m := ParseMeasure("  效果明显 "); m.Text != "效果明显" {
		t.Errorf("Text = %q, want trimmed", m.Text)
	}
}

func TestOptJSON(t *testing.T) {
	cases := []struct {
		in   Opt
		want string
	}{
		{None, "null"},
		{o("0.95"), "0.95"},
		{o("0.9500"), "0.95"},
		{o("93.50"), "93.5"},
		{o("100.00"), "100"},
		{o("10"), "10"},
		{o("0"), "0"},
		{o("-3.5"), "-3.5"},
		{o("838.6"), "838.6"},
		{div("1", "3"), "0.3333333333333333"},
		{div("2", "3"), "0.6666666666666667"},
		{div("90", "95"), "0.9473684210526316"},
		{o("0.12"), "0.12"},
	}
	for _, c := range cases {
		b, err := json.Marshal(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != c.want {
			t.Errorf("json(%v) = %s, want %s", c.in, b, c.want)
		}
	}
	// Inside a struct: numbers without quotes, null for missing.
	b, _ := json.Marshal(struct {
		A, B Opt
	}{o("1.10"), None})
	if string(b) != `{"A":1.1,"B":null}` {
		t.Errorf("struct json = %s", b)
	}
	// Round trip.
	var back struct{ A, B Opt }
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !back.A.Valid || !back.A.D.Equal(d("1.1")) || back.B.Valid {
		t.Errorf("round trip = %+v", back)
	}
	var bad Opt
	if err := json.Unmarshal([]byte(`{}`), &bad); err == nil {
		t.Errorf("an object was accepted: %v", bad)
	}
}

func TestEqual2(t *testing.T) {
	cases := []struct {
		a, b Opt
		want bool
	}{
		{o("4.736842"), o("4.74"), true},
		{o("4.735"), o("4.74"), true},   // half up
		{o("4.7349"), o("4.74"), false}, // 4.73
		{o("2.675"), o("2.68"), true},
		{o("10"), o("10.00"), true},
		{o("9.995"), o("10"), true},
		{o("9.994"), o("10"), false},
		{None, None, true},
		{None, o("0"), false},
		{o("0"), None, false},
	}
	for _, c := range cases {
		if got := Equal2(c.a, c.b); got != c.want {
			t.Errorf("Equal2(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestArithmetic(t *testing.T) {
	if got := Div(o("1"), o("0")); got.Valid {
		t.Errorf("1/0 = %v, want None", got)
	}
	if got := MulDiv(o("5"), o("90"), o("95")); Score(got) != "4.74" {
		t.Errorf("5×90/95 = %v", got)
	}
	if got := MulDiv(o("5"), o("90"), o("0")); got.Valid {
		t.Errorf("MulDiv by 0 = %v", got)
	}
	if got := Add(None, None); got.Valid {
		t.Errorf("Add(None, None) = %v", got)
	}
	if got := Add(None, o("1.5"), o("2")); !got.D.Equal(d("3.5")) {
		t.Errorf("Add = %v", got)
	}
	if got := Sub(o("1"), None); got.Valid {
		t.Errorf("Sub with None = %v", got)
	}
	if got := Min(o("1.2"), o("1")); !got.D.Equal(d("1")) {
		t.Errorf("Min = %v", got)
	}
}
