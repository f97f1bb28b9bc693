package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	stdmail "net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"

	"github.com/jixiao/jixiao/pipeline/config"
	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/pipeline/ledger"
	"github.com/jixiao/jixiao/samples/sheetgen"
)

const badWB = "../../pipeline/read/testdata/bad/truncated.xlsx"

// newWorkspace makes a workspace with `init`, a short settle interval and
// one recipient (no SMTP: the messages go to outbox/).
func newWorkspace(t *testing.T) (dir, cfgPath string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "工作区")
	if _, err := initWorkspace(dir); err != nil {
		t.Fatal(err)
	}
	cfgPath = filepath.Join(dir, config.FileName)
	y := strings.Replace(config.Sample, "settle: 3s", "settle: 100ms", 1)
	y = strings.Replace(y, "  to: []", "  to: [boss@czj.example.cn]", 1)
	if err := os.WriteFile(cfgPath, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, cfgPath
}

func copyTo(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func listNames(dir string) []string {
	es, _ := inbox.List(dir)
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

func TestRunEndToEnd(t *testing.T) {
	dir, cfg := newWorkspace(t)
	in := filepath.Join(dir, "inbox")
	copyTo(t, sampleWB, filepath.Join(in, "邵东市科工局2019年度绩效自评表.xlsx"))
	copyTo(t, sampleWB, filepath.Join(in, "科工局-再交一次.xlsx")) // identical content
	copyTo(t, badWB, filepath.Join(in, "坏文件.xlsx"))
	// Refused: its own 总分 is 6.94 from the recomputed one.
	copyTo(t, "../../pipeline/read/testdata/mismatch.xlsx", filepath.Join(in, "总分不符.xlsx"))
	os.WriteFile(filepath.Join(in, "~$邵东市科工局2019年度绩效自评表.xlsx"), []byte("owner"), 0o644)

	if got := run([]string{"run", "--config", cfg}); got != exitPartial {
		t.Fatalf("exit %d, want %d (one bad workbook)", got, exitPartial)
	}
	if got := strings.Join(listNames(in), ","); got != "" {
		t.Errorf("inbox: %s", got)
	}
	// One report, named after the department, year and kind (not after
	// whichever of the twins came first).
	out := strings.Join(listNames(filepath.Join(dir, "out", "2019")), ",")
	const stem = "邵东市科技和工业信息化局-2019-部门整体"
	// The sample has warnings: its checked copy (核查版) stands beside it.
	if out != "汇总表.xlsx,"+stem+"-核查.xlsx,"+stem+".docx,"+stem+".json,"+stem+".pdf" {
		t.Errorf("out/2019: %s", out)
	}
	if got := listNames(filepath.Join(dir, "outbox")); len(got) != 1 || !strings.HasPrefix(got[0], "邵东市科技和工业信息化局2019年度部门整体支出绩效评价报告") {
		t.Errorf("outbox: %v", got)
	}
	failed := listNames(filepath.Join(dir, "failed"))
	// A refused workbook gets its checked copy beside the .error.txt; a
	// file that is no workbook only the message.
	if strings.Join(failed, ",") != "坏文件.xlsx,坏文件.xlsx.error.txt,总分不符-核查.xlsx,总分不符.xlsx,总分不符.xlsx.error.txt" {
		t.Errorf("failed: %v", failed)
	}
	if et, _ := os.ReadFile(filepath.Join(dir, "failed", "总分不符.xlsx.error.txt")); !strings.Contains(string(et), "“总分不符-核查.xlsx”是您的工作簿的核查版") {
		t.Errorf("error.txt does not point to the checked copy:\n%s", et)
	}
	done := listNames(filepath.Join(dir, "done"))
	if len(done) != 3 { // the workbook, its identical twin and the twin's note
		t.Errorf("done: %v", done)
	}

	// status tells the story in Chinese.
	var buf bytes.Buffer
	root.SetOut(&buf)
	defer root.SetOut(nil)
	statusAll, statusResend = false, false
	if got := run([]string{"status", "--config", cfg}); got != exitOK {
		t.Fatalf("status exit %d", got)
	}
	s := buf.String()
	for _, w := range []string{"邵东市科技和工业信息化局", "已完成", "失败", "重复（未处理）", "已存outbox1", "failed/坏文件.xlsx"} {
		if !strings.Contains(s, w) {
			t.Errorf("status lacks %q:\n%s", w, s)
		}
	}

	// A second run has nothing to do and succeeds.
	if got := run([]string{"run", "--config", cfg}); got != exitOK {
		t.Fatalf("second run exit %d", got)
	}
}

func TestRunRefusesAWorkspaceInUse(t *testing.T) {
	dir, cfg := newWorkspace(t)
	l, err := inbox.Acquire(filepath.Join(dir, inbox.LockFile))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	copyTo(t, sampleWB, filepath.Join(dir, "inbox", "a.xlsx"))
	if got := run([]string{"run", "--config", cfg}); got != exitFatal {
		t.Fatalf("exit %d, want %d", got, exitFatal)
	}
	if len(listNames(filepath.Join(dir, "inbox"))) != 1 {
		t.Fatal("the inbox was touched")
	}
}

func TestRunWithoutConfigSaysWhatToDo(t *testing.T) {
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(t.TempDir())
	t.Setenv("JIXIAO_CONFIG", "")
	runConfig = ""
	if got := run([]string{"run"}); got != exitFatal {
		t.Fatalf("exit %d", got)
	}
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// jixiaoBinary builds the command once for the tests that run (and kill)
// the real process.
func jixiaoBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "jixiao-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "jixiao")
		if runtime.GOOS == "windows" {
			binPath += ".exe"
		}
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = &exitError{msg: string(out)}
		}
	})
	if binErr != nil {
		t.Skipf("cannot build jixiao: %v", binErr)
	}
	return binPath
}

// TestKilledRunResumes kills the real binary in the middle of a run (after
// the ledger recorded a workbook, before it left processing/), then runs
// again: every workbook is done exactly once, reported once, mailed once.
func TestKilledRunResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	bin := jixiaoBinary(t)
	src, err := os.ReadFile(sampleWB)
	if err != nil {
		t.Fatal(err)
	}
	for _, hook := range []string{"kill=taken:3", "kill=staged:2", "kill=recorded:2", "kill=moved:4"} {
		t.Run(hook, func(t *testing.T) {
			dir, cfg := newWorkspace(t)
			const n = 6
			for i := 0; i < n; i++ {
				b, err := variantWorkbook(src, i)
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(filepath.Join(dir, "inbox", "表"+string(rune('A'+i))+".xlsx"), b, 0o644)
			}
			cmd := exec.Command(bin, "run", "--config", cfg)
			cmd.Env = append(os.Environ(), "JIXIAO_TEST_HOOK="+hook)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Run(); err == nil {
				t.Fatalf("the run was not killed:\n%s", stderr.String())
			}
			cmd = exec.Command(bin, "run", "--config", cfg)
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("resume: %v\n%s", err, stderr.String())
			}
			if got := listNames(filepath.Join(dir, "done")); len(got) != n {
				t.Errorf("done: %v", got)
			}
			for _, d := range []string{"inbox", "processing", inbox.Staging} {
				if got := listNames(filepath.Join(dir, d)); len(got) != 0 {
					t.Errorf("%s: %v", d, got)
				}
			}
			var docx int
			for _, o := range listNames(filepath.Join(dir, "out", "2019")) {
				if strings.HasSuffix(o, ".docx") {
					docx++
				}
				if strings.HasSuffix(o, ".tmp") {
					t.Errorf("half output left: %s", o)
				}
			}
			if docx != n {
				t.Errorf("%d reports", docx)
			}
			if got := listNames(filepath.Join(dir, "outbox")); len(got) != n {
				t.Errorf("outbox: %d", len(got))
			}
			l, err := ledger.Open(filepath.Join(dir, ledger.FileName))
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			rows, _ := l.Recent(0)
			for _, f := range rows {
				if f.Status != ledger.Done {
					t.Errorf("%s: %s", f.Name, f.Status)
				}
			}
			if len(rows) != n {
				t.Errorf("%d ledger rows", len(rows))
			}
		})
	}
}

// replaceInXLSX rewrites one part of a workbook.
func replaceInXLSX(t *testing.T, src []byte, part, old, new string) []byte {
	t.Helper()
	out, err := sheetgen.RewriteParts(src, func(name string, data []byte) []byte {
		if name == part {
			if !bytes.Contains(data, []byte(old)) {
				t.Fatalf("%s has no %q", part, old)
			}
			data = bytes.ReplaceAll(data, []byte(old), []byte(new))
		}
		return data
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestYearOnYearFromLedgerEndToEnd: the project workbook has no 上年完成值
// column; once last year's workbook of the same department went through
// the workspace, this year's report gets its growth from the ledger.
func TestYearOnYearFromLedgerEndToEnd(t *testing.T) {
	const projWB = "../../samples/某县农业农村局-高标准农田项目2020.xlsx"
	src, err := os.ReadFile(projWB)
	if err != nil {
		t.Fatal(err)
	}
	dir, cfg := newWorkspace(t)
	last := replaceInXLSX(t, src, "xl/sharedStrings.xml", "2020年度）", "2019年度）")
	os.WriteFile(filepath.Join(dir, "inbox", "高标准农田2019.xlsx"), last, 0o644)
	if got := run([]string{"run", "--config", cfg}); got != exitOK {
		t.Fatalf("2019: exit %d", got)
	}
	copyTo(t, projWB, filepath.Join(dir, "inbox", "高标准农田2020.xlsx"))
	if got := run([]string{"run", "--config", cfg}); got != exitOK {
		t.Fatalf("2020: exit %d", got)
	}
	js, err := os.ReadFile(onlyJSON(t, filepath.Join(dir, "out", "2020")))
	if err != nil {
		t.Fatal(err)
	}
	var ev struct {
		Year       int
		Indicators []struct {
			Name     string
			Actual   *float64
			Previous *float64
			YoY      *float64 `json:"yoy"`
		}
	}
	if err := json.Unmarshal(js, &ev); err != nil {
		t.Fatal(err)
	}
	with := 0
	for _, in := range ev.Indicators {
		if in.Actual == nil || *in.Actual <= 0 {
			continue
		}
		if in.Previous == nil || *in.Previous != *in.Actual || in.YoY == nil || *in.YoY != 0 {
			t.Errorf("%s: previous %v yoy %v, want last year's %v and 0 growth", in.Name, in.Previous, in.YoY, *in.Actual)
			continue
		}
		with++
	}
	if with == 0 {
		t.Fatalf("no indicator got a base from the ledger: %s", js)
	}
	// Without the ledger (a fresh workspace) there is no base.
	dir2, cfg2 := newWorkspace(t)
	copyTo(t, projWB, filepath.Join(dir2, "inbox", "高标准农田2020.xlsx"))
	run([]string{"run", "--config", cfg2})
	js2, _ := os.ReadFile(onlyJSON(t, filepath.Join(dir2, "out", "2020")))
	if bytes.Equal(js, js2) || !bytes.Contains(js2, []byte(`"previous": null`)) {
		t.Fatal("the base did not come from the ledger")
	}
}

// sink is a plain SMTP server on 127.0.0.1 counting deliveries per recipient.
type sink struct {
	mu  sync.Mutex
	got map[string]int
	raw map[string][]string // messages by recipient
}

type sinkSession struct {
	s  *sink
	to []string
}

func (se *sinkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (se *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	se.to = append(se.to, to)
	return nil
}
func (se *sinkSession) Data(r io.Reader) error {
	b, _ := io.ReadAll(r)
	se.s.mu.Lock()
	for _, t := range se.to {
		se.s.got[t]++
		if se.s.raw == nil {
			se.s.raw = map[string][]string{}
		}
		se.s.raw[t] = append(se.s.raw[t], string(b))
	}
	se.s.mu.Unlock()
	return nil
}
func (se *sinkSession) Reset()        { se.to = nil }
func (se *sinkSession) Logout() error { return nil }

func startSink(t *testing.T) (*sink, int) {
	s := &sink{got: map[string]int{}}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sinkSession{s: s}, nil }))
	srv.Domain = "localhost"
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s, l.Addr().(*net.TCPAddr).Port
}

func (s *sink) count() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for k, v := range s.got {
		out[k] = v
	}
	return out
}

// TestBinaryKilledAfterSendDoesNotSendTwice: the real binary is killed right
// after the server accepted the first message and before the ledger
// recorded it. The next run does not send that message again (it is
// reported as 待核实) and sends the other recipient's.
func TestBinaryKilledAfterSendDoesNotSendTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	bin := jixiaoBinary(t)
	s, port := startSink(t)
	dir, cfgPath := newWorkspace(t)
	y := strings.Replace(config.Sample, "settle: 3s", "settle: 100ms", 1)
	y = strings.Replace(y, "  to: []", "  to: [a@czj.example.cn, b@czj.example.cn]", 1)
	y = strings.NewReplacer(`host: ""`, `host: "127.0.0.1"`, "port: 465", "port: "+strconv.Itoa(port),
		"security: tls", "security: none", "auth: login", `auth: ""`, `from: ""`, `from: "jx@example.cn"`).Replace(y)
	os.WriteFile(cfgPath, []byte(y), 0o644)
	copyTo(t, sampleWB, filepath.Join(dir, "inbox", "科工局.xlsx"))

	var stderr bytes.Buffer
	cmd := exec.Command(bin, "run", "--config", cfgPath)
	cmd.Env = append(os.Environ(), "JIXIAO_TEST_HOOK=kill-after-send=1")
	cmd.Stderr = &stderr
	if err := cmd.Run(); err == nil {
		t.Fatalf("not killed:\n%s", stderr.String())
	}
	if got := s.count(); len(got) != 1 {
		t.Fatalf("before the crash: %v", got)
	}
	cmd = exec.Command(bin, "run", "--config", cfgPath)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	got := s.count()
	if got["a@czj.example.cn"] != 1 || got["b@czj.example.cn"] != 1 {
		t.Fatalf("deliveries %v", got)
	}
	l, err := ledger.Open(filepath.Join(dir, ledger.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	u, _ := l.MailsWithStatus(ledger.MailUncertain)
	sent, _ := l.MailsWithStatus(ledger.MailSent)
	if len(u) != 1 || len(sent) != 1 {
		t.Fatalf("uncertain %d sent %d", len(u), len(sent))
	}
	// A third run still does not resend it.
	exec.Command(bin, "run", "--config", cfgPath).Run()
	if got := s.count(); got["a@czj.example.cn"]+got["b@czj.example.cn"] != 2 {
		t.Fatalf("resent: %v", got)
	}
}

// onlyJSON is the one .json report in dir.
func onlyJSON(t *testing.T, dir string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(m) != 1 {
		t.Fatalf("%s: want one .json, have %v", dir, m)
	}
	return m[0]
}

// TestRunSameNameAndVersionsEndToEnd (issue 13, items 1 and 3) with real
// workbooks and a real SMTP server: two departments send 绩效自评表.xlsx
// in turn; both keep their report and mail. Then one department sends v2
// and v1 again: v1's figures are in its report.
func TestRunSameNameAndVersionsEndToEnd(t *testing.T) {
	s, port := startSink(t)
	dir, cfgPath := newWorkspace(t)
	y := strings.Replace(config.Sample, "settle: 3s", "settle: 100ms", 1)
	y = strings.Replace(y, "  to: []", "  to: [boss@czj.example.cn]", 1)
	y = strings.NewReplacer(`host: ""`, `host: "127.0.0.1"`, "port: 465", "port: "+strconv.Itoa(port),
		"security: tls", "security: none", "auth: login", `auth: ""`, `from: ""`, `from: "jx@example.cn"`).Replace(y)
	os.WriteFile(cfgPath, []byte(y), 0o644)
	src, err := os.ReadFile(sampleWB)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := variantWorkbook(src, 3)
	in := filepath.Join(dir, "inbox", "绩效自评表.xlsx")
	for i, wb := range [][]byte{src, other} {
		os.WriteFile(in, wb, 0o644)
		if got := run([]string{"run", "--config", cfgPath}); got != exitOK {
			t.Fatalf("run %d: exit %d", i+1, got)
		}
	}
	const a, b = "邵东市科技和工业信息化局-2019-部门整体", "邵东市科技和工业信息化局（第0003号）-2019-部门整体"
	out := strings.Join(listNames(filepath.Join(dir, "out", "2019")), ",")
	for _, stem := range []string{a, b} {
		if !strings.Contains(out, stem+".docx") || !strings.Contains(out, stem+".json") {
			t.Errorf("out/2019 lacks %s: %s", stem, out)
		}
	}
	if got := s.count()["boss@czj.example.cn"]; got != 2 {
		t.Errorf("%d messages, want 2", got)
	}
	// v2 of the first department: 全年执行数 changed; then v1 again.
	v2 := replaceInXLSX(t, src, "xl/worksheets/sheet1.xml", "<v>2847.12</v>", "<v>2800.5</v>")
	for i, wb := range [][]byte{v2, src} {
		os.WriteFile(in, wb, 0o644)
		if got := run([]string{"run", "--config", cfgPath}); got != exitOK {
			t.Fatalf("version run %d: exit %d", i+1, got)
		}
	}
	js, err := os.ReadFile(filepath.Join(dir, "out", "2019", a+".json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(js, []byte("2847.12")) || bytes.Contains(js, []byte("2800.5")) {
		t.Errorf("the report does not carry v1's figures again")
	}
	l, err := ledger.Open(filepath.Join(dir, ledger.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	rows, _ := l.Year(2019)
	if len(rows) != 2 {
		t.Fatalf("汇总表 rows %d", len(rows))
	}
	if got := s.count()["boss@czj.example.cn"]; got != 4 {
		t.Errorf("%d messages, want 4 (each submission mailed once)", got)
	}
}

// TestCheckedCopyMailedBackOnce: with return addresses configured, the
// checked copy of every workbook with findings goes back once — to the
// department's own address where one is named, else to the default —
// through the same queue as the reports; a refused workbook's too.
func TestCheckedCopyMailedBackOnce(t *testing.T) {
	s, port := startSink(t)
	dir, cfgPath := newWorkspace(t)
	y := strings.Replace(config.Sample, "settle: 3s", "settle: 100ms", 1)
	y = strings.Replace(y, "  to: []", "  to: [boss@czj.example.cn]", 1)
	y = strings.Replace(y, "  return_to: []", "  return_to: clerks@czj.example.cn", 1)
	y = strings.Replace(y, "  return_departments: {}", "  return_departments:\n    邵东市科技和工业信息化局: [cwk@kgj.example.cn]", 1)
	y = strings.NewReplacer(`host: ""`, `host: "127.0.0.1"`, "port: 465", "port: "+strconv.Itoa(port),
		"security: tls", "security: none", "auth: login", `auth: ""`, `from: ""`, `from: "jx@example.cn"`).Replace(y)
	if err := os.WriteFile(cfgPath, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	copyTo(t, sampleWB, filepath.Join(dir, "inbox", "科工局.xlsx"))
	copyTo(t, "../../pipeline/read/testdata/mismatch.xlsx", filepath.Join(dir, "inbox", "公路养护.xlsx"))
	stderr = io.Discard
	defer func() { stderr = os.Stderr }()
	run([]string{"run", "--config", cfgPath})
	run([]string{"run", "--config", cfgPath})
	got := s.count()
	want := map[string]int{"boss@czj.example.cn": 1, "cwk@kgj.example.cn": 1, "clerks@czj.example.cn": 1}
	if len(got) != len(want) {
		t.Fatalf("sent %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s got %d mails, want %d (all: %v)", k, got[k], v, got)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for addr, wantIn := range map[string][]string{
		"cwk@kgj.example.cn":    {"科工局-核查.xlsx", "评价报告已经生成"},
		"clerks@czj.example.cn": {"公路养护-核查.xlsx", "未能生成评价报告"},
	} {
		msg := s.raw[addr][0]
		dec, err := decodeMail(msg)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range wantIn {
			if !strings.Contains(dec, w) {
				t.Errorf("mail to %s lacks %q", addr, w)
			}
		}
		if strings.Contains(dec, ".docx") {
			t.Errorf("mail to %s carries the report", addr)
		}
	}
}

// decodeMail returns a message's headers (decoded) and its parts' text and
// attachment names.
func decodeMail(raw string) (string, error) {
	m, err := stdmail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	dec := new(mime.WordDecoder)
	subj, _ := dec.DecodeHeader(m.Header.Get("Subject"))
	b.WriteString(subj + "\n")
	_, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		return "", err
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err != nil {
			break
		}
		b.WriteString(p.FileName() + "\n")
		data, _ := io.ReadAll(p)
		if p.Header.Get("Content-Transfer-Encoding") == "base64" && p.FileName() == "" {
			if d, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(strings.ReplaceAll(string(data), "\r", ""), "\n", "")); err == nil {
				data = d
			}
		} else if p.Header.Get("Content-Transfer-Encoding") == "quoted-printable" {
			d, _ := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(data)))
			data = d
		}
		if p.FileName() == "" {
			b.Write(data)
		}
	}
	return b.String(), nil
}
