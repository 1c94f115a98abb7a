package exchange

import (
	"context"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/exchange/ziptest"
	"pingce/internal/review"
)

// reviewFixture returns the contents of a review package answering a
// submission.
func reviewFixture(t testing.TB) *Contents {
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
	es := ziptest.Entries(t, path)
	for _, tc := range []struct {
		name string
		es   []ziptest.Entry
		want string
	}{
		{"flipped byte in review.yaml", ziptest.With(es, ReviewName, func(e *ziptest.Entry) { e.Data = ziptest.Flip(e.Data) }), ProbHash},
		{"review.yaml missing", ziptest.Without(es, ReviewName), ProbEntryMissing},
		{"review without in_reply_to", resign(t, ziptest.Entries(t, path), key, func(m *Manifest) { m.InReplyTo = "" }), ProbBadManifest},
		{"review.yaml not a review", resign(t, ziptest.With(ziptest.Entries(t, path), ReviewName, func(e *ziptest.Entry) { e.Data = []byte("format: pingce/answers@1\n") }), key, func(m *Manifest) {
			for i := range m.Files {
				if m.Files[i].Name == ReviewName {
					m.Files[i].SHA256, m.Files[i].Size = sumOf([]byte("format: pingce/answers@1\n")), 25
				}
			}
		}), ProbContent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(context.Background(), save(t, ziptest.Build(t, tc.es)), Options{})
			if got := ProblemCode(err); got != tc.want {
				t.Fatalf("problem %q (%v), want %s", got, err, tc.want)
			}
		})
	}
}
