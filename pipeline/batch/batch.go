package batch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
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

// Processor turns one workbook into its reports (report.Pipeline is one).
type Processor interface {
	Process(path, outDir string, hist *compute.History) (*report.Result, error)
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
	Now       func() time.Time

	hashMu sync.Mutex
	hashes map[string]*hashLock
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
		return nil, err
	}
	defer lock.Release()
	sum := &Summary{}
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
			Log: r.Log, AfterSend: r.AfterSend, Now: r.Now}
		sum.Mail, sum.MailErr = q.Flush(ctx)
		if sum.MailErr != nil {
			r.Log.Error("邮件未能发送，已留在队列中，下次运行时重试", "err", sum.MailErr)
		}
	}
	if sum.Touched() {
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
		items = append(items, item{path: e.Path, name: dropName(e.Name), resumed: true})
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
	sum.Waiting = len(waiting)
	for _, e := range waiting {
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
		items = append(items, item{path: dst, name: e.Name})
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
	ch := make(chan item)
	var wg sync.WaitGroup
	for w := 0; w < r.Cfg.WorkerCount(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range ch {
				out := r.one(it)
				mu.Lock()
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
				mu.Unlock()
			}
		}()
	}
	for _, it := range items {
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
			return r.duplicate(it, hash, size, p, log)
		case p.Status == ledger.Processing && restart == nil:
			restart = p
		}
	}
	var id int64
	stored := r.WS.Rel(it.path)
	if restart != nil {
		id = restart.ID
		err = r.L.Restart(id, it.name, stored)
	} else {
		id, err = r.L.Begin(it.name, hash, size, stored)
	}
	if err != nil {
		log.Error("无法写入处理记录", "err", err)
		return outcome{kind: trouble_}
	}
	return r.process(it, id, log)
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
	var err error
	if !inbox.IsWorkbook(it.name) {
		res = &report.Result{Source: it.path, Findings: finding.List{{File: it.name, Severity: finding.Error,
			Message: "这不是 Excel 工作簿（.xlsx），jixiao 无法处理",
			Hint:    "请用 Excel 或 WPS 打开绩效自评表，另存为“Excel 工作簿（*.xlsx）”后再放入 inbox"}}}
	} else {
		res, err = r.Proc.Process(src, stage, nil)
	}
	if err == nil && res != nil && !res.Failed() {
		if hist := r.history(res.Eval); hist != nil {
			for _, f := range res.Files {
				os.Remove(f)
			}
			res, err = r.Proc.Process(src, stage, hist)
		}
	}
	if err != nil || res == nil {
		log.Error("无法写出报告，文件留在 processing 中，下次运行时重试", "err", err)
		return outcome{kind: trouble_}
	}
	r.hook("staged", it.name)
	if res.Failed() {
		return r.fail(it, id, res, log)
	}
	ev := res.Eval
	year := ev.Year
	outDir := r.WS.Dir(filepath.Join(inbox.Out, yearDir(year)))
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		log.Error("无法创建输出目录", "err", err)
		return outcome{kind: trouble_}
	}
	var outputs []string
	for _, f := range res.Files {
		dst := filepath.Join(outDir, filepath.Base(f))
		if err := os.Rename(f, dst); err != nil {
			log.Error("无法写出报告", "err", err)
			return outcome{kind: trouble_}
		}
		outputs = append(outputs, r.WS.Rel(dst))
	}
	dst := inbox.FreeName(r.WS.Dir(inbox.Done), it.name)
	o := ledger.Outcome{
		Status: ledger.Done, Title: Title(ev), Department: ev.Department, Year: year,
		Score: ev.TotalScore, Grade: ev.Grade, Warnings: len(res.Findings),
		Findings: lines(res.Findings), Outputs: outputs, Metrics: metrics(ev),
		Recipients: r.Cfg.Mail.Recipients(ev.Department), Stored: r.WS.Rel(dst),
	}
	if len(ev.Funds) > 0 {
		o.Rate = ev.Funds[0].Rate
	}
	if !r.recordAndMove(it, id, o, dst, log) {
		return outcome{kind: trouble_}
	}
	log.Info("已生成报告", "department", ev.Department, "year", year, "score", num2(ev), "grade", ev.Grade,
		"warnings", len(res.Findings))
	return outcome{kind: done_, year: year}
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
	if err := inbox.WriteFileAtomic(dst+".error.txt", []byte(bom+ErrorText(it.name, res.Findings))); err != nil {
		log.Error("无法写入错误说明", "err", err)
		return outcome{kind: trouble_}
	}
	o := ledger.Outcome{Status: ledger.Failed, Errors: len(res.Findings.Errors()),
		Warnings: len(res.Findings.Warnings()), Findings: lines(res.Findings), Stored: r.WS.Rel(dst)}
	if ev := res.Eval; ev != nil {
		o.Department, o.Year = ev.Department, ev.Year
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
	if ev.FromProject {
		var names []string
		for _, p := range ev.Projects {
			names = append(names, p.Name)
		}
		sort.Strings(names)
		m.Key = "项目:" + strings.Join(names, "、")
	}
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
		if err := summary.Write(p, y, rows, still, r.Now()); err != nil {
			errs = append(errs, err)
			continue
		}
		sum.Years = append(sum.Years, y)
		sum.Summaries = append(sum.Summaries, r.WS.Rel(p))
	}
	sort.Ints(sum.Years)
	return errors.Join(errs...)
}
