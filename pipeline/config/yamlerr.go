package config

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// yamlError says in Chinese what is wrong with a configuration file, with
// the line and the key: yaml.v3's messages ("field setle not found in type
// config.Config", "cannot unmarshal !!str `ten` into int") are for
// programmers.
func yamlError(data []byte, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var out []string
		for _, e := range te.Errors {
			out = append(out, typeError(data, e))
		}
		return errors.New(strings.Join(out, "；"))
	}
	msg := err.Error()
	if m := syntaxRe.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		what := m[2]
		for en, zh := range syntaxZh {
			if strings.Contains(what, en) {
				what = zh
				break
			}
		}
		return fmt.Errorf("第%d行格式有误：%s。请检查这一行及上一行的缩进（只用空格）和冒号", line, what)
	}
	return fmt.Errorf("格式有误：%s", strings.TrimPrefix(msg, "yaml: "))
}

var (
	syntaxRe   = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	lineRe     = regexp.MustCompile(`^line (\d+): (.*)$`)
	unknownRe  = regexp.MustCompile(`^field (\S+) not found in type (\S+)`)
	unmarshRe  = regexp.MustCompile("^cannot unmarshal !!(\\w+) (?:`(.*)` )?into (\\S+)")
	syntaxZh   = map[string]string{"did not find expected key": "缩进不一致或缺少冒号", "mapping values are not allowed": "冒号的位置不对（值里含冒号时请加引号）", "found character that cannot start any token": "有不能出现在这里的字符（如制表符，请改用空格缩进）", "could not find expected ':'": "缺少冒号", "did not find expected '-' indicator": "列表的缩进不一致", "found unexpected end of stream": "引号或括号没有成对"}
	typeNames  = map[string]string{"int": "整数", "time.Duration": "时长（如 3s、5m、1h）", "string": "一段文字", "[]string": "列表（如 [a@example.gov.cn]）", "bool": "是或否（true 或 false）", "config.Dec": "数字", "*config.Dec": "数字"}
	valueKinds = map[string]string{"str": "文字", "int": "整数", "float": "数字", "bool": "是/否", "seq": "列表", "map": "一组设置", "null": "空值"}
)

func typeError(data []byte, e string) string {
	m := lineRe.FindStringSubmatch(e)
	if m == nil {
		return e
	}
	line, _ := strconv.Atoi(m[1])
	rest := m[2]
	key := keyAt(data, line)
	switch {
	case unknownRe.MatchString(rest):
		f := unknownRe.FindStringSubmatch(rest)
		where := ""
		if i := strings.LastIndex(key, "."); i > 0 {
			where = "（在 " + key[:i] + " 下）"
		}
		return fmt.Sprintf("第%d行：“%s”不是可用的配置项%s，请检查拼写", line, f[1], where)
	case unmarshRe.MatchString(rest):
		u := unmarshRe.FindStringSubmatch(rest)
		want := typeNames[u[3]]
		if want == "" {
			want = u[3]
		}
		got := valueKinds[u[1]]
		if u[2] != "" {
			got = "“" + u[2] + "”"
		}
		return fmt.Sprintf("第%d行：%s 应为%s，而不是%s", line, key, want, got)
	}
	return fmt.Sprintf("第%d行：%s", line, rest)
}

// keyAt names the key written on a line ("mail.smtp.port"), "" when none.
func keyAt(data []byte, line int) string {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil {
		return ""
	}
	var walk func(n *yaml.Node, path string) string
	walk = func(n *yaml.Node, path string) string {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				if p := walk(c, path); p != "" {
					return p
				}
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				p := k.Value
				if path != "" {
					p = path + "." + k.Value
				}
				if k.Line == line {
					return p
				}
				if r := walk(v, p); r != "" {
					return r
				}
			}
		default:
			if n.Line == line {
				return path
			}
		}
		return ""
	}
	return walk(&doc, "")
}
