// Package read turns a 绩效自评表 workbook (.xlsx) into a form.Workbook.
//
// Forms are form-like sheets, not tidy tables, and their layout differs by
// province and year, so nothing here reads a fixed cell: sheets are
// recognised by their titles and headers, blocks by their header labels
// (with their variants: “（A）”, line breaks, half- or full-width brackets,
// spaces, aliases), merged cells are filled down, and values are read as
// offices type them (numbers stored as text, thousands separators,
// full-width digits, “95%” strings, percent-formatted cells, empty markers,
// formulas without a cached value).
//
// Every problem becomes a finding naming the sheet and cell: an error when
// no report can be made, a warning when one can. Whole-file problems
// (corrupt, encrypted, legacy .xls or WPS .et) are a *finding.FileError
// saying what to do. Sizes are limited so a hostile file is refused, not
// obeyed.
//
// Each sheet is streamed once through excelize (raw values); merged ranges,
// cell styles and formula marks are taken from the same sheet part by a
// byte scan instead of a second full XML decode.
package read
