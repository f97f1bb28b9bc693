package inbox

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Folder names inside a workspace.
const (
	Inbox      = "inbox"
	Processing = "processing"
	Done       = "done"
	Failed     = "failed"
	Out        = "out"
	Outbox     = "outbox"
	// Staging holds outputs being written, before they are renamed into
	// out/<year>/; it is emptied at the start of every run.
	Staging = ".jixiao-staging"
	// LockFile is the workspace lock.
	LockFile = "jixiao.lock"
)

// Workspace is a workspace folder.
type Workspace struct{ Root string }

// Dir returns a folder of the workspace.
func (w Workspace) Dir(name string) string { return filepath.Join(w.Root, name) }

// Rel returns p relative to the workspace (with forward slashes), or p.
func (w Workspace) Rel(p string) string {
	r, err := filepath.Rel(w.Root, p)
	if err != nil || strings.HasPrefix(r, "..") {
		return p
	}
	return filepath.ToSlash(r)
}

// Abs undoes Rel.
func (w Workspace) Abs(rel string) string {
	if filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(w.Root, filepath.FromSlash(rel))
}

// Ensure makes the folders that must exist.
func (w Workspace) Ensure() error {
	for _, d := range []string{Inbox, Processing, Done, Failed, Out} {
		if err := os.MkdirAll(w.Dir(d), 0o755); err != nil {
			return fmt.Errorf("无法创建文件夹 %s: %w", w.Dir(d), err)
		}
	}
	return nil
}

// Ignored reports names that are not workbooks dropped by a clerk: Office
// owner files (~$x.xlsx), LibreOffice locks (.~lock.x.xlsx#), temporary
// files (*.tmp, ~*.tmp, *.crdownload, *.part), hidden dot files and the
// Windows/macOS folder litter.
func Ignored(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case name == "", strings.HasPrefix(name, "."), strings.HasPrefix(name, "~"):
		return true
	case strings.HasSuffix(lower, ".tmp"), strings.HasSuffix(lower, ".temp"),
		strings.HasSuffix(lower, ".crdownload"), strings.HasSuffix(lower, ".part"),
		strings.HasSuffix(lower, ".partial"), strings.HasSuffix(lower, ".download"),
		strings.HasSuffix(lower, "#"):
		return true
	case lower == "thumbs.db", lower == "desktop.ini", lower == ".ds_store":
		return true
	}
	return false
}

// IsWorkbook reports the extensions jixiao takes. Others dropped into the
// inbox go to failed/ with an explanation rather than lying there unseen.
func IsWorkbook(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm", ".xls", ".et":
		return true
	}
	return false
}

// Move renames src into dir under its own name, or "name (2).ext", "name
// (3).ext"… when that is taken: nothing is ever overwritten. It returns the
// new path.
func Move(src, dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	dst := FreeName(dir, filepath.Base(src))
	if err := os.Rename(src, dst); err != nil {
		return "", fmt.Errorf("无法把 %s 移到 %s: %w", src, dir, err)
	}
	return dst, nil
}

// FreeName returns dir/name, or the first "name (n).ext" not yet taken.
func FreeName(dir, name string) string {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	p := filepath.Join(dir, name)
	for n := 2; ; n++ {
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p
		}
		p = filepath.Join(dir, fmt.Sprintf("%s (%d)%s", stem, n, ext))
	}
}

// WriteFileAtomic writes data to a temporary file beside path and renames
// it into place, so a reader never sees half a file.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("无法写入 %s: %w", path, err)
	}
	return nil
}

// Hash returns the SHA-256 of a file's content, in hex.
func Hash(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
