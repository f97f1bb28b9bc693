// Package mail sends each finished report to its recipients: one message
// per report and recipient, with a Chinese subject ("…2019年度部门整体支出
// 绩效评价报告（93.50分，优）"), a body giving the score, the grade and the
// findings, and the .docx (optionally the PDF) attached under a Chinese
// file name that both old and new clients show (RFC 2231 filename* and an
// RFC 2047 filename).
//
// The ledger's mail rows are the queue. Queue.Flush marks a row "sending"
// before handing the message to the server and "sent" after, so a crash in
// between is seen next run and the row becomes "uncertain" instead of
// being sent twice.
//
// Failures are sorted into three kinds. A configuration mistake (login
// refused with 535, STARTTLS or login required, the sender refused, TLS
// on a STARTTLS port or STARTTLS on an implicit-TLS port, a certificate
// that cannot be verified) is a *ConfigError: mailing stops for the run
// with one Chinese message saying what to change, every mail stays
// queued and no attempt is used up; the message is kept in the ledger for
// `jixiao status` until a connection succeeds; a long-running process
// (Queue.Session) does not connect again for ConfigRetry while its
// settings are unchanged. Temporary trouble (421 and
// other 4xx, server unreachable, connection lost) counts an attempt and
// waits, doubling, before the next; after max_attempts the mail is given
// up. Only a refusal of the recipient (5xx to RCPT) or of the message
// itself (5xx to DATA) fails a mail at once. With no SMTP server
// configured, the messages are written as .eml files into outbox/.
package mail
