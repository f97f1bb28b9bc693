package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/pipeline/chart/sample"
	"github.com/jung-kurt/gofpdf"
)

// TestFinishCompressesAsGofpdf checks that finish, with no font, turns
// gofpdf's uncompressed output into what gofpdf writes with compression
// on: the same objects in the same order, every stream the same once
// inflated (finish deflates with klauspost/compress, faster than gofpdf's
// compress/flate, so the compressed bytes differ), and a cross-reference
// table whose every offset is its object's.
func TestFinishCompressesAsGofpdf(t *testing.T) {
	gen := func(compress bool) []byte {
		p := gofpdf.New("P", "mm", "A4", "")
		p.SetCompression(compress)
		p.SetCreationDate(made)
		p.SetFont("Helvetica", "", 12)
		for i := 0; i < 3; i++ {
			p.AddPage()
			for y := 20.0; y < 280; y += 6 {
				p.Text(20, y, "The quick brown fox (jumps) over the lazy dog \\ 0123456789")
				p.Line(20, y+1, 190, y+1)
			}
		}
		var b bytes.Buffer
		if err := p.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	want, raw := gen(true), gen(false)
	if bytes.Equal(want, raw) {
		t.Fatal("compression made no difference")
	}
	var m Maker
	s := m.scratch()
	if err := s.finish(raw, nil); err != nil {
		t.Fatal(err)
	}
	got := append([]byte(nil), s.out.Bytes()...)
	g, w := inflatedObjects(t, got), inflatedObjects(t, want)
	if len(g) != len(w) {
		t.Fatalf("finish gave %d objects, gofpdf %d", len(g), len(w))
	}
	for i := range g {
		if g[i] != w[i] {
			t.Errorf("object %d differs:\n got %.300q\nwant %.300q", i+1, g[i], w[i])
		}
	}
	checkXref(t, got)
	// Again with the same writer and buffers: the same bytes.
	m.done(s)
	if s2 := m.scratch(); s2 != s {
		t.Error("the Maker did not keep the scratch")
	}
	if err := s.finish(raw, nil); err != nil || !bytes.Equal(s.out.Bytes(), got) {
		t.Errorf("second run differs: %v", err)
	}
}

var (
	objRe    = regexp.MustCompile(`(?s)\n(\d+) 0 obj\n(.*?)\nendobj`)
	streamRe = regexp.MustCompile(`(?s)^(.*?)/Length (\d+)(.*?)stream\n`)
)

// inflatedObjects are a PDF's objects in order, each flate stream inflated
// and its /Length left out.
func inflatedObjects(t *testing.T, pdf []byte) []string {
	t.Helper()
	var out []string
	for _, m := range objRe.FindAllSubmatch(pdf, -1) {
		body := m[2]
		sm := streamRe.FindSubmatchIndex(body)
		if sm == nil {
			out = append(out, string(m[1])+" "+string(body))
			continue
		}
		n, _ := strconv.Atoi(string(body[sm[4]:sm[5]]))
		head := string(body[sm[2]:sm[3]]) + string(body[sm[6]:sm[7]])
		data := body[sm[1] : sm[1]+n]
		if strings.Contains(head, "/FlateDecode") {
			r, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("object %s: %v", m[1], err)
			}
			if data, err = io.ReadAll(r); err != nil {
				t.Fatalf("object %s: %v", m[1], err)
			}
		}
		out = append(out, string(m[1])+" "+head+"stream "+string(data))
	}
	if len(out) == 0 {
		t.Fatal("no objects")
	}
	return out
}

// checkXref checks that every in-use entry of the cross-reference table
// points at "N 0 obj" for its own N, and startxref at the table.
func checkXref(t *testing.T, pdf []byte) {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no startxref")
	}
	at, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(pdf[at:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %d does not point at the table", at)
	}
	lines := strings.Split(string(pdf[at:]), "\n")
	n, _ := strconv.Atoi(strings.Fields(lines[1])[1])
	for i := 1; i < n; i++ {
		e := lines[2+i]
		if !strings.HasSuffix(strings.TrimSpace(e), "n") {
			continue
		}
		off, _ := strconv.Atoi(e[:10])
		if want := fmt.Sprintf("%d 0 obj", i); !bytes.HasPrefix(pdf[off:], []byte(want)) {
			t.Errorf("xref entry %d points at %.12q", i, pdf[off:])
		}
	}
}

func TestFinishRefusesOtherLayouts(t *testing.T) {
	for _, in := range []string{
		"",
		"%PDF-1.3\nstartxref\n5\n%%EOF\n",
		"%PDF-1.3\n1 0 obj\n<</Contents 1 0 R>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<<>>\nstartxref\n44\n%%EOF\n",
	} {
		if err := new(Maker).scratch().finish([]byte(in), nil); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

// TestTextSpellingContentsKeyword writes a department whose two-byte codes
// spell "/Contents 12 ": finish must find the page contents in the page
// objects only, not in the text of the pages or of the title.
func TestTextSpellingContentsKeyword(t *testing.T) {
	ev := sample.Department()
	ev.Department = "局\u2F43\u6F6E\u7465\u6E74\u7320\u3132\u2014局"
	b, info := write(t, ev)
	if len(info.Replaced) != 1 { // the sample's 𠀀
		t.Errorf("replaced %U", info.Replaced)
	}
	checkXref(t, b)
	if tool(t, "pdftotext") != "" {
		if raw := squeeze(pdftotext(t, save(t, "contents.pdf", b), false)); !strings.Contains(raw, ev.Department) {
			t.Errorf("pdftotext does not find %q", ev.Department)
		}
	}
}

// TestFinishRefusesAMissingStandIn gives finish a document drawn in another
// font than the stand-in: with the font asked for, it must fail rather
// than leave the two-byte codes to print in a core font.
func TestFinishRefusesAMissingStandIn(t *testing.T) {
	p := gofpdf.New("P", "mm", "A4", "")
	p.SetCompression(false)
	p.AddPage()
	p.SetFont("Courier", "", 12)
	p.Text(20, 20, "\x7e\x09\x65\x48")
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	if err := new(Maker).scratch().finish(b.Bytes(), map[rune]bool{'绩': true}); err == nil {
		t.Error("no error")
	}
}
