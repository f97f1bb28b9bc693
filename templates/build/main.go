// Command build zips templates/report into the default template .docx.
// Run from the module root (`go run ./templates/build`) or through
// `go generate ./templates`.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/jixiao/jixiao/templates"
)

func main() {
	dir := "."
	if _, err := os.Stat("report"); err != nil {
		dir = "templates"
	}
	b, err := templates.Pack(os.DirFS(filepath.Join(dir, "report")))
	if err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
	out := filepath.Join(dir, templates.DefaultReportName)
	if err := os.WriteFile(out, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes)\n", out, len(b))
}
