package report

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/checked"
	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/pdf"
	"github.com/jixiao/jixiao/pipeline/read"
	"github.com/jixiao/jixiao/pipeline/word"
	"github.com/jixiao/jixiao/templates"
)

// BenchmarkStage times each stage of one workbook on the sample, as a batch
// sees it (template parsed and fonts prepared once, before the loop), with
// allocations:
//
//	go test -run '^$' -bench Stage -benchmem ./pipeline/report
//
// read: the .xlsx bytes to a form.Workbook; compute: the evaluation;
// docx: the Word report with its two chart PNGs; pdf: the summary; json:
// the JSON; checked: the checked copy (核查版) with the sample's findings;
// all: everything one workbook costs, outputs kept in memory.
func BenchmarkStage(b *testing.B) {
	data, err := os.ReadFile(sample)
	if err != nil {
		b.Fatal(err)
	}
	opt, cfg := read.DefaultOptions(), compute.Defaults()
	tpl, err := word.Parse(templates.DefaultReport, word.StandardSchema())
	if err != nil {
		b.Fatal(err)
	}
	docx, pdfs := WordRenderer{T: tpl}, PDFRenderer{M: pdf.NewMaker()}
	made := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	wb, err := read.Bytes(sample, data, opt)
	if err != nil {
		b.Fatal(err)
	}
	ev := compute.Evaluate(wb, cfg, nil)
	fs := ev.Warnings
	if len(fs) == 0 {
		b.Fatal("the sample has no findings: the checked copy would not be written")
	}
	var sink bytes.Buffer
	render := func(b *testing.B, r Renderer, ev *compute.Evaluation) {
		sink.Reset()
		if _, err := r.Render(&sink, ev, made); err != nil {
			b.Fatal(err)
		}
	}
	render(b, pdfs, ev) // the font prepared once per batch
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := read.Bytes(sample, data, opt); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("compute", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			compute.Evaluate(wb, cfg, nil)
		}
	})
	b.Run("docx", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			render(b, docx, ev)
		}
	})
	b.Run("pdf", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			render(b, pdfs, ev)
		}
	})
	b.Run("json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := MarshalJSON(ev); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("checked", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink.Reset()
			if err := checked.Write(&sink, data, fs, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("all", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			wb, err := read.Bytes(sample, data, opt)
			if err != nil {
				b.Fatal(err)
			}
			ev := compute.Evaluate(wb, cfg, nil)
			render(b, docx, ev)
			render(b, pdfs, ev)
			if _, err := MarshalJSON(ev); err != nil {
				b.Fatal(err)
			}
			sink.Reset()
			if err := checked.Write(&sink, data, ev.Warnings, true); err != nil {
				b.Fatal(err)
			}
		}
	})
}
