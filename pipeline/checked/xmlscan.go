package checked

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// A small XML scanner for patching parts in place: it finds tags and their
// attributes by byte offset, so an edit can replace a few bytes and leave
// everything else exactly as the clerk's Excel or WPS wrote it. It knows
// comments, processing instructions and CDATA; a DOCTYPE (never in OOXML)
// is refused.

// tag is one piece of markup: b[start:end] is the whole "<…>".
type tag struct {
	start, end int
	kind       byte   // '<' start tag, '/' end tag, '!' comment, CDATA or processing instruction
	name       []byte // the qualified name of a start or end tag
	self       bool   // a start tag that closes itself: <x/>
}

// nextTag returns the first markup at or after pos; ok is false at the
// end of b, and err says the XML is not what a patch can trust.
func nextTag(b []byte, pos int) (t tag, ok bool, err error) {
	i := bytes.IndexByte(b[pos:], '<')
	if i < 0 {
		return t, false, nil
	}
	t.start = pos + i
	rest := b[t.start:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		return other(b, t, "-->")
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		return other(b, t, "]]>")
	case bytes.HasPrefix(rest, []byte("<?")):
		return other(b, t, "?>")
	case bytes.HasPrefix(rest, []byte("<!")):
		return t, false, cannot("DOCTYPE 或无法识别的标记")
	case bytes.HasPrefix(rest, []byte("</")):
		t.kind = '/'
		j := bytes.IndexByte(rest, '>')
		if j < 0 {
			return t, false, cannot("XML 不完整")
		}
		t.end = t.start + j + 1
		t.name = bytes.TrimRight(rest[2:j], " \t\r\n")
		return t, true, nil
	}
	t.kind = '<'
	n := 1
	for n < len(rest) && !isSpace(rest[n]) && rest[n] != '>' && rest[n] != '/' {
		n++
	}
	t.name = rest[1:n]
	if len(t.name) == 0 {
		return t, false, cannot("XML 标记无名称")
	}
	// The end of the tag: the first '>' outside a quoted value.
	var quote byte
	for j := n; j < len(rest); j++ {
		c := rest[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			t.end = t.start + j + 1
			t.self = rest[j-1] == '/'
			return t, true, nil
		}
	}
	return t, false, cannot("XML 不完整")
}

func other(b []byte, t tag, end string) (tag, bool, error) {
	t.kind = '!'
	j := bytes.Index(b[t.start:], []byte(end))
	if j < 0 {
		return t, false, cannot("XML 不完整")
	}
	t.end = t.start + j + len(end)
	return t, true, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// is reports whether t is a start or end tag named name.
func (t tag) is(name string) bool { return string(t.name) == name }

// skip returns the offset just past the element that start tag t opens.
func skip(b []byte, t tag) (int, error) {
	if t.self {
		return t.end, nil
	}
	depth, pos := 1, t.end
	for {
		u, ok, err := nextTag(b, pos)
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, cannot("XML 元素未结束: " + string(t.name))
		}
		pos = u.end
		switch {
		case u.kind == '<' && !u.self:
			depth++
		case u.kind == '/':
			if depth--; depth == 0 {
				if !bytes.Equal(u.name, t.name) {
					return 0, cannot("XML 元素不匹配: " + string(t.name))
				}
				return pos, nil
			}
		}
	}
}

// children calls fn with each child element's start tag of the element
// that start tag t opens, and returns the offset of t's end tag (or of
// t.end for a tag that closes itself). fn returns the offset to go on
// from (usually the end of the child, from skip).
func children(b []byte, t tag, fn func(c tag) (int, error)) (int, error) {
	if t.self {
		return t.end, nil
	}
	pos := t.end
	for {
		c, ok, err := nextTag(b, pos)
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, cannot("XML 元素未结束: " + string(t.name))
		}
		switch c.kind {
		case '!':
			pos = c.end
		case '/':
			if !bytes.Equal(c.name, t.name) {
				return 0, cannot("XML 元素不匹配: " + string(t.name))
			}
			return c.start, nil
		default:
			if pos, err = fn(c); err != nil {
				return 0, err
			}
		}
	}
}

// each is children for a callback of children: it returns the offset past
// t's end tag, where the walk over t's parent goes on.
func each(b []byte, t tag, fn func(c tag) (int, error)) (int, error) {
	end, err := children(b, t, fn)
	if err != nil || t.self {
		return end, err
	}
	return end + bytes.IndexByte(b[end:], '>') + 1, nil
}

// root returns the document element's start tag.
func root(b []byte) (tag, error) {
	pos := 0
	for {
		t, ok, err := nextTag(b, pos)
		if err != nil {
			return t, err
		}
		if !ok || t.kind == '/' {
			return t, cannot("XML 无根元素")
		}
		if t.kind == '<' {
			return t, nil
		}
		pos = t.end
	}
}

// attrs calls fn with each attribute of start tag t, in order: as is
// where its name starts, b[as:ne] the name and b[vs:ve] the raw (escaped)
// value; it stops when fn returns false or the tag does not go on as
// attributes do.
func attrs(b []byte, t tag, fn func(as, ne, vs, ve int) bool) {
	i := t.start + 1 + len(t.name)
	for i < t.end {
		for i < t.end && isSpace(b[i]) {
			i++
		}
		if i >= t.end || b[i] == '/' || b[i] == '>' {
			return
		}
		as := i
		for i < t.end && b[i] != '=' && !isSpace(b[i]) {
			i++
		}
		ne := i
		for i < t.end && (isSpace(b[i]) || b[i] == '=') {
			i++
		}
		if i >= t.end {
			return
		}
		q := b[i]
		if q != '"' && q != '\'' {
			return
		}
		vs := i + 1
		j := bytes.IndexByte(b[vs:t.end], q)
		if j < 0 {
			return
		}
		if !fn(as, ne, vs, vs+j) {
			return
		}
		i = vs + j + 1
	}
}

// attr finds the attribute name in start tag t: b[vs:ve] is its raw
// (escaped) value, and b[as:ve+1] the whole attribute from its name to
// the closing quote.
func attr(b []byte, t tag, name string) (as, vs, ve int, ok bool) {
	attrs(b, t, func(a, ne, v, e int) bool {
		if string(b[a:ne]) == name {
			as, vs, ve, ok = a, v, e, true
			return false
		}
		return true
	})
	return as, vs, ve, ok
}

// setAttr is the edit that gives start tag t attribute name the raw value
// v: the value replaced when t has the attribute, else the attribute added
// just after the tag's name.
func setAttr(b []byte, t tag, name string, v []byte) edit {
	if _, vs, ve, ok := attr(b, t, name); ok {
		return edit{vs, ve, v}
	}
	at := t.start + 1 + len(t.name)
	return edit{at, at, append(append([]byte(" "+name+`="`), v...), '"')}
}

// attrVal is attribute name of t unescaped, and whether it is there.
func attrVal(b []byte, t tag, name string) (string, bool) {
	_, vs, ve, ok := attr(b, t, name)
	if !ok {
		return "", false
	}
	return unescape(b[vs:ve]), true
}

// attrInt is attribute name of t as an integer; ok is false when it is
// missing or not a number.
func attrInt(b []byte, t tag, name string) (int, bool) {
	_, vs, ve, ok := attr(b, t, name)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(string(bytes.TrimSpace(b[vs:ve])))
	return n, err == nil
}

// attrFloat is attribute name of t as a number.
func attrFloat(b []byte, t tag, name string) (float64, bool) {
	_, vs, ve, ok := attr(b, t, name)
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseFloat(string(bytes.TrimSpace(b[vs:ve])), 64)
	return n, err == nil
}

// attrTrue reports whether boolean attribute name of t is true.
func attrTrue(b []byte, t tag, name string) bool {
	_, vs, ve, ok := attr(b, t, name)
	if !ok {
		return false
	}
	v := string(bytes.TrimSpace(b[vs:ve]))
	return v == "1" || v == "true"
}

// nsPrefix is the prefix the start tag t binds to namespace uri ("" for
// the default namespace), and whether it binds it at all.
func nsPrefix(b []byte, t tag, uri string) (prefix string, ok bool) {
	attrs(b, t, func(as, ne, vs, ve int) bool {
		if string(b[vs:ve]) != uri {
			return true
		}
		n := b[as:ne]
		if string(n) == "xmlns" {
			ok = true
			return false
		}
		if p, found := bytes.CutPrefix(n, []byte("xmlns:")); found {
			prefix, ok = string(p), true
			return false
		}
		return true
	})
	return prefix, ok
}

// unescape resolves the five entities and character references of an
// attribute value.
func unescape(v []byte) string {
	if bytes.IndexByte(v, '&') < 0 {
		return string(v)
	}
	var out []byte
	for len(v) > 0 {
		i := bytes.IndexByte(v, '&')
		if i < 0 {
			out = append(out, v...)
			break
		}
		out = append(out, v[:i]...)
		v = v[i:]
		j := bytes.IndexByte(v, ';')
		if j < 0 {
			out = append(out, v...)
			break
		}
		ent := string(v[1:j])
		v = v[j+1:]
		switch ent {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			var n uint64
			var err error = strconv.ErrSyntax
			if len(ent) > 2 && (ent[:2] == "#x" || ent[:2] == "#X") {
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			} else if len(ent) > 1 && ent[0] == '#' {
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			}
			if err != nil {
				out = append(out, '&')
				out = append(out, ent...)
				out = append(out, ';')
				continue
			}
			out = utf8.AppendRune(out, rune(n))
		}
	}
	return string(out)
}

// escape appends s to dst escaped for XML text or a double-quoted
// attribute: the markup characters as entities, tab, line feed and
// carriage return as character references (so an attribute keeps them),
// and characters XML cannot hold as U+FFFD, as encoding/xml does.
func escape(dst []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '"':
			esc = "&quot;"
		case r == '\t':
			esc = "&#x9;"
		case r == '\n':
			esc = "&#xA;"
		case r == '\r':
			esc = "&#xD;"
		case !xmlChar(r) || (r == utf8.RuneError && w == 1):
			esc = "\uFFFD"
		default:
			i += w
			continue
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, esc...)
		i += w
		last = i
	}
	return append(dst, s[last:]...)
}

// xmlChar reports whether XML 1.0 can hold r.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// edit replaces b[at:end] with text.
type edit struct {
	at, end int
	text    []byte
}

// apply returns b with the edits made, applied in order of offset (those
// at one offset in the order given); edits that overlap are refused.
func apply(b []byte, edits []edit) ([]byte, error) {
	sortEdits(edits)
	n := len(b)
	for _, e := range edits {
		n += len(e.text) - (e.end - e.at)
	}
	out := make([]byte, 0, n)
	pos := 0
	for _, e := range edits {
		if e.at < pos || e.end < e.at {
			return nil, cannot("overlapping edits")
		}
		out = append(out, b[pos:e.at]...)
		out = append(out, e.text...)
		pos = e.end
	}
	return append(out, b[pos:]...), nil
}

// sortEdits sorts by offset, keeping the order of edits at one offset
// (insertion sort: there are a handful).
func sortEdits(es []edit) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].at < es[j-1].at; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}
