package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/num"
	"github.com/robfig/cron/v3"
	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"
)

// FileName is the configuration's name in a workspace.
const FileName = "jixiao.yaml"

// Config is the whole jixiao.yaml.
type Config struct {
	// Workspace is the workspace folder; relative paths are relative to the
	// configuration file's folder. Default: that folder.
	Workspace string `yaml:"workspace"`
	// Template is the Word template; "" uses the built-in one. Relative to
	// the workspace.
	Template string `yaml:"template"`
	// ReportDate is the date the reports carry (评价日期), e.g. "2020-03-20"
	// or "2020年3月20日"; "" takes each form's 填报日期, else the run date.
	ReportDate string `yaml:"report_date"`
	// Workers is how many workbooks are processed at once; 0 = all cores.
	Workers int `yaml:"workers"`
	// MaxTries is how many times one workbook is taken up (a run killed or
	// crashed while on it, or its report could not be written) before it
	// is moved to failed/ with its .error.txt. Default 3.
	MaxTries int `yaml:"max_tries"`
	// WorkbookTimeout is how long reading, computing and rendering one
	// workbook may take before it is given up and moved to failed/.
	// Default 2m; negative = no limit.
	WorkbookTimeout time.Duration `yaml:"workbook_timeout"`
	// Settle is how long a file's size and modification time must stay the
	// same before it is taken (it may still be being copied).
	Settle time.Duration `yaml:"settle"`
	// Schedule is the cron expression of `jixiao watch`'s full passes.
	Schedule string `yaml:"schedule"`
	// TimeZone of the schedule (IANA name). Default Asia/Shanghai.
	TimeZone string `yaml:"timezone"`
	// Rescan is how often `jixiao watch` rescans the inbox even without
	// file-system events (network shares send none).
	Rescan time.Duration `yaml:"rescan"`
	// Database is the ledger (SQLite) file; default jixiao.db in the
	// workspace. SQLite must not live on a network share used from several
	// machines: with the workspace on a file server, point this to a local
	// disk of the one machine that runs jixiao.
	Database string  `yaml:"database"`
	Scoring  Scoring `yaml:"scoring"`
	Mail     Mail    `yaml:"mail"`

	// Path is the file this was read from ("" when built in code).
	Path string `yaml:"-"`
}

// Scoring is the locality's weights; absent keys keep the national defaults.
// The keys at its top change the national profile; Profiles changes the
// built-in provincial ones (or adds one); Profile fixes the profile for
// every workbook instead of choosing it by the form's layout.
type Scoring struct {
	Profile        string `yaml:"profile"`
	ScoringProfile `yaml:",inline"`
	Profiles       map[string]ScoringProfile `yaml:"profiles"`
}

// ScoringProfile is one set of weights and bands; absent keys keep the
// profile's built-in values.
type ScoringProfile struct {
	FundWeight    *Dec           `yaml:"fund_weight"`
	Level1Weights map[string]Dec `yaml:"level1_weights"`
	Grades        []Grade        `yaml:"grades"`
	PartialShare  *Dec           `yaml:"partial_share"`
	FailedShare   *Dec           `yaml:"failed_share"`
	PartialMax    *Dec           `yaml:"partial_max"`
	FailedMax     *Dec           `yaml:"failed_max"`
	TotalMargin   *Dec           `yaml:"total_margin"`
}

// Grade is one band: a total at or above Min gets Name.
type Grade struct {
	Name string `yaml:"name"`
	Min  Dec    `yaml:"min"`
}

// Mail says who gets the reports and how they are sent.
type Mail struct {
	// To are the recipients of every report.
	To Addresses `yaml:"to"`
	// Departments adds recipients per department (部门名称 as on the form).
	Departments map[string]Addresses `yaml:"departments"`
	// ReturnTo gets the checked copy (核查版) of every workbook with a
	// finding, for the clerks to fix; ReturnDepartments names, per
	// department, the clerk's own address instead.
	ReturnTo          Addresses            `yaml:"return_to"`
	ReturnDepartments map[string]Addresses `yaml:"return_departments"`
	// AttachPDF attaches the PDF summary too.
	AttachPDF bool `yaml:"attach_pdf"`
	// MaxAttempts is how many times a temporary failure is retried before
	// it is given up (reported as failed). Default 12.
	MaxAttempts int `yaml:"max_attempts"`
	// RetryAfter is the first wait after a temporary failure; it doubles on
	// every attempt up to 6 hours. Default 5m.
	RetryAfter time.Duration `yaml:"retry_after"`
	SMTP       SMTP          `yaml:"smtp"`
}

// SMTP is the outgoing mail server. With no Host, messages are written as
// .eml files into outbox/.
type SMTP struct {
	Host string `yaml:"host"`
	Port int    `yaml:"port"`
	// Security: "tls" (implicit TLS, port 465), "starttls" (port 587/25) or
	// "none" (only for a relay on the same machine).
	Security string `yaml:"security"`
	// Auth: "plain" or "login"; "" = none.
	Auth     string `yaml:"auth"`
	Username string `yaml:"username"`
	// PasswordEnv names the environment variable holding the password;
	// PasswordFile a file holding it (first line). Never written in here.
	PasswordEnv  string `yaml:"password_env"`
	PasswordFile string `yaml:"password_file"`
	// From is the sender, e.g. "绩效评价 <jx@example.gov.cn>".
	From string `yaml:"from"`
	// CAFile is a PEM file of extra certificate authorities to trust (an
	// internal mail server with its own CA).
	CAFile  string        `yaml:"ca_file"`
	Timeout time.Duration `yaml:"timeout"`
}

// Addresses are mail recipients, written as a list or, for one, as a
// single value.
type Addresses []string

// UnmarshalYAML takes "to: a@b.cn" as well as "to: [a@b.cn, c@d.cn]".
func (a *Addresses) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		if n.Value != "" {
			*a = Addresses{n.Value}
		}
		return nil
	}
	var l []string
	if err := n.Decode(&l); err != nil {
		return err
	}
	*a = l
	return nil
}

// Dec is a decimal written as a YAML number or string.
type Dec struct{ decimal.Decimal }

// UnmarshalYAML reads the scalar exactly (no float on the way).
func (d *Dec) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("第%d行：应为一个数字", n.Line)
	}
	v, err := decimal.NewFromString(strings.TrimSpace(n.Value))
	if err != nil {
		return fmt.Errorf("第%d行：%q 不是数字", n.Line, n.Value)
	}
	d.Decimal = v
	return nil
}

// Default is the configuration of a workspace at dir with no file.
func Default(dir string) *Config {
	c := &Config{Workspace: dir}
	c.fill()
	return c
}

func (c *Config) fill() {
	if c.Settle == 0 {
		c.Settle = 3 * time.Second
	}
	if c.MaxTries == 0 {
		c.MaxTries = 3
	}
	if c.WorkbookTimeout == 0 {
		c.WorkbookTimeout = 2 * time.Minute
	}
	if c.TimeZone == "" {
		c.TimeZone = "Asia/Shanghai"
	}
	if c.Rescan == 0 {
		c.Rescan = time.Minute
	}
	if c.Mail.MaxAttempts == 0 {
		c.Mail.MaxAttempts = 12
	}
	if c.Mail.RetryAfter == 0 {
		c.Mail.RetryAfter = 5 * time.Minute
	}
	if c.Mail.SMTP.Timeout == 0 {
		c.Mail.SMTP.Timeout = 30 * time.Second
	}
	s := &c.Mail.SMTP
	s.Security = strings.ToLower(strings.TrimSpace(s.Security))
	s.Auth = strings.ToLower(strings.TrimSpace(s.Auth))
	if s.Security == "" {
		s.Security = "starttls"
		if s.Port == 465 {
			s.Security = "tls"
		}
	}
	if s.Port == 0 {
		switch s.Security {
		case "tls":
			s.Port = 465
		case "none":
			s.Port = 25
		default:
			s.Port = 587
		}
	}
}

// Load reads and checks a configuration file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取配置文件 %s: %w", path, err)
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("配置文件 %s 有误：%w", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	c.Path = abs
	base := filepath.Dir(abs)
	if c.Workspace == "" {
		c.Workspace = base
	} else if !filepath.IsAbs(c.Workspace) {
		c.Workspace = filepath.Join(base, c.Workspace)
	}
	if f := c.Mail.SMTP.PasswordFile; f != "" && !filepath.IsAbs(f) {
		c.Mail.SMTP.PasswordFile = filepath.Join(c.Workspace, f)
	}
	if f := c.Mail.SMTP.CAFile; f != "" && !filepath.IsAbs(f) {
		c.Mail.SMTP.CAFile = filepath.Join(c.Workspace, f)
	}
	return c, nil
}

// Parse reads a configuration from YAML. Workspace is left as written.
func Parse(data []byte) (*Config, error) {
	c := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(data, err)
	}
	c.fill()
	if err := c.Check(); err != nil {
		return nil, err
	}
	return c, nil
}

// Check reports settings that cannot work.
func (c *Config) Check() error {
	var errs []string
	if c.Workers < 0 {
		errs = append(errs, "workers 不能为负数")
	}
	if c.MaxTries < 0 {
		errs = append(errs, "max_tries 不能为负数")
	}
	if _, err := c.Date(); err != nil {
		errs = append(errs, err.Error())
	}
	if c.Schedule != "" {
		if _, err := cron.ParseStandard(c.Schedule); err != nil {
			errs = append(errs, fmt.Sprintf("schedule %q 不是有效的 cron 表达式（分 时 日 月 星期，例如 \"0 8,12,17 * * *\"）：%v", c.Schedule, err))
		}
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		errs = append(errs, fmt.Sprintf("timezone %q 不是有效的时区名（例如 Asia/Shanghai）", c.TimeZone))
	}
	s := c.Mail.SMTP
	switch s.Security {
	case "tls", "starttls", "none":
	default:
		errs = append(errs, fmt.Sprintf("mail.smtp.security 应为 tls、starttls 或 none，而不是 %q", s.Security))
	}
	switch s.Auth {
	case "", "plain", "login":
	default:
		errs = append(errs, fmt.Sprintf("mail.smtp.auth 应为 plain 或 login，而不是 %q", s.Auth))
	}
	if s.Host != "" && s.From == "" {
		errs = append(errs, "已配置 mail.smtp.host，但没有填写发件人 mail.smtp.from")
	}
	if s.Host != "" && s.Auth != "" && s.Username == "" {
		errs = append(errs, "mail.smtp.auth 需要 mail.smtp.username")
	}
	for _, d := range []struct {
		key string
		v   time.Duration
	}{{"settle", c.Settle}, {"rescan", c.Rescan}, {"mail.retry_after", c.Mail.RetryAfter}, {"mail.smtp.timeout", c.Mail.SMTP.Timeout}} {
		if d.v < 0 {
			errs = append(errs, fmt.Sprintf("%s 不能为负数（应如 3s、5m、1h）", d.key))
		}
	}
	addr := func(key, a string) {
		if _, err := mail.ParseAddress(a); err != nil {
			errs = append(errs, fmt.Sprintf("%s 中的“%s”不是有效的邮件地址（应如 jxk@czj.example.gov.cn 或 \"绩效科 <jxk@czj.example.gov.cn>\"）", key, a))
		}
	}
	for _, a := range c.Mail.To {
		addr("mail.to", a)
	}
	for _, a := range c.Mail.ReturnTo {
		addr("mail.return_to", a)
	}
	for dept, as := range c.Mail.ReturnDepartments {
		for _, a := range as {
			addr("mail.return_departments."+dept, a)
		}
	}
	for dept, as := range c.Mail.Departments {
		for _, a := range as {
			addr("mail.departments."+dept, a)
		}
	}
	if c.Mail.SMTP.From != "" {
		addr("mail.smtp.from", c.Mail.SMTP.From)
	}
	for _, g := range c.Scoring.Grades {
		if g.Name == "" {
			errs = append(errs, "scoring.grades 中每一档都要有 name")
		}
	}
	if p := c.Scoring.Profile; p != "" && p != "auto" && !slices.Contains(compute.ProfileNames(), p) {
		if _, ok := c.Scoring.Profiles[p]; !ok {
			errs = append(errs, fmt.Sprintf("scoring.profile %q 不是已知的评分规则（可用 auto、%s，或在 scoring.profiles 下自定义）", p, strings.Join(compute.ProfileNames(), "、")))
		}
	}
	for name, sp := range c.Scoring.Profiles {
		for _, g := range sp.Grades {
			if g.Name == "" {
				errs = append(errs, fmt.Sprintf("scoring.profiles.%s.grades 中每一档都要有 name", name))
			}
		}
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "；"))
	}
	return nil
}

// Compute maps the scoring section onto compute.Config, starting from the
// built-in profiles (national defaults and the provincial ones).
func (c *Config) Compute() compute.Config {
	cc := compute.Defaults()
	profiles := make(map[string]compute.Config, len(cc.Profiles))
	for k, v := range cc.Profiles {
		profiles[k] = v
	}
	profiles["national"] = c.Scoring.ScoringProfile.apply(profiles["national"])
	for name, sp := range c.Scoring.Profiles {
		base, ok := profiles[name]
		if !ok {
			base = profiles["national"]
			base.Name = name
		}
		profiles[name] = sp.apply(base)
	}
	out := profiles["national"]
	out.Profiles = profiles
	if p := c.Scoring.Profile; p != "" && p != "auto" {
		out.Fixed = p
	}
	return out
}

// apply sets the keys written in s onto cc.
func (s ScoringProfile) apply(cc compute.Config) compute.Config {
	if s.FundWeight != nil {
		cc.FundWeight = s.FundWeight.Decimal
	}
	if len(s.Level1Weights) > 0 {
		cc.Level1Weights = make(map[string]decimal.Decimal, len(s.Level1Weights))
		for k, v := range s.Level1Weights {
			cc.Level1Weights[k] = v.Decimal
		}
	}
	if len(s.Grades) > 0 {
		gs := append([]Grade(nil), s.Grades...)
		sort.SliceStable(gs, func(i, j int) bool { return gs[i].Min.GreaterThan(gs[j].Min.Decimal) })
		cc.Grades = nil
		for _, g := range gs {
			cc.Grades = append(cc.Grades, compute.Band{Name: g.Name, Min: g.Min.Decimal})
		}
	}
	for _, kv := range []struct {
		from *Dec
		to   *decimal.Decimal
	}{{s.PartialShare, &cc.PartialShare}, {s.FailedShare, &cc.FailedShare}, {s.PartialMax, &cc.PartialMax}, {s.FailedMax, &cc.FailedMax}, {s.TotalMargin, &cc.TotalMargin}} {
		if kv.from != nil {
			*kv.to = kv.from.Decimal
		}
	}
	return cc
}

// WorkerCount is the number of parallel workers to use.
func (c *Config) WorkerCount() int {
	if c.Workers > 0 {
		return c.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// Dir returns a workspace sub-folder.
func (c *Config) Dir(name string) string { return filepath.Join(c.Workspace, name) }

// TemplatePath is the template's absolute path, or "" for the built-in one.
func (c *Config) TemplatePath() string {
	if c.Template == "" {
		return ""
	}
	if filepath.IsAbs(c.Template) {
		return c.Template
	}
	return filepath.Join(c.Workspace, c.Template)
}

// DatabasePath is the ledger's absolute path.
func (c *Config) DatabasePath() string {
	switch {
	case c.Database == "":
		return filepath.Join(c.Workspace, "jixiao.db")
	case filepath.IsAbs(c.Database):
		return c.Database
	}
	return filepath.Join(c.Workspace, c.Database)
}

// Location is the time zone of the schedule and of every time jixiao
// shows (status, 汇总表, .error.txt).
func (c *Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return time.Local
	}
	return loc
}

// Recipients are the addresses a department's report goes to: the default
// list and the department's own, without duplicates (case-insensitive).
// ReturnRecipients are the addresses a department's checked copy goes
// back to: the department's own return address, else the default one.
func (m *Mail) ReturnRecipients(department string) []string {
	if l := m.ReturnDepartments[department]; department != "" && len(l) > 0 {
		return dedup(l)
	}
	return dedup(m.ReturnTo)
}

func dedup(l []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range l {
		a = strings.TrimSpace(a)
		k := strings.ToLower(a)
		if a == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

func (m *Mail) Recipients(department string) []string {
	return dedup(append(append([]string(nil), m.To...), m.Departments[department]...))
}

// Password returns the SMTP password from the environment variable or the
// file named in the configuration ("" when neither is set).
func (s *SMTP) Password() (string, error) {
	if s.PasswordEnv != "" {
		if v, ok := os.LookupEnv(s.PasswordEnv); ok {
			return v, nil
		}
		if s.PasswordFile == "" {
			return "", fmt.Errorf("环境变量 %s（邮箱密码）未设置", s.PasswordEnv)
		}
	}
	if s.PasswordFile != "" {
		b, err := os.ReadFile(s.PasswordFile)
		if err != nil {
			return "", fmt.Errorf("无法读取邮箱密码文件 %s: %w", s.PasswordFile, err)
		}
		line, _, _ := strings.Cut(string(b), "\n")
		return strings.TrimRight(line, "\r"), nil
	}
	return "", nil
}

// Date is ReportDate as a day; zero when not set.
func (c *Config) Date() (time.Time, error) {
	if strings.TrimSpace(c.ReportDate) == "" {
		return time.Time{}, nil
	}
	d, ok := num.ParseDay(c.ReportDate, 0)
	if !ok || int(d)/10000 < 1900 || !strings.ContainsAny(num.Normalize(c.ReportDate), "年-/.") {
		return time.Time{}, fmt.Errorf("report_date %q 不是有效的日期（例如 \"2020-03-20\" 或 \"2020年3月20日\"）", c.ReportDate)
	}
	return time.Date(int(d)/10000, time.Month(int(d)/100%100), int(d)%100, 0, 0, 0, 0, time.UTC), nil
}
