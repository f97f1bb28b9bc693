package main

import (
	"fmt"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// The command line speaks Chinese: cobra's help, usage and error texts are
// English, so its templates are replaced and its errors translated here.

const usageTemplate = `用法：{{if .Runnable}}
  {{.UseLine | zh}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [命令]{{end}}{{if gt (len .Aliases) 0}}

别名：
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

示例：
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

命令：{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

选项：
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces | zh}}{{end}}{{if .HasAvailableInheritedFlags}}

通用选项：
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces | zh}}{{end}}{{if .HasAvailableSubCommands}}

运行“{{.CommandPath}} [命令] --help”查看各命令的说明。{{end}}
`

var (
	flagTypeRe = regexp.MustCompile(`(?m)^(\s+(?:-\w, )?--[\w-]+) (string|strings|stringArray|int|uint|duration|float64|bool)\b`)
	defaultRe  = regexp.MustCompile(`\(default ("?)(.*?)("?)\)`)
	flagTypes  = map[string]string{"string": "文本", "strings": "文本,…", "stringArray": "文本", "int": "整数", "uint": "整数", "duration": "时长", "float64": "数", "bool": ""}
)

// zh turns what cobra and pflag write in usage lines into Chinese:
// "[flags]", the value types and "(default …)".
func zh(s string) string {
	s = strings.ReplaceAll(s, " [flags]", " [选项]")
	s = flagTypeRe.ReplaceAllStringFunc(s, func(m string) string {
		g := flagTypeRe.FindStringSubmatch(m)
		if t := flagTypes[g[2]]; t != "" {
			return g[1] + " " + t
		}
		return g[1]
	})
	return defaultRe.ReplaceAllString(s, "（默认 $1$2$3）")
}

func init() {
	cobra.AddTemplateFunc("zh", zh)
	root.SetUsageTemplate(usageTemplate)
	root.SetHelpTemplate(`{{with (or .Long .Short)}}{{. | trimTrailingWhitespaces}}

{{end}}{{if or .Runnable .HasSubCommands}}{{.UsageString}}{{end}}`)
	root.CompletionOptions.DisableDefaultCmd = true
	root.PersistentFlags().BoolP("help", "h", false, "显示帮助 (help)")
	root.Version = version()
	root.Flags().BoolP("version", "v", false, "显示版本 (version)")
	root.SetVersionTemplate("jixiao {{.Version}}\n")
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [命令]",
		Short: "显示命令的帮助 (help)",
		RunE: func(c *cobra.Command, args []string) error {
			cmd, _, err := c.Root().Find(args)
			if cmd == nil || err != nil {
				return fmt.Errorf("unknown command %q for %q", strings.Join(args, " "), "jixiao")
			}
			return cmd.Help()
		},
	})
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: exitFatal, msg: translate(err.Error()) + "。" + seeHelp(c)}
	})
}

// version is the module version and the commit it was built from.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "（未知版本）"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "开发版"
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "，有未提交的修改"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		v += "（提交 " + rev + dirty + "）"
	}
	return v + "，" + bi.GoVersion
}

func seeHelp(c *cobra.Command) string {
	if c == nil {
		return "运行 jixiao --help 查看用法"
	}
	return "运行 " + c.CommandPath() + " --help 查看用法"
}

var cobraErrors = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^unknown command "(.*)" for "(.*)"`), "没有“$1”这个命令"},
	{regexp.MustCompile(`^unknown flag: (\S+)`), "没有 $1 这个选项"},
	{regexp.MustCompile(`^unknown shorthand flag: '(.)' in (\S+)`), "没有 -$1 这个选项"},
	{regexp.MustCompile(`^flag needs an argument: '(.)' in -.*`), "选项 -$1 后面要写一个值"},
	{regexp.MustCompile(`^flag needs an argument: (\S+)`), "选项 $1 后面要写一个值"},
	{regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: .*`), "选项 $2 的值“$1”无效"},
	{regexp.MustCompile(`^requires at least (\d+) arg\(s\), only received (\d+)`), "至少要给出 $1 个文件或参数（现在是 $2 个）"},
	{regexp.MustCompile(`^accepts at most (\d+) arg\(s\), received (\d+)`), "最多只能给出 $1 个参数（现在是 $2 个）"},
	{regexp.MustCompile(`^accepts (\d+) arg\(s\), received (\d+)`), "需要 $1 个参数（现在是 $2 个）"},
	{regexp.MustCompile(`^accepts between (\d+) and (\d+) arg\(s\), received (\d+)`), "需要 $1 到 $2 个参数（现在是 $3 个）"},
	{regexp.MustCompile(`^unknown command "(.*)" for "jixiao (.*)"`), "“$2”没有“$1”这个子命令"},
	{regexp.MustCompile(`^required flag\(s\) (.*) not set`), "必须给出选项 $1"},
	{regexp.MustCompile(`^if any flags in the group \[(.*)\] are set none of the others can be; .*`), "选项 $1 不能同时使用"},
}

// translate turns cobra's English error texts into Chinese; any other
// text is returned as is.
func translate(msg string) string {
	msg = strings.TrimSpace(msg)
	for _, e := range cobraErrors {
		if e.re.MatchString(msg) {
			return e.re.ReplaceAllString(strings.SplitN(msg, "\n", 2)[0], e.zh)
		}
	}
	return msg
}
