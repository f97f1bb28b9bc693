package word

// Data is what a template is filled with. Values are strings (numbers and
// other scalars are formatted with fmt), lists are []Data, images are Image,
// and a bool (or an empty string) drives a conditional section.
type Data map[string]any

// Image is a picture for a {{%名}} tag. When WidthCM or HeightCM is zero it
// is derived from the PNG's pixel size (96 dpi), capped at 15 cm wide.
type Image struct {
	PNG               []byte
	WidthCM, HeightCM float64
	Name              string // description shown to screen readers; defaults to the tag name
}

// Schema lists the names a template may use. Lists maps a list name to the
// names of its items' fields.
type Schema struct {
	Values []string
	Lists  map[string][]string
	Images []string
}

// StandardSchema is the set of names every jixiao template can use. The
// caller fills them with display-formatted strings.
func StandardSchema() Schema {
	return Schema{
		Values: []string{
			"部门名称", "主管部门", "年度", "总分", "等级",
			"年初预算数", "全年预算数", "全年执行数", "预算执行率", "预算执行得分",
			"预期目标", "实际完成情况", "评价日期",
			"指标总数", "达成指标数", "未达成指标数", "指标得分",
			"部门基本情况", "存在的问题", "改进措施", "评价结论",
			"资金单位", "上年支出合计", "支出同比",
			// What the workbook reports on (one kind per workbook): the
			// report's name, its kind, what the conclusion names, and the
			// three conditions 部门整体 / 单项目 / 多项目.
			"报告名称", "报告类型", "评价对象", "部门整体", "单项目", "多项目", "实施单位",
			// The computed comparison with last year, as one sentence.
			"主要指标", "得分表序号",
			// The department's own account (文字说明 sheet), "" when not given.
			"绩效目标", "预决算公开", "资产管理", "内部管理制度", "项目绩效总目标完成情况",
			"整体支出情况", "部门整体绩效评价", "重点工作", "获得荣誉",
		},
		Lists: map[string][]string{
			"资金":    {"项目", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"},
			"绩效指标":  {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "上年完成值", "完成率", "同比增长", "分值", "得分", "偏差原因", "完成情况描述", "是否达成"},
			"项目":    {"项目名称", "主管部门", "全年预算数", "全年执行数", "执行率", "总分", "等级"},
			"基础数据":  {"项目", "上年决算数", "本年预算数", "本年决算数", "同比增长"},
			"问题":    {"位置", "说明"},
			"亮点":    {"描述"},
			"与上年相比": {"描述"},
			"开展情况":  {"序号", "标题", "内容"},
		},
		Images: []string{"预算执行图", "指标完成图"},
	}
}

type nameKind int

const (
	kindUnknown nameKind = iota
	kindValue
	kindList
	kindImage
)

func (s *Schema) topKind(name string) nameKind {
	for _, v := range s.Values {
		if v == name {
			return kindValue
		}
	}
	if _, ok := s.Lists[name]; ok {
		return kindList
	}
	for _, v := range s.Images {
		if v == name {
			return kindImage
		}
	}
	return kindUnknown
}
