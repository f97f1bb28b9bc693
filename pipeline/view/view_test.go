package view

import (
	"strings"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/jixiao/jixiao/pipeline/read"
	"github.com/jixiao/jixiao/pipeline/word"
)

func sampleEval(t *testing.T) *compute.Evaluation {
	t.Helper()
	wb, err := read.File("../../samples/邵东市科工局2019年度绩效自评表.xlsx", read.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return compute.Evaluate(wb, compute.Defaults(), nil)
}

// TestDataNames: every name of the standard schema is filled, and the
// figures read as the report conventions say.
func TestDataNames(t *testing.T) {
	ev := sampleEval(t)
	d := Data(ev, time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC))
	if err := AddCharts(d, ev); err != nil {
		t.Fatal(err)
	}
	s := word.StandardSchema()
	for _, v := range s.Values {
		switch d[v].(type) {
		case string, bool:
		default:
			t.Errorf("value %s missing", v)
		}
	}
	for l, fields := range s.Lists {
		items, ok := d[l].([]word.Data)
		if !ok {
			t.Errorf("list %s missing", l)
			continue
		}
		for _, it := range items {
			for _, f := range fields {
				if _, ok := it[f]; !ok {
					t.Errorf("list %s item lacks %s", l, f)
				}
			}
		}
	}
	for _, im := range s.Images {
		if img, ok := d[im].(word.Image); !ok || len(img.PNG) == 0 {
			t.Errorf("image %s missing", im)
		}
	}
	checks := map[string]string{"部门名称": "邵东市科技和工业信息化局", "年度": "2019", "评价日期": "2026年11月29日", "主管部门": "邵东市人民政府",
		"全年预算数": "2905.02", "全年执行数": "2847.12", "预算执行率": "98.01%", "支出同比": "比上年增加215.72万元，增长8.20%"}
	for k, want := range checks {
		if d[k] != want {
			t.Errorf("%s = %q, want %q", k, d[k], want)
		}
	}
	inds := d["绩效指标"].([]word.Data)
	if got := inds[0]["完成情况描述"]; got != "规模工业总产值838.60亿元，同比增长12.00%" {
		t.Errorf("描述 %q", got)
	}
	if got := inds[1]["同比增长"]; got != "11.00%" {
		t.Errorf("工业增加值 同比 %q", got)
	}
}

func TestDescribe(t *testing.T) {
	cases := []struct {
		in   compute.Indicator
		want string
	}{
		{compute.Indicator{Name: "新增规模工业企业", Actual: num.Int(133), Unit: "家"}, "新增规模工业企业133家"},
		{compute.Indicator{Name: "成本", Actual: num.Some(num.MustParse("28.455")), Unit: "万元", Previous: num.Some(num.MustParse("35.6"))}, "成本28.46万元，同比下降20.07%"},
		{compute.Indicator{Name: "成效", Qualitative: true, ActualText: "效果明显"}, "成效：效果明显"},
		{compute.Indicator{Name: "新增", Actual: num.Int(5), Unit: "个", Previous: num.Int(0)}, "新增5个"},
	}
	for _, c := range cases {
		if got := Describe(c.in); got != c.want {
			t.Errorf("Describe = %q, want %q", got, c.want)
		}
	}
}

// TestGeneratedSections: without a 文字说明 sheet, the sections say what the
// figures say.
func TestGeneratedSections(t *testing.T) {
	ev := sampleEval(t)
	ev.Narrative = nil
	d := Data(ev, time.Now())
	if p := d["存在的问题"].(string); !strings.Contains(p, "预算执行率为98.01%，全年预算数中尚有57.90万元未执行") {
		t.Errorf("存在的问题: %s", p)
	}
	// The template states the score once; 评价结论 says how it is made up.
	if c := d["评价结论"].(string); !strings.Contains(c, "其中预算执行得分9.80分") || strings.Contains(c, "得分为") {
		t.Errorf("评价结论: %s", c)
	}
}
