// Package fonts embeds the one typeface jixiao draws with: Noto Sans SC
// Regular (思源黑体), a static TrueType-outline (glyf) font that covers the
// GB 18030 hanzi, CJK punctuation, Latin letters and digits. It is licensed
// under the SIL Open Font License 1.1 (OFL.txt, shipped beside it); the OFL
// allows embedding and redistribution with the license text.
//
// The font comes from the npm package @expo-google-fonts/noto-sans-sc
// (400Regular/NotoSansSC_400Regular.ttf). Only the Regular weight is
// embedded: headings in the PDF are emboldened by stroking the outline,
// which keeps one font file (10.5 MB) in the binary and one font to parse
// per document.
//
// Subset cuts the font to the characters of one document, for the PDF.
// The bytes are handed out as copies: gofpdf writes into the slice it is
// given, so two documents sharing one slice race. Readers that only parse
// (golang.org/x/image/font/sfnt) may use Shared, which must not be modified.
package fonts
