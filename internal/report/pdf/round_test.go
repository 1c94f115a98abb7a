package pdf

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/report"
)

// roundDoc is a round report of two groups: six 分县局 (bottom three marked)
// and two 派出所, over two rounds.
func roundDoc() *report.RoundDocument {
	cat := &domain.Catalog{ID: "t", Version: "1", Title: "测试指标", Total: 100,
		Categories: []*domain.Category{
			{ID: "A", Title: "组织领导", Items: []*domain.Item{{ID: "A1", Title: "领导责任", Max: 60}}},
			{ID: "B", Title: "基层基础", Items: []*domain.Item{{ID: "B1", Title: "社区警务𠮷", Max: 40}}}}}
	var units []domain.Unit
	var sums []domain.AssessmentSummary
	var results []domain.RoundResult
	names := []string{"东城分局", "西城分局", "南湖分局", "北山分局", "临江县局", "高新分局", "城关派出所", "长安派出所"}
	for i, n := range names {
		typ := "分县局"
		if i >= 6 {
			typ = "派出所"
		}
		u := domain.Unit{ID: int64(i + 1), Name: n, Type: typ}
		units = append(units, u)
		a, b := float64(60-3*i), float64(40-4*i)
		sums = append(sums, domain.AssessmentSummary{Assessment: domain.Assessment{ID: u.ID, Unit: u, Status: domain.Submitted}, Final: a + b, ReviewedFinal: a + b, Total: 100})
		res := &domain.Result{Final: a + b, Categories: []domain.CategoryScore{{ID: "A", Score: a, Max: 60}, {ID: "B", Score: b, Max: 40}},
			Items: []domain.ItemScore{{ID: "A1", Score: a, Max: 60, Status: domain.StatusAnswered}, {ID: "B1", Score: b, Max: 40, Status: domain.StatusAnswered}}}
		results = append(results, domain.RoundResult{AssessmentID: u.ID, Unit: u, Status: domain.Submitted, Own: res, Reviewed: res})
	}
	groups := domain.RankRound(units, sums, nil, domain.RankOptions{})
	return report.BuildRound(report.RoundInput{Catalog: cat, Round: "2026-Q3", Date: "2026-10-08", Groups: groups, Results: results,
		History: []report.RoundRanking{{Round: "2026-Q2", Groups: groups}}})
}

func TestWriteRound(t *testing.T) {
	withFontDirs(t)
	doc := roundDoc()
	var buf bytes.Buffer
	if err := WriteRound(context.Background(), &buf, doc); err != nil {
		t.Fatal(err)
	}
	if err := checkXref(buf.Bytes()); err != nil {
		t.Error(err)
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: cannot read the PDF back")
	}
	path := filepath.Join(t.TempDir(), "round.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := squeeze(string(out))
	for _, want := range []string{
		"《测试指标》2026-Q3排名通报", "同类编组排名·分县局", "同类编组排名·派出所",
		"1东城分局已提交100", "6高新分局已提交65", "末位", "类目得分率矩阵", "A组织领导", "共性失分项",
		"社区警务𠮷", "各组平均分走势", "2026-Q2", "末位单位（每组后三名）", "第1页/共",
	} {
		if !strings.Contains(text, squeeze(want)) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	// Only the 分县局 group ranks more than three: its last three are the bottom.
	if n := strings.Count(text, "末位"); n < 4 { // 3 marks, the list's heading
		t.Errorf("末位 %d times, want the three marks and the list", n)
	}
}

func TestUnprintableRound(t *testing.T) {
	withFontDirs(t, t.TempDir())
	doc := roundDoc()
	doc.Groups[0].Rows[0].Unit = "东城\U0010FFFD分局"
	got, err := UnprintableRound(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := []Missing{{Char: '\U0010FFFD', Places: []Place{{Part: "unit", ID: "东城\U0010FFFD分局"}}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("UnprintableRound = %+v, want %+v", got, want)
	}
	if got, _ := UnprintableRound(roundDoc()); got != nil {
		t.Errorf("a round report of drawable text: %+v", got)
	}
}
