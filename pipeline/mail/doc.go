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
// being sent twice. Temporary failures (4xx, network) are retried on later
// runs with a doubling wait; permanent ones (5xx) are recorded and
// reported. With no SMTP server configured, the messages are written as
// .eml files into outbox/.
package mail
