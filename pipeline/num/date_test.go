package num

import "testing"

func TestParseDay(t *testing.T) {
	cases := []struct {
		text string
		year int
		want Day
		ok   bool
	}{
		{"2020年11月20日", 0, 20201120, true},
		{"2020年12月31日前完成", 0, 20201231, true},
		{"12月底前", 2020, 20201231, true},
		{"2020年12月底前完成", 0, 20201231, true},
		{"11月完成", 2020, 20201130, true},
		{"2021年2月", 0, 20210228, true},
		{"2020年2月", 0, 20200229, true},
		{"10月中旬", 2020, 20201020, true},
		{"2020.12.31", 0, 20201231, true},
		{"2020-11-05", 0, 20201105, true},
		{"２０２０年１０月底前", 0, 20201031, true},
		{"年底前", 2020, 20201231, true},
		{"2020年底前", 0, 20201231, true},
		{"2月30日", 2020, 0, false},
		{"13月", 2020, 0, false},
		{"12月底前", 0, 0, false},
		{"按期完成", 2020, 0, false},
		{"≥95%", 2020, 0, false},
	}
	for _, c := range cases {
		got, ok := ParseDay(c.text, c.year)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseDay(%q, %d) = %d, %v; want %d, %v", c.text, c.year, got, ok, c.want, c.ok)
		}
	}
	if s := Day(20201120).String(); s != "2020年11月20日" {
		t.Errorf("String = %s", s)
	}
}
