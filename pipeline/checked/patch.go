package checked

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/zipx"
)

// The zip-level patch: the checked copy is the clerk's package with a few
// parts edited in place and a few added; every other part is copied as
// it is, still compressed. See doc.go for what it edits and when it leaves
// the workbook to excelize instead.

const (
	nsMain       = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel        = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel     = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsCT         = "http://schemas.openxmlformats.org/package/2006/content-types"
	relOfficeDoc = nsRel + "/officeDocument"
	relWorksheet = nsRel + "/worksheet"
	relStyles    = nsRel + "/styles"
	relComments  = nsRel + "/comments"
	relVML       = nsRel + "/vmlDrawing"
	ctWorksheet  = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
	ctComments   = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
	ctVML        = "application/vnd.openxmlformats-officedocument.vmlDrawing"
	ctRels       = "application/vnd.openxmlformats-package.relationships+xml"
)

// maxPart bounds a part the patch reads whole (the reader refuses zip
// bombs long before; this only keeps the patch from trusting a header).
// A larger one is left to excelize.
const maxPart = 64 << 20

// unpatchable says why the patch leaves a workbook to excelize.
type unpatchable struct{ why string }

func (u *unpatchable) Error() string { return "checked copy cannot be patched in place: " + u.why }

func cannot(why string) error { return &unpatchable{why} }

// pkg is the clerk's package and what the copy changes in it.
type pkg struct {
	data  []byte
	zr    *zip.Reader
	files map[string]*zip.File // by part name in lower case
	out   map[*zip.File][]byte // parts that change, by their new content
	added []newPart            // parts the copy adds, in order
	ct    *types
}

type newPart struct {
	name string
	data []byte
}

func (p *pkg) file(name string) *zip.File { return p.files[strings.ToLower(name)] }

// taken reports whether a part of that name exists, is added, or has a
// content type of its own.
func (p *pkg) taken(name string) bool {
	if p.file(name) != nil || p.ct.overrides[strings.ToLower(name)] {
		return true
	}
	for _, a := range p.added {
		if strings.EqualFold(a.name, name) {
			return true
		}
	}
	return false
}

// free is the first name prefix+N+suffix not taken, N from n on.
func (p *pkg) free(prefix string, n int, suffix string) (string, int) {
	for ; ; n++ {
		if name := prefix + strconv.Itoa(n) + suffix; !p.taken(name) {
			return name, n
		}
	}
}

func (p *pkg) read(name string) ([]byte, error) {
	f := p.file(name)
	if f == nil {
		return nil, cannot("no part " + name)
	}
	return readFile(f)
}

func readFile(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > maxPart {
		return nil, cannot("part too large: " + f.Name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, cannot(f.Name + ": " + err.Error())
	}
	defer rc.Close()
	b := make([]byte, f.UncompressedSize64)
	if _, err := io.ReadFull(rc, b); err != nil {
		return nil, cannot(f.Name + ": " + err.Error())
	}
	// Reading on checks the size and checksum.
	if n, err := rc.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		return nil, cannot(f.Name + ": size does not match")
	}
	return b, nil
}

// rel is one relationship of a .rels part.
type rel struct {
	id, typ, target string
	external        bool
}

// rels is a parsed .rels part.
type rels struct {
	src  []byte
	list []rel
	end  int // offset of </Relationships>
}

func parseRels(b []byte) (*rels, error) {
	rt, err := root(b)
	if err != nil {
		return nil, err
	}
	if p, ok := nsPrefix(b, rt, nsPkgRel); !ok || p != "" || !rt.is("Relationships") {
		return nil, cannot("relationships part not in the package namespace")
	}
	r := &rels{src: b}
	if rt.self {
		return nil, cannot("empty relationships part")
	}
	r.end, err = children(b, rt, func(c tag) (int, error) {
		if c.is("Relationship") {
			var x rel
			x.id, _ = attrVal(b, c, "Id")
			x.typ, _ = attrVal(b, c, "Type")
			x.target, _ = attrVal(b, c, "Target")
			mode, _ := attrVal(b, c, "TargetMode")
			x.external = mode == "External"
			r.list = append(r.list, x)
		}
		return skip(b, c)
	})
	return r, err
}

// byType is the first internal relationship of type typ.
func (r *rels) byType(typ string) (rel, bool) {
	for _, x := range r.list {
		if x.typ == typ && !x.external {
			return x, true
		}
	}
	return rel{}, false
}

func (r *rels) byID(id string) (rel, bool) {
	for _, x := range r.list {
		if x.id == id {
			return x, true
		}
	}
	return rel{}, false
}

// newID is an Id no relationship here has: rId<n>, n past the largest.
func (r *rels) newID(skip ...string) string {
	n := len(r.list)
	for _, x := range r.list {
		if v, err := strconv.Atoi(strings.TrimPrefix(x.id, "rId")); err == nil && strings.HasPrefix(x.id, "rId") {
			n = max(n, v)
		}
	}
	for {
		n++
		id := "rId" + strconv.Itoa(n)
		if _, used := r.byID(id); !used && !slices.Contains(skip, id) {
			return id
		}
	}
}

// relXML is a <Relationship> element.
func relXML(id, typ, target string) []byte {
	b := []byte(`<Relationship Id="`)
	b = escape(b, id)
	b = append(b, `" Type="`...)
	b = escape(b, typ)
	b = append(b, `" Target="`...)
	b = escape(b, target)
	return append(b, `"/>`...)
}

// resolve is the part a relationship's target names, from a part in dir.
func resolve(dir, target string) (string, error) {
	if strings.Contains(target, "%") {
		t, err := url.PathUnescape(target)
		if err != nil {
			return "", cannot("relationship target " + target)
		}
		target = t
	}
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/"), nil
	}
	p := path.Join(dir, target)
	if strings.HasPrefix(p, "../") || p == ".." {
		return "", cannot("relationship target outside the package: " + target)
	}
	return p, nil
}

// relTarget is the target naming part to from a part in dir.
func relTarget(dir, to string) string {
	from := strings.Split(dir, "/")
	parts := strings.Split(to, "/")
	i := 0
	for i < len(from) && i < len(parts)-1 && from[i] == parts[i] {
		i++
	}
	if dir == "" || dir == "." {
		return to
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(parts[i:], "/")
}

// relsPath is the .rels part of a part.
func relsPath(part string) string {
	dir, base := path.Split(part)
	return dir + "_rels/" + base + ".rels"
}

// sheet is a <sheet> of the workbook.
type sheet struct {
	name string
	id   int    // sheetId
	rid  string // its relationship in the workbook's rels
	typ  string // relationship type
	part string
}

// patch works out the checked copy of data as edits to its package, or
// says why it cannot (an *unpatchable error) and leaves it to excelize.
func patch(data []byte, fs finding.List, made bool) (p *pkg, err error) {
	// The clerk's file is input from outside: should the patch trip over
	// it, the excelize writer still makes the copy (the tests make sure
	// the fixtures never get here).
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, cannot(fmt.Sprint("panic: ", r))
		}
	}()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, cannot("zip: " + err.Error())
	}
	p = &pkg{data: data, zr: zr, files: make(map[string]*zip.File, len(zr.File)), out: map[*zip.File][]byte{}}
	for _, f := range zr.File {
		k := strings.ToLower(f.Name)
		if _, dup := p.files[k]; dup || strings.HasPrefix(k, "/") || strings.Contains(k, `\`) {
			return nil, cannot("part name twice or not a part name: " + f.Name)
		}
		p.files[k] = f
	}
	if p.file("xl/workbook.bin") != nil {
		return nil, cannot("binary workbook (xlsb)")
	}

	// The workbook and its relationships.
	pkgRels, err := p.readRels("_rels/.rels")
	if err != nil {
		return nil, err
	}
	doc, ok := pkgRels.byType(relOfficeDoc)
	if !ok {
		return nil, cannot("no transitional officeDocument relationship (strict OOXML?)")
	}
	wbPath, err := resolve("", doc.target)
	if err != nil {
		return nil, err
	}
	wbDir := path.Dir(wbPath)
	wbRels, err := p.readRels(relsPath(wbPath))
	if err != nil {
		return nil, err
	}
	wbSrc, err := p.read(wbPath)
	if err != nil {
		return nil, err
	}
	wb, err := parseWorkbook(wbSrc)
	if err != nil {
		return nil, err
	}
	for i := range wb.sheets {
		s := &wb.sheets[i]
		r, ok := wbRels.byID(s.rid)
		if !ok || r.external {
			return nil, cannot("sheet without its part: " + s.name)
		}
		s.typ = r.typ
		if s.part, err = resolve(wbDir, r.target); err != nil {
			return nil, err
		}
		if p.file(s.part) == nil {
			return nil, cannot("missing sheet part " + s.part)
		}
		for _, o := range wb.sheets[:i] {
			if strings.EqualFold(o.part, s.part) {
				return nil, cannot("two sheets in one part " + s.part)
			}
		}
	}
	st, ok := wbRels.byType(relStyles)
	if !ok {
		return nil, cannot("workbook without styles")
	}
	stylesPath, err := resolve(wbDir, st.target)
	if err != nil {
		return nil, err
	}
	stSrc, err := p.read(stylesPath)
	if err != nil {
		return nil, err
	}
	sty, err := parseStyles(stSrc)
	if err != nil {
		return nil, err
	}
	ctSrc, err := p.read("[Content_Types].xml")
	if err != nil {
		return nil, err
	}
	ct, err := parseTypes(ctSrc)
	if err != nil {
		return nil, err
	}
	p.ct = ct
	for _, f := range zr.File {
		if _, err := p.raw(f); err != nil {
			return nil, err
		}
	}

	// What to mark, sheet by sheet, as the excelize writer does: a finding
	// on a cell of a sheet the workbook has.
	exists := map[string]bool{}
	for _, s := range wb.sheets {
		exists[s.name] = true
	}
	linked := func(f finding.Finding) bool { return f.Cell != "" && exists[f.Sheet] }
	marks := map[string][]mark{}
	for _, f := range fs {
		if !linked(f) {
			continue
		}
		col, row, ok := parseCell(f.Cell)
		if !ok {
			return nil, cannot("cell reference " + f.Cell)
		}
		ms := marks[f.Sheet]
		if !slices.ContainsFunc(ms, func(m mark) bool { return m.cell == f.Cell }) {
			marks[f.Sheet] = append(ms, mark{col: col, row: row, cell: f.Cell, text: commentText(fs, f.Sheet, f.Cell)})
		}
	}
	name := SheetName
	for i := 2; slices.ContainsFunc(wb.sheets, func(s sheet) bool { return strings.EqualFold(s.name, name) }); i++ {
		name = SheetName + strconv.Itoa(i)
	}

	// Which VML shape-id blocks are in use: a new drawing takes another.
	blocks, err := p.vmlBlocks()
	if err != nil {
		return nil, err
	}

	// The sheets: marks, comments and no tabSelected.
	var scan []byte
	for _, s := range wb.sheets {
		f := p.file(s.part)
		ms := marks[s.name]
		if len(ms) == 0 {
			var sel bool
			if sel, scan, err = mayBeSelected(f, scan[:0]); err != nil {
				return nil, err
			}
			if !sel {
				continue
			}
		} else if s.typ != relWorksheet {
			return nil, cannot("marks on a sheet that is not a worksheet: " + s.name)
		}
		src, err := readFile(f)
		if err != nil {
			return nil, err
		}
		e := &wsEdit{src: src, marks: ms, style: sty.red}
		vml, block := -1, 0
		if len(ms) > 0 {
			slices.SortFunc(ms, func(a, b mark) int {
				if a.row != b.row {
					return a.row - b.row
				}
				return a.col - b.col
			})
			if e.rID, vml, block, err = p.comments(wbDir, s, ms, &blocks, ct); err != nil {
				return nil, err
			}
		}
		out, err := e.run()
		if err != nil {
			return nil, err
		}
		if out != nil {
			p.out[f] = out
		}
		if vml >= 0 {
			// The drawing's anchors need the sheet's geometry, known
			// once the sheet is read.
			p.added[vml].data = vmlPart(ms, block, &e.geom)
		}
	}

	// styles.xml, then 核查意见 with the styles it needs.
	stOut, ls, err := sty.finish()
	if err != nil {
		return nil, err
	}
	p.out[p.file(stylesPath)] = stOut
	sheetPart, _ := p.free(path.Join(wbDir, "worksheets/sheet"), len(wb.sheets)+1, ".xml")
	p.added = append(p.added, newPart{sheetPart, listSheet(fs, made, linked, ls)})
	ct.override(sheetPart, ctWorksheet)

	// The workbook: the new sheet first and active, names scoped to a
	// sheet by its position moved one on.
	rid := wbRels.newID()
	id := 1
	for _, s := range wb.sheets {
		id = max(id, s.id+1)
	}
	wbOut, err := wb.addFirst(name, id, rid)
	if err != nil {
		return nil, err
	}
	p.out[p.file(wbPath)] = wbOut
	p.out[p.file(relsPath(wbPath))], err = apply(wbRels.src, []edit{{wbRels.end, wbRels.end, relXML(rid, relWorksheet, relTarget(wbDir, sheetPart))}})
	if err != nil {
		return nil, err
	}
	if p.out[p.file("[Content_Types].xml")], err = ct.finish(); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *pkg) readRels(name string) (*rels, error) {
	b, err := p.read(name)
	if err != nil {
		return nil, err
	}
	return parseRels(b)
}

// comments adds the comments part and VML drawing of sheet s and their
// relationships, and returns the drawing's relationship id, its index in
// p.added (filled in once the sheet's geometry is known) and its shape-id
// block.
func (p *pkg) comments(wbDir string, s sheet, ms []mark, blocks *[]int, ct *types) (string, int, int, error) {
	if len(ms) > 1000 {
		return "", 0, 0, cannot("more than 1000 comments on a sheet")
	}
	rp := relsPath(s.part)
	var sr *rels
	if f := p.file(rp); f != nil {
		var err error
		if sr, err = p.readRels(rp); err != nil {
			return "", 0, 0, err
		}
		for _, r := range sr.list {
			if r.typ == relComments || r.typ == relVML {
				return "", 0, 0, cannot("sheet already has comments or controls: " + s.name)
			}
		}
	} else {
		sr = &rels{src: []byte(xmlHeader + `<Relationships xmlns="` + nsPkgRel + `"></Relationships>`)}
		sr.end = bytes.LastIndex(sr.src, []byte("</Relationships>"))
	}
	cm, n := p.free(path.Join(wbDir, "comments"), 1, ".xml")
	vml, _ := p.free(path.Join(wbDir, "drawings/vmlDrawing"), n, ".vml")
	block := s.id
	for block < 1 || slices.Contains(*blocks, block) {
		block++
	}
	*blocks = append(*blocks, block)
	vmlID := sr.newID()
	cmID := sr.newID(vmlID)
	dir := path.Dir(s.part)
	text := append(relXML(vmlID, relVML, relTarget(dir, vml)), relXML(cmID, relComments, relTarget(dir, cm))...)
	out, err := apply(sr.src, []edit{{sr.end, sr.end, text}})
	if err != nil {
		return "", 0, 0, err
	}
	if f := p.file(rp); f != nil {
		p.out[f] = out
	} else {
		p.added = append(p.added, newPart{rp, out})
		ct.ensure(rp, "rels", ctRels)
	}
	p.added = append(p.added, newPart{cm, commentsPart(ms)}, newPart{name: vml})
	ct.override(cm, ctComments)
	ct.ensure(vml, "vml", ctVML)
	return vmlID, len(p.added) - 1, block, nil
}

// vmlBlocks are the shape-id blocks of the package's VML drawings: those
// their o:idmap names, and the block (id / 1024) of every _x0000_sN shape
// id, for drawings written without an o:shapelayout.
func (p *pkg) vmlBlocks() ([]int, error) {
	var blocks []int
	for _, f := range p.zr.File {
		if !strings.HasSuffix(strings.ToLower(f.Name), ".vml") {
			continue
		}
		b, err := readFile(f)
		if err != nil {
			return nil, err
		}
		for pos := 0; ; {
			t, ok, err := nextTag(b, pos)
			if err != nil || !ok {
				break // VML need not be well-formed XML: what was found is enough
			}
			pos = t.end
			if t.kind != '<' {
				continue
			}
			if bytes.HasSuffix(t.name, []byte("idmap")) {
				v, _ := attrVal(b, t, "data")
				for _, d := range strings.Split(v, ",") {
					if n, err := strconv.Atoi(strings.TrimSpace(d)); err == nil {
						blocks = append(blocks, n)
					}
				}
			}
			if id, ok := attrVal(b, t, "id"); ok {
				if n, ok := strings.CutPrefix(id, "_x0000_s"); ok {
					if v, err := strconv.Atoi(n); err == nil && v > 0 {
						blocks = append(blocks, v/1024)
					}
				}
			}
		}
	}
	return blocks, nil
}

// mayBeSelected reads the start of a sheet part, up to its sheetViews, and
// reports whether it may have tabSelected on (the part is then read whole).
func mayBeSelected(f *zip.File, buf []byte) (bool, []byte, error) {
	rc, err := f.Open()
	if err != nil {
		return false, buf, cannot(f.Name + ": " + err.Error())
	}
	defer rc.Close()
	if cap(buf) < 4096 {
		buf = make([]byte, 0, 4096)
	}
	for {
		if len(buf) == cap(buf) {
			if len(buf) >= 1<<16 {
				return true, buf, nil // cannot tell this early: read it whole
			}
			buf = slices.Grow(buf, len(buf))
		}
		n, err := rc.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if i := viewsEnd(buf); i >= 0 {
			return bytes.Contains(buf[:i], []byte("tabSelected")), buf, nil
		}
		if err == io.EOF {
			return bytes.Contains(buf, []byte("tabSelected")), buf, nil
		}
		if err != nil {
			return false, buf, cannot(f.Name + ": " + err.Error())
		}
	}
}

// viewsEnd is where a sheet's views are over: the first element that
// follows sheetViews, or -1.
func viewsEnd(b []byte) int {
	end := -1
	for _, m := range []string{"</sheetViews>", "<sheetFormatPr", "<cols", "<sheetData", "<drawing"} {
		if i := bytes.Index(b, []byte(m)); i >= 0 && (end < 0 || i < end) {
			end = i
		}
	}
	return end
}

// write writes the patched package: unchanged parts copied raw, in their
// order, changed ones in their place, new ones at the end.
func (p *pkg) write(w io.Writer) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, zipx.Compressor) // the parts written are small
	put := func(name string, b []byte, like *zip.File) error {
		fh := &zip.FileHeader{Name: name, Method: zip.Deflate}
		if like != nil {
			fh.ModifiedTime, fh.ModifiedDate = like.ModifiedTime, like.ModifiedDate
		}
		fw, err := zw.CreateHeader(fh)
		if err != nil {
			return err
		}
		_, err = fw.Write(b)
		return err
	}
	for _, f := range p.zr.File {
		if b, ok := p.out[f]; ok {
			if err := put(f.Name, b, f); err != nil {
				return err
			}
			continue
		}
		if err := zipx.CopyRaw(zw, p.data, f); err != nil {
			return err
		}
	}
	for _, a := range p.added {
		if err := put(a.name, a.data, nil); err != nil {
			return err
		}
	}
	return zw.Close()
}

// raw is the compressed data of f, as it is in the clerk's file.
func (p *pkg) raw(f *zip.File) ([]byte, error) {
	b, err := zipx.Raw(p.data, f)
	if err != nil {
		return nil, cannot(err.Error())
	}
	return b, nil
}
