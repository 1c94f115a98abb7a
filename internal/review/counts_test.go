package review_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/review"
)

func tieredCatalog(t testing.TB) *domain.Catalog {
	t.Helper()
	cat, err := catalog.LoadFile(context.Background(), "../domain/testdata/tiered.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// tieredReview reviews answers to the tiered catalog (T1 on line 5).
const tieredReview = `format: pingce/review@1
catalog: tiered-shapes@1
reviewer: 李四
items:
  T1: {answer: {counts: {main: 1, other: 2}}, reason: 按会议纪要核定}
  M1: {answer: {count: 2, counts: {security: 1}}, reason: 一起发生在安保期间}
  J1: {points: 6, reason: 情节较轻}
`

// TestCountsRoundTrip: a reviewer's answer by kind or with marked
// occurrences, and points picked for a discretion item, are written and
// read back (issue 15 shapes 5, 9, 8).
func TestCountsRoundTrip(t *testing.T) {
	cat := tieredCatalog(t)
	doc := tieredReview
	f, err := review.Parse("r.yaml", []byte(doc), cat)
	if err != nil {
		t.Fatalf("%v %v", err, domain.ErrorProblems(err))
	}
	if a := f.Items["T1"].Answer; a == nil || !reflect.DeepEqual(a.Counts, map[string]int{"main": 1, "other": 2}) {
		t.Errorf("T1 answer %+v", a)
	}
	if r := cat.Item("M1").Normalized(f.Items["M1"]); r.Score == nil || *r.Score != 3 { // 6 − (2 + 1)
		t.Errorf("M1 review %+v", r)
	}
	out, err := review.Marshal(f, cat)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "T1: {answer: {counts: {main: 1, other: 2}}") {
		t.Errorf("written:\n%s", out)
	}
	g, err := review.Parse("again.yaml", out, cat)
	if err != nil {
		t.Fatalf("%v %v\n%s", err, domain.ErrorProblems(err), out)
	}
	if !reflect.DeepEqual(f.Items, g.Items) {
		t.Errorf("read back %+v\nwant %+v", g.Items, f.Items)
	}
	_, err = review.Parse("bad.yaml", []byte(strings.Replace(doc, "main: 1,", "main: 1.5,", 1)), cat)
	if ps := domain.ErrorProblems(err); len(ps) != 1 || ps[0].Line != 5 {
		t.Errorf("a count not whole: %v", ps)
	}
}

// FuzzParseCounts fuzzes the review file's reader from a review of the
// tiered catalog: what it accepts writes and reads back the same.
func FuzzParseCounts(f *testing.F) {
	cat := tieredCatalog(f)
	f.Add([]byte(tieredReview))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := review.Parse("fuzz.yaml", data, cat)
		if err != nil {
			if c := domain.ErrorCode(err); c != domain.EINVALID && c != domain.ETOOLARGE {
				t.Fatalf("error code %q: %v", c, err)
			}
			return
		}
		out, err := review.Marshal(r, cat)
		if err != nil {
			t.Fatal(err)
		}
		again, err := review.Parse("again.yaml", out, cat)
		if err != nil {
			t.Fatalf("written file refused: %v %v\n%s", err, domain.ErrorProblems(err), out)
		}
		if !reflect.DeepEqual(r.Items, again.Items) {
			t.Fatalf("round trip changed the verdicts:\n%+v\n%+v\n%s", r.Items, again.Items, out)
		}
	})
}
