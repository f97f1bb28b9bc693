package word

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const docNS = `xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="w14"`

// pkg builds a small .docx: body is the inside of w:body; extra maps part
// names (word/header1.xml …) to their whole XML.
func pkg(t testing.TB, body string, extra map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, s string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, s)
	}
	ct := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`
	rels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	sect := `<w:sectPr>`
	n := 0
	for name := range extra {
		base := strings.TrimPrefix(name, "word/")
		n++
		id := "rIdX" + string(rune('0'+n))
		switch {
		case strings.HasPrefix(base, "header"):
			ct += `<Override PartName="/` + name + `" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`
			rels += `<Relationship Id="` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="` + base + `"/>`
			sect += `<w:headerReference w:type="default" r:id="` + id + `"/>`
		case strings.HasPrefix(base, "footer"):
			ct += `<Override PartName="/` + name + `" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`
			rels += `<Relationship Id="` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="` + base + `"/>`
			sect += `<w:footerReference w:type="default" r:id="` + id + `"/>`
		case strings.HasPrefix(base, "footnotes"):
			ct += `<Override PartName="/` + name + `" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>`
			rels += `<Relationship Id="` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="` + base + `"/>`
		}
	}
	sect += `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>`
	ct += `</Types>`
	rels += `</Relationships>`
	add("[Content_Types].xml", ct)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`)
	add("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<w:document `+docNS+`><w:body>`+body+sect+`</w:body></w:document>`)
	add("word/_rels/document.xml.rels", rels)
	for name, s := range extra {
		add(name, s)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func hdr(inner string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:hdr ` + docNS + `>` + inner + `</w:hdr>`
}

func ftr(inner string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:ftr ` + docNS + `>` + inner + `</w:ftr>`
}

// p is a plain paragraph with one run per piece.
func p(pieces ...string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	for _, s := range pieces {
		b.WriteString(`<w:r><w:t xml:space="preserve">` + s + `</w:t></w:r>`)
	}
	b.WriteString("</w:p>")
	return b.String()
}

func fill(t testing.TB, tpl []byte, s Schema, d Data) []byte {
	t.Helper()
	tp, err := Parse(tpl, s)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := tp.Fill(d, &out); err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, out.Bytes())
	return out.Bytes()
}

// parts reads every part of a .docx.
func parts(t testing.TB, docx []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, f := range zr.File {
		b, err := readZip(f)
		if err != nil {
			t.Fatal(err)
		}
		m[f.Name] = b
	}
	return m
}

// checkWellFormed parses every XML part with encoding/xml and checks the
// rules Word is strict about, the package's content types and relationships
// (checkPackage) and that no revision or bookmark id repeats
// (checkAnnotationIDs).
func checkWellFormed(t testing.TB, docx []byte) {
	t.Helper()
	for name, b := range parts(t, docx) {
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		d := xml.NewDecoder(bytes.NewReader(b))
		var stack []string
		ids := map[string]bool{}
		bms := map[string]bool{}
		hasP := []bool{}
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed: %v", name, err)
			}
			switch x := tok.(type) {
			case xml.StartElement:
				stack = append(stack, x.Name.Local)
				switch x.Name.Local {
				case "docPr":
					for _, a := range x.Attr {
						if a.Name.Local == "id" {
							if ids[a.Value] {
								t.Errorf("%s: duplicate wp:docPr id %s", name, a.Value)
							}
							ids[a.Value] = true
						}
					}
				case "bookmarkStart":
					for _, a := range x.Attr {
						if a.Name.Local == "id" {
							if bms[a.Value] {
								t.Errorf("%s: duplicate bookmark id %s", name, a.Value)
							}
							bms[a.Value] = true
						}
					}
				case "tc":
					hasP = append(hasP, false)
					fallthrough
				case "p", "tr":
					for _, a := range x.Attr {
						if a.Name.Local == "paraId" {
							if ids["para"+a.Value] {
								t.Errorf("%s: duplicate w14:paraId %s", name, a.Value)
							}
							ids["para"+a.Value] = true
						}
					}
				}
				if x.Name.Local == "p" && len(hasP) > 0 {
					hasP[len(hasP)-1] = true
				}
				switch x.Name.Local {
				case "t":
				}
			case xml.EndElement:
				stack = stack[:len(stack)-1]
				if x.Name.Local == "tc" {
					if !hasP[len(hasP)-1] {
						t.Errorf("%s: a table cell without a paragraph", name)
					}
					hasP = hasP[:len(hasP)-1]
				}
			case xml.CharData:
				if len(stack) > 0 && stack[len(stack)-1] == "t" {
					_ = x
				}
			}
		}
	}
	checkPackage(t, docx)
	checkAnnotationIDs(t, docx)
	// every w:t with leading or trailing spaces keeps them
	doc := parts(t, docx)["word/document.xml"]
	re := regexp.MustCompile(`<w:t>(\s[^<]*|[^<]*\s)</w:t>`)
	if m := re.Find(doc); m != nil {
		t.Errorf("w:t with spaces but no xml:space: %s", m)
	}
}

// text extracts the visible text of a part: w:t contents, a line break as \n,
// paragraphs ended by ¶.
func text(b []byte) string {
	d := xml.NewDecoder(bytes.NewReader(b))
	var out strings.Builder
	inT := false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch x := tok.(type) {
		case xml.StartElement:
			switch x.Name.Local {
			case "t":
				inT = true
			case "br":
				out.WriteString("\n")
			case "tab":
				out.WriteString("\t")
			case "drawing":
				out.WriteString("[图]")
			}
		case xml.EndElement:
			switch x.Name.Local {
			case "t":
				inT = false
			case "p":
				out.WriteString("¶")
			case "tr":
				out.WriteString("|")
			}
		case xml.CharData:
			if inT {
				out.Write(x)
			}
		}
	}
	return out.String()
}

// toPDF converts a .docx with LibreOffice when it is installed.
func toPDF(t testing.TB, docx []byte, dir, name string) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	in := filepath.Join(dir, name+".docx")
	if err := os.WriteFile(in, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "lo-profile"), "--headless", "--convert-to", "pdf", "--outdir", dir, in)
	out, err := cmd.CombinedOutput()
	pdf := filepath.Join(dir, name+".pdf")
	if _, statErr := os.Stat(pdf); err != nil || statErr != nil {
		t.Fatalf("soffice could not convert %s: %v %v\n%s", name, err, statErr, out)
	}
	return pdf
}
