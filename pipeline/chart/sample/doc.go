// Package sample builds realistic evaluations for the tests of the chart
// and pdf packages (and anyone else's), without a workbook: a county
// department with 22 indicators, 4 projects and a few findings, and a
// large one for pagination.
//
// The figures follow the 2019 邵东市科工局 seed report where it gives them;
// project names carry rare name characters (喆 堃 昇 赟 珺 玥 犇 镕) and one
// finding a character beyond U+FFFF (𠀀), as real forms do.
package sample
