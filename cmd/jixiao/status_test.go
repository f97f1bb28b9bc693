package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/config"
	"github.com/jixiao/jixiao/pipeline/ledger"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/jixiao/jixiao/templates"
)

func statusOutput(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var buf bytes.Buffer
	root.SetOut(&buf)
	defer root.SetOut(nil)
	statusAll, statusResend = false, false
	code := run(append([]string{"status"}, args...))
	return buf.String(), code
}

func TestStatusShowsMailProblemsAndResends(t *testing.T) {
	dir, cfg := newWorkspace(t)
	if out, code := statusOutput(t, "--config", cfg); code != exitOK || !strings.Contains(out, "还没有处理记录") {
		t.Fatalf("%d %s", code, out)
	}
	l, err := ledger.Open(filepath.Join(dir, ledger.FileName))
	if err != nil {
		t.Fatal(err)
	}
	id, _ := l.Begin("甲.xlsx", "h", 1, "processing/甲.xlsx")
	l.Finish(id, ledger.Outcome{Status: ledger.Done, Title: "甲局2019年度部门整体支出绩效评价报告", Department: "甲局", Year: 2019,
		Score: num.Some(num.MustParse("93.5")), Grade: "优", Recipients: []string{"a@x.cn", "b@x.cn", "c@x.cn"}})
	due, _ := l.Due(time.Now())
	l.Sending(due[0].ID, "<1@x>") // killed here: becomes uncertain
	l.RecoverSending()
	l.Sending(due[1].ID, "<2@x>")
	l.Fail(due[1].ID, "550 5.1.1 no such user")
	l.Close()

	out, code := statusOutput(t, "--config", cfg)
	if code != exitOK {
		t.Fatal(code)
	}
	for _, w := range []string{"甲局", "93.50", "待核实", "失败", "550 5.1.1", "jixiao status --resend", "a@x.cn"} {
		if !strings.Contains(out, w) {
			t.Errorf("status lacks %q:\n%s", w, out)
		}
	}
	out, code = statusOutput(t, "--config", cfg, "--resend")
	if code != exitOK || !strings.Contains(out, "已把 1 封") {
		t.Fatalf("%d %s", code, out)
	}
	if _, code := statusOutput(t, "--config", cfg, "--resend", "x"); code != exitFatal {
		t.Fatal("a bad id must be refused")
	}
}

func TestTableAlignsChinese(t *testing.T) {
	var b bytes.Buffer
	table(&b, [][]string{{"文件", "状态"}, {"a.xlsx", "已完成"}, {"邵东.xlsx", "失败"}})
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	col := func(s string) int { return cellWidth(s[:strings.Index(s, "失败")]) }
	if got, want := col(lines[3]), cellWidth(lines[2][:strings.Index(lines[2], "已完成")]); got != want {
		t.Fatalf("columns do not line up:\n%s", b.String())
	}
}

// TestResendNoSuchMail: --resend with a number that is no mail says so and
// exits 1, before and after the first run.
func TestResendNoSuchMail(t *testing.T) {
	dir, cfg := newWorkspace(t)
	var buf bytes.Buffer
	stderr = &buf
	defer func() { stderr = os.Stderr }()
	if code := run([]string{"status", "--config", cfg, "--resend", "999"}); code != exitFatal ||
		!strings.Contains(buf.String(), "还没有处理记录，没有编号为 999 的邮件") {
		t.Fatalf("before a run: exit %d, %q", code, buf.String())
	}
	copyTo(t, sampleWB, filepath.Join(dir, "inbox", "a.xlsx"))
	if code := run([]string{"run", "--config", cfg}); code != exitOK {
		t.Fatalf("run exit %d", code)
	}
	buf.Reset()
	if code := run([]string{"status", "--config", cfg, "--resend", "999"}); code != exitFatal ||
		strings.TrimSpace(buf.String()) != "jixiao: 没有编号为 999 的邮件；运行 jixiao status 查看各邮件的编号" {
		t.Fatalf("after a run: exit %d, %q", code, buf.String())
	}
}

// TestStatusExplainsARunThatCouldNotStart: a broken template stops run; status
// says so until a run starts again.
func TestStatusExplainsARunThatCouldNotStart(t *testing.T) {
	dir, cfg := newWorkspace(t)
	tpl := filepath.Join(dir, filepath.FromSlash(config.TemplateFile))
	os.MkdirAll(filepath.Dir(tpl), 0o755)
	if err := os.WriteFile(tpl, []byte("not a docx"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr = io.Discard
	defer func() { stderr = os.Stderr }()
	if code := run([]string{"run", "--config", cfg}); code != exitFatal {
		t.Fatalf("run exit %d", code)
	}
	var buf bytes.Buffer
	root.SetOut(&buf)
	defer root.SetOut(nil)
	statusAll, statusResend = false, false
	run([]string{"status", "--config", cfg})
	if !strings.Contains(buf.String(), "最近一次运行未能开始") || !strings.Contains(buf.String(), "不是有效的 .docx 文件") {
		t.Fatalf("status:\n%s", buf.String())
	}
	if err := os.WriteFile(tpl, templates.DefaultReport, 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"run", "--config", cfg}); code != exitOK {
		t.Fatalf("second run exit %d", code)
	}
	buf.Reset()
	run([]string{"status", "--config", cfg})
	if strings.Contains(buf.String(), "未能开始") {
		t.Errorf("the old trouble is still shown:\n%s", buf.String())
	}
}
