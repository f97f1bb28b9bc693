package fonts

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
)

func TestRegularIsACopyOfATrueTypeFont(t *testing.T) {
	a := Regular()
	if len(a) != Size() || len(a) < 1<<20 {
		t.Fatalf("font size %d", len(a))
	}
	if !bytes.Equal(a[:4], []byte{0, 1, 0, 0}) {
		t.Fatalf("not a TrueType-outline font: % x", a[:4])
	}
	a[0] = 0xFF
	if Shared()[0] != 0 || Regular()[0] != 0 {
		t.Fatal("Regular must return a copy")
	}
}

func TestCoversChineseLatinDigits(t *testing.T) {
	f, err := sfnt.Parse(Shared())
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for _, r := range "绩效自评表部门整体支出喆堃昇赟珺玥犇镕ABCxyz0123456789%，。（）≥≤—" {
		gi, err := f.GlyphIndex(&buf, r)
		if err != nil || gi == 0 {
			t.Errorf("%q missing from the font", r)
		}
	}
}

func TestLicenseIsOFL(t *testing.T) {
	if !strings.Contains(License(), "SIL Open Font License") {
		t.Fatal("license text missing")
	}
}

func TestWidths(t *testing.T) {
	if w, ok := Width('绩'); !ok || w != 1000 {
		t.Errorf("绩 width %d %v", w, ok)
	}
	if w, ok := Width('1'); !ok || w < 400 || w > 700 {
		t.Errorf("1 width %d %v", w, ok)
	}
	if _, ok := Width(0x20000); ok {
		t.Error("beyond BMP must be missing")
	}
	if Has('\uE000') {
		t.Error("private use char should be missing")
	}
	if got := TextWidth("绩效", 10); got != 20 {
		t.Errorf("TextWidth = %v", got)
	}
}
