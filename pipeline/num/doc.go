// Package num holds jixiao's decimal arithmetic and the way figures are
// written: money and rates are decimal.Decimal (never float64 where a
// displayed digit depends on it), display rounding is 四舍五入 (half up, away
// from zero) on the exact value, and office-typed cell text ("1,234.50",
// "１２３", "95%", "—") is parsed into decimals.
//
// Everything here is pure: no I/O, no clock, no logging.
package num
