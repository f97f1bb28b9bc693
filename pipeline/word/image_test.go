package word

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strings"
	"testing"
)

func tinyPNG(t testing.TB, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 13), 200, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestImages(t *testing.T) {
	pic := tinyPNG(t, 400, 200)
	body := p("图一") + `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>{{%预算</w:t></w:r><w:r><w:t>执行图}}</w:t></w:r></w:p>` +
		p("{{#资金}}") + p("{{%指标完成图}}") + p("{{/资金}}") + p("{{%预算执行图}}")
	extra := map[string]string{"word/header1.xml": hdr(p("{{%指标完成图}}"))}
	d := Data{
		"预算执行图": Image{PNG: pic, WidthCM: 10},
		"指标完成图": Image{PNG: pic, WidthCM: 4, HeightCM: 3, Name: "指标<图>"},
		"资金":    []Data{{}, {}, {}},
	}
	out := fill(t, pkg(t, body, extra), StandardSchema(), d)
	ps := parts(t, out)
	doc := string(ps["word/document.xml"])
	if n := strings.Count(doc, "<w:drawing>"); n != 5 {
		t.Errorf("%d drawings, want 5", n)
	}
	if !strings.Contains(doc, `<w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing>`) {
		t.Error("image paragraph lost its properties")
	}
	if !strings.Contains(doc, `cx="3600000" cy="1800000"`) {
		t.Error("10 cm wide picture of a 2:1 PNG should be 3600000×1800000 EMU")
	}
	if !strings.Contains(doc, `descr="指标&lt;图&gt;"`) {
		t.Error("description not escaped")
	}
	if len(ps["word/media/jximage1.png"]) != len(pic) || len(ps["word/media/jximage2.png"]) != len(pic) || ps["word/media/jximage3.png"] != nil {
		t.Errorf("media parts: one per distinct image")
	}
	if !strings.Contains(string(ps["[Content_Types].xml"]), `<Default Extension="png" ContentType="image/png"/>`) {
		t.Error("no png content type")
	}
	rels := string(ps["word/_rels/document.xml.rels"])
	if strings.Count(rels, "relationships/image") != 2 {
		t.Errorf("document rels: %s", rels)
	}
	for _, id := range regexp.MustCompile(`r:embed="([^"]+)"`).FindAllStringSubmatch(doc, -1) {
		if !strings.Contains(rels, `Id="`+id[1]+`"`) {
			t.Errorf("embed %s has no relationship", id[1])
		}
	}
	hrels := string(ps["word/_rels/header1.xml.rels"])
	if !strings.Contains(hrels, `Target="media/jximage2.png"`) {
		t.Errorf("header rels: %q", hrels)
	}
	// absent image: the paragraph stays, empty
	out = fill(t, pkg(t, p("{{%预算执行图}}"), nil), StandardSchema(), Data{})
	if got := text(parts(t, out)["word/document.xml"]); got != "¶" {
		t.Errorf("absent image: %q", got)
	}
	toPDF(t, fill(t, pkg(t, body, extra), StandardSchema(), d), t.TempDir(), "images")
}

func TestRepetitionKeepsIDsUnique(t *testing.T) {
	drawing := `<w:r><w:drawing><wp:inline><wp:extent cx="10" cy="10"/><wp:docPr id="1" name="x"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="x"/></a:graphic></wp:inline></w:drawing></w:r>`
	body := `<w:p><w:bookmarkStart w:id="0" w:name="书签"/><w:r><w:t>{{#亮点}}{{描述}}</w:t></w:r>` + drawing + `<w:bookmarkEnd w:id="0"/><w:r><w:t>{{/亮点}}</w:t></w:r></w:p>` +
		table(row(`{{#资金}}{{项目}}`), `<w:tr><w:tc><w:p><w:bookmarkStart w:id="5" w:name="行"/>`+drawing+`<w:bookmarkEnd w:id="5"/><w:r><w:t>{{/资金}}</w:t></w:r></w:p></w:tc></w:tr>`)
	out := fill(t, pkg(t, body, nil), StandardSchema(), sample) // checkWellFormed fails on duplicates
	doc := string(parts(t, out)["word/document.xml"])
	if n := strings.Count(doc, "<wp:docPr"); n != 4 {
		t.Errorf("%d drawings, want 4", n)
	}
	if strings.Count(doc, "bookmarkStart") != 2 || strings.Count(doc, "bookmarkEnd") != 2 {
		t.Errorf("bookmarks should be kept once each:\n%s", doc)
	}
}
