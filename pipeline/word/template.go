package word

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/jixiao/jixiao/pipeline/zipx"
)

// Template is a parsed .docx template. It is immutable after Parse: Fill may
// be called from many goroutines at once.
type Template struct {
	data     []byte
	files    []*zip.File
	parts    map[string]*tplPart
	byName   map[string]*zip.File
	ctName   string
	hasPNG   bool
	maxID    int         // the largest annotation id of all parts
	pkg      *asDocument // package edits that make the report a plain .docx
	modified time.Time
	source   string // the file the template was read from, if any
}

type tplPart struct {
	name     string
	nodes    []node
	wPrefix  string
	relsName string
	size     int
}

// isTemplatePart tells the XML parts that may hold tags: the body, headers,
// footers, footnotes and endnotes (text boxes live inside those).
func isTemplatePart(name string) bool {
	if !strings.HasPrefix(name, "word/") || strings.Count(name, "/") != 1 || !strings.HasSuffix(name, ".xml") {
		return false
	}
	base := strings.TrimSuffix(strings.TrimPrefix(name, "word/"), ".xml")
	for _, p := range []string{"document", "header", "footer", "footnotes", "endnotes"} {
		if strings.HasPrefix(base, p) {
			return true
		}
	}
	return false
}

func relsFor(name string) string {
	dir, file := path.Split(name)
	return dir + "_rels/" + file + ".rels"
}

// Parse reads a .docx template once and compiles every part. A Word
// template (.dotx, .dotm) or a .docm is accepted too: the report is always a
// plain .docx (see asDocument). The error is a
// *TemplateError listing every problem when the template has any.
func Parse(docx []byte, s Schema) (*Template, error) {
	t, problems := parse(docx, &s)
	if len(problems) > 0 {
		return nil, &TemplateError{Problems: problems}
	}
	return t, nil
}

// ParseFile is Parse on a file; the template remembers the file so that
// WriteFile refuses to overwrite it.
func ParseFile(name string, s Schema) (*Template, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	t, err := Parse(b, s)
	if err != nil {
		return nil, err
	}
	t.source = name
	return t, nil
}

// Check reports every problem of a template; nil means it can be used.
func Check(docx []byte, s Schema) []Problem {
	_, problems := parse(docx, &s)
	return problems
}

func parse(docx []byte, s *Schema) (*Template, []Problem) {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return nil, []Problem{{Message: fmt.Sprintf(msgBadDocx, "文件已损坏，或是旧版 .doc 格式；请在 Word 或 WPS 中另存为“Word 文档（*.docx）”")}}
	}
	if ps := checkParts(zr.File); len(ps) > 0 {
		return nil, ps
	}
	t := &Template{data: docx, files: zr.File, parts: map[string]*tplPart{}, byName: map[string]*zip.File{}}
	var problems []Problem
	for _, f := range zr.File {
		t.byName[f.Name] = f
	}
	if t.byName["word/document.xml"] == nil || t.byName["[Content_Types].xml"] == nil {
		return nil, []Problem{{Message: fmt.Sprintf(msgBadDocx, "缺少 word/document.xml 或 [Content_Types].xml")}}
	}
	ct, err := readZip(t.byName["[Content_Types].xml"])
	if err != nil {
		return nil, []Problem{{Message: fmt.Sprintf(msgBadDocx, err)}}
	}
	t.ctName = "[Content_Types].xml"
	t.hasPNG = bytes.Contains(bytes.ToLower(ct), []byte(`extension="png"`))
	if t.pkg, err = packageEdits(t.byName, ct); err != nil {
		return nil, []Problem{{Message: fmt.Sprintf(msgBadDocx, err)}}
	}
	t.modified = t.byName["word/document.xml"].Modified
	for _, f := range zr.File {
		if !isTemplatePart(f.Name) {
			continue
		}
		src, err := readZip(f)
		if err != nil {
			problems = append(problems, Problem{Part: f.Name, Message: fmt.Sprintf(msgBadDocx, err)})
			continue
		}
		sc, err := scanPart(src)
		if err != nil {
			problems = append(problems, Problem{Part: f.Name, Message: fmt.Sprintf(msgMalformedXML, err)})
			continue
		}
		t.maxID = max(t.maxID, sc.maxID)
		nodes, ps := compilePart(f.Name, sc, s)
		problems = append(problems, ps...)
		wp := namesFor(sc.rootNS).p
		t.parts[f.Name] = &tplPart{name: f.Name, nodes: nodes, wPrefix: strings.TrimSuffix(wp, ":p"), relsName: relsFor(f.Name), size: len(src)}
	}
	return t, dedupe(problems)
}

// dedupe drops repeated problems: Word stores a text box twice (the drawing
// and its VML fallback), so its problems would show twice.
func dedupe(ps []Problem) []Problem {
	seen := map[Problem]bool{}
	out := ps[:0]
	for _, p := range ps {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func readZip(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b := make([]byte, 0, f.UncompressedSize64)
	buf := bytes.NewBuffer(b)
	_, err = io.Copy(buf, rc)
	return buf.Bytes(), err
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Fill writes the template filled with d to w as a .docx.
func (t *Template) Fill(d Data, w io.Writer) error {
	f := &filler{t: t, root: d, revID: t.maxID}
	defer f.release()
	filled := make(map[string]*bytes.Buffer, len(t.parts))
	for _, zf := range t.files {
		p := t.parts[zf.Name]
		if p == nil {
			continue
		}
		buf := bufPool.Get().(*bytes.Buffer)
		buf.Reset()
		buf.Grow(p.size + p.size/2)
		f.bufs = append(f.bufs, buf)
		f.startPart(p, buf)
		f.run(p.nodes)
		applyMerges(buf)
		filled[zf.Name] = buf
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, zipx.Compressor)
	create := func(name string, method uint16, b []byte) error {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: t.modified})
		if err != nil {
			return err
		}
		_, err = fw.Write(b)
		return err
	}
	for _, zf := range t.files {
		if t.pkg.drop[zf.Name] {
			continue
		}
		edited, isEdited := t.pkg.replace[zf.Name]
		read := func() ([]byte, error) {
			if isEdited {
				return edited, nil
			}
			return readZip(zf)
		}
		var err error
		switch {
		case filled[zf.Name] != nil:
			err = create(zf.Name, zip.Deflate, filled[zf.Name].Bytes())
		case len(f.rels[zf.Name]) > 0:
			var b []byte
			if b, err = read(); err == nil {
				err = create(zf.Name, zip.Deflate, addRels(b, f.rels[zf.Name]))
			}
		case zf.Name == t.ctName && len(f.images) > 0 && !t.hasPNG:
			var b []byte
			if b, err = read(); err == nil {
				i := bytes.LastIndex(b, []byte("</"))
				b = append(append(append([]byte{}, b[:i]...), `<Default Extension="png" ContentType="image/png"/>`...), b[i:]...)
				err = create(zf.Name, zip.Deflate, b)
			}
		case isEdited:
			err = create(zf.Name, zip.Deflate, edited)
		default:
			err = zipx.CopyRaw(zw, t.data, zf)
		}
		if err != nil {
			return err
		}
	}
	// relationship parts the template did not have (a header with a picture)
	var missing []string
	for name := range f.rels {
		if t.byName[name] == nil {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	for _, name := range missing {
		b := []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`)
		if err := create(name, zip.Deflate, addRels(b, f.rels[name])); err != nil {
			return err
		}
	}
	for _, im := range f.images {
		if err := create(im.path, zip.Store, im.img.PNG); err != nil {
			return err
		}
	}
	return zw.Close()
}

type relAdd struct{ id, target string }

func addRels(b []byte, adds []relAdd) []byte {
	i := bytes.LastIndex(b, []byte("</"))
	var out bytes.Buffer
	out.Grow(len(b) + 160*len(adds))
	out.Write(b[:i])
	for _, a := range adds {
		fmt.Fprintf(&out, `<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="%s"/>`, a.id, a.target)
	}
	out.Write(b[i:])
	return out.Bytes()
}

// WriteFile fills the template into the file name, through a temporary file
// in the same directory. It refuses to write over the template's own file.
func (t *Template) WriteFile(d Data, name string) error {
	if t.source != "" {
		a, errA := os.Stat(t.source)
		b, errB := os.Stat(name)
		if errA == nil && errB == nil && os.SameFile(a, b) {
			return errors.New("word: refusing to write the filled document over its template " + name)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".jixiao-*.docx")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := t.Fill(d, tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
