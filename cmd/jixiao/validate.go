package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/jixiao/jixiao/pipeline/read"
	"github.com/jixiao/jixiao/pipeline/report"
	"github.com/spf13/cobra"
)

func init() {
	root.AddCommand(&cobra.Command{
		Use:   "validate FILE.xlsx...",
		Short: "只检查工作簿，逐条列出问题：FILE: SHEET!CELL: message；全部可用时退出码为0",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p := &report.Pipeline{Config: compute.Defaults(), Read: read.DefaultOptions()}
			bad := 0
			for _, f := range args {
				res := p.Evaluate(f, nil)
				for _, fd := range res.Findings {
					fmt.Fprintln(cmd.OutOrStdout(), fd.String())
				}
				if res.Failed() {
					bad++
				}
			}
			if bad > 0 {
				return &exitError{code: exitPartial, msg: fmt.Sprintf("%d 个工作簿不可用（共 %d 个）", bad, len(args))}
			}
			return nil
		},
	})
}

func scoreText(res *report.Result) string { return num.Score(res.Eval.TotalScore) }

func joinFiles(fs []string) string { return strings.Join(fs, ", ") }

var _ = os.Stderr
