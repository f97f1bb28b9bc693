package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportSameFileNameFromTwoFolders (issue 13, item 1): `jixiao report
// a/绩效自评表.xlsx b/绩效自评表.xlsx c/绩效自评表.xlsx` gives one .docx,
// .pdf and .json per workbook, named after department, year and kind; the
// two of the same department do not overwrite each other.
func TestReportSameFileNameFromTwoFolders(t *testing.T) {
	src, err := os.ReadFile(sampleWB)
	if err != nil {
		t.Fatal(err)
	}
	other, err := variantWorkbook(src, 7)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	var files []string
	for i, data := range [][]byte{src, other, src} {
		d := filepath.Join(tmp, string(rune('a'+i)))
		os.MkdirAll(d, 0o755)
		p := filepath.Join(d, "绩效自评表.xlsx")
		os.WriteFile(p, data, 0o644)
		files = append(files, p)
	}
	out := t.TempDir()
	if got := run(append([]string{"report", "--template", "", "-o", out}, files...)); got != exitOK {
		t.Fatalf("exit %d", got)
	}
	got := strings.Join(listNames(out), ",")
	const a = "邵东市科技和工业信息化局-2019-部门整体"
	const b = "邵东市科技和工业信息化局（第0007号）-2019-部门整体"
	// The checked copies (核查版) keep the workbook's name, numbered too.
	want := strings.Join([]string{"绩效自评表-2-核查.xlsx", "绩效自评表-3-核查.xlsx", "绩效自评表-核查.xlsx", a + "-2.docx", a + "-2.json", a + "-2.pdf", a + ".docx", a + ".json", a + ".pdf",
		b + ".docx", b + ".json", b + ".pdf"}, ",")
	if got != want {
		t.Fatalf("outputs:\n%s\nwant\n%s", got, want)
	}
	for stem, dept := range map[string]string{a: "邵东市科技和工业信息化局", b: "邵东市科技和工业信息化局（第0007号）"} {
		var doc struct{ Department string }
		raw, _ := os.ReadFile(filepath.Join(out, stem+".json"))
		if err := json.Unmarshal(raw, &doc); err != nil || doc.Department != dept {
			t.Errorf("%s: %q %v", stem, doc.Department, err)
		}
	}
}
