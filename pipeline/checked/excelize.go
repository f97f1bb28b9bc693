package checked

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/xuri/excelize/v2"
)

// writeExcelize writes the checked copy by opening the workbook with
// excelize, editing it and writing the whole package again: the fallback
// for a workbook the zip-level patch does not handle (see doc.go).
func writeExcelize(w io.Writer, data []byte, fs finding.List, made bool) error {
	xf, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("打开工作簿: %w", err)
	}
	defer xf.Close()
	sheets := map[string]bool{}
	for _, s := range xf.GetSheetList() {
		sheets[s] = true
	}
	name := SheetName
	for i := 2; sheets[name]; i++ {
		name = fmt.Sprintf("%s%d", SheetName, i)
	}
	// Marks first, on the clerk's own sheets.
	marked := map[string]bool{}
	for _, f := range fs {
		if f.Cell == "" || !sheets[f.Sheet] {
			continue
		}
		key := f.Sheet + "!" + f.Cell
		if !marked[key] {
			if err := markExcelize(xf, f.Sheet, f.Cell); err != nil {
				return err
			}
			marked[key] = true
		}
	}
	for key := range marked {
		sheet, cell, _ := strings.Cut(key, "!")
		if err := xf.AddComment(sheet, excelize.Comment{Author: author, Cell: cell, Text: commentText(fs, sheet, cell), Width: commentWidth, Height: commentHeight}); err != nil {
			return fmt.Errorf("批注 %s!%s: %w", sheet, cell, err)
		}
	}
	names := xf.GetDefinedName()
	if err := list(xf, name, fs, made, sheets); err != nil {
		return err
	}
	if err := rescope(xf, names); err != nil {
		return err
	}
	return xf.Write(w)
}

// rescope puts names scoped to a sheet (print areas, print titles) back
// on their sheet: workbook.xml scopes them by the sheet's position
// (localSheetId), and excelize's MoveSheet does not move them along when
// 核查意见 goes first.
func rescope(xf *excelize.File, before []excelize.DefinedName) error {
	after := xf.GetDefinedName()
	if len(after) != len(before) {
		return fmt.Errorf("定义的名称 %d 个，应为 %d 个", len(after), len(before))
	}
	var moved []excelize.DefinedName
	for i := range after {
		if after[i].Scope != before[i].Scope {
			if err := xf.DeleteDefinedName(&after[i]); err != nil {
				return err
			}
			moved = append(moved, before[i])
		}
	}
	for i := range moved {
		if err := xf.SetDefinedName(&moved[i]); err != nil {
			return err
		}
	}
	return nil
}

// markExcelize fills a cell light red, keeping its borders, font and number format.
func markExcelize(xf *excelize.File, sheet, cell string) error {
	id, err := xf.GetCellStyle(sheet, cell)
	if err != nil {
		return fmt.Errorf("样式 %s!%s: %w", sheet, cell, err)
	}
	st, err := xf.GetStyle(id)
	if err != nil || st == nil {
		st = &excelize.Style{}
	}
	st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{markFill}}
	nid, err := xf.NewStyle(st)
	if err != nil {
		return fmt.Errorf("样式 %s!%s: %w", sheet, cell, err)
	}
	return xf.SetCellStyle(sheet, cell, cell, nid)
}

// list writes the 核查意见 sheet and puts it first.
func list(xf *excelize.File, name string, fs finding.List, made bool, sheets map[string]bool) error {
	if _, err := xf.NewSheet(name); err != nil {
		return err
	}
	head := headLine(fs, made)
	grid := []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1}, {Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}
	bold, _ := xf.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	wrap, _ := xf.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, Border: grid})
	hdr, _ := xf.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}, Border: grid})
	link, _ := xf.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: &excelize.Alignment{Vertical: "top"}, Border: grid})
	set := func(cell string, v any, style int) error {
		if err := xf.SetCellValue(name, cell, v); err != nil {
			return err
		}
		return xf.SetCellStyle(name, cell, cell, style)
	}
	if err := xf.MergeCell(name, "A1", "F1"); err != nil {
		return err
	}
	if err := set("A1", head, bold); err != nil {
		return err
	}
	xf.SetRowHeight(name, 1, 36)
	for i, h := range header {
		c, _ := excelize.CoordinatesToCellName(i+1, 2)
		if err := set(c, h, hdr); err != nil {
			return err
		}
	}
	for i, f := range fs {
		r := i + 3
		row := rowOf(f)
		// Strings are written as strings: text starting with = + - @ can
		// never become a formula here.
		vals := []any{i + 1, f.Severity.String(), f.Sheet, row.where, row.what, row.fix}
		for k, v := range vals {
			c, _ := excelize.CoordinatesToCellName(k+1, r)
			if err := set(c, v, wrap); err != nil {
				return err
			}
		}
		xf.SetRowHeight(name, r, row.height)
		if f.Cell != "" && sheets[f.Sheet] {
			c, _ := excelize.CoordinatesToCellName(4, r)
			if err := xf.SetCellHyperLink(name, c, quoteSheet(f.Sheet)+"!"+f.Cell, "Location"); err != nil {
				return err
			}
			xf.SetCellStyle(name, c, c, link)
		}
	}
	for i, w := range colWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		xf.SetColWidth(name, col, col, w)
	}
	landscape, a4, one, auto := "landscape", 9, 1, 0
	xf.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &auto})
	xf.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: boolPtr(true)})
	xf.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
	if err := xf.MoveSheet(name, xf.GetSheetList()[0]); err != nil {
		return err
	}
	idx, _ := xf.GetSheetIndex(name)
	xf.SetActiveSheet(idx)
	return nil
}
