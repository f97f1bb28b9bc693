package read

import (
	"fmt"
	"html"
	"regexp"

	"github.com/xuri/excelize/v2"
)

// Formulas without a cached value are computed with excelize, which
// evaluates the cells they refer to again for every reference: 200×20
// formulas each summing the block ran for minutes in gigabytes. Before any
// is computed, the work is estimated from the references, as the expanded
// tree excelize would walk; over the budget the workbook is refused.
const (
	maxUncachedFormulas = 1000
	maxFormulaWork      = 200000
	maxFormulaDepth     = 16
)

// formulaError is a sheet whose formulas would cost too much to compute.
type formulaError struct{ msg string }

func (e *formulaError) Error() string { return e.msg }

var refRe = regexp.MustCompile(`(?:('[^']*'|[^\s'!(),+\-*/^&=<>:;"{}]+)!)?\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?`)

type formulaRef struct {
	area  int
	local bool
	rect  rect
}

// refs lists the cell references of a formula (function names, strings and
// defined names are not references).
func refs(f string) []formulaRef {
	f = html.UnescapeString(f)
	var out []formulaRef
	for _, m := range refRe.FindAllStringSubmatchIndex(f, -1) {
		if m[0] > 0 {
			if p := f[m[0]-1]; p >= 'A' && p <= 'Z' || p >= 'a' && p <= 'z' || p >= '0' && p <= '9' || p == '_' || p == '.' {
				continue
			}
		}
		if m[1] < len(f) && (f[m[1]] == '(' || f[m[1]] >= 'A' && f[m[1]] <= 'Z' || f[m[1]] >= '0' && f[m[1]] <= '9') {
			continue // LOG10(…), a name
		}
		a := f[m[4]:m[5]] + f[m[6]:m[7]]
		b := a
		if m[8] >= 0 {
			b = f[m[8]:m[9]] + f[m[10]:m[11]]
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(a)
		c2, r2, err2 := excelize.CellNameToCoordinates(b)
		if err1 != nil || err2 != nil {
			continue
		}
		r := rect{min(r1, r2) - 1, min(c1, c2) - 1, max(r1, r2) - 1, max(c1, c2) - 1}
		out = append(out, formulaRef{area: (r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1), local: m[2] < 0, rect: r})
	}
	return out
}

// checkFormulas estimates what computing the sheet's uncached formulas
// costs and refuses the sheet over the budget. It returns the formulas
// that are part of a circle (never computed: their cells have no value).
func checkFormulas(sheet string, cells map[[2]int]cellInfo) (map[[2]int]bool, error) {
	var todo [][2]int
	master := map[string]string{}
	for k, c := range cells {
		if c.hasFormula && c.shared != "" && c.formula != "" {
			master[c.shared] = c.formula
		}
		if c.hasFormula && !c.hasValue {
			todo = append(todo, k)
		}
	}
	if len(todo) == 0 {
		return nil, nil
	}
	first := todo[0]
	for _, k := range todo {
		if k[0] < first[0] || k[0] == first[0] && k[1] < first[1] {
			first = k
		}
	}
	at, _ := excelize.CoordinatesToCellName(first[1]+1, first[0]+1)
	tooMuch := func(what string) error {
		return &formulaError{fmt.Sprintf("工作表“%s”中有%d个公式没有计算结果（从%s起）且%s，公式过多或过于复杂：请在Excel中打开并保存后再提交", sheet, len(todo), at, what)}
	}
	if len(todo) > maxUncachedFormulas {
		return nil, tooMuch("数量过多")
	}
	uncached := make(map[[2]int]bool, len(todo))
	for _, k := range todo {
		uncached[k] = true
	}
	rs := make(map[[2]int][]formulaRef, len(todo))
	for _, k := range todo {
		f := cells[k].formula
		if f == "" {
			f = master[cells[k].shared]
		}
		rs[k] = refs(f)
	}
	// The cost of a formula is its own references plus the cost of every
	// uncached formula among them, as often as they are referred to.
	const (
		unseen = iota
		active
		done
	)
	state := map[[2]int]int{}
	cost := map[[2]int]int{}
	depth := map[[2]int]int{}
	circular := map[[2]int]bool{}
	var visit func(k [2]int) (int, int)
	visit = func(k [2]int) (int, int) {
		switch state[k] {
		case active:
			circular[k] = true
			return 0, 0
		case done:
			return cost[k], depth[k]
		}
		state[k] = active
		c, d := 0, 0
		for _, r := range rs[k] {
			c += r.area
			if !r.local || c > maxFormulaWork {
				continue
			}
			for _, g := range todo {
				if g[0] >= r.rect.r1 && g[0] <= r.rect.r2 && g[1] >= r.rect.c1 && g[1] <= r.rect.c2 {
					gc, gd := visit(g)
					c += gc
					d = max(d, gd+1)
					if circular[g] {
						circular[k] = true
					}
					if c > maxFormulaWork {
						break
					}
				}
			}
		}
		state[k] = done
		cost[k], depth[k] = min(c, maxFormulaWork+1), d
		return cost[k], d
	}
	total := 0
	for _, k := range todo {
		c, d := visit(k)
		total += c
		if total > maxFormulaWork {
			return nil, tooMuch("相互引用的单元格过多")
		}
		if d > maxFormulaDepth {
			return nil, tooMuch("相互引用的层次过深")
		}
	}
	return circular, nil
}
