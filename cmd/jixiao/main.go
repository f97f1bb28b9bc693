// Command jixiao turns the 绩效自评表 workbooks of a Chinese government
// department into its 部门整体支出绩效评价报告 (.docx), a PDF summary and a
// machine-readable .json. This package only wires: the work is in
// pipeline/.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Exit codes of the contract.
const (
	exitOK      = 0
	exitFatal   = 1 // usage or fatal error
	exitPartial = 2 // at least one workbook failed; the rest were processed
)

// exitError carries an exit code through cobra; its message (when not
// empty) is printed on stderr.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

var root = &cobra.Command{
	Use:   "jixiao",
	Short: "绩效自评表 → 部门整体支出绩效评价报告 (Word、PDF、JSON)",
	Long: `jixiao 读取部门整体支出绩效自评表、项目支出绩效自评表等 Excel 工作簿，
计算预算执行率、指标完成率、同比增长、得分和等级，生成 Word 评价报告、PDF 摘要和 JSON 结果。

jixiao reads the standard performance self-evaluation workbooks (.xlsx) and
writes the evaluation report (.docx), a PDF summary and a .json per workbook.`,
	SilenceUsage:  true,
	SilenceErrors: true,
}

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:]))
}

// The collector's settings for a batch, unless GOGC or GOMEMLIMIT is set
// in the environment. Each workbook allocates a few MB that die with it,
// over a live heap of about 20 MB (fonts, glyphs, the template): at the
// default GOGC=100 the collector runs every 20 MB or so and takes about a
// fifth of the CPU. gcPercent lets the heap grow further between
// collections; memLimit makes the collector work harder instead of letting
// the process grow past it (the run's peak stays under 200 MB).
const (
	gcPercent = 300
	memLimit  = 160 << 20
)

func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(memLimit)
}

func run(args []string) int {
	resetHelp(root)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(stderr, "jixiao:", ee.msg)
		}
		return ee.code
	}
	// cobra's own errors (a command or an argument count it refused).
	c, _, _ := root.Find(args)
	fmt.Fprintln(stderr, "jixiao:", translate(err.Error())+"。"+seeHelp(c))
	return exitFatal
}

// stderr is where run writes its errors (tests capture it).
var stderr io.Writer = os.Stderr

// resetHelp clears --help and --version left set by an earlier run in the
// same process (cobra keeps flag values; the tests run many commands).
func resetHelp(c *cobra.Command) {
	for _, name := range []string{"help", "version"} {
		if f := c.Flags().Lookup(name); f != nil {
			f.Value.Set("false")
			f.Changed = false
		}
		if f := c.PersistentFlags().Lookup(name); f != nil {
			f.Value.Set("false")
			f.Changed = false
		}
	}
	for _, sub := range c.Commands() {
		resetHelp(sub)
	}
}
