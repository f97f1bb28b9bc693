package read

import (
	"strings"

	"github.com/jixiao/jixiao/pipeline/form"
)

// Layout is one published form's shape, as data: the header words that
// identify it, the indicator columns it cannot do without, and the scoring
// profile its rules follow. One reader reads them all; a new layout is a
// new row here plus its fixtures, not a new branch in the reader.
type Layout struct {
	ID   string // "national", "chongqing-dept" …
	Name string // as validate shows it
	// Profile is the scoring profile (compute.Config) the form's own rules
	// follow.
	Profile string
	// Headers are header or title texts (after norm) that must all be on
	// the form; Without must none of them be.
	Headers, Without []string
	// Required are the indicator columns without which the form is refused.
	Required []int
}

// layouts are tried in order; the last one matches every form.
var layouts = []Layout{
	{ID: "chongqing-dept", Name: "重庆 部门整体绩效自评表（得分系数×指标权重）", Profile: "chongqing",
		Headers: []string{"得分系数", "指标权重"}, Required: []int{colName, colTarget, colActual, colMax}},
	{ID: "hubei-project", Name: "湖北 项目绩效自评表（年初目标值/实际完成值/得分，无分值列）", Profile: "hubei",
		Headers: []string{"年初目标值"}, Without: []string{"分值", "权重", "指标权重"}, Required: []int{colName, colTarget, colActual, colScore}},
	{ID: "sichuan-0013zp", Name: "四川 部门预算项目支出绩效自评表（510000_0013zp）", Profile: "sichuan",
		Headers: []string{"调整后预算数", "指标性质"}, Required: []int{colTarget, colActual, colMax}},
	{ID: "yunnan-split", Name: "云南 项目支出绩效自评表（指标性质/指标值/度量单位）", Profile: "national",
		Headers: []string{"指标性质", "度量单位"}, Required: []int{colTarget, colActual, colMax}},
	{ID: "hunan", Name: "湖南 部门整体/项目支出绩效自评表（含上年完成值）", Profile: "national",
		Headers: []string{"上年完成值"}, Required: []int{colTarget, colActual, colMax}},
	{ID: "national", Name: "财预〔2020〕10号 项目/部门整体支出绩效自评表", Profile: "national",
		Required: []int{colTarget, colActual, colMax}},
}

// LayoutName names a layout id for people ("" for an unknown id).
func LayoutName(id string) string {
	for _, l := range layouts {
		if l.ID == id {
			return l.Name
		}
	}
	return ""
}

// Layouts lists the layouts read, in the order they are tried.
func Layouts() []Layout { return append([]Layout(nil), layouts...) }

// matchLayout picks the layout of a form from the header texts of its
// blocks.
func matchLayout(words map[string]bool) Layout {
	for _, l := range layouts {
		ok := true
		for _, h := range l.Headers {
			ok = ok && words[h]
		}
		for _, h := range l.Without {
			ok = ok && !words[h]
		}
		if ok {
			return l
		}
	}
	return layouts[len(layouts)-1]
}

// headerWords collects the normalised texts of the given rows.
func headerWords(g *grid, rows ...int) map[string]bool {
	w := map[string]bool{}
	for _, r := range rows {
		if r < 0 {
			continue
		}
		for _, v := range g.cells[r] {
			if n := norm(v); n != "" {
				w[n] = true
			}
		}
	}
	return w
}

// requireColumns refuses a form whose indicator header lacks a column its
// layout needs, naming the headers that were not understood.
func (p *parser) requireColumns(f *form.Form, l Layout, hdr int, rows []int, cols map[int]int) bool {
	var missing []string
	for _, k := range l.Required {
		if _, ok := cols[k]; !ok {
			missing = append(missing, "“"+colNames[k]+"”")
		}
	}
	unknown := p.unknownHeaders(rows, cols, indKinds)
	for _, u := range unknown {
		p.warn(u.cell, "表头“%s”未识别，该列未读取", clip(u.text))
	}
	if len(missing) == 0 {
		return true
	}
	msg := "绩效指标表头中没有" + strings.Join(missing, "、") + "列"
	if len(unknown) > 0 {
		var names []string
		for _, u := range unknown {
			names = append(names, "“"+clip(u.text)+"”")
		}
		msg += "；未识别的表头：" + strings.Join(names, "、")
	}
	p.fail(p.g.ref(hdr, 0), "%s。请使用标准表头（如“年度指标值”“实际完成值”“分值”“得分”），或改回模板原有的列名", msg)
	return false
}

type headerCell struct{ text, cell string }

// unknownHeaders lists the header cells right of a block's first column
// that name no column kind and are not known to be unread.
func (p *parser) unknownHeaders(rows []int, cols map[int]int, kinds []int) []headerCell {
	first := -1
	for _, c := range cols {
		if first < 0 || c < first {
			first = c
		}
	}
	var out []headerCell
	seen := map[string]bool{}
	for c := first + 1; first >= 0 && c < p.width(rows); c++ {
		known := false
		for _, k := range cols {
			known = known || k == c
		}
		if known {
			continue
		}
		for _, r := range rows {
			v := strings.TrimSpace(p.g.at(r, c))
			n := norm(v)
			if n == "" || ignoredHeaders[n] || kindOf(v, kinds...) >= 0 || seen[n] {
				continue
			}
			// A merged parent over recognised sub-columns ("年度指标值"
			// over 指标性质/指标值/度量单位) is no column of its own.
			if o, ok := p.g.origin[[2]int{r, c}]; ok && o[1] != c {
				continue
			}
			if _, _, isLabel := splitLabel(v); isLabel {
				continue
			}
			seen[n] = true
			out = append(out, headerCell{v, p.g.ref(r, c)})
		}
	}
	return out
}

func (p *parser) width(rows []int) int {
	w := 0
	for _, r := range rows {
		if r >= 0 && r < len(p.g.cells) {
			w = max(w, len(p.g.cells[r]))
		}
	}
	return w
}
