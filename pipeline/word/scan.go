package word

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// The tokenizer works on the raw bytes of one XML part and builds just the
// structure the fill needs: elements with their byte ranges and parents,
// paragraphs, and the text pieces of every w:t.

type elemKind uint8

const (
	kOther elemKind = iota
	kP
	kPPr
	kSectPr
	kT
	kTbl
	kTr
	kTc
	kTxbx
	kBookmark
	kDocPr
	kRevision
)

type elem struct {
	name     string
	kind     elemKind
	start    int // '<' of the start tag
	startEnd int // just after the start tag
	endStart int // '<' of the end tag (== startEnd for an empty element)
	end      int // just after the end tag
	parent   *elem
	idx      int // 1-based: tr within its table, tc within its row, top-level table within the part
	nTr, nTc int
	para     *para // for kP
}

type piece struct {
	t        *elem // the w:t element
	rawStart int   // first byte of the text in the part
	rawEnd   int
	text     string // decoded
	offs     []int  // raw offset (relative) of each byte of text; nil when identical
	touched  bool
}

func (pc *piece) raw(i int) int {
	if pc.offs == nil || i >= len(pc.offs) {
		if pc.offs != nil {
			return pc.rawEnd
		}
		return pc.rawStart + i
	}
	return pc.rawStart + pc.offs[i]
}

type para struct {
	el      *elem
	pieces  []*piece
	off     []int // text offset of each piece
	text    string
	sectPr  bool
	pPrEnd  int // just after </w:pPr>, or 0
	num     int // paragraph number outside tables (1-based), 0 inside tables
	inTable bool
}

type paraID struct {
	start, end int
	clean      []byte
}

type names struct {
	p, pPr, sectPr, t, tbl, tr, tc, txbx, bmStart, bmEnd, docPr, id string
	revisions                                                       []string
}

// revisionNames are the tracked changes (修订) whose w:id is an annotation
// id: insertions, deletions, moves and property changes.
var revisionNames = []string{"ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
	"tblPrExChange", "trPrChange", "tcPrChange", "tblGridChange", "numberingChange", "cellIns", "cellDel", "cellMerge"}

const (
	nsW  = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
)

type scanned struct {
	src    []byte
	paras  []*para
	bms    []*elem  // bookmarkStart / bookmarkEnd
	docPrs [][2]int // byte range of the id attribute value of each wp:docPr
	// byte range of the w:id value of each tracked change: annotation ids
	// must be unique in the document, and would repeat in loops
	revIDs [][2]int
	maxID  int // the largest annotation id (tracked change, bookmark), or 0
	// start tags carrying w14:paraId / w14:textId, with those removed: the
	// ids must be unique and would repeat in loops, and they are optional
	paraIDs []paraID
	rootNS  map[string]string
}

var errMalformed = errors.New("malformed")

func scanPart(src []byte) (*scanned, error) {
	sc := &scanned{src: src}
	var stack []*elem
	var pstack []*para
	nm := names{}
	var kinds map[string]elemKind
	tables := 0
	paraNum := 0
	pos := 0
	for pos < len(src) {
		lt := bytes.IndexByte(src[pos:], '<')
		if lt < 0 {
			lt = len(src) - pos
		}
		if lt > 0 {
			if n := len(stack); n > 0 && stack[n-1].kind == kT && len(pstack) > 0 {
				p := pstack[len(pstack)-1]
				pc := &piece{t: stack[n-1], rawStart: pos, rawEnd: pos + lt}
				if err := decodeText(pc, src[pos:pos+lt]); err != nil {
					return nil, fmt.Errorf("%w: offset %d: %v", errMalformed, pos, err)
				}
				p.pieces = append(p.pieces, pc)
			}
			pos += lt
			if pos >= len(src) {
				break
			}
		}
		rest := src[pos:]
		var end int
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			end = bytes.Index(rest, []byte("?>")) + 2
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = bytes.Index(rest, []byte("-->")) + 3
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end = bytes.Index(rest, []byte("]]>")) + 3
		case bytes.HasPrefix(rest, []byte("<!")):
			end = bytes.IndexByte(rest, '>') + 1
		case bytes.HasPrefix(rest, []byte("</")):
			end = bytes.IndexByte(rest, '>') + 1
			if end <= 0 {
				return nil, fmt.Errorf("%w: unterminated end tag at %d", errMalformed, pos)
			}
			name := string(bytes.TrimSpace(rest[2 : end-1]))
			n := len(stack)
			if n == 0 || stack[n-1].name != name {
				return nil, fmt.Errorf("%w: unexpected </%s> at %d", errMalformed, name, pos)
			}
			e := stack[n-1]
			stack = stack[:n-1]
			e.endStart, e.end = pos, pos+end
			switch e.kind {
			case kP:
				pstack = pstack[:len(pstack)-1]
			case kPPr:
				if e.parent != nil && e.parent.kind == kP {
					e.parent.para.pPrEnd = e.end
				}
			}
			pos += end
			continue
		default:
			end = tagEnd(rest)
			if end <= 0 {
				return nil, fmt.Errorf("%w: unterminated tag at %d", errMalformed, pos)
			}
			nameEnd := 1
			for nameEnd < end && !isSpaceOr(rest[nameEnd], "/>") {
				nameEnd++
			}
			name := string(rest[1:nameEnd])
			self := rest[end-2] == '/'
			if kinds == nil { // the root element: learn the prefixes
				sc.rootNS = rootNamespaces(rest[:end])
				nm = namesFor(sc.rootNS)
				kinds = map[string]elemKind{nm.p: kP, nm.pPr: kPPr, nm.sectPr: kSectPr, nm.t: kT, nm.tbl: kTbl, nm.tr: kTr,
					nm.tc: kTc, nm.txbx: kTxbx, nm.bmStart: kBookmark, nm.bmEnd: kBookmark, nm.docPr: kDocPr}
				for _, r := range nm.revisions {
					kinds[r] = kRevision
				}
			}
			e := &elem{name: name, kind: kinds[name], start: pos, startEnd: pos + end}
			if (e.kind == kP || e.kind == kTr) && bytes.Contains(rest[:end], []byte("w14:")) {
				if clean := stripAttrs(rest[:end], "w14:paraId", "w14:textId"); len(clean) != end {
					sc.paraIDs = append(sc.paraIDs, paraID{pos, pos + end, clean})
				}
			}
			if n := len(stack); n > 0 {
				e.parent = stack[n-1]
			}
			switch e.kind {
			case kP:
				p := &para{el: e}
				e.para = p
				if ancestor(e, kTbl) == nil {
					if ancestor(e, kTxbx) == nil {
						paraNum++
						p.num = paraNum
					}
				} else {
					p.inTable = true
				}
				sc.paras = append(sc.paras, p)
				pstack = append(pstack, p)
			case kSectPr:
				if e.parent != nil && e.parent.kind == kPPr && e.parent.parent != nil && e.parent.parent.kind == kP {
					e.parent.parent.para.sectPr = true
				}
			case kTbl:
				if ancestor(e, kTbl) == nil {
					tables++
					e.idx = tables
				}
			case kTr:
				if t := ancestor(e, kTbl); t != nil {
					t.nTr++
					e.idx = t.nTr
				}
			case kTc:
				if r := ancestor(e, kTr); r != nil {
					r.nTc++
					e.idx = r.nTc
				}
			case kBookmark, kRevision:
				if a, b, ok := attrValue(rest[:end], nm.id); ok {
					if n, err := strconv.Atoi(string(rest[a:b])); err == nil && n > sc.maxID {
						sc.maxID = n
					}
					if e.kind == kRevision {
						sc.revIDs = append(sc.revIDs, [2]int{pos + a, pos + b})
					}
				}
				if e.kind == kBookmark {
					sc.bms = append(sc.bms, e)
				}
			case kDocPr:
				if a, b, ok := attrValue(rest[:end], "id"); ok {
					sc.docPrs = append(sc.docPrs, [2]int{pos + a, pos + b})
				}
			}
			if self {
				e.endStart, e.end = e.startEnd, e.startEnd
				if e.kind == kP {
					pstack = pstack[:len(pstack)-1]
				}
			} else {
				stack = append(stack, e)
			}
			pos += end
			continue
		}
		if end <= 0 {
			return nil, fmt.Errorf("%w: unterminated markup at %d", errMalformed, pos)
		}
		pos += end
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("%w: <%s> is not closed", errMalformed, stack[len(stack)-1].name)
	}
	for _, p := range sc.paras {
		var b []byte
		p.off = make([]int, len(p.pieces))
		for i, pc := range p.pieces {
			p.off[i] = len(b)
			b = append(b, pc.text...)
		}
		p.text = string(b)
	}
	return sc, nil
}

func ancestor(e *elem, k elemKind) *elem {
	for a := e.parent; a != nil; a = a.parent {
		if a.kind == k {
			return a
		}
	}
	return nil
}

func isSpaceOr(c byte, set string) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || bytes.IndexByte([]byte(set), c) >= 0
}

// tagEnd returns the length of the start tag at the head of b (through '>'),
// skipping quoted attribute values, or -1.
func tagEnd(b []byte) int {
	var q byte
	for i := 1; i < len(b); i++ {
		c := b[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '>':
			return i + 1
		}
	}
	return -1
}

// attrValue finds attribute name (any prefix-free exact name) in a start tag
// and returns the byte range of its value.
func attrValue(tag []byte, name string) (int, int, bool) {
	i := 0
	for {
		j := bytes.Index(tag[i:], []byte(name+"="))
		if j < 0 {
			return 0, 0, false
		}
		j += i
		if j > 0 && isSpaceOr(tag[j-1], "") {
			q := j + len(name) + 1
			if q < len(tag) && (tag[q] == '"' || tag[q] == '\'') {
				e := bytes.IndexByte(tag[q+1:], tag[q])
				if e >= 0 {
					return q + 1, q + 1 + e, true
				}
			}
		}
		i = j + 1
	}
}

func rootNamespaces(tag []byte) map[string]string {
	m := map[string]string{}
	s := tag
	for {
		i := bytes.Index(s, []byte("xmlns:"))
		if i < 0 {
			return m
		}
		s = s[i+6:]
		eq := bytes.IndexByte(s, '=')
		if eq < 0 || eq+1 >= len(s) {
			return m
		}
		prefix := string(s[:eq])
		q := s[eq+1]
		e := bytes.IndexByte(s[eq+2:], q)
		if e < 0 {
			return m
		}
		m[string(s[eq+2:eq+2+e])] = prefix
		s = s[eq+2+e:]
	}
}

func namesFor(ns map[string]string) names {
	w, ok := ns[nsW]
	if !ok {
		w = "w"
	}
	wp, ok := ns[nsWP]
	if !ok {
		wp = "wp"
	}
	q := func(p, l string) string { return p + ":" + l }
	n := names{p: q(w, "p"), pPr: q(w, "pPr"), sectPr: q(w, "sectPr"), t: q(w, "t"), tbl: q(w, "tbl"), tr: q(w, "tr"),
		tc: q(w, "tc"), txbx: q(w, "txbxContent"), bmStart: q(w, "bookmarkStart"), bmEnd: q(w, "bookmarkEnd"), docPr: q(wp, "docPr"), id: q(w, "id")}
	for _, r := range revisionNames {
		n.revisions = append(n.revisions, q(w, r))
	}
	return n
}

// decodeText resolves entity references in raw text, recording where each
// decoded byte came from.
func decodeText(pc *piece, raw []byte) error {
	if bytes.IndexByte(raw, '&') < 0 {
		pc.text = string(raw)
		return nil
	}
	var b []byte
	var offs []int
	for i := 0; i < len(raw); {
		if raw[i] != '&' {
			_, n := utf8.DecodeRune(raw[i:])
			for k := 0; k < n; k++ {
				b = append(b, raw[i+k])
				offs = append(offs, i+k)
			}
			i += n
			continue
		}
		semi := bytes.IndexByte(raw[i:], ';')
		if semi < 0 {
			return fmt.Errorf("bad entity")
		}
		ent := string(raw[i+1 : i+semi])
		var s string
		switch ent {
		case "amp":
			s = "&"
		case "lt":
			s = "<"
		case "gt":
			s = ">"
		case "quot":
			s = "\""
		case "apos":
			s = "'"
		default:
			if len(ent) > 1 && ent[0] == '#' {
				var v uint64
				var err error
				if ent[1] == 'x' || ent[1] == 'X' {
					v, err = strconv.ParseUint(ent[2:], 16, 32)
				} else {
					v, err = strconv.ParseUint(ent[1:], 10, 32)
				}
				if err != nil {
					return err
				}
				s = string(rune(v))
			} else {
				return fmt.Errorf("unknown entity &%s;", ent)
			}
		}
		for k := 0; k < len(s); k++ {
			b = append(b, s[k])
			offs = append(offs, i)
		}
		i += semi + 1
	}
	pc.text = string(b)
	pc.offs = offs
	return nil
}

// stripAttrs returns the start tag without the named attributes.
func stripAttrs(tag []byte, names ...string) []byte {
	out := tag
	for _, n := range names {
		a, b, ok := attrValue(out, n)
		if !ok {
			continue
		}
		from := a - len(n) - 2 // the name, '=' and the quote
		for from > 0 && isSpaceOr(out[from-1], "") {
			from--
		}
		out = append(append([]byte{}, out[:from]...), out[b+1:]...)
	}
	return out
}
