package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/jixiao/jixiao/pipeline/config"
	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/pipeline/ledger"
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
	os.WriteFile(filepath.Join(in, "~$邵东市科工局2019年度绩效自评表.xlsx"), []byte("owner"), 0o644)

	if got := run([]string{"run", "--config", cfg}); got != exitPartial {
		t.Fatalf("exit %d, want %d (one bad workbook)", got, exitPartial)
	}
	if got := strings.Join(listNames(in), ","); got != "" {
		t.Errorf("inbox: %s", got)
	}
	// One report, named after whichever of the twins came first.
	out := strings.Join(listNames(filepath.Join(dir, "out", "2019")), ",")
	var ok bool
	for _, stem := range []string{"科工局-再交一次", "邵东市科工局2019年度绩效自评表"} {
		ok = ok || out == "汇总表.xlsx,"+stem+".docx,"+stem+".json,"+stem+".pdf"
	}
	if !ok {
		t.Errorf("out/2019: %s", out)
	}
	if got := listNames(filepath.Join(dir, "outbox")); len(got) != 1 || !strings.HasPrefix(got[0], "邵东市科技和工业信息化局2019年度部门整体支出绩效评价报告") {
		t.Errorf("outbox: %v", got)
	}
	failed := listNames(filepath.Join(dir, "failed"))
	if strings.Join(failed, ",") != "坏文件.xlsx,坏文件.xlsx.error.txt" {
		t.Errorf("failed: %v", failed)
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
