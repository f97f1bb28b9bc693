package fonts

import (
	_ "embed"
)

//go:embed NotoSansSC-Regular.ttf
var regular []byte

//go:embed OFL.txt
var license string

// Name is the family name documents use for the embedded font.
const Name = "Noto Sans SC"

// Regular returns a fresh copy of the Noto Sans SC Regular TrueType file.
// The caller owns the copy and may let a library write into it.
func Regular() []byte {
	b := make([]byte, len(regular))
	copy(b, regular)
	return b
}

// Shared returns the embedded font bytes without copying, for parsers that
// only read (sfnt, opentype). The slice must never be written to.
func Shared() []byte { return regular[:len(regular):len(regular)] }

// Size is the length of the font file in bytes.
func Size() int { return len(regular) }

// License returns the SIL Open Font License text of the font.
func License() string { return license }
