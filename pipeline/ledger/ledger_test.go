package ledger

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/num"
)

func open(t *testing.T) *Ledger {
	t.Helper()
	l, err := Open(filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func TestFileLifecycleAndHistory(t *testing.T) {
	l := open(t)
	id, err := l.Begin("a.xlsx", "h1", 10, "processing/a.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	err = l.Finish(id, Outcome{
		Status: Done, Department: "甲局", Year: 2018, Score: num.Int(90), Grade: "优",
		Outputs: []string{"out/2018/a.docx"},
		Metrics: &Metrics{Department: "甲局", Year: 2018, FundExecuted: num.Some(num.MustParse("838.6")),
			Indicators: map[string]string{"企业数": "110家"}, Projects: map[string]num.Opt{"项目一": num.Int(5)}},
		Recipients: []string{"a@x.cn", "b@x.cn", "a@x.cn"},
	})
	if err != nil {
		t.Fatal(err)
	}
	fs, _ := l.ByHash("h1")
	if len(fs) != 1 || fs[0].Status != Done || fs[0].Outputs[0] != "out/2018/a.docx" || fs[0].Score.D.IntPart() != 90 {
		t.Fatalf("%+v", fs[0])
	}
	h, err := l.History("甲局", 2018)
	if err != nil || h == nil {
		t.Fatal(h, err)
	}
	if m := h.Indicators["企业数"]; !m.Value.Valid || m.Value.D.IntPart() != 110 || m.Unit != "家" {
		t.Errorf("indicator %+v", m)
	}
	if num.Money(h.FundExecuted) != "838.60" || num.Money(h.Projects["项目一"]) != "5.00" {
		t.Errorf("fund %v projects %v", h.FundExecuted, h.Projects)
	}
	if h, _ := l.History("甲局", 2017); h != nil {
		t.Errorf("no history expected for 2017")
	}
	due, _ := l.Due(time.Now())
	if len(due) != 2 {
		t.Fatalf("due %d", len(due))
	}
	rows, err := l.Year(2018)
	if err != nil || len(rows) != 1 || rows[0].Mail[MailPending] != 2 {
		t.Fatalf("%+v %v", rows, err)
	}
}

func TestMailStatesAndCrash(t *testing.T) {
	l := open(t)
	id, _ := l.Begin("a.xlsx", "h", 1, "")
	l.Finish(id, Outcome{Status: Done, Recipients: []string{"a@x.cn", "b@x.cn", "c@x.cn"}})
	due, _ := l.Due(time.Now())
	ok, err := l.Sending(due[0].ID, "<m1@x>")
	if !ok || err != nil {
		t.Fatal(ok, err)
	}
	if ok, _ := l.Sending(due[0].ID, "<m1@x>"); ok {
		t.Fatal("a mail already sending was claimed twice")
	}
	l.Sending(due[1].ID, "<m2@x>")
	l.Sent(due[1].ID, MailSent, "")
	l.Sending(due[2].ID, "<m3@x>")
	l.Retry(due[2].ID, "451 busy", time.Now().Add(time.Hour))
	// a crash here leaves due[0] "sending"
	n, err := l.RecoverSending()
	if n != 1 || err != nil {
		t.Fatal(n, err)
	}
	if d, _ := l.Due(time.Now()); len(d) != 0 {
		t.Fatalf("nothing should be due: %d", len(d))
	}
	if d, _ := l.Due(time.Now().Add(2 * time.Hour)); len(d) != 1 || d[0].Attempts != 1 {
		t.Fatalf("the retry should be due later: %+v", d)
	}
	u, _ := l.MailsWithStatus(MailUncertain)
	if len(u) != 1 || u[0].Recipient != "a@x.cn" || u[0].File.Name != "a.xlsx" {
		t.Fatalf("%+v", u)
	}
	if n, _ := l.Requeue(); n != 1 {
		t.Fatal("requeue", n)
	}
}

func TestConcurrentWritersAndReopen(t *testing.T) {
	p := filepath.Join(t.TempDir(), FileName)
	l, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				id, err := l.Begin("x", "h", 1, "")
				if err != nil {
					t.Error(err)
					return
				}
				if err := l.Finish(id, Outcome{Status: Failed, Findings: []string{"坏"}}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	l.Close()
	// A second process (or run) opening the same file sees the rows and
	// does not migrate again.
	l2, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	fs, _ := l2.WithStatus(Failed)
	if len(fs) != 160 {
		t.Fatalf("%d rows", len(fs))
	}
	var v int
	l2.db.QueryRow("PRAGMA user_version").Scan(&v)
	var mode string
	l2.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if v != len(migrations) || mode != "wal" {
		t.Fatalf("version %d mode %s", v, mode)
	}
}

func TestChangedReportSupersedesUnsentMails(t *testing.T) {
	l := open(t)
	// Same department, year and kind: the new version replaces the old.
	id1, _ := l.Begin("a.xlsx", "h1", 1, "")
	l.Finish(id1, Outcome{Status: Done, Department: "甲局", Year: 2019, Outputs: []string{"out/2019/甲局-2019-部门整体.docx"}, Recipients: []string{"x@y.cn"}})
	id2, _ := l.Begin("a.xlsx", "h2", 1, "")
	l.Finish(id2, Outcome{Status: Done, Department: "甲局", Year: 2019, Outputs: []string{"out/2019/甲局-2019-部门整体.docx"}, Recipients: []string{"x@y.cn"}})
	// Another department's file of the same name, and the department's
	// project report: not replaced (issue 13).
	id3, _ := l.Begin("a.xlsx", "h3", 1, "")
	l.Finish(id3, Outcome{Status: Done, Department: "乙局", Year: 2019, Outputs: []string{"out/2019/乙局-2019-部门整体.docx"}, Recipients: []string{"x@y.cn"}})
	id4, _ := l.Begin("a.xlsx", "h4", 1, "")
	l.Finish(id4, Outcome{Status: Done, Department: "甲局", Year: 2019, Kind: "项目:农田", Outputs: []string{"out/2019/甲局-2019-农田.docx"}, Recipients: []string{"x@y.cn"}})
	due, _ := l.Due(time.Now())
	var ids []int64
	for _, m := range due {
		ids = append(ids, m.FileID)
	}
	if len(due) != 3 || ids[0] != id2 || ids[1] != id3 || ids[2] != id4 {
		t.Fatalf("due %v, want %d %d %d", ids, id2, id3, id4)
	}
	old, _ := l.MailsOf(id1)
	if old[0].Status != MailSuperseded {
		t.Fatalf("%+v", old[0])
	}
}

func TestAttemptsAndState(t *testing.T) {
	l := open(t)
	id, _ := l.Begin("a.xlsx", "h1", 1, "processing/a.xlsx")
	for want := 2; want <= 3; want++ {
		n, err := l.Restart(id, "a.xlsx", "processing/a.xlsx")
		if err != nil || n != want {
			t.Fatalf("restart: %d %v, want %d", n, err, want)
		}
	}
	l.Unfinished(id, "磁盘已满")
	f, _ := l.Get(id)
	if f.Attempts != 3 || f.LastError != "磁盘已满" {
		t.Fatalf("%+v", f)
	}
	l.SetState(StateMailConfig, "密码错误")
	if v, at, _ := l.State(StateMailConfig); v != "密码错误" || at.IsZero() {
		t.Fatalf("%q %v", v, at)
	}
	l.SetState(StateMailConfig, "")
	if v, _, _ := l.State(StateMailConfig); v != "" {
		t.Fatalf("not cleared: %q", v)
	}
}

// oldLedger writes a ledger at schema version (the first version
// migrations), runs the inserts on it, and returns its path.
func oldLedger(t *testing.T, version int, inserts ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), FileName)
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(p))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	qs := append(slices.Clone(migrations[:version]), fmt.Sprintf("PRAGMA user_version = %d", version))
	for _, q := range append(qs, inserts...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// TestMigrationFromSchema1 (issue 13): a workspace ledger written by the
// previous version opens, and its reports get their kind from the metrics.
func TestMigrationFromSchema1(t *testing.T) {
	p := oldLedger(t, 1,
		`INSERT INTO files(id, name, hash, status, seen_at, department, year) VALUES(1, 'a.xlsx', 'h1', 'done', '2025-01-01T00:00:00Z', '甲局', 2019)`,
		`INSERT INTO files(id, name, hash, status, seen_at, department, year) VALUES(2, 'b.xlsx', 'h2', 'done', '2025-01-01T00:00:00Z', '甲局', 2019)`,
		`INSERT INTO metrics(department, year, key, file_id, updated_at) VALUES('甲局', 2019, '', 1, '2025-01-01T00:00:00Z')`,
		`INSERT INTO metrics(department, year, key, file_id, updated_at) VALUES('甲局', 2019, '项目:农田', 2, '2025-01-01T00:00:00Z')`,
	)
	l, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	f1, _ := l.Get(1)
	f2, _ := l.Get(2)
	if f1.Kind != "" || f2.Kind != "项目:农田" || f1.Attempts != 0 {
		t.Fatalf("%+v %+v", f1, f2)
	}
	if id, _ := l.Current("甲局", 2019, "项目:农田"); id != 2 {
		t.Fatalf("current %d", id)
	}
}

// TestPerWorkbookQueriesUseIndexes: the questions a batch asks once per
// workbook search an index, never scan every file: their cost must not
// grow with the ledger (a scan made a batch of n workbooks cost n²).
func TestPerWorkbookQueriesUseIndexes(t *testing.T) {
	l := open(t)
	for _, c := range []struct {
		name, q string
		args    []any
	}{
		{"OutputTaken", outputTakenQuery, []any{"out/2019/a.docx", Done, "甲局", 2019, ""}},
		{"Finish supersede", supersedeQuery, []any{MailSuperseded, "", "", MailPending, MailRetry, 1, Done, "甲局", 2019, ""}},
	} {
		rows, err := l.db.Query("EXPLAIN QUERY PLAN "+c.q, c.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		for _, d := range plan {
			// Searching files by status alone walks every finished file.
			if strings.HasPrefix(d, "SCAN ") || strings.Contains(d, "files USING INDEX files_status") {
				t.Errorf("%s walks a table: %q", c.name, plan)
			}
		}
		if len(plan) == 0 {
			t.Errorf("%s: no plan", c.name)
		}
	}
}

// TestMigrationToSchema4: the outputs a ledger of schema 3 lists in its
// files rows are in the outputs table after opening, and OutputTaken
// finds them; Finish keeps the table in step.
func TestMigrationToSchema4(t *testing.T) {
	p := oldLedger(t, 3,
		`INSERT INTO files(id, name, hash, status, seen_at, department, year, doc_key, outputs)
			VALUES(1, 'a.xlsx', 'h1', 'done', '2025-01-01T00:00:00Z', '甲局', 2019, '', '["out/2019/甲局.docx","out/2019/甲局.pdf"]')`,
	)
	l, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for _, c := range []struct {
		path, dept string
		want       bool
	}{
		{"out/2019/甲局.pdf", "乙局", true},  // another department's
		{"out/2019/甲局.pdf", "甲局", false}, // its own: to be replaced
		{"out/2019/乙局.pdf", "乙局", false},
	} {
		if got, err := l.OutputTaken(c.path, c.dept, 2019, ""); err != nil || got != c.want {
			t.Errorf("OutputTaken(%s, %s) = %v, %v; want %v", c.path, c.dept, got, err, c.want)
		}
	}
	id, err := l.Begin("b.xlsx", "h2", 1, "processing/b.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Finish(id, Outcome{Status: Done, Department: "乙局", Year: 2019, Outputs: []string{"out/2019/乙局.docx"}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := l.OutputTaken("out/2019/乙局.docx", "丙局", 2019, ""); !got {
		t.Error("a finished file's output is not found")
	}
	if err := l.Finish(id, Outcome{Status: Done, Department: "乙局", Year: 2019, Outputs: []string{"out/2019/乙局-2.docx"}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := l.OutputTaken("out/2019/乙局.docx", "丙局", 2019, ""); got {
		t.Error("an output the file no longer has is still taken")
	}
}
