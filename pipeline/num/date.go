package num

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// A Day is a calendar day as yyyymmdd (20201231), comparable with < and >.
type Day int

// String shows the day as "2020年12月31日".
func (d Day) String() string {
	return strconv.Itoa(int(d)/10000) + "年" + strconv.Itoa(int(d)/100%100) + "月" + strconv.Itoa(int(d)%100) + "日"
}

var (
	// 2020年12月31日, 2020年12月底, 12月31日, 12月底, 12月中旬, 2020年12月
	cnDateRe = regexp.MustCompile(`(?:((?:19|20)\d{2})\s*年\s*)?(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|(底|末|上旬|中旬|下旬|初))?`)
	// 2020-12-31, 2020/12/31, 2020.12.31
	isoDateRe = regexp.MustCompile(`((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})`)
	// 年底前, 年内: the end of the year.
	yearEndRe = regexp.MustCompile(`^(?:((?:19|20)\d{2})\s*年)?\s*(?:年底|年末|年内|年度内|底前)`)
)

// ParseDay finds the day a text names: "2020年11月20日", "12月底前" (the
// last day of December), "2020.12.31", "年底前". A month without a day is
// its last day (a deadline "12月" is met on 31 December); 上旬/中旬/下旬 end
// on the 10th/20th/last. year is used when the text names none. ok is false
// when the text names no day, or a day that does not exist.
func ParseDay(text string, year int) (Day, bool) {
	s := strings.TrimSpace(Normalize(text))
	y, m, d := 0, 0, 0
	if g := isoDateRe.FindStringSubmatch(s); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
	} else if g := cnDateRe.FindStringSubmatch(s); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
		switch g[4] {
		case "上旬", "初":
			d = 10
		case "中旬":
			d = 20
		}
	} else if g := yearEndRe.FindStringSubmatch(s); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, d = 12, 31
	} else {
		return 0, false
	}
	if y == 0 {
		y = year
	}
	if y < 1900 || y > 2200 || m < 1 || m > 12 {
		return 0, false
	}
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d == 0 {
		d = last
	}
	if d < 1 || d > last {
		return 0, false
	}
	return Day(y*10000 + m*100 + d), true
}
