package answers

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

func tieredCatalog(t testing.TB) *domain.Catalog {
	t.Helper()
	c, err := catalog.LoadFile(context.Background(), "../domain/testdata/tiered.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// tieredAnswers is a valid answers file for the tiered catalog. Lines:
// 3 T1, 4 M1, 5 J1, 6 T2.
const tieredAnswers = `format: pingce/answers@1
answers:
  T1: {counts: {other: 1, main: 2}}
  M1: {count: 3, counts: {self: 1, security: 2}}
  J1: {count: 1}
  T2: {counts: {serious: 0}}
`

// TestCounts reads counts by kind and by mark, writes them in the item's
// order, and refuses bad ones at their line.
func TestCounts(t *testing.T) {
	cat := tieredCatalog(t)
	s, err := Parse("t.yaml", []byte(tieredAnswers), cat)
	if err != nil {
		t.Fatalf("%v %v", err, domain.ErrorProblems(err))
	}
	want := map[string]domain.Answer{
		"T1": {Counts: map[string]int{"main": 2, "other": 1}},
		"M1": {Count: domain.Int(3), Counts: map[string]int{"security": 2, "self": 1}},
		"J1": {Count: domain.Int(1)},
		"T2": {Counts: map[string]int{"serious": 0}},
	}
	if !reflect.DeepEqual(s.Answers, want) {
		t.Errorf("answers %+v", s.Answers)
	}
	out, err := Marshal(s, cat)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"T1: {counts: {main: 2, other: 1}}", "M1: {count: 3, counts: {security: 2, self: 1}}"} {
		if !strings.Contains(string(out), line) {
			t.Errorf("written file lacks %q:\n%s", line, out)
		}
	}
	roundTrip(t, s, cat)

	for _, tt := range []struct {
		name, answer string
		want         []string // "line:code"
	}{
		{"a count not whole", "T1: {counts: {main: 1.5}}", []string{"3:" + ProbNotWhole}},
		{"a count below 0", "T1: {counts: {main: -1}}", []string{"3:" + domain.ProbNegativeCount}},
		{"counts not a mapping", "T1: {counts: [1, 2]}", []string{"3:yaml.not_mapping"}},
		{"an unknown kind", "T1: {counts: {boss: 1}}", []string{"3:" + domain.ProbUnknownKind}},
		{"an empty key", `T1: {counts: {"": 1}}`, []string{"3:" + ProbCountKey}},
		{"count beside kinds", "T1: {count: 2, counts: {main: 1}}", []string{"3:" + domain.ProbWrongField}},
		{"more marked than all", "M1: {count: 1, counts: {security: 2}}", []string{"3:" + domain.ProbMarkedTooMany}},
		{"marks without count", "M1: {counts: {security: 1}}", []string{"3:" + domain.ProbCountsNoCount}},
		{"counts on a plain item", "P1: {met: true, counts: {a: 1}}", []string{"3:" + domain.ProbWrongField}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte("format: pingce/answers@1\nanswers:\n  "+tt.answer+"\n"), cat)
			var got []string
			for _, p := range domain.ErrorProblems(err) {
				got = append(got, strconv.Itoa(p.Line)+":"+p.Code)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems %v, want %v (%v)", got, tt.want, domain.ErrorProblems(err))
			}
		})
	}
}

// FuzzParseCounts fuzzes the reader with answers to the tiered catalog.
func FuzzParseCounts(f *testing.F) {
	f.Add([]byte(tieredAnswers))
	f.Add([]byte("format: pingce/answers@1\nanswers: {T1: {counts: {main: 1e20}}, M1: {count: 2, counts: {security: x}}}\n"))
	cat := tieredCatalog(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, c := range []*domain.Catalog{nil, cat} {
			s, err := Parse("fuzz.yaml", data, c)
			if err != nil {
				if len(domain.ErrorProblems(err)) == 0 {
					t.Fatalf("error without problems: %v", err)
				}
				continue
			}
			roundTrip(t, s, c)
		}
	})
}
