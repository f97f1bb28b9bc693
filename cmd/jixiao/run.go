package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	_ "time/tzdata" // Asia/Shanghai on Windows too

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/jixiao/jixiao/pipeline/batch"
	"github.com/jixiao/jixiao/pipeline/config"
	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/pipeline/ledger"
	"github.com/jixiao/jixiao/pipeline/mail"
)

var (
	runConfig string
	runWait   time.Duration
)

var runCmd = &cobra.Command{
	Use:   "run [--config jixiao.yaml]",
	Short: "处理一遍工作区的 inbox，然后退出（供计划任务调用）",
	Long: `run 对工作区做一遍无人值守的处理：取走 inbox 中已复制完成的工作簿，
并行生成报告（out/年度/），把工作簿移到 done/ 或 failed/（附 .error.txt），
发送（或存入 outbox/）邮件，并更新 汇总表.xlsx，然后退出。

退出码：0 全部成功；1 用法错误或无法运行（如另一个 jixiao 正在处理同一工作区）；
2 至少有一个工作簿未能生成报告（其余的照常处理）。日志写到标准错误。`,
	Args: cobra.NoArgs,
	RunE: func(cmd *cobra.Command, _ []string) error {
		cfg, err := loadConfig(runConfig)
		if err != nil {
			return err
		}
		tty := isatty.IsTerminal(os.Stderr.Fd()) || isatty.IsCygwinTerminal(os.Stderr.Fd())
		bar := newProgress(os.Stderr, tty)
		log := newLogger(bar, tty)
		r, err := openRunner(cfg, log)
		if err != nil {
			return &exitError{code: exitFatal, msg: err.Error()}
		}
		defer r.Close()
		r.Progress = bar.Update
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		start := time.Now()
		sum, err := r.Pass(ctx, batch.Options{WaitSettle: true, LockWait: runWait})
		bar.Done()
		if err != nil {
			var le *inbox.LockedError
			if errors.As(err, &le) {
				return &exitError{code: exitFatal, msg: le.Error()}
			}
			if errors.Is(err, context.Canceled) {
				log.Warn("收到停止信号，已安全退出；未处理完的文件下次运行时接着处理")
				return &exitError{code: exitFatal}
			}
			return &exitError{code: exitFatal, msg: err.Error()}
		}
		report := passReport(sum, time.Since(start))
		switch {
		case tty:
			fmt.Fprintln(os.Stderr, report)
		case sum.Touched() || sum.Mail != (mail.Stats{}):
			log.Info(report)
		default:
			// Nothing arrived: stay quiet, so cron does not mail every run.
			log.Debug(report)
		}
		if sum.AnyFailed() {
			return &exitError{code: exitPartial}
		}
		return nil
	},
}

func init() {
	runCmd.Flags().StringVar(&runConfig, "config", "", "配置文件（默认：环境变量 JIXIAO_CONFIG，或当前目录的 jixiao.yaml）")
	runCmd.Flags().DurationVar(&runWait, "wait", 0, "另一次运行正在处理本工作区时，最多等待多久（例如 5m）；默认不等待，立即以退出码 1 退出")
	root.AddCommand(runCmd)
}

// configPath is the configuration to use: the flag, $JIXIAO_CONFIG, or
// ./jixiao.yaml.
func configPath(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv("JIXIAO_CONFIG"); env != "" {
		return env
	}
	return config.FileName
}

func loadConfig(flag string) (*config.Config, error) {
	p := configPath(flag)
	cfg, err := config.Load(p)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && flag == "" {
			return nil, &exitError{code: exitFatal, msg: fmt.Sprintf(
				"找不到配置文件 %s。请先用 jixiao init 目录 建立工作区，再在该目录中运行，或用 --config 指定配置文件", p)}
		}
		return nil, &exitError{code: exitFatal, msg: err.Error()}
	}
	return cfg, nil
}

// openRunner prepares the pipeline (template and PDF maker, once) and the
// workspace.
func openRunner(cfg *config.Config, log *slog.Logger) (*batch.Runner, error) {
	r, err := openRunnerOnce(cfg, log)
	// What status says about the last start: why it failed, or nothing.
	if l, lerr := ledger.Open(cfg.DatabasePath()); lerr == nil {
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		l.SetState(ledger.StateRunError, msg)
		l.Close()
	}
	return r, err
}

func openRunnerOnce(cfg *config.Config, log *slog.Logger) (*batch.Runner, error) {
	tp := cfg.TemplatePath()
	if tp != "" {
		if _, err := os.Stat(tp); err != nil {
			return nil, fmt.Errorf("配置的 Word 模板 %s 不存在；请检查 %s 中的 template，或删掉该行使用内置模板", tp, cfg.Path)
		}
	}
	p, err := buildPipeline(tp, cfg.Compute())
	if err != nil {
		return nil, err
	}
	// Checked when the configuration was read.
	p.Date, _ = cfg.Date()
	r, err := batch.Open(cfg, p, log)
	if err != nil {
		return nil, err
	}
	installTestHooks(r)
	return r, nil
}

// installTestHooks lets the end-to-end tests kill the real binary at a
// chosen moment: JIXIAO_TEST_HOOK=kill=STAGE:N (STAGE taken, staged,
// recorded, moved) or kill-after-send=N.
func installTestHooks(r *batch.Runner) {
	h := os.Getenv("JIXIAO_TEST_HOOK")
	if h == "" {
		return
	}
	die := func() {
		p, _ := os.FindProcess(os.Getpid())
		p.Kill()
		select {}
	}
	var seen atomic.Int32
	switch {
	case strings.HasPrefix(h, "kill="):
		stage, nth, _ := strings.Cut(strings.TrimPrefix(h, "kill="), ":")
		n, _ := strconv.Atoi(nth)
		r.Hook = func(s, _ string) {
			if s == stage && int(seen.Add(1)) == n {
				die()
			}
		}
	case strings.HasPrefix(h, "kill-after-send="):
		n, _ := strconv.Atoi(strings.TrimPrefix(h, "kill-after-send="))
		r.AfterSend = func(*ledger.Mail) {
			if int(seen.Add(1)) == n {
				die()
			}
		}
	}
}

// passReport is the one-line account of a pass.
func passReport(s *batch.Summary, d time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "完成（%.1f 秒）：生成报告 %d 个，失败 %d 个，重复 %d 个", d.Seconds(), s.Processed, s.Failed, s.Duplicates)
	if s.Waiting > 0 {
		fmt.Fprintf(&b, "，仍在复制留待下次 %d 个", s.Waiting)
	}
	if len(s.Unreadable) > 0 {
		fmt.Fprintf(&b, "，无法读取（权限不足）%d 个（%s，请检查文件权限）", len(s.Unreadable), strings.Join(s.Unreadable, "、"))
	}
	if len(s.Trouble) > 0 {
		fmt.Fprintf(&b, "，因磁盘或权限问题未完成 %d 个（留在 processing，下次重试）", len(s.Trouble))
	}
	m := s.Mail
	if m != (mail.Stats{}) {
		fmt.Fprintf(&b, "；邮件：已发送 %d，存入 outbox %d，待重试 %d，失败 %d，待核实 %d", m.Sent, m.Outbox, m.Retry, m.Failed, m.Uncertain)
	}
	if s.MailErr != nil {
		fmt.Fprintf(&b, "；邮件服务器：%v", s.MailErr)
	}
	if len(s.Summaries) > 0 {
		fmt.Fprintf(&b, "；汇总表：%s", strings.Join(s.Summaries, "、"))
	}
	return b.String()
}

// progress draws a bar on a terminal; elsewhere it is silent (the log
// lines say what happens).
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	on       bool
	start    time.Time
	drawn    bool
	lastDraw time.Time
}

func newProgress(w io.Writer, tty bool) *progress {
	return &progress{w: w, on: tty, start: time.Now()}
}

func (p *progress) Update(done, total int) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if done < total && now.Sub(p.lastDraw) < 100*time.Millisecond {
		return
	}
	p.lastDraw = now
	const width = 30
	fill := width * done / max(total, 1)
	rate := float64(done) / max(now.Sub(p.start).Seconds(), 0.001)
	fmt.Fprintf(p.w, "\r\033[K处理中 [%s%s] %d/%d  %.1f 个/秒", strings.Repeat("█", fill), strings.Repeat("░", width-fill), done, total, rate)
	p.drawn = true
}

// clear removes the bar before a log line is written.
func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

func (p *progress) Done() {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

// barWriter clears the bar before each log record.
type barWriter struct{ p *progress }

func (b barWriter) Write(d []byte) (int, error) {
	b.p.mu.Lock()
	defer b.p.mu.Unlock()
	b.p.clear()
	return b.p.w.Write(d)
}

// newLogger logs on stderr: every step as plain lines when nobody watches,
// only warnings and errors under the bar on a terminal. JIXIAO_LOG (debug,
// info, warn, error) overrides the level, e.g. warn under cron so that only
// trouble is mailed.
func newLogger(p *progress, tty bool) *slog.Logger {
	level := slog.LevelInfo
	if tty {
		level = slog.LevelWarn
	}
	switch strings.ToLower(os.Getenv("JIXIAO_LOG")) {
	case "debug":
		level = slog.LevelDebug
	case "info":
		level = slog.LevelInfo
	case "warn", "warning":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	}
	return slog.New(slog.NewTextHandler(barWriter{p}, &slog.HandlerOptions{Level: level}))
}
