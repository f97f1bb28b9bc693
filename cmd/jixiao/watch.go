package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/robfig/cron/v3"
	"github.com/spf13/cobra"

	"github.com/jixiao/jixiao/pipeline/batch"
	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/pipeline/mail"
)

var watchConfig string

var watchCmd = &cobra.Command{
	Use:   "watch [--config jixiao.yaml]",
	Short: "常驻运行：文件一放进 inbox 就处理，并按配置的时间表定时处理",
	Long: `watch 一直运行（适合做成 systemd 服务或 Windows 服务）：
inbox 中出现新文件时（复制完成后）立即处理；另外每隔 rescan 重新检查一次 inbox
（网络共享文件夹收不到文件变化通知），并按 schedule（cron 格式，时区 timezone）做全量处理，
包括重试发送失败的邮件。收到 Ctrl+C 或 SIGTERM 时处理完手上的文件后退出，
未开始的文件留在 processing/，下次启动时接着处理。`,
	Args: cobra.NoArgs,
	RunE: func(cmd *cobra.Command, _ []string) error {
		cfg, err := loadConfig(watchConfig)
		if err != nil {
			return err
		}
		log := newLogger(newProgress(os.Stderr, false), false)
		r, err := openRunner(cfg, log)
		if err != nil {
			return &exitError{code: exitFatal, msg: err.Error()}
		}
		defer r.Close()
		// One message for a mail configuration error, not one per rescan.
		r.MailSession = fmt.Sprintf("watch-%d-%d", os.Getpid(), time.Now().UnixNano())
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return watch(ctx, r)
	},
}

func init() {
	watchCmd.Flags().StringVar(&watchConfig, "config", "", "配置文件（默认：环境变量 JIXIAO_CONFIG，或当前目录的 jixiao.yaml）")
	root.AddCommand(watchCmd)
}

// watch runs passes on file events, on every rescan tick and on the
// schedule, until ctx ends.
func watch(ctx context.Context, r *batch.Runner) error {
	cfg, log := r.Cfg, r.Log
	kick := make(chan string, 1)
	trigger := func(reason string) {
		select {
		case kick <- reason:
		default: // a pass is already due
		}
	}
	later := func(d time.Duration, reason string) {
		time.AfterFunc(d, func() { trigger(reason) })
	}

	inboxDir := r.WS.Dir(inbox.Inbox)
	if w, err := fsnotify.NewWatcher(); err != nil {
		log.Warn("无法监视文件变化，只按 rescan 间隔定期检查", "err", err)
	} else {
		defer w.Close()
		if err := w.Add(inboxDir); err != nil {
			log.Warn("无法监视 inbox（网络共享？），只按 rescan 间隔定期检查", "dir", inboxDir, "err", err)
		}
		go func() {
			var debounce *time.Timer
			for {
				select {
				case ev, ok := <-w.Events:
					if !ok {
						return
					}
					if inbox.Ignored(filepath.Base(ev.Name)) || ev.Op == fsnotify.Remove {
						continue
					}
					// Wait for the copy to settle before looking.
					if debounce != nil {
						debounce.Stop()
					}
					debounce = time.AfterFunc(cfg.Settle+200*time.Millisecond, func() { trigger("file") })
				case err, ok := <-w.Errors:
					if !ok {
						return
					}
					log.Warn("文件监视出错，继续定期检查", "err", err)
					trigger("rescan")
				}
			}
		}()
	}

	if cfg.Schedule != "" {
		c := cron.New(cron.WithLocation(cfg.Location()))
		if _, err := c.AddFunc(cfg.Schedule, func() { trigger("schedule") }); err != nil {
			return &exitError{code: exitFatal, msg: "schedule 无效：" + err.Error()}
		}
		c.Start()
		defer c.Stop()
	}
	tick := time.NewTicker(cfg.Rescan)
	defer tick.Stop()

	log.Info("开始监视", "inbox", inboxDir, "schedule", cfg.Schedule, "timezone", cfg.TimeZone, "rescan", cfg.Rescan.String())
	trigger("start")
	for {
		select {
		case <-ctx.Done():
			log.Info("已停止监视")
			return nil
		case <-tick.C:
			trigger("rescan")
		case reason := <-kick:
			start := time.Now()
			sum, err := r.Pass(ctx, batch.Options{})
			var le *inbox.LockedError
			switch {
			case errors.As(err, &le):
				log.Info("另一个 jixiao 正在处理本工作区，稍后再试", "pid", le.PID)
				later(cfg.Settle+5*time.Second, reason)
				continue
			case errors.Is(err, context.Canceled):
				log.Info("收到停止信号，手上的文件已处理完；未开始的文件留待下次启动")
				return nil
			case err != nil:
				log.Error("处理出错", "err", err)
				continue
			}
			if sum.Touched() || sum.Mail != (mail.Stats{}) {
				log.Info(passReport(sum, time.Since(start)), "reason", reason)
			}
			if sum.Waiting > 0 {
				later(cfg.Settle+100*time.Millisecond, "settle")
			}
		}
	}
}
