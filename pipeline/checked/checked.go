package checked

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/jixiao/jixiao/pipeline/finding"
)

// SheetName is the first sheet of the checked copy.
const SheetName = "核查意见"

// markFill is the light red of a cell with a finding.
const markFill = "FFC7CE"

// author is the author of every comment the copy adds.
const author = "jixiao核查"

// commentWidth and commentHeight are the size of a comment box in pixels.
const commentWidth, commentHeight = 320, 120

// header is the header row of 核查意见, and colWidths its column widths.
var (
	header    = []string{"序号", "类别", "工作表", "单元格", "问题", "修改方法"}
	colWidths = []float64{6, 7, 22, 9, 60, 44}
)

// Write writes the checked copy of the workbook data to w. made says
// whether a report was made from the workbook.
//
// It patches the workbook's package (see doc.go); a workbook the patch
// does not handle is written by excelize instead.
func Write(w io.Writer, data []byte, fs finding.List, made bool) error {
	p, err := patch(data, fs, made)
	var u *unpatchable
	if errors.As(err, &u) {
		return writeExcelize(w, data, fs, made)
	}
	if err != nil {
		return err
	}
	return p.write(w)
}

// quoteSheet quotes a sheet name for a formula or link ('项目 1'!A1).
func quoteSheet(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// cellLines is how many lines text takes in a column of width characters
// (a Chinese character counts two).
func cellLines(text string, width int) int {
	n, w := 1, 0
	for _, r := range text {
		cw := 1
		if r > 0x2e80 {
			cw = 2
		}
		if r == '\n' || w+cw > width {
			n++
			w = 0
			if r == '\n' {
				continue
			}
		}
		w += cw
	}
	return n
}

func boolPtr(b bool) *bool { return &b }

// headLine is the first line of 核查意见: how many errors and warnings, and
// whether a report was made.
func headLine(fs finding.List, made bool) string {
	head := fmt.Sprintf("本工作簿共发现%d处错误、%d处警告。", len(fs.Errors()), len(fs.Warnings()))
	if made {
		return head + "已据此生成评价报告；警告请核对，如有误请修改后重新提交。"
	}
	return head + "因有错误，未生成评价报告：请逐条修改标红的单元格后重新提交。"
}

// listRow is what the row of 核查意见 for f says: the problem, the fix, the
// cell ("（整表）" for a whole-sheet finding), and the height (points) that
// shows its wrapped text (Excel does not grow rows of a file it did not
// lay out itself).
type listRow struct {
	what, fix, where string
	height           float64
}

func rowOf(f finding.Finding) listRow {
	what, fix := f.Split()
	where := f.Cell
	if where == "" {
		where = "（整表）"
	}
	lines := max(cellLines(f.Sheet, 22), cellLines(what, 60), cellLines(fix, 44))
	return listRow{what, fix, where, float64(lines)*15 + 3}
}

// commentText is the comment on sheet!cell: each finding there on a line,
// "【错误】what。fix".
func commentText(fs finding.List, sheet, cell string) string {
	var b strings.Builder
	for _, f := range fs {
		if f.Sheet == sheet && f.Cell == cell {
			what, fix := f.Split()
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "【%s】%s。%s", f.Severity, what, fix)
		}
	}
	return b.String()
}
