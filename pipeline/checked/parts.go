package checked

import (
	"strconv"
	"unicode/utf16"

	"github.com/jixiao/jixiao/pipeline/finding"
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// maxCellChars is the most UTF-16 units a cell or comment holds in Excel.
const maxCellChars = 32767

// truncate cuts s to what a cell holds, as excelize does.
func truncate(s string) string {
	n := 0
	for i, r := range s {
		if n += utf16.RuneLen(r); n > maxCellChars {
			return s[:i]
		}
	}
	return s
}

// appendT appends <t>text</t>, with xml:space="preserve" when the text
// starts or ends with white space, as excelize writes it.
func appendT(dst []byte, s string, bstr bool) []byte {
	dst = append(dst, "<t"...)
	if s != "" && (isSpace(s[0]) || isSpace(s[len(s)-1])) {
		dst = append(dst, ` xml:space="preserve"`...)
	}
	dst = append(dst, '>')
	if bstr {
		dst = escapeBstr(dst, s)
	} else {
		dst = escape(dst, s)
	}
	return append(dst, "</t>"...)
}

// escapeBstr escapes s for a cell's text: Excel reads "_xHHHH_" in a cell
// as the character HHHH, so a literal one is written "_x005F_xHHHH_".
func escapeBstr(dst []byte, s string) []byte {
	for {
		i := bstrAt(s)
		if i < 0 {
			return escape(dst, s)
		}
		dst = escape(dst, s[:i])
		dst = append(dst, "_x005F"...)
		s = s[i:]
		dst = escape(dst, s[:1])
		s = s[1:]
	}
}

// bstrAt is the offset of the first "_xHHHH_" in s, or -1.
func bstrAt(s string) int {
	for i := 0; i+7 <= len(s); i++ {
		if s[i] != '_' || s[i+1] != 'x' || s[i+6] != '_' {
			continue
		}
		hex := true
		for _, c := range []byte(s[i+2 : i+6]) {
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				hex = false
			}
		}
		if hex {
			return i
		}
	}
	return -1
}

// listSheet is the worksheet 核查意见: the head line over the columns, a
// header row, a row per finding with a link to its cell, frozen under the
// header, printed landscape on A4 one page wide.
func listSheet(fs finding.List, made bool, linked func(finding.Finding) bool, st listStyles) []byte {
	b := make([]byte, 0, 2048+400*len(fs))
	b = append(b, xmlHeader...)
	b = append(b, `<worksheet xmlns="`+nsMain+`" xmlns:r="`+nsRel+`">`+
		`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:F`...)
	b = strconv.AppendInt(b, int64(2+len(fs)), 10)
	b = append(b, `"/><sheetViews><sheetView tabSelected="1" workbookViewId="0">`+
		`<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`+
		`<sheetFormatPr defaultRowHeight="15"/><cols>`...)
	for i, w := range colWidths {
		b = append(b, `<col min="`...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, `" max="`...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, `" width="`...)
		b = strconv.AppendFloat(b, w, 'f', -1, 64)
		b = append(b, `" customWidth="1"/>`...)
	}
	b = append(b, `</cols><sheetData><row r="1" ht="36" customHeight="1">`...)
	b = strCell(b, 1, 1, headLine(fs, made), st.head)
	b = append(b, `</row><row r="2">`...)
	for i, h := range header {
		b = strCell(b, i+1, 2, h, st.header)
	}
	b = append(b, `</row>`...)
	for i, f := range fs {
		r := i + 3
		row := rowOf(f)
		b = append(b, `<row r="`...)
		b = strconv.AppendInt(b, int64(r), 10)
		b = append(b, `" ht="`...)
		b = strconv.AppendFloat(b, row.height, 'f', -1, 64)
		b = append(b, `" customHeight="1"><c r="A`...)
		b = strconv.AppendInt(b, int64(r), 10)
		b = append(b, `" s="`...)
		b = strconv.AppendInt(b, int64(st.wrap), 10)
		b = append(b, `"><v>`...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, `</v></c>`...)
		b = strCell(b, 2, r, f.Severity.String(), st.wrap)
		b = strCell(b, 3, r, f.Sheet, st.wrap)
		s := st.wrap
		if linked(f) {
			s = st.link
		}
		b = strCell(b, 4, r, row.where, s)
		// Strings are inline strings: text starting with = + - @ can never
		// become a formula here.
		b = strCell(b, 5, r, row.what, st.wrap)
		b = strCell(b, 6, r, row.fix, st.wrap)
		b = append(b, `</row>`...)
	}
	b = append(b, `</sheetData><mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells>`...)
	first := true
	for i, f := range fs {
		if !linked(f) {
			continue
		}
		if first {
			b = append(b, `<hyperlinks>`...)
			first = false
		}
		b = append(b, `<hyperlink ref="D`...)
		b = strconv.AppendInt(b, int64(i+3), 10)
		b = append(b, `" location="`...)
		b = escape(b, quoteSheet(f.Sheet)+"!"+f.Cell)
		b = append(b, `"/>`...)
	}
	if !first {
		b = append(b, `</hyperlinks>`...)
	}
	return append(b, `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>`...)
}

// strCell appends a text cell; an empty text is a blank cell with the style.
func strCell(b []byte, col, row int, s string, style int) []byte {
	b = append(b, `<c r="`...)
	b = appendCell(b, col, row)
	b = append(b, `" s="`...)
	b = strconv.AppendInt(b, int64(style), 10)
	if s == "" {
		return append(b, `"/>`...)
	}
	b = append(b, `" t="inlineStr"><is>`...)
	b = appendT(b, truncate(s), true)
	return append(b, `</is></c>`...)
}

// commentsPart is a sheet's comments part, one comment per mark, by
// jixiao核查, as excelize writes them.
func commentsPart(ms []mark) []byte {
	b := make([]byte, 0, 512+300*len(ms))
	b = append(b, xmlHeader...)
	b = append(b, `<comments xmlns="`+nsMain+`"><authors><author>`...)
	b = escape(b, author)
	b = append(b, `</author></authors><commentList>`...)
	for _, m := range ms {
		b = append(b, `<comment ref="`...)
		b = append(b, m.cell...)
		b = append(b, `" authorId="0"><text>`...)
		b = appendT(b, truncate(m.text), false)
		b = append(b, `</text></comment>`...)
	}
	return append(b, `</commentList></comments>`...)
}

// vmlPart is the VML drawing that shows a sheet's comments: a hidden note
// box per mark, shape ids from block (the o:idmap) on, sized and placed as
// excelize places a 320×120 comment.
func vmlPart(ms []mark, block int, g *geom) []byte {
	b := make([]byte, 0, 1024+900*len(ms))
	b = append(b, `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:mv="http://macVmlSchemaUri">`+
		`<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="`...)
	b = strconv.AppendInt(b, int64(block), 10)
	b = append(b, `"></o:idmap></o:shapelayout>`+
		`<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m0,0l0,21600,21600,21600,21600,0xe">`+
		`<v:stroke joinstyle="miter"></v:stroke><v:path gradientshapeok="t" o:connecttype="rect"></v:path></v:shapetype>`...)
	for i, m := range ms {
		b = append(b, `<v:shape id="_x0000_s`...)
		b = strconv.AppendInt(b, int64(block*1024+i+1), 10)
		b = append(b, `" type="#_x0000_t202" style="position:absolute;73.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#FBF6D6" strokecolor="#EDEAA1">`+
			`<v:fill angle="-180" color2="#FBFE82" type="gradient"><o:fill v:ext="view" type="gradientUnscaled"></o:fill></v:fill>`+
			`<v:shadow on="t" color="black" obscured="t"></v:shadow><v:path o:connecttype="none"></v:path>`+
			`<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>`+
			`<x:ClientData ObjectType="Note"><x:MoveWithCells></x:MoveWithCells><x:SizeWithCells></x:SizeWithCells><x:Anchor>`...)
		b = g.anchor(b, m.col, m.row)
		b = append(b, `</x:Anchor><x:AutoFill>True</x:AutoFill><x:Row>`...)
		b = strconv.AppendInt(b, int64(m.row-1), 10)
		b = append(b, `</x:Row><x:Column>`...)
		b = strconv.AppendInt(b, int64(m.col-1), 10)
		b = append(b, `</x:Column></x:ClientData></v:shape>`...)
	}
	return append(b, `</xml>`...)
}
