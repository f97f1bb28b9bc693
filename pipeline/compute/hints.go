package compute

import (
	"strings"

	"github.com/jixiao/jixiao/pipeline/finding"
)

// fixes say what the clerk does about a kind of finding whose message does
// not say it already; the checked copy (核查版) and validate show them.
var fixes = []struct{ frag, fix string }{
	{"得分与计算结果不一致", "请将得分改为按规则计算的分数，或核对实际完成值和指标值"},
	{"总分与计算结果不一致", "请将总分改为各项得分之和"},
	{"执行率与计算结果不一致", "请将执行率改为全年执行数÷全年预算数"},
	{"得分系数与计算结果不一致", "请将得分系数改为按完成情况计算的比例"},
	{"未填写偏差原因分析及改进措施", "请在“偏差原因分析及改进措施”栏写明未完成的原因和下一步的改进措施"},
	{"与年度资金总额", "请核对年度资金总额和各明细行的金额"},
	{"而明细行合计为", "请核对该行与各明细行的金额"},
	{"而其上各项得分合计为", "请核对该行与其上各行的得分"},
	{"年度资金总额为空或为0", "请在年度资金总额行填写各明细行的合计金额"},
	{"没有“年度资金总额”行", "请增加“年度资金总额”行并填写合计金额"},
	{"全年预算数为0", "请核对全年预算数"},
	{"超过全年预算数", "请核对全年执行数和全年预算数"},
	{"是否输错", "请核对该数值，如多输了一位请改正"},
	{"已按同一单位计算", "请按指标值的单位填写实际完成值"},
	{"上年完成值单位", "请按本年的单位填写上年完成值"},
	{"高于分值", "请将得分改为不超过分值的数"},
	{"未填得分，按", "请在得分栏填写评价得分"},
	{"与设定的权重", "请核对各项分值；如本地权重不同，请管理员在配置中修改"},
	{"表头“", "请改回模板原有的列名；如该列无需读取，可不修改"},
	{"三级指标名称为空", "请填写三级指标的名称"},
	{"资金行没有名称", "请在该行填写资金项目名称"},
	{"金额为负数", "请核对金额"},
	{"不是数字，已", "请填写数字"},
	{"没有找到评价年度", "请在标题下填写年度，如“（2019年度）”"},
	{"没有找到“", "请在表头填写该项"},
}

// addHints gives each finding that lacks one its fix.
func addHints(l finding.List) {
	for i := range l {
		f := &l[i]
		if f.Hint != "" || strings.Contains(f.Message, "请") {
			continue
		}
		for _, x := range fixes {
			if strings.Contains(f.Message, x.frag) {
				f.Hint = x.fix
				break
			}
		}
	}
}
