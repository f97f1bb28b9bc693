package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/jixiao/jixiao/pipeline/checked"
)

// CheckedName is the checked copy's name for a workbook: "<stem>-核查.xlsx".
func CheckedName(source string) string {
	return strings.TrimSuffix(filepath.Base(source), filepath.Ext(source)) + "-核查.xlsx"
}

// WriteChecked writes the checked copy (核查版) of a workbook with findings
// into dir, atomically, and returns its path. A workbook without findings,
// or one that could not be opened as a workbook at all, gets none ("", nil).
func WriteChecked(res *Result, dir string) (string, error) {
	return WriteCheckedAs(res, dir, CheckedName(res.Source))
}

// WriteCheckedAs is WriteChecked under a given file name (two workbooks of
// one name from different folders must not share their checked copy).
func WriteCheckedAs(res *Result, dir, name string) (string, error) {
	if res.Workbook == nil || len(res.Findings) == 0 {
		return "", nil
	}
	data, err := os.ReadFile(res.Source)
	if err != nil {
		return "", fmt.Errorf("无法读取 %s 以生成核查版: %w", filepath.Base(res.Source), err)
	}
	var buf bytes.Buffer
	if err := checked.Write(&buf, data, res.Findings, !res.Failed()); err != nil {
		return "", fmt.Errorf("%s: 生成核查版失败: %w", filepath.Base(res.Source), err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("无法创建输出目录 %s: %w", dir, err)
	}
	tmp, err := writeTemp(dir, name, buf.Bytes())
	if err != nil {
		return "", err
	}
	final := filepath.Join(dir, name)
	if err := os.Rename(tmp, final); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("无法写入 %s: %w", final, err)
	}
	return final, nil
}
