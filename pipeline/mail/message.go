package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/jixiao/jixiao/pipeline/num"
)

// Report is what a message says about one processed workbook.
type Report struct {
	// Title is the report's name, e.g. "邵东市科技和工业信息化局2019年度部门整体支出绩效评价报告".
	Title    string
	Score    num.Opt
	Grade    string
	Rate     num.Opt
	Source   string   // the workbook's file name
	Findings []string // warnings worth a look
	// Attachments are the files to attach, with the names to show.
	Attachments []Attachment
	// Hash is the workbook content's hash (for the Message-ID).
	Hash string
	// Checked marks the checked copy (核查版) going back to the clerk:
	// Errors and Warnings are its findings, Made whether a report was made.
	Checked          bool
	Errors, Warnings int
	Made             bool
}

// Attachment is a file and the name it is shown under.
type Attachment struct {
	Path string
	Name string
}

// Subject is "TITLE（93.50分，优）".
func Subject(r Report) string {
	if r.Checked {
		return fmt.Sprintf("请修改：%s的核查意见（%d处错误、%d处警告）", r.Source, r.Errors, r.Warnings)
	}
	if !r.Score.Valid {
		return r.Title
	}
	s := r.Title + "（" + num.Score(r.Score) + "分"
	if r.Grade != "" {
		s += "，" + r.Grade
	}
	return s + "）"
}

// Body is the plain-text body.
func Body(r Report) string {
	var b strings.Builder
	if r.Checked {
		b.WriteString("您好：\n\n")
		fmt.Fprintf(&b, "贵单位报送的《%s》经检查，发现 %d 处错误、%d 处警告。", r.Source, r.Errors, r.Warnings)
		if r.Made {
			b.WriteString("评价报告已经生成；警告请核对，如有误请修改后重新报送。\n\n")
		} else {
			b.WriteString("因有错误，未能生成评价报告，请修改后重新报送。\n\n")
		}
		b.WriteString("附件是标注了问题的核查版：有问题的单元格已标为红色并附批注，第一个工作表“核查意见”逐条列出问题和修改方法，点击单元格地址可直接跳到该处。")
		b.WriteString("请在附件中逐项修改（不要改动其他内容），另存为 .xlsx 后重新报送。\n\n")
		b.WriteString("本邮件由 jixiao 绩效评价系统自动发送。\n")
		return b.String()
	}
	b.WriteString("您好：\n\n")
	fmt.Fprintf(&b, "《%s》已生成，详见附件。\n\n", r.Title)
	fmt.Fprintf(&b, "  总　　分：%s 分\n", num.Score(r.Score))
	grade := r.Grade
	if grade == "" {
		grade = num.Dash
	}
	fmt.Fprintf(&b, "  等　　级：%s\n", grade)
	fmt.Fprintf(&b, "  预算执行率：%s\n", num.Percent(r.Rate))
	if r.Source != "" {
		fmt.Fprintf(&b, "  自评表文件：%s\n", r.Source)
	}
	b.WriteString("\n")
	if len(r.Findings) == 0 {
		b.WriteString("自评表检查未发现问题。\n")
	} else {
		fmt.Fprintf(&b, "自评表检查发现以下 %d 个问题，请核实：\n", len(r.Findings))
		for i, f := range r.Findings {
			fmt.Fprintf(&b, "  %d. %s\n", i+1, f)
		}
	}
	b.WriteString("\n本邮件由 jixiao 绩效评价系统自动发送。\n")
	return b.String()
}

// MessageID is a stable id for one report to one recipient: the same
// report to the same recipient always carries the same Message-ID, so a
// resend the administrator asks for after an uncertain delivery is
// recognisable as the same message (many servers and clients drop the
// second copy).
func MessageID(hash, recipient, from string) string {
	h := sha256.Sum256([]byte(hash + "\x00" + strings.ToLower(recipient)))
	domain := "jixiao.local"
	if a, err := mail.ParseAddress(from); err == nil {
		if _, d, ok := strings.Cut(a.Address, "@"); ok && d != "" {
			domain = d
		}
	}
	return "jixiao." + hex.EncodeToString(h[:12]) + "@" + domain
}

// Build makes the message of a report to the recipients.
func Build(r Report, from string, to []string, messageID string, date time.Time) (*gomail.Msg, error) {
	m := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if from == "" {
		from = "jixiao <jixiao@localhost>"
	}
	fa, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("发件人地址 %q 无效: %w", from, err)
	}
	if err := m.FromFormat(fa.Name, fa.Address); err != nil {
		return nil, fmt.Errorf("发件人地址 %q 无效: %w", from, err)
	}
	if err := m.To(to...); err != nil {
		return nil, fmt.Errorf("收件人地址 %v 无效: %w", to, err)
	}
	m.Subject(Subject(r))
	m.SetMessageIDWithValue(messageID)
	m.SetDateWithValue(date)
	m.SetUserAgent("jixiao")
	m.SetBodyString(gomail.TypeTextPlain, Body(r))
	for _, a := range r.Attachments {
		data, err := os.ReadFile(a.Path)
		if err != nil {
			return nil, fmt.Errorf("附件 %s 不存在或无法读取: %w", a.Path, err)
		}
		if err := m.AttachReader(a.Name, bytes.NewReader(data), withNames(a.Name)); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// withNames sets the attachment's Content-Type name and Content-Disposition
// filename both ways: RFC 2231 (filename*=UTF-8”…, read by current
// clients) and an RFC 2047 encoded word (read by Outlook and older clients
// that ignore the first).
func withNames(name string) gomail.FileOption {
	return func(f *gomail.File) {
		ct := mime.TypeByExtension(filepath.Ext(name))
		switch strings.ToLower(filepath.Ext(name)) {
		case ".docx":
			ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		case ".pdf":
			ct = "application/pdf"
		}
		if ct == "" {
			ct = "application/octet-stream"
		}
		enc := mime.BEncoding.Encode("UTF-8", name)
		star := "UTF-8''" + pctEncode(name)
		f.Header.Set("Content-Type", fmt.Sprintf(`%s; name="%s"`, ct, enc))
		f.Header.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=%s`, enc, star))
	}
}

// pctEncode is RFC 2231/5987 value encoding: attr-chars stay, the rest is %XX.
func pctEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte("!#$&+-.^_`|~", c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
