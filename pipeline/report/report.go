package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/read"
	"github.com/jixiao/jixiao/pipeline/view"
)

// Renderer writes one output document for an evaluation.
type Renderer interface {
	// Render writes the document. It may add warnings (e.g. characters a
	// font lacks) to the returned list.
	Render(w io.Writer, ev *compute.Evaluation, made time.Time) (finding.List, error)
}

// Pipeline is prepared once per batch and is safe for concurrent use.
type Pipeline struct {
	Config compute.Config
	Read   read.Options
	// Word and PDF render the .docx and .pdf; nil leaves that output out.
	Word, PDF Renderer
	// Now gives the run date, printed in the documents (评价日期) only when
	// neither Date nor the form's 填报日期 gives one.
	Now func() time.Time
	// Date is the report date the configuration fixes (report_date); zero
	// takes the form's 填报日期 (view.ReportDate).
	Date time.Time
}

// Result is what became of one workbook.
type Result struct {
	Source string // the workbook's path as given
	// Workbook is what was read, also when it gave no report (nil when the
	// file itself could not be read).
	Workbook *form.Workbook
	// Draft is the computation, also when its findings refuse the
	// workbook: for validate to show what the form added up to. Never
	// render it.
	Draft *compute.Evaluation
	Eval  *compute.Evaluation
	// Findings are every problem found, errors and warnings, with File set.
	Findings finding.List
	// Files are the outputs written (json, docx, pdf), absent when the
	// workbook could not give a report.
	Files []string
	// Checked is the checked copy (核查版) written for the clerk, if any.
	Checked string
}

// Failed reports whether the workbook gave no report.
func (r *Result) Failed() bool { return r.Eval == nil || r.Findings.HasErrors() }

// Evaluate reads and computes, without writing anything. hist may be nil.
func (p *Pipeline) Evaluate(path string, hist *compute.History) *Result {
	res := &Result{Source: path}
	name := filepath.Base(path)
	wb, err := read.File(path, p.Read)
	if err != nil {
		res.Findings = append(res.Findings, asFinding(name, err))
		return res
	}
	res.Workbook = wb
	if wb.Findings.HasErrors() {
		res.Findings = wb.Findings.WithFile(name)
		return res
	}
	p.compute(res, hist)
	return res
}

// Recompute computes again what Evaluate read, with last year's figures:
// the workbook is not read a second time. It returns res unchanged when it
// holds no readable workbook.
func (p *Pipeline) Recompute(res *Result, hist *compute.History) *Result {
	if res == nil || res.Workbook == nil || res.Workbook.Findings.HasErrors() {
		return res
	}
	out := &Result{Source: res.Source, Workbook: res.Workbook}
	p.compute(out, hist)
	return out
}

func (p *Pipeline) compute(res *Result, hist *compute.History) {
	ev := compute.Evaluate(res.Workbook, p.Config, hist)
	res.Draft = ev
	res.Findings = ev.Warnings.WithFile(filepath.Base(res.Source))
	if res.Findings.HasErrors() {
		return
	}
	res.Eval = ev
}

// RenderError is a document that could not be rendered from an
// evaluation: the workbook's content is the cause (a value the template or
// the PDF cannot take), not the machine, so retrying does not help.
type RenderError struct {
	Job string // "生成Word报告", "生成PDF摘要", "生成JSON"
	Err error
}

func (e *RenderError) Error() string { return e.Job + "失败: " + e.Err.Error() }
func (e *RenderError) Unwrap() error { return e.Err }

// Process evaluates one workbook and writes STEM.json, STEM.docx and
// STEM.pdf into outDir, STEM being Stem of the evaluation (department,
// year and kind). It is Evaluate followed by Write.
func (p *Pipeline) Process(path, outDir string, hist *compute.History) (*Result, error) {
	res := p.Evaluate(path, hist)
	if res.Failed() {
		return res, nil
	}
	return res, p.Write(res, outDir, Stem(res.Eval))
}

// Write renders an evaluation once and writes STEM.json, STEM.docx and
// STEM.pdf into outDir. All outputs are rendered in memory first and then
// renamed into place, so a failure leaves no half report. A document that
// cannot be rendered is a *RenderError (the workbook's failure); any other
// error is trouble writing.
func (p *Pipeline) Write(res *Result, outDir, stem string) error {
	if res.Failed() {
		return errors.New("report: Write of a refused workbook")
	}
	now := time.Now()
	if p.Now != nil {
		now = p.Now()
	}
	// One date for every output: the configured one, else the form's
	// 填报日期, else the run date.
	if !p.Date.IsZero() {
		now = p.Date
	} else {
		now = view.ReportDate(res.Eval, now)
	}
	name := filepath.Base(res.Source)
	type out struct {
		ext  string
		data []byte
	}
	var outs []out
	for _, r := range []struct {
		r        Renderer
		ext, job string
	}{{p.Word, ".docx", "生成Word报告"}, {p.PDF, ".pdf", "生成PDF摘要"}} {
		if r.r == nil {
			continue
		}
		var buf bytes.Buffer
		warns, err := r.r.Render(&buf, res.Eval, now)
		if err != nil {
			return fmt.Errorf("%s: %w", name, &RenderError{Job: r.job, Err: err})
		}
		p.addWarnings(res, warns)
		outs = append(outs, out{r.ext, buf.Bytes()})
	}
	js, err := MarshalJSON(res.Eval)
	if err != nil {
		return fmt.Errorf("%s: %w", name, &RenderError{Job: "生成JSON", Err: err})
	}
	outs = append([]out{{".json", js}}, outs...)
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("无法创建输出目录 %s: %w", outDir, err)
	}
	var tmps []string
	cleanup := func() {
		for _, t := range tmps {
			os.Remove(t)
		}
	}
	for _, o := range outs {
		t, err := writeTemp(outDir, stem+o.ext, o.data)
		if err != nil {
			cleanup()
			return err
		}
		tmps = append(tmps, t)
	}
	for i, o := range outs {
		final := filepath.Join(outDir, stem+o.ext)
		if err := os.Rename(tmps[i], final); err != nil {
			cleanup()
			return fmt.Errorf("无法写入 %s: %w", final, err)
		}
		res.Files = append(res.Files, final)
	}
	return nil
}

func (p *Pipeline) addWarnings(res *Result, warns finding.List) {
	if len(warns) == 0 {
		return
	}
	name := filepath.Base(res.Source)
	res.Findings = append(res.Findings, warns.WithFile(name)...)
	res.Eval.Warnings = append(res.Eval.Warnings, stripFile(warns)...)
}

// writeTemp writes data to a hidden temporary file beside final.
func writeTemp(dir, final string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, "."+final+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("无法在 %s 写入临时文件: %w", dir, err)
	}
	// CreateTemp makes 0600; reports are for the office to read.
	if err := f.Chmod(0o644); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", fmt.Errorf("写入 %s 失败: %w", f.Name(), err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// MarshalJSON is the contract's .json: UTF-8, indented, no HTML escaping,
// with "kind" ("department", "project", "projects") and "title" saying what
// the report is, as the .docx, the PDF and the mail say it.
func MarshalJSON(ev *compute.Evaluation) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	doc := struct {
		Kind  string `json:"kind"`
		Title string `json:"title"`
		*compute.Evaluation
	}{view.KindOf(ev).Code(), view.Title(ev), ev}
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func asFinding(file string, err error) finding.Finding {
	if fe, ok := err.(*finding.FileError); ok {
		f := fe.Finding()
		f.File = file
		return f
	}
	return finding.Finding{File: file, Severity: finding.Error, Message: err.Error()}
}

func stripFile(l finding.List) finding.List {
	out := make(finding.List, len(l))
	for i, f := range l {
		f.File = ""
		out[i] = f
	}
	return out
}
