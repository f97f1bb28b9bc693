package word

import (
	"strings"
	"testing"
)

func mergeRow(cells ...string) string {
	var b strings.Builder
	b.WriteString("<w:tr>")
	for i, c := range cells {
		mark := ""
		if i < 2 {
			mark = `<w:vMerge w:val="restart"/>`
		}
		b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="800" w:type="dxa"/>` + mark + `</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t>` + c + `</w:t></w:r></w:p></w:tc>`)
	}
	b.WriteString("</w:tr>")
	return b.String()
}

// 一级/二级 cells repeated down a loop are merged, 二级 only inside its 一级,
// every merged cell keeps a paragraph.
func TestMergeDown(t *testing.T) {
	head := `<w:tr><w:tc><w:tcPr/><w:p><w:r><w:t>一级指标</w:t></w:r></w:p></w:tc><w:tc><w:tcPr/><w:p><w:r><w:t>二级指标</w:t></w:r></w:p></w:tc><w:tc><w:tcPr/><w:p/></w:tc></w:tr>`
	tbl := "<w:body><w:tbl>" + head +
		mergeRow("产出指标", "数量指标", "a") +
		mergeRow("产出指标", "数量指标", "b") +
		mergeRow("产出指标", "质量指标", "c") +
		mergeRow("效益指标", "质量指标", "d") +
		mergeRow("效益指标", "", "e") +
		mergeRow("效益指标", "", "f") +
		"</w:tbl></w:body>"
	got := string(mergeDown([]byte(tbl)))
	rows := strings.Split(got, "<w:tr>")[2:]
	want := []string{"R R", "C C", "C R", "R R", "C R", "C R"}
	for i, r := range rows {
		var kinds []string
		for _, c := range strings.Split(r, "<w:tc>")[1:3] {
			switch {
			case strings.Contains(c, `w:val="restart"`):
				kinds = append(kinds, "R")
			case strings.Contains(c, "<w:vMerge/>"):
				kinds = append(kinds, "C")
				if strings.Contains(c, "<w:t>") || !strings.Contains(c, `<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>`) {
					t.Errorf("row %d: a continuation keeps text or loses its paragraph: %s", i, c)
				}
			}
		}
		if g := strings.Join(kinds, " "); g != want[i] {
			t.Errorf("row %d: %s, want %s", i, g, want[i])
		}
	}
	if !strings.Contains(got, "一级指标") || strings.Count(got, "<w:tr>") != 7 {
		t.Errorf("rows lost: %s", got)
	}
	plain := "<w:tbl>" + head + "</w:tbl>"
	if string(mergeDown([]byte(plain))) != plain {
		t.Error("a table without marks changed")
	}
}
