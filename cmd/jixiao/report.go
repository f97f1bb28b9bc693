package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/config"
	"github.com/jixiao/jixiao/pipeline/report"
	"github.com/spf13/cobra"
)

func init() {
	var outDir, tmpl, cfgPath string
	cmd := &cobra.Command{
		Use:   "report [-o DIR] [--template F.docx] FILE.xlsx...",
		Short: "为每个工作簿生成 .docx、.pdf 和 .json（默认输出到 ./out）",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cc, err := scoringConfig(cfgPath)
			if err != nil {
				return &exitError{code: exitFatal, msg: err.Error()}
			}
			p, err := buildPipeline(tmpl, cc)
			if err != nil {
				return &exitError{code: exitFatal, msg: err.Error()}
			}
			return reportFiles(p, args, outDir)
		},
	}
	cmd.Flags().StringVarP(&outDir, "output", "o", "out", "输出目录 (output folder)")
	cmd.Flags().StringVar(&tmpl, "template", "", "Word 模板（默认使用内置模板）(Word template; default: built in)")
	cmd.Flags().StringVar(&cfgPath, "config", "", "只取其中的评分规则 scoring（默认：国家通用规则，按表样自动选用地方规则）(scoring rules from this jixiao.yaml)")
	root.AddCommand(cmd)
}

// scoringConfig is the scoring of a jixiao.yaml, or the built-in rules
// when path is "".
func scoringConfig(path string) (compute.Config, error) {
	if path == "" {
		return compute.Defaults(), nil
	}
	c, err := config.Load(path)
	if err != nil {
		return compute.Config{}, err
	}
	return c.Compute(), nil
}

// reportFiles processes the workbooks in parallel; a bad one never stops
// the others. Findings go to stderr, one line each.
func reportFiles(p *report.Pipeline, files []string, outDir string) error {
	results := make([]*report.Result, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	// Twice the cores: a worker waiting on fsync leaves its core to another.
	sem := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	for i, f := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, f string) {
			defer wg.Done()
			defer func() { <-sem }()
			results[i], errs[i] = p.Process(f, outDir, nil)
			if errs[i] == nil {
				// The clerk's own workbook back, marked (核查版).
				if c, err := report.WriteChecked(results[i], outDir); err != nil {
					errs[i] = err
				} else if c != "" {
					results[i].Checked = c
				}
			}
		}(i, f)
	}
	wg.Wait()
	failed := 0
	for i, res := range results {
		for _, fd := range res.Findings {
			fmt.Fprintln(os.Stderr, fd.String())
		}
		switch {
		case errs[i] != nil:
			failed++
			fmt.Fprintln(os.Stderr, errs[i])
		case res.Failed():
			failed++
			fmt.Fprintf(os.Stderr, "%s: 未生成报告（见上方错误）\n", filepath.Base(files[i]))
		default:
			fmt.Fprintf(os.Stderr, "%s: %s分（%s）→ %s\n", filepath.Base(files[i]), scoreText(res), res.Eval.Grade, joinFiles(res.Files))
		}
		if res.Checked != "" {
			fmt.Fprintf(os.Stderr, "%s: 核查版（问题已在单元格上标出）→ %s\n", filepath.Base(files[i]), res.Checked)
		}
	}
	if failed > 0 {
		return &exitError{code: exitPartial, msg: fmt.Sprintf("%d 个工作簿未能生成报告（共 %d 个）", failed, len(files))}
	}
	return nil
}
