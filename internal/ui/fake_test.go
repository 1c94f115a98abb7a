package ui

import (
	"context"
	"sort"
	"sync"
	"time"

	"pingce/internal/domain"
)

// fakeStore is a small in-memory stand-in for the store's services.
type fakeStore struct {
	domain.AssessmentService // methods the shell does not call panic
	domain.EvidenceService

	mu     sync.Mutex
	units  []domain.Unit
	cats   map[string]*domain.Catalog
	infos  map[string]domain.CatalogInfo
	ws     map[int64]*domain.Workspace
	next   int64
	actors []string // actor of every write
}

func newFakeStore() *fakeStore {
	return &fakeStore{cats: map[string]*domain.Catalog{}, infos: map[string]domain.CatalogInfo{},
		ws: map[int64]*domain.Workspace{}}
}

func (f *fakeStore) write(ctx context.Context) {
	f.actors = append(f.actors, domain.ActorFrom(ctx))
}

func (f *fakeStore) CreateUnit(ctx context.Context, u *domain.Unit) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if u.Name == "" || u.Type == "" {
		return domain.Errorf(domain.EINVALID, "unit needs a name and a type")
	}
	f.write(ctx)
	f.next++
	u.ID = f.next
	f.units = append(f.units, *u)
	return nil
}

func (f *fakeStore) UpdateUnit(ctx context.Context, u *domain.Unit) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.units {
		if f.units[i].ID == u.ID {
			f.write(ctx)
			f.units[i] = *u
			return nil
		}
	}
	return domain.Errorf(domain.ENOTFOUND, "no unit %d", u.ID)
}

func (f *fakeStore) FindUnit(_ context.Context, id int64) (*domain.Unit, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, u := range f.units {
		if u.ID == id {
			return &u, nil
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "no unit %d", id)
}

func (f *fakeStore) ListUnits(context.Context) ([]domain.Unit, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := append([]domain.Unit(nil), f.units...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func (f *fakeStore) ImportCatalog(ctx context.Context, c *domain.Catalog) (domain.CatalogInfo, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i, ok := f.infos[c.Ref()]; ok {
		return i, false, nil
	}
	f.write(ctx)
	i := domain.CatalogInfo{ID: c.ID, Version: c.Version, Title: c.Title, Items: len(c.Items()), Total: c.Total, ImportedAt: time.Now()}
	f.infos[c.Ref()] = i
	f.cats[c.Ref()] = c
	return i, true, nil
}

func (f *fakeStore) ListCatalogs(context.Context) ([]domain.CatalogInfo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []domain.CatalogInfo
	for _, i := range f.infos {
		out = append(out, i)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Ref() < out[j].Ref() })
	return out, nil
}

func (f *fakeStore) FindCatalog(_ context.Context, ref string) (*domain.Catalog, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if c, ok := f.cats[ref]; ok {
		return c, nil
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "no catalog %s", ref)
}

func (f *fakeStore) CreateAssessment(ctx context.Context, a *domain.Assessment) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.cats[a.CatalogRef()]
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "no catalog %s", a.CatalogRef())
	}
	f.write(ctx)
	f.next++
	a.ID = f.next
	a.Status = domain.Draft
	a.CreatedBy = domain.ActorFrom(ctx)
	a.CreatedAt = time.Now()
	f.ws[a.ID] = &domain.Workspace{Assessment: *a, Catalog: c,
		Answers: &domain.AnswerSet{Catalog: c.Ref(), Round: a.Round, Answers: map[string]domain.Answer{}},
		Meta:    map[string]domain.AnswerMeta{}, Reviews: map[string]domain.Review{}, Evidence: map[string][]domain.Evidence{}}
	return nil
}

func (f *fakeStore) ListAssessments(_ context.Context, flt domain.AssessmentFilter) ([]domain.AssessmentSummary, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []domain.AssessmentSummary
	for _, w := range f.ws {
		if flt.Round != "" && w.Assessment.Round != flt.Round || flt.Status != "" && w.Assessment.Status != flt.Status {
			continue
		}
		r := w.Result()
		out = append(out, domain.AssessmentSummary{Assessment: w.Assessment, CatalogTitle: w.Catalog.Title,
			Answered: r.Answered, Applicable: r.Applicable, Final: r.Final, Total: r.Total, Grade: r.Grade})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	return out, nil
}

func (f *fakeStore) OpenAssessment(_ context.Context, id int64) (*domain.Workspace, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if w, ok := f.ws[id]; ok {
		return w, nil
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "no assessment %d", id)
}

func (f *fakeStore) DeleteAssessment(ctx context.Context, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	w, ok := f.ws[id]
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "no assessment %d", id)
	}
	if w.Assessment.Status != domain.Draft {
		return domain.Errorf(domain.ELOCKED, "not a draft")
	}
	f.write(ctx)
	delete(f.ws, id)
	return nil
}

func (f *fakeStore) SaveAnswer(ctx context.Context, id int64, itemID string, a domain.Answer) (*domain.Result, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w := f.ws[id]
	f.write(ctx)
	w.Answers.Answers[itemID] = a
	return w.Result(), nil
}

// setStatus changes an assessment's status behind the shell's back.
func (f *fakeStore) setStatus(id int64, s domain.AssessmentStatus) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ws[id].Assessment.Status = s
}
