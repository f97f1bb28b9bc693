// Package checked writes the 核查版 of a clerk's workbook: a copy with every
// value, formula, merge, style and sheet unchanged, each finding's cell
// filled light red and carrying a comment (批注) that says what is wrong and
// how to fix it, and a first sheet 核查意见 listing every finding with a link
// to its cell and whether a report was made.
//
// The clerk who filled the workbook fixes it in Excel or WPS where the
// marks are, and sends it again. Whole-file problems (not a workbook, a
// password, a zip bomb) get no copy: there is no workbook to mark.
//
// # How the copy is made
//
// Write patches the clerk's package at the zip level (patch.go): every part
// that does not change is copied as it is, still compressed; the few that
// do are edited in place, byte for byte everywhere else, by a small XML
// scanner (xmlscan.go):
//
//   - each marked worksheet: the marked <c> gets s= a new cell format (the
//     <c>, and its <row>, are created where the sheet has none, with the
//     style Excel shows there: the row's custom format, else the column's);
//     a <legacyDrawing> goes in its place in CT_Worksheet order; the
//     dimension and a row's spans widen to new cells;
//   - styles.xml: per distinct format of a marked cell, a copy of that <xf>
//     with the red fill (FFC7CE) and applyFill, so its borders, font,
//     number format, alignment and protection stay; then the fonts, fills,
//     border and formats of 核查意见 (styles.go); nothing already there
//     moves, so no other cell changes;
//   - workbook.xml: 核查意见 first in <sheets> (a new sheetId and r:id),
//     activeTab and firstSheet 0, and each definedName's localSheetId one
//     on, since it counts sheets by position (print areas and titles stay
//     on their sheet); its .rels and [Content_Types].xml gain the new parts;
//   - every sheet selected (tabSelected) is unselected, so only 核查意见 is
//     (a sheet is read only as far as its sheetViews to find out).
//
// The new parts are 核查意见 (inline strings: a finding's text starting with
// = + - @ stays text), and per marked sheet a comments part, its VML
// drawing and the sheet's relationships, written as excelize writes them
// (parts.go): same styles, same comment box, anchored where excelize
// anchors it. They are deflated, and the rest copied, by package zipx.
//
// # When excelize writes it instead
//
// Whatever the patch does not know how to edit safely it refuses (an
// unpatchable error, never a partial write) and Write falls back to the
// excelize writer (excelize.go), which opens, edits and rewrites the whole
// workbook, about ten times slower: a sheet to mark that already has
// comments or controls (a legacyDrawing or comments relationship), strict
// OOXML or a main part not in the transitional namespaces, elements with
// a namespace prefix (x:worksheet), an xlsb, a row or cell without its r,
// rows or cells out of order, a worksheet element the patch does not know
// (mc:AlternateContent), a finding's cell not written as "E13", a part
// over 64 MB, more than 1000 comments on a sheet, a package whose parts or
// relationships cannot be found, and any panic of the patch.
package checked
