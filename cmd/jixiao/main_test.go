package main

import (
	"os"
	"path/filepath"
	"testing"
)

const sampleWB = "../../samples/邵东市科工局2019年度绩效自评表.xlsx"

// TestExitCodes: the contract's exit codes, and one .docx/.pdf/.json per
// good workbook even when another one in the same call is bad.
func TestExitCodes(t *testing.T) {
	out := t.TempDir()
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"report ok", []string{"report", "-o", out, sampleWB}, exitOK},
		{"report flags after files", []string{"report", sampleWB, "-o", out}, exitOK},
		{"report one bad", []string{"report", "-o", out, sampleWB, "../../pipeline/read/testdata/bad/truncated.xlsx"}, exitPartial},
		{"validate ok", []string{"validate", sampleWB}, exitOK},
		{"validate bad", []string{"validate", "../../pipeline/read/testdata/bad/not-a-zip.xlsx"}, exitPartial},
		{"no files", []string{"report"}, exitFatal},
		{"unknown command", []string{"frobnicate"}, exitFatal},
		{"bad template", []string{"report", "--template", "../../pipeline/read/testdata/bad/not-a-zip.xlsx", "-o", out, sampleWB}, exitFatal},
		{"template check default", []string{"template", "check", "../../templates/部门整体支出绩效评价报告.docx"}, exitOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := run(c.args); got != c.want {
				t.Errorf("exit %d, want %d", got, c.want)
			}
		})
	}
	for _, ext := range []string{".docx", ".pdf", ".json"} {
		if _, err := os.Stat(filepath.Join(out, "邵东市科工局2019年度绩效自评表"+ext)); err != nil {
			t.Errorf("missing output: %v", err)
		}
	}
	ents, _ := os.ReadDir(out)
	if len(ents) != 3 {
		t.Errorf("%d files in the output folder, want exactly 3 (no temp files, nothing for the bad workbook)", len(ents))
	}
}
