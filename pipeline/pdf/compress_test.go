package pdf

import (
	"bytes"
	"regexp"
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
	// pdfObjects finds each object through the xref table, and fails when
	// an entry does not point at its object.
	g, w := inflatedObjects(t, got), inflatedObjects(t, want)
	if len(g) != len(w) || len(g) == 0 {
		t.Fatalf("finish gave %d objects, gofpdf %d", len(g), len(w))
	}
	for i := range w {
		if g[i] != w[i] {
			t.Errorf("object %d differs:\n got %.300q\nwant %.300q", i, g[i], w[i])
		}
	}
	// Again with the same writer and buffers: the same bytes.
	m.done(s)
	if s2 := m.scratch(); s2 != s {
		t.Error("the Maker did not keep the scratch")
	}
	if err := s.finish(raw, nil); err != nil || !bytes.Equal(s.out.Bytes(), got) {
		t.Errorf("second run differs: %v", err)
	}
}

var lengthRe = regexp.MustCompile(` ?/Length \d+`)

// inflatedObjects are a PDF's objects by number, each stream inflated and
// its /Length left out.
func inflatedObjects(t *testing.T, pdf []byte) map[int]string {
	t.Helper()
	out := map[int]string{}
	for n, body := range pdfObjects(t, pdf) {
		k := bytes.Index(body, []byte("\nstream\n"))
		if k < 0 {
			out[n] = string(body)
			continue
		}
		out[n] = string(lengthRe.ReplaceAll(body[:k], nil)) + " stream " + string(streamOf(t, body))
	}
	return out
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
	pdfObjects(t, b) // fails unless every xref entry points at its object
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
