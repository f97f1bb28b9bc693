package checked

import (
	"strconv"
	"strings"
)

// workbook is the parsed xl/workbook.xml: its sheets in order and the tags
// the copy changes.
type workbook struct {
	src    []byte
	rp     string // the prefix of the relationships namespace ("r")
	sheets []sheet
	list   tag   // <sheets>
	views  []tag // <workbookView>s
	names  []tag // <definedName>s scoped to a sheet (localSheetId)
}

func parseWorkbook(b []byte) (*workbook, error) {
	rt, err := root(b)
	if err != nil {
		return nil, err
	}
	if p, ok := nsPrefix(b, rt, nsMain); !ok || p != "" || !rt.is("workbook") {
		return nil, cannot("workbook part not a transitional workbook")
	}
	wb := &workbook{src: b}
	var ok bool
	if wb.rp, ok = nsPrefix(b, rt, nsRel); !ok || wb.rp == "" {
		return nil, cannot("workbook without the relationships prefix")
	}
	found := false
	_, err = children(b, rt, func(c tag) (int, error) {
		switch string(c.name) {
		case "sheets":
			if c.self {
				return 0, cannot("workbook without sheets")
			}
			wb.list, found = c, true
			return each(b, c, func(s tag) (int, error) {
				if !s.is("sheet") {
					return skip(b, s)
				}
				var sh sheet
				var ok1, ok2, ok3 bool
				sh.name, ok1 = attrVal(b, s, "name")
				sh.id, ok2 = attrInt(b, s, "sheetId")
				sh.rid, ok3 = attrVal(b, s, wb.rp+":id")
				if !ok1 || !ok2 || !ok3 {
					return 0, cannot("sheet without name, sheetId or r:id")
				}
				wb.sheets = append(wb.sheets, sh)
				return skip(b, s)
			})
		case "bookViews":
			return each(b, c, func(v tag) (int, error) {
				if v.is("workbookView") {
					wb.views = append(wb.views, v)
				}
				return skip(b, v)
			})
		case "definedNames":
			return each(b, c, func(n tag) (int, error) {
				if _, _, _, ok := attr(b, n, "localSheetId"); ok && n.is("definedName") {
					wb.names = append(wb.names, n)
				}
				return skip(b, n)
			})
		}
		return skip(b, c)
	})
	if err != nil {
		return nil, err
	}
	if !found || len(wb.sheets) == 0 {
		return nil, cannot("workbook without sheets")
	}
	return wb, nil
}

// addFirst returns the workbook with sheet name (sheetId id, relationship
// rid) first and active. A defined name scoped to a sheet names it by its
// position (localSheetId), so each moves one on: a print area or print
// titles stay on their sheet.
func (wb *workbook) addFirst(name string, id int, rid string) ([]byte, error) {
	b := wb.src
	text := []byte(`<sheet name="`)
	text = escape(text, name)
	text = append(text, `" sheetId="`...)
	text = strconv.AppendInt(text, int64(id), 10)
	text = append(text, `" `+wb.rp+`:id="`...)
	text = escape(text, rid)
	text = append(text, `"/>`...)
	edits := []edit{{wb.list.end, wb.list.end, text}}
	for _, v := range wb.views {
		for _, a := range []string{"activeTab", "firstSheet"} {
			if _, vs, ve, ok := attr(b, v, a); ok {
				edits = append(edits, edit{vs, ve, []byte("0")})
			}
		}
	}
	for _, n := range wb.names {
		i, ok := attrInt(b, n, "localSheetId")
		if !ok {
			return nil, cannot("localSheetId not a number")
		}
		_, vs, ve, _ := attr(b, n, "localSheetId")
		edits = append(edits, edit{vs, ve, strconv.AppendInt(nil, int64(i+1), 10)})
	}
	return apply(b, edits)
}

// types is the parsed [Content_Types].xml and what the copy adds to it.
type types struct {
	src       []byte
	end       int               // offset of </Types>
	defaults  map[string]string // by extension in lower case
	overrides map[string]bool   // part names in lower case, without the leading /
	add       []byte
}

func parseTypes(b []byte) (*types, error) {
	rt, err := root(b)
	if err != nil {
		return nil, err
	}
	if p, ok := nsPrefix(b, rt, nsCT); !ok || p != "" || !rt.is("Types") || rt.self {
		return nil, cannot("content types part not as OPC writes it")
	}
	t := &types{src: b, defaults: map[string]string{}, overrides: map[string]bool{}}
	t.end, err = children(b, rt, func(c tag) (int, error) {
		switch string(c.name) {
		case "Default":
			ext, _ := attrVal(b, c, "Extension")
			ct, _ := attrVal(b, c, "ContentType")
			t.defaults[strings.ToLower(ext)] = ct
		case "Override":
			part, _ := attrVal(b, c, "PartName")
			t.overrides[strings.ToLower(strings.TrimPrefix(part, "/"))] = true
		}
		return skip(b, c)
	})
	return t, err
}

// override adds an Override for a new part.
func (t *types) override(part, ct string) {
	t.overrides[strings.ToLower(part)] = true
	t.add = append(t.add, `<Override PartName="/`...)
	t.add = escape(t.add, part)
	t.add = append(t.add, `" ContentType="`...)
	t.add = escape(t.add, ct)
	t.add = append(t.add, `"/>`...)
}

// ensure gives a new part with extension ext content type ct: by a Default
// for the extension when there is none, else by an Override when the
// Default says something else.
func (t *types) ensure(part, ext, ct string) {
	d, ok := t.defaults[ext]
	switch {
	case ok && d == ct:
	case ok:
		t.override(part, ct)
	default:
		t.defaults[ext] = ct
		t.add = append(t.add, `<Default Extension="`+ext+`" ContentType="`...)
		t.add = escape(t.add, ct)
		t.add = append(t.add, `"/>`...)
	}
}

func (t *types) finish() ([]byte, error) {
	return apply(t.src, []edit{{t.end, t.end, t.add}})
}
