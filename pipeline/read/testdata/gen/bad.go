package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// oleSignature starts every OLE2 compound file (.xls, .et, .doc, encrypted .xlsx).
var oleSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// zipTime is the fixed modification time of hand-built zip entries.
var zipTime = time.Date(2021, 3, 1, 8, 0, 0, 0, time.UTC)

const (
	hugeRows    = 300_000
	bombSize    = 1<<30 + 64<<20 // 1.0625 GiB of spaces inside one sheet part
	bombChunk   = 1 << 20
	maxFileSize = 2 << 20
)

func writeBad(dir string) error {
	if err := writeFile(filepath.Join(dir, "not-a-zip.xlsx"),
		[]byte("这不是Excel文件，只是改了扩展名的文本。\nThis is plain text renamed to .xlsx.\n")); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "empty.xlsx"), nil); err != nil {
		return err
	}
	// truncated: the single-project workbook cut in half.
	f, err := singleProject()
	if err != nil {
		return err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return err
	}
	b := buf.Bytes()
	if err := writeFile(filepath.Join(dir, "truncated.xlsx"), b[:len(b)/2]); err != nil {
		return err
	}
	if err := save(filepath.Join(dir, "no-form.xlsx"), noForm); err != nil {
		return err
	}
	if err := save(filepath.Join(dir, "no-fund-header.xlsx"), noFundHeader); err != nil {
		return err
	}
	if err := writeZip(filepath.Join(dir, "huge-sheet.xlsx"), hugeSheet); err != nil {
		return err
	}
	return writeZip(filepath.Join(dir, "zip-bomb.xlsx"), zipBomb)
}

func save(p string, build func() (*excelize.File, error)) error {
	f, err := build()
	if err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	defer f.Close()
	if err := f.SaveAs(p); err != nil {
		return err
	}
	return os.Chmod(p, 0o644)
}

// noForm is a valid workbook holding an unrelated table (a phone list).
func noForm() (*excelize.File, error) {
	f, _, err := book("通讯录")
	if err != nil {
		return nil, err
	}
	rows := [][]any{
		{"姓名", "科室", "办公电话", "手机"},
		{"张三", "办公室", "0739-2612001", "13800000001"},
		{"李四", "财务室", "0739-2612002", "13800000002"},
		{"王五", "规划股", "0739-2612003", "13800000003"},
	}
	for i, r := range rows {
		if err := f.SetSheetRow("通讯录", fmt.Sprintf("A%d", i+1), &r); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// noFundHeader is the base project form with its fund header row (row 5:
// 项目 | 年初预算数 | …) deleted; the 项目资金（万元） label is put back on
// the first fund row, so the fund rows are there but no header names them.
func noFundHeader() (*excelize.File, error) {
	f, err := singleProject()
	if err != nil {
		return nil, err
	}
	const sh = "项目支出绩效自评表"
	if err := f.RemoveRow(sh, 5); err != nil {
		return nil, err
	}
	if err := f.SetCellStr(sh, "A5", "项目资金（万元）"); err != nil {
		return nil, err
	}
	return f, nil
}

// Minimal package parts for hand-built workbooks (no styles, inline strings).
const (
	ctTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbookXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="部门整体支出绩效自评表" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
)

// writeZip builds a workbook zip with fixed timestamps: the four package
// parts above, then xl/worksheets/sheet1.xml streamed by sheet.
func writeZip(p string, sheet func(io.Writer) error) error {
	out, err := os.Create(p)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	add := func(name string) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
	}
	for _, part := range [][2]string{
		{"[Content_Types].xml", ctTypes}, {"_rels/.rels", rootRels},
		{"xl/workbook.xml", workbookXML}, {"xl/_rels/workbook.xml.rels", workbookRels},
	} {
		w, err := add(part[0])
		if err != nil {
			return err
		}
		if _, err := io.WriteString(w, part[1]); err != nil {
			return err
		}
	}
	w, err := add("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	if err := sheet(w); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	if st, err := os.Stat(p); err != nil {
		return err
	} else if st.Size() > maxFileSize {
		return fmt.Errorf("%s: %d bytes, over the 2 MB budget", p, st.Size())
	}
	return nil
}

// hugeSheet declares A1:J300000 and holds 300,000 rows of ten numbers: the
// title in A1 makes it look like a form, the size is what no form has.
// Rows carry no r attribute (allowed by the schema) so the part compresses
// to about 240 KB while expanding to about 63 MB.
func hugeSheet(w io.Writer) error {
	var b strings.Builder
	b.WriteString(sheetHead)
	fmt.Fprintf(&b, `<dimension ref="A1:J%d"/><sheetData>`, hugeRows)
	b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>部门整体支出绩效自评表</t></is></c></row>`)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	row := `<row>` + strings.Repeat(`<c><v>1234.5</v></c>`, 10) + `</row>`
	chunk := strings.Repeat(row, 1000)
	for i := 1; i < hugeRows; i += 1000 {
		n := min(1000, hugeRows-i)
		s := chunk
		if n < 1000 {
			s = strings.Repeat(row, n)
		}
		if _, err := io.WriteString(w, s); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, `</sheetData></worksheet>`)
	return err
}

// zipBomb is a sheet part of well-formed XML padded with 1.06 GiB of spaces
// between <sheetData> and its first row: tiny compressed, huge expanded.
func zipBomb(w io.Writer) error {
	if _, err := io.WriteString(w, sheetHead+`<dimension ref="A1"/><sheetData>`); err != nil {
		return err
	}
	spaces := bytes.Repeat([]byte{' '}, bombChunk)
	for n := 0; n < bombSize; n += bombChunk {
		if _, err := w.Write(spaces); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>部门整体支出绩效自评表</t></is></c></row></sheetData></worksheet>`)
	return err
}

// writeExternal writes the fixtures that are not byte-stable: the
// LibreOffice conversions and the encrypted workbook. Present files are kept
// unless refresh is set.
func writeExternal(dir, sample string, refresh bool) error {
	want := func(p string) bool {
		if refresh {
			return true
		}
		_, err := os.Stat(p)
		return err != nil
	}
	bad := filepath.Join(dir, "bad")
	if p := filepath.Join(bad, "password.xlsx"); want(p) {
		f, err := singleProject()
		if err != nil {
			return err
		}
		if err := f.SaveAs(p, excelize.Options{Password: "1234"}); err != nil {
			return err
		}
		f.Close()
		if err := os.Chmod(p, 0o644); err != nil {
			return err
		}
		logf("wrote %s", p)
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		logf("soffice not found: keeping the LibreOffice fixtures as they are")
		if p := filepath.Join(bad, "legacy.xls"); want(p) {
			// Without LibreOffice: an OLE2 header and an empty sector.
			if err := writeFile(p, fakeOLE()); err != nil {
				return err
			}
			if err := writeFile(filepath.Join(bad, "wps.et"), fakeOLE()); err != nil {
				return err
			}
		}
		return nil
	}
	jobs := []struct{ src, format, dst string }{
		{filepath.Join(dir, "formulas.xlsx"), "xlsx", filepath.Join(dir, "formulas-libreoffice.xlsx")},
		{sample, "xlsx", filepath.Join(dir, "libreoffice-roundtrip.xlsx")},
		{filepath.Join(dir, "single-project.xlsx"), "xls", filepath.Join(bad, "legacy.xls")},
	}
	for _, j := range jobs {
		if !want(j.dst) {
			continue
		}
		if err := convert(soffice, j.src, j.format, j.dst); err != nil {
			return err
		}
		logf("wrote %s", j.dst)
	}
	// wps.et: WPS spreadsheets save the same OLE2 (BIFF8) container as .xls.
	if p := filepath.Join(bad, "wps.et"); want(p) {
		b, err := os.ReadFile(filepath.Join(bad, "legacy.xls"))
		if err != nil {
			return err
		}
		if err := writeFile(p, b); err != nil {
			return err
		}
		logf("wrote %s", p)
	}
	return nil
}

// convert runs soffice --headless --convert-to format on src into a temp
// directory (with its own profile, so it does not clash with another running
// LibreOffice) and renames the result to dst.
func convert(soffice, src, format, dst string) error {
	tmp, err := os.MkdirTemp("", "jixiao-soffice-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	in := filepath.Join(tmp, "in", "input.xlsx")
	if err := os.MkdirAll(filepath.Dir(in), 0o755); err != nil {
		return err
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.WriteFile(in, b, 0o644); err != nil {
		return err
	}
	outDir := filepath.Join(tmp, "out")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"),
		"--headless", "--convert-to", format, "--outdir", outDir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("soffice %s: %v: %s", src, err, out)
	}
	res := filepath.Join(outDir, "input."+format)
	rb, err := os.ReadFile(res)
	if err != nil {
		return fmt.Errorf("soffice wrote no %s for %s: %w", format, src, err)
	}
	return writeFile(dst, rb)
}

// fakeOLE is the smallest file a reader should recognise as OLE2.
func fakeOLE() []byte {
	b := make([]byte, 1024)
	copy(b, oleSignature)
	return b
}
