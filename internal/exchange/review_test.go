package exchange

import (
	"context"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/review"
)

// reviewFixture returns the contents of a review package answering a
// submission.
func reviewFixture(t *testing.T) *Contents {
	t.Helper()
	c := fixture(t)
	c.Manifest.Kind, c.Manifest.InReplyTo = KindReview, NewID()
	c.Manifest.Assessment.Status, c.Manifest.Assessment.Reason = "returned", "请补充"
	p, err := Open(context.Background(), writeFile(t, fixture(t), testKey(1), ""), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	rf := &review.File{Catalog: p.Catalog.Ref(), Items: map[string]domain.Review{
		"A1.1": {Verdict: domain.VerdictRequest, Request: "补充规划原件"}}}
	if c.Review, err = review.Marshal(rf, p.Catalog); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestReviewPackage(t *testing.T) {
	key := testKey(3)
	path := writeFile(t, reviewFixture(t), key, "")
	p, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	if p.Review == nil || p.Review.Items["A1.1"].Request != "补充规划原件" || p.Manifest.Assessment.Reason != "请补充" {
		t.Fatalf("review %+v", p.Review)
	}
	es := entriesOf(t, path)
	for _, tc := range []struct {
		name string
		es   []rawEntry
		want string
	}{
		{"flipped byte in review.yaml", with(es, ReviewName, func(e *rawEntry) { e.data = flip(e.data) }), ProbHash},
		{"review.yaml missing", without(es, ReviewName), ProbEntryMissing},
		{"review without in_reply_to", resign(t, entriesOf(t, path), key, func(m *Manifest) { m.InReplyTo = "" }), ProbBadManifest},
		{"review.yaml not a review", resign(t, with(entriesOf(t, path), ReviewName, func(e *rawEntry) { e.data = []byte("format: pingce/answers@1\n") }), key, func(m *Manifest) {
			for i := range m.Files {
				if m.Files[i].Name == ReviewName {
					m.Files[i].SHA256, m.Files[i].Size = sumOf([]byte("format: pingce/answers@1\n")), 25
				}
			}
		}), ProbContent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(context.Background(), save(t, build(t, tc.es)), Options{})
			if got := ProblemCode(err); got != tc.want {
				t.Fatalf("problem %q (%v), want %s", got, err, tc.want)
			}
		})
	}
}
