package word

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"unicode/utf8"
)

type usedImage struct {
	key  imageKey
	img  Image
	path string // word/media/…
}

type imageKey struct {
	name string
	ptr  *byte
	n    int
}

type filler struct {
	t      *Template
	root   Data
	ctx    []Data
	copies int // > 0 inside the second and later repetitions of a loop
	docPr  int
	revID  int // the last annotation id given to a repeated tracked change
	cells  []int
	buf    *bytes.Buffer
	part   *tplPart
	images []*usedImage
	rels   map[string][]relAdd // rels part -> additions
	partID map[imageKey]string // image -> relationship id, for the current part
	relN   int
	bufs   []*bytes.Buffer
	indent int
	// the w: prefix of the current part, and the markup derived from it
	brk, tab, pEmpty, pOpen1, pOpen2, pEmpty2 string
}

func (f *filler) release() {
	for _, b := range f.bufs {
		if b.Cap() <= 4<<20 {
			bufPool.Put(b)
		}
	}
	f.bufs = nil
}

func (f *filler) startPart(p *tplPart, buf *bytes.Buffer) {
	f.part, f.buf = p, buf
	f.partID = nil
	w := p.wPrefix
	f.brk = `</` + w + `:t><` + w + `:br/><` + w + `:t xml:space="preserve">`
	f.tab = `</` + w + `:t><` + w + `:tab/><` + w + `:t xml:space="preserve">`
	f.pEmpty = `<` + w + `:p/>`
	f.pOpen1 = `<` + w + `:p>`
	f.pOpen2 = `<` + w + `:p `
	f.ctx = append(f.ctx[:0], f.root)
}

func (f *filler) lookup(name string) (any, bool) {
	for i := len(f.ctx) - 1; i >= 0; i-- {
		if v, ok := f.ctx[i][name]; ok {
			return v, true
		}
	}
	return nil, false
}

func (f *filler) run(nodes []node) {
	for i := range nodes {
		n := &nodes[i]
		switch n.kind {
		case nLit:
			f.buf.Write(n.lit)
		case nValue:
			v, _ := f.lookup(n.name)
			f.indent = n.indent
			f.text(v)
			f.indent = 0
		case nSection:
			f.section(n)
		case nImage:
			f.image(n.name)
		case nDocPr:
			f.docPr++
			f.buf.WriteString(strconv.Itoa(f.docPr))
		case nRevID:
			// the first copy keeps the template's id; repeated copies take
			// new ones above every id the template uses
			if f.copies == 0 {
				f.buf.Write(n.lit)
			} else {
				f.revID++
				f.buf.WriteString(strconv.Itoa(f.revID))
			}
		case nBookmark:
			// repeated copies would duplicate bookmark names and ids
			if f.copies == 0 {
				f.buf.Write(n.lit)
			}
		case nCellStart:
			f.cells = append(f.cells, f.buf.Len())
		case nCellEnd:
			start := f.cells[len(f.cells)-1]
			f.cells = f.cells[:len(f.cells)-1]
			b := f.buf.Bytes()[start:]
			if !bytes.Contains(b, []byte(f.pOpen1)) && !bytes.Contains(b, []byte(f.pOpen2)) && !bytes.Contains(b, []byte(f.pEmpty)) {
				f.buf.WriteString(f.pEmpty)
			}
		}
	}
}

func (f *filler) section(n *node) {
	v, _ := f.lookup(n.name)
	var items []Data
	truthy := false
	switch x := v.(type) {
	case []Data:
		items = x
		truthy = len(x) > 0
	case []map[string]any:
		items = make([]Data, len(x))
		for i := range x {
			items[i] = x[i]
		}
		truthy = len(x) > 0
	case Data:
		items = []Data{x}
		truthy = true
	case map[string]any:
		items = []Data{x}
		truthy = true
	case nil:
	case string:
		truthy = x != ""
	case bool:
		truthy = x
	case Image:
		truthy = len(x.PNG) > 0
	default:
		truthy = fmt.Sprint(x) != ""
	}
	if n.inverted {
		if !truthy {
			f.run(n.body)
		}
		return
	}
	if !truthy {
		return
	}
	if items == nil || n.once {
		f.run(n.body)
		return
	}
	for i, it := range items {
		if i == 1 {
			f.copies++
		}
		f.ctx = append(f.ctx, it)
		f.run(n.body)
		f.ctx = f.ctx[:len(f.ctx)-1]
	}
	if len(items) > 1 {
		f.copies--
	}
}

// text writes a value inside a w:t: escaped, newlines as breaks, tabs as
// tabs, characters XML cannot hold dropped.
func (f *filler) text(v any) {
	var s string
	switch x := v.(type) {
	case nil:
		return
	case string:
		s = x
	case fmt.Stringer:
		s = x.String()
	case bool, []Data, Data, Image, []Image:
		return
	default:
		s = fmt.Sprint(x)
	}
	b := f.buf
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '<' && c != '>' && c != '&' && c != '"' {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if (r != utf8.RuneError || n > 1) && r != 0xFFFE && r != 0xFFFF {
				i += n
				continue
			}
			b.WriteString(s[last:i])
			if r == utf8.RuneError {
				b.WriteString("\uFFFD")
			}
			i += n
			last = i
			continue
		}
		b.WriteString(s[last:i])
		switch c {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\n', '\r':
			if c == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(f.brk)
			for k := 0; k < f.indent; k++ {
				b.WriteString("\u3000")
			}
		case '\t':
			b.WriteString(f.tab)
		}
		i++
		last = i
	}
	b.WriteString(s[last:])
}

const emuPerCM = 360000

// pngSize reads the pixel size from a PNG header.
func pngSize(b []byte) (int, int) {
	if len(b) < 24 || string(b[1:4]) != "PNG" {
		return 0, 0
	}
	return int(binary.BigEndian.Uint32(b[16:20])), int(binary.BigEndian.Uint32(b[20:24]))
}

func imageCM(im Image) (float64, float64) {
	w, h := im.WidthCM, im.HeightCM
	pw, ph := pngSize(im.PNG)
	switch {
	case w > 0 && h > 0:
	case pw == 0 || ph == 0:
		if w == 0 {
			w = 15
		}
		if h == 0 {
			h = w * 0.6
		}
	case w > 0:
		h = w * float64(ph) / float64(pw)
	case h > 0:
		w = h * float64(pw) / float64(ph)
	default:
		w = float64(pw) / 96 * 2.54
		if w > 15 {
			w = 15
		}
		h = w * float64(ph) / float64(pw)
	}
	return w, h
}

func (f *filler) image(name string) {
	v, _ := f.lookup(name)
	if ims, ok := v.([]Image); ok {
		// Several figures under one tag (a chart split into parts): one
		// after another in the paragraph, each on its own line.
		for i, im := range ims {
			if i > 0 {
				fmt.Fprintf(f.buf, `<%s:r><%s:br/></%s:r>`, f.part.wPrefix, f.part.wPrefix, f.part.wPrefix)
			}
			f.oneImage(name, im)
		}
		return
	}
	im, ok := v.(Image)
	if !ok {
		if p, ok2 := v.(*Image); ok2 && p != nil {
			im, ok = *p, true
		}
	}
	if !ok {
		return
	}
	f.oneImage(name, im)
}

func (f *filler) oneImage(name string, im Image) {
	if len(im.PNG) == 0 {
		return
	}
	key := imageKey{name: name, ptr: &im.PNG[0], n: len(im.PNG)}
	var used *usedImage
	for _, u := range f.images {
		if u.key == key {
			used = u
		}
	}
	if used == nil {
		n := len(f.images) + 1
		p := fmt.Sprintf("word/media/jximage%d.png", n)
		for f.t.byName[p] != nil {
			n += 1000
			p = fmt.Sprintf("word/media/jximage%d.png", n)
		}
		used = &usedImage{key: key, img: im, path: p}
		f.images = append(f.images, used)
	}
	if f.partID == nil {
		f.partID = map[imageKey]string{}
	}
	rid, ok := f.partID[key]
	if !ok {
		f.relN++
		rid = "rIdJx" + strconv.Itoa(f.relN)
		f.partID[key] = rid
		if f.rels == nil {
			f.rels = map[string][]relAdd{}
		}
		f.rels[f.part.relsName] = append(f.rels[f.part.relsName], relAdd{id: rid, target: "media/" + used.path[len("word/media/"):]})
	}
	wcm, hcm := imageCM(im)
	cx, cy := int64(wcm*emuPerCM), int64(hcm*emuPerCM)
	descr := im.Name
	if descr == "" {
		descr = name
	}
	f.docPr++
	w := f.part.wPrefix
	b := f.buf
	fmt.Fprintf(b, `<%s:r><%s:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" distT="0" distB="0" distL="0" distR="0">`, w, w)
	fmt.Fprintf(b, `<wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="%d" name="图片 %d" descr="`, cx, cy, f.docPr, f.docPr)
	saved := f.brk
	f.brk, f.tab = " ", " "
	f.text(descr)
	f.brk = saved
	f.tab = `</` + w + `:t><` + w + `:tab/><` + w + `:t xml:space="preserve">`
	b.WriteString(`"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>`)
	b.WriteString(`<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">`)
	fmt.Fprintf(b, `<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="%d" name="%s"/><pic:cNvPicPr/></pic:nvPicPr>`, f.docPr, used.path[len("word/media/"):])
	fmt.Fprintf(b, `<pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`, rid)
	fmt.Fprintf(b, `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></%s:drawing></%s:r>`, cx, cy, w, w)
}
