package mail

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/jixiao/jixiao/pipeline/ledger"
)

// checkQueued: after a configuration error every mail is still queued and
// no attempt was used up.
func checkQueued(t *testing.T, f *fixture, n int) {
	t.Helper()
	ms, _ := f.l.MailsOf(f.id)
	if len(ms) != n {
		t.Fatalf("%d mail rows", len(ms))
	}
	for _, m := range ms {
		if m.Status != ledger.MailPending || m.Attempts != 0 {
			t.Errorf("%s: %s after %d attempts, want pending and not counted", m.Recipient, m.Status, m.Attempts)
		}
	}
}

func wantConfigError(t *testing.T, f *fixture, err error, words ...string) {
	t.Helper()
	var ce *ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("want a configuration error, got %T %v", err, err)
	}
	for _, w := range append(words, "仍保留在队列中") {
		if !strings.Contains(ce.Msg, w) {
			t.Errorf("message lacks %q: %s", w, ce.Msg)
		}
	}
	if st, _, _ := f.l.State(ledger.StateMailConfig); st != ce.Msg {
		t.Errorf("status would not show it: %q", st)
	}
}

// TestNoSecurityAgainstSTARTTLSOnlyServerKeepsTheQueue: `security: none`
// against a server that wants STARTTLS first is a configuration error,
// not a permanent failure of every mail; after the fix they go out.
func TestNoSecurityAgainstSTARTTLSOnlyServerKeepsTheQueue(t *testing.T) {
	ts := newTestServer(t, false)
	ts.user = "" // no login, only encryption required
	ts.mailErr = func(se *session) error {
		if _, ok := se.conn.TLSConnectionState(); !ok {
			return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Must issue a STARTTLS command first"}
		}
		return nil
	}
	f := newFixture(t, "a@example.cn", "b@example.cn")
	q := f.queue(ts, "none", "")
	st, err := q.Flush(context.Background())
	wantConfigError(t, f, err, "security", "starttls")
	if st.Failed != 0 {
		t.Fatalf("mails failed: %+v", st)
	}
	checkQueued(t, f, 2)
	// The same again next run: still nothing counted.
	q.Flush(context.Background())
	checkQueued(t, f, 2)
	st, err = f.queue(ts, "starttls", "").Flush(context.Background())
	if err != nil || st.Sent != 2 {
		t.Fatalf("after the fix: %+v %v", st, err)
	}
	if s, _, _ := f.l.State(ledger.StateMailConfig); s != "" {
		t.Errorf("configuration error still shown after the fix: %s", s)
	}
}

// TestWrongPasswordIsAConfigurationError: 535 stops mailing with one
// message and counts nothing.
func TestWrongPasswordIsAConfigurationError(t *testing.T) {
	ts := newTestServer(t, true)
	t.Setenv("JIXIAO_TEST_SMTP_PW", "wrong")
	f := newFixture(t, "a@example.cn")
	for i := 0; i < 3; i++ {
		_, err := f.queue(ts, "tls", "plain").Flush(context.Background())
		wantConfigError(t, f, err, "用户名或密码", "535")
	}
	checkQueued(t, f, 1)
}

// TestSTARTTLSOnImplicitTLSPortSaysSo: instead of a bare "i/o timeout",
// the message names the likely cause and the fix.
func TestSTARTTLSOnImplicitTLSPortSaysSo(t *testing.T) {
	ts := newTestServer(t, true)
	t.Setenv("JIXIAO_TEST_SMTP_PW", ts.pass)
	f := newFixture(t, "a@example.cn")
	q := f.queue(ts, "starttls", "plain")
	q.Cfg.SMTP.Timeout = 500 * time.Millisecond
	_, err := q.Flush(context.Background())
	wantConfigError(t, f, err, "security 改为 tls")
	checkQueued(t, f, 1)
}

// TestTLSOnSTARTTLSPortSaysSo: the other way round.
func TestTLSOnSTARTTLSPortSaysSo(t *testing.T) {
	ts := newTestServer(t, false)
	t.Setenv("JIXIAO_TEST_SMTP_PW", ts.pass)
	f := newFixture(t, "a@example.cn")
	_, err := f.queue(ts, "tls", "plain").Flush(context.Background())
	wantConfigError(t, f, err, "starttls")
	checkQueued(t, f, 1)
}

// TestTransientFailuresBackOffAndCount: 421 and an unreachable server
// count an attempt and wait (doubling) before the next; the clock is
// injected.
func TestTransientFailuresBackOffAndCount(t *testing.T) {
	ts := newTestServer(t, true)
	t.Setenv("JIXIAO_TEST_SMTP_PW", ts.pass)
	busy := true
	ts.mailErr = func(*session) error {
		if busy {
			return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "too busy, try later"}
		}
		return nil
	}
	f := newFixture(t, "a@example.cn")
	now := time.Now().Add(time.Hour).Truncate(time.Second)
	q := f.queue(ts, "tls", "plain")
	q.Now = func() time.Time { return now }
	st, err := q.Flush(context.Background())
	if err == nil || st.Retry != 1 {
		t.Fatalf("421: %+v %v", st, err)
	}
	ms, _ := f.l.MailsOf(f.id)
	if ms[0].Status != ledger.MailRetry || ms[0].Attempts != 1 || !ms[0].NextAt.Equal(now.Add(time.Minute)) {
		t.Fatalf("after 421: %+v", ms[0])
	}
	// Not due yet.
	if st, _ := q.Flush(context.Background()); st != (Stats{}) {
		t.Fatalf("retried before its time: %+v", st)
	}
	// Server gone: connection refused counts too, and the wait doubles.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	down := f.queue(ts, "tls", "plain")
	down.Cfg.SMTP.Port = port
	down.Now = func() time.Time { return now }
	now = now.Add(time.Minute)
	st, err = down.Flush(context.Background())
	var ce *ConfigError
	if err == nil || errors.As(err, &ce) || st.Retry != 1 {
		t.Fatalf("refused: %+v %v", st, err)
	}
	ms, _ = f.l.MailsOf(f.id)
	if ms[0].Attempts != 2 || !ms[0].NextAt.Equal(now.Add(2*time.Minute)) {
		t.Fatalf("after refusal: %+v", ms[0])
	}
	busy = false
	now = now.Add(2 * time.Minute)
	if st, err := q.Flush(context.Background()); err != nil || st.Sent != 1 {
		t.Fatalf("back: %+v %v", st, err)
	}
}

// TestOnlyARecipientsRejectionFailsAMail: 550 on RCPT fails that mail
// only; the others go out.
func TestOnlyARecipientsRejectionFailsAMail(t *testing.T) {
	ts := newTestServer(t, true)
	t.Setenv("JIXIAO_TEST_SMTP_PW", ts.pass)
	ts.rcptErr = func(to string) error {
		if strings.HasPrefix(to, "nobody@") {
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
		}
		return nil
	}
	f := newFixture(t, "nobody@example.cn", "a@example.cn")
	st, err := f.queue(ts, "tls", "plain").Flush(context.Background())
	if err != nil || st.Failed != 1 || st.Sent != 1 {
		t.Fatalf("%+v %v", st, err)
	}
}

func (ts *testServer) connections() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.conns
}

// TestConfigErrorPausesALongRunningProcess: watch rescans every minute; a
// configuration error is said once and the server is not asked again
// (a wrong password repeated may lock the account) until the settings
// change or ConfigRetry has passed. The clock is injected.
func TestConfigErrorPausesALongRunningProcess(t *testing.T) {
	ts := newTestServer(t, true)
	t.Setenv("JIXIAO_TEST_SMTP_PW", "wrong")
	f := newFixture(t, "a@example.cn")
	now := time.Now().Add(time.Hour)
	q := f.queue(ts, "tls", "plain")
	q.Session = "watch-1"
	q.Now = func() time.Time { return now }
	f.l.Now = q.Now
	_, err := q.Flush(context.Background())
	wantConfigError(t, f, err, "用户名或密码")
	now = now.Add(time.Minute)
	if st, err := q.Flush(context.Background()); err != nil || st != (Stats{}) || ts.connections() != 1 {
		t.Fatalf("asked the server again: %+v %v, %d connections", st, err, ts.connections())
	}
	now = now.Add(ConfigRetry)
	if _, err := q.Flush(context.Background()); err == nil || ts.connections() != 2 {
		t.Fatalf("not tried again after %v: %v, %d connections", ConfigRetry, err, ts.connections())
	}
	// The password put right in a password file: seen at once.
	pw := filepath.Join(t.TempDir(), "pw.txt")
	os.WriteFile(pw, []byte(ts.pass+"\n"), 0o600)
	q.Cfg.SMTP.PasswordEnv, q.Cfg.SMTP.PasswordFile = "", pw
	now = now.Add(time.Minute)
	if st, err := q.Flush(context.Background()); err != nil || st.Sent != 1 {
		t.Fatalf("after the fix: %+v %v", st, err)
	}
	checkNone := func() {
		if s, _, _ := f.l.State(ledger.StateMailConfig); s != "" {
			t.Errorf("configuration error still shown: %s", s)
		}
	}
	checkNone()
}
