package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
)

// Subset returns a small TrueType font holding only the glyphs of runes
// (and .notdef, and the components of composite glyphs): the font a PDF
// embeds for a document. Runes the font lacks, and runes beyond U+FFFF,
// are left out.
//
// The font is laid out as github.com/jung-kurt/gofpdf's UTF8CutFont lays
// out its cuts: glyphs in the order of their index in the full font
// (composite glyphs' components after them), every glyph with a full
// horizontal metric, a format 4 cmap of the runes, post format 3, and the
// name, OS/2, cvt, fpgm, prep and gasp tables copied. Unlike UTF8CutFont
// it never writes into the font it reads, reads only the tables and glyphs
// it needs, and works from the font parsed once per process: it takes a
// fraction of a millisecond where UTF8CutFont of the whole font takes tens.
//
// Subset is safe for concurrent use.
func Subset(runes []rune) ([]byte, error) {
	var c Cut
	err := c.Make(runes)
	return c.Font, err
}

// A Cut is the font cut to a set of runes (see Subset), with the glyph
// each rune has in the cut.
type Cut struct {
	Font []byte
	// Runes are the runes the cut's cmap maps, in code order, and Glyphs
	// their glyphs in Font.
	Runes  []rune
	Glyphs []uint16
}

// Make cuts the font to runes into c, reusing c's storage.
func (c *Cut) Make(runes []rune) error {
	f := parsedFace()
	if f.err != nil {
		return f.err
	}
	return f.cut(c, runes)
}

// face is the embedded font's tables, parsed once: what Subset reads.
type face struct {
	tables      map[string][]byte // by tag, sliced from the font (never written)
	numGlyphs   int
	numHMetrics int
	longLoca    bool
	loca, glyf  []byte
	hmtx        []byte
	// gid maps a BMP rune to its glyph, through the first Unicode format 4
	// cmap (the one gofpdf reads); mapped marks the runes inside one of
	// its segments (gofpdf keeps those in a cut even when their glyph is
	// .notdef).
	gid    [0x10000]uint16
	mapped [0x10000 / 64]uint64
	err    error
}

var (
	faceOnce sync.Once
	theFace  *face
)

func parsedFace() *face {
	faceOnce.Do(func() {
		theFace = parseFace(Shared())
	})
	return theFace
}

// The tables a cut copies unchanged, besides those it rebuilds.
var copiedTables = []string{"name", "cvt ", "fpgm", "prep", "gasp", "OS/2"}

func parseFace(b []byte) *face {
	f := &face{tables: map[string][]byte{}}
	fail := func(format string, a ...any) *face {
		f.err = fmt.Errorf("fonts: "+format, a...)
		return f
	}
	if len(b) < 12 {
		return fail("font too short")
	}
	if v := be32(b, 0); v != 0x00010000 && v != 0x74727565 {
		return fail("not a TrueType font (%#x)", v)
	}
	n := int(be16(b, 4))
	if 12+16*n > len(b) {
		return fail("table directory beyond the font")
	}
	for i := 0; i < n; i++ {
		r := 12 + 16*i
		tag := string(b[r : r+4])
		off, size := int(be32(b, r+8)), int(be32(b, r+12))
		if off < 0 || size < 0 || off+size > len(b) || off+size < off {
			return fail("table %q beyond the font", tag)
		}
		f.tables[tag] = b[off : off+size : off+size]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "post"} {
		if len(f.tables[tag]) == 0 {
			return fail("no %q table", tag)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || len(f.tables["post"]) < 16 {
		return fail("short head, hhea, maxp or post table")
	}
	f.longLoca = be16(head, 50) != 0
	f.numHMetrics = int(be16(hhea, 34))
	f.numGlyphs = int(be16(maxp, 4))
	f.loca, f.glyf, f.hmtx = f.tables["loca"], f.tables["glyf"], f.tables["hmtx"]
	locaSize := 2
	if f.longLoca {
		locaSize = 4
	}
	if f.numHMetrics < 1 || f.numHMetrics > f.numGlyphs ||
		len(f.hmtx) < 4*f.numHMetrics+2*(f.numGlyphs-f.numHMetrics) ||
		len(f.loca) < locaSize*(f.numGlyphs+1) {
		return fail("hmtx or loca too short for %d glyphs", f.numGlyphs)
	}
	for g := 0; g < f.numGlyphs; g++ {
		if s, e := f.glyphRange(g); s > e || e > len(f.glyf) {
			return fail("glyph %d beyond the glyf table", g)
		}
	}
	if err := f.parseCmap(); err != nil {
		f.err = err
	}
	return f
}

// parseCmap reads the first Unicode format 4 subtable the way gofpdf does.
func (f *face) parseCmap() error {
	c := f.tables["cmap"]
	if len(c) < 4 {
		return errors.New("fonts: short cmap")
	}
	sub := -1
	for i, n := 0, int(be16(c, 2)); i < n; i++ {
		r := 4 + 8*i
		if r+8 > len(c) {
			return errors.New("fonts: cmap records beyond the table")
		}
		pl, enc, off := be16(c, r), be16(c, r+2), int(be32(c, r+4))
		if (pl == 3 && enc == 1) || pl == 0 {
			if off+14 <= len(c) && be16(c, off) == 4 {
				sub = off
				break
			}
		}
	}
	if sub < 0 {
		return errors.New("fonts: no Unicode format 4 cmap")
	}
	// gofpdf's cuts may claim a subtable longer than the table.
	rim := min(sub+int(be16(c, sub+2)), len(c))
	segs := int(be16(c, sub+6)) / 2
	ends := sub + 14
	starts := ends + 2*segs + 2
	deltas := starts + 2*segs
	offsets := deltas + 2*segs
	if offsets+2*segs > len(c) {
		return errors.New("fonts: cmap format 4 beyond the table")
	}
	for s := 0; s < segs; s++ {
		start, end := int(be16(c, starts+2*s)), int(be16(c, ends+2*s))
		delta, ro := int(be16(c, deltas+2*s)), int(be16(c, offsets+2*s))
		for r := start; r <= end; r++ {
			g := 0
			if ro == 0 {
				g = (r + delta) & 0xFFFF
			} else if p := offsets + 2*s + ro + 2*(r-start); p+2 <= rim {
				if g = int(be16(c, p)); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g >= f.numGlyphs {
				g = 0
			}
			f.gid[r] = uint16(g)
			f.mapped[r/64] |= 1 << (r % 64)
		}
	}
	return nil
}

func (f *face) isMapped(r rune) bool {
	return r >= 0 && r < 0x10000 && f.mapped[r/64]&(1<<(r%64)) != 0
}

// glyphRange is where glyph g lies in the glyf table.
func (f *face) glyphRange(g int) (int, int) {
	if f.longLoca {
		return int(be32(f.loca, 4*g)), int(be32(f.loca, 4*g+4))
	}
	return 2 * int(be16(f.loca, 2*g)), 2 * int(be16(f.loca, 2*g+2))
}

func (f *face) glyph(g int) []byte {
	s, e := f.glyphRange(g)
	return f.glyf[s:e:e]
}

// Composite glyph flags.
const (
	argsAreWords   = 1 << 0
	haveScale      = 1 << 3
	moreComponents = 1 << 5
	haveXYScale    = 1 << 6
	have2x2        = 1 << 7
)

// components calls fn with the offset of each component's glyph index in
// the composite glyph data d.
func components(d []byte, fn func(at int) error) error {
	if len(d) < 10 || int16(be16(d, 0)) >= 0 {
		return nil
	}
	for p := 10; ; {
		if p+4 > len(d) {
			return errors.New("fonts: composite glyph cut short")
		}
		flags := be16(d, p)
		if err := fn(p + 2); err != nil {
			return err
		}
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&have2x2 != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

// cutGlyphs is the glyph list of a cut: old glyph index by new index, and
// the reverse.
type cutGlyphs struct {
	old   []uint16
	index map[uint16]uint16
}

func (c *cutGlyphs) add(g uint16) {
	c.index[g] = uint16(len(c.old))
	c.old = append(c.old, g)
}

// addComponents adds the components of glyph g, depth first, as gofpdf
// does (it walks a component's components even when it holds the
// component already).
func (f *face) addComponents(c *cutGlyphs, g uint16, depth int) error {
	if depth > 16 {
		return errors.New("fonts: composite glyphs nested too deep")
	}
	d := f.glyph(int(g))
	return components(d, func(at int) error {
		comp := be16(d, at)
		if int(comp) >= f.numGlyphs {
			return fmt.Errorf("fonts: glyph %d has a component %d beyond the font", g, comp)
		}
		if _, ok := c.index[comp]; !ok {
			c.add(comp)
		}
		return f.addComponents(c, comp, depth+1)
	})
}

type runeGlyph struct {
	r rune
	g uint16 // index in the cut
}

func (f *face) cut(cut *Cut, runes []rune) error {
	rs := slices.Clone(runes)
	slices.Sort(rs)
	rs = slices.Compact(rs)

	// The glyphs: .notdef and those of the runes, in the full font's
	// order, then the components of composite glyphs.
	olds := make([]uint16, 0, len(rs)+1)
	olds = append(olds, 0)
	for _, r := range rs {
		if f.isMapped(r) {
			olds = append(olds, f.gid[r])
		}
	}
	slices.Sort(olds)
	olds = slices.Compact(olds)
	c := &cutGlyphs{old: make([]uint16, 0, len(olds)+8), index: make(map[uint16]uint16, len(olds)+8)}
	for _, g := range olds {
		c.add(g)
	}
	for _, g := range olds {
		if err := f.addComponents(c, g, 0); err != nil {
			return err
		}
	}
	if len(c.old) > 0xFFFF {
		return errors.New("fonts: too many glyphs")
	}
	// The cmap: every rune but U+0000 (gofpdf drops it) and U+FFFF (the
	// closing segment of a format 4 cmap ends there: mapping it too would
	// repeat that end code), to its new glyph.
	pairs := make([]runeGlyph, 0, len(rs))
	cut.Runes, cut.Glyphs = cut.Runes[:0], cut.Glyphs[:0]
	for _, r := range rs {
		if r != 0 && r != 0xFFFF && f.isMapped(r) {
			g := c.index[f.gid[r]]
			pairs = append(pairs, runeGlyph{r, g})
			cut.Runes = append(cut.Runes, r)
			cut.Glyphs = append(cut.Glyphs, g)
		}
	}

	// glyf, loca and hmtx are written in place; the other tables are
	// small.
	glyfSize := 0
	for _, g := range c.old {
		glyfSize += pad4(len(f.glyph(int(g))))
	}
	longLoca := (glyfSize+1)>>1 > 0xFFFF
	locaSize := 2 * (len(c.old) + 1)
	if longLoca {
		locaSize *= 2
	}
	var compErr error
	glyf := func(out []byte) {
		pos := 0
		for _, g := range c.old {
			d := f.glyph(int(g))
			gl := out[pos : pos+len(d)]
			copy(gl, d)
			if err := components(gl, func(at int) error {
				binary.BigEndian.PutUint16(gl[at:], c.index[be16(gl, at)])
				return nil
			}); err != nil {
				compErr = err
			}
			pos += pad4(len(d))
		}
	}
	loca := func(out []byte) {
		pos := 0
		for i, g := range c.old {
			if longLoca {
				binary.BigEndian.PutUint32(out[4*i:], uint32(pos))
			} else {
				binary.BigEndian.PutUint16(out[2*i:], uint16(pos/2))
			}
			pos += pad4(len(f.glyph(int(g))))
		}
		if longLoca {
			binary.BigEndian.PutUint32(out[4*len(c.old):], uint32(pos))
		} else {
			binary.BigEndian.PutUint16(out[2*len(c.old):], uint16(pos/2))
		}
	}
	hmtx := func(out []byte) {
		for i, g := range c.old {
			f.putMetric(out[4*i:], int(g))
		}
	}

	head := f.tables["head"]
	var locaFormat uint16
	if longLoca {
		locaFormat = 1
	}
	headW := func(out []byte) {
		copy(out, head)
		binary.BigEndian.PutUint32(out[8:], 0) // checkSumAdjustment, set by assemble
		binary.BigEndian.PutUint16(out[50:], locaFormat)
	}
	hhea := f.tables["hhea"]
	hheaW := func(out []byte) {
		copy(out, hhea)
		binary.BigEndian.PutUint16(out[34:], uint16(len(c.old)))
	}
	maxp := f.tables["maxp"]
	maxpW := func(out []byte) {
		copy(out, maxp)
		binary.BigEndian.PutUint16(out[4:], uint16(len(c.old)))
	}
	post := func(out []byte) {
		binary.BigEndian.PutUint32(out, 0x00030000)
		copy(out[4:16], f.tables["post"][4:16])
	}

	tables := make([]table, 0, 8+len(copiedTables))
	tables = append(tables,
		table{tag: "cmap", data: cmapTable(pairs, len(c.old))},
		table{tag: "glyf", size: glyfSize, write: glyf},
		table{tag: "head", size: len(head), write: headW},
		table{tag: "hhea", size: len(hhea), write: hheaW},
		table{tag: "hmtx", size: 4 * len(c.old), write: hmtx},
		table{tag: "loca", size: locaSize, write: loca},
		table{tag: "maxp", size: len(maxp), write: maxpW},
		table{tag: "post", size: 32, write: post},
	)
	for _, tag := range copiedTables {
		if t := f.tables[tag]; len(t) > 0 {
			tables = append(tables, table{tag: tag, data: t})
		}
	}
	cut.Font = assemble(cut.Font, tables)
	return compErr
}

// putMetric writes glyph g's longHorMetric (advance width, left side
// bearing) to out.
func (f *face) putMetric(out []byte, g int) {
	if g < f.numHMetrics {
		copy(out[:4], f.hmtx[4*g:])
		return
	}
	copy(out[:2], f.hmtx[4*(f.numHMetrics-1):])
	copy(out[2:4], f.hmtx[4*f.numHMetrics+2*(g-f.numHMetrics):])
}

// cmapTable is a cmap with one format 4 subtable (3, 1) mapping each rune
// of pairs (sorted) to its glyph: a segment per run of consecutive runes
// with consecutive glyphs, each mapped by its idDelta. As in gofpdf's cuts,
// the unused glyph id array is written after the segments and the
// subtable's length counts it as numGlyphs+1 bytes.
func cmapTable(pairs []runeGlyph, numGlyphs int) []byte {
	type segment struct {
		start, end rune
		first      uint16
	}
	var segs []segment
	for i, p := range pairs {
		if i > 0 && p.r == pairs[i-1].r+1 && p.g == pairs[i-1].g+1 {
			segs[len(segs)-1].end = p.r
			continue
		}
		segs = append(segs, segment{p.r, p.r, p.g})
	}
	n := len(segs) + 1
	searchRange, entrySelector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		entrySelector++
	}
	searchRange *= 2
	words := make([]uint16, 0, 6+8+4*n+len(pairs)+1)
	words = append(words, 0, 1, 3, 1, 0, 12, // version, one subtable (3, 1) at 12
		4, uint16(16+8*n+numGlyphs+1), 0, uint16(2*n), uint16(searchRange), uint16(entrySelector), uint16(2*n-searchRange))
	for _, s := range segs {
		words = append(words, uint16(s.end))
	}
	words = append(words, 0xFFFF, 0)
	for _, s := range segs {
		words = append(words, uint16(s.start))
	}
	words = append(words, 0xFFFF)
	for _, s := range segs {
		words = append(words, s.first-uint16(s.start))
	}
	words = append(words, 1)
	for range n {
		words = append(words, 0)
	}
	for _, p := range pairs {
		words = append(words, p.g)
	}
	words = append(words, 0)
	b := make([]byte, 2*len(words))
	for i, w := range words {
		binary.BigEndian.PutUint16(b[2*i:], w)
	}
	return b
}

// table is a table of a font being assembled: its data, or its size and
// a function that writes it in place.
type table struct {
	tag   string
	data  []byte
	size  int
	write func(out []byte)
}

func (t table) len() int {
	if t.write != nil {
		return t.size
	}
	return len(t.data)
}

// assemble writes the font file into dst's storage: the table directory
// (tables sorted by tag), the tables padded with zeros to four bytes, and
// head's checkSumAdjustment.
func assemble(dst []byte, tables []table) []byte {
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	n := len(tables)
	size := 12 + 16*n
	for _, t := range tables {
		size += pad4(t.len())
	}
	b := slices.Grow(dst[:0], size)[:size]
	clear(b)
	pow, log := 1, 0
	for pow*2 <= n {
		pow *= 2
		log++
	}
	binary.BigEndian.PutUint32(b, 0x00010000)
	binary.BigEndian.PutUint16(b[4:], uint16(n))
	binary.BigEndian.PutUint16(b[6:], uint16(16*pow))
	binary.BigEndian.PutUint16(b[8:], uint16(log))
	binary.BigEndian.PutUint16(b[10:], uint16(16*n-16*pow))
	off, head := 12+16*n, -1
	for i, t := range tables {
		r := b[12+16*i:]
		size := t.len()
		copy(r, t.tag)
		if t.write != nil {
			t.write(b[off : off+size])
		} else {
			copy(b[off:], t.data)
		}
		binary.BigEndian.PutUint32(r[4:], checksum(b[off:off+pad4(size)]))
		binary.BigEndian.PutUint32(r[8:], uint32(off))
		binary.BigEndian.PutUint32(r[12:], uint32(size))
		if t.tag == "head" {
			head = off
		}
		off += pad4(size)
	}
	if head >= 0 {
		binary.BigEndian.PutUint32(b[head+8:], 0xB1B0AFBA-checksum(b))
	}
	return b
}

// checksum is the TrueType checksum of b, whose length is a multiple of 4.
func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i+4 <= len(b); i += 4 {
		s += binary.BigEndian.Uint32(b[i:])
	}
	return s
}

func pad4(n int) int { return (n + 3) &^ 3 }

func be16(b []byte, i int) uint16 { return binary.BigEndian.Uint16(b[i:]) }
func be32(b []byte, i int) uint32 { return binary.BigEndian.Uint32(b[i:]) }
