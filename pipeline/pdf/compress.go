package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/klauspost/compress/zlib"

	"github.com/jixiao/jixiao/pipeline/fonts"
)

// gofpdf compresses every stream with a zlib writer of its own, and a
// zlib writer at BestSpeed allocates about 1.2 MB: for a summary of three
// pages, five writers, 6 MB. So Write has gofpdf write the page contents
// uncompressed, and finish compresses them, and the font (font.go), with
// a writer the Maker keeps, at gofpdf's level (zlib, BestSpeed) but with
// klauspost/compress, faster than compress/flate: the pages are what
// gofpdf writes with compression on, once inflated.

// scratch is what a Write reuses from earlier ones: the zlib writer, the
// buffers of the PDF, the font and its CIDToGIDMap, the recorder. A Maker
// keeps them itself rather than in a sync.Pool, which every garbage
// collection empties.
type scratch struct {
	z             *zlib.Writer
	raw, out, tmp bytes.Buffer
	cut           fonts.Cut
	runes         []rune
	cidMap        []byte
	text          []byte
	rec           recorder
}

// maxScratch bounds what a Maker keeps: about 2 MB each.
const maxScratch = 4

func (m *Maker) scratch() *scratch {
	m.mu.Lock()
	defer m.mu.Unlock()
	if n := len(m.free); n > 0 {
		s := m.free[n-1]
		m.free = m.free[:n-1]
		return s
	}
	z, err := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	if err != nil {
		panic(err) // BestSpeed is a valid level
	}
	return &scratch{z: z}
}

// done gives s back to m, unless m keeps enough or s grew beyond what a
// summary needs (a 200-indicator summary is about 130 KB).
func (m *Maker) done(s *scratch) {
	if s.raw.Cap() > 4<<20 || s.out.Cap() > 4<<20 {
		return
	}
	s.raw.Reset()
	s.out.Reset()
	s.tmp.Reset()
	s.rec.reset() // let the document's strings go
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.free) < maxScratch {
		m.free = append(m.free, s)
	}
}

var errLayout = errors.New("pdf: gofpdf's output is not laid out as expected")

// finish writes to s.out the PDF in, as gofpdf wrote it with compression
// off, with every page's content stream compressed (zlib, BestSpeed,
// "/Filter /FlateDecode /Length n", as gofpdf writes it), and, unless used
// is nil, the font (cut to used, the characters drawn) in the place of the
// stand-in (font.go); the cross-reference table follows. It relies on
// gofpdf's layout: objects back to back in the order of their offsets, a
// page's contents as "<</Length n>>", and a classic xref table of 20-byte
// entries.
func (s *scratch) finish(in []byte, used map[rune]bool) error {
	out := &s.out
	// The xref table: "xref\n0 N\n" and N entries.
	end := bytes.LastIndex(in, []byte("startxref\n"))
	if end < 0 {
		return errLayout
	}
	xref, err := atoiLine(in[end+len("startxref\n"):])
	if err != nil || xref >= end || !bytes.HasPrefix(in[xref:], []byte("xref\n0 ")) {
		return errLayout
	}
	p := xref + len("xref\n0 ")
	n, err := atoiLine(in[p:])
	if err != nil || n < 2 {
		return errLayout
	}
	p = bytes.IndexByte(in[p:], '\n') + p + 1
	entries := in[p:]
	if len(entries) < 20*n || !bytes.HasPrefix(entries[20*n:], []byte("trailer\n")) {
		return errLayout
	}
	trailer := in[p+20*n : end]
	offsets := make([]int, n)
	for i := 1; i < n; i++ {
		e := entries[20*i : 20*i+20]
		if !bytes.Equal(e[10:], []byte(" 00000 n \n")) {
			return errLayout
		}
		if offsets[i], err = strconv.Atoi(string(e[:10])); err != nil || offsets[i] >= xref {
			return errLayout
		}
	}

	order := make([]int, 0, n-1)
	for i := 1; i < n; i++ {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	// bodyAt is the k-th object in file order, up to the next one.
	bodyAt := func(k int) []byte {
		next := xref
		if k+1 < len(order) {
			next = offsets[order[k+1]]
		}
		return in[offsets[order[k]]:next]
	}

	// The page contents: the objects the pages name as /Contents. Only
	// the page objects are searched: the content streams and the document
	// information hold the document's text, whose two-byte codes may spell
	// "/Contents " (U+2F43 U+6F6E U+7465 U+6E74 U+7320 …).
	contents := map[int]bool{}
	for k, obj := range order {
		body := bodyAt(k)
		if !bytes.HasPrefix(body, []byte(strconv.Itoa(obj)+" 0 obj\n<</Type /Page\n")) {
			continue
		}
		i := bytes.LastIndex(body, []byte("\n/Contents "))
		if i < 0 {
			return errLayout
		}
		c, err := atoiUntil(body[i+len("\n/Contents "):], ' ')
		if err != nil || c <= 0 || c >= n {
			return errLayout
		}
		contents[c] = true
	}
	if len(contents) == 0 {
		return errLayout
	}
	out.Grow(len(in) + 128<<10)
	out.Write(in[:offsets[order[0]]])
	newOffsets := make([]int, n, n+fontObjects)
	standIn := false
	for k, obj := range order {
		body := bodyAt(k)
		newOffsets[obj] = out.Len()
		if used != nil && isStandIn(body, obj) {
			if standIn {
				return errLayout
			}
			standIn = true
			writeType0(out, obj, n)
			continue
		}
		if !contents[obj] {
			out.Write(body)
			continue
		}
		head := fmt.Sprintf("%d 0 obj\n<</Length ", obj)
		if !bytes.HasPrefix(body, []byte(head)) {
			return errLayout
		}
		length, err := atoiUntil(body[len(head):], '>')
		if err != nil {
			return errLayout
		}
		start := len(head) + len(strconv.Itoa(length)) + len(">>\nstream\n")
		const tail = "\nendstream\nendobj\n"
		if start+length+len(tail) != len(body) || string(body[start-len(">>\nstream\n"):start]) != ">>\nstream\n" ||
			string(body[start+length:]) != tail {
			return errLayout
		}
		z, err := s.compress(body[start : start+length])
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", obj, len(z))
		out.Write(z)
		out.WriteString(tail)
	}
	// Without the stand-in in its place the text, two-byte codes, would
	// print as pairs of Helvetica characters.
	if used != nil && !standIn {
		return errLayout
	}
	// The font's objects follow the others, and the trailer's /Size
	// counts them.
	size := fmt.Sprintf("\n/Size %d\n", n)
	sizeAt := -1
	if standIn {
		offs, err := s.writeFont(out, n, used)
		if err != nil {
			return err
		}
		newOffsets = append(newOffsets, offs[:]...)
		if bytes.Count(trailer, []byte(size)) != 1 {
			return errLayout
		}
		sizeAt = bytes.Index(trailer, []byte(size))
	}
	x := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", len(newOffsets))
	for _, o := range newOffsets[1:] {
		fmt.Fprintf(out, "%010d 00000 n \n", o)
	}
	if sizeAt >= 0 {
		out.Write(trailer[:sizeAt])
		fmt.Fprintf(out, "\n/Size %d\n", len(newOffsets))
		trailer = trailer[sizeAt+len(size):]
	}
	out.Write(trailer)
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", x)
	return nil
}

// isStandIn reports whether body is object obj, the stand-in font.
func isStandIn(body []byte, obj int) bool {
	i := bytes.Index(body, []byte(" 0 obj\n"))
	return i > 0 && string(body[i+len(" 0 obj\n"):]) == standInObject && string(body[:i]) == strconv.Itoa(obj)
}

// compress returns data compressed (zlib, BestSpeed) in s.tmp: valid
// until the next call.
func (s *scratch) compress(data []byte) ([]byte, error) {
	s.tmp.Reset()
	s.z.Reset(&s.tmp)
	if _, err := s.z.Write(data); err != nil {
		return nil, err
	}
	if err := s.z.Close(); err != nil {
		return nil, err
	}
	return s.tmp.Bytes(), nil
}

// atoiLine reads the decimal number that makes up the line at b's start.
func atoiLine(b []byte) (int, error) { return atoiUntil(b, '\n') }

func atoiUntil(b []byte, stop byte) (int, error) {
	i := bytes.IndexByte(b, stop)
	if i <= 0 {
		return 0, errLayout
	}
	return strconv.Atoi(string(b[:i]))
}
