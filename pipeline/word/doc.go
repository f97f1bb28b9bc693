// Package word fills Word (.docx) templates written by users with
// Mustache-style tags: {{名}} values, {{#名}}…{{/名}} loops and conditionals,
// {{^名}}…{{/名}} inverted sections and {{%名}} images. One extension:
// {{?名}}…{{/名}} shows its body once when 名 is non-empty (a list with items,
// a non-empty value) without iterating — for a sentence that introduces a
// table or a list, which {{#名}} would repeat per item.
//
// A template is parsed once (Parse) into an immutable program per XML part
// (body, headers, footers, footnotes, endnotes; text boxes live inside those)
// and filled many times (Fill), concurrently if wanted. Parsing works on the
// raw bytes of each part with a small tokenizer: encoding/xml is not used for
// the round trip because it rewrites namespace prefixes and loses the exact
// markup Word expects. Tags are found on the concatenated text of each
// paragraph, so a tag that Word split over several runs (spell-check marks,
// bookmarks, revision ids, mixed formatting, smart tags, hyperlinks, content
// controls, insertions) still works; the value takes the formatting of the
// run in which the tag starts.
//
// Why archive/zip and not github.com/nguyenthenguyen/docx: that library only
// exposes document.xml, headers and footers as strings (not footnotes,
// endnotes, relationships or [Content_Types].xml, which images need), shares
// header/footer maps between copies, and re-compresses every part on write.
// Here unchanged parts are copied raw from the template archive
// (zipx.CopyRaw), which also keeps filling cheap.
//
// Where a loop repeats is decided by where its two tags stand:
//   - both in one paragraph: the text between them is repeated in place;
//   - in different cells of one table row: the row is repeated;
//   - in different rows of one table: that block of rows is repeated;
//   - in different paragraphs: those paragraphs (and tables between them) are
//     repeated.
//
// A paragraph or a row that holds nothing but the tag (no other text, no
// picture) only marks where the repeated block begins or ends: it is dropped.
// Ids that must be unique in a document stay unique in the copies: drawings
// are renumbered, bookmarks kept in the first copy only, w14:paraIds
// dropped, and tracked changes (w:ins, w:del …) of later copies take new
// w:ids above every annotation id of the template.
//
// A table cell marked <w:vMerge w:val="restart"/> in the template is merged
// into the cell above it when both show the same text (see merge.go): the
// default template's 一级指标 and 二级指标 columns are merged down as on the
// forms.
//
// Check reports every problem of a template (unknown names, unclosed or
// crossed loops, misplaced image tags, broken braces) with its part, place and
// an excerpt, in Chinese, for `jixiao template check`.
package word
