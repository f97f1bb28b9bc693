package batch

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/pipeline/ledger"
)

// TestHelperProcess is not a test: it is the run the crash tests kill.
// JIXIAO_HELPER_DIR is the workspace; JIXIAO_HELPER_KILL "stage:n" kills
// the process (SIGKILL on Unix) the n-th time a workbook reaches stage.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv("JIXIAO_HELPER_DIR")
	if dir == "" {
		return
	}
	delay, _ := time.ParseDuration(os.Getenv("JIXIAO_HELPER_DELAY"))
	r := newRunner(t, dir, &stub{delay: delay})
	r.Cfg.Workers = 2
	if poison := os.Getenv("JIXIAO_HELPER_POISON"); poison != "" {
		// This workbook kills the process every time (as a library
		// running out of memory on it would).
		r.Hook = func(s, name string) {
			if s == "staged" && name == poison {
				p, _ := os.FindProcess(os.Getpid())
				p.Kill()
				select {}
			}
		}
	}
	if k := os.Getenv("JIXIAO_HELPER_KILL"); k != "" {
		stage, nth, _ := strings.Cut(k, ":")
		n, _ := strconv.Atoi(nth)
		var seen atomic.Int32
		r.Hook = func(s, name string) {
			if s == stage && int(seen.Add(1)) == n {
				p, _ := os.FindProcess(os.Getpid())
				p.Kill()
				select {} // wait for the signal
			}
		}
	}
	r.Pass(context.Background(), Options{WaitSettle: true})
	os.Exit(0)
}

func helper(t *testing.T, dir string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), append([]string{"JIXIAO_HELPER_DIR=" + dir}, env...)...)
	return cmd
}

// checkNothingLostOrDoubled resumes with a fresh run and checks that every
// one of n workbooks was processed, moved and mailed exactly once.
func checkNothingLostOrDoubled(t *testing.T, dir string, n int) {
	t.Helper()
	r := newRunner(t, dir, &stub{})
	s := pass(t, r)
	if s.Duplicates != 0 {
		t.Errorf("resume treated a workbook as a duplicate: %+v", s)
	}
	for _, d := range []string{"inbox", "processing", inbox.Staging} {
		if left := names(t, filepath.Join(dir, d)); len(left) != 0 {
			t.Errorf("%s still holds %v", d, left)
		}
	}
	done := names(t, filepath.Join(dir, "done"))
	if len(done) != n {
		t.Errorf("done holds %d files, want %d: %v", len(done), n, done)
	}
	for _, name := range done {
		if strings.Contains(name, " (") || strings.HasSuffix(name, ".txt") {
			t.Errorf("doubled: %s", name)
		}
	}
	rows, _ := r.L.Recent(0)
	hashes := map[string]int{}
	for _, f := range rows {
		if f.Status != ledger.Done {
			t.Errorf("row %d %s is %s", f.ID, f.Name, f.Status)
		}
		hashes[f.Hash]++
	}
	if len(rows) != n || len(hashes) != n {
		t.Errorf("%d ledger rows for %d contents, want %d", len(rows), len(hashes), n)
	}
	var docx int
	for _, o := range names(t, filepath.Join(dir, "out", "2019")) {
		if strings.HasSuffix(o, ".docx") {
			docx++
		}
	}
	if docx != n {
		t.Errorf("%d reports, want %d", docx, n)
	}
	if eml := names(t, filepath.Join(dir, "outbox")); len(eml) != n {
		t.Errorf("%d messages, want %d", len(eml), n)
	}
	mails, _ := r.L.MailsWithStatus(ledger.MailOutbox)
	if len(mails) != n {
		t.Errorf("%d mail rows done, want %d", len(mails), n)
	}
}

func dropMany(t *testing.T, dir string, n int) {
	os.MkdirAll(filepath.Join(dir, "inbox"), 0o755)
	for i := 0; i < n; i++ {
		drop(t, dir, fmt.Sprintf("局%02d.xlsx", i), workbook(fmt.Sprintf("局%02d", i), 2019))
	}
}

func TestKilledAtEveryStageResumesCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("runs helper processes")
	}
	for _, stage := range []string{"taken", "staged", "recorded", "moved"} {
		t.Run(stage, func(t *testing.T) {
			dir := t.TempDir()
			const n = 8
			dropMany(t, dir, n)
			cmd := helper(t, dir, "JIXIAO_HELPER_KILL="+stage+":3")
			err := cmd.Run()
			if err == nil {
				t.Fatal("the helper was not killed")
			}
			// The killed run left its lock: the next run takes it over
			// (same machine, dead process).
			if _, err := os.Stat(filepath.Join(dir, inbox.LockFile)); err != nil {
				t.Fatal("the killed run should have left its lock behind")
			}
			checkNothingLostOrDoubled(t, dir, n)
		})
	}
}

func TestKilledAtARandomMomentResumesCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("runs helper processes")
	}
	for i, after := range []time.Duration{40 * time.Millisecond, 120 * time.Millisecond, 250 * time.Millisecond} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			dir := t.TempDir()
			const n = 20
			dropMany(t, dir, n)
			cmd := helper(t, dir, "JIXIAO_HELPER_DELAY=15ms")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(after)
			cmd.Process.Kill()
			cmd.Wait()
			checkNothingLostOrDoubled(t, dir, n)
		})
	}
}

// TestKilledOnTheClashPathResumesCleanly (issue 13): runs killed at every
// stage while workbooks named like an earlier department's (same file
// name; a department name equal once made safe for Windows) are
// processed: after the resume both departments have their own report,
// ledger row and mail, nothing is superseded, lost or doubled.
func TestKilledOnTheClashPathResumesCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("runs helper processes")
	}
	for _, stage := range []string{"taken", "staged", "recorded", "moved"} {
		t.Run(stage, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "inbox"), 0o755)
			drop(t, dir, "绩效自评表.xlsx", workbook("甲局", 2019))
			drop(t, dir, "丙.xlsx", workbook("丙/局", 2019))
			first := newRunner(t, dir, &stub{})
			if _, err := first.Pass(context.Background(), Options{WaitSettle: true, SkipMail: true}); err != nil {
				t.Fatal(err)
			}
			first.Close()
			drop(t, dir, "绩效自评表.xlsx", workbook("乙局", 2019))
			drop(t, dir, "丙.xlsx", workbook("丙:局", 2019))
			for i := 0; i < 4; i++ {
				drop(t, dir, fmt.Sprintf("局%02d.xlsx", i), workbook(fmt.Sprintf("局%02d", i), 2019))
			}
			if err := helper(t, dir, "JIXIAO_HELPER_KILL="+stage+":2").Run(); err == nil {
				t.Fatal("the helper was not killed")
			}
			r := newRunner(t, dir, &stub{})
			pass(t, r)
			for _, d := range []string{"inbox", "processing", inbox.Staging} {
				if left := names(t, filepath.Join(dir, d)); len(left) != 0 {
					t.Errorf("%s still holds %v", d, left)
				}
			}
			var json []string
			for _, o := range names(t, filepath.Join(dir, "out", "2019")) {
				if strings.HasSuffix(o, ".json") {
					json = append(json, o)
				}
			}
			if len(json) != 8 {
				t.Errorf("%d reports, want 8: %v", len(json), json)
			}
			for _, want := range []string{"甲局-2019-部门整体.json", "乙局-2019-部门整体.json", "丙_局-2019-部门整体.json"} {
				if !strings.Contains(strings.Join(json, ","), want) {
					t.Errorf("missing %s: %v", want, json)
				}
			}
			rows, _ := r.L.Recent(0)
			if len(rows) != 8 {
				t.Errorf("%d ledger rows, want 8", len(rows))
			}
			for _, f := range rows {
				if f.Status != ledger.Done {
					t.Errorf("%s (%s): %s", f.Name, f.Department, f.Status)
				}
			}
			if sup, _ := r.L.MailsWithStatus(ledger.MailSuperseded); len(sup) != 0 {
				t.Errorf("%d mails superseded", len(sup))
			}
			if out, _ := r.L.MailsWithStatus(ledger.MailOutbox); len(out) != 8 {
				t.Errorf("%d mails written, want 8", len(out))
			}
		})
	}
}

// TestWorkbookThatKillsEveryRunEndsInFailed (issue 13, item 2): a
// workbook on which the process dies every time (kill -9) is taken up
// max_tries times, then moved to failed/ with its .error.txt; the other
// workbooks are each done exactly once.
func TestWorkbookThatKillsEveryRunEndsInFailed(t *testing.T) {
	if testing.Short() {
		t.Skip("runs helper processes")
	}
	dir := t.TempDir()
	const n = 6
	dropMany(t, dir, n)
	drop(t, dir, "毒.xlsx", workbook("毒局", 2019))
	for i := 1; i <= 3; i++ {
		if err := helper(t, dir, "JIXIAO_HELPER_POISON=毒.xlsx").Run(); err == nil {
			t.Fatalf("run %d was not killed", i)
		}
	}
	r := newRunner(t, dir, &stub{})
	s := pass(t, r)
	if s.Failed != 1 {
		t.Fatalf("%+v", s)
	}
	et, err := os.ReadFile(filepath.Join(dir, "failed", "毒.xlsx.error.txt"))
	if err != nil || !strings.Contains(string(et), "已尝试处理 3 次") {
		t.Fatalf("%v %s", err, et)
	}
	if done := names(t, filepath.Join(dir, "done")); len(done) != n {
		t.Errorf("done: %v", done)
	}
	for _, d := range []string{"inbox", "processing"} {
		if left := names(t, filepath.Join(dir, d)); len(left) != 0 {
			t.Errorf("%s still holds %v", d, left)
		}
	}
	rows, _ := r.L.Recent(0)
	for _, f := range rows {
		want := ledger.Done
		if f.Name == "毒.xlsx" {
			want = ledger.Failed
			if f.Attempts != 4 {
				t.Errorf("attempts %d", f.Attempts)
			}
		}
		if f.Status != want {
			t.Errorf("%s: %s", f.Name, f.Status)
		}
	}
	if len(rows) != n+1 {
		t.Errorf("%d rows", len(rows))
	}
	// A later run is not held up by it.
	if s := pass(t, r); s.AnyFailed() {
		t.Fatalf("%+v", s)
	}
}
