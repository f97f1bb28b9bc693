package inbox

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestIgnored(t *testing.T) {
	for _, n := range []string{"~$报表.xlsx", ".~lock.报表.xlsx#", "报表.xlsx.tmp", "~WRL0001.tmp", ".hidden.xlsx", "Thumbs.db", "a.xlsx.crdownload"} {
		if !Ignored(n) {
			t.Errorf("%s should be ignored", n)
		}
	}
	for _, n := range []string{"邵东市科工局2019年度绩效自评表.xlsx", "a.XLSX", "说明.docx"} {
		if Ignored(n) {
			t.Errorf("%s should not be ignored", n)
		}
	}
	if !IsWorkbook("A.XLSX") || IsWorkbook("说明.docx") {
		t.Error("IsWorkbook")
	}
}

func TestMoveNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	dst := filepath.Join(dir, "done")
	for i := 0; i < 3; i++ {
		src := filepath.Join(dir, "表.xlsx")
		os.WriteFile(src, []byte{byte(i)}, 0o644)
		if _, err := Move(src, dst); err != nil {
			t.Fatal(err)
		}
	}
	es, _ := List(dst)
	var names []string
	for _, e := range es {
		names = append(names, e.Name)
	}
	if got := strings.Join(names, "|"); got != "表 (2).xlsx|表 (3).xlsx|表.xlsx" {
		t.Fatalf("%s", got)
	}
}

func TestSettlerWaitsForGrowingFile(t *testing.T) {
	dir := t.TempDir()
	now := time.Unix(1000, 0)
	s := &Settler{Settle: 2 * time.Second, Now: func() time.Time { return now }}
	p := filepath.Join(dir, "a.xlsx")
	os.WriteFile(p, []byte("ab"), 0o644)
	os.WriteFile(filepath.Join(dir, "~$a.xlsx"), []byte("owner"), 0o644)
	r, w, _ := s.Scan(dir)
	if len(r) != 0 || len(w) != 1 {
		t.Fatalf("first sight must wait: %v %v", r, w)
	}
	now = now.Add(3 * time.Second)
	// it grew meanwhile: the clock restarts
	f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	f.Write([]byte("cd"))
	f.Close()
	if r, _, _ = s.Scan(dir); len(r) != 0 {
		t.Fatal("a growing file was taken")
	}
	now = now.Add(time.Second)
	if r, _, _ = s.Scan(dir); len(r) != 0 {
		t.Fatal("taken before the settle interval")
	}
	now = now.Add(2 * time.Second)
	if r, _, _ = s.Scan(dir); len(r) != 1 || r[0].Size != 4 {
		t.Fatalf("stable file not ready: %v", r)
	}
}

func TestLock(t *testing.T) {
	p := filepath.Join(t.TempDir(), LockFile)
	l, err := Acquire(p)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(p)
	var le *LockedError
	if !errors.As(err, &le) || le.PID != os.Getpid() {
		t.Fatalf("second acquire: %v", err)
	}
	if !strings.Contains(err.Error(), "另一个 jixiao 进程") {
		t.Errorf("message: %v", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := Acquire(p)
	if err != nil {
		t.Fatal("after release:", err)
	}
	l2.Release()
}

func TestStaleLockOfDeadProcessIsTakenOver(t *testing.T) {
	p := filepath.Join(t.TempDir(), LockFile)
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no `true` to get a dead pid")
	}
	host, _ := os.Hostname()
	os.WriteFile(p, []byte(strings.Join([]string{itoa(cmd.Process.Pid), host, time.Now().UTC().Format(time.RFC3339)}, "\n")), 0o644)
	l, err := Acquire(p)
	if err != nil {
		t.Fatalf("dead holder's lock not taken over: %v", err)
	}
	l.Release()
}

func TestStaleLockWithoutHeartbeatIsTakenOver(t *testing.T) {
	p := filepath.Join(t.TempDir(), LockFile)
	// a live pid (ours) on another machine whose heartbeat stopped
	os.WriteFile(p, []byte(itoa(os.Getpid())+"\nother-host\n2020-01-01T00:00:00Z\n"), 0o644)
	if _, err := Acquire(p); err == nil {
		t.Fatal("fresh foreign lock must hold")
	}
	old := time.Now().Add(-StaleAfter - time.Minute)
	os.Chtimes(p, old, old)
	l, err := Acquire(p)
	if err != nil {
		t.Fatalf("stale lock not taken over: %v", err)
	}
	l.Release()
}

func itoa(i int) string { return strconv.Itoa(i) }
