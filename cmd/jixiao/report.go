package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
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
// the others. Findings go to stderr, one line each. The outputs are named
// after department, year and kind (report.Stem), not after the workbook:
// every office sends a 绩效自评表.xlsx. The names are handed out in the
// order of the arguments once every workbook is read, so two workbooks
// that would share a name get distinct ones (the later a "-2") whatever
// order the workers finish in, and neither overwrites the other.
func reportFiles(p *report.Pipeline, files []string, outDir string) error {
	results := make([]*report.Result, len(files))
	errs := make([]error, len(files))
	// Twice the cores: a worker waiting on fsync leaves its core to another.
	parallel := func(do func(i int)) {
		var wg sync.WaitGroup
		sem := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
		for i := range files {
			wg.Add(1)
			sem <- struct{}{}
			go func(i int) {
				defer wg.Done()
				defer func() { <-sem }()
				do(i)
			}(i)
		}
		wg.Wait()
	}
	parallel(func(i int) { results[i] = p.Evaluate(files[i], nil) })
	stems := make([]string, len(files))
	taken := map[string]bool{}
	for i, res := range results {
		if res.Failed() {
			continue
		}
		base := report.Stem(res.Eval)
		stem := base
		for n := 2; taken[strings.ToLower(stem)]; n++ {
			stem = fmt.Sprintf("%s-%d", base, n)
		}
		taken[strings.ToLower(stem)] = true
		stems[i] = stem
	}
	// The checked copies (核查版) keep the workbook's name; two workbooks
	// of one name get "-2", "-3"… in argument order too.
	checkedNames := make([]string, len(files))
	takenChecked := map[string]bool{}
	for i, f := range files {
		name := report.CheckedName(f)
		for n := 2; takenChecked[strings.ToLower(name)]; n++ {
			name = report.CheckedName(fmt.Sprintf("%s-%d", strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)), n))
		}
		takenChecked[strings.ToLower(name)] = true
		checkedNames[i] = name
	}
	parallel(func(i int) {
		if stems[i] != "" {
			errs[i] = p.Write(results[i], outDir, stems[i])
		}
		if errs[i] == nil {
			// The clerk's own workbook back, marked (核查版).
			if c, err := report.WriteCheckedAs(results[i], outDir, checkedNames[i]); err != nil {
				errs[i] = err
			} else if c != "" {
				results[i].Checked = c
			}
		}
	})
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
