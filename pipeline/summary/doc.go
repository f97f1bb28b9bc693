// Package summary writes a year's 汇总表.xlsx: one row per department
// (score, grade, execution rate, status, findings, mail), and a second
// sheet listing the workbooks that could not be processed, so the office
// sees the whole year at a glance in Excel or WPS.
//
// Figures are rounded half up by pipeline/num before they reach a cell;
// the cells stay numbers (sortable) with a two-decimal format.
package summary
