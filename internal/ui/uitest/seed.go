package uitest

import (
	"context"
	"testing"

	"pingce/internal/domain"
)

// Store is what Seed needs of a store: storagetest.Open gives one.
type Store interface {
	domain.UnitService
	domain.CatalogService
	domain.AssessmentService
	domain.AnswerService
	domain.ReviewService
}

// Seed stores the catalog c and an assessment of unit (created when no
// unit of its name is stored) for round, with the first answers check
// items met; a status other than Draft submits it (the items left become
// N/A) and Approved approves it too. It returns the assessment's id.
func Seed(t testing.TB, st Store, c *domain.Catalog, unit domain.Unit, round string, status domain.AssessmentStatus, answers int) int64 {
	t.Helper()
	ctx := domain.WithUser(context.Background(), domain.User{Name: "seed", Roles: domain.Roles})
	if _, _, err := st.ImportCatalog(ctx, c); err != nil {
		t.Fatal(err)
	}
	units, _ := st.ListUnits(ctx)
	for _, x := range units {
		if x.Name == unit.Name {
			unit = x
		}
	}
	if unit.ID == 0 {
		if err := st.CreateUnit(ctx, &unit); err != nil {
			t.Fatal(err)
		}
	}
	a := &domain.Assessment{Unit: unit, Round: round, CatalogID: c.ID, CatalogVersion: c.Version}
	if err := st.CreateAssessment(ctx, a); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, it := range c.Items() {
		if n == answers {
			break
		}
		if it.Method == domain.MethodCheck && !it.IsComposite() {
			if _, err := st.SaveAnswer(ctx, a.ID, it.ID, domain.Answer{Met: domain.Bool(true), Note: "见台账"}); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	if status == domain.Draft {
		return a.ID
	}
	// Submitting needs every applicable item answered: the rest becomes N/A.
	ws, err := st.OpenAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range c.Items() {
		if _, done := ws.Answers.Answers[it.ID]; !done && it.AppliesToType(unit.Type) && !it.Bonus {
			if _, err := st.SaveAnswer(ctx, a.ID, it.ID, domain.Answer{NA: true, Reason: "无此项"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := st.Submit(ctx, a.ID); err != nil {
		t.Fatalf("submit: %v %v", err, domain.ErrorProblems(err))
	}
	if status == domain.Approved {
		if err := st.Approve(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	return a.ID
}
