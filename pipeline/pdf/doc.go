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
//   - gofpdf parses the font it is given for every document (on adding
//     it and again when it embeds the subset) and writes into that slice.
//     So every document gets a font of its own, a few hundred glyphs:
//     Write draws the document once onto a recorder to learn exactly the
//     characters it uses, and fonts.Subset cuts the embedded 10.5 MB font
//     to those and ASCII, from tables parsed once per process (0.15 ms),
//     in about 0.2 ms. The cut is laid out as gofpdf's own UTF8CutFont
//     lays out a cut, so the PDF is byte for byte the one gofpdf's cut of
//     the whole font gives. Measured on the sample (2 cores, shared): 9 ms
//     and 10 MB allocated per PDF in a batch of 100, against 11.3 ms and
//     18 MB when a Maker cut the font to GB 2312 (2.2 MB) once and each
//     document's font from that cut with UTF8CutFont, and 37–48 ms with
//     the whole font.
//   - gofpdf compresses every stream with a new zlib writer, and one at
//     BestSpeed allocates 1.2 MB. Write has gofpdf write the pages
//     uncompressed and compresses them itself with reused writers, at
//     gofpdf's level, into the same bytes (compress.go).
//
// A Maker is safe for concurrent use.
package pdf
