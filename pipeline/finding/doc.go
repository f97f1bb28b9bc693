// Package finding is what every stage reports about a workbook: a problem
// that stops the report (an error) or one the report mentions (a warning),
// always with the file, sheet and cell it is about, in words a clerk
// understands.
package finding
