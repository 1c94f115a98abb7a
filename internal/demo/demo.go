// Package demo fills a database with realistic example data: units, rounds
// and assessments in every state of their life, answered the way units
// answer (mostly good, points lost here and there), with notes, N/A,
// flagged items, evidence files and reviewer points.
//
// It works on the domain's interfaces only, so the command line
// ("pingce demo"), the UI tests and the screenshot script fill their
// databases the same way. Everything it writes follows from Options and
// its seed: two runs on empty databases store the same data.
package demo

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// Stores are the services the demo fills.
type Stores struct {
	Units       domain.UnitService
	Catalogs    domain.CatalogService
	Assessments domain.AssessmentService
	Answers     domain.AnswerService
	Reviews     domain.ReviewService
	Evidence    domain.EvidenceService
	// Rounds stores the rounds' dates; nil leaves them out.
	Rounds RoundSaver
	// Profile receives the local user's settings; nil leaves them out.
	Profile domain.ProfileService
}

// RoundSaver stores a round with its dates.
type RoundSaver interface {
	SaveRound(ctx context.Context, r domain.Round) error
}

// Options say what to fill.
type Options struct {
	// Catalog is the built-in catalog every assessment answers.
	Catalog string
	// Units are created unless a unit of the same name is stored.
	Units []domain.Unit
	// Rounds are saved with their dates when Stores.Rounds is set.
	Rounds []domain.Round
	// Assessments are made in this order.
	Assessments []Spec
	// Seed decides the answers and the reviewers' points.
	Seed uint64
	// People makes each unit's own staff (Staff) create, answer and submit
	// its assessments and Reviewer review, return and approve them. Without
	// it the user of the context does everything.
	People bool
	// Reviewer is the evaluation lead's name, with People.
	Reviewer string
	// Profile, when set, becomes the database's profile unless it has one:
	// the unit Options.Units[Profile.Unit], the user of the context as the
	// operator, with Profile.Roles. The program then opens on the demo
	// without asking who is working.
	Profile *ProfileSpec
}

// ProfileSpec is the profile the demo gives a database.
type ProfileSpec struct {
	Unit  int // index into Options.Units
	Roles []domain.Role
}

// Spec is one assessment to make.
type Spec struct {
	Unit  int    // index into Options.Units
	Round string // round name
	// State is where the assessment ends: a draft (answered to Share),
	// submitted, returned to the unit, or approved. Only drafts may be
	// partly answered.
	State domain.AssessmentStatus
	// Share of the applicable items answered, 0 to 1; 1 for every state
	// but Draft.
	Share float64
	// Quality is the chance that an answer earns full points, 0 to 1. Zero
	// keeps the fixed pattern of the single demo: three in four.
	Quality float64
	// Reviews is how many items the reviewer marks down (after
	// submitting; kept by a return or an approval).
	Reviews int
	// Extras adds what a half-done draft shows: a N/A with its reason, a
	// flagged item with a note, and two evidence files.
	Extras bool
}

// Made is an assessment the demo stored.
type Made struct {
	ID     int64
	Unit   domain.Unit
	Round  string
	Status domain.AssessmentStatus
}

// Result is what Fill stored.
type Result struct {
	Catalog     string // id@version
	Units       []domain.Unit
	Assessments []Made
	// Already is set when the data was there before: nothing was written.
	Already *domain.AssessmentSummary
}

// Fill stores the units, rounds and assessments of opt. When any unit of
// opt already has an assessment in one of its rounds it writes nothing and
// reports that one in Result.Already, so that running the demo twice does
// not double the data.
func Fill(ctx context.Context, st Stores, opt Options) (*Result, error) {
	c, err := catalog.Builtin(opt.Catalog)
	if err != nil {
		return nil, err
	}
	if _, _, err := st.Catalogs.ImportCatalog(ctx, c); err != nil {
		return nil, fmt.Errorf("demo catalog: %w", err)
	}
	units, err := ensureUnits(ctx, st.Units, opt.Units)
	if err != nil {
		return nil, err
	}
	res := &Result{Catalog: c.Ref(), Units: units}
	if a, err := existing(ctx, st.Assessments, units, opt.Assessments); err != nil || a != nil {
		res.Already = a
		return res, err
	}
	if err := saveProfile(ctx, st.Profile, opt.Profile, units); err != nil {
		return nil, err
	}
	if st.Rounds != nil {
		for _, r := range opt.Rounds {
			if err := st.Rounds.SaveRound(ctx, r); err != nil {
				return nil, fmt.Errorf("round %s: %w", r.Name, err)
			}
		}
	}
	for k, sp := range opt.Assessments {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if sp.Unit < 0 || sp.Unit >= len(units) {
			return nil, fmt.Errorf("demo assessment %d: no unit %d", k, sp.Unit)
		}
		m, err := make1(ctx, st, c, opt, units[sp.Unit], sp, rand.New(rand.NewPCG(opt.Seed, uint64(k))))
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", units[sp.Unit].Name, sp.Round, err)
		}
		res.Assessments = append(res.Assessments, m)
	}
	return res, nil
}

// ensureUnits returns the stored units of the given names, creating those
// not stored yet.
func ensureUnits(ctx context.Context, us domain.UnitService, want []domain.Unit) ([]domain.Unit, error) {
	stored, err := us.ListUnits(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Unit, len(want))
	for i, w := range want {
		j := slices.IndexFunc(stored, func(u domain.Unit) bool { return u.Name == w.Name })
		if j >= 0 {
			out[i] = stored[j]
			continue
		}
		u := w
		if err := us.CreateUnit(ctx, &u); err != nil {
			return nil, fmt.Errorf("unit %s: %w", w.Name, err)
		}
		out[i] = u
	}
	return out, nil
}

// saveProfile stores the profile spec asks for, unless the database has a
// profile already or the context has no user.
func saveProfile(ctx context.Context, ps domain.ProfileService, spec *ProfileSpec, units []domain.Unit) error {
	name := domain.ActorFrom(ctx)
	if ps == nil || spec == nil || name == "" || spec.Unit < 0 || spec.Unit >= len(units) {
		return nil
	}
	switch _, err := ps.Profile(ctx); {
	case err == nil:
		return nil // the user's own settings stay
	case domain.ErrorCode(err) != domain.ENOTFOUND:
		return fmt.Errorf("demo profile: %w", err)
	}
	p := domain.Profile{UnitID: units[spec.Unit].ID, Operator: name, Roles: slices.Clone(spec.Roles)}
	if err := ps.SaveProfile(ctx, p); err != nil {
		return fmt.Errorf("demo profile: %w", err)
	}
	return nil
}

// existing returns an assessment that one of the specs would make again.
func existing(ctx context.Context, as domain.AssessmentService, units []domain.Unit, specs []Spec) (*domain.AssessmentSummary, error) {
	list, err := as.ListAssessments(ctx, domain.AssessmentFilter{})
	if err != nil {
		return nil, err
	}
	for _, a := range list {
		for _, sp := range specs {
			if sp.Unit >= 0 && sp.Unit < len(units) && a.Unit.ID == units[sp.Unit].ID && a.Round == sp.Round {
				return &a, nil
			}
		}
	}
	return nil, nil
}

// make1 makes one assessment and takes it to its state.
func make1(ctx context.Context, st Stores, c *domain.Catalog, opt Options, unit domain.Unit, sp Spec, rng *rand.Rand) (Made, error) {
	staff, reviewer := ctx, ctx
	if opt.People {
		staff = domain.WithUser(ctx, domain.User{Name: Staff(unit), Unit: unit.ID, Roles: []domain.Role{domain.RoleStaff}})
		reviewer = domain.WithUser(ctx, domain.User{Name: opt.Reviewer, Roles: []domain.Role{domain.RoleReviewer}})
	}
	a := &domain.Assessment{Unit: unit, Round: sp.Round, CatalogID: c.ID, CatalogVersion: c.Version}
	if err := st.Assessments.CreateAssessment(staff, a); err != nil {
		return Made{}, err
	}
	share := sp.Share
	if sp.State != domain.Draft {
		share = 1
	}
	set, files := answerSet(c, unit, sp, share, rng)
	if err := st.Answers.ImportAnswers(staff, a.ID, set); err != nil {
		return Made{}, fmt.Errorf("answers: %w", err)
	}
	for i, id := range files {
		name, data := evidenceFile(unit, i)
		if _, err := st.Evidence.AddEvidence(staff, a.ID, id, name, bytes.NewReader(data)); err != nil {
			return Made{}, fmt.Errorf("evidence for %s: %w", id, err)
		}
	}
	if sp.State == domain.Draft {
		return Made{a.ID, unit, sp.Round, domain.Draft}, nil
	}
	if err := st.Assessments.Submit(staff, a.ID); err != nil {
		return Made{}, fmt.Errorf("submit: %w", err)
	}
	if err := review(reviewer, st.Reviews, c, unit, a.ID, set, sp.Reviews, rng); err != nil {
		return Made{}, err
	}
	switch sp.State {
	case domain.Returned:
		if err := st.Reviews.Return(reviewer, a.ID, returnReasons[rng.IntN(len(returnReasons))]); err != nil {
			return Made{}, fmt.Errorf("return: %w", err)
		}
	case domain.Approved:
		if err := st.Reviews.Approve(reviewer, a.ID); err != nil {
			return Made{}, fmt.Errorf("approve: %w", err)
		}
	}
	return Made{a.ID, unit, sp.Round, sp.State}, nil
}

// review marks down n items that earned points, picked by rng among the
// plain (not composite, not bonus) applicable items.
func review(ctx context.Context, as domain.ReviewService, c *domain.Catalog, unit domain.Unit, id int64, set *domain.AnswerSet, n int, rng *rand.Rand) error {
	var cands []*domain.Item
	for _, it := range c.Items() {
		if it.AppliesToType(unit.Type) && !it.IsComposite() && !it.Bonus && it.PointsFor(set.Answers[it.ID], unit.Type) > 0 {
			cands = append(cands, it)
		}
	}
	rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	for _, it := range cands[:min(n, len(cands))] {
		own := it.PointsFor(set.Answers[it.ID], unit.Type)
		pts := domain.Round2(own * float64(rng.IntN(3)+1) / 4) // a quarter to three quarters of the unit's own
		r := domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(pts), Reason: reviewComments[rng.IntN(len(reviewComments))]}
		if _, err := as.SaveReview(ctx, id, it.ID, r); err != nil {
			return fmt.Errorf("review %s: %w", it.ID, err)
		}
	}
	return nil
}

// Staff is the name of the person who fills in a unit's assessments in
// the demo: one of a fixed list, picked by the unit's name.
func Staff(u domain.Unit) string {
	h := uint32(2166136261)
	for _, b := range []byte(u.Name) {
		h = (h ^ uint32(b)) * 16777619
	}
	return staffNames[h%uint32(len(staffNames))]
}

var staffNames = []string{"王芳", "李强", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄涛", "周琳", "吴勇", "徐丽", "孙浩"}

var returnReasons = []string{
	"佐证材料不全，请补充后重新提交。",
	"部分指标数据与统计口径不符，请核实后重新提交。",
	"不适用项的理由不充分，请补充说明。",
}

var reviewComments = []string{
	"佐证材料不足，核减分值。",
	"数据与上级通报不一致，按通报数据计分。",
	"会议纪要未体现研究部署内容，部分得分。",
	"台账不完整，仅覆盖部分月份。",
}

// dates returns the first and last day of a quarter.
func dates(year int, q int) (time.Time, time.Time) {
	start := time.Date(year, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
	return start, start.AddDate(0, 3, -1)
}
