package mail

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/jixiao/jixiao/pipeline/config"
	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/pipeline/ledger"
	"github.com/jixiao/jixiao/pipeline/num"
)

// testServer is an SMTP server on 127.0.0.1 that records what it receives.
type testServer struct {
	mu       sync.Mutex
	received []received
	// rcptErr decides a recipient's answer (nil = accept).
	rcptErr func(to string) error
	conns   int // connections taken
	// mailErr decides the answer to MAIL FROM (nil = accept).
	mailErr func(se *session) error
	// dropAfterData closes the connection instead of answering the
	// final "." (the server did queue the message).
	dropAfterData bool
	user, pass    string
	authed        []string
	srv           *smtp.Server
	addr          *net.TCPAddr
	caFile        string
}

type received struct {
	from string
	to   []string
	data []byte
}

type session struct {
	conn *smtp.Conn
	s    *testServer
	from string
	to   []string
	auth bool
}

func (se *session) AuthMechanisms() []string { return []string{sasl.Plain, sasl.Login} }

func (se *session) Auth(mech string) (sasl.Server, error) {
	check := func(user, pass string) error {
		if user != se.s.user || pass != se.s.pass {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		se.auth = true
		se.s.mu.Lock()
		se.s.authed = append(se.s.authed, mech)
		se.s.mu.Unlock()
		return nil
	}
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(identity, user, pass string) error { return check(user, pass) }), nil
	case sasl.Login:
		return &loginServer{check: check}, nil
	}
	return nil, smtp.ErrAuthUnsupported
}

// loginServer is the server side of AUTH LOGIN (go-sasl only has clients).
type loginServer struct {
	check func(user, pass string) error
	step  int
	user  string
}

func (l *loginServer) Next(resp []byte) ([]byte, bool, error) {
	switch l.step {
	case 0:
		l.step++
		if resp != nil {
			l.user = string(resp)
			l.step++
			return []byte("Password:"), false, nil
		}
		return []byte("Username:"), false, nil
	case 1:
		l.user = string(resp)
		l.step++
		return []byte("Password:"), false, nil
	default:
		return nil, true, l.check(l.user, string(resp))
	}
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	if se.s.user != "" && !se.auth {
		return smtp.ErrAuthRequired
	}
	if f := se.s.mailErr; f != nil {
		if err := f(se); err != nil {
			return err
		}
	}
	se.from = from
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if f := se.s.rcptErr; f != nil {
		if err := f(to); err != nil {
			return err
		}
	}
	se.to = append(se.to, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	se.s.mu.Lock()
	se.s.received = append(se.s.received, received{se.from, se.to, b})
	drop := se.s.dropAfterData
	se.s.mu.Unlock()
	if drop {
		// The message is queued, but the answer never reaches the client.
		se.conn.Conn().Close()
		return errDrop
	}
	return nil
}

var errDrop = errors.New("drop")

func (se *session) Reset()        { se.from, se.to = "", nil }
func (se *session) Logout() error { return nil }

func newTestServer(t *testing.T, implicitTLS bool) *testServer {
	t.Helper()
	ts := &testServer{user: "jx@example.cn", pass: "p@ss 密码"}
	cert, caPEM := selfSigned(t)
	ts.caFile = filepath.Join(t.TempDir(), "ca.pem")
	os.WriteFile(ts.caFile, caPEM, 0o644)
	tc := &tls.Config{Certificates: []tls.Certificate{cert}}
	be := smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		ts.mu.Lock()
		ts.conns++
		ts.mu.Unlock()
		return &session{s: ts, conn: c}, nil
	})
	srv := smtp.NewServer(be)
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.ErrorLog = log{t}
	var l net.Listener
	var err error
	if implicitTLS {
		l, err = tls.Listen("tcp", "127.0.0.1:0", tc)
	} else {
		srv.TLSConfig = tc
		l, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	ts.srv, ts.addr = srv, l.Addr().(*net.TCPAddr)
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return ts
}

type log struct{ t *testing.T }

func (l log) Printf(format string, v ...any) {}
func (l log) Println(v ...any)               {}

func selfSigned(t *testing.T) (tls.Certificate, []byte) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "jixiao test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kd, _ := x509.MarshalECPrivateKey(key)
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kd})
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	return cert, certPEM
}

func (ts *testServer) messages() []received {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]received(nil), ts.received...)
}

const title = "邵东市科技和工业信息化局2019年度部门整体支出绩效评价报告"

// fixture is a workspace with a ledger holding one finished report.
type fixture struct {
	ws   inbox.Workspace
	l    *ledger.Ledger
	docx []byte
	id   int64
}

func newFixture(t *testing.T, recipients ...string) *fixture {
	t.Helper()
	ws := inbox.Workspace{Root: t.TempDir()}
	l, err := ledger.Open(filepath.Join(ws.Root, ledger.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	docx := append([]byte("PK\x03\x04"), bytes.Repeat([]byte("报告内容 "), 2000)...)
	out := filepath.Join(ws.Root, "out", "2019", "邵东市科工局2019年度绩效自评表.docx")
	os.MkdirAll(filepath.Dir(out), 0o755)
	os.WriteFile(out, docx, 0o644)
	os.WriteFile(strings.TrimSuffix(out, ".docx")+".pdf", []byte("%PDF-1.4"), 0o644)
	id, _ := l.Begin("邵东市科工局2019年度绩效自评表.xlsx", "abc123", 1, "")
	err = l.Finish(id, ledger.Outcome{
		Status: ledger.Done, Title: title, Department: "邵东市科技和工业信息化局", Year: 2019,
		Score: num.Some(num.MustParse("93.5")), Grade: "优", Rate: num.Some(num.MustParse("0.99971")),
		Findings:   []string{"部门整体!H18: 得分低于分值但未填写偏差原因"},
		Outputs:    []string{ws.Rel(out), ws.Rel(strings.TrimSuffix(out, ".docx") + ".pdf")},
		Recipients: recipients,
	})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{ws: ws, l: l, docx: docx, id: id}
}

func (f *fixture) queue(ts *testServer, security, auth string) *Queue {
	cfg := config.Default(f.ws.Root).Mail
	if ts != nil {
		cfg.SMTP = config.SMTP{Host: "127.0.0.1", Port: ts.addr.Port, Security: security, Auth: auth,
			Username: ts.user, PasswordEnv: "JIXIAO_TEST_SMTP_PW", From: "绩效评价 <jx@example.cn>",
			CAFile: ts.caFile, Timeout: 5 * time.Second}
	}
	cfg.RetryAfter = time.Minute
	return &Queue{L: f.l, Cfg: cfg, Workspace: f.ws, OutboxDir: f.ws.Dir("outbox")}
}

// parsed is a received message decoded the way a client would.
type parsed struct {
	subject, to string
	body        string
	files       map[string][]byte // by RFC 2231 name
	rfc2047     []string          // names decoded from the RFC 2047 form
	messageID   string
}

func parse(t *testing.T, raw []byte) parsed {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var dec mime.WordDecoder
	p := parsed{files: map[string][]byte{}, messageID: m.Header.Get("Message-Id")}
	p.subject, err = dec.DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	p.to = m.Header.Get("To")
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(mt, "multipart/") {
		t.Fatalf("content type %q %v", mt, err)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	re := regexp.MustCompile(`filename="([^"]*)"`)
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(part)
		cd := part.Header.Get("Content-Disposition")
		if cd == "" {
			p.body = string(data) // quoted-printable is undone by NextPart
			continue
		}
		_, dp, err := mime.ParseMediaType(cd)
		if err != nil {
			t.Fatalf("disposition %q: %v", cd, err)
		}
		if part.Header.Get("Content-Transfer-Encoding") == "base64" {
			data, err = base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(data)))
			if err != nil {
				t.Fatal(err)
			}
		}
		p.files[dp["filename"]] = data
		if mm := re.FindStringSubmatch(cd); mm != nil {
			n, err := dec.DecodeHeader(mm[1])
			if err != nil {
				t.Fatal(err)
			}
			p.rfc2047 = append(p.rfc2047, n)
		}
	}
	return p
}

func TestDeliveryOverImplicitTLSWithLogin(t *testing.T) {
	ts := newTestServer(t, true)
	t.Setenv("JIXIAO_TEST_SMTP_PW", ts.pass)
	f := newFixture(t, "a@example.cn", "b@example.cn")
	q := f.queue(ts, "tls", "login")
	q.Cfg.AttachPDF = true
	st, err := q.Flush(context.Background())
	if err != nil || st.Sent != 2 {
		t.Fatalf("%+v %v", st, err)
	}
	msgs := ts.messages()
	if len(msgs) != 2 {
		t.Fatalf("%d messages", len(msgs))
	}
	p := parse(t, msgs[0].data)
	wantSubj := title + "（93.50分，优）"
	if p.subject != wantSubj {
		t.Errorf("subject %q", p.subject)
	}
	wantName := title + ".docx"
	if !bytes.Equal(p.files[wantName], f.docx) {
		t.Errorf("attachment %q missing or altered; have %v", wantName, keys(p.files))
	}
	if _, ok := p.files[title+".pdf"]; !ok {
		t.Errorf("pdf not attached: %v", keys(p.files))
	}
	if len(p.rfc2047) != 2 || p.rfc2047[0] != wantName {
		t.Errorf("RFC 2047 names %q", p.rfc2047)
	}
	for _, s := range []string{"93.50", "优", "99.97%", "未填写偏差原因"} {
		if !strings.Contains(p.body, s) {
			t.Errorf("body lacks %q:\n%s", s, p.body)
		}
	}
	if msgs[0].to[0] != "a@example.cn" || len(msgs[0].to) != 1 {
		t.Errorf("envelope %v", msgs[0].to)
	}
	if ts.authed[0] != sasl.Login {
		t.Errorf("auth %v", ts.authed)
	}
	ms, _ := f.l.MailsOf(f.id)
	for _, m := range ms {
		if m.Status != ledger.MailSent || m.MessageID == "" {
			t.Errorf("%+v", m)
		}
	}
	// A second run sends nothing again.
	if st, _ := q.Flush(context.Background()); st.Sent != 0 || len(ts.messages()) != 2 {
		t.Fatalf("resent: %+v", st)
	}
}

func TestDeliveryOverSTARTTLSWithPlain(t *testing.T) {
	ts := newTestServer(t, false)
	t.Setenv("JIXIAO_TEST_SMTP_PW", ts.pass)
	f := newFixture(t, "a@example.cn")
	st, err := f.queue(ts, "starttls", "plain").Flush(context.Background())
	if err != nil || st.Sent != 1 || ts.authed[0] != sasl.Plain {
		t.Fatalf("%+v %v %v", st, err, ts.authed)
	}
}

func TestWrongPasswordKeepsTheQueue(t *testing.T) {
	ts := newTestServer(t, true)
	t.Setenv("JIXIAO_TEST_SMTP_PW", "wrong")
	f := newFixture(t, "a@example.cn")
	_, err := f.queue(ts, "tls", "plain").Flush(context.Background())
	if err == nil {
		t.Fatal("want an error")
	}
	if strings.Contains(err.Error(), "wrong") {
		t.Fatal("the password leaked into the error")
	}
	t.Setenv("JIXIAO_TEST_SMTP_PW", ts.pass)
	if st, err := f.queue(ts, "tls", "plain").Flush(context.Background()); err != nil || st.Sent != 1 {
		t.Fatalf("after fixing the password: %+v %v", st, err)
	}
}

func TestTemporaryFailureIsRetriedNextRunPermanentIsNot(t *testing.T) {
	ts := newTestServer(t, true)
	t.Setenv("JIXIAO_TEST_SMTP_PW", ts.pass)
	busy := true
	ts.rcptErr = func(to string) error {
		switch {
		case strings.HasPrefix(to, "busy@") && busy:
			return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"}
		case strings.HasPrefix(to, "nobody@"):
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
		}
		return nil
	}
	f := newFixture(t, "busy@example.cn", "nobody@example.cn", "ok@example.cn")
	now := time.Now()
	q := f.queue(ts, "tls", "plain")
	q.Now = func() time.Time { return now }
	st, err := q.Flush(context.Background())
	if err != nil || st.Sent != 1 || st.Retry != 1 || st.Failed != 1 {
		t.Fatalf("first run: %+v %v", st, err)
	}
	// Next run too early: nothing is due.
	if st, _ := q.Flush(context.Background()); st != (Stats{}) {
		t.Fatalf("retried before its time: %+v", st)
	}
	busy = false
	now = now.Add(2 * time.Minute)
	st, err = q.Flush(context.Background())
	if err != nil || st.Sent != 1 || st.Failed != 0 || st.Retry != 0 {
		t.Fatalf("second run: %+v %v", st, err)
	}
	count := map[string]int{}
	for _, m := range ts.messages() {
		count[m.to[0]]++
	}
	if count["busy@example.cn"] != 1 || count["ok@example.cn"] != 1 || count["nobody@example.cn"] != 0 {
		t.Fatalf("deliveries %v", count)
	}
	failed, _ := f.l.MailsWithStatus(ledger.MailFailed)
	if len(failed) != 1 || !strings.Contains(failed[0].LastError, "550") {
		t.Fatalf("%+v", failed)
	}
}

func TestCrashBetweenSendAndRecordIsNotResent(t *testing.T) {
	ts := newTestServer(t, true)
	t.Setenv("JIXIAO_TEST_SMTP_PW", ts.pass)
	f := newFixture(t, "a@example.cn", "b@example.cn")
	q := f.queue(ts, "tls", "plain")
	crash := errors.New("killed")
	q.AfterSend = func(*ledger.Mail) { panic(crash) }
	func() {
		defer func() {
			if r := recover(); r == nil {
				t.Fatal("the send hook was not reached")
			} else if r != crash {
				panic(r)
			}
		}()
		q.Flush(context.Background())
	}()
	if n := len(ts.messages()); n != 1 {
		t.Fatalf("%d delivered before the crash", n)
	}
	// The next run finds the row "sending": it becomes uncertain and is
	// not sent again; the other recipient is served.
	q.AfterSend = nil
	st, err := q.Flush(context.Background())
	if err != nil || st.Sent != 1 {
		t.Fatalf("%+v %v", st, err)
	}
	msgs := ts.messages()
	if len(msgs) != 2 || msgs[0].to[0] == msgs[1].to[0] {
		t.Fatalf("double send: %v", msgs)
	}
	u, _ := f.l.MailsWithStatus(ledger.MailUncertain)
	if len(u) != 1 || u[0].Recipient != "a@example.cn" {
		t.Fatalf("%+v", u)
	}
}

func TestNoAnswerAfterDataIsUncertain(t *testing.T) {
	ts := newTestServer(t, true)
	t.Setenv("JIXIAO_TEST_SMTP_PW", ts.pass)
	ts.dropAfterData = true
	f := newFixture(t, "a@example.cn")
	st, _ := f.queue(ts, "tls", "plain").Flush(context.Background())
	if st.Uncertain != 1 {
		t.Fatalf("%+v", st)
	}
	ts.dropAfterData = false
	if st, _ := f.queue(ts, "tls", "plain").Flush(context.Background()); st.Sent != 0 || len(ts.messages()) != 1 {
		t.Fatalf("resent after an unanswered DATA: %+v", st)
	}
}

func TestOutboxWithoutSMTP(t *testing.T) {
	f := newFixture(t, "a@example.cn", "b@example.cn")
	q := f.queue(nil, "", "")
	st, err := q.Flush(context.Background())
	if err != nil || st.Outbox != 2 {
		t.Fatalf("%+v %v", st, err)
	}
	es, _ := inbox.List(f.ws.Dir("outbox"))
	if len(es) != 1 {
		t.Fatalf("%v", es)
	}
	raw, _ := os.ReadFile(es[0].Path)
	p := parse(t, raw)
	if !bytes.Equal(p.files[title+".docx"], f.docx) || !strings.Contains(p.to, "b@example.cn") {
		t.Fatalf("eml: to %q files %v", p.to, keys(p.files))
	}
	if st, _ := q.Flush(context.Background()); st.Outbox != 0 {
		t.Fatal("written twice")
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
