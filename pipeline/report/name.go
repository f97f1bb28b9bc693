package report

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jixiao/jixiao/pipeline/compute"
)

// Kind tells apart the reports of one department and year: "" for the
// department's own (部门整体) report, "项目:" and the project names (sorted,
// joined by "、") for a workbook of project forms only. Department, year
// and kind together say which report a later submission replaces.
func Kind(ev *compute.Evaluation) string {
	if ev == nil || !ev.FromProject {
		return ""
	}
	names := make([]string, 0, len(ev.Projects))
	for _, p := range ev.Projects {
		names = append(names, p.Name)
	}
	sort.Strings(names)
	return "项目:" + strings.Join(names, "、")
}

// kindLabel is the kind as it shows in a file name.
func kindLabel(ev *compute.Evaluation) string {
	if !ev.FromProject {
		return "部门整体"
	}
	switch len(ev.Projects) {
	case 0:
		return "项目"
	case 1:
		return ev.Projects[0].Name
	}
	return ev.Projects[0].Name + "等" + strconv.Itoa(len(ev.Projects)) + "个项目"
}

// maxStem keeps a report's path well inside Windows' 260 characters.
const maxStem = 80

// Stem is the file name (without extension) of an evaluation's outputs:
// department, year and kind, e.g. "邵东市科技和工业信息化局-2019-部门整体",
// made safe for Windows. Two workbooks of different departments never
// share it, whatever their own file names.
func Stem(ev *compute.Evaluation) string {
	dept := ev.Department
	if strings.TrimSpace(dept) == "" {
		dept = "未填部门"
	}
	year := "未知年度"
	if ev.Year != 0 {
		year = strconv.Itoa(ev.Year)
	}
	s := SafeName(dept + "-" + year + "-" + kindLabel(ev))
	if utf8.RuneCountInString(s) > maxStem {
		// Cut, and keep it apart from other long names cut the same way.
		r := []rune(s)
		s = SafeName(string(r[:maxStem-9])) + "-" + ClashSuffix(ev.Department, ev.Year, Kind(ev))
	}
	return s
}

// ClashSuffix is a short suffix, stable for one department, year and
// kind, for a stem already taken by another report.
func ClashSuffix(department string, year int, kind string) string {
	h := sha256.Sum256([]byte(department + "\x00" + strconv.Itoa(year) + "\x00" + kind))
	return hex.EncodeToString(h[:])[:8]
}

// SafeName makes s usable as a file name on Windows and elsewhere: the
// characters \ / : * ? " < > | and control characters become "_", leading
// and trailing spaces and trailing dots go, and the names Windows reserves
// (CON, PRN, AUX, NUL, COM1–9, LPT1–9, also with an extension) get a "_"
// in front. An empty result is "_".
func SafeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 32 || r == 0x7f || strings.ContainsRune(`\/:*?"<>|`, r) {
			return '_'
		}
		if unicode.IsSpace(r) && r != ' ' && r != '\u3000' {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimLeft(s, " \u3000")
	s = strings.TrimRight(s, " .\u3000")
	if s == "" {
		return "_"
	}
	base, _, _ := strings.Cut(s, ".")
	switch u := strings.ToUpper(strings.TrimRight(base, " ")); {
	case u == "CON", u == "PRN", u == "AUX", u == "NUL",
		len(u) == 4 && (strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) && u[3] >= '0' && u[3] <= '9':
		s = "_" + s
	}
	return s
}
