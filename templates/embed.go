// Package templates holds jixiao's default Word template.
//
// The template's source is the unpacked package under report/ (reviewable,
// diffable XML). `go generate ./templates` (or `go run ./templates/build`)
// zips it into 部门整体支出绩效评价报告.docx, which is embedded in the binary;
// a test checks that the committed .docx is exactly what the generator makes.
package templates

import _ "embed"

//go:generate go run ./build

// DefaultReport is the default 部门整体支出绩效评价报告 template (.docx).
//
//go:embed 部门整体支出绩效评价报告.docx
var DefaultReport []byte

// DefaultReportName is the file name `jixiao init` gives the template.
const DefaultReportName = "部门整体支出绩效评价报告.docx"
