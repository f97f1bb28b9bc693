package ledger

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/shopspring/decimal"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

// FileName is the ledger's name in a workspace.
const FileName = "jixiao.db"

// Status of a file.
const (
	Processing = "processing"
	Done       = "done"
	Failed     = "failed"
	Duplicate  = "duplicate"
)

// Status of a mail row.
const (
	MailPending   = "pending"
	MailSending   = "sending"
	MailSent      = "sent"
	MailRetry     = "retry"     // temporary failure, retried later
	MailFailed    = "failed"    // permanent failure (5xx) or attempts used up
	MailUncertain = "uncertain" // crashed between send and record: not resent
	MailOutbox    = "outbox"    // no SMTP: written as .eml into outbox/
	// MailSuperseded: not sent because a changed workbook under the same
	// name replaced the report (its attachment) before it went out.
	MailSuperseded = "superseded"

	// What a mail carries.
	MailReport  = "report"  // the report, to the superiors
	MailChecked = "checked" // the checked copy, back to the clerk
)

// Ledger is an open workspace database. It is safe for concurrent use.
type Ledger struct {
	db  *sql.DB
	Now func() time.Time
}

var migrations = []string{
	// 1: the first schema.
	`CREATE TABLE files(
		id INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		title TEXT NOT NULL DEFAULT '',
		hash TEXT NOT NULL,
		size INTEGER NOT NULL DEFAULT 0,
		status TEXT NOT NULL,
		stored TEXT NOT NULL DEFAULT '',
		seen_at TEXT NOT NULL,
		finished_at TEXT,
		department TEXT NOT NULL DEFAULT '',
		year INTEGER NOT NULL DEFAULT 0,
		score TEXT, grade TEXT NOT NULL DEFAULT '', rate TEXT,
		errors INTEGER NOT NULL DEFAULT 0,
		warnings INTEGER NOT NULL DEFAULT 0,
		findings TEXT NOT NULL DEFAULT '[]',
		outputs TEXT NOT NULL DEFAULT '[]',
		duplicate_of INTEGER,
		note TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX files_hash ON files(hash);
	CREATE INDEX files_status ON files(status);
	CREATE TABLE metrics(
		department TEXT NOT NULL,
		year INTEGER NOT NULL,
		key TEXT NOT NULL,
		file_id INTEGER NOT NULL,
		total_score TEXT, grade TEXT NOT NULL DEFAULT '', rate TEXT, fund_executed TEXT,
		indicators TEXT NOT NULL DEFAULT '{}',
		projects TEXT NOT NULL DEFAULT '{}',
		updated_at TEXT NOT NULL,
		PRIMARY KEY(department, year, key)
	);
	CREATE TABLE mails(
		id INTEGER PRIMARY KEY,
		file_id INTEGER NOT NULL REFERENCES files(id),
		recipient TEXT NOT NULL,
		status TEXT NOT NULL,
		attempts INTEGER NOT NULL DEFAULT 0,
		next_at TEXT NOT NULL,
		last_error TEXT NOT NULL DEFAULT '',
		message_id TEXT NOT NULL DEFAULT '',
		updated_at TEXT NOT NULL,
		UNIQUE(file_id, recipient)
	);
	CREATE INDEX mails_status ON mails(status, next_at);
	CREATE TABLE runs(
		id INTEGER PRIMARY KEY,
		pid INTEGER NOT NULL,
		started_at TEXT NOT NULL,
		finished_at TEXT,
		processed INTEGER NOT NULL DEFAULT 0,
		failed INTEGER NOT NULL DEFAULT 0,
		duplicates INTEGER NOT NULL DEFAULT 0
	);`,
	// 2: which report a file gives (department, year and kind: a later
	// submission of the same replaces it), how many times it was taken up,
	// and the workspace's standing conditions (a mail configuration error).
	`ALTER TABLE files ADD COLUMN doc_key TEXT NOT NULL DEFAULT '';
	ALTER TABLE files ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE files ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
	UPDATE files SET doc_key = (SELECT key FROM metrics WHERE metrics.file_id = files.id)
		WHERE EXISTS (SELECT 1 FROM metrics WHERE metrics.file_id = files.id);
	CREATE TABLE state(
		key TEXT PRIMARY KEY,
		value TEXT NOT NULL,
		updated_at TEXT NOT NULL
	);`,
	// 3: what a mail carries: the report to the superiors, or the checked
	// copy (核查版) back to the clerk who filled the workbook.
	`ALTER TABLE mails ADD COLUMN kind TEXT NOT NULL DEFAULT 'report';`,
	// 4: the output files, one row each, indexed: asking whether a path is
	// another report's (OutputTaken, once per workbook) searched every
	// finished file's JSON list, a cost that grew with the ledger (1,000
	// workbooks in a batch: a third of a millisecond each, on average, and
	// more every year). Reports superseded by department, year and kind
	// are found by index too.
	`CREATE TABLE outputs(
		file_id INTEGER NOT NULL REFERENCES files(id),
		path TEXT NOT NULL
	);
	CREATE INDEX outputs_path ON outputs(path);
	CREATE INDEX outputs_file ON outputs(file_id);
	INSERT INTO outputs(file_id, path) SELECT files.id, o.value FROM files, json_each(files.outputs) AS o;
	CREATE INDEX files_doc ON files(department, year, doc_key);`,
}

// Open opens (creating and migrating) the ledger at path.
func Open(path string) (*Ledger, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	dsn := "file:" + filepath.ToSlash(abs) + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("无法打开处理记录 %s: %w", path, err)
	}
	// One connection: SQLite serialises writers anyway, and this keeps
	// transactions from waiting on each other inside the process.
	db.SetMaxOpenConns(1)
	l := &Ledger{db: db, Now: time.Now}
	if err := l.migrate(); err != nil {
		db.Close()
		return nil, fmt.Errorf("处理记录 %s 无法使用: %w", path, err)
	}
	return l, nil
}

func (l *Ledger) migrate() error {
	var v int
	if err := l.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("数据库版本 %d 比本程序新（%d），请升级 jixiao", v, len(migrations))
	}
	for ; v < len(migrations); v++ {
		tx, err := l.db.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec(migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// Close closes the database.
func (l *Ledger) Close() error { return l.db.Close() }

func (l *Ledger) now() string { return stamp(l.Now()) }

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseStamp(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	t, _ := time.Parse(time.RFC3339Nano, s.String)
	return t
}

func optText(o num.Opt) any {
	if !o.Valid {
		return nil
	}
	return o.D.String()
}

func textOpt(s sql.NullString) num.Opt {
	if !s.Valid {
		return num.None
	}
	d, err := decimal.NewFromString(s.String)
	if err != nil {
		return num.None
	}
	return num.Some(d)
}

// File is one row of the files table: one workbook content seen.
type File struct {
	ID   int64
	Name string
	// Title is the report's name ("…2019年度部门整体支出绩效评价报告").
	Title      string
	Hash       string
	Size       int64
	Status     string
	Stored     string // where the workbook is now, relative to the workspace
	SeenAt     time.Time
	FinishedAt time.Time
	Department string
	Year       int
	Score      num.Opt
	Grade      string
	Rate       num.Opt
	Errors     int
	Warnings   int
	Findings   []string
	Outputs    []string // relative to the workspace
	DupOf      int64
	Note       string
	// Kind is the report's kind within its department and year ("" the
	// department's own, "项目:…" a project-only workbook).
	Kind string
	// Attempts is how many times the file was taken up for processing.
	Attempts int
	// LastError is why the last attempt did not finish.
	LastError string
}

const fileCols = `id, name, title, hash, size, status, stored, seen_at, finished_at, department, year,
	score, grade, rate, errors, warnings, findings, outputs, duplicate_of, note, doc_key, attempts, last_error`

type scanner interface{ Scan(...any) error }

func scanFile(s scanner) (*File, error) {
	var f File
	var seen, fin, score, rate sql.NullString
	var findings, outputs string
	var dup sql.NullInt64
	if err := s.Scan(&f.ID, &f.Name, &f.Title, &f.Hash, &f.Size, &f.Status, &f.Stored, &seen, &fin,
		&f.Department, &f.Year, &score, &f.Grade, &rate, &f.Errors, &f.Warnings,
		&findings, &outputs, &dup, &f.Note, &f.Kind, &f.Attempts, &f.LastError); err != nil {
		return nil, err
	}
	f.SeenAt, f.FinishedAt = parseStamp(seen), parseStamp(fin)
	f.Score, f.Rate = textOpt(score), textOpt(rate)
	json.Unmarshal([]byte(findings), &f.Findings)
	json.Unmarshal([]byte(outputs), &f.Outputs)
	f.DupOf = dup.Int64
	return &f, nil
}

// ByHash returns the rows of a content, newest first.
func (l *Ledger) ByHash(hash string) ([]*File, error) {
	return l.files(`WHERE hash = ? ORDER BY id DESC`, hash)
}

// Get returns one row.
func (l *Ledger) Get(id int64) (*File, error) {
	fs, err := l.files(`WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(fs) == 0 {
		return nil, sql.ErrNoRows
	}
	return fs[0], nil
}

// Recent returns the last n rows (all when n <= 0), newest first.
func (l *Ledger) Recent(n int) ([]*File, error) {
	if n <= 0 {
		return l.files(`ORDER BY id DESC`)
	}
	return l.files(`ORDER BY id DESC LIMIT ?`, n)
}

// WithStatus returns the rows with a status, newest first.
func (l *Ledger) WithStatus(status string) ([]*File, error) {
	return l.files(`WHERE status = ? ORDER BY id DESC`, status)
}

func (l *Ledger) files(where string, args ...any) ([]*File, error) {
	rows, err := l.db.Query(`SELECT `+fileCols+` FROM files `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*File
	for rows.Next() {
		f, err := scanFile(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Begin records a content being taken up for processing and returns its
// row id. stored is where the workbook now is (processing/…).
func (l *Ledger) Begin(name, hash string, size int64, stored string) (int64, error) {
	res, err := l.db.Exec(`INSERT INTO files(name, hash, size, status, stored, seen_at, attempts) VALUES(?,?,?,?,?,?,1)`,
		name, hash, size, Processing, stored, l.now())
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// Restart marks an existing row as being processed again (a run was
// killed, crashed or could not finish while it was in processing/) and
// returns how many times it has now been taken up.
func (l *Ledger) Restart(id int64, name, stored string) (int, error) {
	var n int
	err := l.db.QueryRow(`UPDATE files SET status = ?, name = ?, stored = ?, attempts = attempts + 1 WHERE id = ?
		RETURNING attempts`, Processing, name, stored, id).Scan(&n)
	return n, err
}

// Unfinished records why an attempt at a file did not finish (it stays in
// processing/ and is taken up again).
func (l *Ledger) Unfinished(id int64, reason string) error {
	_, err := l.db.Exec(`UPDATE files SET last_error = ? WHERE id = ?`, reason, id)
	return err
}

// Current is the id of the file whose report is the latest of a
// department, year and kind (0 when none).
func (l *Ledger) Current(department string, year int, kind string) (int64, error) {
	var id int64
	err := l.db.QueryRow(`SELECT file_id FROM metrics WHERE department = ? AND year = ? AND key = ?`,
		department, year, kind).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// The two questions asked once per workbook of a batch, by index: their
// plans are checked by TestPerWorkbookQueriesUseIndexes.
const (
	outputTakenQuery = `SELECT 1 FROM outputs JOIN files ON files.id = outputs.file_id
		WHERE outputs.path = ? AND files.status = ? AND NOT (files.department = ? AND files.year = ? AND files.doc_key = ?)
		LIMIT 1`
	supersedeQuery = `UPDATE mails SET status=?, last_error=?, updated_at=?
		WHERE status IN (?, ?) AND file_id IN (SELECT id FROM files WHERE id != ? AND status = ?
			AND department = ? AND year = ? AND doc_key = ?)`
)

// OutputTaken reports whether a finished report of another department,
// year or kind has the output rel (relative to the workspace).
func (l *Ledger) OutputTaken(rel, department string, year int, kind string) (bool, error) {
	var one int
	err := l.db.QueryRow(outputTakenQuery, rel, Done, department, year, kind).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// Duplicate records a content dropped again that was already processed.
func (l *Ledger) Duplicate(name, hash string, size int64, stored string, of int64, note string) (int64, error) {
	now := l.now()
	res, err := l.db.Exec(`INSERT INTO files(name, hash, size, status, stored, seen_at, finished_at, duplicate_of, note)
		VALUES(?,?,?,?,?,?,?,?,?)`, name, hash, size, Duplicate, stored, now, now, of, note)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// SetStored records where the workbook was moved.
func (l *Ledger) SetStored(id int64, stored string) error {
	_, err := l.db.Exec(`UPDATE files SET stored = ? WHERE id = ?`, stored, id)
	return err
}

// Metrics are one department's figures of one year, kept for next year's
// growth.
type Metrics struct {
	Department string
	Year       int
	// Key tells apart the department's own workbook ("") from project-only
	// workbooks ("项目:" + names).
	Key          string
	TotalScore   num.Opt
	Grade        string
	Rate         num.Opt
	FundExecuted num.Opt
	// Indicators maps 三级指标 → 实际完成值 as typed.
	Indicators map[string]string
	// Projects maps 项目名称 → 全年执行数 (万元).
	Projects map[string]num.Opt
}

// Outcome is what became of a file.
type Outcome struct {
	Status     string // Done or Failed
	Title      string
	Kind       string // see File.Kind
	Department string
	Year       int
	Score      num.Opt
	Grade      string
	Rate       num.Opt
	Errors     int
	Warnings   int
	Findings   []string
	Outputs    []string
	Note       string
	// Stored is where the workbook is being moved (done/… or failed/…).
	Stored string
	// Metrics, when set, replace the department's figures of that year.
	Metrics *Metrics
	// Recipients get one pending mail row each.
	Recipients []string
	// ReturnTo get the checked copy (核查版), one pending mail row each
	// (an address that also gets the report gets the report only).
	ReturnTo []string
}

// Finish records the outcome of a file in one transaction: the row, the
// metrics and the mails to send. After it, the file is never processed
// again (only moved out of processing/ if a crash came before that).
func (l *Ledger) Finish(id int64, o Outcome) error {
	tx, err := l.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := l.now()
	findings, _ := json.Marshal(nonNil(o.Findings))
	outputs, _ := json.Marshal(nonNil(o.Outputs))
	if _, err := tx.Exec(`UPDATE files SET status=?, title=?, finished_at=?, department=?, year=?, score=?, grade=?, rate=?,
		errors=?, warnings=?, findings=?, outputs=?, note=?, stored=?, doc_key=? WHERE id=?`,
		o.Status, o.Title, now, o.Department, o.Year, optText(o.Score), o.Grade, optText(o.Rate),
		o.Errors, o.Warnings, string(findings), string(outputs), o.Note, o.Stored, o.Kind, id); err != nil {
		return err
	}
	if _, err := tx.Exec(`DELETE FROM outputs WHERE file_id = ?`, id); err != nil {
		return err
	}
	for _, p := range o.Outputs {
		if _, err := tx.Exec(`INSERT INTO outputs(file_id, path) VALUES(?, ?)`, id, p); err != nil {
			return err
		}
	}
	if m := o.Metrics; m != nil {
		inds, _ := json.Marshal(m.Indicators)
		projs := map[string]any{}
		for k, v := range m.Projects {
			projs[k] = optText(v)
		}
		pj, _ := json.Marshal(projs)
		if _, err := tx.Exec(`INSERT INTO metrics(department, year, key, file_id, total_score, grade, rate, fund_executed,
			indicators, projects, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT(department, year, key) DO UPDATE SET file_id=excluded.file_id, total_score=excluded.total_score,
			grade=excluded.grade, rate=excluded.rate, fund_executed=excluded.fund_executed,
			indicators=excluded.indicators, projects=excluded.projects, updated_at=excluded.updated_at`,
			m.Department, m.Year, m.Key, id, optText(m.TotalScore), m.Grade, optText(m.Rate), optText(m.FundExecuted),
			string(inds), string(pj), now); err != nil {
			return err
		}
	}
	if o.Status == Done && len(o.Outputs) > 0 && o.Department != "" && o.Year != 0 {
		// The department's earlier report of the same year and kind is
		// replaced: its unsent mails would carry the new attachment under
		// the old figures, so they are dropped (the new report is mailed).
		// Another department's report, whatever its file name, is not.
		if _, err := tx.Exec(supersedeQuery, MailSuperseded, "本部门同年度的新版本已取代此报告，改发新报告", now, MailPending, MailRetry,
			id, Done, o.Department, o.Year, o.Kind); err != nil {
			return err
		}
	}
	for _, group := range []struct {
		kind string
		to   []string
	}{{MailReport, o.Recipients}, {MailChecked, o.ReturnTo}} {
		for _, r := range group.to {
			if _, err := tx.Exec(`INSERT INTO mails(file_id, recipient, status, next_at, updated_at, kind) VALUES(?,?,?,?,?,?)
				ON CONFLICT(file_id, recipient) DO NOTHING`, id, r, MailPending, now, now, group.kind); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// History is what the ledger knows of a department's year: the figures of
// its own workbook (Key ""), else of its project-only workbooks merged.
// It returns nil when nothing is known.
func (l *Ledger) History(department string, year int) (*compute.History, error) {
	rows, err := l.db.Query(`SELECT key, fund_executed, indicators, projects FROM metrics
		WHERE department = ? AND year = ? ORDER BY key = '' DESC, updated_at DESC`, department, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var h *compute.History
	for rows.Next() {
		var key, inds, projs string
		var fund sql.NullString
		if err := rows.Scan(&key, &fund, &inds, &projs); err != nil {
			return nil, err
		}
		if h == nil {
			h = &compute.History{Year: year, Indicators: map[string]num.Measure{}, Projects: map[string]num.Opt{}}
			h.FundExecuted = textOpt(fund)
		}
		var im map[string]string
		json.Unmarshal([]byte(inds), &im)
		for k, v := range im {
			if _, ok := h.Indicators[k]; !ok {
				h.Indicators[k] = num.ParseMeasure(v)
			}
		}
		var pm map[string]*string
		json.Unmarshal([]byte(projs), &pm)
		for k, v := range pm {
			if _, ok := h.Projects[k]; ok || v == nil {
				continue
			}
			if d, err := decimal.NewFromString(*v); err == nil {
				h.Projects[k] = num.Some(d)
			}
		}
	}
	return h, rows.Err()
}

// YearRow is one line of a year's 汇总表.
type YearRow struct {
	Department string
	Key        string
	Score      num.Opt
	Grade      string
	Rate       num.Opt
	File       *File
	// Mail counts the report's mail rows by status.
	Mail map[string]int
}

// Years lists the years with figures, newest first.
func (l *Ledger) Years() ([]int, error) {
	rows, err := l.db.Query(`SELECT DISTINCT year FROM metrics ORDER BY year DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, rows.Err()
}

// Year returns every department's latest figures of a year, by department.
func (l *Ledger) Year(year int) ([]YearRow, error) {
	rows, err := l.db.Query(`SELECT department, key, file_id, total_score, grade, rate FROM metrics
		WHERE year = ? ORDER BY department, key`, year)
	if err != nil {
		return nil, err
	}
	var out []YearRow
	var ids []int64
	for rows.Next() {
		var r YearRow
		var id int64
		var score, rate sql.NullString
		if err := rows.Scan(&r.Department, &r.Key, &id, &score, &r.Grade, &rate); err != nil {
			rows.Close()
			return nil, err
		}
		r.Score, r.Rate = textOpt(score), textOpt(rate)
		out = append(out, r)
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if f, err := l.Get(ids[i]); err == nil {
			out[i].File = f
		}
		m, err := l.mailCounts(ids[i])
		if err != nil {
			return nil, err
		}
		out[i].Mail = m
	}
	return out, nil
}

func (l *Ledger) mailCounts(fileID int64) (map[string]int, error) {
	rows, err := l.db.Query(`SELECT status, count(*) FROM mails WHERE file_id = ? GROUP BY status`, fileID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		m[s] = n
	}
	return m, rows.Err()
}

// StartRun records a run's start and returns its id.
func (l *Ledger) StartRun(pid int) (int64, error) {
	res, err := l.db.Exec(`INSERT INTO runs(pid, started_at) VALUES(?,?)`, pid, l.now())
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// EndRun records a run's end and its counts.
func (l *Ledger) EndRun(id int64, processed, failed, duplicates int) error {
	_, err := l.db.Exec(`UPDATE runs SET finished_at=?, processed=?, failed=?, duplicates=? WHERE id=?`,
		l.now(), processed, failed, duplicates, id)
	return err
}

// Run is one recorded run.
type Run struct {
	ID                            int64
	PID                           int
	Started, Finished             time.Time
	Processed, Failed, Duplicates int
}

// LastRun returns the latest run, or nil.
func (l *Ledger) LastRun() (*Run, error) {
	var r Run
	var s, f sql.NullString
	err := l.db.QueryRow(`SELECT id, pid, started_at, finished_at, processed, failed, duplicates FROM runs ORDER BY id DESC LIMIT 1`).
		Scan(&r.ID, &r.PID, &s, &f, &r.Processed, &r.Failed, &r.Duplicates)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.Started, r.Finished = parseStamp(s), parseStamp(f)
	return &r, nil
}
