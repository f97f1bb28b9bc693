package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/pipeline/read"
	"github.com/xuri/excelize/v2"
)

// The committed layouts/ workbooks are exactly what the generator writes
// (this runs in -short mode too: it does not write the zip bomb).
func TestCommittedLayoutsAreGenerated(t *testing.T) {
	dir := t.TempDir()
	if err := writeLayouts(dir); err != nil {
		t.Fatal(err)
	}
	gen, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	committed, _ := filepath.Glob(filepath.Join(testdata, "layouts", "*.xlsx"))
	if len(gen) != len(committed) {
		t.Errorf("generator writes %d workbooks, layouts/ holds %d", len(gen), len(committed))
	}
	for _, p := range gen {
		name := filepath.Base(p)
		got, _ := os.ReadFile(p)
		want, err := os.ReadFile(filepath.Join(testdata, "layouts", name))
		if err != nil {
			t.Errorf("%s: not committed: %v", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: differs from the generator's output; run go run ./pipeline/read/testdata/gen -layouts", name)
		}
	}
}

type expectation struct {
	Outcome    string `json:"outcome"`
	Total      string `json:"total"`
	Grade      string `json:"grade"`
	Department string `json:"department"`
	Year       int    `json:"year"`
	Layout     string `json:"layout"`
	Refusal    string `json:"refusal"`
	Hand       string `json:"hand"`
}

func readExpected(t *testing.T) map[string]expectation {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testdata, "layouts", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var exp map[string]expectation
	if err := dec.Decode(&exp); err != nil {
		t.Fatal(err)
	}
	return exp
}

// expected.json has one well-formed entry per workbook.
func TestLayoutsExpected(t *testing.T) {
	exp := readExpected(t)
	// "layout" is the reader's name for the published form (read.Layouts),
	// not the fixture's: the county and town forms are both "national".
	ids := map[string]bool{}
	for _, l := range read.Layouts() {
		ids[l.ID] = true
	}
	var names []string
	for _, x := range layoutFixtures() {
		names = append(names, x.name)
		if _, ok := exp[x.name]; !ok {
			t.Errorf("expected.json has no entry for %s", x.name)
		}
	}
	if len(exp) != len(names) {
		t.Errorf("expected.json has %d entries for %d workbooks", len(exp), len(names))
	}
	total := regexp.MustCompile(`^\d+\.\d\d$`)
	keys := make([]string, 0, len(exp))
	for k := range exp {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, name := range keys {
		e := exp[name]
		if !ids[e.Layout] || e.Department == "" || e.Year < 2015 || e.Year > 2030 || e.Hand == "" {
			t.Errorf("%s: incomplete entry %+v", name, e)
		}
		switch e.Outcome {
		case "report":
			if !total.MatchString(e.Total) || e.Refusal != "" {
				t.Errorf("%s: report needs a two-decimal total and no refusal: %+v", name, e)
				continue
			}
			v, _ := strconv.ParseFloat(e.Total, 64)
			grade := "差"
			switch {
			case v >= 90:
				grade = "优"
			case v >= 80:
				grade = "良"
			case v >= 60:
				grade = "中"
			}
			if e.Grade != grade {
				t.Errorf("%s: total %s is %s, not %s", name, e.Total, grade, e.Grade)
			}
			// The hand arithmetic ends on the total.
			if !strings.Contains(e.Hand, strings.TrimSuffix(strings.TrimSuffix(e.Total, "0"), ".0")) {
				t.Errorf("%s: hand %q does not reach %s", name, e.Hand, e.Total)
			}
		case "refused":
			if e.Total != "" || e.Grade != "" || e.Refusal == "" {
				t.Errorf("%s: refusal needs a refusal text and no total: %+v", name, e)
			}
		default:
			t.Errorf("%s: outcome %q", name, e.Outcome)
		}
		// Variants of a layout report what the clean form reports.
		for _, suffix := range variantSuffix[1:] {
			if base, ok := strings.CutSuffix(name, suffix+".xlsx"); ok {
				c := exp[base+".xlsx"]
				if c.Total != e.Total || c.Department != e.Department || c.Year != e.Year || c.Layout != e.Layout {
					t.Errorf("%s differs from %s.xlsx: %+v vs %+v", name, base, e, c)
				}
			}
		}
	}
}

// merged checks that ranges are merged cells of sheet.
func merged(t *testing.T, f *excelize.File, sheet string, ranges ...string) {
	t.Helper()
	mc, _ := f.GetMergeCells(sheet)
	have := map[string]bool{}
	for _, m := range mc {
		have[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	for _, r := range ranges {
		if !have[r] {
			t.Errorf("%s: %s not merged", sheet, r)
		}
	}
}

func layoutFile(t *testing.T, name string) *excelize.File {
	t.Helper()
	return open(t, filepath.Join("layouts", name))
}

// The layout quirks the manifest documents are in the cells.
func TestLayoutCells(t *testing.T) {
	const p = "项目支出绩效自评表"
	f := layoutFile(t, "national-county.xlsx")
	sheets(t, f, p)
	expect(t, f, p, map[string]string{"A2": "（2022年度）", "C4": "", "H4": "天长市水利局", "A5": "项目资金\n（万元）", "E5": "全年预算数（A）",
		"B6": "年度资金总额：", "F6": "862.4", "H6": "", "I6": "9.8", "B7": "  其中：本年财政拨款", "G7": "-",
		"A12": "年度绩效指标完成情况", "B12": "一级\n指标", "B13": "产出指标\n（50分）", "D15": "……", "D17": "指标2：",
		"D31": "指标1：/", "E31": "/", "F31": "/", "G31": "/", "H31": "/", "C34": "可持续影\n响指标", "A40": "总分", "H40": "99.4"})
	merged(t, f, p, "A5:A9", "B13:B24", "C13:C15", "B25:B36", "A12:A39", "A40:F40")
	if v, _ := f.GetCellValue(p, "A42"); !strings.HasPrefix(v, "填表人：") || !strings.HasSuffix(v, "填报日期：2023年1月10日") {
		t.Errorf("national-county A42 = %q", v)
	}
	f = layoutFile(t, "national-county-hidden-col.xlsx")
	expect(t, f, p, map[string]string{"E12": "指标解释", "F12": "年度指标值", "G13": "1个", "F5": "全年预算数（A）"})
	if vis, _ := f.GetColVisible(p, "E"); vis {
		t.Error("national-county-hidden-col: column E visible")
	}
	f = layoutFile(t, "national-county-subtotals.xlsx")
	expect(t, f, p, map[string]string{"B10": "合计", "E10": "880", "C26": "小计", "G26": "50", "H26": "49.6", "C39": "小计", "C43": "小计"})

	f = layoutFile(t, "national-town.xlsx")
	expect(t, f, p, map[string]string{"A1": "附件：", "C5": "219-池州市贵池区棠溪镇人民政府", "A6": "项目资金\n(万元)", "B7": "年度资金总额:",
		"D7": "0", "E7": "0", "F7": "0", "G7": "10", "H7": "0", "I7": "0", "B8": "其中:本年财政拨款", "D8": "90", "E8": "89.974", "F8": "89.974",
		"B14": "产出指标(50分)", "E14": "≥50个", "F14": "50", "E15": "=8个", "F15": "8", "E16": "≥100百分比", "F16": "100",
		"E19": "≤90万元", "F19": "90", "C24": "经济效益指标", "D24": "", "E25": "≥90%", "F25": "95"})
	f = layoutFile(t, "national-town-renamed-text.xlsx")
	sheets(t, f, "表3（修改）")
	expect(t, f, "表3（修改）", map[string]string{"C4": "219001220001-委托业务项目", "F8": "８９．９７４"})

	const y = "项目支出绩效自评表"
	f = layoutFile(t, "yunnan-split.xlsx")
	expect(t, f, y, map[string]string{"A1": "2020年度项目支出绩效自评表", "A4": "项目资金（元）", "F5": "69245.5",
		"A11": "绩效指标", "D11": "年度指标值", "G11": "实际完成值", "A12": "一级\n指标", "D12": "指标性质", "E12": "指标值", "F12": "度量单位",
		"D13": "≧", "D14": "﹦", "D16": "═", "D17": "≤", "E17": "600", "G17": "551.59", "D18": "≥", "D20": "", "E20": "有效", "F20": "", "G20": "有效",
		"B21": "服务对象满意度指标等", "A22": "其他需要说明事项", "C22": "无", "G22": "总分", "H22": "100", "I22": "94.5", "J22": "优"})
	merged(t, f, y, "A11:C11", "D11:F11", "G11:G12", "H11:H12", "I11:I12", "J11:J12")
	f = layoutFile(t, "yunnan-split-hidden-col.xlsx")
	expect(t, f, y, map[string]string{"D11": "指标解释", "E11": "年度指标值", "E13": "≧"})

	const s = "部门预算项目支出绩效自评表"
	f = layoutFile(t, "sichuan-0013zp.xlsx")
	expect(t, f, s, map[string]string{"A1": "报表编号：510000_0013zp", "A2": "部门预算项目支出绩效自评表（2023年度）",
		"B3": "51092324T000010263357-2023年全县安可替代补助资金项目", "A5": "实施单位（盖章）", "A9": "预算执行情况（10分）",
		"B10": "总额", "D10": "3.36", "G10": "10", "G11": "/", "H11": "/", "A15": "绩效指标（90分）", "K15": "未完成原因分析",
		"H20": "86.5", "J20": "19.22", "A23": "合计", "I23": "100", "J23": "99.22", "A27": "项目负责人：查小兵", "F27": "财务负责人：唐勇"})
	if v, _ := f.GetCellValue(s, "I10"); !strings.HasPrefix(v, "1.预算执行率=预算执行数/调整后预算数") {
		t.Errorf("sichuan I10 = %q", v)
	}

	const c = "2021年部门整体绩效自评表"
	f = layoutFile(t, "chongqing-dept.xlsx")
	sheets(t, f, c)
	expect(t, f, c, map[string]string{"A1": "部门整体绩效自评表", "H2": "自评总分（分）", "K2": "97.6", "A4": "部门预算执行情况（万元）",
		"B5": "460", "D5": "500", "F5": "380", "H5": "0.76", "J5": "7.6", "D9": "定量指标", "D14": "定性指标", "D17": "定量指标",
		"E11": "3%", "G11": "0", "E17": "3000篇", "F17": "2500篇", "G17": "2859篇"})
	merged(t, f, c, "D9:D13", "D14:D16", "D17:D20", "A8:A20")

	const h = "项目绩效自评表"
	f = layoutFile(t, "hubei-project.xlsx")
	expect(t, f, h, map[string]string{"A5": "预算执行情况（万元）（20分）", "G5": "得分（20分*执行率）", "B6": "年度财政资金总额",
		"A7": "年度绩效目标1（40分）", "A12": "年度绩效目标2（40分）", "E12": "年初目标值（A）", "G11": "19.6", "A17": "总分", "G17": "98.8"})
	merged(t, f, h, "A7:A11", "A12:A16")

	f = layoutFile(t, "hunan-dept.xlsx")
	sheets(t, f, "部门整体支出绩效自评表", "基础数据表")
	expect(t, f, "部门整体支出绩效自评表", map[string]string{"A3": "金额单位：元", "D7": "29050200", "E12": "上年完成值", "H23": "98.4"})
	expect(t, f, "基础数据表", map[string]string{"C2": "金额单位：万元", "C4": "2905.02", "D4": "2847.12"})

	// Mistakes.
	for name, cell := range map[string]string{"ref-error.xlsx": "F17", "div0-cached.xlsx": "F19"} {
		f = layoutFile(t, name)
		if typ, _ := f.GetCellType(p, cell); typ != excelize.CellTypeError {
			t.Errorf("%s %s: type %v, want a formula error", name, cell, typ)
		}
	}
	f = layoutFile(t, "huge-value.xlsx")
	expect(t, f, p, map[string]string{"F18": "1E+308"})
	f = layoutFile(t, "date-deadline.xlsx")
	expect(t, f, p, map[string]string{"E15": "2020年12月31日前完成", "F15": "44155", "E16": "2020年10月底前", "F16": "44140"})
	if v, _ := f.GetCellValue(p, "F16"); v != "2020年11月5日" {
		t.Errorf("date-deadline F16 shows %q", v)
	}
	f = layoutFile(t, "empty-second-dept.xlsx")
	sheets(t, f, "部门整体支出绩效自评表", "部门整体支出绩效自评表 (2)")
	expect(t, f, "部门整体支出绩效自评表 (2)", map[string]string{"C3": "", "E6": "", "G6": "10", "D12": "", "G19": "100", "H19": ""})
	f = layoutFile(t, "missing-actual-col.xlsx")
	expect(t, f, p, map[string]string{"F12": "预算执行数"})
}
