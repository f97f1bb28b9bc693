package word

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// chartPNG draws a bar chart-like picture (about 60 KB at 900×450).
func chartPNG(seed int64, w, h, bars int) []byte {
	r := rand.New(rand.NewSource(seed))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{255, 255, 255, 255})
		}
	}
	bw := w / (bars*2 + 1)
	for i := 0; i < bars; i++ {
		top := h/6 + r.Intn(h/2)
		for y := top; y < h-20; y++ {
			for x := bw * (2*i + 1); x < bw*(2*i+2); x++ {
				var v uint8
				if y%3 == 0 { // some texture, so the PNG weighs what a real chart does
					v = uint8(r.Intn(40))
				}
				img.Set(x, y, color.RGBA{40 + v, 90 + v, 160 + v, 255})
			}
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

var (
	pngBudget     = chartPNG(1, 900, 450, 4)
	pngIndicators = chartPNG(2, 800, 400, 22)
)

// realisticData is one department workbook's worth of display strings:
// 22 indicators, 4 projects, two ~60 KB charts (figures from the 2019
// 邵东市科工局 report).
func realisticData() Data {
	type ind struct{ l1, l2, l3, target, actual, prev, rate, yoy, max, score string }
	inds := []ind{
		{"产出指标", "数量指标", "新增规模工业企业", "≥120家", "133家", "110家", "110.83%", "20.91%", "5", "5.00"},
		{"产出指标", "数量指标", "新增高新技术企业", "≥20家", "22家", "18家", "110.00%", "22.22%", "5", "5.00"},
		{"产出指标", "数量指标", "国家级高新企业总数", "≥50家", "52家", "30家", "104.00%", "73.33%", "4", "4.00"},
		{"产出指标", "数量指标", "制造强省项目立项", "≥20个", "22个", "16个", "110.00%", "37.50%", "4", "4.00"},
		{"产出指标", "数量指标", "中小企业发展专项立项", "≥10个", "11个", "—", "110.00%", "—", "3", "3.00"},
		{"产出指标", "数量指标", "科技研发奖补立项", "≥20项", "22项", "19项", "110.00%", "15.79%", "3", "3.00"},
		{"产出指标", "数量指标", "企业上云数量", "≥3500家", "4000家", "2600家", "114.29%", "53.85%", "3", "3.00"},
		{"产出指标", "质量指标", "R&D经费占GDP比重", "≥2.0%", "2.2%", "1.8%", "110.00%", "22.22%", "4", "4.00"},
		{"产出指标", "质量指标", "高新技术产业增加值占比", "≥28%", "30%", "27%", "107.14%", "11.11%", "4", "4.00"},
		{"产出指标", "质量指标", "棚改选房到户率", "100%", "100%", "—", "100.00%", "—", "3", "3.00"},
		{"产出指标", "时效指标", "资金拨付及时率", "≥95%", "92%", "96%", "96.84%", "-4.17%", "4", "3.87"},
		{"产出指标", "时效指标", "项目按期完成率", "≥90%", "93%", "91%", "103.33%", "2.20%", "4", "4.00"},
		{"产出指标", "成本指标", "公用经费控制", "≤95万元", "99.5万元", "92万元", "95.48%", "8.15%", "4", "3.82"},
		{"效益指标", "经济效益指标", "规模工业总产值", "≥800亿元", "838.6亿元", "747.8亿元", "104.83%", "12.14%", "6", "6.00"},
		{"效益指标", "经济效益指标", "工业增加值", "≥190亿元", "197.26亿元", "177.71亿元", "103.82%", "11.00%", "6", "6.00"},
		{"效益指标", "经济效益指标", "R&D经费支出", "≥11亿元", "12.5亿元", "10亿元", "113.64%", "25.00%", "5", "5.00"},
		{"效益指标", "社会效益指标", "科技特派员覆盖贫困村", "77个", "77个", "60个", "100.00%", "28.33%", "4", "4.00"},
		{"效益指标", "社会效益指标", "关停散乱污企业", "≥5家", "5家", "3家", "100.00%", "66.67%", "3", "3.00"},
		{"效益指标", "生态效益指标", "企业平均节能", "≥10%", "10%", "—", "100.00%", "—", "3", "3.00"},
		{"效益指标", "可持续影响指标", "产学研合作企业", "≥50家", "50余家", "42家", "100.00%", "19.05%", "3", "3.00"},
		{"满意度指标", "服务对象满意度指标", "企业满意度", "≥90%", "95%", "93%", "105.56%", "2.15%", "5", "5.00"},
		{"满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "94%", "92%", "104.44%", "2.17%", "5", "5.00"},
	}
	var list, highlights []Data
	for _, i := range inds {
		achieved := "达成"
		if i.score != i.max+".00" {
			achieved = "未达成"
		}
		dev := ""
		if achieved == "未达成" {
			dev = "受机构改革影响，部分资金拨付滞后"
		}
		list = append(list, Data{"一级指标": i.l1, "二级指标": i.l2, "三级指标": i.l3, "年度指标值": i.target, "实际完成值": i.actual,
			"上年完成值": i.prev, "完成率": i.rate, "同比增长": i.yoy, "分值": i.max, "得分": i.score, "偏差原因": dev,
			"完成情况描述": i.l3 + i.actual, "是否达成": achieved})
		if strings.HasPrefix(i.yoy, "1") || strings.HasPrefix(i.yoy, "2") {
			highlights = append(highlights, Data{"描述": fmt.Sprintf("%s%s，同比增长%s", i.l3, i.actual, i.yoy)})
		}
	}
	return Data{
		"报告名称": "邵东市科技和工业信息化局2019年度部门整体支出绩效评价报告", "部门整体": true,
		"评价对象": "邵东市科技和工业信息化局2019年度部门整体支出", "得分表序号": "4",
		"部门名称": "邵东市科技和工业信息化局", "主管部门": "邵东市人民政府", "年度": "2019",
		"总分": "96.69", "等级": "优",
		"年初预算数": "5312.40", "全年预算数": "6263.15", "全年执行数": "6261.27", "预算执行率": "99.97%", "预算执行得分": "10.00",
		"预期目标":   "围绕建设创新创业实验区和轻工业振兴发展先行区，服务规模工业企业，推动科技创新和企业研发投入，完成机构改革职能调整。",
		"实际完成情况": "全年新增规模工业企业133家，规模工业总产值838.60亿元，R&D经费支出12.50亿元，新增高新技术企业22家，机构改革平稳完成。",
		"评价日期":   "2020年3月20日",
		"指标总数":   "22", "达成指标数": "20", "未达成指标数": "2", "指标得分": "86.69",
		"部门基本情况": "本局是市政府工作部门，主要负责全市工业和信息化、科技创新、中小企业发展等工作。2019年机构改革后更名为科技和工业信息化局，部分职能划转至市场监管和应急管理部门。\n本局内设机构9个，下属事业单位2个；编制数48人，实际在职46人。",
		"存在的问题":  "",
		"改进措施":   "一是科学编制部门预算，细化项目支出，减少年中追加。\n二是加快资金拨付，建立按月调度机制，确保资金拨付及时率达标。\n三是严控公用经费，压减一般性支出。",
		"评价结论":   "",
		"资金单位":   "万元", "上年支出合计": "5786.75", "支出同比": "比上年增加474.52万元，增长8.20%",
		"开展情况": []Data{
			{"序号": "1", "标题": "绩效目标", "内容": "主要指标与上年相比：规模工业总产值838.6亿元，同比增长12.14%。"},
			{"序号": "2", "标题": "整体支出情况", "内容": "2019年度年初预算数5312.40万元，全年预算数6263.15万元，全年执行数6261.27万元，预算执行率99.97%；全年支出比上年增加474.52万元，增长8.20%。资金投入及执行情况见表1。"},
		},
		"资金": []Data{
			{"项目": "年度资金总额", "年初预算数": "5312.40", "全年预算数": "6263.15", "全年执行数": "6261.27", "执行率": "99.97%", "分值": "10", "得分": "10.00"},
			{"项目": "其中：当年财政拨款", "年初预算数": "5012.40", "全年预算数": "5863.15", "全年执行数": "5861.27", "执行率": "99.97%", "分值": "—", "得分": "—"},
			{"项目": "上年结转资金", "年初预算数": "300.00", "全年预算数": "400.00", "全年执行数": "400.00", "执行率": "100.00%", "分值": "—", "得分": "—"},
			{"项目": "其他资金", "年初预算数": "0.00", "全年预算数": "0.00", "全年执行数": "0.00", "执行率": "—", "分值": "—", "得分": "—"},
		},
		"绩效指标": list,
		"项目": []Data{
			{"项目名称": "制造强省专项资金", "主管部门": "邵东市科工局", "全年预算数": "800.00", "全年执行数": "800.00", "执行率": "100.00%", "总分": "97.50", "等级": "优"},
			{"项目名称": "中小企业发展专项资金", "主管部门": "邵东市科工局", "全年预算数": "360.00", "全年执行数": "352.40", "执行率": "97.89%", "总分": "92.30", "等级": "优"},
			{"项目名称": "科技研发奖补资金", "主管部门": "邵东市科工局", "全年预算数": "795.35", "全年执行数": "795.35", "执行率": "100.00%", "总分": "95.00", "等级": "优"},
			{"项目名称": "棚户区改造工作经费", "主管部门": "邵东市科工局", "全年预算数": "120.00", "全年执行数": "96.00", "执行率": "80.00%", "总分": "84.00", "等级": "良"},
		},
		"基础数据": []Data{{"项目": "三公经费", "上年决算数": "35.20", "本年预算数": "32.00", "本年决算数": "30.10", "同比增长": "-14.49%"}},
		"问题": []Data{
			{"位置": "部门整体支出绩效自评表!H18", "说明": "资金拨付及时率未达到年度指标值，未填写偏差原因分析"},
			{"位置": "部门整体支出绩效自评表!G21", "说明": "公用经费超出控制数4.50万元"},
		},
		"亮点":    highlights,
		"预算执行图": Image{PNG: pngBudget, WidthCM: 14},
		"指标完成图": Image{PNG: pngIndicators, WidthCM: 14},
	}
}

func parseDefault(t testing.TB) *Template {
	t.Helper()
	tp, err := Parse(templates.DefaultReport, StandardSchema())
	if err != nil {
		t.Fatal(err)
	}
	return tp
}

func TestDefaultTemplate(t *testing.T) {
	if ps := Check(templates.DefaultReport, StandardSchema()); ps != nil {
		t.Fatalf("default template has problems: %v", ps)
	}
	tp := parseDefault(t)
	var out bytes.Buffer
	if err := tp.Fill(realisticData(), &out); err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, out.Bytes())
	ps := parts(t, out.Bytes())
	doc := text(ps["word/document.xml"])
	for _, want := range []string{
		"邵东市科技和工业信息化局2019年度部门整体支出绩效评价报告",
		"2.整体支出情况。2019年度年初预算数5312.40万元，全年预算数6263.15万元，全年执行数6261.27万元，预算执行率99.97%",
		"全年支出比上年增加474.52万元，增长8.20%。",
		"1.绩效目标。主要指标与上年相比：规模工业总产值838.6亿元，同比增长12.14%。",
		"经评价，邵东市科技和工业信息化局2019年度部门整体支出绩效自评得分为96.69分，评价等级为“优”",
		"一是科学编制部门预算，细化项目支出，减少年中追加。\n\u3000\u3000二是",
		"下属事业单位2个",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("missing %q", want)
		}
	}
	// the checker's findings (with their cells) are not for the report
	for _, gone := range []string{"{{", "}}", "自评表未填写", "本年度未单独填报", "!G21", "公用经费超出控制数"} {
		if strings.Contains(doc, gone) {
			t.Errorf("should not contain %q", gone)
		}
	}
	if n := strings.Count(doc, "[图]"); n != 2 {
		t.Errorf("%d pictures", n)
	}
	if h := text(ps["word/header1.xml"]); h != "邵东市科技和工业信息化局2019年度部门整体支出绩效评价报告¶" {
		t.Errorf("header %q", h)
	}
	golden(t, "default_filled_document.xml", ps["word/document.xml"])

	// an almost empty workbook still gives a report with its fallbacks
	out.Reset()
	if err := tp.Fill(Data{"部门名称": "某局", "年度": "2020"}, &out); err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, out.Bytes())
	doc = text(parts(t, out.Bytes())["word/document.xml"])
	for _, want := range []string{"自评表未填写绩效指标"} {
		if !strings.Contains(doc, want) {
			t.Errorf("empty data: missing %q", want)
		}
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./pipeline/word -run %s -update to accept)", name, t.Name())
	}
}

// TestRenderDefault converts the filled default template to PDF with
// LibreOffice; with JIXIAO_RENDER_DIR set it keeps the files and page images
// there for a human to look at.
func TestRenderDefault(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := os.Getenv("JIXIAO_RENDER_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	var out bytes.Buffer
	if err := parseDefault(t).Fill(realisticData(), &out); err != nil {
		t.Fatal(err)
	}
	pdf := toPDF(t, out.Bytes(), dir, "default")
	if os.Getenv("JIXIAO_RENDER_DIR") != "" {
		if tool, err := exec.LookPath("pdftoppm"); err == nil {
			exec.Command(tool, "-png", "-r", "70", pdf, filepath.Join(dir, "page")).Run()
		}
	}
}

func BenchmarkFillDefault(b *testing.B) {
	tp := parseDefault(b)
	d := realisticData()
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := tp.Fill(d, &out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len()), "docx-bytes")
}
