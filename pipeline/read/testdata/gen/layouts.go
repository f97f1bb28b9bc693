package main

// The layouts/ fixtures: real provincial and county layouts of the
// 绩效自评表 (see MANIFEST.md, section layouts/), each clean and in three
// clerk variants, plus one-mistake forms (mistakes.go). Every workbook here
// is laid out cell by cell, because these layouts differ from the national
// form sheetgen.WriteForm writes.

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jixiao/jixiao/samples/sheetgen"
	"github.com/xuri/excelize/v2"
)

// variant is how a clerk changed a clean form.
type variant int

const (
	clean variant = iota
	// hiddenCol: a text column (指标解释/备注) inserted inside the indicator
	// block, hidden.
	hiddenCol
	// renamedText: the sheet renamed and numbers typed as text.
	renamedText
	// subtotals: 小计 rows after each 一级 group and a 合计 row under the
	// fund breakdown.
	subtotals
)

var variantSuffix = []string{"", "-hidden-col", "-renamed-text", "-subtotals"}

// layoutFixture is one workbook of testdata/layouts. errCells are formula
// cells to rewrite as cached formula errors after saving (excelize cannot
// write a cell of type "e").
type layoutFixture struct {
	name     string
	build    func() (*excelize.File, error)
	errCells []errCell
}

// errCell is a formula cell of the first sheet whose cached value is a
// formula error such as #REF!.
type errCell struct {
	cell, value string
}

// layoutBuilders are the seven layouts, each written in four variants.
var layoutBuilders = []struct {
	id    string
	build func(variant) (*excelize.File, error)
}{
	{"national-county", nationalCounty},
	{"national-town", nationalTown},
	{"yunnan-split", yunnanSplit},
	{"sichuan-0013zp", sichuan0013zp},
	{"chongqing-dept", chongqingDept},
	{"hubei-project", hubeiProject},
	{"hunan-dept", hunanDept},
}

func layoutFixtures() []layoutFixture {
	var out []layoutFixture
	for _, l := range layoutBuilders {
		for v := clean; v <= subtotals; v++ {
			build, v := l.build, v
			out = append(out, layoutFixture{name: l.id + variantSuffix[v] + ".xlsx", build: func() (*excelize.File, error) { return build(v) }})
		}
	}
	return append(out, mistakeFixtures()...)
}

// writeLayouts writes every layouts/ fixture into dir.
func writeLayouts(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, x := range layoutFixtures() {
		f, err := x.build()
		if err != nil {
			return fmt.Errorf("%s: %w", x.name, err)
		}
		buf, err := f.WriteToBuffer()
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", x.name, err)
		}
		b := buf.Bytes()
		if len(x.errCells) > 0 {
			if b, err = patchErrCells(b, "xl/worksheets/sheet1.xml", x.errCells); err != nil {
				return fmt.Errorf("%s: %w", x.name, err)
			}
		}
		if err := writeFile(filepath.Join(dir, x.name), b); err != nil {
			return err
		}
	}
	return nil
}

// patchErrCells rewrites formula cells of one sheet part into cached
// formula errors, <c t="e"><f>…</f><v>#REF!</v></c>, as Excel saves them,
// and rebuilds the zip with the entries in their order.
func patchErrCells(b []byte, part string, cells []errCell) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if zf.Name == part {
			for _, c := range cells {
				re := regexp.MustCompile(`<c r="` + c.cell + `"([^>]*?) t="str"><f>([^<]*)</f></c>`)
				if !re.Match(data) {
					return nil, fmt.Errorf("%s: no formula cell %s to patch", part, c.cell)
				}
				data = re.ReplaceAll(data, []byte(`<c r="`+c.cell+`"${1} t="e"><f>${2}</f><v>`+c.value+`</v></c>`))
			}
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Value kinds besides those sheetgen.W.Put knows.
type (
	// gnum is a number in the General format (shown as typed: 89.974).
	gnum float64
	// dateV is a real date cell ("2020-11-20") with a 年月日 format.
	dateV string
	// rawNum is a numeric cell written literally ("1E+308").
	rawNum string
)

// sw writes one sheet: sheetgen.W plus a General-number and a date style.
type sw struct {
	*sheetgen.W
	general, date, bold int
}

func newSW(f *excelize.File, s *sheetgen.Styles, sheet string) (*sw, error) {
	x := &sw{W: &sheetgen.W{F: f, S: s, Sheet: sheet}}
	var err error
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	font := &excelize.Font{Family: "宋体", Size: 10}
	if x.general, err = f.NewStyle(&excelize.Style{Font: font, Alignment: center, Border: cellBorder()}); err != nil {
		return nil, err
	}
	dfmt := `yyyy"年"m"月"d"日"`
	if x.date, err = f.NewStyle(&excelize.Style{Font: font, Alignment: center, Border: cellBorder(), CustomNumFmt: &dfmt}); err != nil {
		return nil, err
	}
	x.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 12, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	return x, err
}

func cellBorder() []excelize.Border {
	var b []excelize.Border
	for _, t := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: t, Color: "000000", Style: 1})
	}
	return b
}

// put writes v into a cell; see sheetgen.W.Put for the kinds it knows.
func (x *sw) put(c, r int, v any, style int) {
	cell := sheetgen.Cell(c, r)
	switch t := v.(type) {
	case string:
		if t == "" {
			x.Put(c, r, nil, style)
			return
		}
		x.Put(c, r, v, style)
	case gnum:
		x.Check(x.F.SetCellFloat(x.Sheet, cell, float64(t), -1, 64))
		x.Style(c, r, c, r, x.general)
	case dateV:
		d, err := time.Parse("2006-01-02", string(t))
		x.Check(err)
		serial := d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
		x.Check(x.F.SetCellFloat(x.Sheet, cell, serial, -1, 64))
		x.Style(c, r, c, r, x.date)
	case rawNum:
		x.Check(x.F.SetCellDefault(x.Sheet, cell, string(t)))
		x.Style(c, r, c, r, x.general)
	default:
		x.Put(c, r, v, style)
	}
}

// merged writes v into the top-left cell of a rectangle and merges it.
func (x *sw) merged(c1, r1, c2, r2 int, v any, style int) {
	x.Merge(c1, r1, c2, r2, style)
	x.put(c1, r1, v, style)
	if c1 != c2 || r1 != r2 {
		st, _ := x.F.GetCellStyle(x.Sheet, sheetgen.Cell(c1, r1))
		x.Style(c1, r1, c2, r2, st)
	}
}

func (x *sw) widths(ws ...float64) {
	for i, wd := range ws {
		col, _ := excelize.ColumnNumberToName(i + 1)
		x.Check(x.F.SetColWidth(x.Sheet, col, col, wd))
	}
}

func (x *sw) height(r int, h float64) { x.Check(x.F.SetRowHeight(x.Sheet, r, h)) }

// hideCol inserts a column before col (as 插入列 does: everything right of
// it moves, merges across it widen), writes header into each header span
// (rows h[0]..h[1], merged when two), the texts into their rows, and hides
// the column.
func (x *sw) hideCol(col int, headers [][2]int, header string, texts []rowText) {
	name, _ := excelize.ColumnNumberToName(col)
	x.Check(x.F.InsertCols(x.Sheet, name, 1))
	for _, h := range headers {
		x.merged(col, h[0], col, h[1], header, x.S.Label)
	}
	for _, t := range texts {
		x.put(col, t.row, t.text, x.S.TextC)
	}
	x.Check(x.F.SetColWidth(x.Sheet, name, name, 24))
	x.Check(x.F.SetColVisible(x.Sheet, name, false))
}

type rowText struct {
	row  int
	text string
}

// layoutBook makes a workbook whose first sheet is named first, with fixed
// document properties (stable bytes).
func layoutBook(first string) (*excelize.File, *sheetgen.Styles, error) {
	return book(first)
}

// pick is the clean value, or in the renamed-text variant the value as a
// clerk typed it.
func pick(v variant, clean any, typed string) any {
	if v == renamedText {
		return typed
	}
	return clean
}

// num reads the number of a clean value (for 小计/合计 sums); 0 for text.
func num(v any) float64 {
	switch t := v.(type) {
	case int:
		return float64(t)
	case float64:
		return t
	case gnum:
		return float64(t)
	case sheetgen.Score:
		return float64(t)
	case sheetgen.Pct:
		return float64(t)
	case string:
		f, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", ""), 64)
		if err == nil {
			return f
		}
	}
	return 0
}

// sumOf is a 小计/合计 value: a whole number stays an integer cell.
func sumOf(vs ...any) any {
	var s float64
	for _, v := range vs {
		s += num(v)
	}
	s = math.Round(s*10000) / 10000
	if s == math.Trunc(s) {
		return int(s)
	}
	return gnum(s)
}

// ---------------------------------------------------------------------------
// The national form (财预〔2020〕10号): nine columns A–I. Column A holds the
// block labels (项目资金, 年度总体目标, 绩效指标) merged down; fund rows have
// their label in B:C and values in D–I (年初, 全年预算, 全年执行, 分值, 执行率,
// 得分); indicator rows are 一级 B, 二级 C, 三级 D, 年度指标值 E, 实际完成值 F,
// 分值 G, 得分 H, 偏差原因 I.

type natFund struct {
	label                                string
	init, budget, exec, max, rate, score any
}

type natInd struct {
	l1, l2, name   string
	target, actual any
	max, score     any
	dev            string
	// note is the hidden-col text (指标解释) for this row.
	note string
}

type natForm struct {
	sheet           string
	attach          string // 附件： above the title
	title, year     string
	nameLabel, name string
	supLabel, sup   string
	implLabel, impl string
	fundLabel       string
	fundHeader      []string // 6 headers over D–I
	funds           []natFund
	fundSum         []any // the 合计 row: init, budget, exec (subtotals variant)
	sumLabel        string
	goalLabel       string
	goalHeader      [2]string
	goal, done      string
	indLabel        string
	indHeader       []string // 8 headers over B–I
	inds            []natInd
	totalMax, total any
	notes           []string
	subtotalCols    [2]int // the columns 小计 is merged over; zero: no 小计 rows
	hiddenHeader    string // non-empty: insert a hidden column before E
	goalHeight      float64
}

// natLayout is where writeNat put things (1-based rows).
type natLayout struct {
	fundHeader, indHeader, firstInd, total int
	indRows                                []int // row of each natForm.inds entry
}

func writeNat(f *excelize.File, s *sheetgen.Styles, nf *natForm) (natLayout, error) {
	var lay natLayout
	x, err := newSW(f, s, nf.sheet)
	if err != nil {
		return lay, err
	}
	const n = 9
	x.widths(10, 13, 13, 30, 14, 14, 8, 8, 26)
	r := 1
	if nf.attach != "" {
		x.put(1, r, nf.attach, x.bold)
		r++
	}
	x.merged(1, r, n, r, nf.title, s.Title)
	x.height(r, 30)
	r++
	if nf.year != "" {
		x.merged(1, r, n, r, nf.year, s.Sub)
		x.height(r, 20)
		r++
	}
	x.merged(1, r, 2, r, nf.nameLabel, s.Label)
	x.merged(3, r, n, r, nf.name, s.TextC)
	x.height(r, 22)
	r++
	x.merged(1, r, 2, r, orDefault(nf.supLabel, "主管部门"), s.Label)
	x.merged(3, r, 5, r, nf.sup, s.TextC)
	x.merged(6, r, 7, r, orDefault(nf.implLabel, "实施单位"), s.Label)
	x.merged(8, r, n, r, nf.impl, s.TextC)
	x.height(r, 22)
	r++

	// Fund block.
	lay.fundHeader = r
	rows := len(nf.funds)
	if nf.fundSum != nil {
		rows++
	}
	x.merged(1, r, 1, r+rows, nf.fundLabel, s.Label)
	x.merged(2, r, 3, r, nil, s.Label)
	for i, h := range nf.fundHeader {
		x.put(4+i, r, h, s.Label)
	}
	x.height(r, 30)
	r++
	for _, fr := range nf.funds {
		x.merged(2, r, 3, r, fr.label, s.LabelLeft)
		for i, v := range []any{fr.init, fr.budget, fr.exec, fr.max, fr.rate, fr.score} {
			x.put(4+i, r, v, s.TextC)
		}
		x.height(r, 20)
		r++
	}
	if nf.fundSum != nil {
		x.merged(2, r, 3, r, orDefault(nf.sumLabel, "合计"), s.LabelLeft)
		for i, v := range nf.fundSum {
			x.put(4+i, r, v, s.TextC)
		}
		for i := len(nf.fundSum); i < 6; i++ {
			x.put(4+i, r, nil, s.TextC)
		}
		x.height(r, 20)
		r++
	}

	// Goal block.
	gh := nf.goalHeader
	if gh[0] == "" {
		gh = [2]string{"预期目标", "实际完成情况"}
	}
	x.merged(1, r, 1, r+1, nf.goalLabel, s.Label)
	x.merged(2, r, 5, r, gh[0], s.Label)
	x.merged(6, r, n, r, gh[1], s.Label)
	x.merged(2, r+1, 5, r+1, nf.goal, s.Text)
	x.merged(6, r+1, n, r+1, nf.done, s.Text)
	x.height(r+1, max(nf.goalHeight, 60))
	r += 2

	// Indicator block.
	lay.indHeader = r
	for i, h := range nf.indHeader {
		x.put(2+i, r, h, s.Label)
	}
	x.height(r, 30)
	r++
	lay.firstInd = r
	inds := nf.inds
	lay.indRows = make([]int, len(inds))
	for i := 0; i < len(inds); {
		j := i
		for j < len(inds) && inds[j].l1 == inds[i].l1 {
			j++
		}
		start := r
		for k := i; k < j; {
			m := k
			for m < j && inds[m].l2 == inds[k].l2 {
				m++
			}
			for q := k; q < m; q++ {
				in := inds[q]
				lay.indRows[q] = r + q - k
				x.put(4, r+q-k, in.name, s.TextC)
				x.put(5, r+q-k, in.target, s.TextC)
				x.put(6, r+q-k, in.actual, s.TextC)
				x.put(7, r+q-k, in.max, s.TextC)
				x.put(8, r+q-k, in.score, s.TextC)
				x.put(9, r+q-k, in.dev, s.Text)
				h := 22.0
				if len([]rune(in.name)) > 14 || len([]rune(in.dev)) > 14 {
					h = 36
				}
				x.height(r+q-k, h)
			}
			x.merged(3, r, 3, r+m-k-1, inds[k].l2, s.TextC)
			r += m - k
			k = m
		}
		x.merged(2, start, 2, r-1, inds[i].l1, s.Label)
		if nf.subtotalCols[0] > 0 {
			var maxs, scores []any
			for q := i; q < j; q++ {
				maxs = append(maxs, inds[q].max)
				scores = append(scores, inds[q].score)
			}
			c1, c2 := nf.subtotalCols[0], nf.subtotalCols[1]
			for c := 2; c < c1; c++ {
				x.put(c, r, nil, s.TextC)
			}
			x.merged(c1, r, c2, r, "小计", s.Label)
			for c := c2 + 1; c <= 6; c++ {
				x.put(c, r, nil, s.TextC)
			}
			x.put(7, r, sumOf(maxs...), s.TextC)
			x.put(8, r, sumOf(scores...), s.TextC)
			x.put(9, r, nil, s.Text)
			x.height(r, 22)
			r++
		}
		i = j
	}
	x.merged(1, lay.indHeader, 1, r-1, nf.indLabel, s.Label)

	lay.total = r
	x.merged(1, r, 6, r, "总分", s.Label)
	x.put(7, r, nf.totalMax, s.TextC)
	x.put(8, r, nf.total, s.TextC)
	x.put(9, r, nil, s.Text)
	x.height(r, 22)
	r++
	for _, line := range nf.notes {
		x.merged(1, r, n, r, line, s.Plain)
		x.height(r, float64(len([]rune(line))/60+1)*15+4)
		r++
	}
	sheetgen.PrintSetup(x.W, n)

	if nf.hiddenHeader != "" {
		var texts []rowText
		for i, in := range inds {
			if in.note != "" {
				texts = append(texts, rowText{lay.indRows[i], in.note})
			}
		}
		x.hideCol(5, [][2]int{{lay.indHeader, lay.indHeader}}, nf.hiddenHeader, texts)
	}
	return lay, x.Err
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// placeholders are the template rows a clerk leaves under a 二级 indicator.
func placeholders(l1, l2 string, more ...string) []natInd {
	var out []natInd
	for _, name := range more {
		out = append(out, natInd{l1: l1, l2: l2, name: name})
	}
	return out
}

// ---------------------------------------------------------------------------
// 1. national-county: 天长市水利局 2022, 水旱灾害防御经费.

const nationalNote = "注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。如有特殊情况，一级指标权重可做适当调整。二、三级指标应当根据指标重要程度、项目实施内容等因素确定，原则上各项指标分值应一致。" +
	"2.定量指标若为正向指标（即指标值为≥*），则得分计算方法应用全年实际值（B）/年度指标值（A）*该指标分值；若定量指标为反向指标（即指标值为≤*），则得分计算方法应用年度指标值（A）/全年实际值（B）*该指标分值。" +
	"3.定性指标根据指标完成情况分为：达成预期指标、部分达成预期指标并具有一定效果、未达成预期指标且效果较差三档，分别按照该指标对应分值区间100-80%（含80%）、80-50%（含50%）、50-0%合理确定分值。"

func countyForm(v variant) *natForm {
	const (
		out  = "产出指标\n（50分）"
		eff  = "效益指标\n（30分）"
		sat  = "满意度指标\n（10分）"
		econ = "经济效益\n指标"
		soc  = "社会效益\n指标"
		eco  = "生态效益\n指标"
		sus  = "可持续影\n响指标"
		svc  = "服务对象\n满意度指标"
	)
	var inds []natInd
	add := func(rows ...natInd) { inds = append(inds, rows...) }
	add(natInd{l1: out, l2: "数量指标", name: "指标1：完成中型灌区节水改造项目数量", target: "1个", actual: pick(v, "1个", "１个"), max: pick(v, 10, "10"), score: 10,
		note: "反映年度内完成节水改造的中型灌区数量"},
		natInd{l1: out, l2: "数量指标", name: "指标2：完成农业综合水价改革项目", target: "1项", actual: "1项", max: 10, score: 10,
			note: "反映农业水价综合改革项目完成数量"})
	add(placeholders(out, "数量指标", "……")...)
	add(natInd{l1: out, l2: "质量指标", name: "指标1：工程质量合格率", target: "100%", actual: pick(v, "96%", "９６%"), max: 10, score: pick(v, sheetgen.Score(9.6), "9.60"),
		dev:  "2处渠系建筑物质量评定不合格，已责令施工单位返工整改，加强施工过程监管。",
		note: "反映工程验收质量合格的比例"})
	add(placeholders(out, "质量指标", "指标2：", "……")...)
	add(natInd{l1: out, l2: "时效指标", name: "指标1：年度资金支付完成率", target: "≥95%", actual: pick(v, "98%", "98.00%"), max: 10, score: 10,
		note: "反映年度资金按时支付的程度"})
	add(placeholders(out, "时效指标", "指标2：", "……")...)
	add(natInd{l1: out, l2: "成本指标", name: "指标1：项目支出控制数", target: "≤880万元", actual: pick(v, "862.4万元", "８６２．４万元"), max: 10, score: 10,
		note: "反映项目支出控制在预算范围内"})
	add(placeholders(out, "成本指标", "指标2：", "……")...)
	add(natInd{l1: eff, l2: econ, name: "指标1：全市安全度汛", target: "安全度汛", actual: "安全度汛", max: 10, score: 10,
		note: "反映汛期水利工程安全运行情况"})
	add(placeholders(eff, econ, "指标2：", "……")...)
	add(natInd{l1: eff, l2: soc, name: "指标1：保护全市人口财产不受损失", target: "有效保护", actual: "有效保护", max: 10, score: 10,
		note: "反映防汛抗旱对群众生命财产的保护作用"})
	add(placeholders(eff, soc, "指标2：", "……")...)
	add(natInd{l1: eff, l2: eco, name: "指标1：/", target: "/", actual: "/", max: "/", score: "/"})
	add(placeholders(eff, eco, "指标2：", "……")...)
	add(natInd{l1: eff, l2: sus, name: "指标1：已建工程良性运行", target: "良性运行", actual: "良性运行", max: 10, score: 10,
		note: "反映已建水利工程持续发挥效益"})
	add(placeholders(eff, sus, "指标2：", "……")...)
	add(natInd{l1: sat, l2: svc, name: "指标1：服务对象满意度", target: "90%", actual: pick(v, "100%", "100 %"), max: 10, score: 10,
		note: "反映受益群众对防汛抗旱工作的满意程度"})
	add(placeholders(sat, svc, "指标2：", "……")...)

	nf := &natForm{
		sheet: "项目支出绩效自评表",
		title: "项目支出绩效自评表", year: "（2022年度）",
		nameLabel: "项目名称", name: "水旱灾害防御经费",
		sup: "", impl: "天长市水利局",
		fundLabel:  "项目资金\n（万元）",
		fundHeader: []string{"年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"},
		funds: []natFund{
			{"年度资金总额：", pick(v, 850.0, "850"), pick(v, 880.0, "880.00"), pick(v, 862.4, "８６２．４０"), pick(v, 10, "10"), pick(v, nil, "98%"), pick(v, sheetgen.Score(9.8), "9.8")},
			{"  其中：本年财政拨款", pick(v, 850.0, "850.00"), pick(v, 880.0, "880"), pick(v, 862.4, "862.40"), "-", nil, "-"},
			{"    上年结转资金", nil, nil, nil, "-", nil, "-"},
			{"       其他资金", nil, nil, nil, "-", nil, "-"},
		},
		goalLabel: "年度总体目标完成情况",
		goal:      "完成年度防汛抗旱工作，完成中型灌区节水改造项目和农业综合水价改革项目，确保全市安全度汛。",
		done:      "完成年度目标。完成1处中型灌区节水改造和农业综合水价改革项目，全市安全度汛，未发生人员伤亡。",
		indLabel:  "年度绩效指标完成情况",
		indHeader: []string{"一级\n指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"},
		inds:      inds,
		totalMax:  pick(v, 100, "100"), total: pick(v, sheetgen.Score(99.4), "99.40"),
		notes: []string{nationalNote,
			"填表人：王　磊　　　　联系电话：0550-7021356　　　　填报日期：2023年1月10日"},
		goalHeight: 48,
	}
	switch v {
	case renamedText:
		nf.sheet = "Sheet1"
	case hiddenCol:
		nf.hiddenHeader = "指标解释"
	case subtotals:
		nf.subtotalCols = [2]int{3, 4}
		nf.fundSum = []any{850.0, 880.0, 862.4, "-", nil, "-"}
	}
	return nf
}

func nationalCounty(v variant) (*excelize.File, error) {
	nf := countyForm(v)
	f, s, err := layoutBook(nf.sheet)
	if err != nil {
		return nil, err
	}
	_, err = writeNat(f, s, nf)
	return f, err
}

// ---------------------------------------------------------------------------
// 2. national-town: 贵池区棠溪镇 2022, 委托业务项目 (WPS file, ASCII brackets
// in the 一级 labels and the fund label colons).

func townForm(v variant) *natForm {
	const (
		out = "产出指标(50分)"
		eff = "效益指标(30分)"
		sat = "满意度指标(10分)"
	)
	ok := "达成预期指标"
	inds := []natInd{
		{l1: out, l2: "数量指标", name: "基建工程委托业务项目数量", target: "≥50个", actual: pick(v, 50, "50"), max: pick(v, 8, "8"), score: 8, note: "全年委托编制预算、审计、设计的基建项目个数"},
		{l1: out, l2: "数量指标", name: "涉及村（社区）数量", target: "=8个", actual: pick(v, 8, "8"), max: 6, score: 6, note: "委托业务覆盖的村（社区）个数"},
		{l1: out, l2: "质量指标", name: "委托业务报告合格率", target: "≥100百分比", actual: pick(v, 100, "100"), max: 8, score: pick(v, 8, "8"), note: "通过审核的委托业务报告占比"},
		{l1: out, l2: "质量指标", name: "经费支出合规性", target: "严格执行相关制度规定", actual: ok, max: 6, score: 6},
		{l1: out, l2: "时效指标", name: "提交报告及时性", target: "在项目计划完成时间内完成", actual: ok, max: 6, score: 6},
		{l1: out, l2: "成本指标", name: "项目总成本", target: "≤90万元", actual: pick(v, 90, "90"), max: 8, score: 8, note: "委托业务全年支出"},
		{l1: out, l2: "成本指标", name: "单项业务成本", target: "符合相关规定", actual: ok, max: 8, score: 8},
		{l1: eff, l2: "社会效益指标", name: "对维护基建市场公平的影响程度", target: "效果明显", actual: ok, max: 10, score: 10},
		{l1: eff, l2: "生态效益指标", name: "对控制基建项目成本影响程度", target: "效果明显", actual: ok, max: 10, score: 10},
		{l1: eff, l2: "可持续影响指标", name: "对推动基建项目“四项制度”健全和落实的持续性影响", target: "效果明显", actual: ok, max: 10, score: 10},
		{l1: eff, l2: "经济效益指标"},
		{l1: sat, l2: "满意度指标", name: "公众满意度", target: "≥90%", actual: pick(v, 95, "95%"), max: pick(v, 10, "10"), score: pick(v, 10, "10"), note: "抽样调查群众对委托业务的满意程度"},
	}
	nf := &natForm{
		sheet:  "项目支出绩效自评表",
		attach: "附件：",
		title:  "项目支出绩效自评表", year: "（2022年度）",
		nameLabel: "项目名称", name: "委托业务项目",
		sup: "219-池州市贵池区棠溪镇人民政府", impl: "219001-池州市贵池区棠溪镇人民政府",
		fundLabel:  "项目资金\n(万元)",
		fundHeader: []string{"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"},
		funds: []natFund{
			{"年度资金总额:", pick(v, 0, "0.00"), pick(v, 0, "0.00"), pick(v, 0, "0"), 10, pick(v, 0, "0"), pick(v, 0, "0")},
			{"其中:本年财政拨款", pick(v, 90, "90"), pick(v, gnum(89.974), "89.974"), pick(v, gnum(89.974), "８９．９７４"), nil, nil, nil},
			{"上年结转资金", nil, nil, nil, nil, nil, nil},
			{"其他资金", nil, nil, nil, nil, nil, nil},
		},
		goalLabel: "年度总体目标",
		goal:      "本项目共申请预算资金90万元。其中：30万元用于基建工程项目预算编制；30万元用于基建工程项目审计；30万元用于基建工程项目设计、规划、测绘。",
		done:      "本项目共完成预算资金89.97万元。其中：30万元用于基建工程项目预算编制；30万元用于基建工程项目审计；29.99万元用于基建工程项目设计、规划、测绘。",
		indLabel:  "绩效指标",
		indHeader: []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"},
		inds:      inds,
		totalMax:  100, total: pick(v, 100, "100"),
		goalHeight: 60,
	}
	switch v {
	case renamedText:
		nf.sheet = "表3（修改）"
		nf.name = "219001220001-委托业务项目"
	case hiddenCol:
		nf.hiddenHeader = "备注"
	case subtotals:
		nf.subtotalCols = [2]int{2, 4}
		nf.fundSum = []any{90, gnum(89.974), gnum(89.974)}
	}
	return nf
}

func nationalTown(v variant) (*excelize.File, error) {
	nf := townForm(v)
	f, s, err := layoutBook(nf.sheet)
	if err != nil {
		return nil, err
	}
	_, err = writeNat(f, s, nf)
	return f, err
}
