package word

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a template.
type Problem struct {
	Part    string // the part inside the .docx: word/document.xml, word/header1.xml …
	Where   string // "第3段", "表格1 第2行第1列", "第5段（文本框）"
	Excerpt string // the text around the tag
	Message string // in Chinese
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Part != "" {
		b.WriteString(p.Part)
		b.WriteString(" ")
	}
	if p.Where != "" {
		b.WriteString(p.Where)
	}
	if b.Len() > 0 {
		b.WriteString("：")
	}
	b.WriteString(p.Message)
	if p.Excerpt != "" {
		fmt.Fprintf(&b, "（“%s”）", p.Excerpt)
	}
	return b.String()
}

// TemplateError is returned by Parse when a template has problems; it lists
// every one of them.
type TemplateError struct {
	Problems []Problem
}

func (e *TemplateError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "模板有 %d 处问题", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n")
		b.WriteString(p.String())
	}
	return b.String()
}

// The messages, one place so tests and documentation agree.
const (
	msgUnknownName    = "未知的标签名“%s”"
	msgUnknownImage   = "未知的图片名“%s”"
	msgListAsValue    = "“%s”是列表，只能用作循环 {{#%s}}…{{/%s}}"
	msgImageAsValue   = "“%s”是图片，请写作 {{%%%s}}"
	msgNotImage       = "“%s”不是图片，不能写作 {{%%%s}}"
	msgUnclosedLoop   = "循环“%s”没有结束标签 {{/%s}}"
	msgUnopenedClose  = "结束标签 {{/%s}} 没有对应的开始标签"
	msgCrossedLoops   = "循环“%s”与“%s”交叉：{{/%s}} 出现在 {{/%s}} 之前"
	msgCrossedRanges  = "循环“%s”与“%s”要重复的范围交叉（一个按表格行、一个按段落），无法展开"
	msgTableToTable   = "循环“%s”在一个表格中开始，却在另一个表格中结束"
	msgTableInOut     = "循环“%s”的开始和结束标签一个在表格内、一个在表格外"
	msgTextBoxInOut   = "循环“%s”的开始和结束标签一个在文本框内、一个在文本框外"
	msgInlineLevels   = "循环“%s”的开始和结束标签处在段落中的不同层级（如一个在超链接或内容控件里），请放在同一层级"
	msgImageNotAlone  = "图片标签 {{%%%s}} 必须单独占一个段落"
	msgFullWidth      = "标签使用了全角括号，请改用半角的 {{ }}"
	msgUnclosedBraces = "标签“%s”缺少结束括号 }}"
	msgStrayClose     = "多余的结束括号 }}，前面缺少 {{"
	msgEmptyName      = "标签名为空"
	msgBadDocx        = "不是有效的 .docx 文件：%s"
	msgMalformedXML   = "XML 结构错误：%s"
)

// What filling changes in a template's package (Notes), one place too.
const (
	noteDotx      = "这是 Word 模板（.dotx）：报告照常保存为普通 Word 文档（.docx）"
	noteDotm      = "这是启用宏的 Word 模板（.dotm）：报告保存为普通 Word 文档（.docx）"
	noteDocm      = "这是启用宏的 Word 文档（.docm）：报告保存为普通 Word 文档（.docx）"
	noteOtherType = "主文档的内容类型是“%s”：报告保存为普通 Word 文档（.docx）"
	noteMacros    = "模板里的宏（VBA 项目）不带入报告"
	noteAttached  = "去掉了指向附加模板的链接%s，报告不依赖制作模板的电脑上的文件"
)
