package word

// Templates as offices save them: Word templates (.dotx/.dotm), loops written
// as rows of their own, tracked changes. Every output is opened by a strict
// reader (python-docx, which refuses a main part that is not a document's)
// and by LibreOffice.

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// wordTemplate turns a .docx made by pkg into what Word writes when the same
// document is saved as a Word template (.dotx) or, with macros, as a
// macro-enabled template (.dotm). It mimics Word's output; what differs from
// the .docx is exactly:
//   - the content type of /word/document.xml: ctTemplateMain for .dotx,
//     ctDotmMain for .dotm;
//   - word/settings.xml (pkg has none; every Word file has one) with
//     <w:attachedTemplate r:id="rId1"/>, and its external relationship in
//     word/_rels/settings.xml.rels, as Word writes for a template made from
//     another template (Target is the path on the author's machine);
//   - .dotm only: word/vbaProject.bin (the compound-file signature and
//     zeros, not a real VBA project), the relationship to it from
//     document.xml.rels, word/_rels/vbaProject.bin.rels → word/vbaData.xml,
//     <Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>
//     and the Override of /word/vbaData.xml.
//
// Styles, theme, fonts and docProps, which Word also writes, are left out
// as pkg leaves them out for every test.
func wordTemplate(t testing.TB, docx []byte, macros bool) []byte {
	t.Helper()
	src := parts(t, docx)
	var names []string
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	main := ctTemplateMain
	if macros {
		main = ctDotmMain
	}
	ct := strings.Replace(string(src["[Content_Types].xml"]), ctDocumentMain, main, 1)
	ct = strings.Replace(ct, `</Types>`, `<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/></Types>`, 1)
	rels := strings.Replace(string(src["word/_rels/document.xml.rels"]), `</Relationships>`,
		`<Relationship Id="rIdS1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>`, 1)
	src["word/settings.xml"] = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<w:settings xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:zoom w:percent="100"/><w:proofState w:spelling="clean" w:grammar="clean"/><w:attachedTemplate r:id="rId1"/><w:defaultTabStop w:val="420"/>` +
		`<w:drawingGridVerticalSpacing w:val="156"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`)
	src["word/_rels/settings.xml.rels"] = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="file:///C:\Users\kj\AppData\Roaming\Microsoft\Templates\科工局公文.dotx" TargetMode="External"/></Relationships>`)
	names = append(names, "word/settings.xml", "word/_rels/settings.xml.rels")
	if macros {
		ct = strings.Replace(ct, `<Default Extension="rels"`, `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="rels"`, 1)
		ct = strings.Replace(ct, `</Types>`, `<Override PartName="/word/vbaData.xml" ContentType="application/vnd.ms-word.vbaData+xml"/></Types>`, 1)
		rels = strings.Replace(rels, `</Relationships>`, `<Relationship Id="rIdV1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`, 1)
		src["word/vbaProject.bin"] = append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 504)...)
		src["word/_rels/vbaProject.bin.rels"] = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/wordVbaData" Target="vbaData.xml"/></Relationships>`)
		src["word/vbaData.xml"] = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
			`<wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"><wne:docEvents/><wne:mcds><wne:mcd wne:macroName="PROJECT.NEWMACROS.填表" wne:name="Project.NewMacros.填表" wne:bEncrypt="00" wne:cmg="56"/></wne:mcds></wne:vbaSuppData>`)
		names = append(names, "word/vbaProject.bin", "word/_rels/vbaProject.bin.rels", "word/vbaData.xml")
	}
	src["[Content_Types].xml"] = []byte(ct)
	src["word/_rels/document.xml.rels"] = []byte(rels)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(src[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// grid is table with cols columns wide enough for a PDF's text to stay on
// one line (table has one narrow column).
func grid(cols int, rows ...string) string {
	s := strings.Replace(table(rows...), `<w:gridCol w:w="1000"/>`, strings.Repeat(`<w:gridCol w:w="1000"/>`, cols), 1)
	return strings.ReplaceAll(s, `w:w="1000"`, `w:w="4000"`)
}

// contentTypeOf returns the content type [Content_Types].xml gives a part.
func contentTypeOf(t testing.TB, docx []byte, part string) string {
	t.Helper()
	ct := parts(t, docx)["[Content_Types].xml"]
	for _, r := range xmlElems(ct, "Override") {
		if strings.EqualFold(attr(ct[r[0]:r[1]], "PartName"), "/"+part) {
			return attr(ct[r[0]:r[1]], "ContentType")
		}
	}
	for _, r := range xmlElems(ct, "Default") {
		if strings.EqualFold(attr(ct[r[0]:r[1]], "Extension"), strings.TrimPrefix(filepath.Ext(part), ".")) {
			return attr(ct[r[0]:r[1]], "ContentType")
		}
	}
	return ""
}

// checkPackage checks the package rules a reader is strict about: every part
// has a content type, every Override names a part that exists, every
// internal relationship points to a part that exists.
func checkPackage(t testing.TB, docx []byte) {
	t.Helper()
	ps := parts(t, docx)
	for name := range ps {
		if name != "[Content_Types].xml" && contentTypeOf(t, docx, name) == "" {
			t.Errorf("%s has no content type", name)
		}
	}
	ct := ps["[Content_Types].xml"]
	for _, r := range xmlElems(ct, "Override") {
		if name := strings.TrimPrefix(attr(ct[r[0]:r[1]], "PartName"), "/"); ps[name] == nil {
			t.Errorf("[Content_Types].xml overrides %s, which is not in the package", name)
		}
	}
	for name, b := range ps {
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		from := strings.TrimSuffix(strings.Replace(name, "_rels/", "", 1), ".rels")
		for _, r := range xmlElems(b, "Relationship") {
			tag := b[r[0]:r[1]]
			if attr(tag, "TargetMode") == "External" {
				continue
			}
			target := attr(tag, "Target")
			if strings.HasPrefix(target, "/") {
				target = target[1:]
			} else {
				target = filepath.ToSlash(filepath.Join(filepath.Dir(from), target))
			}
			if ps[target] == nil {
				t.Errorf("%s: relationship %s points to %s, which is not in the package", name, attr(tag, "Id"), target)
			}
		}
	}
}

var annotationRe = regexp.MustCompile(`<w:(ins|del|moveFrom|moveTo|rPrChange|pPrChange|sectPrChange|tblPrChange|tblPrExChange|trPrChange|tcPrChange|tblGridChange|numberingChange|cellIns|cellDel|cellMerge|bookmarkStart|bookmarkEnd)\b[^>]*\sw:id="(-?\d+)"`)

// annotationIDs returns, for the whole document (every part), how many times
// each w:id of a revision (w:ins, w:del, property changes …) or a bookmark
// start occurs; a bookmarkEnd must match a start of its part.
func annotationIDs(t testing.TB, docx []byte) map[string]int {
	t.Helper()
	seen := map[string]int{}
	for name, b := range parts(t, docx) {
		if !strings.HasSuffix(name, ".xml") {
			continue
		}
		starts := map[string]bool{}
		var ends []string
		for _, m := range annotationRe.FindAllSubmatch(b, -1) {
			id := string(m[2])
			switch string(m[1]) {
			case "bookmarkEnd":
				ends = append(ends, id)
				continue
			case "bookmarkStart":
				starts[id] = true
			}
			seen[id]++
		}
		for _, id := range ends {
			if !starts[id] {
				t.Errorf("%s: bookmarkEnd %s has no bookmarkStart", name, id)
			}
		}
	}
	return seen
}

// checkAnnotationIDs fails when a revision or bookmark id occurs twice in
// the document.
func checkAnnotationIDs(t testing.TB, docx []byte) {
	t.Helper()
	for id, n := range annotationIDs(t, docx) {
		if n > 1 {
			t.Errorf("w:id %s is used %d times by revisions/bookmarks", id, n)
		}
	}
}

var (
	pythonOnce sync.Once
	pythonDocx string
)

// strictRead opens a .docx with python-docx and returns the text it finds:
// body paragraphs, then every table row (cells joined by |), then headers and
// footers. python-docx refuses a main part whose content type is not a
// document's, and parses every part it touches with a strict XML parser.
// Skips when no python3 with the docx module is installed (Debian:
// python3-docx; a pyenv python3 on PATH does not see it, so /usr/bin/python3
// is tried too).
func strictRead(t testing.TB, docx []byte) string {
	t.Helper()
	pythonOnce.Do(func() {
		for _, py := range []string{"python3", "/usr/bin/python3"} {
			if exec.Command(py, "-c", "import docx").Run() == nil {
				pythonDocx = py
				return
			}
		}
	})
	if pythonDocx == "" {
		t.Skip("python3 with python-docx not installed (apt-get install python3-docx)")
	}
	path := filepath.Join(t.TempDir(), "strict.docx")
	if err := os.WriteFile(path, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	const script = `
import sys, docx
d = docx.Document(sys.argv[1])
out = [p.text for p in d.paragraphs]
for tb in d.tables:
    for r in tb.rows:
        out.append("|".join(c.text for c in r.cells))
for s in d.sections:
    out += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
sys.stdout.buffer.write("\n".join(out).encode("utf-8"))
`
	out, err := exec.Command(pythonDocx, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("python-docx refuses the output: %v\n%s", err, out)
	}
	return string(out)
}

// pdfText converts a .docx with LibreOffice and returns the PDF's text
// (pdftotext), without white space.
func pdfText(t testing.TB, docx []byte, name string) string {
	t.Helper()
	dir := t.TempDir()
	pdf := toPDF(t, docx, dir, name)
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

// checkOutput checks the main part's content type of a report made by fill
// (which has checked it with checkWellFormed: XML, package, unique ids) and
// returns what python-docx and LibreOffice read in it.
func checkOutput(t *testing.T, out []byte, name string) (strict, pdf string) {
	t.Helper()
	if got := contentTypeOf(t, out, "word/document.xml"); got != ctDocumentMain {
		t.Errorf("[Content_Types].xml gives /word/document.xml %q, want %q", got, ctDocumentMain)
	}
	return strictRead(t, out), pdfText(t, out, name)
}

func TestWordTemplateFormats(t *testing.T) {
	body := p("{{部门名称}}{{年度}}年度绩效评价报告") + p("总分：{{总分}}") +
		grid(2, row("项目", "预算"), row("{{#资金}}{{项目}}", "{{全年预算数}}{{/资金}}"))
	docx := pkg(t, body, map[string]string{"word/header1.xml": hdr(p("{{部门名称}}"))})
	loDotx, err := os.ReadFile("testdata/lo_header.dotx")
	if err != nil {
		t.Fatal(err)
	}
	d := realisticData()
	d["绩效指标"] = d["绩效指标"].([]Data)[10:12]
	cases := []struct {
		name   string
		tpl    []byte
		notes  []string
		strict []string // what python-docx and the PDF must show
	}{
		{"word.dotx", wordTemplate(t, docx, false), []string{noteDotx, "去掉了指向附加模板的链接（file:///C:\\Users\\kj\\AppData\\Roaming\\Microsoft\\Templates\\科工局公文.dotx），报告不依赖制作模板的电脑上的文件"},
			[]string{"邵东市科技和工业信息化局2019年度绩效评价报告", "总分：96.69", "年度资金总额|6263.15"}},
		{"word.dotm", wordTemplate(t, docx, true), []string{noteDotm, noteMacros, "去掉了指向附加模板的链接（file:///C:\\Users\\kj\\AppData\\Roaming\\Microsoft\\Templates\\科工局公文.dotx），报告不依赖制作模板的电脑上的文件"},
			[]string{"邵东市科技和工业信息化局2019年度绩效评价报告", "总分：96.69", "年度资金总额|6263.15"}},
		{"libreoffice.dotx", loDotx, []string{noteDotx},
			[]string{"总分：96.69，等级：优", "资金拨付及时率|3.87", "邵东市科技和工业信息化局（2019）"}},
	}
	plain := fill(t, docx, StandardSchema(), d)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if ps := Check(c.tpl, StandardSchema()); ps != nil {
				t.Fatalf("problems: %v", ps)
			}
			if got := Notes(c.tpl); !reflect.DeepEqual(got, c.notes) {
				t.Errorf("notes\n got %q\nwant %q", got, c.notes)
			}
			out := fill(t, c.tpl, StandardSchema(), d)
			ps := parts(t, out)
			for _, gone := range []string{"word/vbaProject.bin", "word/_rels/vbaProject.bin.rels", "word/vbaData.xml"} {
				if ps[gone] != nil {
					t.Errorf("%s is still in the report", gone)
				}
			}
			for part, words := range map[string][]string{
				"[Content_Types].xml":            {"template", "macroEnabled", "vbaProject", "vbaData"},
				"word/_rels/document.xml.rels":   {"vbaProject"},
				"word/settings.xml":              {"attachedTemplate"},
				"word/_rels/settings.xml.rels":   {"attachedTemplate"},
				"word/_rels/vbaProject.bin.rels": {"vbaData"},
			} {
				for _, w := range words {
					if bytes.Contains(ps[part], []byte(w)) {
						t.Errorf("%s still mentions %s:\n%s", part, w, ps[part])
					}
				}
			}
			if c.name != "libreoffice.dotx" && !bytes.Equal(ps["word/document.xml"], parts(t, plain)["word/document.xml"]) {
				t.Error("the body differs from the same template saved as .docx")
			}
			strict, pdf := checkOutput(t, out, "report")
			for _, want := range c.strict {
				if !strings.Contains(strict, want) {
					t.Errorf("python-docx does not read %q in\n%s", want, strict)
				}
				for _, w := range strings.Split(want, "|") {
					if !strings.Contains(pdf, w) {
						t.Errorf("the PDF does not show %q:\n%s", w, pdf)
					}
				}
			}
		})
	}
	// a plain .docx needs nothing
	if n := Notes(docx); n != nil {
		t.Errorf("notes for a .docx: %q", n)
	}
	if !bytes.Equal(parts(t, plain)["[Content_Types].xml"], parts(t, docx)["[Content_Types].xml"]) {
		t.Error("a .docx template's content types changed")
	}
}

// TestPackageEditsKeepOtherBinParts: the "bin" default of a VBA project stays
// when another .bin part (printer settings) still needs it.
func TestPackageEditsKeepOtherBinParts(t *testing.T) {
	dotm := wordTemplate(t, pkg(t, p("{{部门名称}}"), nil), true)
	var buf bytes.Buffer
	zr, _ := zip.NewReader(bytes.NewReader(dotm), int64(len(dotm)))
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		zw.Copy(f)
	}
	w, _ := zw.Create("word/printerSettings/printerSettings1.bin")
	io.WriteString(w, "x")
	zw.Close()
	out := fill(t, buf.Bytes(), StandardSchema(), sample)
	if got := contentTypeOf(t, out, "word/printerSettings/printerSettings1.bin"); got != ctVBAProject {
		t.Errorf("printer settings lost their content type: %q", got)
	}
	if parts(t, out)["word/vbaProject.bin"] != nil {
		t.Error("vbaProject.bin kept")
	}
}

// wordRow is a table row as Word writes it: paraIds, rsids, a cell width,
// and a tag typed after a spell-check mark split it (proofErr).
func wordRow(id int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<w:tr w:rsidR="00F1234A" w14:paraId="1A00%04X" w14:textId="77777777" w:rsidTr="00F1234A"><w:trPr><w:jc w:val="center"/></w:trPr>`, id)
	for i, c := range cells {
		fmt.Fprintf(&b, `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p w14:paraId="2B00%02X%02X" w14:textId="77777777" w:rsidR="00F1234A" w:rsidRDefault="00F1234A"><w:pPr><w:jc w:val="center"/></w:pPr>`, id, i)
		if strings.HasPrefix(c, "{{") && strings.HasSuffix(c, "}}") {
			at := 3
			if c[2] != '#' && c[2] != '/' {
				at = 2
			}
			fmt.Fprintf(&b, `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>%s</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>%s</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t>}}</w:t></w:r>`, c[:at], c[at:len(c)-2])
		} else if c != "" {
			fmt.Fprintf(&b, `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>%s</w:t></w:r>`, c)
		}
		b.WriteString(`</w:p></w:tc>`)
	}
	b.WriteString(`</w:tr>`)
	return b.String()
}

// TestLoopRows: {{#资金}} alone in a row, {{/资金}} alone in a later row, as
// users write a row loop in Word and LibreOffice: the marker rows are dropped,
// not repeated as empty rows.
func TestLoopRows(t *testing.T) {
	lo, err := os.ReadFile("testdata/lo_rows.docx")
	if err != nil {
		t.Fatal(err)
	}
	word := pkg(t, p("{{部门名称}}预算资金情况（单位：{{资金单位}}）")+
		`<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>`+
		wordRow(1, "项目", "全年预算数", "全年执行数")+wordRow(2, "{{#资金}}", "", "")+wordRow(3, "{{项目}}", "{{全年预算数}}", "{{全年执行数}}")+
		wordRow(4, "{{/资金}}", "", "")+wordRow(5, "预算执行率", "{{预算执行率}}", "")+`</w:tbl>`+p("完"), nil)
	d := realisticData()
	funds := d["资金"].([]Data)
	want := []string{"项目|全年预算数|全年执行数"}
	for _, f := range funds {
		want = append(want, fmt.Sprintf("%s|%s|%s", f["项目"], f["全年预算数"], f["全年执行数"]))
	}
	want = append(want, "预算执行率|99.97%|")
	for _, c := range []struct {
		name string
		tpl  []byte
	}{{"word", word}, {"libreoffice", lo}} {
		t.Run(c.name, func(t *testing.T) {
			out := fill(t, c.tpl, StandardSchema(), d)
			doc := parts(t, out)["word/document.xml"]
			if n := len(regexp.MustCompile(`<w:tr[ >]`).FindAll(doc, -1)); n != len(want) {
				t.Errorf("%d rows, want %d (header, %d funds, total): %s", n, len(want), len(funds), text(doc))
			}
			strict, pdf := checkOutput(t, out, "rows")
			if !strings.Contains(strict, strings.Join(want, "\n")) {
				t.Errorf("python-docx reads the table as\n%s\nwant\n%s", strict, strings.Join(want, "\n"))
			}
			if !strings.Contains(pdf, "邵东市科技和工业信息化局预算资金情况（单位：万元）") || !strings.Contains(pdf, "完") {
				t.Errorf("PDF: %s", pdf)
			}
			for _, row := range want {
				for _, cell := range strings.Split(row, "|") {
					if !strings.Contains(pdf, cell) {
						t.Errorf("the PDF does not show %q:\n%s", cell, pdf)
					}
				}
			}
		})
	}
	// an empty list leaves the header and the total
	d["资金"] = []Data{}
	out := fill(t, lo, StandardSchema(), d)
	if got := text(parts(t, out)["word/document.xml"]); !strings.Contains(got, "全年执行数¶|预算执行率¶99.97%¶¶|") {
		t.Errorf("empty list: %q", got)
	}
}

// TestTrackedChangesInLoops: a loop typed with 修订 (track changes) on. Each
// repetition used to copy the w:id of its w:ins/w:del, which must be unique
// in the document; the first copy keeps the template's ids, later copies
// take new ones above every annotation id of every part.
func TestTrackedChangesInLoops(t *testing.T) {
	lo, err := os.ReadFile("testdata/lo_tracked.docx")
	if err != nil {
		t.Fatal(err)
	}
	const by = `w:author="张三" w:date="2020-03-01T10:00:00Z"`
	// as Word writes it: an inserted paragraph mark, an insertion, a
	// deletion and a formatting change in a paragraph loop; an inserted row
	// in a row loop; a bookmark; an insertion in a header loop
	word := pkg(t, p("{{部门名称}}主要亮点：")+p("{{#亮点}}")+
		`<w:p><w:pPr><w:rPr><w:ins w:id="11" `+by+`/></w:rPr></w:pPr><w:ins w:id="12" `+by+`><w:r><w:t>亮点：</w:t></w:r></w:ins>`+
		`<w:r><w:t>{{描述}}</w:t></w:r><w:del w:id="13" `+by+`><w:r><w:delText>（待补充）</w:delText></w:r></w:del>`+
		`<w:r><w:rPr><w:b/><w:rPrChange w:id="14" `+by+`><w:rPr/></w:rPrChange></w:rPr><w:t>。</w:t></w:r></w:p>`+p("{{/亮点}}")+
		grid(2, row("项目", "全年预算数"),
			`<w:tr><w:trPr><w:ins w:id="15" `+by+`/></w:trPr><w:tc><w:p><w:bookmarkStart w:id="16" w:name="资金表"/><w:r><w:t>{{#资金}}{{项目}}</w:t></w:r><w:bookmarkEnd w:id="16"/></w:p></w:tc>`+
				`<w:tc><w:p><w:ins w:id="17" `+by+`><w:r><w:t>预算</w:t></w:r></w:ins><w:r><w:t>{{全年预算数}}{{/资金}}</w:t></w:r></w:p></w:tc></w:tr>`)+
		p("完"), map[string]string{"word/header1.xml": hdr(`<w:p><w:r><w:t>{{#亮点}}</w:t></w:r><w:ins w:id="30" ` + by + `><w:r><w:t>[{{描述}}]</w:t></w:r></w:ins><w:r><w:t>{{/亮点}}</w:t></w:r></w:p>`)})
	d := realisticData()
	highlights := d["亮点"].([]Data)
	funds := d["资金"].([]Data)
	for _, c := range []struct {
		name      string
		tpl       []byte
		revisions int // w:ins/w:del/rPrChange elements the report should hold
		firstNew  int // the first id given to a repeated tracked change
	}{
		{"word", word, 4*len(highlights) + 2*len(funds) + len(highlights), 31},
		{"libreoffice", lo, 2*len(highlights) + len(funds), 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := fill(t, c.tpl, StandardSchema(), d)
			ids := annotationIDs(t, out)
			n := 0
			for _, k := range ids {
				n += k
			}
			if bm := strings.Count(string(parts(t, out)["word/document.xml"]), "<w:bookmarkStart"); n-bm != c.revisions {
				t.Errorf("%d tracked changes, want %d", n-bm, c.revisions)
			}
			if ids[fmt.Sprint(c.firstNew)] != 1 {
				t.Errorf("no repeated change got id %d: %v", c.firstNew, ids)
			}
			strict, pdf := checkOutput(t, out, "tracked")
			for _, h := range highlights {
				// python-docx leaves out text inside w:ins; LibreOffice shows it
				if !strings.Contains(strict, h["描述"].(string)+"。") {
					t.Errorf("python-docx does not read %q in\n%s", h["描述"], strict)
				}
				if w := strings.ReplaceAll("亮点："+h["描述"].(string), " ", ""); !strings.Contains(pdf, w) {
					t.Errorf("the PDF does not show %q:\n%s", w, pdf)
				}
			}
			for _, f := range funds {
				for _, w := range []string{f["项目"].(string), "预算" + f["全年预算数"].(string)} {
					if !strings.Contains(pdf, w) {
						t.Errorf("the PDF does not show %q:\n%s", w, pdf)
					}
				}
			}
		})
	}
	// a template without loops keeps every id as it was
	out := fill(t, pkg(t, `<w:p><w:ins w:id="7" `+by+`><w:r><w:t>{{部门名称}}</w:t></w:r></w:ins></w:p>`, nil), StandardSchema(), d)
	if !bytes.Contains(parts(t, out)["word/document.xml"], []byte(`<w:ins w:id="7" `)) {
		t.Error("an id outside loops changed")
	}
}
