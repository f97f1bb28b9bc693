// Package form holds a workbook's content as the reader found it: the
// department form (部门整体支出绩效自评表), the project forms
// (项目支出绩效自评表), the base data (基础数据表) and the narrative sheet
// (文字说明), every value with the cell it came from. It is the boundary
// between reading (pipeline/read) and computing (pipeline/compute) and holds
// data only.
package form
