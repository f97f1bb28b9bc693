package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/config"
	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/pipeline/ledger"
)

// TestStatusShowsAttemptsPermissionAndMailConfig (issue 13, items 2, 6
// and 7): a run against a real SMTP server with the wrong security setting
// keeps the mail queued and status says what to change; a file that may
// not be read and a workbook tried twice have their own lines.
func TestStatusShowsAttemptsPermissionAndMailConfig(t *testing.T) {
	_, port := startSink(t)
	dir, cfgPath := newWorkspace(t)
	y := strings.Replace(config.Sample, "settle: 3s", "settle: 100ms", 1)
	y = strings.Replace(y, "  to: []", "  to: [a@czj.example.cn]", 1)
	// security: tls against a plain (STARTTLS) server.
	y = strings.NewReplacer(`host: ""`, `host: "127.0.0.1"`, "port: 465", "port: "+strconv.Itoa(port),
		"auth: login", `auth: ""`, `from: ""`, `from: "jx@example.cn"`, "timeout: 30s", "timeout: 5s").Replace(y)
	os.WriteFile(cfgPath, []byte(y), 0o644)
	copyTo(t, sampleWB, filepath.Join(dir, "inbox", "绩效自评表.xlsx"))
	if got := run([]string{"run", "--config", cfgPath}); got != exitOK {
		t.Fatalf("run: exit %d", got)
	}
	l, err := ledger.Open(filepath.Join(dir, ledger.FileName))
	if err != nil {
		t.Fatal(err)
	}
	ms, _ := l.MailsWithStatus(ledger.MailPending)
	if len(ms) != 1 || ms[0].Attempts != 0 {
		t.Fatalf("the mail is not queued untouched: %+v", ms)
	}
	// A workbook two runs did not finish.
	p := filepath.Join(dir, "processing", "大表.xlsx")
	os.WriteFile(p, []byte("x"), 0o644)
	id, _ := l.Begin("大表.xlsx", "h-big", 1, "processing/大表.xlsx")
	l.Restart(id, "大表.xlsx", "processing/大表.xlsx")
	l.Unfinished(id, "无法写出报告：no space left on device")
	l.Close()
	// A file the service account may not read.
	locked := filepath.Join(dir, "inbox", "锁定.xlsx")
	os.WriteFile(locked, []byte("x"), 0)
	// Item 8: the inbox listing is in the configured zone (Asia/Shanghai).
	at := time.Date(2026, 1, 1, 16, 30, 0, 0, time.UTC)
	os.Chtimes(locked, at, at)
	old := inbox.Open
	inbox.Open = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		if name == locked {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
		}
		return old(name, flag, perm)
	}
	defer func() { inbox.Open = old }()

	out, code := statusOutput(t, "--config", cfgPath)
	if code != exitOK {
		t.Fatal(code)
	}
	for _, w := range []string{
		"邮件配置错误", "security 改为 starttls", "保留在队列中",
		"01-02 00:30  锁定.xlsx（无法读取（权限不足））", "检查文件权限",
		"大表.xlsx（已尝试 2 次，共 3 次后移到 failed/；上次未完成：无法写出报告：no space left on device）",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("status lacks %q:\n%s", w, out)
		}
	}
}
