package word

import (
	"math/rand"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/templates"
)

// The regexp version of the merging, as it was before the string search:
// TestMergeSameAsRegexp checks the two agree.

var (
	oldVMergeRestart = regexp.MustCompile(`<w:vMerge w:val="restart"\s*/>`)
	oldTcOpen        = regexp.MustCompile(`<w:tc[ >]`)
	oldGridSpanRe    = regexp.MustCompile(`<w:gridSpan w:val="(\d+)"`)
	oldPPrRe         = regexp.MustCompile(`(?s)<w:pPr>.*?</w:pPr>|<w:pPr/>`)
	oldTagRe         = regexp.MustCompile(`<[^>]*>`)
)

// hasMergeMarks reports whether a filled part asks for vertical merging.
func oldHasMergeMarks(b []byte) bool { return oldVMergeRestart.Match(b) }

// mergeDown applies the vertical merging to a filled part (prefix w:).
func oldMergeDown(b []byte) []byte {
	s := string(b)
	var out strings.Builder
	out.Grow(len(s))
	for {
		i := strings.Index(s, "<w:tbl>")
		if i < 0 {
			out.WriteString(s)
			return []byte(out.String())
		}
		end := tableEnd(s, i)
		if end < 0 {
			out.WriteString(s)
			return []byte(out.String())
		}
		out.WriteString(s[:i])
		tbl := s[i:end]
		if strings.Contains(tbl[len("<w:tbl>"):], "<w:tbl>") || !oldVMergeRestart.MatchString(tbl) {
			// nested tables are left as they are
			out.WriteString(tbl)
		} else {
			out.WriteString(oldMergeTable(tbl))
		}
		s = s[end:]
	}
}

func oldMergeTable(tbl string) string {
	type run struct {
		text   string
		active bool
	}
	runs := map[int]*run{}
	var out strings.Builder
	rest := tbl
	for {
		i := strings.Index(rest, "<w:tr")
		if i < 0 || (rest[i+5] != '>' && rest[i+5] != ' ') {
			out.WriteString(rest)
			return out.String()
		}
		j := strings.Index(rest[i:], "</w:tr>")
		if j < 0 {
			out.WriteString(rest)
			return out.String()
		}
		j += i + len("</w:tr>")
		out.WriteString(rest[:i])
		row := rest[i:j]
		rest = rest[j:]
		if !oldVMergeRestart.MatchString(row) {
			runs = map[int]*run{}
			out.WriteString(row)
			continue
		}
		leftMerged := true
		col := 0
		var rb strings.Builder
		for {
			loc := oldTcOpen.FindStringIndex(row)
			if loc == nil {
				rb.WriteString(row)
				break
			}
			k := strings.Index(row[loc[0]:], "</w:tc>")
			if k < 0 {
				rb.WriteString(row)
				break
			}
			k += loc[0] + len("</w:tc>")
			rb.WriteString(row[:loc[0]])
			cell := row[loc[0]:k]
			row = row[k:]
			span := 1
			if m := oldGridSpanRe.FindStringSubmatch(cell); m != nil {
				span, _ = strconv.Atoi(m[1])
			}
			if oldVMergeRestart.MatchString(cell) {
				text := strings.TrimSpace(oldTagRe.ReplaceAllString(cell, ""))
				r := runs[col]
				if r != nil && r.active && leftMerged && text != "" && text == r.text {
					cell = oldContinuation(cell)
				} else {
					runs[col] = &run{text: text, active: true}
					leftMerged = false
				}
			}
			rb.WriteString(cell)
			col += span
		}
		out.WriteString(rb.String())
	}
}

// continuation turns a marked cell into the continuation of the merge
// above: <w:vMerge/> and one empty paragraph (every cell holds one).
func oldContinuation(cell string) string {
	cell = oldVMergeRestart.ReplaceAllString(cell, "<w:vMerge/>")
	pr := strings.Index(cell, "</w:tcPr>")
	if pr < 0 {
		return cell
	}
	head := cell[:pr+len("</w:tcPr>")]
	body := cell[len(head) : len(cell)-len("</w:tc>")]
	ppr := oldPPrRe.FindString(body)
	return head + "<w:p>" + ppr + "</w:p></w:tc>"
}

// TestMergeSameAsRegexp: on random tables (marks with and without spaces,
// spans, paragraph properties and their changes, empty cells, nested
// tables, rows without marks) and on the filled default template, the
// string-search merging writes exactly what the regexp version wrote.
func TestMergeSameAsRegexp(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	pick := func(xs ...string) string { return xs[rng.Intn(len(xs))] }
	cell := func(col int) string {
		mark := pick(`<w:vMerge w:val="restart"/>`, `<w:vMerge w:val="restart"/>`, `<w:vMerge w:val="restart"/>`, `<w:vMerge w:val="restart"/>`, `<w:vMerge w:val="restart"/>`)
		if col > 1 || rng.Intn(5) == 0 {
			mark = pick(`<w:vMerge w:val="restart"/>`, `<w:vMerge w:val="restart" />`, `<w:vMerge w:val="restart"  \n/>`, "", "", `<w:vMerge w:val="restarts"/>`)
		}
		span := pick("", "", "", "", "", "", `<w:gridSpan w:val="2"/>`, `<w:gridSpan w:val="x"/>`)
		ppr := pick("", "<w:pPr/>", `<w:pPr><w:jc w:val="center"/></w:pPr>`, `<w:pPr><w:pPrChange w:id="1"><w:pPr/></w:pPrChange></w:pPr>`)
		txt := pick("产出指标", "产出指标", "产出指标", "产出指标", "效益指标", "", " ", "数量&amp;指标", "a<b")
		open := pick("<w:tc>", `<w:tc w:id="3">`)
		return open + "<w:tcPr>" + span + mark + "</w:tcPr><w:p>" + ppr + "<w:r><w:t>" + txt + "</w:t></w:r></w:p></w:tc>"
	}
	merged := 0
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		b.WriteString("<w:body>")
		for t := 0; t < 1+rng.Intn(3); t++ {
			b.WriteString("<w:tbl><w:tblPr/>")
			for r := 0; r < rng.Intn(8); r++ {
				b.WriteString(pick("<w:tr>", `<w:tr w:rsidR="00A1">`, "<w:trPr/><w:tr>"))
				for c := 0; c < 1+rng.Intn(4); c++ {
					b.WriteString(cell(c))
				}
				if rng.Intn(20) == 0 {
					b.WriteString("<w:tc><w:tbl><w:tr>" + cell(0) + "</w:tr></w:tbl><w:p/></w:tc>")
				}
				b.WriteString("</w:tr>")
			}
			b.WriteString("</w:tbl><w:p/>")
		}
		b.WriteString("</w:body>")
		in := []byte(b.String())
		if hasMergeMarks(in) != oldHasMergeMarks(in) {
			t.Fatalf("case %d: hasMergeMarks differs on %s", n, in)
		}
		got, want := string(mergeDown(in)), string(oldMergeDown(in))
		if got != want {
			t.Fatalf("case %d:\n in: %s\ngot: %s\nwant: %s", n, in, got, want)
		}
		if strings.Contains(got, "<w:vMerge/>") {
			merged++
		}
	}
	if merged < 300 {
		t.Fatalf("only %d of 3000 random tables had a merge: the cases do not test merging", merged)
	}
	doc := parts(t, fill(t, templates.DefaultReport, StandardSchema(), realisticData()))["word/document.xml"]
	if got, want := string(mergeDown(doc)), string(oldMergeDown(doc)); got != want {
		t.Fatal("the filled default template merges differently")
	}
}
