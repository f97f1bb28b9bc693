// Package samples holds the sample workbooks of jixiao and embeds the blank
// standard workbook that `jixiao init` writes into a new workspace. The files
// are produced by `go run ./samples/gen`; do not edit them by hand.
package samples

import _ "embed"

// BlankName is the file name the blank workbook is shipped under.
const BlankName = "绩效自评表-空白.xlsx"

// Blank is the blank standard workbook (部门整体支出绩效自评表, one
// 项目支出绩效自评表, 基础数据表, 文字说明) with labels, headers and grey hints.
//
//go:embed 绩效自评表-空白.xlsx
var Blank []byte

// DepartmentName is the file name of the department sample.
const DepartmentName = "邵东市科工局2019年度绩效自评表.xlsx"

// Department is the department sample (one 部门整体支出绩效自评表, four
// project forms, 基础数据表, 文字说明): what `jixiao bench` copies, built in
// so that bench runs from any directory.
//
//go:embed 邵东市科工局2019年度绩效自评表.xlsx
var Department []byte
