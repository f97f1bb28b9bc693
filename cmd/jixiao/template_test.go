package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A template saved as a Word template (.dotx) is accepted: check says so and
// what filling does with it, and the report is a plain .docx.
func TestTemplateDotx(t *testing.T) {
	const dotx = "../../pipeline/word/testdata/lo_header.dotx" // saved by LibreOffice as .dotx
	var errBuf bytes.Buffer
	root.SetErr(&errBuf)
	defer root.SetErr(nil)
	if got := run([]string{"template", "check", dotx}); got != exitOK {
		t.Fatalf("template check: exit %d\n%s", got, errBuf.String())
	}
	for _, want := range []string{"lo_header.dotx: 这是 Word 模板（.dotx）：报告照常保存为普通 Word 文档（.docx）", "lo_header.dotx: 模板可以使用"} {
		if !strings.Contains(errBuf.String(), want) {
			t.Errorf("template check says\n%s\nwant %q", errBuf.String(), want)
		}
	}

	out := t.TempDir()
	if got := run([]string{"report", "--template", dotx, "-o", out, sampleWB}); got != exitOK {
		t.Fatalf("report: exit %d", got)
	}
	docx := filepath.Join(out, "邵东市科技和工业信息化局-2019-部门整体.docx")
	zr, err := zip.OpenReader(docx)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "[Content_Types].xml" {
			continue
		}
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		if !strings.Contains(b.String(), `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`) {
			t.Errorf("the report's main part is not a document's:\n%s", b.String())
		}
	}
	if _, err := os.Stat(docx); err != nil {
		t.Fatal(err)
	}
}
