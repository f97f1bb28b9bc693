package inbox

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Heartbeat is how often a held lock's file is touched; a lock whose file
// was not touched for StaleAfter is taken over (its holder died, possibly
// on another machine sharing the workspace).
var (
	Heartbeat  = 15 * time.Second
	StaleAfter = 2 * time.Minute
)

// Lock is a held workspace lock: a file created with O_EXCL holding the
// holder's PID, host and start time, refreshed by a heartbeat.
type Lock struct {
	path    string
	content []byte
	stop    chan struct{}
	wg      sync.WaitGroup
}

// LockedError says who holds the workspace.
type LockedError struct {
	PID   int
	Host  string
	Since time.Time
	// Loc is the time zone to show Since in (the configured one); nil
	// means the machine's.
	Loc *time.Location
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("工作区正在被另一个 jixiao 进程使用（进程号 %d，计算机 %s，开始于 %s）；请等它结束后再运行",
		e.PID, e.Host, e.Since.In(e.loc()).Format("2006-01-02 15:04:05"))
}

func (e *LockedError) loc() *time.Location {
	if e.Loc != nil {
		return e.Loc
	}
	return time.Local
}

// Acquire takes the lock at path, taking over a stale one: its holder's
// process is gone (same machine) or its heartbeat stopped.
func Acquire(path string) (*Lock, error) {
	host, _ := os.Hostname()
	content := []byte(fmt.Sprintf("%d\n%s\n%s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339)))
	for attempt := 0; attempt < 3; attempt++ {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			_, werr := f.Write(content)
			cerr := f.Close()
			if werr != nil || cerr != nil {
				os.Remove(path)
				return nil, fmt.Errorf("无法写入锁文件 %s: %v %v", path, werr, cerr)
			}
			l := &Lock{path: path, content: content, stop: make(chan struct{})}
			l.wg.Add(1)
			go l.beat()
			return l, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("无法创建锁文件 %s: %w", path, err)
		}
		old, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue // released meanwhile
		}
		info, serr := os.Stat(path)
		if err != nil || serr != nil {
			return nil, fmt.Errorf("无法读取锁文件 %s: %v", path, errors.Join(err, serr))
		}
		le := parseLock(old)
		if !stale(le, host, info.ModTime()) {
			return nil, le
		}
		// Take over: remove it only if it is still the stale one we read.
		if again, err := os.ReadFile(path); err == nil && bytes.Equal(again, old) {
			os.Remove(path)
		}
	}
	return nil, fmt.Errorf("无法取得工作区锁 %s", path)
}

func parseLock(b []byte) *LockedError {
	lines := strings.Split(string(b), "\n")
	le := &LockedError{}
	if len(lines) > 0 {
		le.PID, _ = strconv.Atoi(strings.TrimSpace(lines[0]))
	}
	if len(lines) > 1 {
		le.Host = strings.TrimSpace(lines[1])
	}
	if len(lines) > 2 {
		le.Since, _ = time.Parse(time.RFC3339, strings.TrimSpace(lines[2]))
	}
	return le
}

func stale(le *LockedError, host string, mod time.Time) bool {
	if time.Since(mod) > StaleAfter {
		return true
	}
	if le.PID <= 0 {
		// Unreadable (being written this instant, or garbage): wait for
		// the heartbeat rule.
		return false
	}
	return le.Host == host && !processAlive(le.PID)
}

func (l *Lock) beat() {
	defer l.wg.Done()
	t := time.NewTicker(Heartbeat)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
			now := time.Now()
			os.Chtimes(l.path, now, now)
		}
	}
}

// Release gives the lock up (only if it is still ours).
func (l *Lock) Release() error {
	if l == nil {
		return nil
	}
	close(l.stop)
	l.wg.Wait()
	cur, err := os.ReadFile(l.path)
	if err != nil || !bytes.Equal(cur, l.content) {
		return nil // taken over: not ours to remove
	}
	return os.Remove(l.path)
}
