package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/jixiao/jixiao/docs"
	"github.com/jixiao/jixiao/pipeline/config"
	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/samples"
	"github.com/jixiao/jixiao/templates"
)

var initCmd = &cobra.Command{
	Use:   "init DIR",
	Short: "建立一个工作区：inbox/、带注释的配置文件、可修改的 Word 模板、空白自评表",
	Long: `init 在 DIR 中建立 jixiao 工作区：
  jixiao.yaml                        配置文件（中文注释）
  inbox/ processing/ done/ failed/ out/
  模板/部门整体支出绩效评价报告.docx   可以用 Word/WPS 修改的报告模板
  绩效自评表-空白.xlsx                 标准自评表，供各部门填写
  无人值守运行说明.md                   计划任务、常驻服务和邮件的设置步骤
已有 jixiao.yaml 时拒绝覆盖。`,
	Args: cobra.ExactArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		dir := args[0]
		made, err := initWorkspace(dir)
		if err != nil {
			return &exitError{code: exitFatal, msg: err.Error()}
		}
		out := cmd.OutOrStdout()
		abs, _ := filepath.Abs(dir)
		fmt.Fprintf(out, "已建立工作区 %s：\n", abs)
		for _, m := range made {
			fmt.Fprintln(out, "  "+m)
		}
		fmt.Fprintf(out, "\n下一步：\n  1. 按需修改 %s（收件人、邮件服务器、评分标准）\n", filepath.Join(dir, config.FileName))
		fmt.Fprintf(out, "  2. 把填好的自评表放进 %s\n", filepath.Join(dir, inbox.Inbox))
		fmt.Fprintf(out, "  3. 运行 jixiao run --config %s（或按 %s 设置计划任务）\n", filepath.Join(dir, config.FileName), filepath.Join(dir, docs.UnattendedName))
		return nil
	},
}

func init() { root.AddCommand(initCmd) }

// initWorkspace writes a workspace; it refuses an existing configuration
// and never overwrites the template or the blank workbook.
func initWorkspace(dir string) ([]string, error) {
	cfgPath := filepath.Join(dir, config.FileName)
	if _, err := os.Stat(cfgPath); err == nil {
		return nil, fmt.Errorf("%s 已存在，未做任何修改（init 不会覆盖已有的配置）", cfgPath)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("无法创建目录 %s: %w", dir, err)
	}
	ws := inbox.Workspace{Root: dir}
	if err := ws.Ensure(); err != nil {
		return nil, err
	}
	made := []string{config.FileName, "inbox/  processing/  done/  failed/  out/"}
	files := []struct {
		rel  string
		data []byte
	}{
		{config.TemplateFile, templates.DefaultReport},
		{samples.BlankName, samples.Blank},
		{docs.UnattendedName, docs.Unattended},
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.rel))
		if _, err := os.Stat(p); err == nil {
			made = append(made, f.rel+"（已存在，保留原文件）")
			continue
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if err := inbox.WriteFileAtomic(p, f.data); err != nil {
			return nil, err
		}
		made = append(made, f.rel)
	}
	// The configuration last, with O_EXCL: two inits at once cannot both
	// write it, and a failed init can simply be run again.
	f, err := os.OpenFile(cfgPath, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("无法写入 %s: %w", cfgPath, err)
	}
	if _, err := f.WriteString(config.Sample); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	return made, nil
}
