package batch

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/xuri/excelize/v2"

	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/pipeline/ledger"
)

func mailStates(t *testing.T, r *Runner, dept string) []string {
	t.Helper()
	var out []string
	rows, _ := r.L.Recent(0)
	for _, f := range rows {
		if f.Department != dept || f.Status != ledger.Done {
			continue
		}
		ms, _ := r.L.MailsOf(f.ID)
		for _, m := range ms {
			out = append(out, m.Status)
		}
	}
	return out
}

// TestSameFileNameFromTwoDepartments (item 1): every office names its file
// 绩效自评表.xlsx; neither report, ledger row, 汇总表 line nor pending
// mail of the first is replaced by the second.
func TestSameFileNameFromTwoDepartments(t *testing.T) {
	dir := t.TempDir()
	r := newRunner(t, dir, &stub{})
	drop(t, dir, "绩效自评表.xlsx", workbook("甲局", 2019, "企业数=1家"))
	if _, err := r.Pass(context.Background(), Options{WaitSettle: true, SkipMail: true}); err != nil {
		t.Fatal(err)
	}
	drop(t, dir, "绩效自评表.xlsx", workbook("乙局", 2019, "企业数=2家"))
	// A project-only workbook of 甲局 in the same year is another report too.
	drop(t, dir, "绩效自评表(项目).xlsx", workbook("甲局", 2019, "project=高标准农田", "亩数=3亩"))
	if _, err := r.Pass(context.Background(), Options{WaitSettle: true, SkipMail: true}); err != nil {
		t.Fatal(err)
	}
	out := strings.Join(names(t, filepath.Join(dir, "out", "2019")), ",")
	want := "乙局-2019-部门整体.docx,乙局-2019-部门整体.json,汇总表.xlsx,甲局-2019-部门整体.docx,甲局-2019-部门整体.json,甲局-2019-高标准农田.docx,甲局-2019-高标准农田.json"
	if out != want {
		t.Fatalf("out/2019:\n%s\nwant\n%s", out, want)
	}
	for stem, w := range map[string]string{"甲局-2019-部门整体": "1家", "乙局-2019-部门整体": "2家", "甲局-2019-高标准农田": "3亩"} {
		b, _ := os.ReadFile(filepath.Join(dir, "out", "2019", stem+".json"))
		if !strings.Contains(string(b), w) {
			t.Errorf("%s was overwritten: %s", stem, b)
		}
	}
	rows, _ := r.L.Recent(0)
	seen := map[string]bool{}
	for _, f := range rows {
		k := strings.Join(f.Outputs, ",")
		if seen[k] {
			t.Errorf("two ledger rows share outputs %s", k)
		}
		seen[k] = true
	}
	yr, _ := r.L.Year(2019)
	if len(yr) != 3 {
		t.Errorf("汇总表 has %d lines, want 3", len(yr))
	}
	for _, d := range []string{"甲局", "乙局"} {
		for _, s := range mailStates(t, r, d) {
			if s != ledger.MailPending {
				t.Errorf("%s: mail %s, want pending", d, s)
			}
		}
	}
	pass(t, r)
	if n := len(names(t, filepath.Join(dir, "outbox"))); n != 3 {
		t.Errorf("%d messages, want 3", n)
	}
	// Names that differ only in characters Windows refuses still get two
	// reports: the second one a short suffix.
	drop(t, dir, "a.xlsx", workbook("丙/局", 2019))
	pass(t, r)
	drop(t, dir, "b.xlsx", workbook("丙:局", 2019))
	pass(t, r)
	var bing []string
	for _, n := range names(t, filepath.Join(dir, "out", "2019")) {
		if strings.HasPrefix(n, "丙_局") && strings.HasSuffix(n, ".json") {
			bing = append(bing, n)
		}
	}
	if len(bing) != 2 || bing[1] != "丙_局-2019-部门整体.json" || len(bing[0]) != len("丙_局-2019-部门整体-12345678.json") {
		t.Errorf("clash: %v", bing)
	}
}

// TestSameDepartmentSupersedesOnlyItself (item 1): a new version of a
// department's report replaces its own pending mail, nobody else's.
func TestSameDepartmentSupersedesOnlyItself(t *testing.T) {
	dir := t.TempDir()
	r := newRunner(t, dir, &stub{})
	skip := Options{WaitSettle: true, SkipMail: true}
	drop(t, dir, "甲.xlsx", workbook("甲局", 2019, "企业数=1家"))
	drop(t, dir, "乙.xlsx", workbook("乙局", 2019, "企业数=1家"))
	r.Pass(context.Background(), skip)
	drop(t, dir, "甲-改.xlsx", workbook("甲局", 2019, "企业数=5家"))
	r.Pass(context.Background(), skip)
	got := strings.Join(mailStates(t, r, "甲局"), ",")
	if got != "pending,superseded" {
		t.Errorf("甲局 mails: %s", got)
	}
	if got := strings.Join(mailStates(t, r, "乙局"), ","); got != "pending" {
		t.Errorf("乙局 mails: %s", got)
	}
}

// TestEarlierVersionSentAgainWins (item 3): v1, v2, then v1 again: v1's
// figures are in the report, the 汇总表 and next year's base.
func TestEarlierVersionSentAgainWins(t *testing.T) {
	dir := t.TempDir()
	st := &stub{}
	r := newRunner(t, dir, st)
	v1 := workbook("甲局", 2019, "企业数=110家")
	v2 := strings.Replace(workbook("甲局", 2019, "企业数=120家"), "score=93.5", "score=80", 1)
	for i, v := range []string{v1, v2, v1} {
		drop(t, dir, "绩效自评表.xlsx", v)
		s := pass(t, r)
		if s.Processed != 1 || s.Duplicates != 0 {
			t.Fatalf("version %d: %+v", i+1, s)
		}
	}
	js, _ := os.ReadFile(filepath.Join(dir, "out", "2019", "甲局-2019-部门整体.json"))
	if !strings.Contains(string(js), "110家") {
		t.Fatalf("report has v2's figures: %s", js)
	}
	yr, _ := r.L.Year(2019)
	if len(yr) != 1 || yr[0].Score.D.String() != "93.5" {
		t.Fatalf("汇总表 row: %+v", yr)
	}
	h, _ := r.L.History("甲局", 2019)
	if h.Indicators["企业数"].Text != "110家" && h.Indicators["企业数"].Value.D.String() != "110" {
		t.Fatalf("next year's base: %+v", h.Indicators)
	}
	x, _ := excelize.OpenFile(filepath.Join(dir, "out", "2019", "汇总表.xlsx"))
	defer x.Close()
	if v, _ := x.GetCellValue("汇总", "D4"); v != "93.50" && v != "93.5" {
		t.Fatalf("汇总表 score %q", v)
	}
	// The same content a fourth time, while it is the latest: a duplicate.
	drop(t, dir, "绩效自评表.xlsx", v1)
	if s := pass(t, r); s.Duplicates != 1 {
		t.Fatalf("identical re-drop of the latest: %+v", s)
	}
}

// TestPanicAndRenderErrorFailTheWorkbookOnly (item 2): a panic in a
// library and a document that cannot be rendered send that workbook to
// failed/ with its .error.txt; the others of the pass are done.
func TestPanicAndRenderErrorFailTheWorkbookOnly(t *testing.T) {
	dir := t.TempDir()
	r := newRunner(t, dir, &stub{})
	drop(t, dir, "崩溃.xlsx", workbook("甲局", 2019, "render=panic"))
	drop(t, dir, "长文字.xlsx", workbook("乙局", 2019, "render=bad"))
	drop(t, dir, "好表.xlsx", workbook("丙局", 2019))
	s := pass(t, r)
	if s.Processed != 1 || s.Failed != 2 || len(s.Trouble) != 0 {
		t.Fatalf("%+v", s)
	}
	failed := strings.Join(names(t, filepath.Join(dir, "failed")), ",")
	if failed != "崩溃.xlsx,崩溃.xlsx.error.txt,长文字.xlsx,长文字.xlsx.error.txt" {
		t.Fatalf("failed: %s", failed)
	}
	for name, w := range map[string]string{"崩溃.xlsx": "内部错误", "长文字.xlsx": "无法生成报告"} {
		et, _ := os.ReadFile(filepath.Join(dir, "failed", name+".error.txt"))
		if !strings.Contains(string(et), w) {
			t.Errorf("%s.error.txt lacks %q:\n%s", name, w, et)
		}
	}
	if left := names(t, filepath.Join(dir, "processing")); len(left) != 0 {
		t.Fatalf("processing: %v", left)
	}
}

// TestWorkbookThatNeverFinishesGoesToFailed (item 2): a workbook whose
// report can never be written is retried, counted, and after max_tries
// moved to failed/ instead of being retried forever.
func TestWorkbookThatNeverFinishesGoesToFailed(t *testing.T) {
	dir := t.TempDir()
	r := newRunner(t, dir, &stub{})
	r.Cfg.MaxTries = 3
	drop(t, dir, "大表.xlsx", workbook("甲局", 2019, "render=disk"))
	for i := 1; i <= 3; i++ {
		s := pass(t, r)
		if len(s.Trouble) != 1 {
			t.Fatalf("pass %d: %+v", i, s)
		}
		rows, _ := r.L.Recent(0)
		if len(rows) != 1 || rows[0].Attempts != i || !strings.Contains(rows[0].LastError, "no space left") {
			t.Fatalf("pass %d: %+v", i, rows[0])
		}
	}
	s := pass(t, r)
	if s.Failed != 1 || len(s.Trouble) != 0 {
		t.Fatalf("4th pass: %+v", s)
	}
	et, err := os.ReadFile(filepath.Join(dir, "failed", "大表.xlsx.error.txt"))
	if err != nil || !strings.Contains(string(et), "已尝试处理 3 次") || !strings.Contains(string(et), "no space left") {
		t.Fatalf("error.txt: %v\n%s", err, et)
	}
	if left := names(t, filepath.Join(dir, "processing")); len(left) != 0 {
		t.Fatalf("processing: %v", left)
	}
}

// smtpSink is a real SMTP server (go-smtp) that can be switched off.
type smtpSink struct {
	mu   sync.Mutex
	down bool
	n    int
}

type sinkSess struct{ s *smtpSink }

func (se *sinkSess) Mail(string, *smtp.MailOptions) error {
	se.s.mu.Lock()
	defer se.s.mu.Unlock()
	if se.s.down {
		return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "busy"}
	}
	return nil
}
func (se *sinkSess) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (se *sinkSess) Data(r io.Reader) error {
	io.Copy(io.Discard, r)
	se.s.mu.Lock()
	se.s.n++
	se.s.mu.Unlock()
	return nil
}
func (se *sinkSess) Reset()        {}
func (se *sinkSess) Logout() error { return nil }

func startSMTP(t *testing.T) (*smtpSink, int) {
	s := &smtpSink{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sinkSess{s: s}, nil }))
	srv.Domain = "localhost"
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s, l.Addr().(*net.TCPAddr).Port
}

// TestSummaryFollowsLaterDeliveries (item 8): the 汇总表 written while the
// mail server was busy is written again once a later pass (with nothing
// new in the inbox) delivers; its times are in the configured zone. The
// clock is injected.
func TestSummaryFollowsLaterDeliveries(t *testing.T) {
	dir := t.TempDir()
	s, port := startSMTP(t)
	r := newRunner(t, dir, &stub{})
	r.Cfg.Mail.SMTP.Host, r.Cfg.Mail.SMTP.Port, r.Cfg.Mail.SMTP.Security = "127.0.0.1", port, "none"
	r.Cfg.Mail.SMTP.Auth, r.Cfg.Mail.SMTP.From, r.Cfg.Mail.SMTP.Timeout = "", "jx@example.cn", 5*time.Second
	now := time.Now().Add(time.Hour).Truncate(time.Minute)
	r.Now = func() time.Time { return now }
	r.L.Now = r.Now
	s.down = true
	drop(t, dir, "甲.xlsx", workbook("甲局", 2019))
	pass(t, r)
	read := func() (mailCol, made string) {
		x, err := excelize.OpenFile(filepath.Join(dir, "out", "2019", "汇总表.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		mailCol, _ = x.GetCellValue("汇总", "I4")
		made, _ = x.GetCellValue("汇总", "A2")
		return
	}
	if m, made := read(); !strings.Contains(m, "待重试") || !strings.Contains(made, now.In(r.Cfg.Location()).Format("2006-01-02 15:04")) {
		t.Fatalf("first: %q %q", m, made)
	}
	s.mu.Lock()
	s.down = false
	s.mu.Unlock()
	now = now.Add(r.Cfg.Mail.RetryAfter + time.Minute)
	if sum := pass(t, r); sum.Mail.Sent != 1 {
		t.Fatalf("%+v", sum.Mail)
	}
	if m, _ := read(); m != "已发送 1/1" {
		t.Fatalf("汇总表 kept a stale mail state: %q", m)
	}
}

// denyRead makes path unreadable: chmod 000, and, since root reads every
// file anyway, an opener that answers as the file system would.
func denyRead(t *testing.T, path string) (undo func()) {
	t.Helper()
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	old := inbox.Open
	inbox.Open = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		if name == path {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
		}
		return old(name, flag, perm)
	}
	return func() {
		inbox.Open = old
		os.Chmod(path, 0o644)
	}
}

// TestUnreadableFileIsAWarningNotACopy (item 7): a file without read
// permission is, once settled, a warning "无法读取（权限不足）", not a
// file "still being copied" forever; once readable it is processed.
func TestUnreadableFileIsAWarningNotACopy(t *testing.T) {
	dir := t.TempDir()
	var logs bytes.Buffer
	r := newRunner(t, dir, &stub{})
	r.Log = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	now := time.Now()
	r.Settler.Now = func() time.Time { return now }
	drop(t, dir, "锁定.xlsx", workbook("甲局", 2019))
	undo := denyRead(t, filepath.Join(dir, "inbox", "锁定.xlsx"))
	defer undo()
	opt := Options{}
	s, _ := r.Pass(context.Background(), opt) // first sight: settling
	if s.Waiting != 1 || len(s.Unreadable) != 0 {
		t.Fatalf("first sight: %+v", s)
	}
	now = now.Add(r.Cfg.Settle + time.Second)
	s, _ = r.Pass(context.Background(), opt)
	if s.Waiting != 0 || len(s.Unreadable) != 1 || s.Unreadable[0] != "锁定.xlsx" {
		t.Fatalf("after the settle time: %+v", s)
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "无法读取（权限不足）") {
		t.Fatalf("no warning: %s", logs.String())
	}
	// Said once, not at every rescan.
	logs.Reset()
	now = now.Add(time.Minute)
	r.Pass(context.Background(), opt)
	if strings.Contains(logs.String(), "权限不足") {
		t.Errorf("warned again: %s", logs.String())
	}
	undo()
	now = now.Add(time.Minute)
	if s, _ := r.Pass(context.Background(), opt); s.Processed != 1 {
		t.Fatalf("once readable: %+v", s)
	}
}

// TestWorkbookOverTheTimeLimitIsGivenUp (item 4, the part in batch): a
// workbook that takes longer than workbook_timeout is moved to failed/
// with an explanation, without holding up the pass.
func TestWorkbookOverTheTimeLimitIsGivenUp(t *testing.T) {
	dir := t.TempDir()
	r := newRunner(t, dir, &stub{})
	r.Cfg.WorkbookTimeout = 300 * time.Millisecond
	// Without the limit the pass would wait the whole minute and report it.
	drop(t, dir, "慢.xlsx", workbook("甲局", 2019, "slow=60s"))
	drop(t, dir, "快.xlsx", workbook("乙局", 2019))
	s := pass(t, r)
	if s.Processed != 1 || s.Failed != 1 {
		t.Fatalf("%+v", s)
	}
	et, err := os.ReadFile(filepath.Join(dir, "failed", "慢.xlsx.error.txt"))
	if err != nil || !strings.Contains(string(et), "处理时间超过 300ms") {
		t.Fatalf("%v %s", err, et)
	}
}

// TestTwoVersionsInOnePassLatestWins (item 3): v1 and v2 of one report
// taken in the same pass: v2 (saved later) is published and mailed,
// whichever worker finishes last.
func TestTwoVersionsInOnePassLatestWins(t *testing.T) {
	for _, slow := range []string{"v1", "v2"} {
		t.Run("slow "+slow, func(t *testing.T) {
			dir := t.TempDir()
			r := newRunner(t, dir, &stub{})
			extra := map[string]string{"v1": "企业数=110家", "v2": "企业数=120家"}
			for i, v := range []string{"v1", "v2"} {
				lines := []string{extra[v]}
				if v == slow {
					lines = append(lines, "slow=300ms")
				}
				drop(t, dir, "表-"+v+".xlsx", workbook("甲局", 2019, lines...))
				mod := time.Now().Add(time.Duration(i-10) * time.Minute)
				os.Chtimes(filepath.Join(dir, "inbox", "表-"+v+".xlsx"), mod, mod)
			}
			s := pass(t, r)
			if s.Processed != 2 {
				t.Fatalf("%+v", s)
			}
			js, _ := os.ReadFile(filepath.Join(dir, "out", "2019", "甲局-2019-部门整体.json"))
			if !strings.Contains(string(js), "120家") {
				t.Fatalf("the report is not v2's: %s", js)
			}
			if n := len(names(t, filepath.Join(dir, "outbox"))); n != 1 {
				t.Errorf("%d messages, want v2's only", n)
			}
			h, _ := r.L.History("甲局", 2019)
			if h.Indicators["企业数"].Value.D.String() != "120" {
				t.Errorf("next year's base: %+v", h.Indicators)
			}
		})
	}
}
