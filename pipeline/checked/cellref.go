package checked

import "strconv"

const maxCols, maxRows = 16384, 1048576

// parseCell reads a cell reference as the pipeline writes it, "E13":
// upper-case column letters, then the row without leading zeros. Anything
// else ("e13", "$E$13", "E13:F14") is not ok.
func parseCell(s string) (col, row int, ok bool) {
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		col = col*26 + int(s[i]-'A'+1)
		i++
		if i > 3 {
			return 0, 0, false
		}
	}
	if i == 0 || i == len(s) || s[i] == '0' {
		return 0, 0, false
	}
	for _, c := range s[i:] {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
		if row > maxRows {
			return 0, 0, false
		}
	}
	return col, row, col <= maxCols
}

// appendCol appends the letters of column col (1 = A).
func appendCol(dst []byte, col int) []byte {
	var b [3]byte
	i := len(b)
	for col > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return append(dst, b[i:]...)
}

// appendCell appends the reference of a cell, "E13".
func appendCell(dst []byte, col, row int) []byte {
	return strconv.AppendInt(appendCol(dst, col), int64(row), 10)
}

func cellName(col, row int) string { return string(appendCell(nil, col, row)) }
