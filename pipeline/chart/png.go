package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"github.com/jixiao/jixiao/pipeline/fonts"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// DesignWidth is the width (pt) charts are laid out at when rendered to
// PNG: 15 cm, the text width of an A4 page. At 1181 px wide the image is
// 200 dpi when placed 15 cm wide.
const DesignWidth = 425.2

// PNG renders s as a widthPx × heightPx PNG. The chart is laid out
// DesignWidth points wide (the height in proportion), so text keeps the
// same size relative to the image at any resolution; 1181 px wide prints
// sharp at 15 cm (200 dpi). SuggestHeight gives a height that fits every
// category.
func PNG(s Spec, widthPx, heightPx int) ([]byte, error) {
	pix, _ := pixPool.Get().(*[]byte)
	if pix == nil {
		pix = new([]byte)
	}
	defer pixPool.Put(pix)
	img, err := drawChart(s, widthPx, heightPx, pix)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(widthPx * heightPx / 16)
	// A paletted image: one byte a pixel and no per-row filter search, which
	// makes encoding several times faster than RGBA for the same picture.
	if err := encodePNG(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pixPool keeps the pixels of drawn charts for the next chart: a chart is
// about 1 MB, drawn and encoded within one call of PNG.
var pixPool sync.Pool

// drawChart draws s on *pix, grown as needed and cleared to white.
func drawChart(s Spec, widthPx, heightPx int, pix *[]byte) (*image.Paletted, error) {
	if widthPx < 50 || heightPx < 30 || widthPx > 8000 || heightPx > 8000 {
		return nil, fmt.Errorf("chart: image size %d×%d out of range", widthPx, heightPx)
	}
	if _, err := fonts.Parsed(); err != nil {
		return nil, fmt.Errorf("chart: font: %w", err)
	}
	scale := float64(widthPx) / DesignWidth
	d := Layout(s, DesignWidth, float64(heightPx)/scale)
	c := newCanvas(d, widthPx, heightPx, pix)
	px := func(v float64) int { return int(math.Round(v * scale)) }
	for _, r := range d.Rects {
		c.fill(image.Rect(px(r.X), px(r.Y), px(r.X+r.W), px(r.Y+r.H)), r.Fill)
	}
	for _, l := range d.Lines {
		lw := int(math.Max(1, math.Round(l.Width*scale)))
		x1, y1, x2, y2 := px(l.X1), px(l.Y1), px(l.X2), px(l.Y2)
		if x1 == x2 { // vertical
			x1 -= lw / 2
			if !l.Dash {
				c.fill(image.Rect(x1, y1, x1+lw, y2), l.Color)
				continue
			}
			dash, gap := px(3), px(2)
			for y := y1; y < y2; y += dash + gap {
				c.fill(image.Rect(x1, y, x1+lw, min(y+dash, y2)), l.Color)
			}
		} else {
			y1 -= lw / 2
			c.fill(image.Rect(x1, y1, x2, y1+lw), l.Color)
		}
	}
	for _, t := range d.Texts {
		c.text(t, scale)
	}
	return c.img, nil
}

// levels is the number of anti-aliasing shades per text colour.
const levels = 16

// canvas is a paletted image: the chart's flat colours plus, per text
// colour, a ramp of shades from white for anti-aliased glyph edges (texts
// are always drawn on white or on light grid lines).
type canvas struct {
	img   *image.Paletted
	index map[Color]uint8
	ramp  map[[2]Color]*[levels]uint8
}

func newCanvas(d Drawing, w, h int, pix *[]byte) *canvas {
	c := &canvas{index: map[Color]uint8{}, ramp: map[[2]Color]*[levels]uint8{}}
	var pal color.Palette
	add := func(col Color) uint8 {
		if i, ok := c.index[col]; ok {
			return i
		}
		i := uint8(len(pal))
		pal = append(pal, color.NRGBA{col.R, col.G, col.B, 0xFF})
		c.index[col] = i
		return i
	}
	add(White)
	for _, r := range d.Rects {
		add(r.Fill)
	}
	for _, l := range d.Lines {
		add(l.Color)
	}
	for _, t := range d.Texts {
		key := [2]Color{t.Color, t.Background()}
		if c.ramp[key] != nil || len(pal)+levels > 256 {
			continue
		}
		bg := t.Background()
		var rp [levels]uint8
		rp[0] = add(bg)
		for k := 1; k < levels; k++ {
			a := float64(k) / (levels - 1)
			mixc := func(b, v uint8) uint8 { return uint8(math.Round(float64(b)*(1-a) + float64(v)*a)) }
			col := Color{mixc(bg.R, t.Color.R), mixc(bg.G, t.Color.G), mixc(bg.B, t.Color.B)}
			if k == levels-1 {
				rp[k] = add(t.Color)
				continue
			}
			rp[k] = uint8(len(pal))
			pal = append(pal, color.NRGBA{col.R, col.G, col.B, 0xFF})
		}
		c.ramp[key] = &rp
	}
	if cap(*pix) < w*h {
		*pix = make([]byte, w*h)
	}
	p := (*pix)[:w*h]
	clear(p)
	c.img = &image.Paletted{Pix: p, Stride: w, Rect: image.Rect(0, 0, w, h), Palette: pal}
	return c // index 0 is white: the image starts white
}

func (c *canvas) fill(r image.Rectangle, col Color) {
	r = r.Intersect(c.img.Bounds())
	if r.Empty() {
		return
	}
	i := c.index[col]
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := c.img.Pix[c.img.PixOffset(r.Min.X, y):c.img.PixOffset(r.Max.X, y)]
		for x := range row {
			row[x] = i
		}
	}
}

func (c *canvas) glyph(g *glyph, at image.Point, rp *[levels]uint8) {
	m := g.mask
	p := at.Add(g.off)
	b := c.img.Bounds()
	for y := 0; y < m.Rect.Dy(); y++ {
		py := p.Y + y
		if py < b.Min.Y || py >= b.Max.Y {
			continue
		}
		src := m.Pix[y*m.Stride : y*m.Stride+m.Rect.Dx()]
		for x, a := range src {
			px := p.X + x
			if a == 0 || px < b.Min.X || px >= b.Max.X {
				continue
			}
			k := (int(a)*(levels-1) + 127) / 255
			if k == 0 {
				continue
			}
			o := c.img.PixOffset(px, py)
			// Keep the darker shade where two glyph edges meet (bold).
			if cur := c.img.Pix[o]; cur != rp[0] && c.shade(cur, rp) >= k {
				continue
			}
			c.img.Pix[o] = rp[k]
		}
	}
}

// shade returns the ramp level of palette index i, or 0 if i is not
// on the ramp (a fill colour, which the glyph then covers).
func (c *canvas) shade(i uint8, rp *[levels]uint8) int {
	for k := 1; k < levels; k++ {
		if rp[k] == i {
			return k
		}
	}
	return 0
}

func (c *canvas) text(t Text, scale float64) {
	rp := c.ramp[[2]Color{t.Color, t.Background()}]
	if rp == nil {
		return
	}
	size := t.Size * scale
	w := fonts.TextWidth(t.S, t.Size) * scale
	x := t.X * scale
	switch t.Align {
	case Center:
		x -= w / 2
	case Right:
		x -= w
	}
	y := int(math.Round(t.Y * scale))
	for _, r := range t.S {
		rr := r
		if !fonts.Has(r) {
			rr = '〓'
		}
		g := getGlyph(rr, size)
		if g.mask != nil {
			at := image.Pt(int(math.Round(x)), y)
			c.glyph(g, at, rp)
			if t.Bold {
				c.glyph(g, at.Add(image.Pt(1, 0)), rp)
			}
		}
		cw, ok := fonts.Width(rr)
		if !ok {
			cw = 1000
		}
		x += float64(cw) * size / 1000
	}
}

// glyph is a rendered glyph mask with its offset from the pen position.
type glyph struct {
	mask *image.Alpha
	off  image.Point
}

type glyphKey struct {
	r    rune
	size int // pixels × 4
}

// glyphCache holds rendered glyphs for the process: charts reuse the same
// few hundred characters at three or four sizes.
var glyphCache = struct {
	sync.RWMutex
	m     map[glyphKey]*glyph
	faces map[int]font.Face
}{m: map[glyphKey]*glyph{}, faces: map[int]font.Face{}}

const maxCachedGlyphs = 20000

func getGlyph(r rune, sizePx float64) *glyph {
	k := glyphKey{r, int(math.Round(sizePx * 4))}
	glyphCache.RLock()
	g := glyphCache.m[k]
	glyphCache.RUnlock()
	if g != nil {
		return g
	}
	glyphCache.Lock()
	defer glyphCache.Unlock()
	if g = glyphCache.m[k]; g != nil {
		return g
	}
	face := glyphCache.faces[k.size]
	if face == nil {
		f, _ := fonts.Parsed()
		var err error
		face, err = opentype.NewFace(f, &opentype.FaceOptions{Size: float64(k.size) / 4, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return &glyph{}
		}
		glyphCache.faces[k.size] = face
	}
	dr, mask, mp, _, ok := face.Glyph(fixed.Point26_6{}, r)
	g = &glyph{}
	if ok && !dr.Empty() {
		a := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
		draw.Draw(a, a.Bounds(), mask, mp, draw.Src)
		g.mask, g.off = a, dr.Min
	}
	if len(glyphCache.m) < maxCachedGlyphs {
		glyphCache.m[k] = g
	}
	return g
}
