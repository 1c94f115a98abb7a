package storage

import (
	"bytes"
	"encoding/json"
	"maps"
	"reflect"
	"time"

	"pingce/internal/domain"
)

// The documents below are what storage keeps as JSON text: the parts of a
// composite answer (answers.parts) and the before/after of every audit entry
// (audit.before, audit.after). Their keys are part of the database format
// (docs/formats.md §5) and never follow the domain's Go names, so that a
// renamed domain field neither changes nor loses what was stored.
// TestDocuments_CoverDomain fails when a domain type gains a field that no
// document carries.

// answerDoc is an answer, with the keys of an answers file (§2, §4).
type answerDoc struct {
	Met      *bool                `json:"met,omitempty"`
	Level    string               `json:"level,omitempty"`
	Value    *float64             `json:"value,omitempty"`
	Baseline *float64             `json:"baseline,omitempty"`
	Count    *int                 `json:"count,omitempty"`
	Counts   map[string]int       `json:"counts,omitempty"` // schema 13 (counts.go)
	Parts    map[string]answerDoc `json:"parts,omitempty"`
	NA       bool                 `json:"na,omitempty"`
	Reason   string               `json:"reason,omitempty"`
	Note     string               `json:"note,omitempty"`
	Evidence []string             `json:"evidence,omitempty"`
	Flag     bool                 `json:"flag,omitempty"`
}

func newAnswerDoc(a domain.Answer) answerDoc {
	return answerDoc{Met: a.Met, Level: a.Level, Value: a.Value, Baseline: a.Baseline, Count: a.Count,
		Counts: copyCounts(a.Counts), Parts: newAnswerDocs(a.Parts), NA: a.NA, Reason: a.Reason, Note: a.Note, Evidence: a.Evidence,
		Flag: a.Flagged}
}

// copyCounts returns a copy of an answer's counts, nil when there are
// none: a stored answer never shares its map with the caller's.
func copyCounts(counts map[string]int) map[string]int {
	if len(counts) == 0 {
		return nil
	}
	return maps.Clone(counts)
}

func newAnswerDocs(m map[string]domain.Answer) map[string]answerDoc {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]answerDoc, len(m))
	for k, a := range m {
		out[k] = newAnswerDoc(a)
	}
	return out
}

func (d answerDoc) domain() domain.Answer {
	a := domain.Answer{Met: d.Met, Level: d.Level, Value: d.Value, Baseline: d.Baseline, Count: d.Count,
		Counts: copyCounts(d.Counts), NA: d.NA, Reason: d.Reason, Note: d.Note, Evidence: d.Evidence, Flagged: d.Flag}
	if len(d.Parts) > 0 {
		a.Parts = make(map[string]domain.Answer, len(d.Parts))
		for k, p := range d.Parts {
			a.Parts[k] = p.domain()
		}
	}
	return a
}

// encodeParts returns the JSON of the parts of a composite answer, "" when none.
func encodeParts(parts map[string]domain.Answer) string {
	if len(parts) == 0 {
		return ""
	}
	b, _ := canonicalJSON(newAnswerDocs(parts)) // maps of plain values always encode
	return string(b)
}

// decodeParts reads what encodeParts wrote.
func decodeParts(s string) (map[string]domain.Answer, error) {
	if s == "" {
		return nil, nil
	}
	var m map[string]answerDoc
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return answerDoc{Parts: m}.domain().Parts, nil
}

// reviewDoc is a reviewer's verdict on one item.
type reviewDoc struct {
	Verdict string     `json:"verdict,omitempty"`
	Answer  *answerDoc `json:"answer,omitempty"`
	Score   *float64   `json:"score,omitempty"`
	Reason  string     `json:"reason,omitempty"`
	Comment string     `json:"comment,omitempty"`
	Request string     `json:"request,omitempty"`
	By      string     `json:"by,omitempty"`
	At      *time.Time `json:"at,omitempty"`
}

// unitDoc is a unit.
type unitDoc struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Superior string `json:"superior,omitempty"`
	Code     string `json:"code,omitempty"`
}

func newUnitDoc(u domain.Unit) unitDoc {
	return unitDoc{ID: u.ID, Name: u.Name, Type: u.Type, Superior: u.Superior, Code: u.Code}
}

// assessmentDoc is an assessment's own fields.
type assessmentDoc struct {
	ID             int64      `json:"id"`
	Unit           unitDoc    `json:"unit"`
	Round          string     `json:"round"`
	CatalogID      string     `json:"catalog_id"`
	CatalogVersion string     `json:"catalog_version"`
	Status         string     `json:"status"`
	Vetoes         []string   `json:"vetoes,omitempty"`
	CreatedBy      string     `json:"created_by,omitempty"`
	CreatedAt      *time.Time `json:"created_at,omitempty"`
	UpdatedAt      *time.Time `json:"updated_at,omitempty"`
	SubmittedBy    string     `json:"submitted_by,omitempty"`
	SubmittedAt    *time.Time `json:"submitted_at,omitempty"`
	ReturnedBy     string     `json:"returned_by,omitempty"`
	ReturnedAt     *time.Time `json:"returned_at,omitempty"`
	ReturnReason   string     `json:"return_reason,omitempty"`
	ApprovedBy     string     `json:"approved_by,omitempty"`
	ApprovedAt     *time.Time `json:"approved_at,omitempty"`
}

// evidenceDoc is an attached file (without its content).
type evidenceDoc struct {
	ID           int64      `json:"id"`
	AssessmentID int64      `json:"assessment_id"`
	ItemID       string     `json:"item_id"`
	Name         string     `json:"name"`
	OriginalName string     `json:"original_name,omitempty"` // schema 11; omitted when empty, so older documents keep their hash
	MediaType    string     `json:"media_type,omitempty"`
	Size         int64      `json:"size"`
	SHA256       string     `json:"sha256"`
	AddedBy      string     `json:"added_by,omitempty"`
	AddedAt      *time.Time `json:"added_at,omitempty"`
}

// roundDoc is a round with its dates.
type roundDoc struct {
	Name  string     `json:"name"`
	Start *time.Time `json:"start,omitempty"`
	End   *time.Time `json:"end,omitempty"`
}

// catalogInfoDoc describes a stored catalog.
type catalogInfoDoc struct {
	ID         string     `json:"id"`
	Version    string     `json:"version"`
	Title      string     `json:"title"`
	Hash       string     `json:"hash"`
	Items      int        `json:"items"`
	Total      float64    `json:"total"`
	ImportedAt *time.Time `json:"imported_at,omitempty"`
}

// document returns the stored document of a value the audit trail records:
// domain values become the documents above; maps, string lists and other
// plain values stay as they are (their keys are already ours); nil, a nil
// pointer and an empty list become nil.
func document(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case *domain.Answer:
		if x == nil {
			return nil
		}
		return document(*x)
	case domain.Answer:
		return newAnswerDoc(x)
	case map[string]domain.Answer:
		if x == nil {
			return map[string]answerDoc{}
		}
		return newAnswerDocs(x)
	case map[string]*domain.Answer:
		out := make(map[string]any, len(x))
		for k, a := range x {
			out[k] = document(a)
		}
		return out
	case *domain.Review:
		if x == nil {
			return nil
		}
		return document(*x)
	case domain.Review:
		return newReviewDoc(x) // review.go
	case *domain.Unit:
		if x == nil {
			return nil
		}
		return newUnitDoc(*x)
	case domain.Unit:
		return newUnitDoc(x)
	case *domain.Assessment:
		if x == nil {
			return nil
		}
		return document(*x)
	case domain.Assessment:
		return assessmentDoc{ID: x.ID, Unit: newUnitDoc(x.Unit), Round: x.Round, CatalogID: x.CatalogID,
			CatalogVersion: x.CatalogVersion, Status: string(x.Status), Vetoes: x.Vetoes,
			CreatedBy: x.CreatedBy, CreatedAt: timeDoc(x.CreatedAt), UpdatedAt: timeDoc(x.UpdatedAt),
			SubmittedBy: x.SubmittedBy, SubmittedAt: timeDoc(x.SubmittedAt),
			ReturnedBy: x.ReturnedBy, ReturnedAt: timeDoc(x.ReturnedAt), ReturnReason: x.ReturnReason,
			ApprovedBy: x.ApprovedBy, ApprovedAt: timeDoc(x.ApprovedAt)}
	case *domain.Evidence:
		if x == nil {
			return nil
		}
		return document(*x)
	case domain.Evidence:
		return evidenceDoc{ID: x.ID, AssessmentID: x.AssessmentID, ItemID: x.ItemID, Name: x.Name,
			OriginalName: x.OriginalName, MediaType: x.MediaType, Size: x.Size, SHA256: x.SHA256, AddedBy: x.AddedBy, AddedAt: timeDoc(x.AddedAt)}
	case domain.Round:
		return roundDoc{Name: x.Name, Start: timeDoc(x.Start), End: timeDoc(x.End)}
	case domain.CatalogInfo:
		return catalogInfoDoc{ID: x.ID, Version: x.Version, Title: x.Title, Hash: x.Hash, Items: x.Items,
			Total: x.Total, ImportedAt: timeDoc(x.ImportedAt)}
	case []string:
		if len(x) == 0 {
			return nil
		}
		return x
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = document(e)
		}
		return out
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer { // *domain.Round and the like
		if rv.IsNil() {
			return nil
		}
		return document(rv.Elem().Interface())
	}
	return v
}

// timeDoc returns t in UTC, nil when zero.
func timeDoc(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// toJSON returns the JSON text of v's document for the audit trail; "" when
// there is nothing (nil, a nil pointer, an empty list).
func toJSON(v any) string {
	d := document(v)
	if d == nil {
		return ""
	}
	b, err := canonicalJSON(d)
	if err != nil {
		return ""
	}
	return string(b)
}
