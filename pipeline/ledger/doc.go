// Package ledger is the workspace's memory: an embedded SQLite database
// (pure Go, modernc.org/sqlite) recording every workbook seen (content hash,
// times, status, findings, outputs), the email queue with one row per report
// and recipient, and each department's figures by year, from which a
// workbook without a 上年完成值 column gets its year-on-year base
// (compute.History).
//
// The database runs in WAL mode with a busy timeout; its schema version is
// kept in PRAGMA user_version and migrated forward on Open. The mail rows
// are the queue: a row is marked "sending" before the SMTP transaction and
// "sent" after it, so a crash in between leaves "sending", which the next
// run turns into "uncertain" (reported, never resent blindly).
package ledger
