package word

import "testing"

func TestSmoke(t *testing.T) {
	s := StandardSchema()
	body := p("标题：{{部门名称}}") + `<w:p><w:r><w:t>{{部</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>门名称}} 年</w:t></w:r></w:p>`
	out := fill(t, pkg(t, body, nil), s, Data{"部门名称": "A<&>"})
	t.Log(text(parts(t, out)["word/document.xml"]))
}
