package sheet

import (
	"context"
	"strings"
	"testing"

	"pingce/internal/domain"
)

// FuzzRead reads arbitrary bytes as a workbook: never a panic, and a
// catalog only when it passes Check.
func FuzzRead(f *testing.F) {
	rows, merges := officialRows()
	f.Add(book(f, "S", rows, merges...))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Read(context.Background(), "f.xlsx", data, Options{})
		if err == nil && (res.Catalog == nil || len(res.Catalog.Check()) > 0) {
			t.Fatalf("accepted a catalog that fails Check")
		}
	})
}

// FuzzTable reads tables of arbitrary cell texts and merges (cells split
// at "|", rows at "\n"; merges as "A1:B2 C3:C4").
func FuzzTable(f *testing.F) {
	f.Add("序号|一级指标|二级指标|分值|评分标准\n1|组织|领导|10|每少1次扣2分\n2|||5|有得5分，无不得分\n|加分项|创新||每项加2分，最高加10分\n一票否决：1.弄虚作假", "B2:B3 A5:E5")
	f.Add("类目|分值|项目|考评办法\n甲|x|乙|超过98%(含)得5分；超过95%(含)得3分\n合计|5", "A1:A3 Z9:A1")
	f.Fuzz(func(t *testing.T, table, merges string) {
		g := &grid{file: "f.xlsx", sheet: "S"}
		for i, line := range strings.Split(table, "\n") {
			if i > 200 {
				break
			}
			g.rows = append(g.rows, strings.Split(line, "|"))
		}
		var ms [][2]string
		for _, m := range strings.Fields(merges) {
			a, b, _ := strings.Cut(m, ":")
			ms = append(ms, [2]string{a, b})
		}
		g.spread(ms)
		res, err := readGrids("f.xlsx", []*grid{g}, Options{})
		if err != nil {
			if domain.ErrorCode(err) != domain.EINVALID || len(domain.ErrorProblems(err)) == 0 {
				t.Fatalf("error %v without problems", err)
			}
			for _, p := range domain.ErrorProblems(err) {
				if !strings.HasPrefix(p.File, "f.xlsx!S") {
					t.Fatalf("problem without its place: %v", p)
				}
			}
			return
		}
		if fs := res.Catalog.Check(); len(fs) > 0 {
			t.Fatalf("accepted a catalog that fails Check: %v", fs)
		}
	})
}
