package compute

import (
	"testing"

	"github.com/jixiao/jixiao/pipeline/finding"
	"github.com/jixiao/jixiao/pipeline/form"
)

func TestFunds(t *testing.T) {
	total := func(ini, bud, exe, max, rate, score string) form.FundRow {
		return fundRow("年度资金总额", 6, ini, bud, exe, max, rate, score)
	}
	part := func(label string, row int, ini, bud, exe string) form.FundRow {
		return fundRow(label, row, ini, bud, exe, "", "", "")
	}
	cases := []struct {
		name        string
		rows        []form.FundRow
		budget      string
		executed    string
		rate, score string
		summed      bool
		wants       []want
		nots        []string
	}{
		{name: "plain 190/200", rows: []form.FundRow{total("200", "200", "190", "10", "0.95", "9.5")},
			budget: "200", executed: "190", rate: "0.95", score: "9.5",
			nots: []string{"不一致", "超过", "无法计算"}},
		{name: "99.975 % keeps its digits", rows: []form.FundRow{total("", "1000", "999.75", "10", "", "")},
			rate: "0.99975", score: "9.9975"},
		{name: "declared 10.00 equals 9.9975 at two decimals", rows: []form.FundRow{total("", "1000", "999.75", "10", "0.9998", "10")},
			score: "9.9975", nots: []string{"不一致"}},
		{name: "declared 9.99 differs from 9.9975", rows: []form.FundRow{total("", "1000", "999.75", "10", "", "9.99")},
			score: "9.9975", wants: []want{warn("H6", "预算执行得分与计算结果不一致")}},
		{name: "declared rate 96 % against 95 %", rows: []form.FundRow{total("", "200", "190", "10", "0.96", "")},
			rate: "0.95", wants: []want{warn("G6", "执行率与计算结果不一致")}},
		{name: "分值 20 from the form", rows: []form.FundRow{total("", "200", "190", "20", "", "")},
			score: "19"},
		{name: "blank 分值 takes the configured 10", rows: []form.FundRow{total("", "3", "2", "", "", "")},
			rate: "~0.67", score: "~6.67"}, // 10×2/3 = 6.666…
		{name: "over-executed: rate shown as is, score capped", rows: []form.FundRow{total("", "100", "120", "10", "", "12")},
			rate: "1.2", score: "10", wants: []want{warn("E6", "超过全年预算数（执行率120.00%）"), warn("H6", "不一致")}},
		{name: "executed equals budget", rows: []form.FundRow{total("", "100", "100", "10", "", "")},
			rate: "1", score: "10", nots: []string{"超过"}},
		{name: "nothing executed", rows: []form.FundRow{total("", "100", "0", "10", "", "")},
			rate: "0", score: "0"},
		// A total without the fund's 10 points would look right and be
		// short by 10: refused on the cell.
		{name: "budget 0: rate undefined, its 分值 cannot be scored: an error", rows: []form.FundRow{total("", "0", "5", "10", "", "")},
			rate: "null", score: "null", wants: []want{fail("D6", "全年预算数为0，无法计算预算执行率，10.00分的预算执行得分无法评定")}},
		{name: "budget 0 where the fund carries no 分值: a warning", rows: []form.FundRow{total("", "0", "5", "0", "", "")},
			rate: "null", score: "null", wants: []want{warn("D6", "全年预算数为0")}},
		{name: "blank budget: an error", rows: []form.FundRow{total("100", "", "95", "10", "", "")},
			rate: "null", score: "null", wants: []want{fail("D6", "全年预算数为空")}},
		{name: "blank executed: an error", rows: []form.FundRow{total("100", "100", "", "10", "", "")},
			rate: "null", score: "null", wants: []want{fail("E6", "全年执行数为空")}},
		{name: "zero total: the breakdown's sum", rows: []form.FundRow{
			total("0", "0", "0", "10", "", ""),
			part("其中：当年财政拨款", 7, "80", "80", "76"),
			part("上年结转资金", 8, "", "20", "19"),
			part("其他资金", 9, "", "", "")},
			budget: "100", executed: "95", rate: "0.95", score: "9.5", summed: true,
			wants: []want{warn("D6", "年度资金总额为空或为0，已按明细行合计计算（全年预算数100.00万元，全年执行数95.00万元）")},
			nots:  []string{"明细行的"}},
		{name: "blank total: the breakdown's sum", rows: []form.FundRow{
			total("", "", "", "", "", ""),
			part("基本支出", 7, "300.5", "300.5", "290.25"),
			part("项目支出", 8, "538.1", "548.25", "548.35")},
			budget: "848.75", executed: "838.6", rate: "~0.99", score: "~9.88", summed: true, // 838.6/848.75 = 0.98804…
			wants: []want{warn("D6", "年度资金总额为空或为0")}, nots: []string{"为空，无法计算"}},
		{name: "breakdown not adding up", rows: []form.FundRow{
			total("100", "100", "95", "10", "", ""),
			part("其中：当年财政拨款", 7, "60", "60", "57"),
			part("上年结转资金", 8, "30", "30", "28")},
			budget: "100", executed: "95", rate: "0.95",
			wants: []want{
				warn("C6", "明细行的年初预算数合计为90.00万元，与年度资金总额100.00万元不一致"),
				warn("D6", "明细行的全年预算数合计为90.00万元，与年度资金总额100.00万元不一致"),
				warn("E6", "明细行的全年执行数合计为85.00万元，与年度资金总额95.00万元不一致")}},
		{name: "breakdown adding up at two decimals", rows: []form.FundRow{
			total("", "100", "95", "10", "", ""),
			part("其中：当年财政拨款", 7, "", "33.333", "31.6665"),
			part("上年结转资金", 8, "", "66.667", "63.3335")},
			rate: "0.95", nots: []string{"明细行的"}},
		{name: "breakdown rows blank: nothing to check", rows: []form.FundRow{
			total("100", "100", "95", "10", "", ""),
			part("其中：当年财政拨款", 7, "", "", ""),
			part("上年结转资金", 8, "", "", "")},
			rate: "0.95", score: "9.5", nots: []string{"明细行的"}},
		{name: "no total row at all", rows: []form.FundRow{
			part("当年财政拨款", 7, "", "50", "45"),
			part("其他资金", 8, "", "50", "50")},
			budget: "100", executed: "95", rate: "0.95", score: "9.5", summed: true,
			wants: []want{warn("", "没有“年度资金总额”行")}},
		{name: "negative executed scores 0", rows: []form.FundRow{total("", "100", "-5", "10", "", "")},
			rate: "-0.05", score: "0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wb := &form.Workbook{Projects: []*form.Form{projectForm("项目", c.rows)}}
			ev := Evaluate(wb, Defaults(), nil)
			if len(ev.Funds) != len(c.rows)+boolInt(len(c.rows) > 0 && !c.rows[0].Total) {
				t.Fatalf("got %d fund rows for %d form rows", len(ev.Funds), len(c.rows))
			}
			f := ev.Funds[0]
			if f.Label != "年度资金总额" {
				t.Errorf("funds[0] is %q", f.Label)
			}
			checkOpt(t, "budget", f.Budget, c.budget)
			checkOpt(t, "executed", f.Executed, c.executed)
			checkOpt(t, "rate", f.Rate, c.rate)
			checkOpt(t, "score", f.Score, c.score)
			if f.Summed != c.summed {
				t.Errorf("summed = %v, want %v", f.Summed, c.summed)
			}
			checkFindings(t, ev.Warnings, c.wants, c.nots)
			// Errors only where the fund cannot be scored: a figure blank,
			// or no budget to divide by.
			wantErr := false
			for _, w := range c.wants {
				wantErr = wantErr || w.sev == finding.Error
			}
			if ev.Warnings.HasErrors() != wantErr {
				t.Errorf("HasErrors = %v:%s", ev.Warnings.HasErrors(), dump(ev.Warnings))
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestFundBreakdownRates(t *testing.T) {
	rows := []form.FundRow{
		fundRow("年度资金总额", 6, "", "100", "95", "10", "", ""),
		fundRow("其中：当年财政拨款", 7, "", "80", "76", "", "0.95", ""),
		fundRow("上年结转资金", 8, "", "20", "19", "", "0.9", ""),
		fundRow("其他资金", 9, "", "0", "0", "", "", ""),
	}
	ev := Evaluate(&form.Workbook{Projects: []*form.Form{projectForm("项目", rows)}}, Defaults(), nil)
	f := ev.Funds
	checkOpt(t, "当年财政拨款 rate", f[1].Rate, "0.95")
	checkOpt(t, "上年结转资金 rate", f[2].Rate, "0.95")
	checkOpt(t, "其他资金 rate", f[3].Rate, "null")
	for i := 1; i < len(f); i++ {
		if f[i].Score.Valid || f[i].MaxScore.Valid {
			t.Errorf("%s carries a score: %v/%v", f[i].Label, f[i].Score, f[i].MaxScore)
		}
	}
	checkFindings(t, ev.Warnings, []want{warn("G8", "执行率与计算结果不一致：表中为90.00%，全年执行数÷全年预算数为95.00%")}, nil)
	if has(ev.Warnings, warn("G7", "执行率")) {
		t.Errorf("an equal rate was reported:%s", dump(ev.Warnings))
	}
}
