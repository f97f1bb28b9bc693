package inbox

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// Entry is a file seen in a folder.
type Entry struct {
	Name    string
	Path    string
	Size    int64
	ModTime time.Time
	// Unreadable is set on a waiting file that has settled but that this
	// account may not read (permissions): it is not being copied, and
	// waiting will not help.
	Unreadable bool
}

// Settler tells files that are complete from files still being written: a
// file is ready once its size and modification time have not changed for
// the settle interval (between two scans at least that far apart) and it
// can be opened for writing. It remembers what it saw between scans and is
// safe for concurrent use.
type Settler struct {
	Settle time.Duration
	// Now is the clock (tests).
	Now func() time.Time

	mu   sync.Mutex
	seen map[string]obs
}

type obs struct {
	size  int64
	mod   time.Time
	since time.Time
	// warned: its unreadability was reported already.
	warned bool
}

// List returns the candidate files of dir (not ignored, regular), by name.
func List(dir string) ([]Entry, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, de := range des {
		if !de.Type().IsRegular() || Ignored(de.Name()) {
			continue
		}
		info, err := de.Info()
		if err != nil {
			continue // gone meanwhile
		}
		out = append(out, Entry{Name: de.Name(), Path: filepath.Join(dir, de.Name()), Size: info.Size(), ModTime: info.ModTime()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Scan lists dir and splits its files into those ready to take and those
// still settling (new, changed since the last scan, or locked by a writer).
func (s *Settler) Scan(dir string) (ready, waiting []Entry, err error) {
	es, err := List(dir)
	if err != nil {
		return nil, nil, err
	}
	now := time.Now()
	if s.Now != nil {
		now = s.Now()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[string]obs{}
	}
	present := make(map[string]bool, len(es))
	for _, e := range es {
		present[e.Path] = true
		o, ok := s.seen[e.Path]
		if !ok || o.size != e.Size || !o.mod.Equal(e.ModTime) {
			s.seen[e.Path] = obs{size: e.Size, mod: e.ModTime, since: now}
			waiting = append(waiting, e)
			continue
		}
		if now.Sub(o.since) < s.Settle {
			waiting = append(waiting, e)
			continue
		}
		switch Check(e.Path) {
		case nil:
		case ErrUnreadable:
			e.Unreadable = true
			waiting = append(waiting, e)
			continue
		default:
			waiting = append(waiting, e)
			continue
		}
		ready = append(ready, e)
	}
	for p := range s.seen {
		if !present[p] {
			delete(s.seen, p)
		}
	}
	return ready, waiting, nil
}

// FirstWarning reports whether the unreadable file at path is reported for
// the first time (so that watch does not repeat it every rescan).
func (s *Settler) FirstWarning(path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.seen[path]
	if !ok || o.warned {
		return false
	}
	o.warned = true
	s.seen[path] = o
	return true
}

// Forget drops what is known of a path (it was taken).
func (s *Settler) Forget(path string) {
	s.mu.Lock()
	delete(s.seen, path)
	s.mu.Unlock()
}

// Open opens files for Check; tests replace it (an administrator's
// account reads every file).
var Open = os.OpenFile

// ErrUnreadable is a file this account may not read.
var ErrUnreadable = errors.New("无法读取（权限不足）")

// ErrBusy is a file another program holds open (still being copied).
var ErrBusy = errors.New("正在复制或被占用")

// Check tells whether a file can be taken: nil when it can be opened for
// reading and writing (on Windows a file still being copied by Explorer
// or over SMB is open without write sharing, so that fails until the copy
// is complete) or, lacking write permission only, for reading;
// ErrUnreadable when it may not be read at all; ErrBusy otherwise.
func Check(path string) error {
	f, err := Open(path, os.O_RDWR, 0)
	if err == nil {
		f.Close()
		return nil
	}
	if !errors.Is(err, fs.ErrPermission) {
		return ErrBusy
	}
	f, err = Open(path, os.O_RDONLY, 0)
	if err == nil {
		f.Close()
		return nil
	}
	if errors.Is(err, fs.ErrPermission) {
		return ErrUnreadable
	}
	return ErrBusy
}

// CanOpen reports whether the file can be taken (see Check).
func CanOpen(path string) bool { return Check(path) == nil }
