package read

import (
	"strings"

	"github.com/jixiao/jixiao/pipeline/form"
)

func (p *parser) parseNarrative() []form.Section {
	g := p.g
	var out []form.Section
	tc, xc, hdr := -1, -1, -1
	for r := 0; r < len(g.cells) && hdr < 0; r++ {
		for c, v := range g.cells[r] {
			switch norm(v) {
			case "章节", "标题", "部分":
				tc = c
			case "内容", "说明", "文字说明":
				xc = c
			}
		}
		if tc >= 0 && xc >= 0 {
			hdr = r
		} else {
			tc, xc = -1, -1
		}
	}
	if hdr < 0 {
		return nil
	}
	for r := hdr + 1; r < len(g.cells); r++ {
		t, x := strings.TrimSpace(g.at(r, tc)), strings.TrimSpace(g.at(r, xc))
		if t == "" && x == "" {
			continue
		}
		if x == "" || isEmptyMarker(x) {
			continue
		}
		out = append(out, form.Section{Title: norm(t), Text: x})
	}
	return out
}
