package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The committed layouts/ workbooks are exactly what the generator writes
// (this runs in -short mode too: it does not write the zip bomb).
func TestCommittedLayoutsAreGenerated(t *testing.T) {
	dir := t.TempDir()
	if err := writeLayouts(dir); err != nil {
		t.Fatal(err)
	}
	gen, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	committed, _ := filepath.Glob(filepath.Join(testdata, "layouts", "*.xlsx"))
	if len(gen) != len(committed) {
		t.Errorf("generator writes %d workbooks, layouts/ holds %d", len(gen), len(committed))
	}
	for _, p := range gen {
		name := filepath.Base(p)
		got, _ := os.ReadFile(p)
		want, err := os.ReadFile(filepath.Join(testdata, "layouts", name))
		if err != nil {
			t.Errorf("%s: not committed: %v", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: differs from the generator's output; run go run ./pipeline/read/testdata/gen -layouts", name)
		}
	}
}
