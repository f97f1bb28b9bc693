package pdf

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/jixiao/jixiao/pipeline/chart"
	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/jixiao/jixiao/pipeline/view"
	"github.com/jung-kurt/gofpdf"
)

// Maker writes PDF summaries. One Maker serves a whole batch, reusing its
// buffers and compressor from one summary to the next; it is safe for
// concurrent use. The zero Maker is ready to use.
type Maker struct {
	mu   sync.Mutex
	free []*scratch
}

// NewMaker returns a Maker.
func NewMaker() *Maker { return &Maker{} }

// Info tells the caller about a written PDF.
type Info struct {
	Pages int
	// Replaced are the characters of the evaluation the PDF could not show
	// (beyond U+FFFF, or missing from the font), each once, in code order;
	// each occurrence was printed as 〓.
	Replaced []rune
}

// Message is a warning sentence about Replaced for the clerk, or "".
func (i Info) Message() string {
	if len(i.Replaced) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("PDF摘要中无法显示的字符已用“〓”代替：")
	for k, r := range i.Replaced {
		if k > 0 {
			b.WriteString("、")
		}
		fmt.Fprintf(&b, "%s（U+%04X）", string(r), r)
	}
	return b.String()
}

// Write writes the summary of ev to w; made is the date printed as the
// date the summary was made (2026年11月29日).
func (m *Maker) Write(w io.Writer, ev *compute.Evaluation, made time.Time) (Info, error) {
	if ev == nil {
		return Info{}, fmt.Errorf("pdf: no evaluation")
	}
	cl := newCleaner()
	c := build(ev, made, cl)

	// Draw onto a recorder, which learns the characters used, then replay
	// the drawing onto gofpdf with the stand-in font; finish puts the font,
	// cut to those characters, in its place (font.go).
	s := m.scratch()
	defer m.done(s)
	rec := &s.rec
	rec.reset()
	(&doc{p: rec, c: c}).render()

	p := gofpdf.New("P", "mm", "A4", "")
	p.SetMargins(marginX, marginTop, marginX)
	p.SetAutoPageBreak(false, 0)
	p.SetCompression(false) // finish compresses the pages
	p.SetCreationDate(made)
	p.SetModificationDate(made)
	p.SetCreator("jixiao", false)
	p.SetProducer("jixiao", false)
	p.SetTitle(c.title1+" "+c.title2, true)
	rec.replay(&cidCanvas{Fpdf: p, buf: &s.text})
	if err := p.Error(); err != nil {
		return Info{}, fmt.Errorf("pdf: %w", err)
	}
	if err := p.Output(&s.raw); err != nil {
		return Info{}, fmt.Errorf("pdf: %w", err)
	}
	if err := s.finish(s.raw.Bytes(), rec.runes); err != nil {
		return Info{}, err
	}
	tagSubset(s.out.Bytes())
	if _, err := w.Write(s.out.Bytes()); err != nil {
		return Info{}, err
	}
	return Info{Pages: p.PageCount(), Replaced: cl.replacedList()}, nil
}

// Date writes a date the way Chinese documents do: 2026年11月29日.
func Date(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// family is the font's family as the summary draws with it (and as
// gofpdf would name it, fontName). The embedded font is named fontName,
// with no subset tag; Write renames it in place to a subset name of the
// same length ("ABCDEF+NotoSans"), as PDF readers and pdffonts expect of a
// subset font.
const family = "notosans-sc"

// Page geometry (mm) and type sizes (pt).
const (
	pageW     = 210.0
	pageH     = 297.0
	marginX   = 20.0
	marginTop = 16.0
	bottomY   = 297.0 - 20.0 // content ends here; the footer sits below
	textW     = pageW - 2*marginX
	bodySize  = 7.5
	headSize  = 11
	cellPadX  = 1.2
	cellPadY  = 0.8
	lineGap   = 1.28 // line height as a multiple of the size
)

// The colours: near-black text, a dark blue for figures, a restrained red.
var (
	ink     = [3]int{0x1F, 0x1F, 0x1F}
	grey    = [3]int{0x59, 0x59, 0x59}
	rule    = [3]int{0x7F, 0x7F, 0x7F}
	blue    = [3]int{0x1F, 0x3F, 0x6B}
	red     = [3]int{0xB0, 0x1E, 0x1E}
	headBg  = [3]int{0xED, 0xF0, 0xF4}
	shortBg = [3]int{0xFB, 0xEC, 0xEA}
)

// content is everything the document prints, already cleaned.
type content struct {
	title1, title2 string
	unit, source   string
	made           string
	cards          []card
	funds          table
	inds           table
	indNote        string
	projects       table
	budget, indic  chart.Spec
	shortfalls     []string
	short          []bool // shortfalls[i] lacks its 偏差原因
	findings       []string
	footer         string
}

type card struct {
	label, value, sub string
	color             [3]int
}

type column struct {
	title string
	w     float64 // mm
	align string  // "L", "C", "R"
	merge bool    // repeated values shown once, like merged cells
}

type row struct {
	cells []string
	short bool // shortfall: tinted, completion and score in red
}

type table struct {
	cols []column
	rows []row
	// redCols are the columns written in red on shortfall rows.
	redCols []int
	empty   string
}

func build(ev *compute.Evaluation, made time.Time, cl *cleaner) *content {
	s := cl.clean
	c := &content{made: Date(made)}
	kind := view.KindOf(ev).Summary()
	year := ""
	if ev.Year > 0 {
		year = fmt.Sprintf("%d年度", ev.Year)
	}
	c.title1 = s(orDash(ev.Department))
	c.title2 = year + kind
	c.unit = s(ev.Unit)
	c.source = s(ev.Source)
	c.footer = s(ev.Department) + " " + year + "绩效自评摘要"

	rate := num.None
	if len(ev.Funds) > 0 {
		rate = ev.Funds[0].Rate
	}
	achieved, quant := 0, len(ev.Indicators)
	for _, in := range ev.Indicators {
		if in.Achieved {
			achieved++
		}
	}
	gradeColor := blue
	if ev.Grade == "差" || ev.Grade == "中" {
		gradeColor = red
	}
	c.cards = []card{
		{"总分", num.Score(ev.TotalScore), "满分100分", blue},
		{"等级", s(orDash(ev.Grade)), "优≥90 良≥80 中≥60", gradeColor},
		{"预算执行率", num.Percent(rate), "全年执行数/全年预算数", blue},
		{"绩效指标", fmt.Sprintf("%d/%d", achieved, quant), "达到年度指标值的项数", blue},
	}
	if achieved < quant {
		c.cards[3].color = red
	}

	c.funds = table{
		cols: []column{
			{"项目", 50, "L", false}, {"年初预算数", 22, "R", false}, {"全年预算数", 22, "R", false},
			{"全年执行数", 22, "R", false}, {"执行率", 20, "R", false}, {"分值", 16, "R", false}, {"得分", 18, "R", false},
		},
		empty: "表中无资金数据",
	}
	for _, f := range ev.Funds {
		label := s(view.CleanName(f.Label))
		if f.Summed {
			label += "（按明细合计）"
		}
		c.funds.rows = append(c.funds.rows, row{cells: []string{
			label, num.Money(f.Initial), num.Money(f.Budget), num.Money(f.Executed),
			num.Percent(f.Rate), num.Score(f.MaxScore), num.Score(f.Score),
		}})
	}

	c.inds = table{
		cols: []column{
			{"一级指标", 14, "C", true}, {"二级指标", 17, "C", true}, {"三级指标", 44, "L", false},
			{"年度指标值", 18, "C", false}, {"实际完成值", 18, "C", false}, {"完成率", 15, "R", false},
			{"同比增长", 20, "R", false}, {"分值", 10, "R", false}, {"得分", 11, "R", false},
		},
		redCols: []int{5, 8},
		empty:   "表中无绩效指标",
	}
	for _, in := range ev.Indicators {
		comp := num.Percent(in.Completion)
		if in.Qualitative && !in.Completion.Valid {
			comp = "定性"
		}
		c.inds.rows = append(c.inds.rows, row{
			cells: []string{
				s(view.CleanName(in.Level1)), s(view.CleanName(in.Level2)), s(view.CleanName(in.Name)), s(orDash(in.TargetText)), s(orDash(in.ActualText)),
				comp, view.ChangeCell(in), num.Score(in.MaxScore), num.Score(in.Score),
			},
			short: !in.Achieved,
		})
		if !in.Achieved {
			line := fmt.Sprintf("%s（完成率%s，得分%s/%s）：", s(view.CleanName(in.Name)), comp, num.Score(in.Score), num.Score(in.MaxScore))
			dev := strings.TrimSpace(in.Deviation)
			c.short = append(c.short, dev == "")
			if dev == "" {
				line += "未填写偏差原因分析及改进措施。"
			} else {
				line += s(dev)
			}
			c.shortfalls = append(c.shortfalls, line)
		}
	}
	c.indNote = "注：底纹标红的为未达到年度指标值（得分低于分值）的指标；完成率按实际完成值与年度指标值计算，反向指标（≤）按指标值与实际值之比；同比增长按上年完成值计算，比率类指标（%）的变化以百分点表示，无上年数据时为“—”。"

	c.projects = table{
		cols: []column{
			{"项目名称", 60, "L", false}, {"实施单位", 38, "L", false}, {"全年预算数", 18, "R", false},
			{"全年执行数", 18, "R", false}, {"执行率", 14, "R", false}, {"总分", 12, "R", false}, {"等级", 10, "C", false},
		},
		redCols: []int{6},
	}
	for _, pr := range ev.Projects {
		var f compute.Fund
		if len(pr.Funds) > 0 {
			f = pr.Funds[0]
		}
		c.projects.rows = append(c.projects.rows, row{
			cells: []string{s(view.CleanName(pr.Name)), s(orDash(pr.Unit)), num.Money(f.Budget), num.Money(f.Executed),
				num.Percent(f.Rate), num.Score(pr.TotalScore), s(orDash(pr.Grade))},
			short: pr.Grade == "差",
		})
	}

	c.budget = cleanSpec(chart.Budget(ev), s)
	c.indic = cleanSpec(chart.Indicators(ev), s)

	for _, f := range ev.Warnings {
		line := s(f.Message)
		if f.Hint != "" {
			line += "（" + s(f.Hint) + "）"
		}
		if wh := f.Where(); wh != "" {
			line = "【" + s(wh) + "】" + line
		}
		if f.Severity.String() == "错误" {
			line = "错误：" + line
		}
		c.findings = append(c.findings, line)
	}
	if r := cl.replacedList(); len(r) > 0 {
		var b strings.Builder
		b.WriteString("以下字符无法在本摘要中显示，已用“〓”代替：")
		for k, x := range r {
			if k > 0 {
				b.WriteString("、")
			}
			fmt.Fprintf(&b, "U+%04X", x)
		}
		b.WriteString("。")
		c.findings = append(c.findings, b.String())
	}
	return c
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return num.Dash
	}
	return s
}

func cleanSpec(sp chart.Spec, s func(string) string) chart.Spec {
	cats := make([]string, len(sp.Categories))
	for i, x := range sp.Categories {
		cats[i] = strings.ReplaceAll(s(x), "\n", " ")
	}
	sp.Categories = cats
	return sp
}

// tagSubset renames the font (fontName) to a subset name of equal length
// (so no byte offset moves): a tag of six capital letters derived from the
// document's bytes, "+", and "NotoSans". The tag comes from the bytes'
// CRC-32 (26^6 < 2^32), which the CPU computes: FNV over the 80 KB took a
// twentieth of the summary's time.
func tagSubset(b []byte) {
	sum := crc32.ChecksumIEEE(b)
	name := make([]byte, 0, len(fontName))
	for i := 0; i < 6; i++ {
		name = append(name, byte('A'+sum%26))
		sum /= 26
	}
	name = append(name, "+NotoSans"...)
	old := []byte("/" + fontName)
	repl := append([]byte("/"), name...)
	for i := 0; ; {
		j := bytes.Index(b[i:], old)
		if j < 0 {
			return
		}
		copy(b[i+j:], repl)
		i += j + len(old)
	}
}
