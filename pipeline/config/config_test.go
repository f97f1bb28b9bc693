package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jixiao/jixiao/pipeline/compute"
)

func TestSampleParsesToDefaults(t *testing.T) {
	c, err := Parse([]byte(Sample))
	if err != nil {
		t.Fatal(err)
	}
	got, want := c.Compute(), compute.Defaults()
	if !got.FundWeight.Equal(want.FundWeight) || len(got.Grades) != len(want.Grades) {
		t.Fatalf("sample scoring differs from defaults: %+v", got)
	}
	for i := range want.Grades {
		if got.Grades[i].Name != want.Grades[i].Name || !got.Grades[i].Min.Equal(want.Grades[i].Min) {
			t.Errorf("grade %d: %+v, want %+v", i, got.Grades[i], want.Grades[i])
		}
	}
	for k, v := range want.Level1Weights {
		if !got.Level1Weights[k].Equal(v) {
			t.Errorf("weight %s: %v", k, got.Level1Weights[k])
		}
	}
	if c.Settle != 3*time.Second || c.Mail.SMTP.Port != 465 || c.Mail.SMTP.Security != "tls" {
		t.Errorf("settle/port/security: %v %d %s", c.Settle, c.Mail.SMTP.Port, c.Mail.SMTP.Security)
	}
	if c.Template != TemplateFile {
		t.Errorf("template %q", c.Template)
	}
}

func TestUnknownKeyIsAnError(t *testing.T) {
	_, err := Parse([]byte("workers: 2\nmial:\n  to: [a@b.c]\n"))
	if err == nil || !strings.Contains(err.Error(), "mial") {
		t.Fatalf("want an error naming the typo, got %v", err)
	}
}

func TestEmptyFileIsDefaults(t *testing.T) {
	c, err := Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.TimeZone != "Asia/Shanghai" || c.Mail.SMTP.Port != 587 {
		t.Fatalf("%+v", c)
	}
}

func TestChecks(t *testing.T) {
	for _, y := range []string{
		"mail:\n  smtp:\n    security: ssl\n",
		"mail:\n  smtp:\n    host: x\n",
		"timezone: Mars/Olympus\n",
		"schedule: \"every day\"\n",
		"scoring:\n  fund_weight: ten\n",
		"scoring:\n  profile: guangdong\n",
		"scoring:\n  profiles:\n    hubei:\n      fund_wieght: 20\n",
	} {
		if _, err := Parse([]byte(y)); err == nil {
			t.Errorf("%q: no error", y)
		}
	}
}

func TestLoadResolvesPathsAndRecipients(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	y := "mail:\n  to: [a@x.cn, B@x.cn]\n  departments:\n    甲局: [b@x.cn, c@x.cn]\n  smtp:\n    password_file: pw.txt\n"
	if err := os.WriteFile(p, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "pw.txt"), []byte("s3cret\r\n"), 0o600)
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if c.Workspace != dir {
		t.Errorf("workspace %q", c.Workspace)
	}
	if c.DatabasePath() != filepath.Join(dir, "jixiao.db") {
		t.Errorf("database %s", c.DatabasePath())
	}
	if got := strings.Join(c.Mail.Recipients("甲局"), ","); got != "a@x.cn,B@x.cn,c@x.cn" {
		t.Errorf("recipients %q", got)
	}
	pw, err := c.Mail.SMTP.Password()
	if err != nil || pw != "s3cret" {
		t.Errorf("password %q %v", pw, err)
	}
}

// The provincial profiles come built in; scoring.profiles changes one of
// them without touching the others, and scoring.profile fixes one for every
// form.
func TestProfiles(t *testing.T) {
	c, err := Parse([]byte("scoring:\n  fund_weight: 15\n  profiles:\n    hubei:\n      failed_max: 0.4\n    本市:\n      fund_weight: 12\n"))
	if err != nil {
		t.Fatal(err)
	}
	cc := c.Compute()
	for _, tc := range []struct {
		profile, fund, failedMax string
		declared                 bool
	}{
		{"", "15", "0.6", false},
		{"national", "15", "0.6", false},
		{"hubei", "20", "0.4", true},
		{"sichuan", "10", "0.6", false},
		{"本市", "12", "0.6", false},
		{"unknown", "15", "0.6", false},
	} {
		p := cc.Profile(tc.profile)
		if p.FundWeight.String() != tc.fund || p.FailedMax.String() != tc.failedMax || p.DeclaredScores != tc.declared {
			t.Errorf("%q: fund %s failed_max %s declared %v", tc.profile, p.FundWeight, p.FailedMax, p.DeclaredScores)
		}
	}
	c, err = Parse([]byte("scoring:\n  profile: hubei\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p := c.Compute().Profile("national"); p.Name != "hubei" {
		t.Errorf("fixed profile: got %q", p.Name)
	}
}

// TestChineseErrors: every way a jixiao.yaml goes wrong gets its message in
// Chinese with the line and the key, exactly as pinned here.
func TestChineseErrors(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{"setle: 3s\n", "第1行：“setle”不是可用的配置项，请检查拼写"},
		{"scoring:\n  profiles:\n    hubei:\n      fund_wieght: 20\n", "第4行：“fund_wieght”不是可用的配置项（在 scoring.profiles.hubei 下），请检查拼写"},
		{"workers: many\n", "第1行：workers 应为整数，而不是“many”"},
		{"mail:\n  smtp:\n    port: abc\n", "第3行：mail.smtp.port 应为整数，而不是“abc”"},
		{"rescan: 5x\n", "第1行：rescan 应为时长（如 3s、5m、1h），而不是“5x”"},
		{"mail:\n  attach_pdf: [1]\n", "第2行：mail.attach_pdf 应为是或否（true 或 false），而不是列表"},
		{"mail:\n  to: a@b.cn\n smtp: x\n", "第2行格式有误：缩进不一致或缺少冒号。请检查这一行及上一行的缩进（只用空格）和冒号"},
		{"mail:\n\tto: []\n", "第2行格式有误：有不能出现在这里的字符（如制表符，请改用空格缩进）。请检查这一行及上一行的缩进（只用空格）和冒号"},
		{"mail:\n  to: not-an-address\n", "mail.to 中的“not-an-address”不是有效的邮件地址（应如 jxk@czj.example.gov.cn 或 \"绩效科 <jxk@czj.example.gov.cn>\"）"},
		{"mail:\n  departments:\n    某局: [x@]\n", "mail.departments.某局 中的“x@”不是有效的邮件地址（应如 jxk@czj.example.gov.cn 或 \"绩效科 <jxk@czj.example.gov.cn>\"）"},
		{"mail:\n  retry_after: -5m\n", "mail.retry_after 不能为负数（应如 3s、5m、1h）"},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.yaml))
		if err == nil || err.Error() != c.want {
			t.Errorf("%q:\n got: %v\nwant: %s", c.yaml, err, c.want)
		}
	}
	// One recipient may be written without a list.
	c, err := Parse([]byte("mail:\n  to: jxk@czj.example.gov.cn\n"))
	if err != nil || len(c.Mail.To) != 1 {
		t.Errorf("single recipient: %v %v", c, err)
	}
}

func TestReportDate(t *testing.T) {
	for in, want := range map[string]string{"": "", "2020-03-20": "2020-03-20", "2020年3月20日": "2020-03-20"} {
		c, err := Parse([]byte("report_date: \"" + in + "\"\n"))
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		d, _ := c.Date()
		got := ""
		if !d.IsZero() {
			got = d.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("%q: %s, want %s", in, got, want)
		}
	}
	for _, bad := range []string{"明天", "3月20日", "2020-13-01"} {
		if _, err := Parse([]byte("report_date: \"" + bad + "\"\n")); err == nil || !strings.Contains(err.Error(), "report_date") {
			t.Errorf("%q accepted (%v)", bad, err)
		}
	}
}
