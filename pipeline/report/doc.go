// Package report runs the whole pipeline for one workbook: read → compute →
// render (JSON, Word, PDF) → write the outputs atomically into a folder. It
// is what `jixiao report` and the unattended batch both call; a template and
// a PDF maker are prepared once and shared by every workbook of a batch.
package report
