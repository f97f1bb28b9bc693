package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/jixiao/jixiao/pipeline/view"

	"github.com/xuri/excelize/v2"
)

// The committed workbooks must be exactly what the generator writes.
func TestCommittedFilesAreGenerated(t *testing.T) {
	dir := t.TempDir()
	if err := writeAll(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{MainName, BlankName, AgriName} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatalf("%s: %v (run go run ./samples/gen)", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the generator's output: run go run ./samples/gen and commit", name)
		}
	}
}

func open(t *testing.T, name string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join("..", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func cells(t *testing.T, f *excelize.File, sheet string, want map[string]string) {
	t.Helper()
	for cell, w := range want {
		got, err := f.GetCellValue(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		if got != w {
			t.Errorf("%s!%s = %q, want %q", sheet, cell, got, w)
		}
	}
}

func TestMainSample(t *testing.T) {
	f := open(t, MainName)
	want := []string{"部门整体支出绩效自评表", "项目1-制造强省", "项目2-中小企业", "项目3-科技研发奖补", "项目4-科技投入产出", "基础数据表", "文字说明"}
	got := f.GetSheetList()
	if len(got) != len(want) {
		t.Fatalf("sheets = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sheets = %v, want %v", got, want)
		}
	}
	const d = "部门整体支出绩效自评表"
	cells(t, f, d, map[string]string{
		"A1": "部门整体支出绩效自评表", "A2": "（2019年度）",
		"A3": "部门（单位）名称", "C3": "邵东市科技和工业信息化局",
		"A5": "资金情况（万元）", "B5": "项目", "C5": "年初预算数", "H5": "得分",
		"B6": "年度资金总额", "D6": "2905.02", "E6": "2847.12", "F6": "10", "G6": "98.01%", "H6": "9.80",
		"B7": "其中：基本支出", "B8": "项目支出", "F7": "—",
		"A11": "一级指标", "E11": "上年完成值", "I11": "偏差原因分析及改进措施",
		"A12": "产出指标(50分)", "B12": "数量指标", "C12": "规模工业总产值", "D12": "≥800亿元", "E12": "748.75亿元", "F12": "838.6亿元",
		"C15": "新增高新技术企业", "H15": "3.52",
		"A34": "总分", "G34": "100", "H34": "99.13",
	})
	// Raw values: the rate cell is a number with a percent format.
	if v, _ := f.GetCellValue(d, "G6", excelize.Options{RawCellValue: true}); v != "0.9801" {
		t.Errorf("G6 raw = %q", v)
	}
	// Breakdown rows add up to the total on every money column.
	for _, c := range []string{"C", "D", "E"} {
		var tot, sum float64
		for r, dst := range map[string]*float64{"6": &tot, "7": &sum, "8": &sum} {
			v, _ := f.GetCellValue(d, c+r, excelize.Options{RawCellValue: true})
			var x float64
			if _, err := fmt.Sscan(v, &x); err != nil {
				t.Fatal(err)
			}
			*dst += x
		}
		if d := tot - sum; d > 1e-6 || d < -1e-6 {
			t.Errorf("column %s: total %.2f, breakdown %.2f", c, tot, sum)
		}
	}
	merged, _ := f.GetMergeCells(d)
	has := map[string]bool{}
	for _, m := range merged {
		has[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	for _, m := range []string{"A1:I1", "A5:A8", "H6:I6", "A9:A10", "B10:E10", "F10:I10", "A12:A24", "B12:B18", "A25:A30", "A31:A33", "B31:B33", "A34:F34"} {
		if !has[m] {
			t.Errorf("%s not merged; merges: %v", m, merged)
		}
	}
	cells(t, f, "项目4-科技投入产出", map[string]string{
		"A3": "项目名称", "C3": "科技投入产出绩效评价奖补", "B6": "年度资金总额", "D6": "", "F6": "10", "D7": "200.00", "E7": "186.50",
	})
	cells(t, f, "基础数据表", map[string]string{"A3": "项目", "B3": "上年决算数", "A4": "支出合计", "D4": "2847.12", "A14": "编制数", "A15": "45", "B15": "43"})
	cells(t, f, "文字说明", map[string]string{"A1": "章节", "B1": "内容", "A2": "部门基本情况", "A3": "绩效目标", "A4": "预决算公开",
		"A9": "部门整体绩效评价", "A10": "重点工作", "A11": "获得荣誉", "A12": "存在的问题", "A13": "改进措施"})
}

// The blank workbook's 文字说明 has a row per section of the report, each
// with a prompt the report skips when it is left as it is.
func TestBlankNotes(t *testing.T) {
	b := open(t, BlankName)
	for i, s := range view.AccountSections {
		row := strconv.Itoa(i + 2)
		cells(t, b, "文字说明", map[string]string{"A" + row: s.Name, "B" + row: "（" + s.Prompt + "）"})
	}
}

func TestOtherSamples(t *testing.T) {
	b := open(t, BlankName)
	if got := b.GetSheetList(); len(got) != 4 {
		t.Errorf("blank sheets = %v", got)
	}
	cells(t, b, "部门整体支出绩效自评表", map[string]string{"B6": "年度资金总额", "F6": "10", "D6": "", "A12": "产出指标(50分)"})
	a := open(t, AgriName)
	if got := a.GetSheetList(); len(got) != 1 || got[0] != "项目支出绩效自评表" {
		t.Errorf("agri sheets = %v", got)
	}
	cells(t, a, "项目支出绩效自评表", map[string]string{"A2": "（2020年度）", "D6": "1350.00", "G6": "96.00%", "H6": "9.60"})
}
