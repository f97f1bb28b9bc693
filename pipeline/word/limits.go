package word

import (
	"archive/zip"
	"fmt"
	"image"
	_ "image/gif"  // image sizes in templates
	_ "image/jpeg" // image sizes in templates
	_ "image/png"  // image sizes in templates
	"path"
	"strings"

	_ "golang.org/x/image/bmp" // image sizes in templates
)

// A template is read whole into memory and copied into every report, so
// what it may hold is bounded; Parse (and `jixiao template check`) refuse
// a template beyond these, naming the part.
const (
	maxParts      = 2000
	maxPartSize   = 32 << 20  // one part, uncompressed
	maxTotalSize  = 128 << 20 // all parts, uncompressed
	maxImagePixel = 40e6      // width × height of one image (e.g. 8000 × 5000)
)

// checkPackage looks at the zip directory and the image headers only,
// before anything is decompressed.
func checkParts(files []*zip.File) []Problem {
	var ps []Problem
	if len(files) > maxParts {
		return []Problem{{Message: fmt.Sprintf("模板包含 %d 个部件，超过上限 %d；请在 Word 中打开后另存为新的 .docx", len(files), maxParts)}}
	}
	var total uint64
	for _, f := range files {
		if !safePartName(f.Name) {
			ps = append(ps, Problem{Part: f.Name, Message: "部件名指向模板包以外的位置（含 ../、以 / 开头或带盘符）；这样的模板可能被用来改写其他文件，不能使用。请在 Word 中打开模板，另存为新的 .docx"})
			continue
		}
		total += f.UncompressedSize64
		if f.UncompressedSize64 > maxPartSize {
			ps = append(ps, Problem{Part: f.Name, Message: fmt.Sprintf("部件解压后有 %s，超过单个部件的上限 %s；每份报告都会带上它。请删去过大的内容（样式、图片）后另存", mb(f.UncompressedSize64), mb(maxPartSize))})
		}
	}
	if total > maxTotalSize {
		ps = append(ps, Problem{Message: fmt.Sprintf("模板解压后共 %s，超过上限 %s；请删去过大的内容（样式、图片）后另存", mb(total), mb(maxTotalSize))})
	}
	if len(ps) > 0 {
		return ps
	}
	for _, f := range files {
		if !strings.HasPrefix(f.Name, "word/media/") {
			continue
		}
		w, h, ok := imageSize(f)
		if ok && float64(w)*float64(h) > maxImagePixel {
			ps = append(ps, Problem{Part: f.Name, Message: fmt.Sprintf("图片有 %d×%d 像素，超过上限（约 4000 万像素）；打开报告时会占用大量内存。请换一张较小的图片", w, h)})
		}
	}
	return ps
}

// safePartName is a name inside the package: relative, without "..",
// backslashes or a drive letter.
func safePartName(n string) bool {
	if n == "" || strings.HasPrefix(n, "/") || strings.Contains(n, `\`) || strings.Contains(n, ":") {
		return false
	}
	for _, seg := range strings.Split(n, "/") {
		if seg == ".." {
			return false
		}
	}
	return path.Clean(n) == strings.TrimSuffix(n, "/") || strings.HasSuffix(n, "/")
}

// imageSize reads only an image's header.
func imageSize(f *zip.File) (int, int, bool) {
	rc, err := f.Open()
	if err != nil {
		return 0, 0, false
	}
	defer rc.Close()
	cfg, _, err := image.DecodeConfig(rc)
	if err != nil {
		return 0, 0, false
	}
	return cfg.Width, cfg.Height, true
}

func mb(n uint64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
