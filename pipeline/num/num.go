package num

import (
	"encoding/json"
	"strings"

	"github.com/shopspring/decimal"
)

// Opt is an optional decimal: a value that may be missing or not computable.
// The zero value is "missing". In JSON it is a number, or null when missing.
type Opt struct {
	D     decimal.Decimal
	Valid bool
}

// Some returns a present value.
func Some(d decimal.Decimal) Opt { return Opt{D: d, Valid: true} }

// None is the missing value.
var None = Opt{}

// Int returns a present integer value.
func Int(i int64) Opt { return Some(decimal.NewFromInt(i)) }

// MustParse parses a plain decimal literal; it panics on bad input and is
// meant for constants and tests.
func MustParse(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// jsonPlaces is how many decimal places a JSON number keeps: more than a
// float64 can carry, so the number is "unrounded" for any reader.
const jsonPlaces = 16

// MarshalJSON writes the exact value as a JSON number (trailing zeros
// trimmed), or null.
func (o Opt) MarshalJSON() ([]byte, error) {
	if !o.Valid {
		return []byte("null"), nil
	}
	d := o.D
	if d.Exponent() < -jsonPlaces {
		d = d.Round(jsonPlaces)
	}
	return []byte(trimZeros(d.String())), nil
}

// UnmarshalJSON reads a JSON number or null.
func (o *Opt) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		*o = None
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	d, err := decimal.NewFromString(n.String())
	if err != nil {
		return err
	}
	*o = Some(d)
	return nil
}

func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// Or returns the value, or def when missing.
func (o Opt) Or(def decimal.Decimal) decimal.Decimal {
	if o.Valid {
		return o.D
	}
	return def
}

// IsZero reports a present zero.
func (o Opt) IsZero() bool { return o.Valid && o.D.IsZero() }

// Positive reports a present value above zero.
func (o Opt) Positive() bool { return o.Valid && o.D.IsPositive() }

// Float returns the value as float64 for drawing (charts), never for figures
// that are displayed as digits.
func (o Opt) Float() (float64, bool) {
	if !o.Valid {
		return 0, false
	}
	f, _ := o.D.Float64()
	return f, true
}

// String is the exact value, or "" when missing.
func (o Opt) String() string {
	if !o.Valid {
		return ""
	}
	return o.D.String()
}

// divPlaces is the precision of a quotient. With 28 places a quotient of
// money figures (at most ~20 significant digits) can never sit so close to a
// rounding boundary that display rounding after the division differs from
// rounding the exact fraction.
const divPlaces = 28

// Div returns a/b, or None when either is missing or b is zero.
func Div(a, b Opt) Opt {
	if !a.Valid || !b.Valid || b.D.IsZero() {
		return None
	}
	return Some(a.D.DivRound(b.D, divPlaces))
}

// MulDiv returns a*b/c computed as one division (no intermediate rounding),
// or None when any is missing or c is zero.
func MulDiv(a, b, c Opt) Opt {
	if !a.Valid || !b.Valid || !c.Valid || c.D.IsZero() {
		return None
	}
	return Some(a.D.Mul(b.D).DivRound(c.D, divPlaces))
}

// Add sums the present values; it is None only when all are missing.
func Add(vs ...Opt) Opt {
	var sum decimal.Decimal
	any := false
	for _, v := range vs {
		if v.Valid {
			sum = sum.Add(v.D)
			any = true
		}
	}
	if !any {
		return None
	}
	return Some(sum)
}

// Sub returns a-b, None when either is missing.
func Sub(a, b Opt) Opt {
	if !a.Valid || !b.Valid {
		return None
	}
	return Some(a.D.Sub(b.D))
}

// Min returns the smaller, None when either is missing.
func Min(a, b Opt) Opt {
	if !a.Valid || !b.Valid {
		return None
	}
	if a.D.LessThan(b.D) {
		return a
	}
	return b
}

// Mul returns a*b, None when either is missing.
func Mul(a, b Opt) Opt {
	if !a.Valid || !b.Valid {
		return None
	}
	return Some(a.D.Mul(b.D))
}

// Equal2 reports whether a and b are the same when both are rounded half up
// to two places (how a form shows them). Missing equals only missing.
func Equal2(a, b Opt) bool {
	if a.Valid != b.Valid {
		return false
	}
	if !a.Valid {
		return true
	}
	return Round(a.D, 2).Equal(Round(b.D, 2))
}

// Round rounds half away from zero (四舍五入) to places decimals on the
// exact value: 2.675 → 2.68, -2.675 → -2.68.
func Round(d decimal.Decimal, places int32) decimal.Decimal {
	return d.Round(places)
}
