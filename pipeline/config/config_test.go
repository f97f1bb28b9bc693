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
