package checked

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkWrite is the checked copy of the sample with four findings:
// the zip-level patch, most of it inflating the parts it edits and
// deflating what it writes.
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

// BenchmarkWriteExcelize is the same copy by the excelize writer, the
// fallback: it opens and rewrites the whole workbook.
func BenchmarkWriteExcelize(b *testing.B) {
	orig, _ := os.ReadFile(sample)
	fs := findings()
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := writeExcelize(&buf, orig, fs, true); err != nil {
			b.Fatal(err)
		}
	}
}
