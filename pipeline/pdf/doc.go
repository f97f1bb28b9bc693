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
//   - gofpdf's embedding of a UTF-8 font cost more than all the rest of a
//     summary: it parses the font when it is added, takes an ID from a
//     JSON dump of its 65,536-entry width table, and on output cuts the
//     font again and makes a new 1.2 MB zlib writer for the font file and
//     another for a 128 KB CIDToGIDMap. So the summary is drawn on gofpdf
//     with a stand-in core font, each text written as the two-byte codes
//     gofpdf writes for a UTF-8 font, and Write puts the font in the
//     stand-in's place itself (font.go): the objects gofpdf writes for a
//     UTF-8 font, with the descriptor gofpdf computes, and the font file
//     cut to exactly the characters drawn by fonts.Cut, which works from
//     the font's tables parsed once per process (0.15 ms) and cuts in about
//     0.12 ms, laid out as gofpdf's UTF8CutFont lays out a cut. A test
//     holds the result against gofpdf's own embedding of the same cut: the
//     same pages, font file, glyph map and widths, and the same text and
//     pixels in poppler.
//   - The summary is laid out once, onto a recorder that learns the
//     characters it uses and keeps the drawing, which is then replayed onto
//     gofpdf.
//   - gofpdf compresses every stream with a new zlib writer (1.2 MB at
//     BestSpeed). Write has gofpdf write the pages uncompressed and
//     compresses them, and the font, with the Maker's writer: zlib at
//     BestSpeed as gofpdf does, but klauspost/compress's, which takes 0.4
//     ms less per summary than compress/flate for the same streams once
//     inflated (compress.go); the Maker also keeps the buffers.
//
// Measured on the sample in batches of 100 (BenchmarkSummaryBatch, 2
// cores shared with other work): 2.6 ms, 0.74 MB and 10.9k allocations
// per PDF, 2.7 ms of CPU, a third of it compressing the font file at
// compress/flate's BestSpeed; with klauspost/compress since, about 2.2 ms
// (BenchmarkStage/pdf in package report: 2.15 → 1.75 ms). Once
// per process: 0.15 ms to parse the font's tables, about 1 ms for gofpdf
// to compute the descriptor. Before this design: 11.3 ms, 18 MB and 27k
// allocations, when a Maker cut the font to GB 2312 (2.2 MB) with gofpdf's
// UTF8CutFont, each document's font was cut from that, and gofpdf embedded
// it; 37–48 ms when gofpdf parsed the whole font.
//
// A Maker is safe for concurrent use.
package pdf
