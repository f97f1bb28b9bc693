// Command gen writes the reader's fixture workbooks into pipeline/read/testdata
// (run from the repo root: go run ./pipeline/read/testdata/gen). Each fixture
// exercises one thing the reader must handle; MANIFEST.md lists them with the
// values a reader should find.
//
// Everything built here is deterministic (same bytes each run), except the
// files that come from LibreOffice (soffice stamps dates into them) and
// password.xlsx (encryption draws a random salt). Those are written only when
// missing, or when -refresh is given, so regenerating does not churn them.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
)

var refresh = flag.Bool("refresh", false, "rewrite the LibreOffice and encrypted fixtures even if present")

func main() {
	out := flag.String("o", "pipeline/read/testdata", "output directory")
	sample := flag.String("sample", "samples/邵东市科工局2019年度绩效自评表.xlsx", "the main sample workbook, for the LibreOffice round trip")
	layoutsOnly := flag.Bool("layouts", false, "write only the layouts/ fixtures")
	flag.Parse()
	if *layoutsOnly {
		if err := writeLayouts(filepath.Join(*out, "layouts")); err != nil {
			log.Fatal(err)
		}
		return
	}
	if err := writeDeterministic(*out); err != nil {
		log.Fatal(err)
	}
	if err := writeExternal(*out, *sample, *refresh); err != nil {
		log.Fatal(err)
	}
}

// writeDeterministic writes every fixture whose bytes depend only on this code.
func writeDeterministic(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "bad"), 0o755); err != nil {
		return err
	}
	for _, x := range workbooks {
		f, err := x.build()
		if err != nil {
			return fmt.Errorf("%s: %w", x.name, err)
		}
		p := filepath.Join(dir, x.name)
		if err := f.SaveAs(p); err != nil {
			return fmt.Errorf("%s: %w", x.name, err)
		}
		f.Close()
		if err := os.Chmod(p, 0o644); err != nil {
			return err
		}
	}
	if err := writeBad(filepath.Join(dir, "bad")); err != nil {
		return err
	}
	return writeLayouts(filepath.Join(dir, "layouts"))
}

func writeFile(p string, b []byte) error {
	return os.WriteFile(p, b, 0o644)
}

func logf(format string, a ...any) { fmt.Fprintf(os.Stderr, format+"\n", a...) }
