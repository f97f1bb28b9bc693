// Package checked writes the 核查版 of a clerk's workbook: a copy with every
// value, formula, merge, style and sheet unchanged, each finding's cell
// filled light red and carrying a comment (批注) that says what is wrong and
// how to fix it, and a first sheet 核查意见 listing every finding with a link
// to its cell and whether a report was made.
//
// The clerk who filled the workbook fixes it in Excel or WPS where the
// marks are, and sends it again. Whole-file problems (not a workbook, a
// password, a zip bomb) get no copy: there is no workbook to mark.
package checked
