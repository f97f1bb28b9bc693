package summary

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/pipeline/ledger"
	"github.com/jixiao/jixiao/pipeline/num"
)

// FileName is the summary's name in out/<year>/.
const FileName = "汇总表.xlsx"

const (
	mainSheet   = "汇总"
	failedSheet = "未能处理的文件"
)

// Write writes the year's summary to path atomically.
func Write(path string, year int, rows []ledger.YearRow, failed []*ledger.File, made time.Time) error {
	data, err := Build(year, rows, failed, made)
	if err != nil {
		return err
	}
	return inbox.WriteFileAtomic(path, data)
}

// Build returns the summary workbook's bytes.
func Build(year int, rows []ledger.YearRow, failed []*ledger.File, made time.Time) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", mainSheet); err != nil {
		return nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].Score, rows[j].Score
		if a.Valid != b.Valid {
			return a.Valid
		}
		if a.Valid && !a.D.Equal(b.D) {
			return a.D.GreaterThan(b.D)
		}
		return rows[i].Department < rows[j].Department
	})

	title := fmt.Sprintf("%d年度部门整体支出绩效评价汇总表", year)
	headers := []string{"序号", "部门（单位）", "报告", "总分", "等级", "预算执行率", "状态", "问题数", "邮件", "自评表文件", "处理时间"}
	widths := []float64{6, 30, 44, 9, 6, 11, 8, 8, 16, 36, 18}
	last := colName(len(headers))
	f.SetCellValue(mainSheet, "A1", title)
	f.MergeCell(mainSheet, "A1", last+"1")
	f.SetCellStyle(mainSheet, "A1", last+"1", st.title)
	f.SetRowHeight(mainSheet, 1, 30)
	f.SetCellValue(mainSheet, "A2", "生成时间："+made.Format("2006-01-02 15:04")+"　共 "+fmt.Sprint(len(rows))+" 个部门")
	f.MergeCell(mainSheet, "A2", last+"2")
	for i, h := range headers {
		cell := colName(i+1) + "3"
		f.SetCellValue(mainSheet, cell, h)
	}
	f.SetCellStyle(mainSheet, "A3", last+"3", st.header)
	f.SetRowHeight(mainSheet, 3, 22)
	for i, w := range widths {
		c := colName(i + 1)
		f.SetColWidth(mainSheet, c, c, w)
	}
	for i, r := range rows {
		row := i + 4
		at := func(col int) string { return fmt.Sprintf("%s%d", colName(col), row) }
		status, findings, file, when, report := "已完成", 0, "", "", ""
		if r.File != nil {
			findings = len(r.File.Findings)
			file = r.File.Name
			report = r.File.Title
			if !r.File.FinishedAt.IsZero() {
				when = r.File.FinishedAt.In(made.Location()).Format("2006-01-02 15:04")
			}
		}
		f.SetCellValue(mainSheet, at(1), i+1)
		f.SetCellValue(mainSheet, at(2), Text(r.Department))
		f.SetCellValue(mainSheet, at(3), Text(report))
		setNum(f, at(4), r.Score, 2)
		f.SetCellValue(mainSheet, at(5), Text(r.Grade))
		setNum(f, at(6), r.Rate, 4)
		f.SetCellValue(mainSheet, at(7), status)
		f.SetCellValue(mainSheet, at(8), findings)
		f.SetCellValue(mainSheet, at(9), MailText(r.Mail))
		f.SetCellValue(mainSheet, at(10), Text(file))
		f.SetCellValue(mainSheet, at(11), when)
		f.SetCellStyle(mainSheet, at(1), at(len(headers)), st.cell)
		f.SetCellStyle(mainSheet, at(4), at(4), st.score)
		f.SetCellStyle(mainSheet, at(6), at(6), st.rate)
		f.SetCellStyle(mainSheet, at(1), at(1), st.center)
		f.SetCellStyle(mainSheet, at(5), at(5), st.center)
		f.SetCellStyle(mainSheet, at(7), at(8), st.center)
	}
	f.SetPanes(mainSheet, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"})
	if len(rows) > 0 {
		f.AutoFilter(mainSheet, fmt.Sprintf("A3:%s%d", last, len(rows)+3), nil)
	}

	if _, err := f.NewSheet(failedSheet); err != nil {
		return nil, err
	}
	fh := []string{"文件", "发现时间", "问题（工作表!单元格：说明）", "说明文件"}
	fw := []float64{40, 18, 90, 44}
	for i, h := range fh {
		f.SetCellValue(failedSheet, colName(i+1)+"1", h)
		f.SetColWidth(failedSheet, colName(i+1), colName(i+1), fw[i])
	}
	f.SetCellStyle(failedSheet, "A1", colName(len(fh))+"1", st.header)
	for i, fl := range failed {
		row := i + 2
		at := func(col int) string { return fmt.Sprintf("%s%d", colName(col), row) }
		f.SetCellValue(failedSheet, at(1), Text(fl.Name))
		f.SetCellValue(failedSheet, at(2), fl.SeenAt.In(made.Location()).Format("2006-01-02 15:04"))
		f.SetCellValue(failedSheet, at(3), Text(strings.Join(fl.Findings, "\n")))
		errTxt := ""
		if fl.Stored != "" {
			errTxt = filepath.ToSlash(fl.Stored) + ".error.txt"
		}
		f.SetCellValue(failedSheet, at(4), Text(errTxt))
		f.SetCellStyle(failedSheet, at(1), at(len(fh)), st.wrap)
	}
	if len(failed) == 0 {
		f.SetCellValue(failedSheet, "A2", "（无）")
	}
	f.SetPanes(failedSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	f.SetActiveSheet(0)
	f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "jixiao"})

	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Text is s as a cell text that can never become a formula, also when
// the cell is edited or the sheet saved as CSV: a text starting with
// = + - @ (or their full-width forms, a tab or a carriage return, which
// spreadsheets also read as the start of a formula) gets a leading "'",
// the usual guard against formula injection. Department names, file
// names and findings come from the clerks' workbooks.
func Text(s string) string {
	if s == "" {
		return s
	}
	switch r, _ := utf8.DecodeRuneInString(s); r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return "'" + s
	}
	return s
}

// MailText is a short Chinese account of a report's mail rows.
func MailText(m map[string]int) string {
	if len(m) == 0 {
		return "未配置收件人"
	}
	total := 0
	for _, n := range m {
		total += n
	}
	var parts []string
	add := func(status, word string) {
		if n := m[status]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s%d", word, n))
		}
	}
	if m[ledger.MailSent] == total {
		return fmt.Sprintf("已发送 %d/%d", total, total)
	}
	add(ledger.MailSent, "已发送")
	add(ledger.MailOutbox, "已存outbox")
	add(ledger.MailPending, "待发送")
	add(ledger.MailSending, "发送中")
	add(ledger.MailRetry, "待重试")
	add(ledger.MailFailed, "失败")
	add(ledger.MailUncertain, "待核实")
	add(ledger.MailSuperseded, "已被新版本取代")
	return strings.Join(parts, "，")
}

func setNum(f *excelize.File, cell string, o num.Opt, places int32) {
	if !o.Valid {
		f.SetCellValue(mainSheet, cell, num.Dash)
		return
	}
	// Rounded half up on the exact decimal first; the float only carries
	// the already-rounded value into the cell.
	v, _ := num.Round(o.D, places).Float64()
	f.SetCellValue(mainSheet, cell, v)
}

func colName(i int) string {
	s, _ := excelize.ColumnNumberToName(i)
	return s
}

type styles struct{ title, header, cell, center, score, rate, wrap int }

func newStyles(f *excelize.File) (styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	font := &excelize.Font{Family: "宋体", Size: 11}
	var s styles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	two, pct := "0.00", "0.00%"
	s.title = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 16, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	s.header = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 11, Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"D9E1F2"}, Pattern: 1},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	s.cell = mk(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "center"}})
	s.center = mk(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	s.score = mk(&excelize.Style{Font: font, Border: border, CustomNumFmt: &two})
	s.rate = mk(&excelize.Style{Font: font, Border: border, CustomNumFmt: &pct})
	s.wrap = mk(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	return s, err
}
