package view

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/jixiao/jixiao/pipeline/read"
	"github.com/jixiao/jixiao/pipeline/word"
)

const agriSample = "../../samples/某县农业农村局-高标准农田项目2020.xlsx"

func evalFile(t *testing.T, path string) *compute.Evaluation {
	t.Helper()
	wb, err := read.File(path, read.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return compute.Evaluate(wb, compute.Defaults(), nil)
}

// texts is every string a template can show (lists' fields included).
func texts(d word.Data, skip ...string) []string {
	var out []string
	for k, v := range d {
		skipped := false
		for _, s := range skip {
			skipped = skipped || s == k
		}
		if skipped {
			continue
		}
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case []word.Data:
			for _, it := range x {
				out = append(out, texts(it)...)
			}
		}
	}
	return out
}

func pct(s string) num.Opt { return num.Some(num.MustParse(s)) }

// A rate or share changes in 百分点, never in % of itself.
func TestRatesChangeInPoints(t *testing.T) {
	up := compute.Indicator{Name: "工业增加值增速", Actual: pct("12"), Previous: pct("10"), Unit: "%", YoY: pct("0.2")}
	if got := Describe(up); got != "工业增加值增速12.00%，比上年提高2.00个百分点" {
		t.Errorf("Describe = %q", got)
	}
	if got := ChangeCell(up); got != "2.00个百分点" {
		t.Errorf("table cell = %q", got)
	}
	down := compute.Indicator{Name: "合格率", Actual: pct("95.5"), Previous: pct("98"), Unit: "%"}
	if got := Describe(down); got != "合格率95.50%，比上年下降2.50个百分点" {
		t.Errorf("Describe = %q", got)
	}
	same := compute.Indicator{Name: "覆盖率", Actual: pct("100"), Previous: pct("100"), Unit: "%"}
	if got := Describe(same); got != "覆盖率100.00%，与上年持平" {
		t.Errorf("Describe = %q", got)
	}
	d := Data(sampleEval(t), time.Now())
	for _, s := range strings.Split(strings.Join(texts(d), "；"), "；") {
		if strings.Contains(s, "增速") && strings.Contains(s, "同比增长") {
			t.Errorf("a growth rate compared in %%: %s", s)
		}
	}
	if m := d["主要指标"].(string); !strings.Contains(m, "规模工业总产值增速12.00%，比上年提高2.20个百分点") {
		t.Errorf("主要指标: %s", m)
	}
}

// Declines are listed with the increases, worded as declines.
func TestDeclinesAreReported(t *testing.T) {
	d := Data(sampleEval(t), time.Now())
	var list []string
	for _, it := range d["与上年相比"].([]word.Data) {
		list = append(list, it["描述"].(string))
	}
	all := strings.Join(list, "\n")
	for _, want := range []string{
		"“三公”经费支出28.46万元，同比下降20.06%",
		"社会公众满意度88.00%，比上年下降3.00个百分点",
		"规模工业总产值838.60亿元，同比增长12.00%",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("与上年相比 lacks %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "增长-") || strings.Contains(all, "-") {
		t.Errorf("a decline written as a negative growth:\n%s", all)
	}
	// the 基础数据表's categories too, in 整体支出情况
	var spend string
	for _, it := range d["开展情况"].([]word.Data) {
		if it["标题"] == "整体支出情况" {
			spend = it["内容"].(string)
		}
	}
	if !strings.Contains(spend, "三公经费28.46万元，比上年减少7.14万元，下降20.06%") || strings.Contains(spend, "因公出国") {
		t.Errorf("整体支出情况: %s", spend)
	}
}

// Without last year's figures there is no sentence about them at all.
func TestNoPriorYearNoSentence(t *testing.T) {
	ev := evalFile(t, agriSample)
	d := Data(ev, time.Now())
	if d["支出同比"] != "" || d["上年支出合计"] != "" {
		t.Errorf("支出同比 %q, 上年支出合计 %q: want both empty", d["支出同比"], d["上年支出合计"])
	}
	if n := len(d["与上年相比"].([]word.Data)); n != 0 || d["主要指标"] != "" {
		t.Errorf("与上年相比 has %d items, 主要指标 %q", n, d["主要指标"])
	}
	for _, s := range texts(d) {
		if strings.Contains(s, "上年无此项") || strings.Contains(s, "上年支出合计") {
			t.Errorf("sentence on a missing last year: %s", s)
		}
	}
}

// One kind per workbook, named the same everywhere.
func TestKind(t *testing.T) {
	dept := sampleEval(t)
	agri := evalFile(t, agriSample)
	wb, err := read.File("../../samples/邵东市科工局2019年度绩效自评表.xlsx", read.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	wb.Department, wb.Base = nil, nil
	several := compute.Evaluate(wb, compute.Defaults(), nil)
	cases := []struct {
		ev              *compute.Evaluation
		kind            Kind
		title, subject  string
		dept, one, many bool
	}{
		{dept, Department, "邵东市科技和工业信息化局2019年度部门整体支出绩效评价报告", "邵东市科技和工业信息化局2019年度部门整体支出", true, false, false},
		{agri, Project, "某县农业农村局2020年高标准农田建设项目支出绩效自评报告", "某县农业农村局2020年高标准农田建设项目", false, true, false},
		{several, Projects, "邵东市科技和工业信息化局2019年度项目支出绩效自评汇总报告", "邵东市科技和工业信息化局2019年度4个项目支出", false, false, true},
	}
	for _, c := range cases {
		if k := KindOf(c.ev); k != c.kind {
			t.Errorf("%s: kind %v, want %v", c.title, k, c.kind)
		}
		d := Data(c.ev, time.Now())
		if d["报告名称"] != c.title || Title(c.ev) != c.title {
			t.Errorf("报告名称 %q, want %q", d["报告名称"], c.title)
		}
		if d["评价对象"] != c.subject {
			t.Errorf("评价对象 %q, want %q", d["评价对象"], c.subject)
		}
		if d["部门整体"] != c.dept || d["单项目"] != c.one || d["多项目"] != c.many {
			t.Errorf("%s: 部门整体 %v 单项目 %v 多项目 %v", c.title, d["部门整体"], d["单项目"], d["多项目"])
		}
		if c.kind != Department {
			for _, s := range texts(d, "问题") {
				if strings.Contains(s, "部门整体") {
					t.Errorf("%s: %q says 部门整体", c.title, s)
				}
			}
		}
	}
	if s := Data(agri, time.Now())["部门基本情况"].(string); !strings.Contains(s, "主管部门为某县农业农村局，实施单位为某县农田建设服务中心") {
		t.Errorf("project basics: %s", s)
	}
}

// 主管部门 is the form's, not the 实施单位.
func TestSupervisor(t *testing.T) {
	if got := Data(sampleEval(t), time.Now())["主管部门"]; got != "邵东市人民政府" {
		t.Errorf("department: 主管部门 %q", got)
	}
	if got := Data(evalFile(t, agriSample), time.Now())["主管部门"]; got != "某县农业农村局" {
		t.Errorf("project: 主管部门 %q", got)
	}
}

// The report is dated by the form's 填报日期, the run date only without one.
func TestReportDate(t *testing.T) {
	run := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	if got := Date(ReportDate(sampleEval(t), run)); got != "2020年3月18日" {
		t.Errorf("with 填报日期: %q", got)
	}
	if got := Date(ReportDate(evalFile(t, agriSample), run)); got != "2026年11月29日" {
		t.Errorf("without 填报日期: %q", got)
	}
}

func TestSplitDeviation(t *testing.T) {
	cases := []struct{ in, cause, measure string }{
		{"部分申报企业研发费用归集不规范，未通过认定评审。下一步建立高企后备库，提前开展申报辅导。",
			"部分申报企业研发费用归集不规范，未通过认定评审", "下一步建立高企后备库，提前开展申报辅导"},
		{"一处项目区水源工程因征地协调延后，节水灌溉部分未完工，已列入2021年续建计划。",
			"一处项目区水源工程因征地协调延后，节水灌溉部分未完工", "已列入2021年续建计划"},
		{"原因：资金下达晚", "资金下达晚", ""},
	}
	for _, c := range cases {
		cause, measure := splitDeviation(c.in)
		if cause != c.cause || measure != c.measure {
			t.Errorf("splitDeviation(%q) = %q, %q", c.in, cause, measure)
		}
	}
}

// 存在的问题 and 改进措施 are written for a superior: no cell, no checker's
// message, no instruction to the clerk; a measure is not the cause again.
func TestProblemsForASuperior(t *testing.T) {
	cell := regexp.MustCompile(`[!！][A-Z]{1,3}[0-9]+|第[0-9]+行|请(填写|核对|补充)`)
	for _, path := range []string{"../../samples/邵东市科工局2019年度绩效自评表.xlsx", agriSample} {
		ev := evalFile(t, path)
		for _, narrative := range []bool{true, false} {
			if !narrative {
				ev.Narrative = nil
			}
			d := Data(ev, time.Now())
			for _, s := range texts(d, "问题") {
				if cell.MatchString(s) {
					t.Errorf("%s: clerk's text in the report: %s", path, s)
				}
			}
			p, m := d["存在的问题"].(string), d["改进措施"].(string)
			for _, in := range ev.Indicators {
				cause, _ := splitDeviation(in.Deviation)
				if cause != "" && strings.Contains(m, cause) {
					t.Errorf("%s: 改进措施 repeats the cause %q", path, cause)
				}
			}
			if !narrative && !strings.Contains(p, "未达到年度目标") {
				t.Errorf("%s: 存在的问题 names no shortfall: %s", path, p)
			}
		}
	}
	ev := evalFile(t, agriSample)
	d := Data(ev, time.Now())
	if m := d["改进措施"].(string); !strings.Contains(m, "针对“新增高效节水灌溉面积”指标未达到年度目标的问题，已列入2021年续建计划") {
		t.Errorf("改进措施: %s", m)
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{"指标1：新增企业": "新增企业", "Ｒ＆Ｄ投入１２亿元": "R＆D投入12亿元", " 覆盖率 ": "覆盖率"} {
		if got := CleanName(in); got != want {
			t.Errorf("CleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

// The form's own 评价结论 / 存在问题 / 改进措施 rows are the department's
// account too; a prompt of the blank workbook left as it is is not.
func TestFormRowsAndPrompts(t *testing.T) {
	ev := sampleEval(t)
	ev.Narrative = []compute.NarrativeItem{
		{Title: "存在的问题", Text: "（可不填：不填时按未完成的指标和偏差原因写）"},
		{Title: "预决算公开", Text: "（预算、决算公开的时间、渠道和内容是否完整）"},
	}
	dep := *ev.Workbook.Department
	dep.Problems = "部分项目前期准备不足。"
	dep.Measures = "提前谋划下年度项目。"
	dep.Conclusion = "总体完成年度目标。"
	wb := *ev.Workbook
	wb.Department = &dep
	ev.Workbook = &wb
	d := Data(ev, time.Now())
	if p := d["存在的问题"].(string); !strings.HasPrefix(p, "部分项目前期准备不足。\n此外，") || strings.Contains(p, "可不填") {
		t.Errorf("存在的问题: %s", p)
	}
	if m := d["改进措施"].(string); !strings.HasPrefix(m, "提前谋划下年度项目。") {
		t.Errorf("改进措施: %s", m)
	}
	if c := d["评价结论"]; c != "总体完成年度目标。" {
		t.Errorf("评价结论: %s", c)
	}
	if d["预决算公开"] != "" {
		t.Errorf("a prompt taken as text: %q", d["预决算公开"])
	}
	for _, it := range d["开展情况"].([]word.Data) {
		if it["标题"] == "预决算公开" {
			t.Errorf("预决算公开 listed from a prompt")
		}
	}
}
