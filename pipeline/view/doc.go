// Package view turns an evaluation into what a Word template shows: the
// names of word.StandardSchema filled with display strings (money with two
// decimals, rates with %, "—" for what cannot be computed, half-up
// rounding), the sentences a report makes of the figures, and the charts.
//
// Building the names is pure: the date is passed in, nothing is read.
// Where the workbook's 文字说明 sheet gives a section's text it is used;
// otherwise the section says what the figures say.
package view
