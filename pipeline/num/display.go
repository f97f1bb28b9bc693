package num

import (
	"github.com/shopspring/decimal"
)

// Dash is shown for a value that cannot be computed.
const Dash = "—"

var (
	hundred  = decimal.NewFromInt(100)
	wanPerYi = decimal.NewFromInt(10000)
)

// Fixed2 writes a present value with exactly two decimals, half up, no
// thousands separator ("838.60"); Dash when missing.
func Fixed2(o Opt) string {
	if !o.Valid {
		return Dash
	}
	return Round(o.D, 2).StringFixed(2)
}

// Money is Fixed2: money is shown with two decimals in its unit.
func Money(o Opt) string { return Fixed2(o) }

// Score is Fixed2: scores are shown with two decimals ("93.50").
func Score(o Opt) string { return Fixed2(o) }

// Percent writes a fraction as a percentage with two decimals ("99.97%",
// "-3.50%"); Dash when missing. The rounding is done on the exact fraction.
func Percent(o Opt) string {
	if !o.Valid {
		return Dash
	}
	return Round(o.D.Mul(hundred), 2).StringFixed(2) + "%"
}

// MoneyWan writes an amount held in 万元 with its unit, switching to 亿元 at
// one 亿 ("838.60万元", "2.46亿元").
func MoneyWan(o Opt) string {
	if !o.Valid {
		return Dash
	}
	if o.D.Abs().GreaterThanOrEqual(wanPerYi) {
		return Round(o.D.DivRound(wanPerYi, divPlaces), 2).StringFixed(2) + "亿元"
	}
	return Fixed2(o) + "万元"
}

// Growth returns (cur-prev)/prev, or None when either is missing or the base
// is zero or negative: growth on such a base is not computable.
func Growth(cur, prev Opt) Opt {
	if !cur.Valid || !prev.Valid || !prev.D.IsPositive() {
		return None
	}
	return Some(cur.D.Sub(prev.D).DivRound(prev.D, divPlaces))
}

// GrowthWords writes a growth rate the way reports do: "增长12.00%",
// "下降23.51%", "持平", "增长1.79倍" (at 100 % and above). With no computable
// base it returns "" and the caller says "上年无此项" or similar.
func GrowthWords(g Opt) string {
	if !g.Valid {
		return ""
	}
	switch {
	case g.D.IsZero():
		return "持平"
	case g.D.GreaterThanOrEqual(decimal.NewFromInt(1)):
		return "增长" + Round(g.D, 2).StringFixed(2) + "倍"
	case g.D.IsPositive():
		return "增长" + Percent(g)
	default:
		return "下降" + Percent(Some(g.D.Neg()))
	}
}

// YoYPhrase is the clause after a figure: "同比增长12.00%", "同比下降3.50%",
// "与上年持平"; "上年无此项" when there is no previous value, and "" when the
// base is zero or negative (no percentage can be given).
func YoYPhrase(cur, prev Opt) string {
	if !prev.Valid {
		return "上年无此项"
	}
	g := Growth(cur, prev)
	if !g.Valid {
		return ""
	}
	if Round(g.D.Mul(hundred), 2).IsZero() {
		// Shown as 0.00 %: "同比下降0.00%" would read oddly.
		return "与上年持平"
	}
	return "同比" + GrowthWords(g)
}

// ChangePhrase writes the change of an amount against last year:
// "比上年增加474.52万元，增长8.20%" or "比上年减少12.00万元，下降3.50%".
// unit is appended to the amount ("万元"). With a zero or negative base only
// the amount is given; with no previous value it returns "上年无此项", and
// with no current value "" (there is no change to state).
func ChangePhrase(cur, prev Opt, unit string) string {
	if !cur.Valid {
		return ""
	}
	if !prev.Valid {
		return "上年无此项"
	}
	diff := cur.D.Sub(prev.D)
	var s string
	switch {
	case Round(diff, 2).IsZero():
		// The change shows as 0.00: "增加0.00万元" would read oddly.
		return "与上年持平"
	case diff.IsPositive():
		s = "比上年增加" + Fixed2(Some(diff)) + unit
	default:
		s = "比上年减少" + Fixed2(Some(diff.Neg())) + unit
	}
	if w := GrowthWords(Growth(cur, prev)); w != "" {
		s += "，" + w
	}
	return s
}

// Shares returns each part's share of the parts' sum, rounded half up to
// places decimals of a percent, adjusted by the largest-remainder method so
// that the shown shares add up to exactly 100 (e.g. 100.00 %). It returns nil
// when the sum is not positive. The results are percentages (12.34 = 12.34 %).
func Shares(parts []decimal.Decimal, places int32) []decimal.Decimal {
	var sum decimal.Decimal
	for _, p := range parts {
		sum = sum.Add(p)
	}
	if !sum.IsPositive() {
		return nil
	}
	unit := decimal.New(1, -places)
	total := hundred
	out := make([]decimal.Decimal, len(parts))
	rem := make([]decimal.Decimal, len(parts))
	var shown decimal.Decimal
	for i, p := range parts {
		exact := p.Mul(hundred).DivRound(sum, divPlaces)
		out[i] = exact.Truncate(places)
		rem[i] = exact.Sub(out[i])
		shown = shown.Add(out[i])
	}
	// Hand out the missing units to the largest remainders, first come first.
	for shown.LessThan(total) {
		best := -1
		for i := range rem {
			if best < 0 || rem[i].GreaterThan(rem[best]) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		out[best] = out[best].Add(unit)
		rem[best] = decimal.NewFromInt(-1)
		shown = shown.Add(unit)
	}
	return out
}
