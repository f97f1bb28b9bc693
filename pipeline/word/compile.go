package word

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A compiled part is a tree of nodes: literal template bytes, values,
// sections (loops, conditionals), images and a few bookkeeping nodes.

type nodeKind uint8

const (
	nLit nodeKind = iota
	nValue
	nSection
	nImage
	nDocPr
	nRevID
	nBookmark
	nCellStart
	nCellEnd
)

type node struct {
	kind     nodeKind
	lit      []byte // nLit, nBookmark, nRevID
	name     string
	inverted bool
	once     bool // {{?名}}: the body once when 名 is non-empty, without iterating
	indent   int  // ideographic spaces after a line break (the paragraph's first-line indent)
	body     []node
}

type tagOcc struct {
	p          *para
	a, b       int // text offsets in p.text
	rawA, rawB int // byte range in the part (first piece start, last piece end)
	firstPc    *piece
	lastPc     *piece
	sigil      byte // 0, '#', '^', '?', '/', '%'
	name       string
	text       string
	seq        int
}

type opClass uint8

const (
	cCellStart opClass = iota
	cSec
	cCellEnd
	cValue
	cRange
)

type op struct {
	pos, end int
	class    opClass
	seq      int
	n        node // the node to emit (sections: kind nSection, name, inverted; close: lit == nil and kind==nSection with body nil)
	close    bool
	sec      *section
	skipped  bool
}

type section struct {
	open, close *tagOcc
	name        string
	inverted    bool
	once        bool
	list        bool
}

type compiler struct {
	part     string
	sc       *scanned
	schema   *Schema
	problems []Problem
	ops      []op
	cells    map[*elem]bool
	seq      int
}

func (c *compiler) problem(p *para, excerptAt int, msg string, args ...any) {
	c.problems = append(c.problems, Problem{Part: c.part, Where: where(p), Excerpt: excerpt(p.text, excerptAt), Message: fmt.Sprintf(msg, args...)})
}

// where describes a paragraph's place for a human.
func where(p *para) string {
	e := p.el
	if tx := ancestor(e, kTxbx); tx != nil {
		host := ancestor(tx, kP)
		if host != nil && host.para != nil {
			return where(host.para) + "（文本框）"
		}
		return "文本框"
	}
	var tbl, tr, tc *elem
	for a := e.parent; a != nil; a = a.parent {
		switch a.kind {
		case kTbl:
			tbl = a
		case kTr:
			if tbl == nil || tr == nil {
				tr = a
			}
		case kTc:
			if tc == nil {
				tc = a
			}
		}
	}
	if tbl != nil {
		// report the row and cell of the outermost table
		for a := e.parent; a != nil && a != tbl; a = a.parent {
			if a.kind == kTr {
				tr = a
			}
			if a.kind == kTc {
				tc = a
			}
		}
		if tr != nil && tc != nil {
			return fmt.Sprintf("表格%d 第%d行第%d列", tbl.idx, tr.idx, tc.idx)
		}
		return fmt.Sprintf("表格%d", tbl.idx)
	}
	return fmt.Sprintf("第%d段", p.num)
}

func excerpt(s string, at int) string {
	const maxRunes = 40
	if utf8.RuneCountInString(s) <= maxRunes {
		return strings.TrimSpace(s)
	}
	r := []rune(s)
	ri := utf8.RuneCountInString(s[:min(at, len(s))])
	from := max(ri-maxRunes/2, 0)
	to := min(from+maxRunes, len(r))
	from = max(to-maxRunes, 0)
	out := string(r[from:to])
	if from > 0 {
		out = "…" + out
	}
	if to < len(r) {
		out += "…"
	}
	return strings.TrimSpace(out)
}

func trimName(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' })
}

// findTags scans one paragraph's text for tags and brace problems.
func (c *compiler) findTags(p *para) []*tagOcc {
	s := p.text
	if !strings.ContainsAny(s, "{}｛｝") {
		return nil
	}
	var out []*tagOcc
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "{{"):
			rest := s[i+2:]
			closeAt := strings.Index(rest, "}}")
			nextOpen := strings.Index(rest, "{{")
			if closeAt < 0 || (nextOpen >= 0 && nextOpen < closeAt) {
				if fw := strings.Index(rest, "｝｝"); fw >= 0 && (nextOpen < 0 || fw < nextOpen) {
					c.problem(p, i, msgFullWidth)
					i += 2 + fw + len("｝｝")
					continue
				}
				end := len(s)
				if nextOpen >= 0 {
					end = i + 2 + nextOpen
				}
				c.problem(p, i, msgUnclosedBraces, strings.TrimSpace(s[i:end]))
				i = end
				continue
			}
			inner := trimName(rest[:closeAt])
			t := &tagOcc{p: p, a: i, b: i + 2 + closeAt + 2, text: s[i : i+2+closeAt+2]}
			if inner != "" && strings.IndexByte("#^/%?", inner[0]) >= 0 {
				t.sigil = inner[0]
				inner = trimName(inner[1:])
			}
			t.name = inner
			i = t.b
			if inner == "" {
				c.problem(p, t.a, msgEmptyName)
				continue
			}
			out = append(out, t)
		case strings.HasPrefix(s[i:], "｛｛") || strings.HasPrefix(s[i:], "｛{") || strings.HasPrefix(s[i:], "{｛"):
			c.problem(p, i, msgFullWidth)
			j := i + len("｛")
			if k := strings.IndexAny(s[j:], "}｝"); k >= 0 {
				j += k
				for j < len(s) && (s[j] == '}' || strings.HasPrefix(s[j:], "｝")) {
					_, n := utf8.DecodeRuneInString(s[j:])
					j += n
				}
			}
			i = j
		case strings.HasPrefix(s[i:], "}}"):
			c.problem(p, i, msgStrayClose)
			i += 2
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
	}
	// map text offsets onto raw bytes; delete the tag text from the pieces
	for _, t := range out {
		for k, pc := range p.pieces {
			lo, hi := p.off[k], p.off[k]+len(pc.text)
			if hi <= t.a || lo >= t.b || lo == hi {
				continue
			}
			a, b := max(t.a, lo)-lo, min(t.b, hi)-lo
			if t.firstPc == nil {
				t.firstPc = pc
				t.rawA = pc.raw(a)
			}
			t.lastPc = pc
			t.rawB = pc.raw(b)
			if b == len(pc.text) {
				t.rawB = pc.rawEnd
			}
			if t.sigil != '%' {
				c.addOp(op{pos: pc.raw(a), end: t.rawEndIn(pc, b), class: cRange})
				if !pc.touched {
					pc.touched = true
					c.addOp(op{pos: pc.t.start, end: pc.t.startEnd, class: cRange, n: node{kind: nLit, lit: []byte(`<` + pc.t.name + ` xml:space="preserve">`)}})
				}
			}
		}
	}
	return out
}

func (t *tagOcc) rawEndIn(pc *piece, b int) int {
	if b >= len(pc.text) {
		return pc.rawEnd
	}
	return pc.raw(b)
}

func (c *compiler) addOp(o op) {
	c.seq++
	o.seq = c.seq
	c.ops = append(c.ops, o)
}

type scope struct {
	name   string
	fields []string // when the section iterates a list
}

func (c *compiler) resolve(name string, stack []scope) nameKind {
	for i := len(stack) - 1; i >= 0; i-- {
		for _, f := range stack[i].fields {
			if f == name {
				return kindValue
			}
		}
	}
	return c.schema.topKind(name)
}

// compile analyses one scanned part and returns its node tree.
func compilePart(part string, sc *scanned, s *Schema) ([]node, []Problem) {
	c := &compiler{part: part, sc: sc, schema: s, cells: map[*elem]bool{}}
	var tags []*tagOcc
	for _, p := range sc.paras {
		tags = append(tags, c.findTags(p)...)
	}
	sort.SliceStable(tags, func(i, j int) bool { return tags[i].rawA < tags[j].rawA })

	type open struct {
		t  *tagOcc
		sc scope
	}
	var stack []open
	scopes := func() []scope {
		out := make([]scope, len(stack))
		for i, o := range stack {
			out[i] = o.sc
		}
		return out
	}
	var sections []*section
	for _, t := range tags {
		switch t.sigil {
		case '#', '^', '?':
			k := c.resolve(t.name, scopes())
			sp := scope{name: t.name}
			if k == kindUnknown {
				c.problem(t.p, t.a, msgUnknownName, t.name)
			} else if f, ok := s.Lists[t.name]; ok && k != kindImage {
				sp.fields = f // a list, or an item field holding a nested list
			}
			stack = append(stack, open{t, sp})
		case '/':
			at := -1
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].t.name == t.name {
					at = i
					break
				}
			}
			if at < 0 {
				c.problem(t.p, t.a, msgUnopenedClose, t.name)
				continue
			}
			for i := len(stack) - 1; i > at; i-- {
				inner := stack[i].t.name
				c.problem(t.p, t.a, msgCrossedLoops, inner, t.name, t.name, inner)
			}
			o, isList := stack[at].t, stack[at].sc.fields != nil
			stack = stack[:at]
			sections = append(sections, &section{open: o, close: t, name: o.name, inverted: o.sigil == '^', once: o.sigil == '?', list: isList})
		case '%':
			switch c.resolve(t.name, scopes()) {
			case kindImage:
			case kindUnknown:
				c.problem(t.p, t.a, msgUnknownImage, t.name)
			default:
				c.problem(t.p, t.a, msgNotImage, t.name, t.name)
			}
			if trimName(t.p.text) != t.text {
				c.problem(t.p, t.a, msgImageNotAlone, t.name)
				continue
			}
			// replace the paragraph's content (after its properties) with the picture
			from := t.p.el.startEnd
			if t.p.pPrEnd > 0 {
				from = t.p.pPrEnd
			}
			c.addOp(op{pos: from, end: t.p.el.endStart, class: cRange, n: node{kind: nImage, name: t.name}})
		default:
			switch c.resolve(t.name, scopes()) {
			case kindValue:
			case kindList:
				c.problem(t.p, t.a, msgListAsValue, t.name, t.name, t.name)
			case kindImage:
				c.problem(t.p, t.a, msgImageAsValue, t.name, t.name)
			default:
				c.problem(t.p, t.a, msgUnknownName, t.name)
			}
			c.addOp(op{pos: t.rawA, class: cValue, n: node{kind: nValue, name: t.name, indent: firstLineChars(sc.src, t.p)}})
		}
	}
	for _, o := range stack {
		c.problem(o.t.p, o.t.a, msgUnclosedLoop, o.t.name, o.t.name)
	}
	// order sections by their open tag so that the sequence numbers nest
	sort.SliceStable(sections, func(i, j int) bool { return sections[i].open.rawA < sections[j].open.rawA })
	var pending []struct {
		pos   int
		close bool
		sec   *section
		key   int
	}
	for _, sec := range sections {
		a, b, ok := c.sectionRange(sec)
		if !ok {
			continue
		}
		pending = append(pending, struct {
			pos   int
			close bool
			sec   *section
			key   int
		}{a, false, sec, sec.open.rawA}, struct {
			pos   int
			close bool
			sec   *section
			key   int
		}{b, true, sec, sec.close.rawA})
	}
	// sequence numbers follow the tags' order in the text, so sections
	// starting or ending at the same byte nest the way the tags do
	sort.SliceStable(pending, func(i, j int) bool { return pending[i].key < pending[j].key })
	for _, pd := range pending {
		c.addOp(op{pos: pd.pos, end: pd.pos, class: cSec, close: pd.close, sec: pd.sec})
	}
	for cell := range c.cells {
		c.addOp(op{pos: cell.startEnd, end: cell.startEnd, class: cCellStart, n: node{kind: nCellStart}})
		c.addOp(op{pos: cell.endStart, end: cell.endStart, class: cCellEnd, n: node{kind: nCellEnd}})
	}
	for _, r := range sc.docPrs {
		c.addOp(op{pos: r[0], end: r[1], class: cRange, n: node{kind: nDocPr}})
	}
	for _, pi := range sc.paraIDs {
		c.addOp(op{pos: pi.start, end: pi.end, class: cRange, n: node{kind: nLit, lit: pi.clean}})
	}
	for _, r := range sc.revIDs {
		c.addOp(op{pos: r[0], end: r[1], class: cRange, n: node{kind: nRevID, lit: sc.src[r[0]:r[1]]}})
	}
	for _, bm := range sc.bms {
		c.addOp(op{pos: bm.start, end: bm.end, class: cRange, n: node{kind: nBookmark, lit: sc.src[bm.start:bm.end]}})
	}
	if len(c.problems) > 0 {
		return nil, c.problems
	}
	return c.build(), c.problems
}

// sectionRange decides what a section repeats, adding the deletions of
// marker paragraphs, and returns the byte range of its body.
func (c *compiler) sectionRange(sec *section) (int, int, bool) {
	o, cl := sec.open, sec.close
	if o.p == cl.p {
		// a list loop that encloses all the text of a table cell repeats
		// the row, as a user writing {{#资金}}{{项目}}{{/资金}} in a
		// one-column table means; {{^资金}}无{{/资金}} shows the row once
		// when the list is empty
		if tc := ancestor(o.p.el, kTc); tc != nil && sec.list && !sec.once {
			txt := trimName(o.p.text)
			if strings.HasPrefix(txt, o.text) && strings.HasSuffix(txt, cl.text) {
				if tr := ancestor(tc, kTr); tr != nil {
					return tr.start, tr.end, true
				}
			}
		}
		if !sameLevel(o.lastPc.t, cl.firstPc.t, o.p.el) {
			c.problem(o.p, o.a, msgInlineLevels, sec.name)
			return 0, 0, false
		}
		return o.rawB, cl.rawA, true
	}
	// the nearest common ancestor of the two paragraphs
	anc := map[*elem]*elem{} // ancestor -> child on the path to o
	child := o.p.el
	for a := o.p.el.parent; a != nil; a = a.parent {
		anc[a] = child
		child = a
	}
	var com, u2 *elem
	child = cl.p.el
	for a := cl.p.el.parent; a != nil; a = a.parent {
		if _, ok := anc[a]; ok {
			com, u2 = a, child
			break
		}
		child = a
	}
	if com == nil {
		c.problem(o.p, o.a, msgTableInOut, sec.name)
		return 0, 0, false
	}
	u1 := anc[com]
	switch com.kind {
	case kP:
		c.problem(o.p, o.a, msgTextBoxInOut, sec.name)
		return 0, 0, false
	case kTr:
		return com.start, com.end, true
	case kTbl:
		// rows
	default:
		if u1.kind == kTbl && u2.kind == kTbl {
			c.problem(o.p, o.a, msgTableToTable, sec.name)
			return 0, 0, false
		}
		if u1.kind == kTbl || u2.kind == kTbl {
			c.problem(o.p, o.a, msgTableInOut, sec.name)
			return 0, 0, false
		}
		if inside(o.p.el, kTxbx) != inside(cl.p.el, kTxbx) {
			c.problem(o.p, o.a, msgTextBoxInOut, sec.name)
			return 0, 0, false
		}
	}
	// the paragraphs or rows from u1 to u2 repeat, without those that hold
	// nothing but a tag
	a, b := u1.start, u2.end
	if c.markerOnly(u1, o) {
		c.addOp(op{pos: u1.start, end: u1.end, class: cRange})
		a = u1.end
	}
	if c.markerOnly(u2, cl) {
		c.addOp(op{pos: u2.start, end: u2.end, class: cRange})
		b = u2.start
	}
	if com.kind == kTbl {
		return a, b, true
	}
	// a cell whose paragraphs may all disappear gets one back at fill time
	for e := com; e != nil; e = e.parent {
		if e.kind == kTc {
			c.cells[e] = true
			break
		}
	}
	return a, b, true
}

// markerOnly reports whether e, a paragraph or a table row that a loop
// repeats from or to, holds nothing but the loop's tag t: no other text, no
// picture or object, no section break. Then it goes with the tag: a user
// writes {{#资金}} alone in a paragraph, or alone in a row of its own, to mark
// where the repeated paragraphs or rows begin, not to repeat an empty one.
func (c *compiler) markerOnly(e *elem, t *tagOcc) bool {
	var text string
	switch e.kind {
	case kP:
		if e != t.p.el || t.p.sectPr {
			return false
		}
		text = t.p.text
	case kTr:
		ps := c.sc.paras
		i := sort.Search(len(ps), func(i int) bool { return ps[i].el.start >= e.start })
		var b strings.Builder
		for ; i < len(ps) && ps[i].el.start < e.end; i++ {
			b.WriteString(ps[i].text)
		}
		text = b.String()
	default:
		return false
	}
	if trimName(text) != t.text {
		return false
	}
	w := strings.TrimSuffix(namesFor(c.sc.rootNS).p, "p")
	raw := c.sc.src[e.start:e.end]
	for _, obj := range []string{"drawing", "pict", "object"} {
		if bytes.Contains(raw, []byte("<"+w+obj)) {
			return false
		}
	}
	return true
}

func inside(e *elem, k elemKind) bool { return ancestor(e, k) != nil }

// sameLevel reports whether two w:t elements of one paragraph sit under the
// same chain of element names, so the bytes between them can be repeated.
func sameLevel(a, b, stop *elem) bool {
	for a != stop && b != stop {
		if a == nil || b == nil || a.name != b.name {
			return false
		}
		a, b = a.parent, b.parent
	}
	return a == stop && b == stop
}

// build turns the sorted operations into the node tree.
func (c *compiler) build() []node {
	sort.SliceStable(c.ops, func(i, j int) bool {
		a, b := &c.ops[i], &c.ops[j]
		if a.pos != b.pos {
			return a.pos < b.pos
		}
		if a.class != b.class {
			return a.class < b.class
		}
		return a.seq < b.seq
	})
	src := c.sc.src
	type frame struct {
		sec   *section
		nodes []node
	}
	stack := []frame{{}}
	cursor := 0
	emit := func(n node) {
		f := &stack[len(stack)-1]
		f.nodes = append(f.nodes, n)
	}
	flush := func(to int) {
		if to > cursor {
			emit(node{kind: nLit, lit: src[cursor:to]})
			cursor = to
		}
	}
	for _, o := range c.ops {
		switch o.class {
		case cSec, cCellStart, cCellEnd:
			if o.pos > cursor {
				flush(o.pos)
			}
			if o.class != cSec {
				emit(o.n)
				continue
			}
			if !o.close {
				stack = append(stack, frame{sec: o.sec})
				continue
			}
			top := stack[len(stack)-1]
			if top.sec != o.sec {
				other := "?"
				if top.sec != nil {
					other = top.sec.name
				}
				c.problem(o.sec.open.p, o.sec.open.a, msgCrossedRanges, o.sec.name, other)
				return nil
			}
			stack = stack[:len(stack)-1]
			emit(node{kind: nSection, name: o.sec.name, inverted: o.sec.inverted, once: o.sec.once, body: top.nodes})
		default:
			if o.pos < cursor {
				continue // inside something already removed
			}
			flush(o.pos)
			if o.n.kind == nLit && o.n.lit == nil {
				cursor = o.end // plain deletion
				continue
			}
			emit(o.n)
			cursor = max(cursor, o.end)
		}
	}
	flush(len(src))
	return stack[0].nodes
}

// firstLineChars is the first-line indent, in characters, that a paragraph
// sets in its own properties. A value with line breaks repeats it after each
// break, so that text typed as several paragraphs still reads as paragraphs
// (Word does not indent the line after a manual break).
func firstLineChars(src []byte, p *para) int {
	if p.pPrEnd == 0 {
		return 0
	}
	ppr := src[p.el.startEnd:p.pPrEnd]
	a, b, ok := attrValue(ppr, "w:firstLineChars")
	if !ok {
		return 0
	}
	n := 0
	for _, ch := range ppr[a:b] {
		if ch < '0' || ch > '9' {
			return 0
		}
		n = n*10 + int(ch-'0')
	}
	return min(n/100, 4)
}
