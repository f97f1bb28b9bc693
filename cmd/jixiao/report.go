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
// the others. Findings go to stderr, one line each, in the order of the
// arguments. The outputs are named after department, year and kind
// (report.Stem), not after the workbook: every office sends a
// 绩效自评表.xlsx. The names are handed out in the order of the arguments,
// so two workbooks that would share a name get distinct ones (the later a
// "-2") whatever order the workers finish in, and neither overwrites the
// other: a worker that has read workbook i takes its names once 0…i-1 have
// theirs, then writes, and keeps only the lines it will print. So only
// the workbooks in the workers' hands are in memory, not the whole batch
// (1,000 evaluations held at once were 130 MB).
func reportFiles(p *report.Pipeline, files []string, outDir string) error {
	lines := make([][]string, len(files))
	failed := make([]bool, len(files))
	var (
		mu           sync.Mutex
		turn         = sync.NewCond(&mu)
		next         int
		taken        = map[string]bool{}
		takenChecked = map[string]bool{}
	)
	// names returns workbook i's stem ("" when refused) and its checked
	// copy's name (the workbook's own, "-2", "-3"… for a second of one
	// name), in argument order.
	names := func(i int, res *report.Result) (stem, checked string) {
		mu.Lock()
		defer mu.Unlock()
		for next != i {
			turn.Wait()
		}
		if !res.Failed() {
			base := report.Stem(res.Eval)
			stem = base
			for n := 2; taken[strings.ToLower(stem)]; n++ {
				stem = fmt.Sprintf("%s-%d", base, n)
			}
			taken[strings.ToLower(stem)] = true
		}
		checked = report.CheckedName(files[i])
		for n := 2; takenChecked[strings.ToLower(checked)]; n++ {
			checked = report.CheckedName(fmt.Sprintf("%s-%d", strings.TrimSuffix(filepath.Base(files[i]), filepath.Ext(files[i])), n))
		}
		takenChecked[strings.ToLower(checked)] = true
		next++
		turn.Broadcast()
		return stem, checked
	}
	one := func(i int) {
		res := p.Evaluate(files[i], nil)
		stem, checkedName := names(i, res)
		var err error
		if stem != "" {
			err = p.Write(res, outDir, stem)
		}
		if err == nil {
			// The clerk's own workbook back, marked (核查版).
			if c, cerr := report.WriteCheckedAs(res, outDir, checkedName); cerr != nil {
				err = cerr
			} else if c != "" {
				res.Checked = c
			}
		}
		var out []string
		for _, fd := range res.Findings {
			out = append(out, fd.String())
		}
		base := filepath.Base(files[i])
		switch {
		case err != nil:
			failed[i] = true
			out = append(out, err.Error())
		case res.Failed():
			failed[i] = true
			out = append(out, base+": 未生成报告（见上方错误）")
		default:
			out = append(out, fmt.Sprintf("%s: %s分（%s）→ %s", base, scoreText(res), res.Eval.Grade, joinFiles(res.Files)))
		}
		if res.Checked != "" {
			out = append(out, fmt.Sprintf("%s: 核查版（问题已在单元格上标出）→ %s", base, res.Checked))
		}
		lines[i] = out
	}
	// Twice the cores: a worker waiting on fsync leaves its core to another.
	// Workbooks are handed out in argument order, so the one whose turn it
	// is to be named is always in a worker's hands.
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(len(files), 2*runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				one(i)
			}
		}()
	}
	for i := range files {
		work <- i
	}
	close(work)
	wg.Wait()
	n := 0
	for i := range files {
		for _, l := range lines[i] {
			fmt.Fprintln(os.Stderr, l)
		}
		if failed[i] {
			n++
		}
	}
	if n > 0 {
		return &exitError{code: exitPartial, msg: fmt.Sprintf("%d 个工作簿未能生成报告（共 %d 个）", n, len(files))}
	}
	return nil
}
