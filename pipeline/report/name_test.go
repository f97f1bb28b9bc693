package report

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jixiao/jixiao/pipeline/compute"
)

func TestStemNamesDepartmentYearAndKind(t *testing.T) {
	cases := []struct {
		ev   compute.Evaluation
		want string
	}{
		{compute.Evaluation{Department: "邵东市科技和工业信息化局", Year: 2019}, "邵东市科技和工业信息化局-2019-部门整体"},
		{compute.Evaluation{Department: "某县农业农村局", Year: 2020, FromProject: true,
			Projects: []compute.Project{{Name: "2020年高标准农田建设项目"}}}, "某县农业农村局-2020-2020年高标准农田建设项目"},
		{compute.Evaluation{Department: "甲局", Year: 2020, FromProject: true,
			Projects: []compute.Project{{Name: "乙"}, {Name: "甲"}}}, "甲局-2020-乙等2个项目"},
		{compute.Evaluation{Department: `a\b/c:d*e?f"g<h>i|j`, Year: 2019}, "a_b_c_d_e_f_g_h_i_j-2019-部门整体"},
		{compute.Evaluation{Department: "", Year: 0}, "未填部门-未知年度-部门整体"},
		{compute.Evaluation{Department: "CON", Year: 2019}, "CON-2019-部门整体"},
	}
	for _, c := range cases {
		if got := Stem(&c.ev); got != c.want {
			t.Errorf("%q: got %q, want %q", c.ev.Department, got, c.want)
		}
	}
	long := compute.Evaluation{Department: strings.Repeat("很长的部门名称", 20), Year: 2019}
	other := long
	other.Department += "二"
	a, b := Stem(&long), Stem(&other)
	if utf8.RuneCountInString(a) > maxStem || a == b {
		t.Errorf("long names: %q %q", a, b)
	}
	if Kind(&compute.Evaluation{FromProject: true, Projects: []compute.Project{{Name: "乙"}, {Name: "甲"}}}) != "项目:乙、甲" {
		t.Error("kind of a project workbook")
	}
}

func TestSafeNameForWindows(t *testing.T) {
	for in, want := range map[string]string{
		"CON":       "_CON",
		"con.txt":   "_con.txt",
		"Lpt1":      "_Lpt1",
		"COM9.x":    "_COM9.x",
		"COMX":      "COMX",
		"报告. . ":    "报告",
		"  前后  ":    "前后",
		"a\tb\x01c": "a_b_c",
		"...":       "_",
		"正常-名称（1）":  "正常-名称（1）",
	} {
		if got := SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
	}
}
