package read

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/jixiao/jixiao/samples/sheetgen"
)

const samplePath = "../../samples/邵东市科工局2019年度绩效自评表.xlsx"

// sampleSheet is the department form's part of the sample (sheet1.xml).
const sampleSheet = "xl/worksheets/sheet1.xml"

// withPart rewrites one part of a workbook in memory.
func withPart(t testing.TB, data []byte, part string, edit func(string) string) []byte {
	t.Helper()
	out, err := sheetgen.RewriteParts(data, func(name string, b []byte) []byte {
		if name == part {
			return []byte(edit(string(b)))
		}
		return b
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// outcome reads and scores a workbook: the total as shown, or the refusal.
func outcome(data []byte) (total string, refusal string) {
	opt := DefaultOptions()
	opt.ConvertLegacy = false
	wb, err := Bytes("x.xlsx", data, opt)
	if err != nil {
		return "", err.Error()
	}
	if errs := wb.Findings.Errors(); len(errs) > 0 {
		return "", errs[0].String()
	}
	ev := compute.Evaluate(wb, compute.Defaults(), nil)
	if errs := ev.Warnings.Errors(); len(errs) > 0 {
		return "", errs[0].String()
	}
	if !ev.TotalScore.Valid {
		return "", "no total"
	}
	return num.Score(ev.TotalScore), ""
}

var mergeCellsRe = regexp.MustCompile(`<mergeCells count="(\d+)">`)

func addMerges(s string, refs ...string) string {
	var b strings.Builder
	for _, r := range refs {
		b.WriteString(`<mergeCell ref="` + r + `"/>`)
	}
	return mergeCellsRe.ReplaceAllStringFunc(s, func(m string) string { return m + b.String() })
}

// TestReadWholeOrRefuse: a department form damaged in any of these ways is
// refused with a message naming the sheet and row or range — never scored
// from the rows read before the damage. The undamaged sample totals 99.13.
func TestReadWholeOrRefuse(t *testing.T) {
	data, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	if total, refusal := outcome(data); total != "99.13" {
		t.Fatalf("the sample itself: %q %q", total, refusal)
	}
	i15 := `<c r="I15" s="6" t="s"><v>59</v></c>`
	deep := strings.Repeat("<x>", 100) + strings.Repeat("</x>", 100)
	var bomb strings.Builder
	for r := 40; r < 240; r++ {
		fmt.Fprintf(&bomb, `<row r="%d">`, r)
		for c := 'K'; c <= 'T'; c++ {
			fmt.Fprintf(&bomb, `<c r="%c%d"><f>SUM($K$40:$T$239)</f></c>`, c, r)
		}
		bomb.WriteString("</row>")
	}
	cases := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"&#27; in row 15", func(s string) string {
			return strings.Replace(s, i15, `<c r="I15" t="inlineStr"><is><t>x&#27;y</t></is></c>`, 1)
		}, "部门整体支出绩效自评表第15行附近的内容无法读取（含非法字符），请在Excel中打开后另存为.xlsx"},
		{"raw ESC in row 15", func(s string) string {
			return strings.Replace(s, i15, "<c r=\"I15\" t=\"inlineStr\"><is><t>x\x1by</t></is></c>", 1)
		}, "部门整体支出绩效自评表第15行附近的内容无法读取（含非法字符）"},
		{"&#xFFFF; in row 15", func(s string) string {
			return strings.Replace(s, i15, `<c r="I15" t="inlineStr"><is><t>x&#xFFFF;</t></is></c>`, 1)
		}, "第15行附近的内容无法读取（含非法字符）"},
		{"cut in the middle of row 20", func(s string) string {
			return s[:strings.Index(s, `<row r="20"`)+150]
		}, "部门整体支出绩效自评表第20行附近的内容无法读取（内容不完整，文件可能被截断）"},
		{"an element closed by another in row 18", func(s string) string {
			return strings.Replace(s, `<row r="18"`, `<row r="18"><c r="Z18"><v>1</c></v>`, 1)
		}, "第18行附近的内容无法读取（结构损坏）"},
		{"100 levels of nesting", func(s string) string {
			return strings.Replace(s, "</sheetData>", "</sheetData><extLst>"+deep+"</extLst>", 1)
		}, "内容无法读取（嵌套层数异常）"},
		{"ten merges of A1:IV4999", func(s string) string {
			return addMerges(s, slices.Repeat([]string{"A1:IV4999"}, 10)...)
		}, "合并单元格的范围过大"},
		{"overlapping merges", func(s string) string {
			return addMerges(s, "A30:B31", "B31:C32")
		}, "合并单元格A30:B31与B31:C32互相重叠（文件已损坏）"},
		{"a merge over a filled cell", func(s string) string {
			return addMerges(s, "C12:D12")
		}, "合并单元格C12:D12盖住了单元格D12中的内容"},
		// One byte of a cell's markup changed so that a shared-string
		// index would pass for a number (each was a silent 95–98分 found
		// by FuzzSampleSheet).
		{`t="s" become t="e" (an index read as an error value)`, func(s string) string {
			return strings.Replace(s, i15, `<c r="I15" s="6" t="e"><v>59</v></c>`, 1)
		}, "第15行附近的内容无法读取（结构损坏）"},
		{`t="s" become d="s" (an index read as a number)`, func(s string) string {
			return strings.Replace(s, i15, `<c r="I15" s="6" d="s"><v>59</v></c>`, 1)
		}, "第15行附近的内容无法读取（结构损坏）"},
		{`t="s" become :="s"`, func(s string) string {
			return strings.Replace(s, i15, `<c r="I15" s="6" :="s"><v>59</v></c>`, 1)
		}, "第15行附近的内容无法读取（结构损坏）"},
		{"a cell's tag broken into text (its r and t lost)", func(s string) string {
			return strings.Replace(s, i15, `<c>r="I15" s="6" t="s"><v>59</v></c>`, 1)
		}, "第15行附近的内容无法读取（结构损坏）"},
		{`t="b" with a value other than 0 or 1`, func(s string) string {
			return strings.Replace(s, i15, `<c r="I15" s="6" t="b"><v>59</v></c>`, 1)
		}, "第15行附近的内容无法读取（结构损坏）"},
		// 全年预算数 0: the fund's 10 points cannot be scored, and the total
		// without them (89.33) must not stand.
		{"全年预算数 0", func(s string) string {
			return strings.Replace(s, `<c r="D6" s="8"><v>2905.02</v></c>`, `<c r="D6" s="8"><v>0</v></c>`, 1)
		}, "部门整体支出绩效自评表!D6: 年度资金总额的全年预算数为0，无法计算预算执行率，10.00分的预算执行得分无法评定"},
		{"200×10 formulas without values summing their block", func(s string) string {
			return strings.Replace(s, "</sheetData>", bomb.String()+"</sheetData>", 1)
		}, "公式过多或过于复杂：请在Excel中打开并保存后再提交"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			total, refusal := outcome(withPart(t, data, sampleSheet, c.edit))
			if total != "" {
				t.Fatalf("scored %s, want refused with %q", total, c.want)
			}
			if !strings.Contains(refusal, c.want) {
				t.Errorf("refusal\n got: %s\nwant: …%s…", refusal, c.want)
			}
		})
	}
}

// TestFormulaRefs: references are told from function names and strings.
func TestFormulaRefs(t *testing.T) {
	cases := []struct {
		f    string
		area int
		n    int
	}{
		{"SUM(C7:C9)", 3, 1},
		{"$A$1+B2", 2, 2},
		{"ROUND(F6*MIN(G6,1),2)", 2, 2},
		{"LOG10(A1)", 1, 1},
		{"Sheet2!A1:B2+'项目 1'!C3", 5, 2},
		{"IF(D6=0,\"\",E6/D6)", 3, 3},
		{"SUM($K$40:$T$239)", 2000, 1},
	}
	for _, c := range cases {
		rs := refs(c.f)
		area := 0
		for _, r := range rs {
			area += r.area
		}
		if len(rs) != c.n || area != c.area {
			t.Errorf("refs(%q): %d refs, area %d; want %d, %d", c.f, len(rs), area, c.n, c.area)
		}
	}
}

// TestCircularFormulas: formulas that refer to themselves are never
// computed; the cell they stand in has no value (an error where it is
// read).
func TestCircularFormulas(t *testing.T) {
	cells := map[[2]int]cellInfo{
		{0, 0}: {hasFormula: true, formula: "B1+1"},
		{0, 1}: {hasFormula: true, formula: "A1*2"},
		{0, 2}: {hasFormula: true, formula: "SUM(D1:D3)"},
	}
	circ, err := checkFormulas("表", cells)
	if err != nil {
		t.Fatal(err)
	}
	if !circ[[2]int{0, 0}] || !circ[[2]int{0, 1}] || circ[[2]int{0, 2}] {
		t.Errorf("circular: %v", circ)
	}
}

// FuzzSampleSheet mutates the sample's department sheet as damage does —
// a row deleted, a byte of markup changed, a merge duplicated — and holds
// the net: the workbook is either refused or still totals 99.13. No
// plausible other total may come out of a damaged form.
func FuzzSampleSheet(f *testing.F) {
	data, err := os.ReadFile(samplePath)
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []struct {
		op       uint8
		at, with uint16
	}{{0, 3, 0}, {0, 12, 0}, {1, 500, 'x'}, {1, 4000, '/'}, {2, 0, 0}, {2, 5, 0}, {0, 25, 0}} {
		f.Add(seed.op, seed.at, seed.with)
	}
	rowRe := regexp.MustCompile(`<row [^>]*>.*?</row>`)
	mergeRe := regexp.MustCompile(`<mergeCell ref="[^"]*"(?:/>|></mergeCell>)`)
	f.Fuzz(func(t *testing.T, op uint8, at, with uint16) {
		mutated := withPart(t, data, sampleSheet, func(s string) string {
			switch op % 3 {
			case 0: // delete a row
				rows := rowRe.FindAllStringIndex(s, -1)
				r := rows[int(at)%len(rows)]
				return s[:r[0]] + s[r[1]:]
			case 1: // change one byte of markup
				tags := regexp.MustCompile(`<[^>]*>`).FindAllStringIndex(s, -1)
				tg := tags[int(at)%len(tags)]
				k := tg[0] + 1 + int(with)%max(1, tg[1]-tg[0]-2)
				return s[:k] + string(rune(with%128)) + s[k+1:]
			default: // duplicate a merge
				ms := mergeRe.FindAllString(s, -1)
				return strings.Replace(s, "</mergeCells>", ms[int(at)%len(ms)]+"</mergeCells>", 1)
			}
		})
		total, refusal := outcome(mutated)
		if total != "" && total != "99.13" {
			t.Fatalf("damaged form scored %s (op %d at %d with %d), want 99.13 or a refusal", total, op%3, at, with)
		}
		if total == "" && refusal == "" {
			t.Fatal("neither a total nor a refusal")
		}
	})
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestControlCharactersDropped: an escape sequence written the OOXML way
// (_x001B_, which excelize decodes) never leaves the reader.
func TestControlCharactersDropped(t *testing.T) {
	data := withPart(t, mustRead(t, samplePath), sampleSheet, func(s string) string {
		return strings.Replace(s, `<c r="I15" s="6" t="s"><v>59</v></c>`, `<c r="I15" t="inlineStr"><is><t>资金_x001B_[31m到位晚</t></is></c>`, 1)
	})
	opt := DefaultOptions()
	wb, err := Bytes("x.xlsx", data, opt)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, in := range wb.Department.Indicators {
		if in.Row == 15 {
			found = true
			if in.Deviation != "资金[31m到位晚" {
				t.Errorf("deviation %q", in.Deviation)
			}
		}
	}
	if !found {
		t.Fatal("no indicator on row 15")
	}
}
