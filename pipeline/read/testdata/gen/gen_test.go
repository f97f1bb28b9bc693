package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const testdata = ".."

// The committed deterministic fixtures are exactly what the generator writes.
func TestCommittedFixturesAreGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 1 GiB zip bomb stream")
	}
	dir := t.TempDir()
	if err := writeDeterministic(dir); err != nil {
		t.Fatal(err)
	}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		got, _ := os.ReadFile(p)
		want, err := os.ReadFile(filepath.Join(testdata, rel))
		if err != nil {
			t.Errorf("%s: not committed: %v", rel, err)
			return nil
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: differs from the generator's output; run go run ./pipeline/read/testdata/gen", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSizes(t *testing.T) {
	var total int64
	err := filepath.Walk(testdata, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || strings.Contains(p, "gen") {
			return err
		}
		if info.Size() > 2<<20 {
			t.Errorf("%s: %d bytes, over 2 MB", p, info.Size())
		}
		total += info.Size()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if total > 8<<20 {
		t.Errorf("testdata holds %d bytes, over 8 MB", total)
	}
}

func open(t *testing.T, name string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join(testdata, name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// expect checks raw cell values (what a streaming reader sees).
func expect(t *testing.T, f *excelize.File, sheet string, want map[string]string) {
	t.Helper()
	for cell, w := range want {
		got, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got != w {
			t.Errorf("%s!%s = %q, want %q", sheet, cell, got, w)
		}
	}
}

func sheets(t *testing.T, f *excelize.File, want ...string) {
	t.Helper()
	got := f.GetSheetList()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets = %v, want %v", got, want)
	}
}

func TestFixtureCells(t *testing.T) {
	const p = "项目支出绩效自评表"
	f := open(t, "single-project.xlsx")
	sheets(t, f, p)
	expect(t, f, p, map[string]string{
		"A1": "项目支出绩效自评表", "A2": "（2020年度）", "C3": "乡村公路养护项目", "C4": "某县交通运输局", "G4": "某县公路建设养护中心",
		"A5": "项目资金（万元）", "B5": "项目", "C5": "年初预算数", "H5": "得分",
		"B6": "年度资金总额", "C6": "100", "D6": "120", "E6": "114", "F6": "10", "G6": "0.95", "H6": "9.5",
		"B7": "其中：当年财政拨款", "D7": "110", "E7": "104", "F7": "—", "B8": "上年结转资金", "D8": "10", "B9": "其他资金", "D9": "",
		"A12": "一级指标", "H12": "偏差原因分析及改进措施",
		"A13": "产出指标", "B13": "数量指标", "C13": "维护道路里程", "D13": "≥50公里", "E13": "52公里", "F13": "20", "G13": "20",
		"C16": "项目资金支出", "D16": "≤120万元", "A17": "效益指标", "E17": "明显改善", "A18": "满意度指标",
		"A19": "总分", "F19": "100", "G19": "99.5",
	})

	f = open(t, "headers-variants.xlsx")
	sheets(t, f, "项目A", "项目B")
	expect(t, f, "项目A", map[string]string{"C5": "年初预算数（A）", "D5": "全年预算数(B)", "E5": "全年执行数\n（C）", "G5": "执行率（C/B）",
		"D12": "指标值", "E12": "全年实际值", "H12": "未完成原因分析", "D6": "120"})
	expect(t, f, "项目B", map[string]string{"B5": "项　目", "C5": "年 初 预 算 数", "D5": "全年预算数（Ｂ）", "E5": "全年\n执行数", "F5": "分 值",
		"A12": "一级\n指标", "D12": "年度\n指标值", "E12": "实际\n完成值", "H12": "偏差原因分析\n及改进措施", "E6": "114"})

	f = open(t, "values-as-typed.xlsx")
	expect(t, f, p, map[string]string{
		"C6": "1,234.50", "D6": "1300", "E6": "１２３５．００", "F6": "10", "G6": "95%", "H6": "9.5",
		"C7": "1234.5", "G7": "0.95", "H7": "－", "C8": "-", "D8": "100", "E8": "95.00", "F8": "/", "G8": "95.00%", "H8": "*",
		"C9": "无", "D9": "", "E9": "—", "F9": "-", "H9": "无",
		"D13": "≥５０公里", "E13": "５２公里", "E14": "—", "G14": "", "E15": "0.96", "D16": "≤1,300万元", "E16": "1,235万元", "G16": "10.00",
		"D18": "≥ 90 %", "E18": "92 %", "G18": "１０", "G19": "94.5",
	})
	if typ, _ := f.GetCellType(p, "D6"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("values-as-typed D6 should be text, is %v", typ)
	}

	f = open(t, "formulas.xlsx")
	for _, c := range []string{"C6", "D6", "E6", "G6", "H6", "G7", "G8", "F19", "G19"} {
		fm, _ := f.GetCellFormula(p, c)
		v, _ := f.GetCellValue(p, c, excelize.Options{RawCellValue: true})
		if fm == "" || v != "" {
			t.Errorf("formulas.xlsx %s: formula %q cached %q, want a formula without cached value", c, fm, v)
		}
	}
	f = open(t, "formulas-libreoffice.xlsx")
	expect(t, f, p, map[string]string{"C6": "100", "D6": "120", "E6": "114", "G6": "0.95", "H6": "9.5", "F19": "100", "G19": "99.5"})

	f = open(t, "zero-total.xlsx")
	sheets(t, f, "总额为0", "总额空白")
	expect(t, f, "总额为0", map[string]string{"C6": "0", "D6": "0", "E6": "0", "G6": "", "H6": "", "D7": "110", "D8": "10"})
	expect(t, f, "总额空白", map[string]string{"C6": "", "D6": "", "E6": "", "F6": "10", "D7": "110", "E7": "104", "D8": "10", "E8": "10"})

	f = open(t, "odd-sheets.xlsx")
	sheets(t, f, "Sheet3", "Sheet2", "填表说明", "表1")
	expect(t, f, "Sheet3", map[string]string{"A1": "项目支出绩效自评表", "D6": "120"})
	expect(t, f, "表1", map[string]string{"A1": "部门整体支出绩效自评表", "C3": "某县交通运输局", "B7": "其中：基本支出", "D6": "620", "E6": "601.4",
		"E11": "上年完成值", "A12": "产出指标(50分)", "E12": "1150公里", "F12": "1236公里", "H13": "9", "A19": "总分", "H19": "98.7"})
	if rows, _ := f.GetRows("Sheet2"); len(rows) != 0 {
		t.Errorf("Sheet2 should be empty, has %d rows", len(rows))
	}

	f = open(t, "yuan-units.xlsx")
	expect(t, f, p, map[string]string{"A3": "金额单位：元", "A6": "项目资金", "B6": "项目", "C7": "1000000", "D7": "1200000", "E7": "1140000", "A13": "一级指标"})
	expect(t, f, "部门整体支出绩效自评表", map[string]string{"A5": "资金情况（元）", "D6": "6200000", "E6": "6014000"})

	f = open(t, "weights-merged.xlsx")
	expect(t, f, "部门整体支出绩效自评表", map[string]string{"A12": "产出指标(50分)", "A16": "效益指标（30分）", "A18": "满意度指标"})
	expect(t, f, p, map[string]string{"A13": "产出指标（40分）", "A16": "成本指标", "B16": "经济成本指标", "C17": "单公里养护成本", "A18": "效益指标(30分)", "A19": "满意度指标(10分)", "A20": "总分"})
	merged, _ := f.GetMergeCells(p)
	var got []string
	for _, m := range merged {
		got = append(got, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, m := range []string{"A13:A15", "B13:B14", "A16:A17", "B16:B17"} {
		if !strings.Contains(" "+strings.Join(got, " ")+" ", " "+m+" ") {
			t.Errorf("weights-merged %s not merged: %v", m, got)
		}
	}

	f = open(t, "mismatch.xlsx")
	expect(t, f, p, map[string]string{"D6": "120", "D7": "110", "D8": "5", "H6": "10", "E13": "40公里", "G13": "20", "H13": "",
		"E14": "2次", "G14": "3.33", "H14": "", "G15": "12", "E16": "130万元", "E18": "950%", "G19": "100"})

	f = open(t, "libreoffice-roundtrip.xlsx")
	expect(t, f, "部门整体支出绩效自评表", map[string]string{"C3": "邵东市科技和工业信息化局", "D6": "2905.02", "F12": "838.6亿元", "H34": "99.13"})
}

func TestBadFiles(t *testing.T) {
	bad := filepath.Join(testdata, "bad")
	for _, name := range []string{"legacy.xls", "wps.et", "password.xlsx"} {
		b, err := os.ReadFile(filepath.Join(bad, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, oleSignature) {
			t.Errorf("%s does not start with the OLE2 signature", name)
		}
	}
	if st, err := os.Stat(filepath.Join(bad, "empty.xlsx")); err != nil || st.Size() != 0 {
		t.Errorf("empty.xlsx: %v", err)
	}
	for _, name := range []string{"not-a-zip.xlsx", "truncated.xlsx", "empty.xlsx", "password.xlsx"} {
		if f, err := excelize.OpenFile(filepath.Join(bad, name)); err == nil {
			f.Close()
			t.Errorf("%s opened without error", name)
		}
	}
	if f, err := excelize.OpenFile(filepath.Join(bad, "password.xlsx"), excelize.Options{Password: "1234"}); err != nil {
		t.Errorf("password.xlsx with the password: %v", err)
	} else {
		f.Close()
	}
	f := open(t, "bad/no-form.xlsx")
	expect(t, f, "通讯录", map[string]string{"A1": "姓名"})
	f = open(t, "bad/no-fund-header.xlsx")
	expect(t, f, "项目支出绩效自评表", map[string]string{"A5": "项目资金（万元）", "B5": "年度资金总额", "D5": "120", "A11": "一级指标"})

	// The huge sheet and the bomb: check the declared sizes from the zip
	// directory only, never by expanding them.
	for name, min := range map[string]uint64{"huge-sheet.xlsx": 50 << 20, "zip-bomb.xlsx": 1 << 30} {
		zr, err := zip.OpenReader(filepath.Join(bad, name))
		if err != nil {
			t.Fatal(err)
		}
		var sheet *zip.File
		for _, zf := range zr.File {
			if zf.Name == "xl/worksheets/sheet1.xml" {
				sheet = zf
			}
		}
		if sheet == nil || sheet.UncompressedSize64 < min {
			t.Errorf("%s: sheet part too small: %+v", name, sheet)
		} else {
			rc, _ := sheet.Open()
			head := make([]byte, 300)
			n, _ := io.ReadFull(rc, head)
			rc.Close()
			if !bytes.Contains(head[:n], []byte("<sheetData>")) {
				t.Errorf("%s: head %q", name, head[:n])
			}
		}
		zr.Close()
	}
}
