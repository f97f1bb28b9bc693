package main

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const sampleWB = "../../samples/邵东市科工局2019年度绩效自评表.xlsx"

// TestExitCodes: the contract's exit codes, and one .docx/.pdf/.json per
// good workbook even when another one in the same call is bad.
func TestExitCodes(t *testing.T) {
	out := t.TempDir()
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"report ok", []string{"report", "-o", out, sampleWB}, exitOK},
		{"report flags after files", []string{"report", sampleWB, "-o", out}, exitOK},
		{"report one bad", []string{"report", "-o", out, sampleWB, "../../pipeline/read/testdata/bad/truncated.xlsx"}, exitPartial},
		{"validate ok", []string{"validate", sampleWB}, exitOK},
		{"validate bad", []string{"validate", "../../pipeline/read/testdata/bad/not-a-zip.xlsx"}, exitPartial},
		{"no files", []string{"report"}, exitFatal},
		{"unknown command", []string{"frobnicate"}, exitFatal},
		{"bad template", []string{"report", "--template", "../../pipeline/read/testdata/bad/not-a-zip.xlsx", "-o", out, sampleWB}, exitFatal},
		{"template check default", []string{"template", "check", "../../templates/部门整体支出绩效评价报告.docx"}, exitOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := run(c.args); got != c.want {
				t.Errorf("exit %d, want %d", got, c.want)
			}
		})
	}
	for _, ext := range []string{".docx", ".pdf", ".json"} {
		if _, err := os.Stat(filepath.Join(out, "邵东市科技和工业信息化局-2019-部门整体"+ext)); err != nil {
			t.Errorf("missing output: %v", err)
		}
	}
	// The sample has warnings: its checked copy (核查版) is there too.
	if _, err := os.Stat(filepath.Join(out, "邵东市科工局2019年度绩效自评表-核查.xlsx")); err != nil {
		t.Errorf("missing checked copy: %v", err)
	}
	ents, _ := os.ReadDir(out)
	if len(ents) != 4 {
		t.Errorf("%d files in the output folder, want exactly 4 (no temp files, nothing for the bad workbook)", len(ents))
	}
}

// TestValidateSaysWhatItRecognised: validate names, per form, the layout
// and the scoring profile, and compares the form's own total with the
// recomputed one.
func TestValidateSaysWhatItRecognised(t *testing.T) {
	var buf bytes.Buffer
	root.SetOut(&buf)
	defer root.SetOut(nil)
	// mismatch.xlsx says 100 where its rows give 93.06: refused.
	if got := run([]string{"validate", sampleWB, "../../pipeline/read/testdata/mismatch.xlsx"}); got != exitPartial {
		t.Fatalf("exit %d", got)
	}
	for _, want := range []string{
		"邵东市科工局2019年度绩效自评表.xlsx: 部门整体支出绩效自评表: 识别为部门整体支出绩效自评表，表样“湖南 部门整体/项目支出绩效自评表（含上年完成值）”，评分规则 national；总分：按规则计算99.13，表中填报99.13（相差0.00）",
		"邵东市科工局2019年度绩效自评表.xlsx: 项目1-制造强省: 识别为项目支出绩效自评表，表样“财预〔2020〕10号 项目/部门整体支出绩效自评表”，评分规则 national",
		"mismatch.xlsx: 项目支出绩效自评表!G19: 【错误】表中填报的总分为100.00分，按规则计算为93.06分，相差6.94分，超过了5分：请核对相差最多的第13行“维护道路里程”（表中20.00，按规则16.00），第15行“工程验收合格率”（表中12.00，按规则15.00），第16行“项目资金支出”（表中10.00，按规则9.23）",
		"mismatch.xlsx: 项目支出绩效自评表: 识别为项目支出绩效自评表，表样“财预〔2020〕10号 项目/部门整体支出绩效自评表”，评分规则 national；总分：按规则计算93.06，表中填报100.00（相差6.94）",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("missing line\n%s\nin\n%s", want, buf.String())
		}
	}
}

// TestLayoutFixturesExitCodes: every real-layout fixture either validates
// (exit 0) or is refused with exit 2, as testdata/layouts/expected.json
// says; the totals themselves are checked in pipeline/read.
func TestLayoutFixturesExitCodes(t *testing.T) {
	b, err := os.ReadFile("../../pipeline/read/testdata/layouts/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]struct {
		Outcome string `json:"outcome"`
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	root.SetOut(io.Discard)
	defer root.SetOut(nil)
	for name, w := range want {
		code := run([]string{"validate", filepath.Join("../../pipeline/read/testdata/layouts", name)})
		if wantCode := map[string]int{"report": exitOK, "refused": exitPartial}[w.Outcome]; code != wantCode {
			t.Errorf("%s: exit %d, want %d (%s)", name, code, wantCode, w.Outcome)
		}
	}
}

// TestValidateChecked: validate --checked writes the marked copy of a
// refused workbook and none for a file that is no workbook.
func TestValidateChecked(t *testing.T) {
	dir := t.TempDir()
	root.SetOut(io.Discard)
	defer root.SetOut(nil)
	code := run([]string{"validate", "--checked", dir, "../../pipeline/read/testdata/mismatch.xlsx", "../../pipeline/read/testdata/bad/not-a-zip.xlsx"})
	if code != exitPartial {
		t.Fatalf("exit %d", code)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || ents[0].Name() != "mismatch-核查.xlsx" {
		t.Fatalf("checked dir holds %v", ents)
	}
	xf, err := excelize.OpenFile(filepath.Join(dir, "mismatch-核查.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer xf.Close()
	if xf.GetSheetList()[0] != "核查意见" {
		t.Errorf("sheets %v", xf.GetSheetList())
	}
	if v, _ := xf.GetCellValue("核查意见", "A1"); !strings.Contains(v, "未生成评价报告") {
		t.Errorf("A1 %q", v)
	}
}

// TestChineseUsageErrors: cobra's own refusals reach the user in Chinese,
// with the command whose help to read; pinned exactly.
func TestChineseUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, "jixiao: 没有“frobnicate”这个命令。运行 jixiao --help 查看用法"},
		{[]string{"report"}, "jixiao: 至少要给出 1 个文件或参数（现在是 0 个）。运行 jixiao report --help 查看用法"},
		{[]string{"report", "--bogus", "x.xlsx"}, "jixiao: 没有 --bogus 这个选项。运行 jixiao report --help 查看用法"},
		{[]string{"report", "-o"}, "jixiao: 选项 -o 后面要写一个值。运行 jixiao report --help 查看用法"},
		{[]string{"validate", "-x", "a.xlsx"}, "jixiao: 没有 -x 这个选项。运行 jixiao validate --help 查看用法"},
		{[]string{"template", "check"}, "jixiao: 至少要给出 1 个文件或参数（现在是 0 个）。运行 jixiao template check --help 查看用法"},
		{[]string{"bench", "--n", "abc"}, "jixiao: 选项 --n 的值“abc”无效。运行 jixiao bench --help 查看用法"},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		stderr = &buf
		code := run(c.args)
		stderr = os.Stderr
		if code != exitFatal || strings.TrimSpace(buf.String()) != c.want {
			t.Errorf("%v: exit %d\n got: %s\nwant: %s", c.args, code, strings.TrimSpace(buf.String()), c.want)
		}
	}
}

// TestHelpIsChinese: the help has no cobra English left, bench is not
// listed, and --version answers.
func TestHelpIsChinese(t *testing.T) {
	var buf bytes.Buffer
	root.SetOut(&buf)
	defer root.SetOut(nil)
	for _, args := range [][]string{{"--help"}, {"report", "--help"}, {"help", "status"}, {"--version"}} {
		buf.Reset()
		if code := run(args); code != exitOK {
			t.Fatalf("%v: exit %d", args, code)
		}
		out := buf.String()
		for _, en := range []string{"Usage:", "Flags:", "Available Commands", "[flags]", "(default", "help for", "Use \"", "completion"} {
			if strings.Contains(out, en) {
				t.Errorf("%v: %q left in\n%s", args, en, out)
			}
		}
		if args[0] == "--help" && strings.Contains(out, "bench") {
			t.Errorf("bench listed in the main help")
		}
		if args[0] == "--version" && !strings.HasPrefix(out, "jixiao ") {
			t.Errorf("version: %q", out)
		}
	}
}

// TestValidateNamesPlainFileProblems: a missing file and a folder are said
// plainly, with what to do.
func TestValidateNamesPlainFileProblems(t *testing.T) {
	var buf bytes.Buffer
	root.SetOut(&buf)
	defer root.SetOut(nil)
	dir := t.TempDir()
	if code := run([]string{"validate", filepath.Join(dir, "没有这个文件.xlsx"), dir}); code != exitPartial {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"没有这个文件.xlsx: 【错误】文件不存在。请检查文件名和路径",
		filepath.Base(dir) + ": 【错误】这是一个文件夹，不是工作簿。请给出文件夹中的 .xlsx 文件，如 文件夹/*.xlsx",
	} {
		if !strings.Contains(buf.String(), want+"\n") {
			t.Errorf("missing %q in\n%s", want, buf.String())
		}
	}
}

// TestBenchFromAnyDirectory: bench needs no file on disk: run from an
// empty directory, it builds its workspace from the built-in sample,
// processes every copy and prints its figures.
func TestBenchFromAnyDirectory(t *testing.T) {
	t.Chdir(t.TempDir())
	var buf bytes.Buffer
	root.SetOut(&buf)
	defer root.SetOut(nil)
	defer func() { benchN = 1000 }()
	if got := run([]string{"bench", "--n", "3"}); got != exitOK {
		t.Fatalf("exit %d: %s", got, buf.String())
	}
	for _, want := range []string{"工作簿：3（生成报告 3，失败 0）", "每个工作簿：", "CPU 时间：", "内存峰值："} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("missing %q in:\n%s", want, buf.String())
		}
	}
	if ents, _ := os.ReadDir("."); len(ents) != 0 {
		t.Errorf("bench left %d entries in the current directory", len(ents))
	}
}

// TestTuneGC: the batch settings apply unless the administrator set GOGC
// or GOMEMLIMIT, which then win.
func TestTuneGC(t *testing.T) {
	orig := debug.SetGCPercent(100)
	origLimit := debug.SetMemoryLimit(math.MaxInt64)
	defer func() { debug.SetGCPercent(orig); debug.SetMemoryLimit(origLimit) }()
	t.Setenv("GOGC", "150")
	tuneGC()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC set: percent changed to %d", got)
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	tuneGC()
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("percent %d, want %d", got, gcPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != memLimit {
		t.Errorf("limit %d, want %d", got, memLimit)
	}
}
