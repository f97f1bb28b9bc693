package pdf

import (
	"bytes"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

// TestFinishCompressesAsGofpdf checks that finish, with no font, turns
// gofpdf's uncompressed output into exactly what gofpdf writes with
// compression on.
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
	if !bytes.Equal(s.out.Bytes(), want) {
		t.Errorf("finish gave %d bytes, gofpdf with compression %d", s.out.Len(), len(want))
	}
	// Again with the same writer and buffers: the same bytes.
	m.done(s)
	if s2 := m.scratch(); s2 != s {
		t.Error("the Maker did not keep the scratch")
	}
	if err := s.finish(raw, nil); err != nil || !bytes.Equal(s.out.Bytes(), want) {
		t.Errorf("second run differs: %v", err)
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
