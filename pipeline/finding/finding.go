package finding

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Severity says whether a report can still be made.
type Severity int

const (
	// Warning: the report is made and mentions the problem.
	Warning Severity = iota
	// Error: this workbook cannot give a report.
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "错误"
	}
	return "警告"
}

// Finding is one problem in one place.
type Finding struct {
	File     string   `json:"-"`
	Sheet    string   `json:"-"`
	Cell     string   `json:"-"` // "D7"; "" for a whole sheet or file
	Severity Severity `json:"-"`
	Message  string   `json:"message"`
	// Hint says what to do about it, for the clerk (optional).
	Hint string `json:"hint,omitempty"`
}

// Where is "SHEET!CELL", "SHEET" or "".
func (f Finding) Where() string {
	switch {
	case f.Sheet == "":
		return ""
	case f.Cell == "":
		return f.Sheet
	default:
		return f.Sheet + "!" + f.Cell
	}
}

// String is the form `jixiao validate` prints: "FILE: SHEET!CELL: message".
func (f Finding) String() string {
	var b strings.Builder
	if f.File != "" {
		b.WriteString(f.File)
		b.WriteString(": ")
	}
	if w := f.Where(); w != "" {
		b.WriteString(w)
		b.WriteString(": ")
	}
	b.WriteString(f.Message)
	if f.Hint != "" {
		b.WriteString("。")
		b.WriteString(f.Hint)
	}
	return b.String()
}

// Labelled is String with the severity before the message, as validate
// prints it: "FILE: SHEET!CELL: 【错误】message。hint".
func (f Finding) Labelled() string {
	g := f
	g.Message = "【" + f.Severity.String() + "】" + f.Message
	return g.String()
}

// MarshalJSON writes {"where": "SHEET!CELL", "message": "…"} as the
// contract's warnings are.
func (f Finding) MarshalJSON() ([]byte, error) {
	type out struct {
		Where    string `json:"where"`
		Message  string `json:"message"`
		Severity string `json:"severity"`
		Hint     string `json:"hint,omitempty"`
	}
	sev := "warning"
	if f.Severity == Error {
		sev = "error"
	}
	return json.Marshal(out{Where: f.Where(), Message: f.Message, Severity: sev, Hint: f.Hint})
}

// List collects findings.
type List []Finding

// Add appends a finding.
func (l *List) Add(sev Severity, sheet, cell, format string, args ...any) {
	*l = append(*l, Finding{Sheet: sheet, Cell: cell, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// Warn appends a warning.
func (l *List) Warn(sheet, cell, format string, args ...any) {
	l.Add(Warning, sheet, cell, format, args...)
}

// Err appends an error.
func (l *List) Err(sheet, cell, format string, args ...any) {
	l.Add(Error, sheet, cell, format, args...)
}

// HasErrors reports whether any finding stops the report.
func (l List) HasErrors() bool {
	for _, f := range l {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, f := range l {
		if f.Severity == s {
			out = append(out, f)
		}
	}
	return out
}

// WithFile sets the file name on every finding.
func (l List) WithFile(file string) List {
	out := make(List, len(l))
	for i, f := range l {
		f.File = file
		out[i] = f
	}
	return out
}

// FileError is a whole-file problem (corrupt, encrypted, legacy format) as a
// Go error whose text is safe to show a clerk.
type FileError struct {
	File    string
	Message string // Chinese, what is wrong
	Hint    string // Chinese, what to do
	Err     error  // the cause, for logs
}

func (e *FileError) Error() string {
	s := e.File + ": " + e.Message
	if e.Hint != "" {
		s += "。" + e.Hint
	}
	return s
}

func (e *FileError) Unwrap() error { return e.Err }

// Finding turns the error into a finding.
func (e *FileError) Finding() Finding {
	return Finding{File: e.File, Severity: Error, Message: e.Message, Hint: e.Hint}
}

// Split gives what is wrong and how to fix it, for a clerk's checklist:
// the Hint when there is one, else the "请…" part the message ends with,
// else a plain request to check the cell.
func (f Finding) Split() (what, fix string) {
	if f.Hint != "" {
		return f.Message, f.Hint
	}
	for _, sep := range []string{"：请", "；请", "，请", "。请"} {
		if i := strings.LastIndex(f.Message, sep); i > 0 {
			return f.Message[:i], f.Message[i+len(sep)-len("请"):]
		}
	}
	if f.Severity == Error {
		return f.Message, "请按提示修改该处内容后重新提交"
	}
	return f.Message, "请核对该处内容；确认无误可不修改"
}
