package summary

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jixiao/jixiao/pipeline/ledger"
	"github.com/jixiao/jixiao/pipeline/num"
)

func TestWriteReadsBackInExcel(t *testing.T) {
	p := filepath.Join(t.TempDir(), FileName)
	rows := []ledger.YearRow{
		{Department: "乙局", Score: num.Some(num.MustParse("82.675")), Grade: "良", Rate: num.Some(num.MustParse("0.99965")),
			File: &ledger.File{Name: "乙.xlsx", Findings: []string{"x"}}, Mail: map[string]int{ledger.MailSent: 1, ledger.MailRetry: 1}},
		{Department: "甲局", Score: num.Some(num.MustParse("93.5")), Grade: "优", Rate: num.None,
			File: &ledger.File{Name: "甲.xlsx"}, Mail: map[string]int{ledger.MailSent: 2}},
	}
	failed := []*ledger.File{{Name: "坏.xlsx", Findings: []string{"部门整体!D7: 不是数字"}, Stored: "failed/坏.xlsx"}}
	if err := Write(p, 2019, rows, failed, time.Date(2020, 3, 1, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	get := func(sheet, cell string) string {
		v, err := f.GetCellValue(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := get(mainSheet, "A1"); v != "2019年度部门整体支出绩效评价汇总表" {
		t.Errorf("title %q", v)
	}
	// sorted by score, highest first; 82.675 shows 82.68 (half up)
	checks := map[string]string{"B3": "部门（单位）", "B4": "甲局", "D4": "93.50", "F4": num.Dash, "I4": "已发送 2/2",
		"B5": "乙局", "D5": "82.68", "F5": "99.97%", "H5": "1", "I5": "已发送1，待重试1"}
	for cell, want := range checks {
		if got := get(mainSheet, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	if v := get(failedSheet, "C2"); v != "部门整体!D7: 不是数字" {
		t.Errorf("failed sheet %q", v)
	}
	if w, _ := f.GetColWidth(mainSheet, "B"); w < 20 {
		t.Errorf("width %v", w)
	}
}

// TestTextNeverBecomesAFormula (issue 13, item 8): text from the
// workbooks that starts like a formula is written so that it stays text.
func TestTextNeverBecomesAFormula(t *testing.T) {
	p := filepath.Join(t.TempDir(), FileName)
	rows := []ledger.YearRow{{Department: `=HYPERLINK("http://x.example/","点击")`, Grade: "优",
		File: &ledger.File{Name: "+cmd.xlsx", Title: "@SUM(1)"}}}
	failed := []*ledger.File{{Name: "-坏.xlsx", Findings: []string{"=1+1"}, Stored: "failed/-坏.xlsx"}}
	if err := Write(p, 2019, rows, failed, time.Date(2020, 3, 1, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, c := range []struct{ sheet, cell, want string }{
		{mainSheet, "B4", `'=HYPERLINK("http://x.example/","点击")`}, {mainSheet, "C4", "'@SUM(1)"},
		{mainSheet, "J4", "'+cmd.xlsx"}, {mainSheet, "E4", "优"},
		{failedSheet, "A2", "'-坏.xlsx"}, {failedSheet, "C2", "'=1+1"},
	} {
		if v, _ := f.GetCellValue(c.sheet, c.cell); v != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, v, c.want)
		}
		if fm, _ := f.GetCellFormula(c.sheet, c.cell); fm != "" {
			t.Errorf("%s!%s is a formula: %s", c.sheet, c.cell, fm)
		}
	}
}
