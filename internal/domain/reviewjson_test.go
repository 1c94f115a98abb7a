package domain_test

import (
	"encoding/json"
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestDiscretionInScoreJSON: docs/formats.md §3/§4 — a reviewer's points
// for a discretion item (酌情扣分) never reach the unit's own figures: the
// top-level item keeps its worst case and "pending" and carries no
// "reviewed" key; the "review" object counts the picked points, with no
// range.
func TestDiscretionInScoreJSON(t *testing.T) {
	c := loadTiered(t)
	ws := &domain.Workspace{Assessment: domain.Assessment{ID: 1, Status: domain.Submitted}, Catalog: c,
		Answers: tieredAnswers(map[string]domain.Answer{"J1": marked(1), "M1": marked(0)}),
		Reviews: map[string]domain.Review{"J1": {Verdict: domain.VerdictAdjust, Score: domain.Float(6), Reason: "情节较轻", By: "李四"}}}
	b, err := json.Marshal(ws.ScoreJSON())
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Final  float64 `json:"final"`
		Items  []map[string]any
		Review struct {
			Final float64          `json:"final"`
			Items []map[string]any `json:"items"`
		} `json:"review"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var own map[string]any
	for _, it := range doc.Items {
		if it["id"] == "J1" {
			own = it
		}
	}
	if own == nil {
		t.Fatalf("no J1 in the items: %s", b)
	}
	if _, ok := own["pending"]; !ok {
		t.Errorf("the unit's J1 lost its pending range after the review: %v", own)
	}
	if _, ok := own["reviewed"]; ok {
		t.Errorf("the unit's J1 carries the reviewer's mark: %v", own)
	}
	if own["score"] == 6.0 {
		t.Errorf("the unit's J1 scores the reviewer's points: %v", own)
	}
	if len(doc.Review.Items) != 1 || doc.Review.Items[0]["id"] != "J1" || doc.Review.Items[0]["score"] != 6.0 {
		t.Errorf("review items %v, want J1 at 6", doc.Review.Items)
	}
	if doc.Review.Final <= doc.Final {
		t.Errorf("reviewed final %v not above the worst case %v", doc.Review.Final, doc.Final)
	}
	review := string(b[strings.Index(string(b), `"review":`):])
	if strings.Contains(review, "pending") {
		t.Errorf("the review object has a range: %s", review)
	}
}
