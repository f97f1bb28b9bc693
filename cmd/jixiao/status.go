package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/width"

	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/pipeline/ledger"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/jixiao/jixiao/pipeline/summary"
)

var (
	statusConfig string
	statusAll    bool
	statusResend bool
)

var statusCmd = &cobra.Command{
	Use:   "status [--config jixiao.yaml] [--all] [--resend [编号...]]",
	Short: "查看工作区：哪些文件在等待、处理结果如何、哪些失败、邮件是否发出",
	Long: `status 读取工作区的处理记录（jixiao.db），在标准输出打印：
上次运行、等待处理的文件、最近处理的文件（--all 显示全部）、失败的文件和邮件问题。

--resend 把“待核实”的邮件（程序在发送时中断，无法确定对方是否收到）重新放回发送队列；
请先向收件人核实确实没有收到。后面可跟邮件编号，只重发这几封（也可重发“失败”的邮件）。`,
	RunE: func(cmd *cobra.Command, args []string) error {
		cfg, err := loadConfig(statusConfig)
		if err != nil {
			return err
		}
		ws := inbox.Workspace{Root: cfg.Workspace}
		if _, err := os.Stat(cfg.DatabasePath()); err != nil {
			if statusResend && len(args) > 0 {
				return &exitError{code: exitFatal, msg: fmt.Sprintf("工作区 %s 还没有处理记录，没有编号为 %s 的邮件", ws.Root, args[0])}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "工作区 %s 还没有处理记录（尚未运行过 jixiao run）。\n", ws.Root)
			printWaiting(cmd.OutOrStdout(), ws, cfg.Location())
			return nil
		}
		l, err := ledger.Open(cfg.DatabasePath())
		if err != nil {
			return &exitError{code: exitFatal, msg: err.Error()}
		}
		defer l.Close()
		if statusResend {
			var ids []int64
			for _, a := range args {
				id, err := strconv.ParseInt(a, 10, 64)
				if err != nil {
					return &exitError{code: exitFatal, msg: fmt.Sprintf("邮件编号 %q 不是数字", a)}
				}
				st, found, err := l.MailStatus(id)
				switch {
				case err != nil:
					return &exitError{code: exitFatal, msg: err.Error()}
				case !found:
					return &exitError{code: exitFatal, msg: fmt.Sprintf("没有编号为 %d 的邮件；运行 jixiao status 查看各邮件的编号", id)}
				case st != ledger.MailUncertain && st != ledger.MailFailed:
					return &exitError{code: exitFatal, msg: fmt.Sprintf("编号为 %d 的邮件状态是“%s”，只有“待核实”或“失败”的邮件才需要重新发送", id, mailWords[st])}
				}
				ids = append(ids, id)
			}
			n, err := l.Requeue(ids...)
			if err != nil {
				return &exitError{code: exitFatal, msg: err.Error()}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "已把 %d 封邮件放回发送队列，下次运行 jixiao run 时发送。\n", n)
			return nil
		}
		if len(args) > 0 {
			return &exitError{code: exitFatal, msg: "status 只在 --resend 时接受邮件编号"}
		}
		return printStatus(cmd.OutOrStdout(), ws, l, statusAll, cfg.Location(), cfg.MaxTries)
	},
}

func init() {
	statusCmd.Flags().StringVar(&statusConfig, "config", "", "配置文件（默认：环境变量 JIXIAO_CONFIG，或当前目录的 jixiao.yaml）")
	statusCmd.Flags().BoolVar(&statusAll, "all", false, "列出全部处理记录（默认只列最近 30 个）")
	statusCmd.Flags().BoolVar(&statusResend, "resend", false, "把待核实（或指定编号）的邮件重新放回发送队列")
	root.AddCommand(statusCmd)
}

var statusWords = map[string]string{
	ledger.Processing: "处理中", ledger.Done: "已完成", ledger.Failed: "失败", ledger.Duplicate: "重复（未处理）",
}

var mailWords = map[string]string{
	ledger.MailPending: "待发送", ledger.MailSending: "发送中", ledger.MailSent: "已发送", ledger.MailRetry: "待重试",
	ledger.MailFailed: "失败", ledger.MailUncertain: "待核实", ledger.MailOutbox: "已存入outbox",
	ledger.MailSuperseded: "已被新版本取代",
}

func printWaiting(w io.Writer, ws inbox.Workspace, loc *time.Location) {
	es, _ := inbox.List(ws.Dir(inbox.Inbox))
	fmt.Fprintf(w, "\n等待处理（inbox）：%d 个文件\n", len(es))
	unreadable := false
	for _, e := range es {
		state := ""
		switch inbox.Check(e.Path) {
		case inbox.ErrUnreadable:
			state = "（无法读取（权限不足））"
			unreadable = true
		case inbox.ErrBusy:
			state = "（正在复制或被占用）"
		}
		fmt.Fprintf(w, "  %s  %s%s\n", e.ModTime.In(loc).Format("01-02 15:04"), e.Name, state)
	}
	if unreadable {
		fmt.Fprintln(w, "  “无法读取（权限不足）”：文件不是在复制中，等待不会好转。请让放入文件的人检查文件权限，")
		fmt.Fprintln(w, "  或给运行 jixiao 的账户读取权限；改好后下次运行自动处理。")
	}
}

func printStatus(w io.Writer, ws inbox.Workspace, l *ledger.Ledger, all bool, loc *time.Location, maxTries int) error {
	at := func(t time.Time) string {
		if t.IsZero() {
			return num.Dash
		}
		return t.In(loc).Format("2006-01-02 15:04")
	}
	fmt.Fprintf(w, "工作区：%s\n", ws.Root)
	if r, err := l.LastRun(); err == nil && r != nil {
		end := "未正常结束（被中断？下次运行会接着处理）"
		if !r.Finished.IsZero() {
			end = "至 " + r.Finished.In(loc).Format("15:04:05")
		}
		fmt.Fprintf(w, "上次运行：%s %s，生成报告 %d 个，失败 %d 个，重复 %d 个\n",
			r.Started.In(loc).Format("2006-01-02 15:04:05"), end, r.Processed, r.Failed, r.Duplicates)
	}
	if msg, since, err := l.State(ledger.StateRunError); err == nil && msg != "" {
		fmt.Fprintf(w, "\n最近一次运行未能开始（%s）：\n  %s\n  改正后再运行 jixiao run；在此之前 inbox 中的文件不会被处理。\n", at(since), strings.ReplaceAll(msg, "\n", "\n  "))
	}
	if msg, since, err := l.State(ledger.StateMailConfig); err == nil && msg != "" {
		fmt.Fprintf(w, "\n邮件配置错误（%s 起，邮件暂停发送，均保留在队列中）：\n  %s\n", at(since), msg)
	}
	printWaiting(w, ws, loc)
	if left, _ := inbox.List(ws.Dir(inbox.Processing)); len(left) > 0 {
		fmt.Fprintf(w, "\n正在处理或上次中断（processing）：%d 个文件，下次运行会接着处理\n", len(left))
		tries := map[string]*ledger.File{}
		if rows, err := l.WithStatus(ledger.Processing); err == nil {
			for _, f := range rows {
				tries[f.Stored] = f
			}
		}
		for _, e := range left {
			line := "  " + e.Name
			if f := tries[ws.Rel(e.Path)]; f != nil && f.Attempts > 0 {
				line += fmt.Sprintf("（已尝试 %d 次，共 %d 次后移到 failed/", f.Attempts, maxTries)
				if f.LastError != "" {
					line += "；上次未完成：" + truncate(f.LastError, 60)
				}
				line += "）"
			}
			fmt.Fprintln(w, line)
		}
	}

	n := 30
	if all {
		n = 0
	}
	files, err := l.Recent(n)
	if err != nil {
		return err
	}
	title := "最近处理的文件"
	if all {
		title = "全部处理记录"
	}
	fmt.Fprintf(w, "\n%s：\n", title)
	t := [][]string{{"编号", "处理时间", "文件", "状态", "部门", "年度", "总分", "等级", "执行率", "问题", "邮件"}}
	for _, f := range files {
		year := num.Dash
		if f.Year != 0 {
			year = strconv.Itoa(f.Year)
		}
		mails, _ := l.MailsOf(f.ID)
		counts := map[string]int{}
		for _, m := range mails {
			counts[m.Status]++
		}
		mailText := ""
		switch {
		case f.Status == ledger.Done && len(f.Outputs) == 0 && len(mails) == 0:
			mailText = "不发送（有更新版本）"
		case f.Status == ledger.Done:
			mailText = summary.MailText(counts)
		case f.Status == ledger.Duplicate:
			mailText = "不重复发送"
		}
		when := f.FinishedAt
		if when.IsZero() {
			when = f.SeenAt
		}
		state := statusWords[f.Status]
		if f.Status == ledger.Processing && f.Attempts > 1 {
			state += fmt.Sprintf("（第 %d 次）", f.Attempts)
		}
		if f.Status == ledger.Done && len(f.Outputs) == 0 && f.Note != "" {
			state += "（有更新版本，未发布）"
		}
		t = append(t, []string{strconv.FormatInt(f.ID, 10), at(when), f.Name, state, dash(f.Department), year,
			num.Score(f.Score), dash(f.Grade), num.Percent(f.Rate), strconv.Itoa(len(f.Findings)), mailText})
	}
	if len(files) == 0 {
		fmt.Fprintln(w, "  （无）")
	} else {
		table(w, t)
	}

	failed, err := l.WithStatus(ledger.Failed)
	if err != nil {
		return err
	}
	var still []*ledger.File
	for _, f := range failed {
		if _, err := os.Stat(ws.Abs(f.Stored)); err == nil {
			still = append(still, f)
		}
	}
	if len(still) > 0 {
		fmt.Fprintf(w, "\n失败的文件（在 failed/ 中，说明见同名 .error.txt；改好后重新放进 inbox）：\n")
		for _, f := range still {
			first := ""
			if len(f.Findings) > 0 {
				first = f.Findings[0]
				if len(f.Findings) > 1 {
					first += fmt.Sprintf("（另有 %d 个问题）", len(f.Findings)-1)
				}
			}
			fmt.Fprintf(w, "  %s：%s\n", f.Stored, first)
		}
	}

	problems, err := l.MailsWithStatus(ledger.MailUncertain, ledger.MailFailed, ledger.MailRetry, ledger.MailPending, ledger.MailSending)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		fmt.Fprintf(w, "\n未发出的邮件：\n")
		t := [][]string{{"编号", "报告", "收件人", "状态", "次数", "下次尝试", "原因"}}
		uncertain := false
		for _, m := range problems {
			next := ""
			if m.Status == ledger.MailRetry || m.Status == ledger.MailPending {
				next = at(m.NextAt)
			}
			if m.Status == ledger.MailUncertain {
				uncertain = true
			}
			name := m.File.Title
			if name == "" {
				name = m.File.Name
			}
			t = append(t, []string{strconv.FormatInt(m.ID, 10), name, m.Recipient, mailWords[m.Status],
				strconv.Itoa(m.Attempts), next, truncate(m.LastError, 60)})
		}
		table(w, t)
		if uncertain {
			fmt.Fprintln(w, "  “待核实”：发送时程序中断，无法确定对方是否收到，为避免重复没有自动重发。")
			fmt.Fprintln(w, "  请向收件人核实；确认没收到后运行 jixiao status --resend 编号。")
		}
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return num.Dash
	}
	return s
}

func truncate(s string, n int) string {
	r := []rune(strings.ReplaceAll(s, "\n", " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}

// cellWidth is a string's width on a terminal: Chinese characters take two
// columns.
func cellWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// table prints rows aligned, the first being the header.
func table(w io.Writer, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], cellWidth(c))
		}
	}
	for k, r := range rows {
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-cellWidth(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		if k == 0 {
			var sep strings.Builder
			sep.WriteString("  ")
			total := 0
			for _, wd := range widths {
				total += wd + 2
			}
			sep.WriteString(strings.Repeat("─", total-2))
			fmt.Fprintln(w, sep.String())
		}
	}
}
