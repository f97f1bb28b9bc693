package checked

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"os"

	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/samples/sheetgen"
	"github.com/xuri/excelize/v2"
)

// fixtures are every workbook the reader is tested on and the samples.
func fixtures(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, g := range []string{"../read/testdata/*.xlsx", "../read/testdata/layouts/*.xlsx", "../../samples/*.xlsx"} {
		m, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("only %d fixtures", len(files))
	}
	return files
}

// parts is every part of a package, decompressed.
func parts(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		m[f.Name] = b
	}
	return m
}

// sheetParts maps each sheet's name to its part, read with encoding/xml
// (not with the code under test).
func sheetParts(t *testing.T, ps map[string][]byte) map[string]string {
	t.Helper()
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(ps["xl/workbook.xml"], &wb); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(ps["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, s := range wb.Sheets {
		for _, r := range rels.Rel {
			if r.ID == s.RID {
				if strings.HasPrefix(r.Target, "/") {
					m[s.Name] = strings.TrimPrefix(r.Target, "/")
				} else {
					m[s.Name] = path.Join("xl", r.Target)
				}
			}
		}
	}
	return m
}

// inXML reports whether the sheet part has a <c> for ref.
func inXML(part []byte, ref string) bool {
	return bytes.Contains(part, []byte(`<c r="`+ref+`"`))
}

// someFindings are findings on real cells of a workbook: a value on the
// first sheet, the corners of a merged range, a cell the sheet XML does
// not have (in an existing row and in a new row at the end), cells on a
// second sheet with awkward text, a whole-sheet finding, a finding on a
// sheet the workbook does not have, and two findings on one cell.
func someFindings(t *testing.T, data []byte) finding.List {
	t.Helper()
	xf, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer xf.Close()
	ps := parts(t, data)
	sp := sheetParts(t, ps)
	var fs finding.List
	sheets := xf.GetSheetList()
	firstValue := func(s string) (string, int, int) {
		rows, _ := xf.GetRows(s)
		for r, row := range rows {
			for c, v := range row {
				if v != "" {
					return cellName(c+1, r+1), len(rows), len(row)
				}
			}
		}
		return "", len(rows), 0
	}
	s0 := sheets[0]
	if c, _, _ := firstValue(s0); c != "" {
		fs.Warn(s0, c, "“%s”的填写需核对", c)
		fs.Warn(s0, c, "同一单元格的第二条意见")
	}
	for _, s := range sheets {
		if ms, _ := xf.GetMergeCells(s); len(ms) > 0 {
			m := ms[len(ms)/2]
			fs.Err(s, m.GetStartAxis(), "合并单元格左上角的错误")
			fs.Warn(s, m.GetEndAxis(), "合并单元格右下角：请核对")
			break
		}
	}
	rows, _ := xf.GetRows(s0)
	part := ps[sp[s0]]
	for col := 3; col < 60; col++ {
		if c := cellName(col, 1); !inXML(part, c) {
			fs.Err(s0, c, "第一行缺少的单元格")
			break
		}
	}
	if c := cellName(2, len(rows)+2); !inXML(part, c) {
		fs.Err(s0, c, "表格下方新的一行")
	}
	if len(sheets) > 1 {
		s1 := sheets[1]
		if c, _, _ := firstValue(s1); c != "" {
			fs = append(fs, finding.Finding{Sheet: s1, Cell: c, Severity: finding.Error, Message: "=SUM(A1) 以等号开头 <&> \"引号\" _x0041_ 字样", Hint: "请改正\n第二行 "})
		}
	}
	fs.Warn(s0, "", "各项分值合计为95分，不是100分")
	fs.Err("没有这张表", "B2", "表不存在时不标注")
	return fs
}

// mustPatch writes the copy with the zip-level patch and fails the test
// if the workbook falls back to excelize.
func mustPatch(t *testing.T, data []byte, fs finding.List, made bool) []byte {
	t.Helper()
	p, err := patch(data, fs, made)
	if err != nil {
		t.Fatalf("not patched in place: %v", err)
	}
	var buf bytes.Buffer
	if err := p.write(&buf); err != nil {
		t.Fatal(err)
	}
	var w bytes.Buffer
	if err := Write(&w, data, fs, made); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w.Bytes(), buf.Bytes()) {
		t.Fatal("Write does not write what the patch writes")
	}
	return buf.Bytes()
}

func markedCells(fs finding.List, sheets []string) map[string][]string {
	m := map[string][]string{}
	for _, f := range fs {
		if f.Cell != "" && slices.Contains(sheets, f.Sheet) && !slices.Contains(m[f.Sheet], f.Cell) {
			m[f.Sheet] = append(m[f.Sheet], f.Cell)
		}
	}
	return m
}

// TestPatchFixtures: on every fixture, the patched copy opens in excelize
// with every original cell, formula, style, merge, width and height as it
// was, the marked cells red with their own borders, font and number
// format, the comments readable, and 核查意见 first and the only selected
// sheet; every part it wrote is well-formed XML.
func TestPatchFixtures(t *testing.T) {
	for _, file := range fixtures(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			orig, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fs := someFindings(t, orig)
			out := mustPatch(t, orig, fs, true)
			checkPatched(t, orig, out, fs, true)
		})
	}
}

func checkPatched(t *testing.T, orig, out []byte, fs finding.List, made bool) {
	t.Helper()
	a, err := excelize.OpenReader(bytes.NewReader(orig))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := excelize.OpenReader(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("the copy does not open: %v", err)
	}
	defer b.Close()
	want := a.GetSheetList()
	got := b.GetSheetList()
	if got[0] != SheetName || !slices.Equal(got[1:], want) {
		t.Fatalf("sheets %q, want 核查意见 then %q", got, want)
	}
	if i := b.GetActiveSheetIndex(); i != 0 {
		t.Errorf("active sheet %d", i)
	}
	marked := markedCells(fs, want)

	// Every part written is well-formed, and only 核查意见 is selected.
	po, pn := parts(t, orig), parts(t, out)
	for name, data := range pn {
		if o, ok := po[name]; ok && bytes.Equal(o, data) {
			continue
		}
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := d.Token(); err != nil {
				if err != io.EOF {
					t.Errorf("%s is not well-formed: %v", name, err)
				}
				break
			}
		}
	}
	selected := regexp.MustCompile(`<sheetView [^>]*tabSelected="(1|true)"`)
	for name, part := range sheetParts(t, pn) {
		if sel := selected.Match(pn[part]); sel != (name == SheetName) {
			t.Errorf("%s: tabSelected %v", name, sel)
		}
	}

	for _, s := range want {
		ra, _ := a.GetRows(s, excelize.Options{RawCellValue: true})
		rb, _ := b.GetRows(s, excelize.Options{RawCellValue: true})
		if len(rb) < len(ra) {
			t.Fatalf("%s: %d rows, want %d", s, len(rb), len(ra))
		}
		maxCol := 1
		for r := range ra {
			maxCol = max(maxCol, len(ra[r]))
			for c := range ra[r] {
				cell := cellName(c+1, r+1)
				if c >= len(rb[r]) || rb[r][c] != ra[r][c] {
					t.Errorf("%s!%s: %q, want %q", s, cell, at(rb[r], c), ra[r][c])
				}
				fa, _ := a.GetCellFormula(s, cell)
				fb, _ := b.GetCellFormula(s, cell)
				if fa != fb {
					t.Errorf("%s!%s: formula %q, want %q", s, cell, fb, fa)
				}
				if !slices.Contains(marked[s], cell) {
					sa, _ := a.GetCellStyle(s, cell)
					sb, _ := b.GetCellStyle(s, cell)
					if sa != sb {
						t.Errorf("%s!%s: style %d, want %d", s, cell, sb, sa)
					}
				}
			}
			ha, _ := a.GetRowHeight(s, r+1)
			hb, _ := b.GetRowHeight(s, r+1)
			if ha != hb {
				t.Errorf("%s row %d: height %v, want %v", s, r+1, hb, ha)
			}
		}
		for c := 1; c <= maxCol+2; c++ {
			col := string(appendCol(nil, c))
			wa, _ := a.GetColWidth(s, col)
			wb, _ := b.GetColWidth(s, col)
			if wa != wb {
				t.Errorf("%s column %s: width %v, want %v", s, col, wb, wa)
			}
		}
		ma, _ := a.GetMergeCells(s)
		mb, _ := b.GetMergeCells(s)
		if fmt.Sprint(ma) != fmt.Sprint(mb) {
			t.Errorf("%s: merges %v, want %v", s, mb, ma)
		}
		for _, cell := range marked[s] {
			checkMarked(t, a, b, pn, s, cell)
		}
		cs, err := b.GetComments(s)
		if err != nil {
			t.Fatal(err)
		}
		texts := map[string]string{}
		for _, c := range cs {
			text := c.Text
			for _, p := range c.Paragraph {
				text += p.Text
			}
			texts[c.Cell] = text
			if c.Author != author {
				t.Errorf("%s!%s: comment by %q", s, c.Cell, c.Author)
			}
		}
		for _, cell := range marked[s] {
			if w := commentText(fs, s, cell); texts[cell] != w {
				t.Errorf("%s!%s: comment %q, want %q", s, cell, texts[cell], w)
			}
		}
		if len(texts) != len(marked[s]) {
			t.Errorf("%s: %d comments, want %d", s, len(texts), len(marked[s]))
		}
	}
	da, db := a.GetDefinedName(), b.GetDefinedName()
	if fmt.Sprint(da) != fmt.Sprint(db) {
		t.Errorf("defined names %v, want %v", db, da)
	}
	checkList(t, b, fs, made, want)
}

// checkMarked: the cell is filled FFC7CE and keeps its borders, font,
// number format, alignment and protection.
func checkMarked(t *testing.T, a, b *excelize.File, ps map[string][]byte, s, cell string) {
	t.Helper()
	ia, _ := a.GetCellStyle(s, cell)
	ib, _ := b.GetCellStyle(s, cell)
	sa, err := a.GetStyle(ia)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := b.GetStyle(ib)
	if err != nil {
		t.Fatal(err)
	}
	if sb.Fill.Type != "pattern" || sb.Fill.Pattern != 1 || len(sb.Fill.Color) > 0 && sb.Fill.Color[0] != "" && !strings.EqualFold(sb.Fill.Color[0], markFill) {
		t.Errorf("%s!%s not marked: %+v", s, cell, sb.Fill)
	}
	if f := fillOf(t, ps, ib); f != "solid FF"+markFill {
		t.Errorf("%s!%s: fill %s", s, cell, f)
	}
	sa.Fill, sb.Fill = excelize.Fill{}, excelize.Fill{}
	if ja, jb := fmt.Sprintf("%+v", deref(sa)), fmt.Sprintf("%+v", deref(sb)); ja != jb {
		t.Errorf("%s!%s: style %s, want %s", s, cell, jb, ja)
	}
}

// deref shows a style with what its pointers point to.
func deref(s *excelize.Style) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// fillOf is the solid fill colour of cell format id in a package's
// styles, read with encoding/xml (excelize reports no colour for a
// workbook without a theme, as LibreOffice writes them).
func fillOf(t *testing.T, ps map[string][]byte, id int) string {
	t.Helper()
	var st struct {
		Fills []struct {
			Pattern struct {
				Type string `xml:"patternType,attr"`
				Fg   struct {
					RGB string `xml:"rgb,attr"`
				} `xml:"fgColor"`
			} `xml:"patternFill"`
		} `xml:"fills>fill"`
		Xfs []struct {
			FillID int `xml:"fillId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(ps["xl/styles.xml"], &st); err != nil {
		t.Fatal(err)
	}
	if id >= len(st.Xfs) || st.Xfs[id].FillID >= len(st.Fills) {
		return "no such style"
	}
	p := st.Fills[st.Xfs[id].FillID].Pattern
	return p.Type + " " + p.Fg.RGB
}

// checkList: 核查意见 lists the findings, text stays text, and each finding
// on a cell of the workbook links to it.
func checkList(t *testing.T, b *excelize.File, fs finding.List, made bool, sheets []string) {
	t.Helper()
	rows, err := b.GetRows(SheetName)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{headLine(fs, made)}, header}
	for i, f := range fs {
		what, fix := f.Split()
		where := f.Cell
		if where == "" {
			where = "（整表）"
		}
		want = append(want, []string{fmt.Sprint(i + 1), f.Severity.String(), f.Sheet, where, what, fix})
	}
	if fmt.Sprintf("%q", rows) != fmt.Sprintf("%q", want) {
		t.Errorf("核查意见:\n%q\nwant\n%q", rows, want)
	}
	for r := 1; r <= len(want); r++ {
		for c := 1; c <= 6; c++ {
			if f, _ := b.GetCellFormula(SheetName, cellName(c, r)); f != "" {
				t.Errorf("%s: a formula %q", cellName(c, r), f)
			}
		}
	}
	for i, f := range fs {
		cell := cellName(4, i+3)
		ok, target, _ := b.GetCellHyperLink(SheetName, cell)
		if linked := f.Cell != "" && slices.Contains(sheets, f.Sheet); ok != linked || linked && target != quoteSheet(f.Sheet)+"!"+f.Cell {
			t.Errorf("%s: link %v %q", cell, ok, target)
		}
	}
}

// TestPatchMatchesExcelize: on every fixture the patched copy shows what
// the excelize writer's copy shows: the same 核查意见 (values, links, row
// heights, column widths, styles), the same comments in boxes at the same
// anchors, the same red fills.
func TestPatchMatchesExcelize(t *testing.T) {
	for i, file := range fixtures(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			orig, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fs := someFindings(t, orig)
			// The excelize writer loses a literal "_x0041_" (its shared
			// string is not escaped, so it reads back as "A"); the patch
			// keeps it (TestPatchFixtures checks), so leave it out here.
			for i := range fs {
				fs[i].Message = strings.ReplaceAll(fs[i].Message, "_x0041_", "x0041")
			}
			made := i%2 == 0 // both head lines, half the excelize writes
			out := mustPatch(t, orig, fs, made)
			var old bytes.Buffer
			if err := writeExcelize(&old, orig, fs, made); err != nil {
				t.Fatal(err)
			}
			compareCopies(t, old.Bytes(), out, fs)
		})
	}
}

func compareCopies(t *testing.T, old, out []byte, fs finding.List) {
	t.Helper()
	a, err := excelize.OpenReader(bytes.NewReader(old))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := excelize.OpenReader(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if la, lb := a.GetSheetList(), b.GetSheetList(); !slices.Equal(la, lb) {
		t.Fatalf("sheets %q, excelize %q", lb, la)
	}
	if a.GetActiveSheetIndex() != b.GetActiveSheetIndex() {
		t.Errorf("active sheet %d, excelize %d", b.GetActiveSheetIndex(), a.GetActiveSheetIndex())
	}
	ra, _ := a.GetRows(SheetName)
	rb, _ := b.GetRows(SheetName)
	if fmt.Sprintf("%q", ra) != fmt.Sprintf("%q", rb) {
		t.Errorf("核查意见 %q, excelize %q", rb, ra)
	}
	for r := 1; r <= len(ra); r++ {
		ha, _ := a.GetRowHeight(SheetName, r)
		hb, _ := b.GetRowHeight(SheetName, r)
		if ha != hb {
			t.Errorf("核查意见 row %d: height %v, excelize %v", r, hb, ha)
		}
		for c := 1; c <= 6; c++ {
			cell := cellName(c, r)
			oka, la, _ := a.GetCellHyperLink(SheetName, cell)
			okb, lb, _ := b.GetCellHyperLink(SheetName, cell)
			if oka != okb || la != lb {
				t.Errorf("%s: link %v %q, excelize %v %q", cell, okb, lb, oka, la)
			}
			ia, _ := a.GetCellStyle(SheetName, cell)
			ib, _ := b.GetCellStyle(SheetName, cell)
			sa, _ := a.GetStyle(ia)
			sb, _ := b.GetStyle(ib)
			if ja, jb := fmt.Sprintf("%+v %s", sa.Fill, deref(sa)), fmt.Sprintf("%+v %s", sb.Fill, deref(sb)); ja != jb {
				t.Errorf("%s: style %s, excelize %s", cell, jb, ja)
			}
		}
	}
	for c := 1; c <= 7; c++ {
		col := string(appendCol(nil, c))
		wa, _ := a.GetColWidth(SheetName, col)
		wb, _ := b.GetColWidth(SheetName, col)
		if wa != wb {
			t.Errorf("核查意见 column %s: width %v, excelize %v", col, wb, wa)
		}
	}
	ma, _ := a.GetMergeCells(SheetName)
	mb, _ := b.GetMergeCells(SheetName)
	if fmt.Sprint(ma) != fmt.Sprint(mb) {
		t.Errorf("核查意见 merges %v, excelize %v", mb, ma)
	}
	pa, pb := a.GetPageLayout, b.GetPageLayout
	la, _ := pa(SheetName)
	lb, _ := pb(SheetName)
	if fmt.Sprintf("%v %v %v", *la.Size, *la.Orientation, *la.FitToWidth) != fmt.Sprintf("%v %v %v", *lb.Size, *lb.Orientation, *lb.FitToWidth) {
		t.Errorf("page layout differs")
	}
	pna, _ := a.GetPanes(SheetName)
	pnb, _ := b.GetPanes(SheetName)
	if pna.Freeze != pnb.Freeze || pna.YSplit != pnb.YSplit || pna.TopLeftCell != pnb.TopLeftCell {
		t.Errorf("panes %+v, excelize %+v", pnb, pna)
	}
	for _, s := range a.GetSheetList()[1:] {
		ca, _ := a.GetComments(s)
		cb, _ := b.GetComments(s)
		text := func(cs []excelize.Comment) string {
			var out []string
			for _, c := range cs {
				out = append(out, c.Author+"|"+c.Cell+"|"+c.Text)
			}
			slices.Sort(out)
			return strings.Join(out, "\n")
		}
		if text(ca) != text(cb) {
			t.Errorf("%s: comments\n%s\nexcelize\n%s", s, text(cb), text(ca))
		}
		for _, cell := range markedCells(fs, []string{s})[s] {
			ia, _ := a.GetCellStyle(s, cell)
			ib, _ := b.GetCellStyle(s, cell)
			sa, _ := a.GetStyle(ia)
			sb, _ := b.GetStyle(ib)
			if fmt.Sprintf("%+v", sa.Fill) != fmt.Sprintf("%+v", sb.Fill) {
				t.Errorf("%s!%s: fill %+v, excelize %+v", s, cell, sb.Fill, sa.Fill)
			}
		}
	}
	if aa, ab := anchors(t, old), anchors(t, out); aa != ab {
		t.Errorf("comment boxes\n%s\nexcelize\n%s", ab, aa)
	}
}

// anchors lists the comment boxes of a package: cell and x:Anchor.
func anchors(t *testing.T, data []byte) string {
	re := regexp.MustCompile(`<x:Anchor>([^<]*)</x:Anchor>.*?<x:Row>(\d+)</x:Row><x:Column>(\d+)</x:Column>`)
	var out []string
	for name, b := range parts(t, data) {
		if strings.HasSuffix(name, ".vml") {
			for _, m := range re.FindAllSubmatch(b, -1) {
				out = append(out, fmt.Sprintf("%s,%s: %s", m[2], m[3], m[1]))
			}
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

// rezip rewrites a package with edit applied to each part's content.
func rezip(t *testing.T, data []byte, edit func(name string, b []byte) []byte) []byte {
	t.Helper()
	out, err := sheetgen.RewriteParts(data, edit, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// tricky is a workbook with what the fixtures lack: a sheet name with a
// space and a quote, print areas and titles (defined names scoped by
// sheet position), the third sheet selected and active, a sheet with
// hyperlinks (its own rels already), a row and a column with a style of
// their own, a self-closing row, an empty sheet (<sheetData/>), a cell
// with no style, spans on rows.
func tricky(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f.SetSheetName("Sheet1", "说明")
	for _, s := range []string{"项目 1's", "第三", "空表"} {
		_, err := f.NewSheet(s)
		must(err)
	}
	boxed, _ := f.NewStyle(&excelize.Style{
		Border:       []excelize.Border{{Type: "left", Color: "000000", Style: 2}, {Type: "bottom", Color: "FF0000", Style: 1}},
		Font:         &excelize.Font{Bold: true, Size: 14, Family: "黑体", Color: "1F4E79"},
		CustomNumFmt: strPtr("0.00%"),
		Alignment:    &excelize.Alignment{Horizontal: "center"},
		Protection:   &excelize.Protection{Locked: false},
	})
	rowStyle, _ := f.NewStyle(&excelize.Style{Border: []excelize.Border{{Type: "top", Color: "00FF00", Style: 1}}, Font: &excelize.Font{Italic: true}})
	colStyle, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Underline: "double"}, NumFmt: 14})
	s := "项目 1's"
	for r := 1; r <= 12; r++ {
		for c := 1; c <= 5; c++ {
			cell := cellName(c, r)
			must(f.SetCellValue(s, cell, fmt.Sprintf("值%d-%d", r, c)))
			must(f.SetCellStyle(s, cell, cell, boxed))
		}
	}
	must(f.SetCellFormula(s, "F2", "SUM(A1:A3)"))
	must(f.SetCellValue(s, "G3", 0.5))
	must(f.MergeCell(s, "A10", "C11"))
	must(f.SetRowHeight(s, 6, 40))
	must(f.SetRowStyle(s, 8, 8, rowStyle))
	must(f.SetColStyle(s, "H", colStyle))
	must(f.SetColWidth(s, "A", "B", 30))
	must(f.SetCellHyperLink(s, "A1", "https://example.com", "External"))
	must(f.SetCellValue("第三", "A1", "第三张表"))
	must(f.SetCellValue("第三", "B2", 42))
	must(f.SetCellValue("说明", "A1", "说明文字"))
	must(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: "'项目 1''s'!$A$1:$F$12", Scope: s}))
	must(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "第三!$1:$1", Scope: "第三"}))
	must(f.SetDefinedName(&excelize.DefinedName{Name: "合计", RefersTo: "第三!$B$2"}))
	f.SetActiveSheet(2)
	var buf bytes.Buffer
	must(f.Write(&buf))
	return rezip(t, buf.Bytes(), func(name string, b []byte) []byte {
		switch name {
		case "xl/worksheets/sheet2.xml":
			// A self-closing row with spans, spans on another, and the
			// row style's row without cells.
			b = bytes.Replace(b, []byte(`<row r="9">`), []byte(`<row r="9" spans="1:5">`), 1)
			b = regexp.MustCompile(`<row r="7"[^>]*>.*?</row>`).ReplaceAll(b, []byte(`<row r="7" spans="1:5" ht="20" customHeight="1"/>`))
			b = regexp.MustCompile(`(<row r="8"[^>]*>).*?</row>`).ReplaceAll(b, []byte(`$1</row>`))
		case "xl/worksheets/sheet1.xml":
			// 说明 selected too, as when the clerk grouped sheets.
			b = bytes.Replace(b, []byte(`<sheetView workbookViewId="0"`), []byte(`<sheetView tabSelected="1" workbookViewId="0"`), 1)
		case "xl/workbook.xml":
			b = bytes.Replace(b, []byte(`<workbookView `), []byte(`<workbookView firstSheet="1" `), 1)
		case "xl/worksheets/sheet4.xml":
			b = regexp.MustCompile(`<sheetData>\s*</sheetData>`).ReplaceAll(b, []byte(`<sheetData/>`))
		}
		return b
	})
}

func strPtr(s string) *string { return &s }

func trickyFindings() finding.List {
	var fs finding.List
	s := "项目 1's"
	fs.Err(s, "B2", "带边框的单元格：请改")
	fs.Warn(s, "B7", "自闭合行里的单元格")
	fs.Warn(s, "D8", "行样式里缺的单元格")
	fs.Warn(s, "H20", "列样式下新的一行")
	fs.Warn(s, "A10", "合并区域")
	fs.Warn(s, "B11", "合并区域里面")
	fs.Warn(s, "G3", "数字单元格")
	fs.Err(s, "J9", "spans 以外的单元格")
	fs.Err("空表", "C3", "空表上的单元格")
	fs.Warn("第三", "B2", "第三张表上")
	fs.Warn("说明", "", "整表")
	return fs
}

// TestPatchTricky: the tricky workbook is patched in place, holds what it
// held, names scoped to a sheet stay on their sheet, only 核查意见 is
// selected, and it shows what the excelize writer's copy shows.
func TestPatchTricky(t *testing.T) {
	orig := tricky(t)
	ps := parts(t, orig)
	if !bytes.Contains(ps["xl/worksheets/sheet1.xml"], []byte(`tabSelected="1"`)) || !bytes.Contains(ps["xl/worksheets/sheet3.xml"], []byte(`tabSelected="true"`)) ||
		!bytes.Contains(ps["xl/workbook.xml"], []byte(`activeTab="2"`)) || !bytes.Contains(ps["xl/workbook.xml"], []byte(`firstSheet="1"`)) {
		t.Fatal("the tricky workbook is not as meant")
	}
	fs := trickyFindings()
	out := mustPatch(t, orig, fs, false)
	checkPatched(t, orig, out, fs, false)
	var old bytes.Buffer
	if err := writeExcelize(&old, orig, fs, false); err != nil {
		t.Fatal(err)
	}
	compareCopies(t, old.Bytes(), out, fs)
	b, _ := excelize.OpenReader(bytes.NewReader(out))
	defer b.Close()
	for _, dn := range b.GetDefinedName() {
		if strings.HasPrefix(dn.Name, "_xlnm.") && !strings.Contains(dn.RefersTo, dn.Scope) && !strings.Contains(dn.RefersTo, strings.ReplaceAll(dn.Scope, "'", "''")) {
			t.Errorf("%s is on %q but refers to %s", dn.Name, dn.Scope, dn.RefersTo)
		}
	}
	// The cells with a style of their row or column keep it under the red.
	a, _ := excelize.OpenReader(bytes.NewReader(orig))
	defer a.Close()
	for _, cell := range []string{"D8", "H20"} {
		id, _ := b.GetCellStyle("项目 1's", cell)
		st, _ := b.GetStyle(id)
		if cell == "D8" && (len(st.Border) != 1 || st.Font == nil || !st.Font.Italic) {
			t.Errorf("%s lost its row style: %+v", cell, st)
		}
		if cell == "H20" && (st.NumFmt != 14 || st.Font == nil || st.Font.Underline != "double") {
			t.Errorf("%s lost its column style: %s", cell, deref(st))
		}
	}
	ps = parts(t, out)
	if wb := string(ps["xl/workbook.xml"]); !strings.Contains(wb, `firstSheet="0"`) || !strings.Contains(wb, `activeTab="0"`) {
		t.Errorf("workbook view: %s", wb)
	}
	sheet2 := string(ps["xl/worksheets/sheet2.xml"])
	for _, w := range []string{`<row r="7" spans="1:5" ht="20" customHeight="1"><c r="B7" s="`, `<row r="9" spans="1:10">`, `<row r="20"><c r="H20" s="`} {
		if !strings.Contains(sheet2, w) {
			t.Errorf("sheet2 lacks %s", w)
		}
	}
	if !strings.Contains(string(ps["xl/worksheets/sheet4.xml"]), `<sheetData><row r="3"><c r="C3" s="`) {
		t.Errorf("the empty sheet: %s", ps["xl/worksheets/sheet4.xml"])
	}
}

// TestPatchFallsBack: what the patch does not handle goes to excelize,
// and the copy is still made.
func TestPatchFallsBack(t *testing.T) {
	orig, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	withComment := func() []byte {
		f, _ := excelize.OpenReader(bytes.NewReader(orig))
		defer f.Close()
		if err := f.AddComment("项目1-制造强省", excelize.Comment{Author: "科员", Cell: "B3", Text: "原有批注"}); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		f.Write(&buf)
		return buf.Bytes()
	}()
	trickyComment := func() []byte {
		f, _ := excelize.OpenReader(bytes.NewReader(tricky(t)))
		defer f.Close()
		if err := f.AddComment("第三", excelize.Comment{Author: "科员", Cell: "A1", Text: "原有批注"}); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		f.Write(&buf)
		return buf.Bytes()
	}()
	cases := map[string]struct {
		data []byte
		fs   finding.List
	}{
		"existing comments":                         {withComment, findings()},
		"existing comments, names scoped to sheets": {trickyComment, trickyFindings()},
		"row without r": {rezip(t, orig, func(name string, b []byte) []byte {
			if name == "xl/worksheets/sheet2.xml" {
				return bytes.Replace(b, []byte(`<row r="13"`), []byte(`<row`), 1)
			}
			return b
		}), findings()},
		"cell reference not as the pipeline writes it": {orig, finding.List{{Sheet: "项目1-制造强省", Cell: "e13", Message: "小写"}}},
		"strict OOXML": {rezip(t, orig, func(name string, b []byte) []byte {
			return bytes.ReplaceAll(b, []byte("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"), []byte("http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"))
		}), findings()},
		"unknown worksheet element": {rezip(t, orig, func(name string, b []byte) []byte {
			if name == "xl/worksheets/sheet2.xml" {
				return bytes.Replace(b, []byte(`</worksheet>`), []byte(`<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"/></worksheet>`), 1)
			}
			return b
		}), findings()},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := patch(c.data, c.fs, false)
			var u *unpatchable
			if !errors.As(err, &u) {
				t.Fatalf("patched: %v", err)
			}
			var buf bytes.Buffer
			err = Write(&buf, c.data, c.fs, false)
			if name == "strict OOXML" || name == "cell reference not as the pipeline writes it" {
				return // excelize decides; the point is the patch did not write it
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			if b.GetSheetList()[0] != SheetName {
				t.Errorf("sheets %q", b.GetSheetList())
			}
			if name == "existing comments" {
				cs, _ := b.GetComments("项目1-制造强省")
				if len(cs) != 2 {
					t.Errorf("comments %+v", cs)
				}
			}
			if strings.Contains(name, "scoped") {
				a, _ := excelize.OpenReader(bytes.NewReader(c.data))
				defer a.Close()
				da, db := a.GetDefinedName(), b.GetDefinedName()
				sortNames := func(ns []excelize.DefinedName) string {
					var out []string
					for _, n := range ns {
						out = append(out, fmt.Sprintf("%+v", n))
					}
					slices.Sort(out)
					return strings.Join(out, "\n")
				}
				if sortNames(da) != sortNames(db) {
					t.Errorf("defined names\n%s\nwant\n%s", sortNames(db), sortNames(da))
				}
			}
		})
	}
}

// TestTrickyOpensInLibreOffice: LibreOffice Calc reads the patched tricky
// workbook and writes it back with 核查意见 first, every comment, every
// value and the print area still on its sheet (skipped without Calc).
func TestTrickyOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	orig := tricky(t)
	fs := trickyFindings()
	dir := t.TempDir()
	in := filepath.Join(dir, "tricky.xlsx")
	if err := os.WriteFile(in, mustPatch(t, orig, fs, false), 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "lo")
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx", "--outdir", outDir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	back, err := os.ReadFile(filepath.Join(outDir, "tricky.xlsx"))
	if err != nil {
		t.Skip("LibreOffice wrote nothing: Calc is not installed (libreoffice-calc)")
	}
	a, _ := excelize.OpenReader(bytes.NewReader(orig))
	defer a.Close()
	b, err := excelize.OpenReader(bytes.NewReader(back))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got, want := b.GetSheetList(), append([]string{SheetName}, a.GetSheetList()...); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	for _, s := range a.GetSheetList() {
		ra, _ := a.GetRows(s, excelize.Options{RawCellValue: true})
		rb, _ := b.GetRows(s, excelize.Options{RawCellValue: true})
		for r := range ra {
			for c := range ra[r] {
				if ra[r][c] != "" && (r >= len(rb) || at(rb[r], c) != ra[r][c]) {
					t.Errorf("%s!%s: %q, want %q", s, cellName(c+1, r+1), at(rb[r], c), ra[r][c])
				}
			}
		}
		cs, _ := b.GetComments(s)
		if want := len(markedCells(fs, []string{s})[s]); len(cs) != want {
			t.Errorf("%s: %d comments, want %d", s, len(cs), want)
		}
	}
	found := false
	for _, dn := range b.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Area" {
			found = true
			if dn.Scope != "项目 1's" {
				t.Errorf("print area on %q: %+v", dn.Scope, dn)
			}
		}
	}
	if !found {
		t.Error("the print area is lost")
	}
	rows, _ := b.GetRows(SheetName)
	if len(rows) != 2+len(fs) || rows[2][4] != "带边框的单元格" {
		t.Errorf("核查意见: %q", rows)
	}
}

// FuzzSheetEdit: whatever a sheet part holds, marking cells in it either
// refuses (and the excelize writer takes over) or gives well-formed XML
// when the part was well-formed; it never panics.
func FuzzSheetEdit(f *testing.F) {
	orig, err := os.ReadFile(sample)
	if err != nil {
		f.Fatal(err)
	}
	for name, b := range parts(&testing.T{}, orig) {
		if strings.HasPrefix(name, "xl/worksheets/sheet") {
			f.Add(b)
		}
	}
	f.Add([]byte(`<worksheet xmlns="` + nsMain + `"><sheetData/></worksheet>`))
	f.Add([]byte(`<worksheet xmlns="` + nsMain + `"><sheetViews><sheetView tabSelected="1"/></sheetViews><sheetData><row r="2"/><row r="5" spans="1:2"><c r="A5"/></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, src []byte) {
		marks := []mark{{col: 1, row: 1, cell: "A1"}, {col: 2, row: 2, cell: "B2"}, {col: 4, row: 2, cell: "D2"}, {col: 3, row: 7, cell: "C7"}}
		e := &wsEdit{src: src, marks: marks, style: func(b int) (int, error) { return b + 100, nil }, rID: "rId9"}
		out, err := e.run()
		if err != nil || out == nil || !wellFormed(src) {
			return
		}
		if !wellFormed(out) {
			t.Errorf("well-formed part patched into\n%s", out)
		}
	})
}

func wellFormed(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err != nil {
			return err == io.EOF
		}
	}
}

// TestPatchNameClash: a workbook that already has a sheet 核查意见 keeps
// it, marked like any other, and the list is 核查意见2.
func TestPatchNameClash(t *testing.T) {
	f, _ := excelize.OpenReader(bytes.NewReader(tricky(t)))
	if err := f.SetSheetName("说明", SheetName); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	f.Write(&buf)
	f.Close()
	var fs finding.List
	fs.Warn(SheetName, "A1", "职员自己的核查意见表")
	out := mustPatch(t, buf.Bytes(), fs, true)
	b, _ := excelize.OpenReader(bytes.NewReader(out))
	defer b.Close()
	if got := b.GetSheetList(); got[0] != SheetName+"2" || got[1] != SheetName {
		t.Fatalf("sheets %q", got)
	}
	if cs, _ := b.GetComments(SheetName); len(cs) != 1 || cs[0].Cell != "A1" {
		t.Errorf("comments %+v", cs)
	}
	if ok, target, _ := b.GetCellHyperLink(SheetName+"2", "D3"); !ok || target != quoteSheet(SheetName)+"!A1" {
		t.Errorf("link %v %q", ok, target)
	}
}

// TestSpansCoverNewCells: a row's spans widen to every cell the patch
// adds to it, before, between or after the cells it had.
func TestSpansCoverNewCells(t *testing.T) {
	src := []byte(`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><dimension ref="C1:E2"/><sheetData>` +
		`<row r="1" spans="3:5"><c r="C1"><v>1</v></c><c r="E1"><v>2</v></c></row>` +
		`<row r="2" spans="3:5"><c r="C2"><v>1</v></c><c r="E2"><v>2</v></c></row>` +
		`<row r="3" spans="1:3 5:7"><c r="C3"><v>1</v></c><c r="E3"><v>2</v></c></row></sheetData></worksheet>`)
	e := &wsEdit{src: src, rID: "rId1", style: func(int) (int, error) { return 1, nil },
		marks: []mark{{col: 1, row: 1, cell: "A1"}, {col: 4, row: 1, cell: "D1"}, {col: 4, row: 2, cell: "D2"}, {col: 7, row: 2, cell: "G2"},
			{col: 9, row: 3, cell: "I3"}}}
	out, err := e.run()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`<row r="1" spans="1:5">`, `<row r="2" spans="3:7">`, `<row r="3" spans="1:9">`, `<dimension ref="A1:I3"/>`} {
		if !bytes.Contains(out, []byte(w)) {
			t.Errorf("no %s in %s", w, out)
		}
	}
}

// TestListPrintsOnePageWide: 核查意见 prints one page wide and as many
// pages tall as it takes (fitToHeight 0); fitToHeight left out means 1,
// every finding shrunk onto a single page. Both writers.
func TestListPrintsOnePageWide(t *testing.T) {
	orig := tricky(t)
	fs := trickyFindings()
	var old bytes.Buffer
	if err := writeExcelize(&old, orig, fs, false); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"patch": mustPatch(t, orig, fs, false), "excelize": old.Bytes()} {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		l, err := f.GetPageLayout(SheetName)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if l.FitToWidth == nil || *l.FitToWidth != 1 || l.FitToHeight == nil || *l.FitToHeight != 0 {
			t.Errorf("%s: fit to %v wide, %v tall; want 1 wide, 0 (automatic) tall", name, l.FitToWidth, l.FitToHeight)
		}
	}
}

// TestNewRowStaysHiddenUnderZeroHeight: in a sheet whose unlisted rows are
// hidden (sheetFormatPr zeroHeight="1"), a row the patch adds for a mark
// is written hidden, as the clerk's sheet shows it; elsewhere it is not.
func TestNewRowStaysHiddenUnderZeroHeight(t *testing.T) {
	for _, c := range []struct {
		format, want string
	}{
		{`<sheetFormatPr defaultRowHeight="15" zeroHeight="1"/>`, `<row r="5" hidden="1">`},
		{`<sheetFormatPr defaultRowHeight="15"/>`, `<row r="5">`},
	} {
		src := []byte(`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><dimension ref="A1:B2"/>` + c.format + `<sheetData>` +
			`<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2"><v>2</v></c></row></sheetData></worksheet>`)
		e := &wsEdit{src: src, rID: "rId1", style: func(int) (int, error) { return 1, nil },
			marks: []mark{{col: 1, row: 5, cell: "A5"}}}
		out, err := e.run()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(out, []byte(c.want)) {
			t.Errorf("%s: no %s in %s", c.format, c.want, out)
		}
	}
}

// TestVMLBlocksFromShapeIds: a VML drawing written without o:shapelayout
// still holds its shape ids' block (_x0000_s1025 is block 1): the new
// drawing takes another.
func TestVMLBlocksFromShapeIds(t *testing.T) {
	orig, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	data, err := sheetgen.RewriteParts(orig, nil, map[string][]byte{"xl/drawings/vmlDrawing9.vml": []byte(
		`<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shape id="_x0000_s1025" type="#_x0000_t202"></v:shape><v:shape id="_x0000_s2049"></v:shape></xml>`)})
	if err != nil {
		t.Fatal(err)
	}
	out := mustPatch(t, data, findings(), true)
	for name, b := range parts(t, out) {
		if !strings.HasSuffix(name, ".vml") || name == "xl/drawings/vmlDrawing9.vml" {
			continue
		}
		m := regexp.MustCompile(`<o:idmap v:ext="edit" data="(\d+)"`).FindSubmatch(b)
		if m == nil {
			t.Fatalf("%s: no idmap", name)
		}
		if d := string(m[1]); d == "1" || d == "2" {
			t.Errorf("%s takes block %s, which _x0000_s1025/_x0000_s2049 use", name, d)
		}
	}
}
