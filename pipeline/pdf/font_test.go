package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/pipeline/chart/sample"
	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/fonts"
	"github.com/jung-kurt/gofpdf"
)

// gofpdfWrite writes the summary of ev the way Write did before the
// stand-in font: gofpdf embeds the font itself (AddUTF8FontFromBytes with
// the document's cut, and ASCII) and compresses every stream. It is the
// reference the stand-in is checked against.
func gofpdfWrite(t testing.TB, ev *compute.Evaluation) []byte {
	t.Helper()
	c := build(ev, made, newCleaner())
	var rec recorder
	rec.reset()
	(&doc{p: &rec, c: c}).render()
	var runes []rune
	for r := rune(0x20); r < 0x7F; r++ {
		runes = append(runes, r)
	}
	for r := range rec.runes {
		runes = append(runes, r)
	}
	font, err := fonts.Subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	p := gofpdf.New("P", "mm", "A4", "")
	p.SetMargins(marginX, marginTop, marginX)
	p.SetAutoPageBreak(false, 0)
	p.SetCompression(true)
	p.SetCreationDate(made)
	p.SetModificationDate(made)
	p.SetCreator("jixiao", false)
	p.SetProducer("jixiao", false)
	p.SetTitle(c.title1+" "+c.title2, true)
	p.AddUTF8FontFromBytes(family, "", font)
	rec.replay(p)
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	tagSubset(b.Bytes())
	return b.Bytes()
}

// pdfObjects returns the objects of a PDF written by gofpdf (or finish),
// by number: the text between "N 0 obj\n" and "endobj", found through the
// xref table.
func pdfObjects(t testing.TB, b []byte) map[int][]byte {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no startxref")
	}
	x, _ := strconv.Atoi(string(m[1]))
	var n int
	if _, err := fmt.Sscanf(string(b[x:]), "xref\n0 %d\n", &n); err != nil {
		t.Fatal(err)
	}
	entries := b[bytes.IndexByte(b[x+5:], '\n')+x+6:]
	objs := map[int][]byte{}
	for i := 1; i < n; i++ {
		off, err := strconv.Atoi(string(entries[20*i : 20*i+10]))
		if err != nil {
			t.Fatal(err)
		}
		head := fmt.Sprintf("%d 0 obj\n", i)
		if !bytes.HasPrefix(b[off:], []byte(head)) {
			t.Fatalf("xref: object %d is not at %d", i, off)
		}
		body := b[off+len(head):]
		if i := bytes.Index(body, []byte("\nstream\n")); i >= 0 && i < bytes.Index(body, []byte("endobj")) {
			l := regexp.MustCompile(`/Length (\d+)`).FindSubmatch(body[:i])
			ln, _ := strconv.Atoi(string(l[1]))
			end := i + len("\nstream\n") + ln
			if !bytes.HasPrefix(body[end:], []byte("\nendstream\nendobj\n")) {
				t.Fatalf("object %d: stream of the wrong length", i)
			}
			body = body[:end]
		} else {
			body = body[:bytes.Index(body, []byte("endobj"))]
		}
		objs[i] = body
	}
	return objs
}

// streamOf returns the data of a stream object, decompressed.
func streamOf(t testing.TB, obj []byte) []byte {
	t.Helper()
	i := bytes.Index(obj, []byte("\nstream\n"))
	data := obj[i+len("\nstream\n"):]
	if !bytes.Contains(obj[:i], []byte("/FlateDecode")) {
		return data
	}
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// fontParts are the parts of a PDF's one font, found from its Type0
// object: each object's dictionary with references and the W array
// blanked, the widths by code, and the streams.
type fontParts struct {
	dicts          []string
	widths         map[int]int
	font, cidToGID []byte
	toUnicode      []byte
	resource       string // the font's name in the pages' resources
}

var (
	refRE   = regexp.MustCompile(`\d+ 0 R`)
	wRE     = regexp.MustCompile(`/W \[[^\]]*(?:\][^\]]*)*?\]\n/CIDToGIDMap`)
	wordsRE = regexp.MustCompile(`\[[^\]]*\]|\S+`)
	tagRE   = regexp.MustCompile(`/[A-Z]{6}\+`)
)

func fontOf(t testing.TB, objs map[int][]byte) fontParts {
	t.Helper()
	ref := func(body []byte, key string) []byte {
		m := regexp.MustCompile(key + `\s*(\d+) 0 R`).FindSubmatch(body)
		if m == nil {
			t.Fatalf("no %s in %q", key, body)
		}
		k, _ := strconv.Atoi(string(m[1]))
		return objs[k]
	}
	var fp fontParts
	var type0 []byte
	for k, o := range objs {
		if bytes.Contains(o, []byte("/Subtype /Type0")) {
			if type0 != nil {
				t.Fatal("two Type0 fonts")
			}
			type0 = o
			m := regexp.MustCompile(`/(F[0-9a-f]+) ` + strconv.Itoa(k) + ` 0 R`)
			for _, o := range objs {
				if r := m.FindSubmatch(o); r != nil {
					fp.resource = string(r[1])
				}
			}
		}
	}
	if type0 == nil || fp.resource == "" {
		t.Fatal("no Type0 font in the resources")
	}
	cid := ref(type0, `/DescendantFonts \[`)
	desc := ref(cid, "/FontDescriptor")
	w := wRE.Find(cid)
	if w == nil {
		t.Fatalf("no /W in %q", cid)
	}
	fp.widths = map[int]int{}
	words := wordsRE.FindAllString(string(w[len("/W ["):len(w)-len("]\n/CIDToGIDMap")]), -1)
	for i := 0; i < len(words); {
		c, _ := strconv.Atoi(words[i])
		if strings.HasPrefix(words[i+1], "[") {
			for _, x := range strings.Fields(strings.Trim(words[i+1], "[]")) {
				fp.widths[c], _ = strconv.Atoi(x)
				c++
			}
			i += 2
			continue
		}
		last, _ := strconv.Atoi(words[i+1])
		wd, _ := strconv.Atoi(words[i+2])
		for ; c <= last; c++ {
			fp.widths[c] = wd
		}
		i += 3
	}
	blank := func(b []byte) string {
		s := refRE.ReplaceAllString(string(b), "R")
		s = tagRE.ReplaceAllString(s, "/TAGTAG+")
		return regexp.MustCompile(`/Length \d+`).ReplaceAllString(s, "/Length")
	}
	cidDict := wRE.ReplaceAll(cid, []byte("/W []\n/CIDToGIDMap"))
	fp.dicts = []string{blank(type0), blank(cidDict), blank(desc), blank(ref(cid, "/CIDSystemInfo"))}
	fp.font = streamOf(t, ref(desc, "/FontFile2"))
	fp.cidToGID = streamOf(t, ref(cid, "/CIDToGIDMap"))
	fp.toUnicode = streamOf(t, ref(type0, "/ToUnicode"))
	return fp
}

// pageContents returns each page's content stream, decompressed, in page
// order, with the font's resource name replaced by "/F".
func pageContents(t testing.TB, objs map[int][]byte, resource string) []string {
	t.Helper()
	kids := regexp.MustCompile(`/Kids \[([^\]]*)\]`).FindSubmatch(objs[1])
	if kids == nil {
		t.Fatal("no /Kids")
	}
	var pages []string
	for _, r := range regexp.MustCompile(`(\d+) 0 R`).FindAllSubmatch(kids[1], -1) {
		k, _ := strconv.Atoi(string(r[1]))
		c := regexp.MustCompile(`/Contents (\d+) 0 R`).FindSubmatch(objs[k])
		n, _ := strconv.Atoi(string(c[1]))
		pages = append(pages, strings.ReplaceAll(string(streamOf(t, objs[n])), "/"+resource+" ", "/F "))
	}
	return pages
}

// render returns the pages of a PDF as pdftoppm draws them (PPM).
func render(t testing.TB, path string, dpi int) []byte {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftoppm"), "-r", strconv.Itoa(dpi), path).Output()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestStandInFontIsGofpdfsEmbedding checks Write, which draws with a
// stand-in font and embeds the font itself, against gofpdf's own
// embedding of the same cut: the same pages (but for the font's resource
// name), the same font file (but for head's checkSumAdjustment, which
// gofpdf gets wrong), glyph map, ToUnicode map and dictionaries (but for
// object numbers and the width array), the same width for every character
// drawn, the same text for pdftotext and the same pixels for pdftoppm.
func TestStandInFontIsGofpdfsEmbedding(t *testing.T) {
	tool(t, "pdftoppm")
	rare := sample.Department()
	rare.Department = "堃昇喆县工业和信息化局"
	rare.Unit = rareText
	replaced := sample.Department()
	replaced.Department = "𠀀𠀁县科技局😀喆"
	cases := map[string]*compute.Evaluation{
		"sample":   sample.Department(),
		"rare":     rare,
		"replaced": replaced,
		"large":    sample.Large(60),
		"empty":    {},
	}
	for name, ev := range cases {
		t.Run(name, func(t *testing.T) {
			want := gofpdfWrite(t, ev)
			got, _ := write(t, ev)
			wo, go_ := pdfObjects(t, want), pdfObjects(t, got)
			wf, gf := fontOf(t, wo), fontOf(t, go_)

			wp, gp := pageContents(t, wo, wf.resource), pageContents(t, go_, gf.resource)
			if len(wp) != len(gp) {
				t.Fatalf("%d pages, gofpdf's embedding %d", len(gp), len(wp))
			}
			drawn := map[rune]bool{}
			for i := range wp {
				if gp[i] != wp[i] {
					t.Errorf("page %d's content differs", i+1)
				}
				for _, m := range regexp.MustCompile(`\((?:[^\\)]|\\.)*\) Tj`).FindAllString(gp[i], -1) {
					s := strings.NewReplacer(`\\`, `\`, `\(`, `(`, `\)`, `)`, `\r`, "\r").Replace(m[1 : len(m)-4])
					for k := 0; k+1 < len(s); k += 2 {
						drawn[rune(s[k])<<8|rune(s[k+1])] = true
					}
				}
			}
			if len(drawn) == 0 {
				t.Fatal("no text drawn")
			}

			if len(gf.font) != len(wf.font) || len(gf.font) < 54 {
				t.Fatalf("font file of %d bytes, gofpdf's %d", len(gf.font), len(wf.font))
			}
			head := headOffset(t, gf.font)
			w := append([]byte(nil), wf.font...)
			copy(w[head+8:head+12], gf.font[head+8:head+12])
			if !bytes.Equal(gf.font, w) {
				t.Error("the font files differ")
			}
			if !bytes.Equal(gf.cidToGID, wf.cidToGID) {
				t.Error("the CIDToGIDMaps differ")
			}
			if !bytes.Equal(gf.toUnicode, wf.toUnicode) {
				t.Error("the ToUnicode maps differ")
			}
			for i := range wf.dicts {
				if gf.dicts[i] != wf.dicts[i] {
					t.Errorf("font dictionary %d differs:\n%s\ngofpdf's:\n%s", i, gf.dicts[i], wf.dicts[i])
				}
			}
			for r := range drawn {
				if gf.widths[int(r)] != wf.widths[int(r)] || gf.widths[int(r)] == 0 && r != ' ' {
					t.Errorf("%q (U+%04X): width %d, gofpdf's %d", r, r, gf.widths[int(r)], wf.widths[int(r)])
				}
			}

			wpath, gpath := save(t, name+"-gofpdf.pdf", want), save(t, name+".pdf", got)
			if g, w := pdftotext(t, gpath, true), pdftotext(t, wpath, true); g != w {
				t.Error("pdftotext reads different text")
			}
			if !bytes.Equal(render(t, gpath, 60), render(t, wpath, 60)) {
				t.Error("pdftoppm draws different pixels")
			}
		})
	}
}

func headOffset(t testing.TB, font []byte) int {
	for i := 0; i < int(binary.BigEndian.Uint16(font[4:])); i++ {
		if string(font[12+16*i:16+16*i]) == "head" {
			return int(binary.BigEndian.Uint32(font[12+16*i+8:]))
		}
	}
	t.Fatal("no head table")
	return 0
}
