package fonts

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// gb2312 returns the characters of GB 2312: its symbols (rows 1–9) and
// hanzi (rows 16–87), decoded from every two-byte code.
func gb2312(t testing.TB) (symbols, hanzi []rune) {
	dec := simplifiedchinese.GBK.NewDecoder()
	for row := 0xA1; row <= 0xF7; row++ {
		if row > 0xA9 && row < 0xB0 {
			continue
		}
		for col := 0xA1; col <= 0xFE; col++ {
			s, err := dec.Bytes([]byte{byte(row), byte(col)})
			if err != nil {
				t.Fatal(err)
			}
			r := []rune(string(s))
			if len(r) != 1 || r[0] == 0xFFFD || r[0] < 0x80 {
				continue // an unassigned code
			}
			if row < 0xB0 {
				symbols = append(symbols, r[0])
			} else {
				hanzi = append(hanzi, r[0])
			}
		}
	}
	return symbols, hanzi
}

// extras are characters the forms use outside GB 2312.
const extras = "喆堃昇赟珺玥犇镕≧≦≠‰–•〓℃№①②③④⑩〔〕「」『』＜＞＝～￥㎡㎏"

// randomSets returns n rune sets: random picks of ASCII, GB 2312 symbols
// and hanzi and the extras, from a handful to a few thousand runes.
func randomSets(t testing.TB, n int) [][]rune {
	symbols, hanzi := gb2312(t)
	if len(hanzi) != 6763 || len(symbols) < 600 {
		t.Fatalf("GB 2312: %d hanzi, %d symbols", len(hanzi), len(symbols))
	}
	rng := rand.New(rand.NewPCG(14, 2026))
	pick := func(from []rune, k int) []rune {
		out := make([]rune, k)
		for i := range out {
			out[i] = from[rng.IntN(len(from))]
		}
		return out
	}
	var ascii []rune
	for r := rune(0x20); r < 0x7F; r++ {
		ascii = append(ascii, r)
	}
	sets := make([][]rune, n)
	for i := range sets {
		size := 1 + rng.IntN(40)
		if i%5 == 4 {
			size = 300 + rng.IntN(3000)
		}
		var s []rune
		s = append(s, pick(ascii, rng.IntN(20))...)
		s = append(s, pick(symbols, rng.IntN(size/4+1))...)
		s = append(s, pick(hanzi, size)...)
		s = append(s, pick([]rune(extras), rng.IntN(6))...)
		rng.Shuffle(len(s), func(a, b int) { s[a], s[b] = s[b], s[a] })
		sets[i] = s
	}
	sets[0] = []rune("绩效自评表")
	sets[1] = nil
	return sets
}

// glyphOf returns the advance and the outline of r in f.
func glyphOf(t testing.TB, f *sfnt.Font, r rune) (fixed.Int26_6, sfnt.Segments) {
	var b sfnt.Buffer
	gi, err := f.GlyphIndex(&b, r)
	if err != nil || gi == 0 {
		t.Fatalf("%q: glyph %d, %v", r, gi, err)
	}
	ppem := fixed.Int26_6(f.UnitsPerEm()) << 6
	adv, err := f.GlyphAdvance(&b, gi, ppem, font.HintingNone)
	if err != nil {
		t.Fatal(err)
	}
	segs, err := f.LoadGlyph(&b, gi, ppem, nil)
	if err != nil {
		t.Fatalf("%q: %v", r, err)
	}
	return adv, slices.Clone(segs)
}

// TestSubsetKeepsGlyphsAndWidths cuts many random rune sets and checks that
// each cut parses (in sfnt and in gofpdf), maps every rune to the same
// outline and advance as the full font, gives gofpdf the same string width
// as the full font, and carries a valid checksum.
func TestSubsetKeepsGlyphsAndWidths(t *testing.T) {
	full, err := Parsed()
	if err != nil {
		t.Fatal(err)
	}
	// gofpdf parses the whole font once; each cut is added beside it.
	p := gofpdf.New("P", "pt", "A4", "")
	p.AddUTF8FontFromBytes("full", "", Regular())
	sets := randomSets(t, 60)
	if testing.Short() {
		sets = sets[:10]
	}
	for i, set := range sets {
		cut, err := Subset(set)
		if err != nil {
			t.Fatalf("set %d: %v", i, err)
		}
		if got := checksum(padded(cut)); got != 0xB1B0AFBA {
			t.Errorf("set %d: font checksum %#x, want 0xB1B0AFBA", i, got)
		}
		sf, err := sfnt.Parse(cut)
		if err != nil {
			t.Fatalf("set %d: sfnt: %v", i, err)
		}
		uniq := slices.Compact(slices.Sorted(slices.Values(set)))
		if want := len(uniq) + 1; sf.NumGlyphs() != want { // no two of these share a glyph
			t.Errorf("set %d: %d glyphs, want %d", i, sf.NumGlyphs(), want)
		}
		for _, r := range uniq {
			wa, ws := glyphOf(t, full, r)
			ga, gs := glyphOf(t, sf, r)
			if wa != ga || !slices.Equal(ws, gs) {
				t.Errorf("set %d: %q differs from the full font (advance %v, want %v)", i, r, ga, wa)
			}
		}
		fam := fmt.Sprintf("cut%d", i)
		p.AddUTF8FontFromBytes(fam, "", cut)
		if err := p.Error(); err != nil {
			t.Fatalf("set %d: gofpdf: %v", i, err)
		}
		s := string(set)
		p.SetFont("full", "", 1000)
		want := p.GetStringWidth(s)
		p.SetFont(fam, "", 1000)
		if got := p.GetStringWidth(s); got != want || got != TextWidth(s, 1000) {
			t.Errorf("set %d: gofpdf width %v, full font %v, TextWidth %v", i, got, want, TextWidth(s, 1000))
		}
	}
}

// TestSubsetIsGofpdfsCut checks that a cut is the font gofpdf's own
// UTF8CutFont makes of the whole font, byte for byte but for head's
// checkSumAdjustment (gofpdf borrows the wrong way when it subtracts).
func TestSubsetIsGofpdfsCut(t *testing.T) {
	sets := [][]rune{
		[]rune("Hello, 绩效自评表（2019年度）≥≤±‰℃①"),
		[]rune(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~" + extras),
	}
	if !testing.Short() {
		sets = append(sets, randomSets(t, 4)[2:]...)
	}
	for i, set := range sets {
		mine, err := Subset(set)
		if err != nil {
			t.Fatal(err)
		}
		theirs := gofpdf.UTF8CutFont(Regular(), string(set))
		head := tableOffset(t, mine, "head")
		if head != tableOffset(t, theirs, "head") {
			t.Fatalf("set %d: head at %d, gofpdf's at %d", i, head, tableOffset(t, theirs, "head"))
		}
		copy(theirs[head+8:head+12], mine[head+8:head+12])
		if !bytes.Equal(mine, theirs) {
			t.Errorf("set %d: the cut (%d bytes) differs from gofpdf's (%d bytes)", i, len(mine), len(theirs))
		}
	}
}

// TestSubsetKeepsComposites cuts a font with composite glyphs, one nested:
// the cut holds their components, renumbered, in gofpdf's order, and draws
// the same outline.
func TestSubsetKeepsComposites(t *testing.T) {
	font, err := compositeFont()
	if err != nil {
		t.Fatal(err)
	}
	f := parseFace(font)
	if f.err != nil {
		t.Fatal(f.err)
	}
	var cc Cut
	if err := f.cut(&cc, []rune("YC")); err != nil {
		t.Fatal(err)
	}
	cut := cc.Font
	if string(cc.Runes) != "CY" || !slices.Equal(cc.Glyphs, []uint16{2, 1}) {
		t.Errorf("Runes %q, Glyphs %v", string(cc.Runes), cc.Glyphs)
	}
	c := parseFace(cut)
	if c.err != nil {
		t.Fatal(c.err)
	}
	// .notdef, Y (4), C (5), then Y's components depth first: X (3), its
	// components A (1) and B (2).
	if c.numGlyphs != 6 {
		t.Fatalf("%d glyphs, want 6", c.numGlyphs)
	}
	for new, old := range []int{0, 4, 5, 3, 1, 2} {
		g, want := c.glyph(new), f.glyph(old)
		if int16(be16(want, 0)) >= 0 && !bytes.Equal(g, want) {
			t.Errorf("glyph %d is not glyph %d of the font", new, old)
		}
	}
	if comps := componentsOf(c.glyph(1)); !slices.Equal(comps, []uint16{3, 4}) {
		t.Errorf("Y's components %v, want [3 4] (X, A)", comps)
	}
	if comps := componentsOf(c.glyph(3)); !slices.Equal(comps, []uint16{4, 5}) {
		t.Errorf("X's components %v, want [4 5] (A, B)", comps)
	}
	if c.gid['Y'] != 1 || c.gid['C'] != 2 || c.gid['A'] != 0 {
		t.Errorf("cmap: Y→%d C→%d A→%d", c.gid['Y'], c.gid['C'], c.gid['A'])
	}
	sfFont, err := sfnt.Parse(font)
	if err != nil {
		t.Fatal(err)
	}
	sfCut, err := sfnt.Parse(cut)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "YC" {
		wa, ws := glyphOf(t, sfFont, r)
		ga, gs := glyphOf(t, sfCut, r)
		if wa != ga || !slices.Equal(ws, gs) || len(gs) == 0 {
			t.Errorf("%q draws differently in the cut", r)
		}
	}
	theirs := gofpdf.UTF8CutFont(slices.Clone(font), "YC")
	head := tableOffset(t, cut, "head")
	copy(theirs[head+8:head+12], cut[head+8:head+12])
	if !bytes.Equal(cut, theirs) {
		t.Error("the cut differs from gofpdf's")
	}
}

// compositeFont is a small font made from glyphs of the embedded one:
// .notdef, A, B, X (A and B side by side), Y (X and A scaled by half,
// nested) and C, mapped from "ABXYC".
func compositeFont() ([]byte, error) {
	f := parsedFace()
	if f.err != nil {
		return nil, f.err
	}
	word := func(ws ...int) []byte {
		b := make([]byte, 2*len(ws))
		for i, w := range ws {
			binary.BigEndian.PutUint16(b[2*i:], uint16(w))
		}
		return b
	}
	header := word(0xFFFF, 0, 0xFF88, 2000, 880) // -1 contours, a bounding box
	x := append(slices.Clone(header), word(moreComponents|argsAreWords|1<<1, 1, 0, 0)...)
	x = append(x, word(argsAreWords|1<<1, 2, 600, 0)...)
	y := append(slices.Clone(header), word(moreComponents|argsAreWords|1<<1, 3, 0, 0)...)
	y = append(y, word(haveScale|1<<1, 1, 0x0A0A, 0x2000)...) // byte args (10, 10), scale 0.5
	glyphs := [][]byte{f.glyph(0), f.glyph(int(f.gid['A'])), f.glyph(int(f.gid['B'])), x, y, f.glyph(int(f.gid['C']))}
	var glyf, loca, hmtx []byte
	for i, g := range glyphs {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		glyf = append(glyf, g...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		var m [4]byte
		f.putMetric(m[:], []int{0, int(f.gid['A']), int(f.gid['B']), 0, 0, int(f.gid['C'])}[i])
		hmtx = append(hmtx, m[:]...)
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
	binary.BigEndian.PutUint16(hmtx[3*4:], 1200)
	binary.BigEndian.PutUint16(hmtx[4*4:], 1300)
	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := slices.Clone(f.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(glyphs)))
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(glyphs)))
	cmap := cmapTable([]runeGlyph{{'A', 1}, {'B', 2}, {'C', 5}, {'X', 3}, {'Y', 4}}, len(glyphs))
	var tables []table
	for _, t := range []struct {
		tag  string
		data []byte
	}{
		{"cmap", cmap}, {"glyf", glyf}, {"head", head}, {"hhea", hhea}, {"hmtx", hmtx}, {"loca", loca},
		{"maxp", maxp}, {"post", f.tables["post"]}, {"name", f.tables["name"]}, {"OS/2", f.tables["OS/2"]},
	} {
		tables = append(tables, table{tag: t.tag, data: t.data})
	}
	return assemble(nil, tables), nil
}

func componentsOf(d []byte) []uint16 {
	var out []uint16
	if err := components(d, func(at int) error {
		out = append(out, be16(d, at))
		return nil
	}); err != nil {
		return nil
	}
	return out
}

func tableOffset(t testing.TB, font []byte, tag string) int {
	for i := 0; i < int(be16(font, 4)); i++ {
		if string(font[12+16*i:16+16*i]) == tag {
			return int(be32(font, 12+16*i+8))
		}
	}
	t.Fatalf("no %q table", tag)
	return 0
}

func padded(b []byte) []byte {
	return append(slices.Clone(b), make([]byte, pad4(len(b))-len(b))...)
}

func TestSubsetLeavesOutWhatTheFontLacks(t *testing.T) {
	cut, err := Subset([]rune{'绩', 0x20000, 0xE000, -1, 0x110000})
	if err != nil {
		t.Fatal(err)
	}
	sf, err := sfnt.Parse(cut)
	if err != nil {
		t.Fatal(err)
	}
	if sf.NumGlyphs() != 2 {
		t.Errorf("%d glyphs, want .notdef and 绩", sf.NumGlyphs())
	}
}

// BenchmarkSubset cuts the font to the characters of a one-page summary
// (ASCII and 400 hanzi and signs), into one reused buffer as Write does.
func BenchmarkSubset(b *testing.B) {
	_, hanzi := gb2312(b)
	set := []rune(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~" + extras)
	for i := 0; i < 400; i++ {
		set = append(set, hanzi[i*16])
	}
	if _, err := Subset(set); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var c Cut
	for b.Loop() {
		if err := c.Make(set); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseFace is the once-per-process parse Subset works from.
func BenchmarkParseFace(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if f := parseFace(Shared()); f.err != nil {
			b.Fatal(f.err)
		}
	}
}

func TestCutReusesADirtyBuffer(t *testing.T) {
	set := []rune("绩效自评表 2019年度（部门整体支出）≥≤")
	want, err := Subset(set)
	if err != nil {
		t.Fatal(err)
	}
	buf := bytes.Repeat([]byte{0xFF}, 2*len(want))
	c := Cut{Font: buf[:7]}
	if err := c.Make(set); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(c.Font, want) {
		t.Error("the cut in a reused buffer differs")
	}
	if &c.Font[0] != &buf[0] {
		t.Error("Make did not reuse the buffer")
	}
	// Each rune's glyph is the one the cut's cmap gives it.
	sf, err := sfnt.Parse(c.Font)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	uniq := slices.Compact(slices.Sorted(slices.Values(set)))
	if !slices.Equal(c.Runes, uniq) {
		t.Errorf("Runes %q, want %q", string(c.Runes), string(uniq))
	}
	for i, r := range c.Runes {
		if g, err := sf.GlyphIndex(&b, r); err != nil || uint16(g) != c.Glyphs[i] || g == 0 {
			t.Errorf("%q: glyph %d in the cut, Glyphs says %d", r, g, c.Glyphs[i])
		}
	}
}

// TestSubsetCmapEndsOnce: U+FFFF in the runes asked for is left out of the
// cut's cmap, whose closing segment ends at 0xFFFF: a format 4 table's end
// codes rise strictly, and 'A' still maps.
func TestSubsetCmapEndsOnce(t *testing.T) {
	cut, err := Subset([]rune{'A', 0xFFFF})
	if err != nil {
		t.Fatal(err)
	}
	be := binary.BigEndian
	var cmap []byte
	for i, n := 0, int(be.Uint16(cut[4:])); i < n; i++ {
		rec := cut[12+16*i:]
		if string(rec[:4]) == "cmap" {
			off, ln := be.Uint32(rec[8:]), be.Uint32(rec[12:])
			cmap = cut[off : off+ln]
		}
	}
	if cmap == nil {
		t.Fatal("no cmap")
	}
	var sub []byte
	for i, n := 0, int(be.Uint16(cmap[2:])); i < n; i++ {
		off := be.Uint32(cmap[4+8*i+4:])
		if be.Uint16(cmap[off:]) == 4 {
			sub = cmap[off:]
		}
	}
	if sub == nil {
		t.Fatal("no format 4 subtable")
	}
	segs := int(be.Uint16(sub[6:])) / 2
	prev := -1
	for i := 0; i < segs; i++ {
		end := int(be.Uint16(sub[14+2*i:]))
		if end <= prev {
			t.Fatalf("end codes not rising: segment %d ends at %#x after %#x", i, end, prev)
		}
		prev = end
	}
	if prev != 0xFFFF {
		t.Errorf("last segment ends at %#x, want 0xFFFF", prev)
	}
	sf, err := sfnt.Parse(cut)
	if err != nil {
		t.Fatal(err)
	}
	if g, err := sf.GlyphIndex(nil, 'A'); err != nil || g == 0 {
		t.Errorf("'A' maps to %d, %v", g, err)
	}
}
