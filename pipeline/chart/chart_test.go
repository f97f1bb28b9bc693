package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jixiao/jixiao/pipeline/chart/sample"
)

func TestBudgetSpec(t *testing.T) {
	s := Budget(sample.Department())
	if s.Len() != 7 { // 3 fund rows (其他资金 is 0) + 4 projects
		t.Fatalf("categories %v", s.Categories)
	}
	if s.Categories[1] != "当年财政拨款" {
		t.Errorf("其中 not stripped: %q", s.Categories[1])
	}
	if s.Series[0].Labels[0] != "838.60" || s.Series[1].Labels[0] != "838.35" || s.Notes[0] != "99.97%" {
		t.Errorf("labels %v %v %v", s.Series[0].Labels[0], s.Series[1].Labels[0], s.Notes[0])
	}
	for _, c := range s.Categories {
		if c == "其他资金" {
			t.Error("a row of zeros is not drawn")
		}
	}
}

func TestIndicatorsSpec(t *testing.T) {
	s := Indicators(sample.Department())
	if s.Len() != 19 { // 22 minus 3 qualitative
		t.Fatalf("%d categories: %v", s.Len(), s.Categories)
	}
	short := 0
	for i, c := range s.Categories {
		if s.Series[0].Short[i] {
			short++
		}
		if c == "公务接待费" && s.Series[0].Labels[i] != "88.24%" {
			t.Errorf("reverse completion label %q", s.Series[0].Labels[i])
		}
	}
	if short != 4 {
		t.Errorf("%d shortfalls", short)
	}
}

func TestWrapKeepsEveryCharacter(t *testing.T) {
	s := "工业设计大赛暨“邵东智造”推广项目（喆堃昇赟专项），全面完成。"
	lines := Wrap(s, 7.5, 60, 100)
	if strings.Join(lines, "") != s {
		t.Fatalf("lost characters: %q", lines)
	}
	for i, l := range lines {
		if Measure(l, 7.5) > 60+0.01 {
			t.Errorf("line too wide: %q", l)
		}
		first, _ := utf8.DecodeRuneInString(l)
		last, _ := utf8.DecodeLastRuneInString(l)
		if i > 0 && NoStart(first) || i < len(lines)-1 && NoEnd(last) {
			t.Errorf("line breaks a 禁则 rule: %q", lines)
		}
	}
	if got := Shorten(s, 7.5, 50); !strings.HasSuffix(got, "…") || Measure(got, 7.5) > 50 {
		t.Errorf("Shorten = %q", got)
	}
}

// TestLabelsDoNotOverlap checks the laid-out texts of both charts: no two
// texts' boxes intersect.
func TestLabelsDoNotOverlap(t *testing.T) {
	for _, ev := range []struct {
		name string
		s    Spec
	}{{"budget", Budget(sample.Department())}, {"indicators", Indicators(sample.Department())}, {"large", Indicators(sample.Large(60))}} {
		h := SuggestHeight(ev.s, DesignWidth)
		d := Layout(ev.s, DesignWidth, h)
		type box struct{ x0, y0, x1, y1 float64 }
		var boxes []box
		for _, tx := range d.Texts {
			w := Measure(tx.S, tx.Size)
			x := tx.X
			switch tx.Align {
			case Center:
				x -= w / 2
			case Right:
				x -= w
			}
			if x < -0.01 || x+w > d.W+0.01 {
				t.Errorf("%s: %q outside the image", ev.name, tx.S)
			}
			boxes = append(boxes, box{x, tx.Y - tx.Size*0.88, x + w, tx.Y + tx.Size*0.12})
		}
		for i := range boxes {
			for j := i + 1; j < len(boxes); j++ {
				a, b := boxes[i], boxes[j]
				if a.x0 < b.x1-0.01 && b.x0 < a.x1-0.01 && a.y0 < b.y1-0.01 && b.y0 < a.y1-0.01 {
					t.Errorf("%s: %q overlaps %q", ev.name, d.Texts[i].S, d.Texts[j].S)
				}
			}
		}
	}
}

func TestPNG(t *testing.T) {
	ev := sample.Department()
	for _, s := range []Spec{Budget(ev), Indicators(ev), Indicators(nil)} {
		w := 1181
		h := int(math.Ceil(SuggestHeight(s, DesignWidth) * float64(w) / DesignWidth))
		b, err := PNG(s, w, h)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if img.Bounds().Dx() != w || img.Bounds().Dy() != h {
			t.Fatalf("size %v", img.Bounds())
		}
		if dir := os.Getenv("CHART_OUT"); dir != "" {
			os.WriteFile(fmt.Sprintf("%s/%s-%d.png", dir, s.Title, s.Len()), b, 0o644)
		}
	}
}

// BenchmarkBothPNGs: both charts of one workbook, after the first (about
// 2.7 ms and 0.17 MB on 2 cores); speed is measured here, never asserted
// in a test (a loaded machine is not a failure):
//
//	go test -run '^$' -bench BothPNGs ./pipeline/chart
func BenchmarkBothPNGs(b *testing.B) {
	ev := sample.Department()
	specs := []Spec{Budget(ev), Indicators(ev)}
	for _, s := range specs {
		PNG(s, 1181, 600)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range specs {
			h := int(SuggestHeight(s, DesignWidth) * 1181 / DesignWidth)
			if _, err := PNG(s, 1181, h); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestSplit: 65 bars become three figures of 30, 30 and 5, titled in
// order, every category and label kept once; a short chart stays whole.
func TestSplit(t *testing.T) {
	s := Spec{Title: "绩效指标完成情况", Series: []Series{{Name: "完成率"}}}
	for i := 0; i < 65; i++ {
		s.Categories = append(s.Categories, fmt.Sprint(i))
		s.Series[0].Values = append(s.Series[0].Values, float64(i))
		s.Series[0].Valid = append(s.Series[0].Valid, true)
		s.Series[0].Labels = append(s.Series[0].Labels, fmt.Sprint(i))
		s.Series[0].Short = append(s.Series[0].Short, i%2 == 0)
	}
	parts := Split(s, 30)
	if len(parts) != 3 || parts[0].Len() != 30 || parts[2].Len() != 5 {
		t.Fatalf("%d parts", len(parts))
	}
	if parts[1].Title != "绩效指标完成情况（2/3）" || parts[2].Categories[4] != "64" || parts[2].Series[0].Labels[4] != "64" || !parts[2].Series[0].Short[4] {
		t.Errorf("part 3: %+v", parts[2])
	}
	if got := Split(s, 100); len(got) != 1 || got[0].Title != "绩效指标完成情况" {
		t.Errorf("whole: %d parts", len(got))
	}
}

// TestEncodePNG: the PNG written by encodePNG decodes (with image/png) to
// exactly the pixels and palette drawn, for both charts of the sample, a
// chart of many bars, the smallest size and an odd width; and to the same
// picture image/png's own encoder gives.
func TestEncodePNG(t *testing.T) {
	ev := sample.Department()
	big := Spec{Title: "绩效指标完成情况", Series: []Series{{Name: "完成率"}}}
	for i := 0; i < 30; i++ {
		big.Categories = append(big.Categories, fmt.Sprintf("指标%d", i))
		big.Series[0].Values = append(big.Series[0].Values, float64(i*7%130))
		big.Series[0].Valid = append(big.Series[0].Valid, true)
		big.Series[0].Labels = append(big.Series[0].Labels, fmt.Sprint(i*7%130))
		big.Series[0].Short = append(big.Series[0].Short, i%3 == 0)
	}
	cases := []struct {
		s    Spec
		w, h int
	}{
		{Budget(ev), 1181, 600}, {Indicators(ev), 1181, 803}, {big, 1181, 1400}, {Budget(ev), 50, 30}, {Indicators(ev), 777, 333},
	}
	for _, c := range cases {
		img, err := drawChart(c.s, c.w, c.h, new([]byte))
		if err != nil {
			t.Fatal(err)
		}
		var ours, std bytes.Buffer
		if err := encodePNG(&ours, img); err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(&std, img); err != nil {
			t.Fatal(err)
		}
		a, err := png.Decode(bytes.NewReader(ours.Bytes()))
		if err != nil {
			t.Fatalf("%s %d×%d: %v", c.s.Title, c.w, c.h, err)
		}
		b, _ := png.Decode(bytes.NewReader(std.Bytes()))
		pa, ok := a.(*image.Paletted)
		if !ok || pa.Rect != img.Rect || !bytes.Equal(pa.Pix, img.Pix) || len(pa.Palette) != len(img.Palette) {
			t.Fatalf("%s %d×%d: decoded image differs from the drawing", c.s.Title, c.w, c.h)
		}
		for i := range pa.Palette {
			r1, g1, b1, a1 := pa.Palette[i].RGBA()
			r2, g2, b2, a2 := img.Palette[i].RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				t.Fatalf("palette %d: %v, drawn %v", i, pa.Palette[i], img.Palette[i])
			}
		}
		for y := 0; y < c.h; y++ {
			for x := 0; x < c.w; x++ {
				if a.At(x, y) != b.At(x, y) {
					t.Fatalf("%s: pixel (%d,%d) %v, image/png gives %v", c.s.Title, x, y, a.At(x, y), b.At(x, y))
				}
			}
		}
	}
}
