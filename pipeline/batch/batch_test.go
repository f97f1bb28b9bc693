package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/config"
	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/pipeline/ledger"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/jixiao/jixiao/pipeline/report"
)

// stub is a stand-in for report.Pipeline. A workbook is a text file:
// "dept=甲局\nyear=2019\nscore=93.5\n企业数=133家"; "bad" is refused;
// "render=bad" cannot be rendered, "render=disk" cannot be written (the
// machine's trouble) and "render=panic" panics in the renderer.
type stub struct {
	delay   time.Duration
	calls   atomic.Int32 // reads (Evaluate)
	recalcs atomic.Int32 // Recompute
	renders atomic.Int32 // Write
	mu      sync.Mutex
	hists   map[string]*compute.History // by source name
}

func (s *stub) Evaluate(path string, hist *compute.History) *report.Result {
	s.calls.Add(1)
	if s.delay > 0 {
		time.Sleep(s.delay)
	}
	return s.eval(path, hist)
}

func (s *stub) Recompute(res *report.Result, hist *compute.History) *report.Result {
	s.recalcs.Add(1)
	return s.eval(res.Source, hist)
}

func (s *stub) eval(path string, hist *compute.History) *report.Result {
	name := filepath.Base(path)
	res := &report.Result{Source: path}
	data, err := os.ReadFile(path)
	if err != nil {
		res.Findings = finding.List{{File: name, Severity: finding.Error, Message: err.Error()}}
		return res
	}
	if strings.HasPrefix(string(data), "bad") {
		res.Findings = finding.List{{File: name, Sheet: "部门整体支出绩效自评表", Cell: "D7", Severity: finding.Error,
			Message: "全年预算数“abc”不是数字", Hint: "请填写数字，单位万元"}}
		return res
	}
	ev := &compute.Evaluation{Source: name, Grade: "优", Funds: []compute.Fund{{Label: "年度资金总额",
		Rate: num.Some(num.MustParse("0.98")), Executed: num.Int(100)}}}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, _ := strings.Cut(line, "=")
		switch k {
		case "dept":
			ev.Department = v
		case "year":
			ev.Year, _ = strconv.Atoi(v)
		case "score":
			ev.TotalScore = num.Some(num.MustParse(v))
		case "project":
			ev.FromProject = true
			ev.Projects = append(ev.Projects, compute.Project{Name: v})
		case "render":
			ev.Unit = v
		case "slow":
			d, _ := time.ParseDuration(v)
			time.Sleep(d)
		case "", "pad":
		default:
			in := compute.Indicator{Name: k, ActualText: v}
			if hist != nil {
				if m, ok := hist.Indicators[k]; ok {
					in.Previous = m.Value
				}
			}
			ev.Indicators = append(ev.Indicators, in)
		}
	}
	if hist != nil {
		s.mu.Lock()
		if s.hists == nil {
			s.hists = map[string]*compute.History{}
		}
		s.hists[name] = hist
		s.mu.Unlock()
	}
	res.Eval = ev
	return res
}

func (s *stub) Write(res *report.Result, outDir, stem string) error {
	s.renders.Add(1)
	switch res.Eval.Unit {
	case "bad":
		return &report.RenderError{Job: "生成Word报告", Err: errors.New("表格单元格内容过长")}
	case "disk":
		return errors.New("no space left on device")
	case "panic":
		var m map[string]int
		m["boom"]++ // a library bug the workbook triggers
	}
	data, err := os.ReadFile(res.Source)
	if err != nil {
		return err
	}
	for _, ext := range []string{".json", ".docx"} {
		p := filepath.Join(outDir, stem+ext)
		if err := os.WriteFile(p, append([]byte(ext+":"), data...), 0o644); err != nil {
			return err
		}
		res.Files = append(res.Files, p)
	}
	return nil
}

func workbook(dept string, year int, extra ...string) string {
	return fmt.Sprintf("dept=%s\nyear=%d\nscore=93.5\n%s", dept, year, strings.Join(extra, "\n"))
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newRunner(t *testing.T, dir string, proc Processor) *Runner {
	t.Helper()
	cfg := config.Default(dir)
	cfg.Settle = 50 * time.Millisecond
	cfg.Workers = 4
	cfg.Mail.To = []string{"boss@czj.example.cn"}
	r, err := Open(cfg, proc, quiet())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func drop(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, inbox.Inbox, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := inbox.List(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

func pass(t *testing.T, r *Runner) *Summary {
	t.Helper()
	s, err := r.Pass(context.Background(), Options{WaitSettle: true})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPassMovesEveryFileToItsPlace(t *testing.T) {
	dir := t.TempDir()
	st := &stub{}
	r := newRunner(t, dir, st)
	drop(t, dir, "甲局.xlsx", workbook("甲局", 2019))
	drop(t, dir, "乙局.xlsx", workbook("乙局", 2019))
	drop(t, dir, "坏表.xlsx", "bad")
	drop(t, dir, "说明.docx", "not a workbook")
	drop(t, dir, "~$甲局.xlsx", "owner file")
	drop(t, dir, ".~lock.乙局.xlsx#", "lo lock")
	s := pass(t, r)
	if s.Processed != 2 || s.Failed != 2 || !s.AnyFailed() {
		t.Fatalf("%+v", s)
	}
	if got := strings.Join(names(t, filepath.Join(dir, "inbox")), ","); got != "" {
		t.Errorf("inbox still has %s", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "inbox", "~$甲局.xlsx")); err != nil {
		t.Error("the Office owner file must be left alone")
	}
	if got := strings.Join(names(t, filepath.Join(dir, "done")), ","); got != "乙局.xlsx,甲局.xlsx" {
		t.Errorf("done: %s", got)
	}
	if got := strings.Join(names(t, filepath.Join(dir, "failed")), ","); got != "坏表.xlsx,坏表.xlsx.error.txt,说明.docx,说明.docx.error.txt" {
		t.Errorf("failed: %s", got)
	}
	et, _ := os.ReadFile(filepath.Join(dir, "failed", "坏表.xlsx.error.txt"))
	for _, want := range []string{"工作表“部门整体支出绩效自评表”，单元格 D7", "不是数字", "修改方法：请填写数字"} {
		if !strings.Contains(string(et), want) {
			t.Errorf("error.txt lacks %q:\n%s", want, et)
		}
	}
	if got := strings.Join(names(t, filepath.Join(dir, "out", "2019")), ","); got != "乙局-2019-部门整体.docx,乙局-2019-部门整体.json,汇总表.xlsx,甲局-2019-部门整体.docx,甲局-2019-部门整体.json" {
		t.Errorf("out: %s", got)
	}
	if n := len(names(t, filepath.Join(dir, "outbox"))); n != 2 {
		t.Errorf("%d .eml", n)
	}
	if got := strings.Join(names(t, filepath.Join(dir, "processing")), ","); got != "" {
		t.Errorf("processing: %s", got)
	}
	if _, err := os.Stat(filepath.Join(dir, inbox.LockFile)); err == nil {
		t.Error("lock left behind")
	}
}

func TestIdenticalAndChangedRedrops(t *testing.T) {
	dir := t.TempDir()
	st := &stub{}
	r := newRunner(t, dir, st)
	drop(t, dir, "甲局.xlsx", workbook("甲局", 2019))
	pass(t, r)
	// The same content again, under the same and under another name.
	drop(t, dir, "甲局.xlsx", workbook("甲局", 2019))
	drop(t, dir, "甲局-副本.xlsx", workbook("甲局", 2019))
	s := pass(t, r)
	if s.Duplicates != 2 || s.Processed != 0 || st.calls.Load() != 1 {
		t.Fatalf("%+v calls %d", s, st.calls.Load())
	}
	done := strings.Join(names(t, filepath.Join(dir, "done")), ",")
	if done != "甲局 (2).xlsx,甲局 (2).xlsx.重复说明.txt,甲局-副本.xlsx,甲局-副本.xlsx.重复说明.txt,甲局.xlsx" {
		t.Fatalf("done: %s", done)
	}
	if n := len(names(t, filepath.Join(dir, "outbox"))); n != 1 {
		t.Fatalf("mailed again: %d .eml", n)
	}
	// A changed file under the same name is a new report.
	drop(t, dir, "甲局.xlsx", workbook("甲局", 2019, "企业数=140家"))
	s = pass(t, r)
	if s.Processed != 1 || st.calls.Load() != 2 {
		t.Fatalf("%+v", s)
	}
	if n := len(names(t, filepath.Join(dir, "outbox"))); n != 2 {
		t.Fatalf("changed report not mailed: %d .eml", n)
	}
	js, _ := os.ReadFile(filepath.Join(dir, "out", "2019", "甲局-2019-部门整体.json"))
	if !strings.Contains(string(js), "140家") {
		t.Fatalf("outputs not replaced: %s", js)
	}
}

func TestIdenticalFilesInOnePassAreProcessedOnce(t *testing.T) {
	dir := t.TempDir()
	st := &stub{delay: 50 * time.Millisecond}
	r := newRunner(t, dir, st)
	for i := 0; i < 4; i++ {
		drop(t, dir, fmt.Sprintf("甲局-%d.xlsx", i), workbook("甲局", 2019))
	}
	s := pass(t, r)
	if s.Processed != 1 || s.Duplicates != 3 || st.calls.Load() != 1 {
		t.Fatalf("%+v calls %d", s, st.calls.Load())
	}
	if n := len(names(t, filepath.Join(dir, "outbox"))); n != 1 {
		t.Fatalf("%d .eml", n)
	}
}

func TestYearOnYearFromTheLedger(t *testing.T) {
	dir := t.TempDir()
	st := &stub{}
	r := newRunner(t, dir, st)
	drop(t, dir, "甲局2018.xlsx", workbook("甲局", 2018, "企业数=110家", "满意度=95%"))
	pass(t, r)
	drop(t, dir, "甲局2019.xlsx", workbook("甲局", 2019, "企业数=133家", "新指标=5个"))
	drop(t, dir, "乙局2019.xlsx", workbook("乙局", 2019, "企业数=1家"))
	pass(t, r)
	h := st.hists["甲局2019.xlsx"]
	if h == nil || h.Year != 2018 {
		t.Fatalf("no history handed to compute: %+v", st.hists)
	}
	if m := h.Indicators["企业数"]; num.Fixed2(m.Value) != "110.00" || m.Unit != "家" {
		t.Errorf("indicator base %+v", m)
	}
	if num.Money(h.FundExecuted) != "100.00" {
		t.Errorf("fund base %v", h.FundExecuted)
	}
	if _, ok := st.hists["乙局2019.xlsx"]; ok {
		t.Error("another department's history was used")
	}
	// Item 9: each workbook is read once and rendered once; 甲局2019 is
	// computed a second time (with history) from what was read.
	if st.calls.Load() != 3 || st.renders.Load() != 3 || st.recalcs.Load() != 1 {
		t.Errorf("reads %d renders %d recomputes %d, want 3, 3, 1", st.calls.Load(), st.renders.Load(), st.recalcs.Load())
	}
}

func TestFileStillBeingCopiedIsLeftForLater(t *testing.T) {
	dir := t.TempDir()
	st := &stub{}
	r := newRunner(t, dir, st)
	r.Cfg.Settle = 300 * time.Millisecond
	p := filepath.Join(dir, "inbox", "大表.xlsx")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(workbook("甲局", 2019))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // an SMB client still writing
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				f.WriteString("\npad=xxxxxxxx")
			}
		}
	}()
	s := pass(t, r)
	close(stop)
	wg.Wait()
	f.Close()
	if s.Processed != 0 || s.Waiting != 1 || st.calls.Load() != 0 {
		t.Fatalf("a growing file was taken: %+v", s)
	}
	s = pass(t, r)
	if s.Processed != 1 {
		t.Fatalf("complete file not taken: %+v", s)
	}
}

func TestTwoRunsNeverOverlap(t *testing.T) {
	dir := t.TempDir()
	r := newRunner(t, dir, &stub{})
	l, err := inbox.Acquire(filepath.Join(dir, inbox.LockFile))
	if err != nil {
		t.Fatal(err)
	}
	drop(t, dir, "甲局.xlsx", workbook("甲局", 2019))
	_, err = r.Pass(context.Background(), Options{})
	var le *inbox.LockedError
	if !errors.As(err, &le) {
		t.Fatalf("want LockedError, got %v", err)
	}
	if len(names(t, filepath.Join(dir, "inbox"))) != 1 {
		t.Fatal("a locked-out pass touched the inbox")
	}
	// With a wait, the pass runs once the other one is done.
	time.AfterFunc(300*time.Millisecond, func() { l.Release() })
	if s, err := r.Pass(context.Background(), Options{WaitSettle: true, LockWait: 5 * time.Second}); err != nil || s.Processed != 1 {
		t.Fatalf("waiting pass: %+v %v", s, err)
	}
	// Two passes at once on one workspace: one works, the other is refused.
	drop(t, dir, "乙局.xlsx", workbook("乙局", 2019))
	r2 := newRunner(t, dir, &stub{})
	slow := func(string, string) { time.Sleep(500 * time.Millisecond) } // hold the lock a while
	r.Hook, r2.Hook = slow, slow
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, rr := range []*Runner{r, r2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = rr.Pass(context.Background(), Options{WaitSettle: true})
		}()
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("exactly one pass should have run: %v", errs)
	}
}

func TestConcurrentDropsAreEachProcessedOnce(t *testing.T) {
	dir := t.TempDir()
	st := &stub{}
	r := newRunner(t, dir, st)
	const writers, each = 4, 15
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				p := filepath.Join(dir, "inbox", fmt.Sprintf("局%d-%02d.xlsx", w, i))
				f, _ := os.Create(p)
				f.WriteString(workbook(fmt.Sprintf("局%d-%d", w, i), 2019))
				time.Sleep(5 * time.Millisecond)
				f.WriteString("\npad=tail")
				f.Close()
			}
		}()
	}
	stop := make(chan struct{})
	passes := make(chan struct{})
	go func() { // passes keep running while files land
		defer close(passes)
		for {
			select {
			case <-stop:
				return
			default:
				r.Pass(context.Background(), Options{WaitSettle: true})
			}
		}
	}()
	wg.Wait()
	close(stop)
	<-passes
	pass(t, r)
	pass(t, r) // whatever was still settling
	done := names(t, filepath.Join(dir, "done"))
	if len(done) != writers*each || int(st.calls.Load()) != writers*each {
		t.Fatalf("done %d calls %d, want %d", len(done), st.calls.Load(), writers*each)
	}
	fs, _ := r.L.WithStatus(ledger.Done)
	if len(fs) != writers*each {
		t.Fatalf("ledger has %d done", len(fs))
	}
}
