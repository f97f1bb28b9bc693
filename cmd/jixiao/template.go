package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/jixiao/jixiao/pipeline/word"
	"github.com/spf13/cobra"
)

func init() {
	tc := &cobra.Command{Use: "template", Short: "Word 模板工具 (Word template tools)"}
	tc.AddCommand(&cobra.Command{
		Use:   "check F.docx...",
		Short: "检查 Word 模板（.docx，也接受 .dotx/.dotm）：未知标签、未结束的循环、无法识别的标签，逐条列出位置",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			bad := 0
			for _, f := range args {
				b, err := os.ReadFile(f)
				if err != nil {
					fmt.Fprintf(cmd.OutOrStdout(), "%s: 无法读取: %v\n", f, err)
					bad++
					continue
				}
				// what filling changes besides the tags (a .dotx becomes a
				// plain .docx, macros are dropped): said, not a problem
				for _, n := range word.Notes(b) {
					fmt.Fprintf(cmd.ErrOrStderr(), "%s: %s\n", filepath.Base(f), n)
				}
				problems := word.Check(b, word.StandardSchema())
				for _, p := range problems {
					fmt.Fprintf(cmd.OutOrStdout(), "%s: %s\n", filepath.Base(f), p.String())
				}
				if len(problems) > 0 {
					bad++
				} else {
					fmt.Fprintf(cmd.ErrOrStderr(), "%s: 模板可以使用\n", filepath.Base(f))
				}
			}
			if bad > 0 {
				return &exitError{code: exitFatal, msg: fmt.Sprintf("%d 个模板有问题", bad)}
			}
			return nil
		},
	})
	root.AddCommand(tc)
}
