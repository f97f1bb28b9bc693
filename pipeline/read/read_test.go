package read

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestGolden reads every fixture workbook and compares what the reader made
// of it with testdata/golden/NAME.json.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.xlsx")
	samples, _ := filepath.Glob("../../samples/*.xlsx")
	files = append(files, samples...)
	if len(files) < 10 {
		t.Fatalf("only %d fixture workbooks found", len(files))
	}
	checkGoldens(t, files, "testdata/golden")
}

// checkGoldens compares the reader's output for each file (its workbook as
// JSON, or a refusal's message) with DIR/NAME.json; -update rewrites them.
func checkGoldens(t *testing.T, files []string, dir string) {
	opt := DefaultOptions()
	opt.ConvertLegacy = false
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			var v any
			wb, err := File(f, opt)
			if err != nil {
				// A refused workbook's golden file is its message.
				var fe *finding.FileError
				if !errors.As(err, &fe) {
					t.Fatalf("read: %v is not a FileError", err)
				}
				v = map[string]string{"error": err.Error()}
			} else {
				v = wb
			}
			got, err := json.MarshalIndent(v, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join(dir, strings.TrimSuffix(name, ".xlsx")+".json")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./pipeline/read -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("reader output differs from %s; diff the output of -update to see how", golden)
			}
		})
	}
}

// TestBadFiles: every bad file gets its exact message, and none panics.
func TestBadFiles(t *testing.T) {
	opt := DefaultOptions()
	opt.ConvertLegacy = false
	cases := []struct {
		file, msg string
	}{
		{"empty.xlsx", "empty.xlsx: 文件是空的（0字节）。请重新保存或重新复制该文件"},
		{"not-a-zip.xlsx", "not-a-zip.xlsx: 文件不是有效的Excel工作簿（.xlsx），可能已损坏或只是改了扩展名。请用Excel或WPS打开后另存为“Excel工作簿（*.xlsx）”再放入"},
		{"truncated.xlsx", "truncated.xlsx: 文件不完整或已损坏（可能没有复制完）。请重新保存或重新复制该文件"},
		{"password.xlsx", "password.xlsx: 工作簿设置了打开密码，无法读取。请在Excel或WPS中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存为.xlsx"},
		{"legacy.xls", "legacy.xls: 这是旧版Excel 97-2003格式（.xls），无法直接读取。请用Excel或WPS打开后另存为“Excel工作簿（*.xlsx）”；服务器上安装LibreOffice后jixiao也可自动转换"},
		{"wps.et", "wps.et: 这是WPS表格格式（.et），无法直接读取。请用Excel或WPS打开后另存为“Excel工作簿（*.xlsx）”；服务器上安装LibreOffice后jixiao也可自动转换"},
		{"zip-bomb.xlsx", "zip-bomb.xlsx: 工作簿解压后超过 100 MB，不像是绩效自评表，已拒绝读取"},
		{"huge-sheet.xlsx", "huge-sheet.xlsx: 工作表“部门整体支出绩效自评表”：工作表行数（300000行）超过上限5000行，不像是绩效自评表，已拒绝读取"},
		{"no-form.xlsx", "no-form.xlsx: 没有找到绩效自评表：各工作表中都没有“部门整体支出绩效自评表”或“项目支出绩效自评表”的标题或表头。请使用标准格式的绩效自评表（可用 jixiao init 生成空白表）"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			wb, err := File(filepath.Join("testdata", "bad", c.file), opt)
			if err == nil {
				t.Fatalf("read succeeded: %+v", wb.Findings)
			}
			var fe *finding.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %v is not a FileError", err, err)
			}
			if err.Error() != c.msg {
				t.Errorf("message\n got: %s\nwant: %s", err.Error(), c.msg)
			}
		})
	}
}

// TestFormErrors: a workbook that opens but cannot give a report says why,
// with sheet and cell.
func TestFormErrors(t *testing.T) {
	opt := DefaultOptions()
	wb, err := File("testdata/bad/no-fund-header.xlsx", opt)
	if err != nil {
		t.Fatal(err)
	}
	errs := wb.Findings.Errors()
	if len(errs) == 0 {
		t.Fatal("no error finding")
	}
	want := "项目支出绩效自评表: 没有找到资金情况表头（应有“年初预算数”“全年预算数”“全年执行数”等列）"
	if errs[0].String() != want {
		t.Errorf("got %q want %q", errs[0].String(), want)
	}
}

// TestLegacyConversion converts .xls and .et with LibreOffice when present.
// It needs Calc: with Writer alone soffice cannot load a spreadsheet, which
// is a skip where Calc is not seen and a failure where it is.
func TestLegacyConversion(t *testing.T) {
	soffice, err := findSoffice()
	if err != nil {
		t.Skip("soffice not installed")
	}
	for _, name := range []string{"legacy.xls", "wps.et"} {
		t.Run(name, func(t *testing.T) {
			wb, err := File(filepath.Join("testdata", "bad", name), DefaultOptions())
			if errors.Is(err, errNoCalc) && !calcInstalled(soffice) {
				t.Skipf("LibreOffice Calc not installed (libreoffice-calc-nogui): %v", err)
			}
			if err != nil {
				t.Fatalf("converted read failed: %v", err)
			}
			if wb.Department == nil && len(wb.Projects) == 0 {
				t.Fatal("no form after conversion")
			}
			if w := wb.Findings.Warnings(); len(w) == 0 || !strings.Contains(w[len(w)-1].Message, "LibreOffice") {
				t.Errorf("no conversion note in %v", wb.Findings)
			}
		})
	}
}

// TestLegacyWithoutCalc: a soffice that cannot load spreadsheets (Writer
// only) says so and exits 0 without output; the clerk is told to install
// Calc or save as .xlsx. A fake soffice plays LibreOffice, so this runs
// with or without it. When Calc's library is beside soffice, the same
// failure is the file's fault and gets the general message.
func TestLegacyWithoutCalc(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake soffice is a shell script")
	}
	cases := []struct {
		name, prints string
		calc         bool
		want         string
	}{
		{"source not loaded", "Warning: failed to launch javaldx - java may not function correctly\nError: source file could not be loaded", false,
			"legacy.xls: 需要 LibreOffice Calc 才能读取 .xls。请安装 libreoffice-calc，或在 Excel/WPS 中另存为 .xlsx"},
		{"no export filter", "Error: no export filter for /tmp/in.xlsx found, aborting.", false,
			"legacy.xls: 需要 LibreOffice Calc 才能读取 .xls。请安装 libreoffice-calc，或在 Excel/WPS 中另存为 .xlsx"},
		{"silent", "", false,
			"legacy.xls: 需要 LibreOffice Calc 才能读取 .xls。请安装 libreoffice-calc，或在 Excel/WPS 中另存为 .xlsx"},
		{"damaged file", "Error: source file could not be loaded", true,
			"legacy.xls: 旧版格式转换失败：LibreOffice wrote no .xlsx: Error: source file could not be loaded。请用Excel或WPS打开后另存为“Excel工作簿（*.xlsx）”；服务器上安装LibreOffice后jixiao也可自动转换"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bin := t.TempDir()
			script := "#!/bin/sh\nprintf '%b\\n' '" + c.prints + "' >&2\nexit 0\n"
			if err := os.WriteFile(filepath.Join(bin, "soffice"), []byte(script), 0o755); err != nil {
				t.Fatal(err)
			}
			if c.calc {
				if err := os.WriteFile(filepath.Join(bin, "libsclo.so"), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
			_, err := File("testdata/bad/legacy.xls", DefaultOptions())
			var fe *finding.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %v is not a FileError", err, err)
			}
			if errors.Is(err, errNoCalc) == c.calc {
				t.Errorf("errors.Is(err, errNoCalc) = %v", !c.calc)
			}
			if err.Error() != c.want {
				t.Errorf("message\n got: %s\nwant: %s", err.Error(), c.want)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	data, err := os.ReadFile("../../samples/邵东市科工局2019年度绩效自评表.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	opt := DefaultOptions()
	opt.MaxCells = 100
	if _, err := Bytes("x.xlsx", data, opt); err == nil || !strings.Contains(err.Error(), "单元格数量超过上限") {
		t.Errorf("cell limit: %v", err)
	}
	opt = DefaultOptions()
	opt.MaxFileSize = 1000
	if _, err := Bytes("x.xlsx", data, opt); err == nil || !strings.Contains(err.Error(), "文件过大") {
		t.Errorf("size limit: %v", err)
	}
}

// FuzzBytes: no input makes the reader panic, hang or return neither a
// workbook nor an error.
func FuzzBytes(f *testing.F) {
	for _, pat := range []string{"testdata/*.xlsx", "testdata/bad/*"} {
		files, _ := filepath.Glob(pat)
		for _, p := range files {
			if st, err := os.Stat(p); err == nil && st.Size() < 64<<10 {
				b, _ := os.ReadFile(p)
				f.Add(b)
			}
		}
	}
	f.Add([]byte("PK\x03\x04"))
	opt := DefaultOptions()
	opt.ConvertLegacy = false
	opt.MaxUnzipSize = 8 << 20
	f.Fuzz(func(t *testing.T, data []byte) {
		wb, err := Bytes("fuzz.xlsx", data, opt)
		if err == nil && wb == nil {
			t.Fatal("nil workbook without error")
		}
		if err != nil {
			var fe *finding.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error is not a FileError: %T %v", err, err)
			}
		}
	})
}

// BenchmarkReadSample is the reader alone on the sample (excelize included).
func BenchmarkReadSample(b *testing.B) {
	data, err := os.ReadFile("../../samples/邵东市科工局2019年度绩效自评表.xlsx")
	if err != nil {
		b.Fatal(err)
	}
	opt := DefaultOptions()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Bytes("s.xlsx", data, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExcelizeBaseline is excelize's own single pass over the sample
// (open, then every sheet's rows as raw values): what the reader cannot go
// below. Our own work is BenchmarkReadSample minus this.
func BenchmarkExcelizeBaseline(b *testing.B) {
	data, err := os.ReadFile("../../samples/邵东市科工局2019年度绩效自评表.xlsx")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		xf, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range xf.GetSheetList() {
			rows, err := xf.Rows(s)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
				if _, err := rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
					b.Fatal(err)
				}
			}
			rows.Close()
		}
		xf.Close()
	}
}
