package report

import (
	"io"
	"time"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/pdf"
	"github.com/jixiao/jixiao/pipeline/view"
	"github.com/jixiao/jixiao/pipeline/word"
)

// WordRenderer fills a parsed template; one per batch, shared by all
// workbooks.
type WordRenderer struct{ T *word.Template }

// Render builds the names of the standard schema, the charts, and fills.
func (r WordRenderer) Render(w io.Writer, ev *compute.Evaluation, made time.Time) (finding.List, error) {
	d := view.Data(ev, made)
	if err := view.AddCharts(d, ev); err != nil {
		return nil, err
	}
	return nil, r.T.Fill(d, w)
}

// PDFRenderer writes the summary; one Maker per batch (it cuts the font
// once).
type PDFRenderer struct{ M *pdf.Maker }

// Render writes the PDF; characters the PDF cannot show become a warning.
func (r PDFRenderer) Render(w io.Writer, ev *compute.Evaluation, made time.Time) (finding.List, error) {
	info, err := r.M.Write(w, ev, made)
	if err != nil {
		return nil, err
	}
	var l finding.List
	if msg := info.Message(); msg != "" {
		l.Warn("", "", "%s", msg)
	}
	return l, nil
}
