package ledger

import (
	"database/sql"
	"errors"
	"time"
)

// Mail is one report to one recipient.
type Mail struct {
	ID        int64
	FileID    int64
	Recipient string
	Status    string
	Attempts  int
	NextAt    time.Time
	LastError string
	MessageID string
	UpdatedAt time.Time
	// Kind is MailReport or MailChecked.
	Kind string
	// From the file row.
	File *File
}

const mailCols = `m.id, m.file_id, m.recipient, m.status, m.attempts, m.next_at, m.last_error, m.message_id, m.updated_at, m.kind`

func (l *Ledger) mails(where string, args ...any) ([]*Mail, error) {
	rows, err := l.db.Query(`SELECT `+mailCols+` FROM mails m `+where, args...)
	if err != nil {
		return nil, err
	}
	var out []*Mail
	for rows.Next() {
		var m Mail
		var next, upd sql.NullString
		if err := rows.Scan(&m.ID, &m.FileID, &m.Recipient, &m.Status, &m.Attempts, &next, &m.LastError,
			&m.MessageID, &upd, &m.Kind); err != nil {
			rows.Close()
			return nil, err
		}
		m.NextAt, m.UpdatedAt = parseStamp(next), parseStamp(upd)
		out = append(out, &m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	files := map[int64]*File{}
	for _, m := range out {
		f, ok := files[m.FileID]
		if !ok {
			f, err = l.Get(m.FileID)
			if err != nil {
				return nil, err
			}
			files[m.FileID] = f
		}
		m.File = f
	}
	return out, nil
}

// RecoverSending turns rows left "sending" by a killed run into
// "uncertain": the message may or may not have reached the server, and it
// must not be sent twice. It returns how many there were.
func (l *Ledger) RecoverSending() (int, error) {
	res, err := l.db.Exec(`UPDATE mails SET status=?, last_error=?, updated_at=? WHERE status=?`,
		MailUncertain, "发送过程中程序中断，无法确定对方是否已收到；为避免重复发送，未自动重发", l.now(), MailSending)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Due returns the mails to send now: pending, and temporary failures whose
// wait is over, oldest first.
func (l *Ledger) Due(now time.Time) ([]*Mail, error) {
	return l.mails(`WHERE m.status IN (?, ?) AND m.next_at <= ? ORDER BY m.file_id, m.id`,
		MailPending, MailRetry, stamp(now))
}

// MailsOf returns a file's mail rows.
func (l *Ledger) MailsOf(fileID int64) ([]*Mail, error) {
	return l.mails(`WHERE m.file_id = ? ORDER BY m.id`, fileID)
}

// MailsWithStatus returns the mail rows with one of the statuses, newest first.
func (l *Ledger) MailsWithStatus(status ...string) ([]*Mail, error) {
	q := `WHERE m.status IN (`
	args := make([]any, len(status))
	for i, s := range status {
		if i > 0 {
			q += ","
		}
		q += "?"
		args[i] = s
	}
	return l.mails(q+`) ORDER BY m.id DESC`, args...)
}

// Sending records that a mail is about to be handed to the server, with
// the Message-ID it will carry. It succeeds only for a row still due, so
// two processes can never both send it.
func (l *Ledger) Sending(id int64, messageID string) (bool, error) {
	res, err := l.db.Exec(`UPDATE mails SET status=?, attempts=attempts+1, message_id=?, updated_at=?
		WHERE id=? AND status IN (?, ?)`, MailSending, messageID, l.now(), id, MailPending, MailRetry)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Sent records a delivery (or, with status MailOutbox, an .eml written).
func (l *Ledger) Sent(id int64, status, note string) error {
	_, err := l.db.Exec(`UPDATE mails SET status=?, last_error=?, updated_at=? WHERE id=?`, status, note, l.now(), id)
	return err
}

// Retry records a temporary failure; the mail is due again at next.
func (l *Ledger) Retry(id int64, reason string, next time.Time) error {
	_, err := l.db.Exec(`UPDATE mails SET status=?, last_error=?, next_at=?, updated_at=? WHERE id=?`,
		MailRetry, reason, stamp(next), l.now(), id)
	return err
}

// Fail records a permanent failure.
func (l *Ledger) Fail(id int64, reason string) error {
	_, err := l.db.Exec(`UPDATE mails SET status=?, last_error=?, updated_at=? WHERE id=?`, MailFailed, reason, l.now(), id)
	return err
}

// MailStatus returns a mail's status; ok is false when there is no mail
// with that id.
func (l *Ledger) MailStatus(id int64) (status string, ok bool, err error) {
	err = l.db.QueryRow(`SELECT status FROM mails WHERE id=?`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return status, err == nil, err
}

// Requeue makes uncertain (or failed) mails due again: the administrator
// checked that they did not arrive. ids empty = every uncertain mail.
func (l *Ledger) Requeue(ids ...int64) (int, error) {
	var res sql.Result
	var err error
	if len(ids) == 0 {
		res, err = l.db.Exec(`UPDATE mails SET status=?, next_at=?, updated_at=? WHERE status=?`,
			MailPending, l.now(), l.now(), MailUncertain)
	} else {
		var n int64
		for _, id := range ids {
			r, err := l.db.Exec(`UPDATE mails SET status=?, next_at=?, updated_at=? WHERE id=? AND status IN (?,?)`,
				MailPending, l.now(), l.now(), id, MailUncertain, MailFailed)
			if err != nil {
				return int(n), err
			}
			k, _ := r.RowsAffected()
			n += k
		}
		return int(n), nil
	}
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// RetryCounted records a temporary failure that happened before the
// message was handed over (the server could not be reached, or answered
// 421): it counts as an attempt, and the mail is due again at next.
func (l *Ledger) RetryCounted(id int64, reason string, next time.Time) (int, error) {
	var n int
	err := l.db.QueryRow(`UPDATE mails SET status=?, attempts=attempts+1, last_error=?, next_at=?, updated_at=?
		WHERE id=? RETURNING attempts`, MailRetry, reason, stamp(next), l.now(), id).Scan(&n)
	return n, err
}

// State keys.
const (
	// StateMailConfig holds the mail configuration error that stopped
	// mailing (empty: none).
	StateMailConfig = "mail_config_error"
	// StateRunError holds why the last run or watch could not start (a
	// template that does not parse, a folder that cannot be written);
	// cleared by the next run that starts.
	StateRunError = "run_error"
	// StateMailConfigKey identifies the mail settings that error was
	// found with.
	StateMailConfigKey = "mail_config_key"
)

// SetState records a standing condition of the workspace; value "" clears it.
func (l *Ledger) SetState(key, value string) error {
	if value == "" {
		_, err := l.db.Exec(`DELETE FROM state WHERE key = ?`, key)
		return err
	}
	_, err := l.db.Exec(`INSERT INTO state(key, value, updated_at) VALUES(?,?,?)
		ON CONFLICT(key) DO UPDATE SET value=excluded.value, updated_at=excluded.updated_at`, key, value, l.now())
	return err
}

// State returns a standing condition and since when it was recorded
// ("" when none).
func (l *Ledger) State(key string) (string, time.Time, error) {
	var v string
	var at sql.NullString
	err := l.db.QueryRow(`SELECT value, updated_at FROM state WHERE key = ?`, key).Scan(&v, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, nil
	}
	return v, parseStamp(at), err
}

// Unsent undoes Sending for a message the server refused before taking it
// because of the configuration (the sender refused, STARTTLS required): it
// stays queued and the attempt does not count.
func (l *Ledger) Unsent(id int64, reason string) error {
	_, err := l.db.Exec(`UPDATE mails SET status=?, attempts=max(attempts-1, 0), last_error=?, updated_at=? WHERE id=? AND status=?`,
		MailPending, reason, l.now(), id, MailSending)
	return err
}
