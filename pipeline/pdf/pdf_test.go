package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/chart/sample"
	"github.com/jixiao/jixiao/pipeline/compute"
)

var made = time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)

var maker = NewMaker()

func write(t testing.TB, ev *compute.Evaluation) ([]byte, Info) {
	t.Helper()
	var buf bytes.Buffer
	info, err := maker.Write(&buf, ev, made)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), info
}

// save writes b to a temporary (or $PDF_OUT) file and returns its path.
func save(t testing.TB, name string, b []byte) string {
	dir := os.Getenv("PDF_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func tool(t testing.TB, name string) string {
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (poppler-utils)", name)
	}
	return p
}

func pdftotext(t testing.TB, path string, layout bool) string {
	args := []string{"-enc", "UTF-8", path, "-"}
	if layout {
		args = append([]string{"-layout"}, args...)
	}
	out, err := exec.Command(tool(t, "pdftotext"), args...).Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestSample(t *testing.T) {
	ev := sample.Department()
	b, info := write(t, ev)
	path := save(t, "sample.pdf", b)
	t.Logf("%d bytes, %d pages, replaced %q", len(b), info.Pages, info.Replaced)
	_ = path
}
