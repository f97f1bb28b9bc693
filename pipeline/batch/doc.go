// Package batch is the unattended pass over a workspace: take the lock,
// take back what a killed run left in processing/, take the settled files
// from inbox/, process them in parallel (a bad one never stops the others),
// record every outcome in the ledger, move each workbook to done/ or
// failed/ (with a Chinese <name>.error.txt), send or queue the mails and
// write the year's 汇总表.xlsx.
//
// Ordering is what makes a kill at any moment safe: a workbook is moved
// into processing/ before it is touched; outputs are written to a staging
// folder and renamed into out/<year>/; the ledger records the outcome (and
// queues the mails) in one transaction before the workbook leaves
// processing/. The next run finds anything left in processing/, looks its
// content hash up in the ledger, and either finishes the move or processes
// it again. An identical content that was already processed is recognised
// by its hash, moved to done/ with a note and neither processed nor mailed
// again.
package batch
