package sheet

import (
	"context"
	"fmt"
	"testing"
)

// bigTable is an official table of n item rows: 10 first-level headings,
// 10 second-level headings each, merged over their items, and rule texts
// of the common phrasings.
func bigTable(tb testing.TB, n int) []byte {
	rows := [][]any{{"考评细则"}, {"序号", "一级指标", "二级指标", "考评内容", "分值", "评分标准", "考核方式", "牵头单位"}}
	var merges []string
	texts := []string{"每发现一处扣0.5分，扣完为止", "达到95%得满分，每低1个百分点扣0.2分", "有方案得5分，无方案不得分",
		"好得5分，较好得3分，一般得1分", "超过98%(含)得5分；超过95%(含)得3分"}
	per1, per2 := n/10, n/100
	for i := range n {
		r := []any{i%per2 + 1, "", "", fmt.Sprintf("指标%d", i), 5, texts[i%len(texts)], "查台账、听汇报", "市局"}
		if i%per1 == 0 {
			r[1] = fmt.Sprintf("一级%d", i/per1)
			merges = append(merges, fmt.Sprintf("B%d:B%d", i+3, i+2+per1))
		}
		if i%per2 == 0 {
			r[2] = fmt.Sprintf("二级%d", i/per2)
			merges = append(merges, fmt.Sprintf("C%d:C%d", i+3, i+2+per2))
		}
		rows = append(rows, r)
	}
	return book(tb, "表", rows, merges...)
}

func TestBigTable(t *testing.T) {
	res, err := Read(context.Background(), "big.xlsx", bigTable(t, 2000), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(res.Catalog.Items()); n != 2000 || len(res.Unrecognized()) != 0 || res.Catalog.Total != 10000 {
		t.Fatalf("%d items, %d not understood, total %v", n, len(res.Unrecognized()), res.Catalog.Total)
	}
}

// BenchmarkImport2000 reads a 2,000-row official table (goal: < 1 s).
func BenchmarkImport2000(b *testing.B) {
	data := bigTable(b, 2000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(context.Background(), "big.xlsx", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
