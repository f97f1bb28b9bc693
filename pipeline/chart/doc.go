// Package chart turns an evaluation into the two charts of the report — the
// 预算执行图 (budget against execution per fund row and per project, with
// the 执行率) and the 指标完成图 (完成率 per quantitative indicator against
// a 100 % line, shortfalls in another colour) — once, as a Spec, so that
// the Word report (PNG) and the PDF summary (vectors) show the same data.
//
// Layout computes the drawing of a Spec as boxes, lines and text in points;
// PNG rasterises that drawing, and package pdf replays it with gofpdf.
// Text is measured with the embedded font's own advance widths (package
// fonts), so labels are wrapped or shortened by their real width and never
// overlap. Every figure shown is a display string made by package num; the
// float64 values only size the bars.
//
// PNG draws with golang.org/x/image (opentype glyphs, plain rectangle fills)
// rather than go-chart: the charts need capped bars with a break mark, a
// reference line, per-bar colours and wrapped Chinese labels, which go-chart
// cannot all do, and drawing the few dozen shapes ourselves is faster. The
// font is parsed once per process (fonts.Parsed) and glyph masks are cached.
// The picture is paletted (one byte a pixel, pixels pooled between charts)
// and encoded by encodePNG with klauspost/compress, twice as fast as
// image/png's compress/flate for the same bytes decoded: both charts of
// the sample take about 2.7 ms and 0.17 MB (image/png: 4.5 ms, 2.1 MB).
package chart
