package read

import (
	"strings"

	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
)

func (p *parser) parseBase() *form.Base {
	g := p.g
	b := &form.Base{Sheet: g.name}
	hdr, cols := findHeader(g, 0, baseKinds, baseHeaderOK)
	for r := 0; r < len(g.cells) && r < headRows+2; r++ {
		for _, v := range g.cells[r] {
			p.noteUnit(v)
		}
	}
	if hdr >= 0 {
		first := len(g.cells[hdr])
		for _, c := range cols {
			first = min(first, c)
		}
		blank := 0
		for r := hdr + 1; r < len(g.cells); r++ {
			item := ""
			for c := min(first, len(g.cells[r])) - 1; c >= 0; c-- {
				if v := strings.TrimSpace(g.at(r, c)); v != "" && !isNumeric(v) && !g.sameMerge(r, c, hdr, c) {
					item = v
					break
				}
			}
			if item == "" || isStaffLabel(item) {
				blank++
				if blank > 1 {
					break
				}
				continue
			}
			blank = 0
			br := form.BaseRow{Item: norm(item), Row: r + 1}
			br.PreviousFinal = p.money(r, cols, colPrevFinal)
			br.Budget = p.money(r, cols, colThisBudget)
			br.Final = p.money(r, cols, colThisFinal)
			b.Rows = append(b.Rows, br)
		}
	}
	// 编制数 / 实际在职人数: the figure is below the label or right of it.
	for r := range g.cells {
		for c, v := range g.cells[r] {
			n := norm(v)
			var dst *form.Value
			switch n {
			case "编制数", "编制人数", "核定编制数":
				dst = &b.Authorized
			case "实际在职人数", "在职人数", "实有人数", "实际在编人数":
				dst = &b.Staff
			default:
				continue
			}
			for _, at := range [][2]int{{r + 1, c}, {r, c + 1}} {
				t := strings.TrimSpace(g.at(at[0], at[1]))
				if d, err := num.ParseNumber(t); err == nil && d.Value.Valid {
					*dst = form.Value{Opt: d.Value, Cell: g.ref(at[0], at[1]), Text: t}
					break
				}
			}
		}
	}
	if hdr < 0 && !b.Authorized.Valid {
		p.warn("", "基础数据表中没有找到“上年决算数”“本年预算数”“本年决算数”表头，已跳过")
	}
	return b
}

func isStaffLabel(s string) bool {
	switch norm(s) {
	case "编制数", "编制人数", "核定编制数", "实际在职人数", "在职人数", "实有人数", "实际在编人数":
		return true
	}
	return false
}
