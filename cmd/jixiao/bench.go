package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/jixiao/jixiao/pipeline/batch"
	"github.com/jixiao/jixiao/pipeline/config"
	"github.com/jixiao/jixiao/pipeline/inbox"
	"github.com/jixiao/jixiao/samples"
)

var (
	benchN       int
	benchWorkers int
	benchSample  string
	benchKeep    bool
	benchProfile string
)

var benchCmd = &cobra.Command{
	Use: "bench [--n 1000] [--workers N]",
	// For developers measuring speed: not in the main help.
	Hidden: true,
	Short:  "批量性能测试：把样例自评表复制 N 份（部门名称和数字略有不同）放进临时工作区，跑一遍 run",
	Long: `bench 在临时目录建立工作区，把样例工作簿复制 N 份放进 inbox（每份的部门名称和
一个数字略有不同，内容哈希各不相同），然后完整地跑一遍 run（Word + PDF + JSON + 处理记录 +
.eml 邮件 + 汇总表），打印总耗时、每个工作簿的耗时和内存峰值。`,
	Args: cobra.NoArgs,
	RunE: func(cmd *cobra.Command, _ []string) error {
		return runBench(cmd.OutOrStdout())
	},
}

func init() {
	benchCmd.Flags().IntVar(&benchN, "n", 1000, "工作簿份数")
	benchCmd.Flags().IntVar(&benchWorkers, "workers", 0, "并行数（0 = CPU 核数）")
	benchCmd.Flags().StringVar(&benchSample, "sample", "", "样例工作簿（默认：内置的邵东市科工局2019年度绩效自评表）")
	benchCmd.Flags().BoolVar(&benchKeep, "keep", false, "保留临时工作区")
	benchCmd.Flags().StringVar(&benchProfile, "cpuprofile", "", "把 CPU 剖析写到此文件（go tool pprof）")
	root.AddCommand(benchCmd)
}

// benchDepartment is the sample's department, varied per copy.
const benchDepartment = "邵东市科技和工业信息化局"

func runBench(out io.Writer) error {
	if benchN <= 0 {
		return &exitError{code: exitFatal, msg: "--n 必须大于 0"}
	}
	src, err := benchSource()
	if err != nil {
		return &exitError{code: exitFatal, msg: err.Error()}
	}
	dir, err := os.MkdirTemp("", "jixiao-bench-")
	if err != nil {
		return err
	}
	if !benchKeep {
		defer os.RemoveAll(dir)
	}
	if _, err := initWorkspace(dir); err != nil {
		return err
	}
	cfg := config.Default(dir)
	cfg.Workers = benchWorkers
	cfg.Settle = 10 * time.Millisecond
	cfg.Mail.To = []string{"caizhengju@example.gov.cn"}
	cfg.Template = config.TemplateFile

	fmt.Fprintf(out, "准备 %d 个工作簿 …\n", benchN)
	for i := 0; i < benchN; i++ {
		b, err := variantWorkbook(src, i)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, inbox.Inbox, fmt.Sprintf("自评表%05d.xlsx", i)), b, 0o644); err != nil {
			return err
		}
	}
	runtime.GC()

	var peakHeap atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // sample the Go heap while the pass runs
		defer wg.Done()
		var ms runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if v := ms.HeapInuse + ms.StackInuse; v > peakHeap.Load() {
				peakHeap.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()

	if benchProfile != "" {
		f, err := os.Create(benchProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	cpu0 := cpuTime()
	start := time.Now()
	r, err := openRunner(cfg, newLogger(newProgress(io.Discard, false), true))
	if err != nil {
		return err
	}
	sum, err := r.Pass(context.Background(), batch.Options{WaitSettle: true})
	r.Close()
	wall := time.Since(start)
	close(stop)
	wg.Wait()
	if err != nil {
		return err
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	per := wall / time.Duration(benchN)
	rss := peakRSS()
	workers := cfg.WorkerCount()
	fmt.Fprintf(out, "工作簿：%d（生成报告 %d，失败 %d），并行 %d，CPU %d 核\n", benchN, sum.Processed, sum.Failed, workers, runtime.NumCPU())
	fmt.Fprintf(out, "总耗时：%.2f 秒（含等待复制完成的 %s、Word、PDF、JSON、处理记录、%d 封 .eml、汇总表）\n",
		wall.Seconds(), cfg.Settle, sum.Mail.Outbox)
	fmt.Fprintf(out, "每个工作簿：%.2f 毫秒（墙钟）\n", float64(per.Microseconds())/1000)
	if cpu := cpuTime() - cpu0; cpu > 0 {
		fmt.Fprintf(out, "CPU 时间：%.2f 秒，每个工作簿 %.2f 毫秒\n", cpu.Seconds(), float64(cpu.Microseconds())/1000/float64(benchN))
	}
	fmt.Fprintf(out, "内存峰值：进程 %s（最大驻留集），Go 堆 %s；累计分配 %s，GC %d 次\n",
		mib(rss), mib(peakHeap.Load()), mib(ms.TotalAlloc), ms.NumGC)
	if benchKeep {
		fmt.Fprintf(out, "工作区保留在 %s\n", dir)
	}
	if sum.AnyFailed() {
		return &exitError{code: exitPartial, msg: fmt.Sprintf("%d 个工作簿失败", sum.Failed)}
	}
	return nil
}

func benchSource() ([]byte, error) {
	if benchSample != "" {
		return os.ReadFile(benchSample)
	}
	return samplesSample()
}

// variantWorkbook changes the department's name (in the shared strings) and
// one figure of the first sheet so that every copy has its own hash and
// its own 部门 in the ledger and the 汇总表.
func variantWorkbook(src []byte, i int) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return nil, fmt.Errorf("样例工作簿不是 .xlsx: %w", err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	dept := fmt.Sprintf("%s（第%04d号）", benchDepartment, i)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		switch f.Name {
		case "xl/sharedStrings.xml":
			data = bytes.ReplaceAll(data, []byte(benchDepartment), []byte(dept))
		case "xl/worksheets/sheet1.xml":
			// 全年执行数 2847.12 → a little less, so the rate differs too
			v := 2847.12 - float64(i%500)/100
			data = bytes.Replace(data, []byte("<v>2847.12</v>"), []byte("<v>"+strconv.FormatFloat(v, 'f', 2, 64)+"</v>"), 1)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: f.Method, Modified: f.Modified})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func mib(b uint64) string {
	if b == 0 {
		return "未知"
	}
	return fmt.Sprintf("%.1f MB", float64(b)/(1<<20))
}

// peakRSS is the process's peak resident set (Linux: VmHWM); 0 elsewhere.
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// cpuTime is the process's user+system CPU time (Linux /proc); 0 elsewhere.
func cpuTime() time.Duration {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 {
		s = s[i+2:]
	}
	f := strings.Fields(s)
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseUint(f[11], 10, 64)
	st, _ := strconv.ParseUint(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / 100 // USER_HZ is 100 on Linux
}

// samplesSample is the built-in department sample.
func samplesSample() ([]byte, error) { return samples.Department, nil }
