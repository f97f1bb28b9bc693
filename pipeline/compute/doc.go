// Package compute is the heart of jixiao: from a workbook as read
// (pipeline/form) it computes budget execution rates (执行率), indicator
// completion rates (完成率), year-on-year growth (同比增长), scores capped at
// their 分值, totals and the grade, for the department and for each project,
// and reports every difference from what the form declares.
//
// It is pure: no files, no clock, no logging. Weights, grade bands and the
// qualitative rule come from Config, whose zero value is not usable: start
// from Defaults().
package compute
