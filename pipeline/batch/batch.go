package batch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/config"
	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/pipeline/ledger"
	"github.com/jixiao/jixiao/pipeline/mail"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/jixiao/jixiao/pipeline/report"
	"github.com/jixiao/jixiao/pipeline/summary"
	"github.com/jixiao/jixiao/pipeline/view"
)

// Processor turns one workbook into its reports (report.Pipeline is one):
// Evaluate reads and computes; Recompute computes again with last year's
// figures without reading again; Write renders once into outDir under
// stem (a *report.RenderError is the workbook's failure).
type Processor interface {
	Evaluate(path string, hist *compute.History) *report.Result
	Recompute(res *report.Result, hist *compute.History) *report.Result
	Write(res *report.Result, outDir, stem string) error
}

// Runner works one workspace. Open it once; call Pass for every pass.
type Runner struct {
	Cfg  *config.Config
	WS   inbox.Workspace
	L    *ledger.Ledger
	Proc Processor
	Log  *slog.Logger
	// Settler remembers what it saw between passes (watch).
	Settler *inbox.Settler
	// Progress, when set, is told how far a pass is.
	Progress func(done, total int)
	// Hook, when set, is called at each stage of a workbook ("taken",
	// "staged", "recorded", "moved"); tests use it to kill the process at
	// a chosen moment.
	Hook func(stage, name string)
	// AfterSend is passed to the mail queue (tests).
	AfterSend func(m *ledger.Mail)
	// MailSession, when set (watch), pauses mailing after a mail
	// configuration error instead of connecting again every pass (see
	// mail.Queue.Session).
	MailSession string
	Now         func() time.Time

	hashMu sync.Mutex
	hashes map[string]*hashLock
	// pubMu makes choosing a report's name in out/, moving it there and
	// recording it one step, so two workbooks never take one name.
	pubMu sync.Mutex
	// published are the reports published in this pass, by department,
	// year and kind.
	published map[string]item
}

type hashLock struct {
	sync.Mutex
	users int
}

// lockHash serialises the work on one content.
func (r *Runner) lockHash(h string) func() {
	r.hashMu.Lock()
	if r.hashes == nil {
		r.hashes = map[string]*hashLock{}
	}
	l := r.hashes[h]
	if l == nil {
		l = &hashLock{}
		r.hashes[h] = l
	}
	l.users++
	r.hashMu.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		r.hashMu.Lock()
		if l.users--; l.users == 0 {
			delete(r.hashes, h)
		}
		r.hashMu.Unlock()
	}
}

// Open prepares a workspace: its folders and its ledger.
func Open(cfg *config.Config, proc Processor, log *slog.Logger) (*Runner, error) {
	ws := inbox.Workspace{Root: cfg.Workspace}
	if err := ws.Ensure(); err != nil {
		return nil, err
	}
	l, err := ledger.Open(cfg.DatabasePath())
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.Default()
	}
	return &Runner{Cfg: cfg, WS: ws, L: l, Proc: proc, Log: log, Settler: &inbox.Settler{Settle: cfg.Settle}, Now: time.Now}, nil
}

// Close closes the ledger.
func (r *Runner) Close() error { return r.L.Close() }

// Summary is what a pass did.
type Summary struct {
	Processed  int // workbooks that gave a report
	Failed     int // workbooks that could not
	Duplicates int // identical re-drops, moved to done/ without processing
	Resumed    int // taken back from processing/
	Waiting    int // still being copied: left for the next pass
	// Unreadable are inbox files that settled but may not be read
	// (permissions): they stay in inbox/ until someone fixes that.
	Unreadable []string
	Years      []int
	Summaries  []string // 汇总表 files written
	Mail       mail.Stats
	MailErr    error
	// Trouble are files that could not be finished for reasons of the
	// machine (disk full, permissions); they stay in processing/ and are
	// taken up again next pass.
	Trouble []string
}

// AnyFailed is whether the pass must exit with the "partial" code.
func (s *Summary) AnyFailed() bool { return s.Failed > 0 || len(s.Trouble) > 0 }

// Touched is whether the pass processed anything.
func (s *Summary) Touched() bool { return s.Processed+s.Failed+s.Duplicates+s.Resumed > 0 }

// Options of one pass.
type Options struct {
	// Wait for files that are still settling (run: once, the settle
	// interval); watch passes leave them to the next scan instead.
	WaitSettle bool
	// SkipMail leaves the mail queue alone.
	SkipMail bool
	// LockWait is how long to wait for another run holding the workspace
	// to finish before giving up with a *inbox.LockedError.
	LockWait time.Duration
}

type item struct {
	path    string // in processing/
	name    string // the name it was dropped under
	resumed bool
	// mod is the file's modification time: of two versions of one report
	// taken in the same pass, the later one is the latest submission.
	mod time.Time
}

// Pass is one pass over the workspace. It returns a *inbox.LockedError
// when another run holds the workspace.
func (r *Runner) Pass(ctx context.Context, opt Options) (*Summary, error) {
	lock, err := inbox.Acquire(r.WS.Dir(inbox.LockFile))
	deadline := time.Now().Add(opt.LockWait)
	for err != nil && time.Now().Before(deadline) {
		var le *inbox.LockedError
		if !errors.As(err, &le) {
			break
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
		lock, err = inbox.Acquire(r.WS.Dir(inbox.LockFile))
	}
	if err != nil {
		var le *inbox.LockedError
		if errors.As(err, &le) {
			le.Loc = r.Cfg.Location() // one time zone everywhere
		}
		return nil, err
	}
	defer lock.Release()
	sum := &Summary{}
	r.pubMu.Lock()
	r.published = map[string]item{}
	r.pubMu.Unlock()
	// Staging is ours alone (we hold the lock): whatever is there is the
	// half-written output of a killed run.
	os.RemoveAll(r.WS.Dir(inbox.Staging))

	items, err := r.collect(ctx, opt, sum)
	if err != nil {
		return sum, err
	}
	years := map[int]bool{}
	var runID int64
	if len(items) > 0 {
		// Only passes that take files up are recorded as runs (watch
		// rescans every minute).
		if runID, err = r.L.StartRun(os.Getpid()); err != nil {
			return sum, err
		}
		r.Log.Info("开始处理", "files", len(items), "workers", r.Cfg.WorkerCount())
		r.work(ctx, items, sum, years)
	}
	os.RemoveAll(r.WS.Dir(inbox.Staging))

	if !opt.SkipMail && ctx.Err() == nil {
		q := &mail.Queue{L: r.L, Cfg: r.Cfg.Mail, Workspace: r.WS, OutboxDir: r.WS.Dir(inbox.Outbox),
			Log: r.Log, AfterSend: r.AfterSend, Now: r.Now, Session: r.MailSession}
		sum.Mail, sum.MailErr = q.Flush(ctx)
		var ce *mail.ConfigError
		switch {
		case errors.As(sum.MailErr, &ce):
			// One clear message; nothing was counted against the mails.
			r.Log.Error(ce.Msg)
		case sum.MailErr != nil:
			r.Log.Error("邮件未能发送，已留在队列中，稍后自动重试", "err", sum.MailErr)
		}
	}
	// Mail delivered (or given up) since the 汇总表 was written changes
	// its mail column: it is written again then too.
	if mailed := sum.Mail != (mail.Stats{}); sum.Touched() || mailed {
		if mailed {
			if ys, err := r.L.Years(); err == nil {
				for _, y := range ys {
					years[y] = true
				}
			}
		}
		if err := r.writeSummaries(years, sum); err != nil {
			r.Log.Error("无法写入汇总表", "err", err)
		}
	}
	if runID != 0 {
		r.L.EndRun(runID, sum.Processed, sum.Failed, sum.Duplicates)
	}
	return sum, ctx.Err()
}

// collect gathers the files of this pass: those left in processing/ by a
// killed run, then the settled files of the inbox, moved into processing/.
func (r *Runner) collect(ctx context.Context, opt Options, sum *Summary) ([]item, error) {
	var items []item
	left, err := inbox.List(r.WS.Dir(inbox.Processing))
	if err != nil {
		return nil, err
	}
	for _, e := range left {
		items = append(items, item{path: e.Path, name: dropName(e.Name), resumed: true, mod: e.ModTime})
		sum.Resumed++
	}
	if len(left) > 0 {
		r.Log.Warn("上次运行未完成，接着处理 processing 中的文件", "files", len(left))
	}
	inDir := r.WS.Dir(inbox.Inbox)
	ready, waiting, err := r.Settler.Scan(inDir)
	if err != nil {
		return nil, err
	}
	if opt.WaitSettle && len(waiting) > 0 {
		select {
		case <-time.After(r.Cfg.Settle):
		case <-ctx.Done():
			return items, nil
		}
		ready, waiting, err = r.Settler.Scan(inDir)
		if err != nil {
			return nil, err
		}
	}
	for _, e := range waiting {
		if e.Unreadable {
			// Not being copied: waiting will not help, someone has to act.
			sum.Unreadable = append(sum.Unreadable, e.Name)
			if r.Settler.FirstWarning(e.Path) {
				r.Log.Warn("inbox 中的文件无法读取（权限不足），未处理；请让放入文件的人检查文件权限，或给运行 jixiao 的账户读取权限",
					"file", e.Name)
			}
			continue
		}
		sum.Waiting++
		r.Log.Info("文件可能仍在复制中，留待下次处理", "file", e.Name)
	}
	for _, e := range ready {
		// The name is kept; a clash with a file already in processing/
		// gets a suffix that dropName takes off again.
		dst := inbox.FreeName(r.WS.Dir(inbox.Processing), e.Name)
		if dst != filepath.Join(r.WS.Dir(inbox.Processing), e.Name) {
			dst = filepath.Join(r.WS.Dir(inbox.Processing), fmt.Sprintf("%s.%d%s", strings.TrimSuffix(e.Name, filepath.Ext(e.Name)), time.Now().UnixNano(), filepath.Ext(e.Name))+takeSuffix)
		}
		if err := os.Rename(e.Path, dst); err != nil {
			r.Log.Warn("无法取走文件（可能仍被占用），留待下次处理", "file", e.Name, "err", err)
			sum.Waiting++
			continue
		}
		r.Settler.Forget(e.Path)
		r.hook("taken", e.Name)
		items = append(items, item{path: dst, name: e.Name, mod: e.ModTime})
	}
	return items, nil
}

// takeSuffix marks a processing/ name that was changed to avoid a clash.
const takeSuffix = ".jx"

// dropName undoes the clash renaming of collect.
func dropName(n string) string {
	if !strings.HasSuffix(n, takeSuffix) {
		return n
	}
	n = strings.TrimSuffix(n, takeSuffix)
	ext := filepath.Ext(n)
	stem := strings.TrimSuffix(n, ext)
	if i := strings.LastIndexByte(stem, '.'); i > 0 {
		if _, err := strconv.ParseInt(stem[i+1:], 10, 64); err == nil {
			stem = stem[:i]
		}
	}
	return stem + ext
}

func (r *Runner) hook(stage, name string) {
	if r.Hook != nil {
		r.Hook(stage, name)
	}
}

func (r *Runner) work(ctx context.Context, items []item, sum *Summary, years map[int]bool) {
	var mu sync.Mutex
	done := 0
	record := func(it item, out outcome) {
		mu.Lock()
		defer mu.Unlock()
		switch out.kind {
		case done_:
			sum.Processed++
			years[out.year] = true
		case failed_:
			sum.Failed++
		case duplicate_:
			sum.Duplicates++
		case finished_:
			// a resumed file whose outcome was already recorded
			if out.year != 0 {
				years[out.year] = true
			}
		case trouble_:
			sum.Trouble = append(sum.Trouble, it.name)
		}
		done++
		if r.Progress != nil {
			r.Progress(done, len(items))
		}
	}
	// The files a killed run had started on come first, one at a time:
	// if one of them kills the process again, the others are not started
	// with it and do not use up their tries for its sake.
	suspects, rest := r.suspects(items)
	for _, it := range suspects {
		if ctx.Err() != nil {
			return
		}
		record(it, r.one(it))
	}
	ch := make(chan item)
	var wg sync.WaitGroup
	for w := 0; w < r.Cfg.WorkerCount(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range ch {
				record(it, r.one(it))
			}
		}()
	}
	for _, it := range rest {
		if ctx.Err() != nil {
			// Shutting down: what was not started stays where it is
			// (processing/) and is taken up next time.
			break
		}
		ch <- it
	}
	close(ch)
	wg.Wait()
}

// suspects splits off the items a killed run had started processing (the
// ledger has them as processing): one of them may be what killed it.
func (r *Runner) suspects(items []item) (suspects, rest []item) {
	started := map[string]bool{}
	if rows, err := r.L.WithStatus(ledger.Processing); err == nil {
		for _, f := range rows {
			started[f.Stored] = true
		}
	}
	for _, it := range items {
		if it.resumed && started[r.WS.Rel(it.path)] {
			suspects = append(suspects, it)
		} else {
			rest = append(rest, it)
		}
	}
	return suspects, rest
}

type kind int

const (
	done_ kind = iota
	failed_
	duplicate_
	finished_
	trouble_
)

type outcome struct {
	kind kind
	year int
}

// one takes a workbook from processing/ to done/ or failed/.
func (r *Runner) one(it item) outcome {
	log := r.Log.With("file", it.name)
	hash, size, err := inbox.Hash(it.path)
	if err != nil {
		log.Error("无法读取文件", "err", err)
		return outcome{kind: trouble_}
	}
	// Two identical files in one pass: the second waits for the first and
	// then finds it done (a duplicate), instead of both being processed.
	unlock := r.lockHash(hash)
	defer unlock()
	prev, err := r.L.ByHash(hash)
	if err != nil {
		log.Error("无法读取处理记录", "err", err)
		return outcome{kind: trouble_}
	}
	var restart *ledger.File
	for _, p := range prev {
		if it.resumed && p.Status != ledger.Processing && p.Stored != "" && !exists(r.WS.Abs(p.Stored)) {
			// Recorded, then killed before the move: finish the move.
			return r.finishMove(it, p, log)
		}
	}
	for _, p := range prev {
		switch {
		case p.Status == ledger.Done:
			latest, err := r.isLatest(p)
			if err != nil {
				log.Error("无法读取处理记录", "err", err)
				return outcome{kind: trouble_}
			}
			if latest {
				return r.duplicate(it, hash, size, p, log)
			}
			// An earlier version sent again after a later one (v1, v2,
			// v1): it is the latest submission now, and is processed.
			log.Info("与早先处理过的版本内容相同，但其后已有新版本；按最新提交重新处理", "same_as", p.Name)
		case p.Status == ledger.Processing && restart == nil:
			restart = p
		}
		if p.Status == ledger.Done {
			break
		}
	}
	var id int64
	stored := r.WS.Rel(it.path)
	tries := 1
	if restart != nil {
		id = restart.ID
		tries, err = r.L.Restart(id, it.name, stored)
	} else {
		id, err = r.L.Begin(it.name, hash, size, stored)
	}
	if err != nil {
		log.Error("无法写入处理记录", "err", err)
		return outcome{kind: trouble_}
	}
	if max := r.Cfg.MaxTries; max > 0 && tries > max {
		return r.giveUp(it, id, restart, log)
	}
	return r.safeProcess(it, id, log)
}

// isLatest reports whether a processed file's report is still the latest
// of its department, year and kind (a file without them counts as latest).
func (r *Runner) isLatest(p *ledger.File) (bool, error) {
	if p.Department == "" || p.Year == 0 {
		return true, nil
	}
	cur, err := r.L.Current(p.Department, p.Year, p.Kind)
	if err != nil {
		return false, err
	}
	return cur == 0 || cur == p.ID, nil
}

// giveUp moves a workbook that was taken up MaxTries times without
// finishing (each run was killed or crashed on it, or its report could
// not be written) to failed/, so that it stops holding up later runs.
func (r *Runner) giveUp(it item, id int64, f *ledger.File, log *slog.Logger) outcome {
	last := ""
	if f != nil {
		last = f.LastError
	}
	if last == "" {
		last = "程序在处理时被中断（可能因内存不足被系统终止，或被强制关闭）"
	}
	fs := finding.List{{File: it.name, Severity: finding.Error,
		Message: fmt.Sprintf("已尝试处理 %d 次，每次都未能完成。最后一次的原因：%s", r.Cfg.MaxTries, last),
		Hint:    "请检查文件是否过大或已损坏（用 Excel 或 WPS 打开后另存一份）；仍不行请把文件和本说明交给系统管理员"}}
	log.Error("多次尝试仍未能处理，已移到 failed，不再重试", "tries", r.Cfg.MaxTries, "last", last)
	return r.fail(it, id, &report.Result{Source: it.path, Findings: fs}, log)
}

// safeProcess is process with a panic in a library (a malformed workbook
// the reader or a renderer did not expect) turned into that workbook's
// failure: the run goes on with the other files, and the file leaves
// processing/ instead of crashing every later run.
func (r *Runner) safeProcess(it item, id int64, log *slog.Logger) (out outcome) {
	defer func() {
		if v := recover(); v != nil {
			out = r.panicked(it, id, v, debug.Stack(), log)
		}
	}()
	return r.process(it, id, log)
}

func (r *Runner) panicked(it item, id int64, v any, stack []byte, log *slog.Logger) outcome {
	log.Error("处理此文件时程序内部出错，已移到 failed", "panic", fmt.Sprint(v), "stack", string(stack))
	fs := finding.List{{File: it.name, Severity: finding.Error,
		Message: fmt.Sprintf("程序处理此文件时发生内部错误（%v），未能生成报告", v),
		Hint:    "请用 Excel 或 WPS 打开此文件，另存为“Excel 工作簿（*.xlsx）”后重新放入 inbox；仍不行请把文件和本说明交给系统管理员"}}
	return r.fail(it, id, &report.Result{Source: it.path, Findings: fs}, log)
}

// work is what reading, computing and rendering one workbook gave.
type work struct {
	res      *report.Result
	err      error // from Write
	panicked any
	stack    []byte
}

// evaluateAndWrite reads, computes and renders a workbook (into stage
// only: nothing is published here) under the workbook time limit. A
// workbook that takes longer is given up: its goroutine cannot be
// stopped, but whatever it still does stays in the staging folder, which
// is removed, and the process's other work goes on.
func (r *Runner) evaluateAndWrite(src, stage string) (work, bool) {
	ch := make(chan work, 1)
	go func() {
		var w work
		defer func() {
			if v := recover(); v != nil {
				w.panicked, w.stack = v, debug.Stack()
			}
			ch <- w
		}()
		w.res = r.Proc.Evaluate(src, nil)
		if !w.res.Failed() {
			if hist := r.history(w.res.Eval); hist != nil {
				w.res = r.Proc.Recompute(w.res, hist)
			}
		}
		if !w.res.Failed() {
			w.err = r.Proc.Write(w.res, stage, report.Stem(w.res.Eval))
		}
	}()
	limit := r.Cfg.WorkbookTimeout
	if limit <= 0 {
		return <-ch, false
	}
	t := time.NewTimer(limit)
	defer t.Stop()
	select {
	case w := <-ch:
		return w, false
	case <-t.C:
		return work{}, true
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func (r *Runner) finishMove(it item, p *ledger.File, log *slog.Logger) outcome {
	dst := r.WS.Abs(p.Stored)
	os.MkdirAll(filepath.Dir(dst), 0o755)
	if err := os.Rename(it.path, dst); err != nil {
		log.Error("无法移动文件", "err", err)
		return outcome{kind: trouble_}
	}
	log.Info("上次运行已处理完，补完移动", "to", r.WS.Rel(dst))
	return outcome{kind: finished_, year: p.Year}
}

func (r *Runner) duplicate(it item, hash string, size int64, p *ledger.File, log *slog.Logger) outcome {
	dst := inbox.FreeName(r.WS.Dir(inbox.Done), it.name)
	note := fmt.Sprintf("此文件与 %s 处理过的“%s”内容完全相同（SHA-256 %s），未重复处理，也未重复发送邮件。\n原报告：%s\n",
		p.FinishedAt.In(r.Cfg.Location()).Format("2006-01-02 15:04"), p.Name, hash[:16], strings.Join(p.Outputs, "、"))
	if _, err := r.L.Duplicate(it.name, hash, size, r.WS.Rel(dst), p.ID, note); err != nil {
		log.Error("无法写入处理记录", "err", err)
		return outcome{kind: trouble_}
	}
	if err := inbox.WriteFileAtomic(dst+".重复说明.txt", []byte(bom+note)); err != nil {
		log.Warn("无法写入说明文件", "err", err)
	}
	if err := os.Rename(it.path, dst); err != nil {
		log.Error("无法移动文件", "err", err)
		return outcome{kind: trouble_}
	}
	log.Info("内容与已处理的文件相同，不再处理", "same_as", p.Name)
	return outcome{kind: duplicate_}
}

// bom starts the .txt notes so that Notepad on older Windows reads UTF-8.
const bom = "\ufeff"

func (r *Runner) process(it item, id int64, log *slog.Logger) outcome {
	stage := filepath.Join(r.WS.Dir(inbox.Staging), strconv.FormatInt(id, 10))
	defer os.RemoveAll(stage)
	if err := os.MkdirAll(stage, 0o755); err != nil {
		log.Error("无法创建临时目录", "err", err)
		return outcome{kind: trouble_}
	}
	// Process under the dropped name, so the outputs are named after it.
	src := it.path
	if filepath.Base(it.path) != it.name {
		src = filepath.Join(stage, "src", it.name)
		os.MkdirAll(filepath.Dir(src), 0o755)
		if err := os.Link(it.path, src); err != nil {
			src = it.path
		}
	}
	var res *report.Result
	if !inbox.IsWorkbook(it.name) {
		res = &report.Result{Source: it.path, Findings: finding.List{{File: it.name, Severity: finding.Error,
			Message: "这不是 Excel 工作簿（.xlsx），jixiao 无法处理",
			Hint:    "请用 Excel 或 WPS 打开绩效自评表，另存为“Excel 工作簿（*.xlsx）”后再放入 inbox"}}}
	} else {
		w, timedOut := r.evaluateAndWrite(src, stage)
		switch {
		case timedOut:
			limit := r.Cfg.WorkbookTimeout
			log.Error("处理时间超过上限，已停止处理此文件并移到 failed", "limit", limit.String())
			res = &report.Result{Source: it.path, Findings: finding.List{{File: it.name, Severity: finding.Error,
				Message: fmt.Sprintf("处理时间超过 %s 仍未完成，已停止处理此文件", limit),
				Hint:    "文件可能过大或结构异常（例如大量合并单元格、层层嵌套的内容）；请用 Excel 或 WPS 打开后另存为新的 .xlsx，删去无关的工作表后重新放入 inbox"}}}
		case w.panicked != nil:
			return r.panicked(it, id, w.panicked, w.stack, log)
		default:
			res = w.res
		}
		if err := w.err; err != nil && !timedOut {
			var re *report.RenderError
			if !errors.As(err, &re) {
				log.Error("无法写出报告，文件留在 processing 中，下次运行时重试", "err", err)
				r.L.Unfinished(id, "无法写出报告："+err.Error())
				return outcome{kind: trouble_}
			}
			// The content could not be rendered: the workbook's failure.
			res.Findings = append(res.Findings, finding.Finding{File: it.name, Severity: finding.Error,
				Message: "无法生成报告：" + re.Error(),
				Hint:    "请检查自评表中的文字和数字是否有异常内容（例如极长的文字、特殊符号），修改后重新放入 inbox"})
			res.Files = nil
		}
	}
	// The clerk's own workbook back, marked (核查版), staged with the rest.
	if c, err := report.WriteCheckedAs(res, stage, "核查.xlsx"); err != nil {
		log.Warn("无法生成核查版", "err", err)
	} else {
		res.Checked = c
	}
	r.hook("staged", it.name)
	if res.Failed() {
		return r.fail(it, id, res, log)
	}
	return r.publish(it, id, res, log)
}

// publish moves a workbook's staged outputs into out/<year>/ under the
// name of its department, year and kind, records it and moves the
// workbook to done/. A name another department's report already has gets
// a short suffix instead of replacing that report; the same department,
// year and kind replaces its earlier report (the latest submission wins).
func (r *Runner) publish(it item, id int64, res *report.Result, log *slog.Logger) outcome {
	ev := res.Eval
	year := ev.Year
	kind := report.Kind(ev)
	outDir := r.WS.Dir(filepath.Join(inbox.Out, yearDir(year)))
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		log.Error("无法创建输出目录", "err", err)
		r.L.Unfinished(id, "无法创建输出目录："+err.Error())
		return outcome{kind: trouble_}
	}
	r.pubMu.Lock()
	defer r.pubMu.Unlock()
	key := ev.Department + "\x00" + strconv.Itoa(year) + "\x00" + kind
	if p, ok := r.published[key]; ok && ev.Department != "" && year != 0 && newer(p, it) {
		return r.olderVersion(it, id, res, p, log)
	}
	stem := report.Stem(ev)
	taken := func(stem string) (bool, error) {
		for _, f := range res.Files {
			rel := r.WS.Rel(filepath.Join(outDir, stem+filepath.Ext(f)))
			if t, err := r.L.OutputTaken(rel, ev.Department, year, kind); t || err != nil {
				return t, err
			}
		}
		return false, nil
	}
	t, err := taken(stem)
	if err == nil && t {
		stem += "-" + report.ClashSuffix(ev.Department, year, kind)
		if t, err = taken(stem); err == nil && t {
			err = fmt.Errorf("报告文件名 %s 已被另一份报告使用", stem)
		}
	}
	if err != nil {
		log.Error("无法读取处理记录", "err", err)
		return outcome{kind: trouble_}
	}
	var outputs []string
	for _, f := range res.Files {
		dst := filepath.Join(outDir, stem+filepath.Ext(f))
		if err := os.Rename(f, dst); err != nil {
			log.Error("无法写出报告", "err", err)
			r.L.Unfinished(id, "无法写出报告："+err.Error())
			return outcome{kind: trouble_}
		}
		outputs = append(outputs, r.WS.Rel(dst))
	}
	if res.Checked != "" {
		// Beside the report it belongs to; not attached to the superiors' mail.
		dst := filepath.Join(outDir, stem+"-核查.xlsx")
		if err := os.Rename(res.Checked, dst); err != nil {
			log.Error("无法写出核查版", "err", err)
			r.L.Unfinished(id, "无法写出核查版："+err.Error())
			return outcome{kind: trouble_}
		}
		outputs = append(outputs, r.WS.Rel(dst))
	}
	dst := inbox.FreeName(r.WS.Dir(inbox.Done), it.name)
	o := ledger.Outcome{
		Status: ledger.Done, Title: Title(ev), Kind: kind, Department: ev.Department, Year: year,
		Score: ev.TotalScore, Grade: ev.Grade, Warnings: len(res.Findings),
		Findings: lines(res.Findings), Outputs: outputs, Metrics: metrics(ev),
		Recipients: r.Cfg.Mail.Recipients(ev.Department), Stored: r.WS.Rel(dst),
	}
	if res.Checked != "" {
		o.ReturnTo = r.Cfg.Mail.ReturnRecipients(ev.Department)
	}
	if len(ev.Funds) > 0 {
		o.Rate = ev.Funds[0].Rate
	}
	if !r.recordAndMove(it, id, o, dst, log) {
		return outcome{kind: trouble_}
	}
	if r.published != nil {
		r.published[key] = it
	}
	log.Info("已生成报告", "department", ev.Department, "year", year, "score", num2(ev), "grade", ev.Grade,
		"warnings", len(res.Findings), "report", stem)
	return outcome{kind: done_, year: year}
}

// newer reports whether a was submitted after b: both taken in one pass,
// the later modified one (the clerk's later save), then the later name.
func newer(a, b item) bool {
	if !a.mod.Equal(b.mod) {
		return a.mod.After(b.mod)
	}
	return a.name > b.name
}

// olderVersion records a workbook of which a later version was published
// in the same pass: it is done, but its report is neither published nor
// mailed (workers finish in any order; the latest submission wins).
func (r *Runner) olderVersion(it item, id int64, res *report.Result, latest item, log *slog.Logger) outcome {
	ev := res.Eval
	dst := inbox.FreeName(r.WS.Dir(inbox.Done), it.name)
	o := ledger.Outcome{
		Status: ledger.Done, Title: Title(ev), Kind: report.Kind(ev), Department: ev.Department, Year: ev.Year,
		Score: ev.TotalScore, Grade: ev.Grade, Warnings: len(res.Findings), Findings: lines(res.Findings),
		Note:   fmt.Sprintf("同一批中还有本部门同年度的更新版本“%s”，以它为准；本文件的报告未发布，也未发送邮件。", latest.name),
		Stored: r.WS.Rel(dst),
	}
	if !r.recordAndMove(it, id, o, dst, log) {
		return outcome{kind: trouble_}
	}
	log.Info("同一批中有本部门同年度的更新版本，以新版本为准，本文件未发布", "newer", latest.name)
	return outcome{kind: done_, year: ev.Year}
}

// recordAndMove writes the outcome to the ledger, then moves the workbook
// out of processing/ to dst: in that order, so a crash between the two
// leaves a recorded file that the next run only has to move.
func (r *Runner) recordAndMove(it item, id int64, o ledger.Outcome, dst string, log *slog.Logger) bool {
	if err := r.L.Finish(id, o); err != nil {
		log.Error("无法写入处理记录", "err", err)
		return false
	}
	r.hook("recorded", it.name)
	if err := os.Rename(it.path, dst); err != nil {
		log.Error("无法移动文件", "err", err)
		return false
	}
	r.hook("moved", it.name)
	return true
}

func (r *Runner) fail(it item, id int64, res *report.Result, log *slog.Logger) outcome {
	dst := inbox.FreeName(r.WS.Dir(inbox.Failed), it.name)
	text := ErrorText(it.name, res.Findings)
	if res.Checked != "" {
		// Beside the .error.txt: the same problems, marked on the clerk's cells.
		c := strings.TrimSuffix(dst, filepath.Ext(dst)) + "-核查.xlsx"
		if err := os.Rename(res.Checked, c); err != nil {
			log.Error("无法写出核查版", "err", err)
			return outcome{kind: trouble_}
		}
		text += "\r\n同一文件夹中的“" + filepath.Base(c) + "”是您的工作簿的核查版：上述问题已在单元格上标红并加了批注，可直接在其中修改后另存提交。\r\n"
	}
	if err := inbox.WriteFileAtomic(dst+".error.txt", []byte(bom+text)); err != nil {
		log.Error("无法写入错误说明", "err", err)
		return outcome{kind: trouble_}
	}
	o := ledger.Outcome{Status: ledger.Failed, Errors: len(res.Findings.Errors()),
		Warnings: len(res.Findings.Warnings()), Findings: lines(res.Findings), Stored: r.WS.Rel(dst)}
	if ev := res.Eval; ev != nil {
		o.Department, o.Year = ev.Department, ev.Year
	} else if ev := res.Draft; ev != nil {
		o.Department, o.Year = ev.Department, ev.Year
	} else if wb := res.Workbook; wb != nil {
		// Refused by the reader: the form still names its department.
		switch {
		case wb.Department != nil && wb.Department.Name != "":
			o.Department = wb.Department.Name
		case len(wb.Projects) > 0:
			o.Department = wb.Projects[0].Department
		}
	}
	if res.Checked != "" {
		o.ReturnTo = r.Cfg.Mail.ReturnRecipients(o.Department)
	}
	if !r.recordAndMove(it, id, o, dst, log) {
		return outcome{kind: trouble_}
	}
	first := ""
	if errs := res.Findings.Errors(); len(errs) > 0 {
		first = errs[0].String()
	}
	log.Warn("无法处理，已移到 failed，见 .error.txt", "error", first)
	return outcome{kind: failed_}
}

// ErrorText is the failed/<name>.error.txt a clerk reads.
func ErrorText(name string, fs finding.List) string {
	var b strings.Builder
	fmt.Fprintf(&b, "文件“%s”无法生成评价报告。\n\n", name)
	errs, warns := fs.Errors(), fs.Warnings()
	b.WriteString("需要修改的问题：\n")
	for i, f := range errs {
		f.File = ""
		fmt.Fprintf(&b, "%d. %s\n", i+1, where(f))
		b.WriteString("   " + f.Message + "\n")
		if f.Hint != "" {
			b.WriteString("   修改方法：" + f.Hint + "\n")
		}
	}
	if len(warns) > 0 {
		b.WriteString("\n另外请注意（不影响生成报告）：\n")
		for i, f := range warns {
			f.File = ""
			fmt.Fprintf(&b, "%d. %s\n", i+1, f.String())
		}
	}
	b.WriteString("\n改好后，把文件重新放进 inbox 文件夹即可（可以用原来的文件名）。\n")
	return strings.ReplaceAll(b.String(), "\n", "\r\n")
}

func where(f finding.Finding) string {
	switch {
	case f.Sheet != "" && f.Cell != "":
		return "工作表“" + f.Sheet + "”，单元格 " + f.Cell + "："
	case f.Sheet != "":
		return "工作表“" + f.Sheet + "”："
	}
	return "整个文件："
}

func lines(fs finding.List) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		f.File = ""
		out = append(out, f.String())
	}
	return out
}

func yearDir(y int) string {
	if y == 0 {
		return "未知年度"
	}
	return strconv.Itoa(y)
}

func num2(ev *compute.Evaluation) string {
	if !ev.TotalScore.Valid {
		return "—"
	}
	return ev.TotalScore.D.StringFixed(2)
}

// Title is the report's name, as the .docx title says it (view.Title):
// the mail subject and the attachments' names use it.
func Title(ev *compute.Evaluation) string { return view.Title(ev) }

// metrics are the figures kept for next year's growth.
func metrics(ev *compute.Evaluation) *ledger.Metrics {
	if ev.Department == "" || ev.Year == 0 {
		return nil
	}
	m := &ledger.Metrics{Department: ev.Department, Year: ev.Year, TotalScore: ev.TotalScore, Grade: ev.Grade,
		Indicators: map[string]string{}, Projects: map[string]num.Opt{}}
	m.Key = report.Kind(ev)
	if len(ev.Funds) > 0 {
		m.Rate, m.FundExecuted = ev.Funds[0].Rate, ev.Funds[0].Executed
	}
	for _, in := range ev.Indicators {
		if in.Name != "" && in.ActualText != "" {
			m.Indicators[in.Name] = in.ActualText
		}
	}
	for _, p := range ev.Projects {
		if len(p.Funds) > 0 {
			m.Projects[p.Name] = p.Funds[0].Executed
		}
	}
	return m
}

// history is last year's figures when the ledger has them and the
// workbook lacks some base they give.
func (r *Runner) history(ev *compute.Evaluation) *compute.History {
	if ev == nil || ev.Department == "" || ev.Year == 0 {
		return nil
	}
	h, err := r.L.History(ev.Department, ev.Year-1)
	if err != nil || h == nil {
		return nil
	}
	for _, in := range ev.Indicators {
		if _, ok := h.Indicators[in.Name]; ok && !in.Previous.Valid {
			return h
		}
	}
	if len(ev.Funds) > 0 && !ev.Funds[0].Previous.Valid && h.FundExecuted.Valid {
		return h
	}
	for _, p := range ev.Projects {
		if _, ok := h.Projects[p.Name]; ok {
			return h
		}
	}
	return nil
}

func (r *Runner) writeSummaries(years map[int]bool, sum *Summary) error {
	failed, err := r.L.WithStatus(ledger.Failed)
	if err != nil {
		return err
	}
	// Only failures still lying in failed/ (a fixed re-drop supersedes them).
	var still []*ledger.File
	for _, f := range failed {
		if _, err := os.Stat(r.WS.Abs(f.Stored)); err == nil {
			still = append(still, f)
		}
	}
	if len(years) == 0 {
		if ys, _ := r.L.Years(); len(ys) > 0 {
			years[ys[0]] = true
		} else if len(still) > 0 {
			years[0] = true
		}
	}
	var errs []error
	for y := range years {
		if y == 0 && len(years) > 1 {
			continue
		}
		rows, err := r.L.Year(y)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p := filepath.Join(r.WS.Dir(inbox.Out), yearDir(y), summary.FileName)
		// One time zone everywhere: the configured one (status shows
		// the same times).
		if err := summary.Write(p, y, rows, still, r.Now().In(r.Cfg.Location())); err != nil {
			errs = append(errs, err)
			continue
		}
		sum.Years = append(sum.Years, y)
		sum.Summaries = append(sum.Summaries, r.WS.Rel(p))
	}
	sort.Ints(sum.Years)
	return errors.Join(errs...)
}
