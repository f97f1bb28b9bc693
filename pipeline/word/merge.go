package word

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// Vertical merging of repeated cells. A table cell of the template whose
// properties hold <w:vMerge w:val="restart"/> asks for it: in the filled
// document, such a cell whose text is the same as the cell above it (also
// marked) is merged into it, as 一级指标 / 二级指标 cells are merged down
// on the forms. A column merges only where every marked column to its left
// merged too, so a 二级指标 never runs across two 一级指标. Empty cells are
// never merged; a row without any marked cell ends every run.

var (
	vMergeRestart = regexp.MustCompile(`<w:vMerge w:val="restart"\s*/>`)
	tcOpen        = regexp.MustCompile(`<w:tc[ >]`)
	gridSpanRe    = regexp.MustCompile(`<w:gridSpan w:val="(\d+)"`)
	pPrRe         = regexp.MustCompile(`(?s)<w:pPr>.*?</w:pPr>|<w:pPr/>`)
	tagRe         = regexp.MustCompile(`<[^>]*>`)
)

// hasMergeMarks reports whether a filled part asks for vertical merging.
func hasMergeMarks(b []byte) bool { return vMergeRestart.Match(b) }

// mergeDown applies the vertical merging to a filled part (prefix w:).
func mergeDown(b []byte) []byte {
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
		if strings.Contains(tbl[len("<w:tbl>"):], "<w:tbl>") || !vMergeRestart.MatchString(tbl) {
			// nested tables are left as they are
			out.WriteString(tbl)
		} else {
			out.WriteString(mergeTable(tbl))
		}
		s = s[end:]
	}
}

// tableEnd is the offset just after the </w:tbl> closing the table at i.
func tableEnd(s string, i int) int {
	depth := 0
	for j := i; j < len(s); {
		o := strings.Index(s[j:], "<w:tbl>")
		c := strings.Index(s[j:], "</w:tbl>")
		if c < 0 {
			return -1
		}
		if o >= 0 && o < c {
			depth++
			j += o + len("<w:tbl>")
			continue
		}
		depth--
		j += c + len("</w:tbl>")
		if depth == 0 {
			return j
		}
	}
	return -1
}

func mergeTable(tbl string) string {
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
		if !vMergeRestart.MatchString(row) {
			runs = map[int]*run{}
			out.WriteString(row)
			continue
		}
		leftMerged := true
		col := 0
		var rb strings.Builder
		for {
			loc := tcOpen.FindStringIndex(row)
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
			if m := gridSpanRe.FindStringSubmatch(cell); m != nil {
				span, _ = strconv.Atoi(m[1])
			}
			if vMergeRestart.MatchString(cell) {
				text := strings.TrimSpace(tagRe.ReplaceAllString(cell, ""))
				r := runs[col]
				if r != nil && r.active && leftMerged && text != "" && text == r.text {
					cell = continuation(cell)
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
func continuation(cell string) string {
	cell = vMergeRestart.ReplaceAllString(cell, "<w:vMerge/>")
	pr := strings.Index(cell, "</w:tcPr>")
	if pr < 0 {
		return cell
	}
	head := cell[:pr+len("</w:tcPr>")]
	body := cell[len(head) : len(cell)-len("</w:tc>")]
	ppr := pPrRe.FindString(body)
	return head + "<w:p>" + ppr + "</w:p></w:tc>"
}

// applyMerges rewrites buf when its part asks for merging.
func applyMerges(buf *bytes.Buffer) {
	if !hasMergeMarks(buf.Bytes()) {
		return
	}
	merged := mergeDown(buf.Bytes())
	buf.Reset()
	buf.Write(merged)
}
