package view

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/form"
	"github.com/jixiao/jixiao/pipeline/num"
)

// Kind is what a workbook reports on. Every output says the same: the
// .docx title and conclusion, the PDF, the mail subject and the .json.
type Kind int

const (
	// Department: the workbook has a 部门整体支出绩效自评表.
	Department Kind = iota
	// Project: a single 项目支出绩效自评表 and no department form.
	Project
	// Projects: several project forms and no department form.
	Projects
)

// KindOf tells what ev reports on.
func KindOf(ev *compute.Evaluation) Kind {
	switch {
	case !ev.FromProject:
		return Department
	case len(ev.Projects) == 1:
		return Project
	}
	return Projects
}

// Code is the kind in the .json: "department", "project", "projects".
func (k Kind) Code() string {
	switch k {
	case Project:
		return "project"
	case Projects:
		return "projects"
	}
	return "department"
}

// Report is the kind of report: 部门整体支出绩效评价报告,
// 项目支出绩效自评报告 or 项目支出绩效自评汇总报告.
func (k Kind) Report() string {
	switch k {
	case Project:
		return "项目支出绩效自评报告"
	case Projects:
		return "项目支出绩效自评汇总报告"
	}
	return "部门整体支出绩效评价报告"
}

// Summary is the PDF's kind: 部门整体支出绩效自评摘要 and so on.
func (k Kind) Summary() string {
	switch k {
	case Project:
		return "项目支出绩效自评摘要"
	case Projects:
		return "项目支出绩效自评汇总摘要"
	}
	return "部门整体支出绩效自评摘要"
}

// Title is the report's name, the same in the .docx, the mail and the
// ledger: "邵东市科技和工业信息化局2019年度部门整体支出绩效评价报告",
// "某县农业农村局2020年高标准农田建设项目支出绩效自评报告".
func Title(ev *compute.Evaluation) string {
	y := ""
	if ev.Year != 0 {
		y = strconv.Itoa(ev.Year) + "年度"
	}
	k := KindOf(ev)
	if k == Project {
		name := CleanName(ev.Projects[0].Name)
		if ev.Year != 0 && strings.Contains(name, strconv.Itoa(ev.Year)) {
			y = "" // "2020年高标准农田建设项目" says its year already
		}
		return ev.Department + y + name + projectSuffix(name)
	}
	return ev.Department + y + k.Report()
}

// projectSuffix completes a project's name into its report's name:
// "…建设项目" + "支出绩效自评报告", "科技研发奖补资金" + "项目支出绩效自评报告".
func projectSuffix(name string) string {
	if strings.HasSuffix(name, "项目") {
		return "支出绩效自评报告"
	}
	return "项目支出绩效自评报告"
}

// Subject is what was evaluated, as the conclusion names it:
// "部门整体支出", "2020年高标准农田建设项目", "4个项目".
func Subject(ev *compute.Evaluation) string {
	switch KindOf(ev) {
	case Project:
		name := CleanName(ev.Projects[0].Name)
		if !strings.HasSuffix(name, "项目") {
			name += "项目"
		}
		return name
	case Projects:
		return strconv.Itoa(len(ev.Projects)) + "个项目"
	}
	return "部门整体支出"
}

// topForm is the form the top level was read from: the department form,
// or the single project form; nil for a roll-up of several projects.
func topForm(ev *compute.Evaluation) *form.Form {
	wb := ev.Workbook
	if wb == nil {
		return nil
	}
	if wb.Department != nil {
		return wb.Department
	}
	if len(wb.Projects) == 1 {
		return wb.Projects[0]
	}
	return nil
}

// Supervisor is the 主管部门 as the form writes it: the department form's
// own 主管部门 label (the government above it), a project's 主管部门. ""
// when the form leaves it blank.
func Supervisor(ev *compute.Evaluation) string {
	if f := topForm(ev); f != nil {
		return strings.TrimSpace(f.Department)
	}
	if KindOf(ev) != Department {
		return ev.Department
	}
	return ""
}

var dateLabels = []string{"填报日期", "填表日期", "报送日期", "日期"}

// FormDate is the 填报日期 written under the form (the department form, or
// the first project form that has one).
func FormDate(ev *compute.Evaluation) (time.Time, bool) {
	var forms []*form.Form
	if f := topForm(ev); f != nil {
		forms = append(forms, f)
	} else if ev.Workbook != nil {
		forms = append(forms, ev.Workbook.Projects...)
	}
	for _, f := range forms {
		for _, l := range dateLabels {
			for _, s := range f.Signatures {
				if s.Label != l || num.IsEmpty(s.Value) {
					continue
				}
				// A year-less date is not taken: the form's year is the
				// year evaluated, not the year it was filled.
				if !strings.Contains(num.Normalize(s.Value), "年") && !strings.ContainsAny(s.Value, "-/.") {
					continue
				}
				if d, ok := num.ParseDay(s.Value, 0); ok && int(d)/10000 > 1900 {
					return time.Date(int(d)/10000, time.Month(int(d)/100%100), int(d)%100, 0, 0, 0, 0, time.UTC), true
				}
			}
		}
	}
	return time.Time{}, false
}

// ReportDate is the date a report carries: the form's 填报日期 where it
// has one, else made (the run date, or the date the configuration sets).
func ReportDate(ev *compute.Evaluation, made time.Time) time.Time {
	if d, ok := FormDate(ev); ok {
		return d
	}
	return made
}

// CleanName is a name as a report prints it: full-width digits and
// letters folded to ASCII, a leftover "指标1：" prefix dropped, spaces
// trimmed.
func CleanName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		case r >= 'Ａ' && r <= 'Ｚ':
			b.WriteRune('A' + (r - 'Ａ'))
		case r >= 'ａ' && r <= 'ｚ':
			b.WriteRune('a' + (r - 'ａ'))
		case r == '．':
			b.WriteByte('.')
		case r == '％':
			b.WriteByte('%')
		default:
			b.WriteRune(r)
		}
	}
	out := strings.TrimSpace(b.String())
	if m := indexPrefix.FindStringIndex(out); m != nil {
		out = strings.TrimSpace(out[m[1]:])
	}
	return out
}

// indexPrefix is the "指标1：" a template row leaves before a name.
var indexPrefix = regexp.MustCompile(`^指标\s*[0-9]+\s*[：:]`)
