package word

import (
	"bytes"
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

// The marks are found by plain string search, not regular expressions:
// merging runs on every filled report and the regexp version was most of
// Fill's time (0.7 ms of 1.2 on the sample).

const restartMark = `<w:vMerge w:val="restart"`

// restartAt returns where the first <w:vMerge w:val="restart"/> (spaces
// allowed before "/>") in s starts and ends, or -1.
func restartAt(s string) (int, int) {
	for from := 0; ; {
		i := strings.Index(s[from:], restartMark)
		if i < 0 {
			return -1, -1
		}
		i += from
		j := i + len(restartMark)
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
			j++
		}
		if strings.HasPrefix(s[j:], "/>") {
			return i, j + 2
		}
		from = i + 1
	}
}

func hasRestart(s string) bool { i, _ := restartAt(s); return i >= 0 }

// hasMergeMarks reports whether a filled part asks for vertical merging.
func hasMergeMarks(b []byte) bool {
	for from := 0; ; {
		i := bytes.Index(b[from:], []byte(restartMark))
		if i < 0 {
			return false
		}
		// Check this one with the string form (copies only a short tail).
		i += from
		end := min(len(b), i+len(restartMark)+64)
		if hasRestart(string(b[i:end])) {
			return true
		}
		from = i + 1
	}
}

// cellOpen returns the index of the next <w:tc> or <w:tc ...> in s, or -1.
func cellOpen(s string) int {
	for from := 0; ; {
		i := strings.Index(s[from:], "<w:tc")
		if i < 0 {
			return -1
		}
		i += from
		if k := i + len("<w:tc"); k < len(s) && (s[k] == ' ' || s[k] == '>') {
			return i
		}
		from = i + 1
	}
}

// gridSpan is the cell's <w:gridSpan w:val="N"> (1 when absent).
func gridSpan(cell string) int {
	const tag = `<w:gridSpan w:val="`
	i := strings.Index(cell, tag)
	if i < 0 {
		return 1
	}
	rest := cell[i+len(tag):]
	j := 0
	for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	if j == 0 || j >= len(rest) || rest[j] != '"' {
		return 1
	}
	n, err := strconv.Atoi(rest[:j])
	if err != nil {
		return 1
	}
	return n
}

// cellText is the cell's XML without its tags, trimmed.
func cellText(cell string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(cell, '<')
		if i < 0 {
			b.WriteString(cell)
			break
		}
		b.WriteString(cell[:i])
		j := strings.IndexByte(cell[i:], '>')
		if j < 0 {
			b.WriteString(cell[i:])
			break
		}
		cell = cell[i+j+1:]
	}
	return strings.TrimSpace(b.String())
}

// paraProps is the first <w:pPr>…</w:pPr> or <w:pPr/> of s, or "".
func paraProps(s string) string {
	i := strings.Index(s, "<w:pPr")
	for i >= 0 {
		rest := s[i+len("<w:pPr"):]
		switch {
		case strings.HasPrefix(rest, "/>"):
			return s[i : i+len("<w:pPr/>")]
		case strings.HasPrefix(rest, ">"):
			j := strings.Index(rest, "</w:pPr>")
			if j < 0 {
				return ""
			}
			return s[i : i+len("<w:pPr")+j+len("</w:pPr>")]
		}
		k := strings.Index(rest, "<w:pPr")
		if k < 0 {
			return ""
		}
		i += len("<w:pPr") + k
	}
	return ""
}

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
		if strings.Contains(tbl[len("<w:tbl>"):], "<w:tbl>") || !hasRestart(tbl) {
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
		if !hasRestart(row) {
			runs = map[int]*run{}
			out.WriteString(row)
			continue
		}
		leftMerged := true
		col := 0
		var rb strings.Builder
		for {
			at := cellOpen(row)
			if at < 0 {
				rb.WriteString(row)
				break
			}
			k := strings.Index(row[at:], "</w:tc>")
			if k < 0 {
				rb.WriteString(row)
				break
			}
			k += at + len("</w:tc>")
			rb.WriteString(row[:at])
			cell := row[at:k]
			row = row[k:]
			span := gridSpan(cell)
			if hasRestart(cell) {
				text := cellText(cell)
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
	for {
		i, j := restartAt(cell)
		if i < 0 {
			break
		}
		cell = cell[:i] + "<w:vMerge/>" + cell[j:]
	}
	pr := strings.Index(cell, "</w:tcPr>")
	if pr < 0 {
		return cell
	}
	head := cell[:pr+len("</w:tcPr>")]
	body := cell[len(head) : len(cell)-len("</w:tc>")]
	ppr := paraProps(body)
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
