package checked

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkWrite is the checked copy of the sample with four findings:
// excelize opening and rewriting the whole workbook is most of it.
func BenchmarkWrite(b *testing.B) {
	orig, _ := os.ReadFile(sample)
	fs := findings()
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, orig, fs, true); err != nil {
			b.Fatal(err)
		}
	}
}
