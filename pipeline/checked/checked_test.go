package checked

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/xuri/excelize/v2"
)

const sample = "../../samples/邵东市科工局2019年度绩效自评表.xlsx"

func findings() finding.List {
	var fs finding.List
	fs.Warn("部门整体支出绩效自评表", "I22", "指标“项目资金拨付及时率”得分（2.88）低于分值（3.00），但未填写偏差原因分析及改进措施")
	fs.Err("项目1-制造强省", "E13", "指标“新增企业”的实际完成值为空：请填写全年实际完成的数值，如“50个”")
	fs.Err("项目1-制造强省", "E13", "=SUM(A1) 以等号开头的说明")
	fs.Warn("部门整体支出绩效自评表", "", "各项分值合计为95分，不是100分")
	return fs
}

func writeChecked(t *testing.T, data []byte, made bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, data, findings(), made); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCheckedCopy: the copy holds every original sheet with the same
// values, formulas and merges; 核查意见 comes first, lists every finding
// with a working link to its cell; each finding's cell is red and carries
// a comment with the problem and the fix.
func TestCheckedCopy(t *testing.T) {
	orig, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	out := writeChecked(t, orig, false)
	checkCopy(t, orig, out, true)
}

func checkCopy(t *testing.T, orig, out []byte, checkStyles bool) {
	t.Helper()
	a, err := excelize.OpenReader(bytes.NewReader(orig))
	if err != nil {
		t.Fatal(err)
	}
	b, err := excelize.OpenReader(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("the checked copy does not open: %v", err)
	}
	got := b.GetSheetList()
	want := a.GetSheetList()
	if got[0] != SheetName || strings.Join(got[1:], "|") != strings.Join(want, "|") {
		t.Fatalf("sheets %v, want 核查意见 then %v", got, want)
	}
	for _, s := range want {
		ra, _ := a.GetRows(s, excelize.Options{RawCellValue: true})
		rb, _ := b.GetRows(s, excelize.Options{RawCellValue: true})
		if len(ra) != len(rb) {
			t.Fatalf("%s: %d rows, want %d", s, len(rb), len(ra))
		}
		for r := range ra {
			for c := range ra[r] {
				if c >= len(rb[r]) || rb[r][c] != ra[r][c] {
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					t.Errorf("%s!%s: %q, want %q", s, cell, at(rb[r], c), ra[r][c])
				}
			}
		}
		ma, _ := a.GetMergeCells(s)
		mb, _ := b.GetMergeCells(s)
		if len(ma) != len(mb) {
			t.Errorf("%s: %d merges, want %d", s, len(mb), len(ma))
		}
	}
	comments, err := b.GetComments("项目1-制造强省")
	if err != nil || len(comments) != 1 || comments[0].Cell != "E13" {
		t.Fatalf("comments %+v %v", comments, err)
	}
	text := comments[0].Text
	for _, p := range comments[0].Paragraph {
		text += p.Text
	}
	for _, w := range []string{"【错误】指标“新增企业”的实际完成值为空。请填写全年实际完成的数值，如“50个”", "=SUM(A1) 以等号开头的说明"} {
		if !strings.Contains(text, w) {
			t.Errorf("comment %q lacks %q", text, w)
		}
	}
	if c, _ := b.GetComments("部门整体支出绩效自评表"); len(c) != 1 || c[0].Cell != "I22" {
		t.Errorf("department sheet comments %+v", c)
	}
	if checkStyles {
		id, _ := b.GetCellStyle("部门整体支出绩效自评表", "I22")
		st, _ := b.GetStyle(id)
		if st == nil || len(st.Fill.Color) == 0 || !strings.EqualFold(st.Fill.Color[0], markFill) {
			t.Errorf("I22 not marked: %+v", st)
		}
		orig, _ := a.GetCellStyle("部门整体支出绩效自评表", "I22")
		ost, _ := a.GetStyle(orig)
		if ost != nil && len(ost.Border) != len(st.Border) {
			t.Errorf("I22 lost its borders: %d, want %d", len(st.Border), len(ost.Border))
		}
	}
	rows, _ := b.GetRows(SheetName)
	if len(rows) != 2+len(findings()) || !strings.Contains(rows[0][0], "2处错误、2处警告") || !strings.Contains(rows[0][0], "未生成评价报告") {
		t.Fatalf("核查意见: %q", rows)
	}
	if rows[2][1] != "警告" || rows[2][3] != "I22" || rows[3][1] != "错误" || rows[5][3] != "（整表）" || rows[4][4] != "=SUM(A1) 以等号开头的说明" {
		t.Errorf("核查意见 rows: %q", rows[2:])
	}
	if f, _ := b.GetCellFormula(SheetName, "E5"); f != "" {
		t.Errorf("a finding's text became a formula: %q", f)
	}
	for r := 3; r <= 5; r++ {
		cell, _ := excelize.CoordinatesToCellName(4, r)
		ok, target, err := b.GetCellHyperLink(SheetName, cell)
		if err != nil || !ok {
			t.Errorf("%s: no link (%v)", cell, err)
			continue
		}
		s, c, found := strings.Cut(target, "!")
		s = strings.Trim(s, "'")
		if _, err := b.GetSheetIndex(s); !found || err != nil || c != rows[r-1][3] {
			t.Errorf("%s links to %q", cell, target)
		}
	}
}

func at(row []string, c int) string {
	if c < len(row) {
		return row[c]
	}
	return ""
}

// TestCheckedCopyOpensInLibreOffice: LibreOffice Calc converts the copy
// back to .xlsx, and what it writes still holds the values, 核查意见 first
// and the comments (skipped without Calc).
func TestCheckedCopyOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	orig, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "核查.xlsx")
	if err := os.WriteFile(in, writeChecked(t, orig, false), 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "lo")
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx", "--outdir", outDir, in)
	done := make(chan error, 1)
	go func() { done <- cmd.Run() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("soffice: %v", err)
		}
	case <-time.After(3 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("soffice did not finish")
	}
	back, err := os.ReadFile(filepath.Join(outDir, "核查.xlsx"))
	if err != nil {
		t.Skip("LibreOffice wrote nothing: Calc is not installed (libreoffice-calc)")
	}
	checkCopy(t, orig, back, false)
}
