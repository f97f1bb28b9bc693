package pdf

import (
	"math"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/pipeline/chart/sample"
)

type wordBox struct {
	page           int
	x0, y0, x1, y1 float64
	s              string
}

var bboxRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// words returns the words pdftotext finds in the PDF at path, with their
// boxes in points.
func words(t *testing.T, path string) []wordBox {
	out, err := exec.Command(tool(t, "pdftotext"), "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var ws []wordBox
	for i, pg := range strings.Split(string(out), "<page ")[1:] {
		for _, m := range bboxRe.FindAllStringSubmatch(pg, -1) {
			w := wordBox{page: i + 1, s: m[5]}
			w.x0, _ = strconv.ParseFloat(m[1], 64)
			w.y0, _ = strconv.ParseFloat(m[2], 64)
			w.x1, _ = strconv.ParseFloat(m[3], 64)
			w.y1, _ = strconv.ParseFloat(m[4], 64)
			ws = append(ws, w)
		}
	}
	return ws
}

// TestLongNamesStayInTheirPlace gives the summary a long department name
// and a long 评价单位: the footer's name must not run into the page number,
// nor the unit into the date or off the page.
func TestLongNamesStayInTheirPlace(t *testing.T) {
	ev := sample.Department()
	ev.Department = "中共某某县委员会某某工作领导小组办公室某某事务服务中心"
	ev.Unit = strings.Repeat("某某县工业和信息化局、", 8) + "联合实施"
	b, _ := write(t, ev)
	ws := words(t, save(t, "long-names.pdf", b))
	const pageWpt = pageW / mmPerPt
	for i, a := range ws {
		if a.x0 < 0 || a.x1 > pageWpt {
			t.Errorf("page %d: %q runs off the page (x %.0f–%.0f)", a.page, a.s, a.x0, a.x1)
		}
		for _, c := range ws[i+1:] {
			if c.page == a.page && min(a.x1, c.x1)-max(a.x0, c.x0) > 1 && math.Abs(a.y0+a.y1-c.y0-c.y1) < 4 { // on one line
				t.Errorf("page %d: %q and %q overlap", a.page, a.s, c.s)
			}
		}
	}
}

// TestTallCellStaysOnThePage gives an indicator a 实际完成值 longer than a
// page of its narrow column: the row must end above the footer.
func TestTallCellStaysOnThePage(t *testing.T) {
	ev := sample.Department()
	ev.Indicators[0].ActualText = strings.Repeat("全年共完成各类培训活动并形成报告", 60)
	b, _ := write(t, ev)
	bottom := bottomY / mmPerPt
	for _, w := range words(t, save(t, "tall-cell.pdf", b)) {
		if w.y1 > bottom+1 && strings.ContainsAny(w.s, "培训报告") {
			t.Errorf("page %d: %q printed at y %.0f–%.0f, below the content (%.0f)", w.page, w.s, w.y0, w.y1, bottom)
		}
		if w.y1 > pageH/mmPerPt {
			t.Errorf("page %d: %q printed off the page", w.page, w.s)
		}
	}
}
