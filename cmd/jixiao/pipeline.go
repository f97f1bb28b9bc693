package main

import (
	"fmt"
	"os"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/pdf"
	"github.com/jixiao/jixiao/pipeline/read"
	"github.com/jixiao/jixiao/pipeline/report"
	"github.com/jixiao/jixiao/pipeline/word"
	"github.com/jixiao/jixiao/templates"
)

// buildPipeline prepares what every workbook of a batch shares: the parsed
// Word template (templatePath "" = the embedded default) and the PDF maker.
// A bad template fails here, before any workbook is read.
func buildPipeline(templatePath string, cc compute.Config) (*report.Pipeline, error) {
	p := &report.Pipeline{Config: cc, Read: read.DefaultOptions()}
	src := templates.DefaultReport
	if templatePath != "" {
		b, err := os.ReadFile(templatePath)
		if err != nil {
			return nil, fmt.Errorf("无法读取Word模板: %w", err)
		}
		src = b
	}
	t, err := word.Parse(src, word.StandardSchema())
	if err != nil {
		name := templatePath
		if name == "" {
			name = "内置模板"
		}
		return nil, fmt.Errorf("Word模板 %s 有错误:\n%w", name, err)
	}
	p.Word = report.WordRenderer{T: t}
	p.PDF = report.PDFRenderer{M: pdf.NewMaker()}
	return p, nil
}
