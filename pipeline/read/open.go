package read

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/xuri/excelize/v2"
)

// Options limit what a workbook may make the reader do.
type Options struct {
	// MaxFileSize is the largest workbook file accepted, in bytes.
	MaxFileSize int64
	// MaxUnzipSize is the most the workbook may unpack to, in bytes.
	MaxUnzipSize int64
	// MaxRows is the most rows read from one sheet, MaxCells the most
	// non-empty cells from the whole workbook.
	MaxRows, MaxCells int
	// MaxSheets is the most sheets looked at.
	MaxSheets int
	// ConvertLegacy converts .xls/.et with LibreOffice (soffice) when it is
	// on the machine; otherwise such files get a message asking for .xlsx,
	// and when LibreOffice lacks Calc one asking to install it.
	ConvertLegacy bool
}

// DefaultOptions are limits far above any real form (a county form has a
// few hundred cells) and far below what would hurt the machine.
func DefaultOptions() Options {
	return Options{
		MaxFileSize:   20 << 20,
		MaxUnzipSize:  100 << 20,
		MaxRows:       5000,
		MaxCells:      200000,
		MaxSheets:     64,
		ConvertLegacy: true,
	}
}

// Messages for whole-file problems. They are part of the outside behaviour
// (tests compare them exactly).
const (
	msgEmpty         = "文件是空的（0字节）"
	msgTooLarge      = "文件过大（%d MB），超过上限 %d MB，不像是绩效自评表"
	msgNotXLSX       = "文件不是有效的Excel工作簿（.xlsx），可能已损坏或只是改了扩展名"
	hintNotXLSX      = "请用Excel或WPS打开后另存为“Excel工作簿（*.xlsx）”再放入"
	msgTruncated     = "文件不完整或已损坏（可能没有复制完）"
	hintResend       = "请重新保存或重新复制该文件"
	msgEncrypted     = "工作簿设置了打开密码，无法读取"
	hintDecrypt      = "请在Excel或WPS中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存为.xlsx"
	msgLegacy        = "这是旧版Excel 97-2003格式（.xls），无法直接读取"
	msgWPS           = "这是WPS表格格式（.et），无法直接读取"
	hintLegacy       = "请用Excel或WPS打开后另存为“Excel工作簿（*.xlsx）”；服务器上安装LibreOffice后jixiao也可自动转换"
	msgUnzipBig      = "工作簿解压后超过 %d MB，不像是绩效自评表，已拒绝读取"
	msgNoSheets      = "工作簿中没有工作表"
	msgNoForm        = "没有找到绩效自评表：各工作表中都没有“部门整体支出绩效自评表”或“项目支出绩效自评表”的标题或表头"
	hintNoForm       = "请使用标准格式的绩效自评表（可用 jixiao init 生成空白表）"
	msgAllBlank      = "工作簿中的绩效自评表都未填写（只有空白表或示例行）"
	msgNotExist      = "文件不存在"
	hintNotExist     = "请检查文件名和路径"
	msgIsDir         = "这是一个文件夹，不是工作簿"
	hintIsDir        = "请给出文件夹中的 .xlsx 文件，如 文件夹/*.xlsx"
	msgNoPermission  = "没有读取权限"
	hintNoPermission = "请让管理员给运行 jixiao 的账户开放该文件的读取权限"
	hintAllBlank     = "请填写资金情况和各项指标的实际完成值后再提交"
	msgConvert       = "旧版格式转换失败：%v"
	msgNoCalc        = "需要 LibreOffice Calc 才能读取 %s"
	hintNoCalc       = "请安装 libreoffice-calc，或在 Excel/WPS 中另存为 .xlsx"
)

var (
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	zipMagic = []byte("PK\x03\x04")
	// An encrypted OOXML file is an OLE2 container with these streams.
	encryptionInfo = utf16le("EncryptionInfo")
)

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return b
}

// File reads a workbook from disk.
func File(name string, opt Options) (*form.Workbook, error) {
	base := filepath.Base(name)
	if st, err := os.Stat(name); err == nil && st.IsDir() {
		return nil, &finding.FileError{File: base, Message: msgIsDir, Hint: hintIsDir}
	}
	f, err := os.Open(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &finding.FileError{File: base, Message: msgNotExist, Hint: hintNotExist, Err: err}
	case errors.Is(err, fs.ErrPermission):
		return nil, &finding.FileError{File: base, Message: msgNoPermission, Hint: hintNoPermission, Err: err}
	case err != nil:
		return nil, &finding.FileError{File: base, Message: "无法打开文件", Hint: hintResend, Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &finding.FileError{File: base, Message: "无法读取文件信息", Err: err}
	}
	if st.Size() > opt.MaxFileSize {
		return nil, &finding.FileError{File: base, Message: fmt.Sprintf(msgTooLarge, st.Size()>>20, opt.MaxFileSize>>20)}
	}
	data, err := io.ReadAll(io.LimitReader(f, opt.MaxFileSize+1))
	if err != nil {
		return nil, &finding.FileError{File: base, Message: "读取文件失败", Err: err}
	}
	if isOLE(data) && opt.ConvertLegacy && !isEncrypted(data) {
		if conv, err := convertLegacy(name); err == nil {
			wb, rerr := Bytes(base, conv, opt)
			if rerr == nil {
				wb.Findings.Warn("", "", "旧版格式已用LibreOffice自动转换为.xlsx后读取，请核对数据")
			}
			return wb, rerr
		} else if errors.Is(err, errNoCalc) {
			ext := strings.ToLower(filepath.Ext(base))
			if ext != ".et" {
				ext = ".xls"
			}
			return nil, &finding.FileError{File: base, Message: fmt.Sprintf(msgNoCalc, ext), Hint: hintNoCalc, Err: err}
		} else if !errors.Is(err, errNoSoffice) {
			return nil, &finding.FileError{File: base, Message: fmt.Sprintf(msgConvert, err), Hint: hintLegacy, Err: err}
		}
	}
	return Bytes(base, data, opt)
}

// Bytes reads a workbook held in memory; name is used in messages.
func Bytes(name string, data []byte, opt Options) (*form.Workbook, error) {
	fe := func(msg, hint string, err error) error {
		return &finding.FileError{File: name, Message: msg, Hint: hint, Err: err}
	}
	switch {
	case len(data) == 0:
		return nil, fe(msgEmpty, hintResend, nil)
	case int64(len(data)) > opt.MaxFileSize:
		return nil, fe(fmt.Sprintf(msgTooLarge, len(data)>>20, opt.MaxFileSize>>20), "", nil)
	case isOLE(data):
		if isEncrypted(data) {
			return nil, fe(msgEncrypted, hintDecrypt, nil)
		}
		if strings.EqualFold(filepath.Ext(name), ".et") {
			return nil, fe(msgWPS, hintLegacy, nil)
		}
		return nil, fe(msgLegacy, hintLegacy, nil)
	case !bytes.HasPrefix(data, zipMagic):
		return nil, fe(msgNotXLSX, hintNotXLSX, nil)
	}
	if err := checkZip(data, opt); err != nil {
		return nil, &finding.FileError{File: name, Message: err.msg, Hint: err.hint, Err: err.err}
	}
	xf, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    opt.MaxUnzipSize,
		UnzipXMLSizeLimit: opt.MaxUnzipSize,
	})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, zip.ErrFormat) {
			return nil, fe(msgNotXLSX, hintNotXLSX, err)
		}
		return nil, fe(msgTruncated, hintResend, err)
	}
	defer xf.Close()
	return readWorkbook(name, xf, opt)
}

type zipProblem struct {
	msg, hint string
	err       error
}

// checkZip refuses archives that are cut off or unpack to more than the
// limit, before excelize reads anything, using the sizes the central
// directory declares (excelize enforces the same limit while unpacking,
// in case the directory lies).
func checkZip(data []byte, opt Options) *zipProblem {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &zipProblem{msgTruncated, hintResend, err}
	}
	var total uint64
	hasWorkbook := false
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if path.Clean(f.Name) == "xl/workbook.xml" {
			hasWorkbook = true
		}
	}
	if total > uint64(opt.MaxUnzipSize) {
		return &zipProblem{fmt.Sprintf(msgUnzipBig, opt.MaxUnzipSize>>20), "", nil}
	}
	if !hasWorkbook {
		return &zipProblem{msgNotXLSX, hintNotXLSX, nil}
	}
	return nil
}

func isOLE(data []byte) bool { return bytes.HasPrefix(data, oleMagic) }

func isEncrypted(data []byte) bool {
	return isOLE(data) && bytes.Contains(data, encryptionInfo)
}

var (
	errNoSoffice = errors.New("soffice not found")
	// errNoCalc: soffice runs but cannot load a spreadsheet, as when
	// LibreOffice has Writer but not Calc (libreoffice-writer-nogui alone).
	errNoCalc = errors.New("LibreOffice cannot load spreadsheets (Calc not installed)")
)

// findSoffice is the LibreOffice binary on PATH.
func findSoffice() (string, error) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			return "", errNoSoffice
		}
	}
	return soffice, nil
}

// calcInstalled reports whether LibreOffice's spreadsheet module lies next
// to the soffice binary (symlinks resolved): program/libsclo.so on Linux,
// program\sclo.dll on Windows, Frameworks/libsclo.dylib on macOS. False also
// when the layout is not one of these (a wrapper script, a snap).
func calcInstalled(soffice string) bool {
	p, err := filepath.EvalSymlinks(soffice)
	if err != nil {
		return false
	}
	dir := filepath.Dir(p)
	for _, lib := range []string{"libsclo.so", "sclo.dll", filepath.Join("..", "Frameworks", "libsclo.dylib")} {
		if _, err := os.Stat(filepath.Join(dir, lib)); err == nil {
			return true
		}
	}
	return false
}

// convertLegacy turns an .xls or .et into .xlsx bytes with LibreOffice.
func convertLegacy(name string) ([]byte, error) {
	soffice, err := findSoffice()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "jixiao-xls-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	// A copy with a plain name: soffice keeps the base name and .et may not
	// be recognised by extension.
	src := filepath.Join(dir, "in"+strings.ToLower(filepath.Ext(name)))
	in, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(src, in, 0o600); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--convert-to", "xlsx", "--outdir", dir, src)
	out, err := cmd.CombinedOutput()
	out = bytes.TrimSpace(out)
	if err != nil {
		return nil, fmt.Errorf("%v: %s", err, out)
	}
	conv, err := os.ReadFile(filepath.Join(dir, "in.xlsx"))
	if err == nil {
		return conv, nil
	}
	// Without Calc, soffice prints "Error: source file could not be loaded"
	// (or "no export filter") and exits 0 without writing anything. With
	// Calc the same words mean the file itself is damaged.
	if !calcInstalled(soffice) {
		return nil, fmt.Errorf("%w: %s", errNoCalc, out)
	}
	return nil, fmt.Errorf("LibreOffice wrote no .xlsx: %s", out)
}

// sheetParts maps sheet names to their part names through the workbook's
// relationships.
func sheetParts(xf *excelize.File) map[string]string {
	out := map[string]string{}
	raw, ok := xf.Pkg.Load("xl/_rels/workbook.xml.rels")
	if !ok || xf.WorkBook == nil {
		return out
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(raw.([]byte), &rels) != nil {
		return out
	}
	targets := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	for _, s := range xf.WorkBook.Sheets.Sheet {
		if t, ok := targets[s.ID]; ok {
			out[s.Name] = t
		}
	}
	return out
}
