package samples

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestBlankOpens(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(Blank))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 4 || got[0] != "部门整体支出绩效自评表" {
		t.Errorf("sheets = %v", got)
	}
}
