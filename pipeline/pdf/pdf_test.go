package pdf

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jixiao/jixiao/pipeline/chart/sample"
	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/fonts"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/jixiao/jixiao/pipeline/view"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var made = time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)

var maker = NewMaker()

func write(t testing.TB, ev *compute.Evaluation) ([]byte, Info) {
	t.Helper()
	var buf bytes.Buffer
	info, err := maker.Write(&buf, ev, made)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), info
}

// save writes b to a temporary (or $PDF_OUT) file and returns its path.
func save(t testing.TB, name string, b []byte) string {
	dir := os.Getenv("PDF_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func tool(t testing.TB, name string) string {
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (poppler-utils)", name)
	}
	return p
}

func pdftotext(t testing.TB, path string, layout bool) string {
	args := []string{"-enc", "UTF-8", path, "-"}
	if layout {
		args = append([]string{"-layout"}, args...)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(tool(t, "pdftotext"), args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	// poppler reads past many faults (a broken xref, a bad dictionary)
	// but reports each.
	if stderr.Len() > 0 {
		t.Errorf("pdftotext %s: %s", filepath.Base(path), firstLines(stderr.String(), 5))
	}
	return string(out)
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

func TestSample(t *testing.T) {
	ev := sample.Department()
	b, info := write(t, ev)
	path := save(t, "sample.pdf", b)
	t.Logf("%d bytes, %d pages, replaced %q", len(b), info.Pages, info.Replaced)
	_ = path
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// expected lists every string of ev that the summary prints.
func expected(ev *compute.Evaluation) []string {
	want := []string{ev.Department, ev.Unit, ev.Source, "2019年度部门整体支出绩效自评摘要",
		num.Score(ev.TotalScore), ev.Grade, "2026年11月29日"}
	for _, f := range ev.Funds {
		want = append(want, f.Label, num.Money(f.Initial), num.Money(f.Budget), num.Money(f.Executed), num.Percent(f.Rate))
	}
	for _, in := range ev.Indicators {
		want = append(want, in.Level1, in.Level2, in.Name, in.TargetText, in.ActualText, num.Score(in.Score), num.Score(in.MaxScore))
		if in.Completion.Valid {
			want = append(want, num.Percent(in.Completion))
		}
		if in.YoY.Valid {
			// A rate's change is in 百分点 ("2.20个百分点"), others in %.
			want = append(want, view.ChangeCell(in))
		}
		if !in.Achieved && in.Deviation != "" {
			want = append(want, in.Deviation)
		}
	}
	for _, p := range ev.Projects {
		want = append(want, p.Name, p.Unit, num.Score(p.TotalScore), num.Money(p.Funds[0].Budget), num.Percent(p.Funds[0].Rate))
	}
	for _, f := range ev.Warnings {
		want = append(want, f.Where(), strings.ReplaceAll(f.Message, "𠀀", "〓"))
	}
	return want
}

func TestSampleText(t *testing.T) {
	tool(t, "pdftotext")
	ev := sample.Department()
	b, info := write(t, ev)
	path := save(t, "sample.pdf", b)
	// Charts print at full size (labels ≥ 7.5 pt): the summary may take a
	// third page for its findings.
	if info.Pages < 2 || info.Pages > 3 {
		t.Errorf("%d pages, want 2 or 3", info.Pages)
	}
	if len(b) > 150<<10 {
		t.Errorf("PDF is %d bytes, want under 150 KB", len(b))
	}
	raw := squeeze(pdftotext(t, path, false))
	checkEmbeddedFont(t, b, strings.Join(expected(ev), ""))
	for _, s := range expected(ev) {
		if !strings.Contains(raw, squeeze(s)) {
			t.Errorf("pdftotext does not find %q", s)
		}
	}
	for p := 1; p <= info.Pages; p++ {
		if s := fmt.Sprintf("第%d页共%d页", p, info.Pages); !strings.Contains(raw, s) {
			t.Errorf("pdftotext does not find %q", s)
		}
	}
	for _, s := range []string{"838.60", "838.35", "99.97%", "92.55", "喆堃昇赟", "珺玥犇镕"} {
		if !strings.Contains(raw, s) {
			t.Errorf("pdftotext does not find %q", s)
		}
	}
	if len(info.Replaced) != 1 || info.Replaced[0] != 0x20000 {
		t.Errorf("Replaced = %q", info.Replaced)
	}
	if !strings.Contains(info.Message(), "U+20000") {
		t.Errorf("Message = %q", info.Message())
	}
}

func TestFontEmbeddedAndSubset(t *testing.T) {
	pf := tool(t, "pdffonts")
	b, _ := write(t, sample.Department())
	out, err := exec.Command(pf, save(t, "fonts.pdf", b)).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 3 {
		t.Fatalf("want exactly one font:\n%s", out)
	}
	f := strings.Fields(lines[2])
	// name type type encoding emb sub uni id gen
	if !strings.Contains(f[0], "+NotoSans") || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
		t.Errorf("font not embedded as a subset with a ToUnicode map:\n%s", out)
	}
}

func TestWrapKeepsEveryCharacter(t *testing.T) {
	long := strings.Repeat("受疫情防控要求影响，两场省外展会（含“邵东智造”专场）取消；明年将提前谋划线上对接活动，确保场次不减。喆堃昇赟珺玥犇镕R&D经费838.60万元，增长12.00%！", 6) + "\n第二段：完成。"
	for _, w := range []float64{12, 23.5, 40, 77, 170} {
		lines := wrap(long, 8, w)
		if got := strings.Join(lines, ""); got != strings.ReplaceAll(long, "\n", "") {
			t.Fatalf("width %v: lines do not join to the input:\n%q", w, lines)
		}
		for i, l := range lines {
			if width(l, 8) > w+1e-6 {
				t.Errorf("width %v: line %q is %.2f mm", w, l, width(l, 8))
			}
			first, _ := utf8.DecodeRuneInString(l)
			last, _ := utf8.DecodeLastRuneInString(l)
			if i > 0 && strings.ContainsRune("，。；：、）》！？”’", first) {
				t.Errorf("width %v: line starts with %q: %q", w, first, l)
			}
			if i < len(lines)-1 && strings.ContainsRune("（《“‘", last) {
				t.Errorf("width %v: line ends with %q: %q", w, last, l)
			}
		}
	}
}

func TestReplacedCharacters(t *testing.T) {
	tool(t, "pdftotext")
	ev := sample.Department()
	ev.Department = "𠀀𠀁县科技局😀喆"
	ev.Indicators[0].Name = "新增规模工业企业\uE000（私用区）"
	b, info := write(t, ev)
	want := []rune{0xE000, 0x1F600, 0x20000, 0x20001}
	if string(info.Replaced) != string(want) {
		t.Errorf("Replaced = %U, want %U", info.Replaced, want)
	}
	raw := squeeze(pdftotext(t, save(t, "replaced.pdf", b), false))
	for _, s := range []string{"〓〓县科技局〓喆", "新增规模工业企业〓（私用区）"} {
		if !strings.Contains(raw, s) {
			t.Errorf("pdftotext does not find %q", s)
		}
	}
}

func TestLargePaginatesWithHeaders(t *testing.T) {
	tool(t, "pdftotext")
	ev := sample.Large(200)
	b, info := write(t, ev)
	if info.Pages < 5 {
		t.Fatalf("%d pages for 200 indicators", info.Pages)
	}
	text := pdftotext(t, save(t, "large.pdf", b), false)
	pages := strings.Split(text, "\f")
	start, end := -1, -1
	for i, p := range pages[:info.Pages] {
		sp := squeeze(p)
		if !strings.Contains(sp, "第"+strconv.Itoa(i+1)+"页共"+strconv.Itoa(info.Pages)+"页") {
			t.Errorf("page %d has no page number", i+1)
		}
		if strings.Contains(sp, "二、绩效指标完成情况") {
			start = i
		}
		if strings.Contains(sp, "三、项目支出情况") {
			end = i
		}
	}
	if start != 0 || end < 4 {
		t.Fatalf("indicator table from page %d to %d", start+1, end+1)
	}
	for i := start; i <= end; i++ {
		sp := squeeze(pages[i])
		if strings.Count(sp, "三级指标年度指标值实际完成值") != 1 {
			t.Errorf("page %d of the indicator table lacks its header row", i+1)
		}
	}
	raw := squeeze(text)
	for _, in := range ev.Indicators {
		if !strings.Contains(raw, squeeze(in.Name)) {
			t.Errorf("missing %q", in.Name)
		}
	}
}

func TestConcurrentWrite(t *testing.T) {
	evs := []*compute.Evaluation{sample.Department(), sample.Large(40)}
	evs[1].Department = "珺玥县工业和信息化局"
	m := NewMaker()
	want := make([][]byte, len(evs))
	for i, ev := range evs {
		var buf bytes.Buffer
		if _, err := m.Write(&buf, ev, made); err != nil {
			t.Fatal(err)
		}
		want[i] = buf.Bytes()
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 3; k++ {
				i := (g + k) % len(evs)
				var buf bytes.Buffer
				if _, err := m.Write(&buf, evs[i], made); err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(buf.Bytes(), want[i]) {
					errs <- fmt.Errorf("goroutine %d: output differs from the serial one", g)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestDate(t *testing.T) {
	if got := Date(made); got != "2026年11月29日" {
		t.Errorf("Date = %q", got)
	}
}

func TestEmptyEvaluation(t *testing.T) {
	var buf bytes.Buffer
	info, err := NewMaker().Write(&buf, &compute.Evaluation{}, made)
	if err != nil || info.Pages != 1 || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("empty evaluation: %v %+v", err, info)
	}
}

// TestRandomTextRoundTrips writes documents whose 数据来源 is a random
// string of ASCII, GB 2312 symbols and hanzi and rarer characters, and
// reads each back with pdftotext: every document embeds its own cut of
// the font, which must show exactly the characters drawn.
func TestRandomTextRoundTrips(t *testing.T) {
	tool(t, "pdftotext")
	var pool [3][]rune // ASCII, GB 2312, others
	for r := rune(0x21); r < 0x7F; r++ {
		pool[0] = append(pool[0], r)
	}
	dec := simplifiedchinese.GBK.NewDecoder()
	for row := 0xA1; row <= 0xF7; row++ {
		for col := 0xA1; col <= 0xFE; col++ {
			s, err := dec.Bytes([]byte{byte(row), byte(col)})
			if r := []rune(string(s)); err == nil && len(r) == 1 && r[0] >= 0x80 && fonts.Has(r[0]) && !unicode.IsSpace(r[0]) {
				pool[1] = append(pool[1], r[0])
			}
		}
	}
	pool[2] = []rune("喆堃昇赟珺玥犇镕≧≦≠‰–•℃№①②③④⑩〔〕「」『』＜＞＝～￥㎡㎏")
	if len(pool[1]) < 7000 {
		t.Fatalf("GB 2312 gave %d characters", len(pool[1]))
	}
	rng := rand.New(rand.NewPCG(14, 1))
	n := 16
	if testing.Short() {
		n = 3
	}
	for i := 0; i < n; i++ {
		var s []rune
		for k := 1 + rng.IntN(300); k > 0; k-- {
			p := pool[[]int{0, 1, 1, 1, 2}[rng.IntN(5)]]
			s = append(s, p[rng.IntN(len(p))])
		}
		ev := sample.Department()
		ev.Source = string(s)
		b, info := write(t, ev)
		if len(info.Replaced) != 1 { // the sample's 𠀀
			t.Errorf("case %d: replaced %q", i, info.Replaced)
		}
		raw := squeeze(pdftotext(t, save(t, fmt.Sprintf("random%d.pdf", i), b), false))
		if want := squeeze("数据来源：" + ev.Source); !strings.Contains(raw, want) {
			t.Errorf("case %d: pdftotext does not find %q", i, want)
		}
		checkEmbeddedFont(t, b, ev.Source)
	}
}

// checkEmbeddedFont checks that the font embedded in the PDF b draws each
// character of s as the full font does, with its width: pdftotext reads
// the text through the ToUnicode map and would not see a character drawn
// as .notdef.
func checkEmbeddedFont(t *testing.T, b []byte, s string) {
	t.Helper()
	ref := func(key string) int {
		m := regexp.MustCompile(key + ` (\d+) 0 R`).FindSubmatch(b)
		if m == nil {
			t.Fatalf("no %s in the PDF", key)
		}
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	objs := pdfObjects(t, b)
	stream := func(obj int) []byte {
		if !bytes.Contains(objs[obj], []byte("\nstream\n")) {
			t.Fatalf("no stream object %d", obj)
		}
		return streamOf(t, objs[obj])
	}
	cidToGID := stream(ref("/CIDToGIDMap"))
	embedded, err := sfnt.Parse(stream(ref("/FontFile2")))
	if err != nil {
		t.Fatalf("embedded font: %v", err)
	}
	full, err := fonts.Parsed()
	if err != nil {
		t.Fatal(err)
	}
	// The /W array: "c [w1 w2 …]" and "c1 c2 w" entries.
	widths := map[rune]int{}
	m := regexp.MustCompile(`/W \[([^\n]*(?:\n [^\n]*)*)\]\n/CIDToGIDMap`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no /W array")
	}
	toks := strings.Fields(strings.NewReplacer("[", " [ ", "]", " ] ").Replace(string(m[1])))
	for i := 0; i < len(toks); {
		c, _ := strconv.Atoi(toks[i])
		if toks[i+1] == "[" {
			i += 2
			for ; toks[i] != "]"; i++ {
				widths[rune(c)], _ = strconv.Atoi(toks[i])
				c++
			}
			i++
			continue
		}
		last, _ := strconv.Atoi(toks[i+1])
		w, _ := strconv.Atoi(toks[i+2])
		for ; c <= last; c++ {
			widths[rune(c)] = w
		}
		i += 3
	}
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(full.UnitsPerEm()) << 6
	outline := func(f *sfnt.Font, g sfnt.GlyphIndex) sfnt.Segments {
		segs, err := f.LoadGlyph(&buf, g, ppem, nil)
		if err != nil {
			t.Fatalf("glyph %d: %v", g, err)
		}
		return slices.Clone(segs)
	}
	for _, r := range s {
		if r == ' ' {
			continue
		}
		g := sfnt.GlyphIndex(cidToGID[2*r])<<8 | sfnt.GlyphIndex(cidToGID[2*r+1])
		fg, err := full.GlyphIndex(&buf, r)
		if err != nil {
			t.Fatal(err)
		}
		if g == 0 || !slices.Equal(outline(embedded, g), outline(full, fg)) {
			t.Errorf("%q (U+%04X) is not drawn with its glyph (embedded glyph %d)", r, r, g)
		}
		if w, _ := fonts.Width(r); widths[r] != w && !(widths[r] == 0 && w == 1000) { // 1000 is /DW
			t.Errorf("%q (U+%04X) has width %d in the PDF, %d in the font", r, r, widths[r], w)
		}
	}
}

// BenchmarkSummaryBatch writes a batch of 100 summaries (the sample
// department) with one Maker, as `jixiao run` does: one op is a batch,
// the cut of the font included; ms/pdf and MB/pdf are per summary.
func BenchmarkSummaryBatch(b *testing.B) {
	ev := sample.Department()
	b.ReportAllocs()
	var size int
	for i := 0; i < b.N; i++ {
		m := NewMaker()
		for k := 0; k < 100; k++ {
			var buf bytes.Buffer
			if _, err := m.Write(&buf, ev, made); err != nil {
				b.Fatal(err)
			}
			size = buf.Len()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/100, "ms/pdf")
	b.ReportMetric(float64(size)/1024, "KB/pdf")
}

// rareText holds characters outside GB 2312 that names and forms use
// (生僻字, full-width forms, signs), and one beyond U+FFFF (𠮷).
const rareText = "喆堃昇赟珺玥犇镕𠮷吉祥，ＡＢＣ１２３％＃＆，≥≤±‰℃①②③㎡㎏～"

func TestRareCharacters(t *testing.T) {
	tool(t, "pdftotext")
	ev := sample.Department()
	ev.Department = "堃昇喆县工业和信息化局"
	ev.Unit = rareText
	b, info := write(t, ev)
	if string(info.Replaced) != string([]rune{0x20000, 0x20BB7}) {
		t.Errorf("Replaced = %U", info.Replaced)
	}
	raw := squeeze(pdftotext(t, save(t, "rare.pdf", b), false))
	want := strings.ReplaceAll(rareText, "𠮷", "〓")
	checkEmbeddedFont(t, b, want+ev.Department)
	for _, s := range []string{"堃昇喆县工业和信息化局", want} {
		if !strings.Contains(raw, squeeze(s)) {
			t.Errorf("pdftotext does not find %q", s)
		}
	}
}
