package word

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"
)

// The report is always a plain document (.docx), whatever the template was
// saved as. A Word template (.dotx), a macro-enabled template (.dotm) or a
// macro-enabled document (.docm) fills like a .docx, but its main part
// declares another content type, which makes the result an invalid .docx that
// other software refuses; a .dotm also carries a VBA project a .docx may not
// hold. So the package around the filled parts is edited once, at Parse:
//   - the main part's content type becomes ctDocumentMain;
//   - the VBA project (word/vbaProject.bin, its relationships and
//     word/vbaData.xml), the relationship to it and its content types go;
//   - the link to an attached template (w:attachedTemplate in
//     word/settings.xml and its external relationship) goes too: it points to
//     a file on the machine where the template was made, and with "update
//     styles" set Word would restyle the report from it.
// Parts that need none of this are copied untouched.

const (
	ctDocumentMain   = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	ctTemplateMain   = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
	ctDotmMain       = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
	ctDocmMain       = "application/vnd.ms-word.document.macroEnabled.main+xml"
	ctVBAProject     = "application/vnd.ms-office.vbaProject"
	relVBAProject    = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
	relVBAData       = "http://schemas.microsoft.com/office/2006/relationships/wordVbaData"
	relAttachedTmpl  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
	mainPartName     = "word/document.xml"
	settingsPartName = "word/settings.xml"
)

// asDocument is what Fill changes in the package besides the filled parts.
type asDocument struct {
	drop    map[string]bool   // parts left out of the report
	replace map[string][]byte // parts written with these bytes instead
	notes   []string          // what was changed, for `jixiao template check`
}

// packageEdits decides the edits for a template whose parts are byName and
// whose [Content_Types].xml holds ct.
func packageEdits(byName map[string]*zip.File, ct []byte) (*asDocument, error) {
	e := &asDocument{drop: map[string]bool{}, replace: map[string][]byte{}}
	read := func(name string) ([]byte, error) {
		if b, ok := e.replace[name]; ok {
			return b, nil
		}
		return readZip(byName[name])
	}

	// the VBA project: reached from the main part, and vbaData.xml from it
	for queue := []string{mainPartName}; len(queue) > 0; queue = queue[1:] {
		from := queue[0]
		rels := relsFor(from)
		if byName[rels] == nil {
			continue
		}
		b, err := read(rels)
		if err != nil {
			return nil, err
		}
		kept, gone := removeRels(b, from, relVBAProject, relVBAData)
		for _, target := range gone {
			if byName[target] != nil && !e.drop[target] {
				e.drop[target] = true
				queue = append(queue, target)
			}
		}
		if e.drop[from] {
			e.drop[rels] = true
		} else if len(gone) > 0 {
			e.replace[rels] = kept
		}
	}
	macros := len(e.drop) > 0

	// the attached template
	attached, where := false, ""
	if byName[settingsPartName] != nil {
		s, err := read(settingsPartName)
		if err != nil {
			return nil, err
		}
		if kept, ok := removeAttachedTemplate(s); ok {
			e.replace[settingsPartName] = kept
			attached = true
		}
	}
	if rels := relsFor(settingsPartName); byName[rels] != nil {
		b, err := read(rels)
		if err != nil {
			return nil, err
		}
		if kept, gone := removeRels(b, settingsPartName, relAttachedTmpl); len(gone) > 0 {
			e.replace[rels] = kept
			attached, where = true, "（"+gone[0]+"）"
		}
	}

	// the content types
	newCT, mainCT := documentContentTypes(ct, e.drop, byName)
	if !bytes.Equal(newCT, ct) {
		e.replace["[Content_Types].xml"] = newCT
	}
	switch mainCT {
	case ctDocumentMain, "":
	case ctTemplateMain:
		e.notes = append(e.notes, noteDotx)
	case ctDotmMain:
		e.notes = append(e.notes, noteDotm)
	case ctDocmMain:
		e.notes = append(e.notes, noteDocm)
	default:
		e.notes = append(e.notes, fmt.Sprintf(noteOtherType, mainCT))
	}
	if macros {
		e.notes = append(e.notes, noteMacros)
	}
	if attached {
		e.notes = append(e.notes, fmt.Sprintf(noteAttached, where))
	}
	return e, nil
}

// Notes tells what filling changes in a template's package besides its tags:
// a .dotx/.dotm/.docm is written as a plain .docx, macros and the attached
// template link are dropped. Nil for an ordinary .docx (or one that does not
// open: Check says why).
func Notes(docx []byte) []string {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return nil
	}
	byName := map[string]*zip.File{}
	for _, f := range zr.File {
		byName[f.Name] = f
	}
	if byName["[Content_Types].xml"] == nil {
		return nil
	}
	ct, err := readZip(byName["[Content_Types].xml"])
	if err != nil {
		return nil
	}
	e, err := packageEdits(byName, ct)
	if err != nil {
		return nil
	}
	return e.notes
}

// xmlElems returns the byte ranges of the elements named name in b, each
// from '<' through its end ("/>" or the end tag).
func xmlElems(b []byte, name string) [][2]int {
	var out [][2]int
	open := []byte("<" + name)
	for i := 0; ; {
		j := bytes.Index(b[i:], open)
		if j < 0 {
			return out
		}
		j += i
		k := j + len(open)
		if k >= len(b) || !isSpaceOr(b[k], "/>") {
			i = k
			continue
		}
		end := tagEnd(b[j:])
		if end < 0 {
			return out
		}
		end += j
		if b[end-2] != '/' {
			c := bytes.Index(b[end:], []byte("</"+name+">"))
			if c < 0 {
				return out
			}
			end += c + len("</"+name+">")
		}
		out = append(out, [2]int{j, end})
		i = end
	}
}

func attr(tag []byte, name string) string {
	a, b, ok := attrValue(tag, name)
	if !ok {
		return ""
	}
	return string(tag[a:b])
}

// cut returns b without the given ranges (sorted, not overlapping).
func cut(b []byte, ranges [][2]int) []byte {
	out := make([]byte, 0, len(b))
	last := 0
	for _, r := range ranges {
		out = append(out, b[last:r[0]]...)
		last = r[1]
	}
	return append(out, b[last:]...)
}

// removeRels drops the relationships of the given types from the
// relationship part b of part from; it returns the new part and the package
// names of the internal targets dropped (external ones as written).
func removeRels(b []byte, from string, types ...string) ([]byte, []string) {
	var ranges [][2]int
	var gone []string
	for _, r := range xmlElems(b, "Relationship") {
		tag := b[r[0]:r[1]]
		typ := attr(tag, "Type")
		match := false
		for _, t := range types {
			match = match || typ == t
		}
		if !match {
			continue
		}
		ranges = append(ranges, r)
		target := attr(tag, "Target")
		if attr(tag, "TargetMode") != "External" {
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join(path.Dir(from), target)
			}
		}
		gone = append(gone, target)
	}
	if len(ranges) == 0 {
		return b, nil
	}
	return cut(b, ranges), gone
}

// removeAttachedTemplate drops w:attachedTemplate from word/settings.xml.
func removeAttachedTemplate(b []byte) ([]byte, bool) {
	w := "w"
	if root := rootTag(b); root != nil {
		w = strings.TrimSuffix(namesFor(rootNamespaces(root)).p, ":p")
	}
	return removeElems(b, w+":attachedTemplate")
}

// rootTag returns the start tag of the root element of an XML part.
func rootTag(b []byte) []byte {
	for i := 0; i < len(b); i++ {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return nil
		}
		i += j
		if i+1 < len(b) && (b[i+1] == '?' || b[i+1] == '!') {
			continue
		}
		end := tagEnd(b[i:])
		if end < 0 {
			return nil
		}
		return b[i : i+end]
	}
	return nil
}

func removeElems(b []byte, name string) ([]byte, bool) {
	rs := xmlElems(b, name)
	if len(rs) == 0 {
		return b, false
	}
	return cut(b, rs), true
}

// documentContentTypes rewrites [Content_Types].xml for a plain document:
// the main part's type, no entries for dropped parts, no "bin" default for a
// VBA project once nothing else needs it. It also returns the main part's
// type as the template declared it.
func documentContentTypes(ct []byte, drop map[string]bool, byName map[string]*zip.File) ([]byte, string) {
	var ranges [][2]int
	var mainAt [2]int
	mainCT := ""
	overridden := map[string]bool{}
	for _, r := range xmlElems(ct, "Override") {
		tag := ct[r[0]:r[1]]
		name := strings.ToLower(strings.TrimPrefix(attr(tag, "PartName"), "/"))
		overridden[name] = true
		for d := range drop {
			if strings.EqualFold(d, name) {
				ranges = append(ranges, r)
			}
		}
		if name == mainPartName {
			if a, b, ok := attrValue(tag, "ContentType"); ok {
				mainCT = string(tag[a:b])
				mainAt = [2]int{r[0] + a, r[0] + b}
			}
		}
	}
	for _, r := range xmlElems(ct, "Default") {
		tag := ct[r[0]:r[1]]
		if attr(tag, "ContentType") != ctVBAProject {
			continue
		}
		ext := strings.ToLower(attr(tag, "Extension"))
		needed := false
		for name := range byName {
			if !drop[name] && !overridden[strings.ToLower(name)] && strings.HasSuffix(strings.ToLower(name), "."+ext) {
				needed = true
			}
		}
		if !needed {
			ranges = append(ranges, r)
		}
	}
	if mainCT != "" && mainCT != ctDocumentMain {
		ranges = append(ranges, mainAt)
	}
	if len(ranges) == 0 {
		return ct, mainCT
	}
	sort.Slice(ranges, func(i, j int) bool { return ranges[i][0] < ranges[j][0] })
	var out []byte
	last := 0
	for _, r := range ranges {
		out = append(out, ct[last:r[0]]...)
		if r == mainAt {
			out = append(out, ctDocumentMain...)
		}
		last = r[1]
	}
	return append(out, ct[last:]...), mainCT
}
