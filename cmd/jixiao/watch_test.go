package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/config"
)

func TestWatchProcessesDropsAndStopsCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for files")
	}
	dir, cfgPath := newWorkspace(t)
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Settle = time.Second
	cfg.Rescan = 500 * time.Millisecond
	cfg.Schedule = "* * * * *"
	r, err := openRunner(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- watch(ctx, r) }()

	wait := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	// A file copied in slowly (pausing for less than the settle
	// interval) is taken only when complete.
	b, _ := os.ReadFile(sampleWB)
	p := filepath.Join(dir, "inbox", "慢慢复制.xlsx")
	f, _ := os.Create(p)
	f.Write(b[:len(b)/2])
	time.Sleep(700 * time.Millisecond)
	if len(listNames(filepath.Join(dir, "done")))+len(listNames(filepath.Join(dir, "failed"))) != 0 {
		t.Fatal("a half-copied file was taken")
	}
	f.Write(b[len(b)/2:])
	f.Close()
	wait("the report", func() bool { return len(listNames(filepath.Join(dir, "done"))) == 1 })
	if got := listNames(filepath.Join(dir, "failed")); len(got) != 0 {
		t.Fatalf("failed: %v", got)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("watch did not stop")
	}
}
