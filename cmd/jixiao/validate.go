package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/jixiao/jixiao/pipeline/read"
	"github.com/jixiao/jixiao/pipeline/report"
	"github.com/spf13/cobra"
)

func init() {
	var cfgPath, checkedDir string
	cmd := &cobra.Command{
		Use:   "validate FILE.xlsx...",
		Short: "只检查工作簿，逐条列出问题（文件: 工作表!单元格: 【错误/警告】说明），并列出识别出的表样和总分；全部可用时退出码为0",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cc, err := scoringConfig(cfgPath)
			if err != nil {
				return &exitError{code: exitFatal, msg: err.Error()}
			}
			p := &report.Pipeline{Config: cc, Read: read.DefaultOptions()}
			bad := 0
			for _, f := range args {
				res := p.Evaluate(f, nil)
				for _, fd := range res.Findings {
					fmt.Fprintln(cmd.OutOrStdout(), fd.Labelled())
				}
				for _, line := range recognised(res, cc) {
					fmt.Fprintln(cmd.OutOrStdout(), line)
				}
				if checkedDir != "" {
					c, err := report.WriteChecked(res, checkedDir)
					if err != nil {
						return &exitError{code: exitFatal, msg: err.Error()}
					}
					if c != "" {
						fmt.Fprintf(cmd.OutOrStdout(), "%s: 核查版 → %s\n", filepath.Base(f), c)
					}
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
	}
	cmd.Flags().StringVar(&cfgPath, "config", "", "只取其中的评分规则 scoring (scoring rules from this jixiao.yaml)")
	cmd.Flags().StringVar(&checkedDir, "checked", "", "在此目录写出标注了问题的核查版工作簿（<文件名>-核查.xlsx）(write checked copies here)")
	root.AddCommand(cmd)
}

// recognised says, per form, what the reader took it for and how it was
// scored, so that an administrator can see why a score came out as it did:
// "FILE: SHEET: 识别为…；评分规则…；总分：按规则计算99.13，表中填报99.13".
func recognised(res *report.Result, cc compute.Config) []string {
	wb := res.Workbook
	if wb == nil {
		return nil
	}
	name := filepath.Base(res.Source)
	var out []string
	line := func(f *form.Form, computed num.Opt) {
		kind := "项目支出绩效自评表"
		if f.Kind == form.DepartmentForm {
			kind = "部门整体支出绩效自评表"
		}
		s := fmt.Sprintf("%s: %s: 识别为%s，表样“%s”，评分规则 %s", name, f.Sheet, kind, read.LayoutName(f.Layout), cc.Profile(f.Profile).Name)
		switch {
		case computed.Valid && f.DeclaredTotal.Valid:
			s += fmt.Sprintf("；总分：按规则计算%s，表中填报%s（相差%s）", num.Score(computed), num.Score(f.DeclaredTotal), num.Score(num.Opt{D: computed.D.Sub(f.DeclaredTotal.D).Abs(), Valid: true}))
		case computed.Valid:
			s += "；总分：按规则计算" + num.Score(computed) + "，表中未填总分"
		case f.DeclaredTotal.Valid:
			s += "；表中填报总分" + num.Score(f.DeclaredTotal) + "，未能计算"
		}
		out = append(out, s)
	}
	ev := res.Draft
	if wb.Department != nil {
		t := num.None
		if ev != nil && !ev.FromProject {
			t = ev.TotalScore
		}
		line(wb.Department, t)
	}
	for i, p := range wb.Projects {
		t := num.None
		if ev != nil && i < len(ev.Projects) {
			t = ev.Projects[i].TotalScore
		}
		line(p, t)
	}
	return out
}

func scoreText(res *report.Result) string { return num.Score(res.Eval.TotalScore) }

func joinFiles(fs []string) string { return strings.Join(fs, ", ") }

var _ = os.Stderr
