// Package pdf writes the one- or two-page A4 summary of an evaluation that
// a department head reads in a minute: the department, year, total score
// and grade in a title block; the fund table with 执行率; the indicator
// table (target, actual, 完成率, 同比增长, 分值, 得分) with shortfalls
// marked; the project table; the two charts of package chart drawn as
// vectors; the shortfalls with their 偏差原因 and the findings; page
// numbers (第 1 页 共 2 页) and the date it was made, which the caller
// passes in (the package never reads the clock).
//
// It wraps github.com/jung-kurt/gofpdf and works around its limits here:
//
//   - Text is wrapped by our own line breaker (chart.Wrap) on the font's
//     measured widths, following the Chinese 禁则; gofpdf's MultiCell and
//     SplitText drop a character at every wrap inside Chinese text.
//   - Characters beyond U+FFFF make gofpdf panic and characters the font
//     lacks would print as blanks: both are replaced by 〓 and reported in
//     Info.Replaced; every other character reaches the PDF.
//   - gofpdf parses the whole font for every document (twice: on adding
//     it and when embedding the subset) and writes into the font slice it
//     is given. A Maker cuts the 10.5 MB font once to a fixed set (ASCII,
//     the GB 2312 symbols and its 6,763 hanzi, a few signs: about 2.2 MB);
//     a document using characters outside that set gets a cut with them,
//     cached by the set of extra characters. Each document is then drawn
//     once onto a recorder to learn exactly the characters it uses, and
//     gets its own copy of the cut, cut again to those characters (a few
//     hundred glyphs), which gofpdf parses cheaply and embeds as a subset.
//     Measured on the sample (2 cores): 13 ms and 17 MB allocated per PDF
//     in a batch of 100, against 15.5 ms and 18 MB when gofpdf parses the
//     2.2 MB cut itself, and 37–48 ms with the whole font.
//
// A Maker is safe for concurrent use; one per batch keeps the cut fonts.
package pdf
