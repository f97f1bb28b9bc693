package word

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/samples/sheetgen"
	"github.com/jixiao/jixiao/templates"
)

// withParts is the default template with parts added (or replaced).
func withParts(t *testing.T, add map[string][]byte) []byte {
	t.Helper()
	out, err := sheetgen.RewriteParts(templates.DefaultReport, func(name string, b []byte) []byte {
		if _, ok := add[name]; ok {
			return nil // replaced by add
		}
		return b
	}, add)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// pngHeader is the start of a PNG of w×h pixels: enough for its size.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// TestHostileTemplatesAreRefused (issue 13, item 5): parts named outside
// the package, an oversized part and a huge image are refused by Parse
// and by `template check`, with the part named.
func TestHostileTemplatesAreRefused(t *testing.T) {
	cases := []struct {
		name string
		add  map[string][]byte
		part string
		word string
	}{
		{"parent path", map[string][]byte{"../../evil.xml": []byte("<x/>")}, "../../evil.xml", "模板包以外"},
		{"absolute path", map[string][]byte{"/tmp/evil.xml": []byte("<x/>")}, "/tmp/evil.xml", "模板包以外"},
		{"drive letter", map[string][]byte{`C:\evil.xml`: []byte("<x/>")}, `C:\evil.xml`, "模板包以外"},
		{"huge styles", map[string][]byte{"word/styles.xml": bytes.Repeat([]byte(" "), 40<<20)}, "word/styles.xml", "超过单个部件的上限"},
		{"huge image", map[string][]byte{"word/media/image9.png": pngHeader(30000, 30000)}, "word/media/image9.png", "30000×30000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			docx := withParts(t, c.add)
			ps := Check(docx, StandardSchema())
			found := false
			for _, p := range ps {
				found = found || (p.Part == c.part && strings.Contains(p.Message, c.word))
			}
			if !found {
				t.Fatalf("problems %v", ps)
			}
			if _, err := Parse(docx, StandardSchema()); err == nil {
				t.Fatal("Parse accepted it")
			}
		})
	}
	// A normal image in a template is fine.
	if ps := Check(withParts(t, map[string][]byte{"word/media/logo.png": pngHeader(800, 200)}), StandardSchema()); len(ps) != 0 {
		t.Fatalf("a small image was refused: %v", ps)
	}
}
