package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/jixiao/jixiao/pipeline/config"
	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/pipeline/ledger"
)

// maxWait caps the doubling wait between retries.
const maxWait = 6 * time.Hour

// Queue sends what the ledger has due.
type Queue struct {
	L   *ledger.Ledger
	Cfg config.Mail
	// Workspace resolves the ledger's relative output paths; OutboxDir is
	// where .eml files go when no SMTP server is configured.
	Workspace inbox.Workspace
	OutboxDir string
	Now       func() time.Time
	Log       *slog.Logger
	// AfterSend, when set, is called right after the server took a message
	// and before the ledger records it (tests simulate a crash there).
	AfterSend func(m *ledger.Mail)
	// Session names the long-running process (watch) the queue belongs
	// to: after a configuration error, its later passes do not connect
	// again for ConfigRetry while the settings are unchanged. Empty (every
	// `jixiao run`) tries each time.
	Session string
}

// Stats counts what a flush did.
type Stats struct {
	Sent, Outbox, Retry, Failed, Uncertain int
}

func (q *Queue) now() time.Time {
	if q.Now != nil {
		return q.Now()
	}
	return time.Now()
}

func (q *Queue) log() *slog.Logger {
	if q.Log != nil {
		return q.Log
	}
	return slog.Default()
}

// Recover turns mails a killed run left "sending" into "uncertain".
func (q *Queue) Recover() (int, error) {
	n, err := q.L.RecoverSending()
	if n > 0 {
		q.log().Warn("上次运行在发送邮件时中断，这些邮件是否送达无法确定，未自动重发；请核实后用 jixiao status --resend 重发",
			"count", n)
	}
	return n, err
}

// Flush sends every due mail. The error is for trouble that kept the queue
// from being worked (no password, server unreachable); per-message
// outcomes are in the ledger and counted in Stats.
func (q *Queue) Flush(ctx context.Context) (Stats, error) {
	var st Stats
	if _, err := q.Recover(); err != nil {
		return st, err
	}
	due, err := q.L.Due(q.now())
	if err != nil || len(due) == 0 {
		return st, err
	}
	if q.Cfg.SMTP.Host == "" {
		q.L.SetState(ledger.StateMailConfig, "")
		return q.toOutbox(due)
	}
	if msg, since := q.paused(); msg != "" {
		// The same configuration was refused a moment ago: connecting
		// again every rescan would only repeat the message (and a server
		// may lock an account after repeated failed logins).
		q.log().Info("邮件配置错误尚未改正，暂停发送，邮件仍在队列中；修改配置后下次运行即发送",
			"since", since.Format(time.RFC3339), "retry_after", ConfigRetry.String())
		return st, nil
	}
	return q.send(ctx, due)
}

// ConfigRetry is how long a long-running process pauses mailing after a
// configuration error while its settings are unchanged (a process cannot
// see its environment change; a password file that changes is seen).
const ConfigRetry = 30 * time.Minute

// fingerprint identifies the mail settings (never the password itself; a
// changed password file shows by its modification time).
func (q *Queue) fingerprint() string {
	s := q.Cfg.SMTP
	fp := fmt.Sprintf("%s|%s|%d|%s|%s|%s|%s|%s|%s|%s", q.Session, s.Host, s.Port, s.Security, s.Auth, s.Username, s.From,
		s.CAFile, s.PasswordEnv, s.PasswordFile)
	for _, f := range []string{s.PasswordFile, s.CAFile} {
		if f == "" {
			continue
		}
		if info, err := os.Stat(f); err == nil {
			fp += "|" + info.ModTime().UTC().Format(time.RFC3339Nano)
		}
	}
	return fp
}

// paused is the configuration error that pauses mailing now ("" when
// mailing may go on), and since when.
func (q *Queue) paused() (string, time.Time) {
	if q.Session == "" {
		return "", time.Time{}
	}
	msg, since, err := q.L.State(ledger.StateMailConfig)
	if err != nil || msg == "" {
		return "", time.Time{}
	}
	fp, _, _ := q.L.State(ledger.StateMailConfigKey)
	if fp != q.fingerprint() || q.now().Sub(since) >= ConfigRetry {
		return "", time.Time{}
	}
	return msg, since
}

// report builds the Report a mail carries: the report of a ledger file to
// the superiors, or its checked copy (核查版) back to the clerk.
func (q *Queue) report(m *ledger.Mail) Report {
	f := m.File
	r := Report{Title: f.Title, Score: f.Score, Grade: f.Grade, Rate: f.Rate, Source: f.Name,
		Findings: f.Findings, Hash: f.Hash}
	if r.Title == "" {
		r.Title = strings.TrimSuffix(f.Name, filepath.Ext(f.Name))
	}
	if m.Kind == ledger.MailChecked {
		r.Checked, r.Errors, r.Warnings, r.Made = true, f.Errors, f.Warnings, f.Status == ledger.Done
		r.Hash = f.Hash + "\x00checked"
		name := strings.TrimSuffix(f.Name, filepath.Ext(f.Name)) + "-核查.xlsx"
		if p := checkedPath(f); p != "" {
			r.Attachments = append(r.Attachments, Attachment{Path: q.Workspace.Abs(p), Name: safeName(name)})
		}
		return r
	}
	for _, o := range f.Outputs {
		ext := strings.ToLower(filepath.Ext(o))
		if ext == ".docx" || (ext == ".pdf" && q.Cfg.AttachPDF) {
			r.Attachments = append(r.Attachments, Attachment{Path: q.Workspace.Abs(o), Name: safeName(r.Title) + ext})
		}
	}
	return r
}

// checkedPath is where a file's checked copy is, relative to the
// workspace: among the outputs of a report, or beside the workbook in
// failed/.
func checkedPath(f *ledger.File) string {
	for _, o := range f.Outputs {
		if strings.HasSuffix(o, "-核查.xlsx") {
			return o
		}
	}
	if f.Status == ledger.Failed && f.Stored != "" {
		return strings.TrimSuffix(f.Stored, filepath.Ext(f.Stored)) + "-核查.xlsx"
	}
	return ""
}

// safeName keeps a title usable as a file name on Windows.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 32 || strings.ContainsRune(`\/:*?"<>|`, r) {
			return '_'
		}
		return r
	}, s)
}

func (q *Queue) from() string {
	if q.Cfg.SMTP.From != "" {
		return q.Cfg.SMTP.From
	}
	return "jixiao <jixiao@localhost>"
}

// toOutbox writes one .eml per report, addressed to its due recipients.
func (q *Queue) toOutbox(due []*ledger.Mail) (Stats, error) {
	var st Stats
	type group struct {
		file int64
		kind string
	}
	byFile := map[group][]*ledger.Mail{}
	var order []group
	for _, m := range due {
		g := group{m.FileID, m.Kind}
		if _, ok := byFile[g]; !ok {
			order = append(order, g)
		}
		byFile[g] = append(byFile[g], m)
	}
	for _, id := range order {
		ms := byFile[id]
		f := ms[0].File
		r := q.report(ms[0])
		var to []string
		for _, m := range ms {
			to = append(to, m.Recipient)
		}
		msg, err := Build(r, q.from(), to, MessageID(r.Hash, strings.Join(to, ","), q.from()), q.now())
		if err != nil {
			for _, m := range ms {
				q.L.Fail(m.ID, "无法生成邮件："+err.Error())
				st.Failed++
			}
			q.log().Error("无法生成邮件", "file", f.Name, "err", err)
			continue
		}
		// A stable name: writing it again after a crash replaces the same
		// file instead of adding a copy.
		name := safeName(r.Title) + "-" + short(f.Hash) + ".eml"
		if r.Checked {
			name = safeName(strings.TrimSuffix(f.Name, filepath.Ext(f.Name))) + "-核查-" + short(f.Hash) + ".eml"
		}
		path := filepath.Join(q.OutboxDir, name)
		var buf strings.Builder
		if _, err := msg.WriteTo(&buf); err != nil {
			return st, err
		}
		if err := inbox.WriteFileAtomic(path, []byte(buf.String())); err != nil {
			return st, err
		}
		for _, m := range ms {
			if err := q.L.Sent(m.ID, ledger.MailOutbox, q.Workspace.Rel(path)); err != nil {
				return st, err
			}
			st.Outbox++
		}
		q.log().Info("未配置邮件服务器，邮件已保存到 outbox", "file", f.Name, "eml", q.Workspace.Rel(path), "to", strings.Join(to, ","))
	}
	return st, nil
}

func short(h string) string {
	if len(h) > 8 {
		return h[:8]
	}
	return h
}

// Client makes the go-mail client of the configuration.
func Client(s config.SMTP) (*gomail.Client, error) {
	tc := &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
	if s.CAFile != "" {
		pem, err := os.ReadFile(s.CAFile)
		if err != nil {
			return nil, fmt.Errorf("无法读取证书文件 %s: %w", s.CAFile, err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("证书文件 %s 中没有可用的 PEM 证书", s.CAFile)
		}
		tc.RootCAs = pool
	}
	opts := []gomail.Option{gomail.WithPort(s.Port), gomail.WithTimeout(s.Timeout), gomail.WithTLSConfig(tc)}
	switch s.Security {
	case "tls":
		opts = append(opts, gomail.WithSSL())
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.Auth != "" {
		pw, err := s.Password()
		if err != nil {
			return nil, err
		}
		at := gomail.SMTPAuthPlain
		if s.Auth == "login" {
			at = gomail.SMTPAuthLogin
		}
		opts = append(opts, gomail.WithSMTPAuth(at), gomail.WithUsername(s.Username), gomail.WithPassword(pw))
	}
	return gomail.NewClient(s.Host, opts...)
}

func (q *Queue) send(ctx context.Context, due []*ledger.Mail) (Stats, error) {
	var st Stats
	c, err := Client(q.Cfg.SMTP)
	if err != nil {
		return st, q.stopped(&ConfigError{Err: err, Msg: "邮件配置错误：" + err.Error() + "。" + configHint})
	}
	sc, err := c.DialToSMTPClientWithContext(ctx)
	if err != nil {
		err = classifyDial(q.Cfg.SMTP, err)
		var ce *ConfigError
		if errors.As(err, &ce) {
			// Nothing is counted: the mails wait for the fix.
			return st, q.stopped(ce)
		}
		// The server is down or busy (421): every due mail waits, and the
		// attempt counts.
		reason := "无法连接邮件服务器：" + err.Error()
		for _, m := range due {
			q.retry(m, reason, &st, true)
		}
		return st, fmt.Errorf("无法连接邮件服务器 %s:%d（稍后自动重试）: %w", q.Cfg.SMTP.Host, q.Cfg.SMTP.Port, err)
	}
	q.L.SetState(ledger.StateMailConfig, "")
	defer c.CloseWithSMTPClient(sc)
	for _, m := range due {
		if ctx.Err() != nil {
			break
		}
		r := q.report(m)
		mid := MessageID(r.Hash, m.Recipient, q.from())
		msg, err := Build(r, q.from(), []string{m.Recipient}, mid, q.now())
		if err != nil {
			q.L.Fail(m.ID, "无法生成邮件："+err.Error())
			st.Failed++
			q.log().Error("无法生成邮件", "file", m.File.Name, "to", m.Recipient, "err", err)
			continue
		}
		ok, err := q.L.Sending(m.ID, "<"+mid+">")
		if err != nil {
			return st, err
		}
		if !ok {
			continue // taken by someone else meanwhile
		}
		serr := c.SendWithSMTPClient(sc, msg)
		if q.AfterSend != nil {
			q.AfterSend(m)
		}
		class, reason, cerr := classifySend(q.Cfg.SMTP, msg, serr)
		switch class {
		case sendOK:
			if err := q.L.Sent(m.ID, ledger.MailSent, ""); err != nil {
				return st, err
			}
			st.Sent++
			q.log().Info("邮件已发送", "file", m.File.Name, "to", m.Recipient)
		case sendUncertain:
			q.L.Sent(m.ID, ledger.MailUncertain, reason)
			st.Uncertain++
			q.log().Error("邮件是否送达无法确定，未重发", "file", m.File.Name, "to", m.Recipient, "err", reason)
		case sendConfig:
			q.L.Unsent(m.ID, reason)
			var ce *ConfigError
			errors.As(cerr, &ce)
			return st, q.stopped(ce)
		case sendRetry:
			// Sending already counted the attempt.
			q.retry(m, reason, &st, false)
			if isConnErr(serr) || smtpCode(serr) == 421 {
				// The connection is gone: leave the rest for the next run.
				return st, fmt.Errorf("与邮件服务器的连接中断（稍后自动重试）：%s", reason)
			}
		default:
			q.L.Fail(m.ID, reason)
			st.Failed++
			q.log().Error("收件人被服务器拒绝（永久失败），不再重试；请核对地址后用 jixiao status --resend 编号 重发",
				"file", m.File.Name, "to", m.Recipient, "err", reason)
		}
	}
	return st, nil
}

// stopped records a configuration error (status shows it until a
// connection succeeds) and returns it.
func (q *Queue) stopped(ce *ConfigError) error {
	q.L.SetState(ledger.StateMailConfig, ce.Msg)
	q.L.SetState(ledger.StateMailConfigKey, q.fingerprint())
	return ce
}

// retry puts a mail back for a later run after a temporary failure, with
// a doubling wait; count says the attempt is not yet counted (Sending
// counts the ones handed to the server). When the attempts are used up
// the mail is given up.
func (q *Queue) retry(m *ledger.Mail, reason string, st *Stats, count bool) {
	attempts := m.Attempts + 1
	next := q.now().Add(backoff(q.Cfg.RetryAfter, attempts))
	if attempts >= q.Cfg.MaxAttempts {
		q.L.Fail(m.ID, fmt.Sprintf("重试 %d 次仍失败：%s", attempts, reason))
		st.Failed++
		q.log().Error("邮件多次重试仍失败，已放弃；请检查邮件服务器后用 jixiao status --resend 编号 重发",
			"file", m.File.Name, "to", m.Recipient, "attempts", attempts, "err", reason)
		return
	}
	if count {
		q.L.RetryCounted(m.ID, reason, next)
	} else {
		q.L.Retry(m.ID, reason, next)
	}
	st.Retry++
	q.log().Warn("邮件暂时发送失败，稍后重试", "file", m.File.Name, "to", m.Recipient, "attempt", attempts,
		"next", next.Format(time.RFC3339), "err", reason)
}

// backoff is base·2^(attempts-1), at most maxWait.
func backoff(base time.Duration, attempts int) time.Duration {
	d := base
	for i := 1; i < attempts && d < maxWait; i++ {
		d *= 2
	}
	if d > maxWait {
		d = maxWait
	}
	return d
}

func isConnErr(err error) bool {
	var se *gomail.SendError
	if errors.As(err, &se) {
		return se.ErrorCode() == 0
	}
	return err != nil
}
