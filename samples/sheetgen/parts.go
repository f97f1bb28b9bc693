package sheetgen

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
)

// RewriteParts returns the package data (a .xlsx or .docx) with edit
// applied to each part, in order: edit gets the part's name and content
// and returns the new content, or nil to drop the part (a nil edit keeps
// every part). The parts of add follow, in name order. Tests use it to
// damage or extend a workbook or a template.
func RewriteParts(data []byte, edit func(name string, b []byte) []byte, add map[string][]byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	write := func(name string, b []byte) error {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if edit != nil {
			if b = edit(f.Name, b); b == nil {
				continue
			}
		}
		if err := write(f.Name, b); err != nil {
			return nil, err
		}
	}
	names := make([]string, 0, len(add))
	for name := range add {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := write(name, add[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
