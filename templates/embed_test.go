package templates

import (
	"bytes"
	"os"
	"testing"
)

// The committed .docx must be what the generator makes of report/.
func TestDefaultReportIsGenerated(t *testing.T) {
	want, err := Pack(os.DirFS("report"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(DefaultReport, want) {
		t.Fatal("templates/部门整体支出绩效评价报告.docx is stale: run `go generate ./templates` and commit it")
	}
}
