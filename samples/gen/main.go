// Command gen writes the sample workbooks of samples/ (run from the repo
// root: go run ./samples/gen). The output is deterministic: the same bytes
// on every run, so a diff after regenerating means the data changed.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/jixiao/jixiao/pipeline/view"
	"github.com/jixiao/jixiao/samples/sheetgen"
	"github.com/xuri/excelize/v2"
)

// Output file names, relative to the output directory.
const (
	MainName  = "邵东市科工局2019年度绩效自评表.xlsx"
	BlankName = "绩效自评表-空白.xlsx"
	AgriName  = "某县农业农村局-高标准农田项目2020.xlsx"
)

func main() {
	out := flag.String("o", "samples", "output directory")
	flag.Parse()
	if err := writeAll(*out); err != nil {
		log.Fatal(err)
	}
}

func writeAll(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, w := range []struct {
		name string
		fn   func() (*excelize.File, error)
	}{
		{MainName, mainWorkbook},
		{BlankName, blankWorkbook},
		{AgriName, agriWorkbook},
	} {
		f, err := w.fn()
		if err != nil {
			return fmt.Errorf("%s: %w", w.name, err)
		}
		p := filepath.Join(dir, w.name)
		if err := f.SaveAs(p); err != nil {
			return fmt.Errorf("%s: %w", w.name, err)
		}
		f.Close()
		if err := os.Chmod(p, 0o644); err != nil {
			return err
		}
		fmt.Fprintln(os.Stderr, "wrote", p)
	}
	return nil
}

// newBook makes a workbook whose first sheet is named first, with fixed
// document properties so the bytes do not change between runs.
func newBook(first, author string) (*excelize.File, *sheetgen.Styles, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return nil, nil, err
	}
	s, err := sheetgen.NewStyles(f)
	if err != nil {
		return nil, nil, err
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: author, LastModifiedBy: author, Title: first,
		Created: "2020-03-18T09:00:00Z", Modified: "2020-03-18T09:00:00Z",
	}); err != nil {
		return nil, nil, err
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "Microsoft Excel", AppVersion: "16.0300"}); err != nil {
		return nil, nil, err
	}
	return f, s, nil
}

func addSheet(f *excelize.File, name string) error {
	_, err := f.NewSheet(name)
	return err
}

func mainWorkbook() (*excelize.File, error) {
	const deptSheet = "部门整体支出绩效自评表"
	f, s, err := newBook(deptSheet, "刘敏")
	if err != nil {
		return nil, err
	}
	if _, err := sheetgen.WriteForm(f, s, deptSheet, deptForm()); err != nil {
		return nil, err
	}
	for _, p := range projects() {
		if err := addSheet(f, p.sheet); err != nil {
			return nil, err
		}
		if _, err := sheetgen.WriteForm(f, s, p.sheet, p.form()); err != nil {
			return nil, err
		}
	}
	if err := basicSheet(f, s, dept, false); err != nil {
		return nil, err
	}
	if err := notesSheet(f, s, notes, false); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	return f, nil
}

// basicSheet writes the Hunan-style 基础数据表.
func basicSheet(f *excelize.File, s *sheetgen.Styles, deptName string, blank bool) error {
	const name = "基础数据表"
	if err := addSheet(f, name); err != nil {
		return err
	}
	w := &sheetgen.W{F: f, S: s, Sheet: name}
	for i, wd := range []float64{26, 16, 16, 16} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		w.Check(f.SetColWidth(name, col, col, wd))
	}
	w.PutMerged(1, 1, 4, 1, "部门整体支出基础数据表", s.Title)
	_ = f.SetRowHeight(name, 1, 36)
	w.PutMerged(1, 2, 2, 2, "部门（单位）："+deptName, s.Plain)
	w.PutMerged(3, 2, 4, 2, "金额单位：万元", s.Unit)
	for i, h := range []string{"项目", "上年决算数", "本年预算数", "本年决算数"} {
		w.Put(1+i, 3, h, s.Label)
	}
	text := s.TextC
	if blank {
		text = s.HintC
	}
	for i, r := range basicData {
		row := 4 + i
		w.Put(1, row, r.label, s.LabelLeft)
		for j, v := range r.v {
			if blank {
				w.Put(2+j, row, nil, text)
			} else {
				w.Put(2+j, row, v, text)
			}
		}
		_ = f.SetRowHeight(name, row, 20)
	}
	row := 4 + len(basicData) + 1
	w.Put(1, row, "编制数", s.Label)
	w.Put(2, row, "实际在职人数", s.Label)
	if blank {
		w.Put(1, row+1, nil, text)
		w.Put(2, row+1, nil, text)
	} else {
		w.Put(1, row+1, staffQuota, text)
		w.Put(2, row+1, staffActual, text)
	}
	sheetgen.PrintSetup(w, 4)
	return w.Err
}

// notesSheet writes the 文字说明 sheet: 章节 | 内容.
func notesSheet(f *excelize.File, s *sheetgen.Styles, rows [][2]string, blank bool) error {
	const name = "文字说明"
	if err := addSheet(f, name); err != nil {
		return err
	}
	w := &sheetgen.W{F: f, S: s, Sheet: name}
	w.Check(f.SetColWidth(name, "A", "A", 16))
	w.Check(f.SetColWidth(name, "B", "B", 90))
	w.Put(1, 1, "章节", s.Label)
	w.Put(2, 1, "内容", s.Label)
	_ = f.SetRowHeight(name, 1, 22)
	text := s.Text
	if blank {
		text = s.Hint
	}
	for i, r := range rows {
		w.Put(1, 2+i, r[0], s.Label)
		w.Put(2, 2+i, r[1], text)
		lines := len([]rune(r[1]))/44 + 1
		_ = f.SetRowHeight(name, 2+i, float64(lines)*15+6)
	}
	sheetgen.PrintSetup(w, 2)
	return w.Err
}

func agriWorkbook() (*excelize.File, error) {
	const sheet = "项目支出绩效自评表"
	f, s, err := newBook(sheet, "王建国")
	if err != nil {
		return nil, err
	}
	const (
		ag     = "某县农业农村局"
		budget = 1350.00
		exec   = 1296.00
	)
	fundScore := sc(10 * exec / budget)
	inds := []sheetgen.Indicator{
		{L1: l1OutP, L2: qty, Name: "新建高标准农田面积", Target: "≥1.5万亩", Actual: "1.52万亩", Max: 15, Score: 15},
		{L1: l1OutP, L2: qty, Name: "新增高效节水灌溉面积", Target: "≥3000亩", Actual: "2600亩", Max: 10, Score: scoreFwd(10, 2600, 3000),
			Deviation: "一处项目区水源工程因征地协调延后，节水灌溉部分未完工，已列入2021年续建计划。"},
		{L1: l1OutP, L2: qual, Name: "工程验收合格率", Target: "100%", Actual: "100%", Max: 10, Score: 10},
		{L1: l1OutP, L2: timely, Name: "项目完工时间", Target: "2020年12月底前", Actual: "2020年12月底前", Max: 8, Score: 8},
		{L1: l1OutP, L2: cost, Name: "亩均财政投资", Target: "≤1500元/亩", Actual: "1458元/亩", Max: 7, Score: scoreRev(7, 1458, 1500)},
		{L1: l1EffP, L2: econ, Name: "项目区粮食亩产增加", Target: "≥50公斤", Actual: "62公斤", Max: 10, Score: 10},
		{L1: l1EffP, L2: social, Name: "受益农户", Target: "≥3000户", Actual: "3260户", Max: 10, Score: 10},
		{L1: l1EffP, L2: eco, Name: "农田灌溉水有效利用系数", Target: "≥0.55", Actual: "0.56", Max: 10, Score: 10},
		{L1: l1SatP, L2: satisfy, Name: "受益农户满意度", Target: "≥90%", Actual: "94%", Max: 10, Score: 10},
	}
	form := &sheetgen.Form{
		Title: "项目支出绩效自评表", Year: "（2020年度）",
		NameLabel: "项目名称", Name: "2020年高标准农田建设项目",
		Supervisor: ag, Implementer: "某县农田建设服务中心",
		FundLabel: fundProj,
		Funds: []sheetgen.FundRow{
			{Label: "年度资金总额", Initial: 1200.00, Budget: budget, Executed: exec, Max: 10, Rate: rate(exec, budget), Scored: fundScore},
			{Label: "其中：当年财政拨款", Initial: 1200.00, Budget: 1260.00, Executed: 1206.00, Max: dash, Rate: rate(1206, 1260), Scored: dash},
			{Label: "上年结转资金", Initial: 0.0, Budget: 90.00, Executed: 90.00, Max: dash, Rate: rate(90, 90), Scored: dash},
			{Label: "其他资金", Max: dash, Scored: dash},
		},
		Goal:      "新建高标准农田1.5万亩，配套建设灌溉排水、田间道路和农田防护设施，新增高效节水灌溉面积3000亩，提升项目区粮食综合生产能力。",
		Done:      "完成高标准农田建设1.52万亩，新增高效节水灌溉面积2600亩，工程全部通过县级验收；项目区粮食亩产平均增加62公斤，受益农户3260户。",
		IndHeader: sheetgen.IndHeader8, Indicators: inds,
		TotalMax: 100, TotalScore: totalOf(fundScore, inds),
	}
	if _, err := sheetgen.WriteForm(f, s, sheet, form); err != nil {
		return nil, err
	}
	return f, nil
}

// blankWorkbook is the standard workbook a clerk fills: labels and headers,
// 一级/二级 rows prepared, example values in grey italics.
func blankWorkbook() (*excelize.File, error) {
	const deptSheet = "部门整体支出绩效自评表"
	const projSheet = "项目支出绩效自评表"
	f, s, err := newBook(deptSheet, "jixiao")
	if err != nil {
		return nil, err
	}
	fundRows := func(labels ...string) []sheetgen.FundRow {
		rows := []sheetgen.FundRow{{Label: "年度资金总额", Max: 10}}
		for _, l := range labels {
			rows = append(rows, sheetgen.FundRow{Label: l, Max: dash, Scored: dash})
		}
		return rows
	}
	prepared := func(out, eff, sat string, example bool) []sheetgen.Indicator {
		type r struct{ l1, l2 string }
		var rows []sheetgen.Indicator
		for _, x := range []r{{out, qty}, {out, qual}, {out, timely}, {out, cost},
			{eff, econ}, {eff, social}, {eff, eco}, {eff, sustain}, {sat, satisfy}} {
			rows = append(rows, sheetgen.Indicator{L1: x.l1, L2: x.l2})
		}
		if example {
			rows[0].Name, rows[0].Target, rows[0].Previous, rows[0].Actual = "例：新增规模工业企业", "例：≥120家", "例：126家", "例：133家"
			rows[3].Name, rows[3].Target, rows[3].Actual = "例：“三公”经费支出", "例：≤32万元", "例：28.46万元"
			rows[8].Name, rows[8].Target, rows[8].Actual = "例：服务对象满意度", "例：≥90%", "例：95%"
			rows[0].Deviation = "得分低于分值时必须填写"
		}
		return rows
	}
	dept := &sheetgen.Form{
		Title: "部门整体支出绩效自评表", Year: "（    年度）",
		NameLabel: "部门（单位）名称", Name: "（填写部门全称）",
		Supervisor: "", Implementer: "",
		FundLabel: fundDept, Funds: fundRows("其中：基本支出", "项目支出"),
		Goal: "（填写年初确定的部门整体绩效目标）", Done: "（对照预期目标逐项填写实际完成情况）",
		IndHeader: sheetgen.IndHeader9, Indicators: prepared(l1Out, l1Eff, l1Sat, true),
		TotalMax: 100, Grey: true,
		Footer: []string{"填表人：　　　　　　联系电话：　　　　　　填报日期：",
			"说明：金额单位为万元；年度指标值、实际完成值按“≥120家”“≤32万元”“100%”“效果明显”的样式填写；得分低于分值的指标须填写偏差原因分析及改进措施；灰色斜体字为示例，填表时请覆盖。"},
	}
	if _, err := sheetgen.WriteForm(f, s, deptSheet, dept); err != nil {
		return nil, err
	}
	if err := addSheet(f, projSheet); err != nil {
		return nil, err
	}
	proj := &sheetgen.Form{
		Title: "项目支出绩效自评表", Year: "（    年度）",
		NameLabel: "项目名称", Name: "（填写项目全称）",
		FundLabel: fundProj, Funds: fundRows("其中：当年财政拨款", "上年结转资金", "其他资金"),
		Goal: "（填写项目年度绩效目标）", Done: "（填写实际完成情况）",
		IndHeader: sheetgen.IndHeader8, Indicators: prepared(l1OutP, l1EffP, l1SatP, false),
		TotalMax: 100, Grey: true,
		Footer: []string{"说明：每个项目复制本表一份，工作表名称可改为“项目1-项目简称”。"},
	}
	if _, err := sheetgen.WriteForm(f, s, projSheet, proj); err != nil {
		return nil, err
	}
	if err := basicSheet(f, s, "", true); err != nil {
		return nil, err
	}
	// One row per section of the report, with a one-line prompt; the
	// report skips a prompt left as it is.
	var prompts [][2]string
	for _, s := range view.AccountSections {
		prompts = append(prompts, [2]string{s.Name, "（" + s.Prompt + "）"})
	}
	if err := notesSheet(f, s, prompts, true); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	return f, nil
}
