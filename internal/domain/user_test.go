package domain_test

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
)

func TestUserContext(t *testing.T) {
	if _, ok := domain.UserFrom(context.Background()); ok {
		t.Error("UserFrom(empty context) found a user")
	}
	u := domain.User{Name: "张三", Unit: 7, Roles: []domain.Role{domain.RoleStaff}}
	got, ok := domain.UserFrom(domain.WithUser(context.Background(), u))
	if !ok || got.Name != "张三" || got.Unit != 7 || !got.Has(domain.RoleStaff) || got.Has(domain.RoleReviewer) {
		t.Errorf("UserFrom = %+v, %v", got, ok)
	}
	if n := domain.ActorFrom(domain.WithUser(context.Background(), u)); n != "张三" {
		t.Errorf("ActorFrom = %q", n)
	}
	shim, _ := domain.UserFrom(domain.WithActor(context.Background(), "李四"))
	for _, r := range domain.Roles {
		if !shim.Has(r) {
			t.Errorf("WithActor user lacks role %s", r)
		}
	}
}

func TestParseRoles(t *testing.T) {
	tests := []struct {
		in   string
		want string // roles joined by ","; "!" for an error
	}{
		{"", ""},
		{"staff", "staff"},
		{" reviewer , staff,reviewer", "reviewer,staff"},
		{"admin,,", "admin"},
		{"boss", "!"},
		{"staff,Staff", "!"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			rs, err := domain.ParseRoles(tt.in)
			if tt.want == "!" {
				if domain.ErrorCode(err) != domain.EINVALID || len(domain.ErrorProblems(err)) == 0 ||
					domain.ErrorProblems(err)[0].Code != domain.ProbUnknownRole {
					t.Errorf("ParseRoles(%q) = %v, %v; want EINVALID with unknown_role", tt.in, rs, err)
				}
				return
			}
			var names []string
			for _, r := range rs {
				names = append(names, string(r))
			}
			if err != nil || strings.Join(names, ",") != tt.want {
				t.Errorf("ParseRoles(%q) = %v, %v; want %s", tt.in, names, err, tt.want)
			}
		})
	}
}

func TestValidName(t *testing.T) {
	tests := []struct {
		name, in, code string // code "" when valid
	}{
		{"chinese", "某某区公安分局", ""},
		{"with spaces inside", "张 三", ""},
		{"longest", strings.Repeat("局", domain.MaxNameLen), ""},
		{"empty", "", domain.ProbNameEmpty},
		{"blank", " \t ", domain.ProbNameEmpty},
		{"too long", strings.Repeat("局", domain.MaxNameLen+1), domain.ProbNameTooLong},
		{"newline", "张\n三", domain.ProbNameChars},
		{"NUL", "a\x00b", domain.ProbNameChars},
		{"escape", "a\x1b[31mb", domain.ProbNameChars},
		{"DEL", "a\x7fb", domain.ProbNameChars},
		{"C1 control", "a\u0085b", domain.ProbNameChars},
		{"right-to-left override", "abc\u202edcba", domain.ProbNameChars},
		{"line separator", "a\u2028b", domain.ProbNameChars},
		{"invalid UTF-8", "a\xffb", domain.ProbBadText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := domain.ValidName(tt.in)
			if tt.code == "" {
				if err != nil {
					t.Errorf("ValidName(%q) = %v", tt.in, err)
				}
				return
			}
			ps := domain.ErrorProblems(err)
			if domain.ErrorCode(err) != domain.EINVALID || len(ps) != 1 || ps[0].Code != tt.code {
				t.Errorf("ValidName(%q) = %v %v, want one %s problem", tt.in, err, ps, tt.code)
			}
		})
	}
}

var (
	staff    = domain.User{Name: "staff", Unit: 1, Roles: []domain.Role{domain.RoleStaff}}
	anyStaff = domain.User{Name: "local", Roles: []domain.Role{domain.RoleStaff}}
	reviewer = domain.User{Name: "rev", Unit: 9, Roles: []domain.Role{domain.RoleReviewer}}
	ownRev   = domain.User{Name: "own reviewer", Unit: 1, Roles: []domain.Role{domain.RoleReviewer}}
	admin    = domain.User{Name: "admin", Unit: 9, Roles: []domain.Role{domain.RoleAdmin}}
	everyone = domain.User{Name: "all", Roles: domain.Roles}
	nobody   = domain.User{}
)

// TestCan is who may do what, whatever the status: the table of rights.
func TestCan(t *testing.T) {
	unit1 := &domain.Assessment{ID: 1, Unit: domain.Unit{ID: 1, Name: "一所"}}
	unit2 := &domain.Assessment{ID: 2, Unit: domain.Unit{ID: 2, Name: "二所"}}
	type row struct {
		user   domain.User
		act    domain.Action
		a      *domain.Assessment
		allows bool
	}
	tests := map[string]row{
		"staff edit own":           {staff, domain.ActEdit, unit1, true},
		"staff edit other":         {staff, domain.ActEdit, unit2, false},
		"staff submit own":         {staff, domain.ActSubmit, unit1, true},
		"staff submit other":       {staff, domain.ActSubmit, unit2, false},
		"staff create own":         {staff, domain.ActCreate, unit1, true},
		"staff create other":       {staff, domain.ActCreate, unit2, false},
		"staff delete own":         {staff, domain.ActDelete, unit1, true},
		"staff review":             {staff, domain.ActReview, unit2, false},
		"staff return":             {staff, domain.ActReturn, unit1, false},
		"staff approve":            {staff, domain.ActApprove, unit1, false},
		"staff units":              {staff, domain.ActManageUnits, nil, false},
		"staff catalogs":           {staff, domain.ActManageCatalogs, nil, false},
		"staff rounds":             {staff, domain.ActManageRounds, nil, false},
		"unbound staff edit any":   {anyStaff, domain.ActEdit, unit2, true},
		"reviewer review":          {reviewer, domain.ActReview, unit1, true},
		"reviewer return":          {reviewer, domain.ActReturn, unit1, true},
		"reviewer approve":         {reviewer, domain.ActApprove, unit2, true},
		"reviewer edit":            {reviewer, domain.ActEdit, unit1, false},
		"reviewer submit":          {reviewer, domain.ActSubmit, unit1, false},
		"reviewer rounds":          {reviewer, domain.ActManageRounds, nil, true},
		"reviewer catalogs":        {reviewer, domain.ActManageCatalogs, nil, false},
		"reviewer of own unit":     {ownRev, domain.ActReview, unit1, false},
		"reviewer approves own":    {ownRev, domain.ActApprove, unit1, false},
		"reviewer of other unit":   {ownRev, domain.ActReview, unit2, true},
		"admin units":              {admin, domain.ActManageUnits, nil, true},
		"admin catalogs":           {admin, domain.ActManageCatalogs, nil, true},
		"admin rounds":             {admin, domain.ActManageRounds, nil, true},
		"admin create any":         {admin, domain.ActCreate, unit1, true},
		"admin delete any":         {admin, domain.ActDelete, unit2, true},
		"admin edit":               {admin, domain.ActEdit, unit1, false},
		"admin approve":            {admin, domain.ActApprove, unit1, false},
		"all roles edit":           {everyone, domain.ActEdit, unit1, true},
		"all roles review":         {everyone, domain.ActReview, unit1, true},
		"nobody edit":              {nobody, domain.ActEdit, unit1, false},
		"nobody units":             {nobody, domain.ActManageUnits, nil, false},
		"edit without assessment":  {everyone, domain.ActEdit, nil, false},
		"unknown action":           {everyone, domain.Action("fly"), unit1, false},
		"create without an answer": {admin, domain.ActCreate, nil, false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := domain.Can(tt.user, tt.act, tt.a); got != tt.allows {
				t.Errorf("Can(%s, %s) = %v, want %v", tt.user.Name, tt.act, got, tt.allows)
			}
			err := domain.Authorize(tt.user, tt.act, tt.a)
			if !tt.allows && domain.ErrorCode(err) != domain.EFORBIDDEN {
				t.Errorf("Authorize = %v, want EFORBIDDEN", err)
			}
		})
	}
}

// TestAllowed is what each status allows, for a user who holds every role.
func TestAllowed(t *testing.T) {
	want := map[domain.AssessmentStatus]map[domain.Action]string{ // error code; "" allowed
		domain.Draft: {domain.ActCreate: "", domain.ActEdit: "", domain.ActSubmit: "", domain.ActDelete: "",
			domain.ActReview: domain.EINVALID, domain.ActReturn: domain.EINVALID, domain.ActApprove: domain.EINVALID},
		domain.Submitted: {domain.ActEdit: domain.ELOCKED, domain.ActSubmit: domain.ELOCKED, domain.ActDelete: domain.ELOCKED,
			domain.ActReview: "", domain.ActReturn: "", domain.ActApprove: ""},
		domain.Returned: {domain.ActEdit: "", domain.ActSubmit: "", domain.ActDelete: domain.ELOCKED,
			domain.ActReview: domain.EINVALID, domain.ActReturn: domain.EINVALID, domain.ActApprove: domain.EINVALID},
		domain.Approved: {domain.ActEdit: domain.ELOCKED, domain.ActSubmit: domain.ELOCKED, domain.ActDelete: domain.ELOCKED,
			domain.ActReview: domain.ELOCKED, domain.ActReturn: domain.EINVALID, domain.ActApprove: domain.EINVALID},
	}
	for st, acts := range want {
		for act, code := range acts {
			t.Run(string(st)+"/"+string(act), func(t *testing.T) {
				a := &domain.Assessment{ID: 3, Status: st, Unit: domain.Unit{ID: 1}}
				if got := domain.ErrorCode(domain.Authorize(everyone, act, a)); got != code {
					t.Errorf("Authorize(%s in %s) code %q, want %q", act, st, got, code)
				}
			})
		}
	}
	if err := domain.Allowed(domain.ActManageUnits, nil); err != nil {
		t.Errorf("Allowed(manage units) = %v", err)
	}
}

// TestWorkflow walks draft → submitted → returned → submitted → approved
// and checks who, when and why are recorded and that a refused step
// changes nothing.
func TestWorkflow(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 7, 1, h, 0, 0, 0, time.UTC) }
	a := &domain.Assessment{ID: 5, Unit: domain.Unit{ID: 1, Name: "一所"}, Status: domain.Draft}
	steps := []struct {
		name   string
		user   domain.User
		act    domain.Action
		reason string
		code   string // "" when the step is taken
		status domain.AssessmentStatus
	}{
		{"reviewer cannot submit", reviewer, domain.ActSubmit, "", domain.EFORBIDDEN, domain.Draft},
		{"draft cannot be approved", reviewer, domain.ActApprove, "", domain.EINVALID, domain.Draft},
		{"staff submits", staff, domain.ActSubmit, "", "", domain.Submitted},
		{"submitted twice", staff, domain.ActSubmit, "", domain.ELOCKED, domain.Submitted},
		{"staff cannot return", staff, domain.ActReturn, "why", domain.EFORBIDDEN, domain.Submitted},
		{"return needs a reason", reviewer, domain.ActReturn, "  ", domain.EINVALID, domain.Submitted},
		{"reviewer returns", reviewer, domain.ActReturn, " 缺少材料 ", "", domain.Returned},
		{"staff submits again", staff, domain.ActSubmit, "", "", domain.Submitted},
		{"own unit cannot approve", ownRev, domain.ActApprove, "", domain.EFORBIDDEN, domain.Submitted},
		{"reviewer approves", reviewer, domain.ActApprove, "", "", domain.Approved},
		{"approved is final", reviewer, domain.ActReturn, "late", domain.EINVALID, domain.Approved},
		{"not a step", everyone, domain.ActEdit, "", domain.EINVALID, domain.Approved},
	}
	for i, s := range steps {
		before := *a
		err := a.Step(s.user, s.act, at(i), s.reason)
		if got := domain.ErrorCode(err); got != s.code {
			t.Fatalf("%s: code %q (%v), want %q", s.name, got, err, s.code)
		}
		if err != nil && !reflect.DeepEqual(*a, before) {
			t.Errorf("%s: refused step changed the assessment: %+v", s.name, a)
		}
		if a.Status != s.status {
			t.Errorf("%s: status %s, want %s", s.name, a.Status, s.status)
		}
		if s.name == "return needs a reason" {
			if ps := domain.ErrorProblems(err); len(ps) != 1 || ps[0].Code != domain.ProbReturnReason {
				t.Errorf("%s: problems %v", s.name, ps)
			}
		}
	}
	if a.SubmittedBy != "staff" || !a.SubmittedAt.Equal(at(7)) || a.ReturnedBy != "rev" || !a.ReturnedAt.Equal(at(6)) ||
		a.ReturnReason != "缺少材料" || a.ApprovedBy != "rev" || !a.ApprovedAt.Equal(at(9)) || !a.UpdatedAt.Equal(at(9)) {
		t.Errorf("who/when/why: %+v", a)
	}
}

func TestWorkspaceSubmit(t *testing.T) {
	c := newTestCatalog()
	ws := &domain.Workspace{Assessment: domain.Assessment{ID: 1, Unit: domain.Unit{ID: 1}, Status: domain.Draft},
		Catalog: c, Answers: &domain.AnswerSet{Answers: map[string]domain.Answer{}}}
	err := ws.Submit(reviewer, time.Now())
	if domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("reviewer Submit = %v, want EFORBIDDEN before looking at the answers", err)
	}
	err = ws.Submit(staff, time.Now())
	if domain.ErrorCode(err) != domain.EBLOCKED || len(domain.ErrorProblems(err)) == 0 || ws.Assessment.Status != domain.Draft {
		t.Errorf("Submit with nothing answered = %v, status %s", err, ws.Assessment.Status)
	}
}

func TestCheckReview(t *testing.T) {
	it := &domain.Item{ID: "A1", Max: 5}
	tests := []struct {
		name  string
		r     domain.Review
		codes string
	}{
		{"no points", domain.Review{Comment: "ok"}, ""},
		{"zero", domain.Review{Score: domain.Float(0)}, ""},
		{"max", domain.Review{Score: domain.Float(5)}, ""},
		{"above max", domain.Review{Score: domain.Float(5.5)}, domain.ProbReviewPoints},
		{"negative", domain.Review{Score: domain.Float(-1)}, domain.ProbReviewPoints},
		{"NaN", domain.Review{Score: domain.Float(math.NaN())}, domain.ProbReviewPoints},
		{"bad comment", domain.Review{Comment: "a\x00"}, domain.ProbBadText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := it.CheckReview(tt.r)
			var codes []string
			for _, p := range ps {
				codes = append(codes, p.Code)
				if p.ItemID != "A1" {
					t.Errorf("problem %v not about A1", p)
				}
				if p.Code == domain.ProbReviewPoints && (p.Args["max"] != "5" || p.Args["value"] == "") {
					t.Errorf("Args %v", p.Args)
				}
			}
			if got := strings.Join(codes, ","); got != tt.codes {
				t.Errorf("codes %q, want %q", got, tt.codes)
			}
		})
	}
}

func TestCheckVetoes(t *testing.T) {
	c := newTestCatalog()
	vs, ps := domain.CheckVetoes(c, []string{"V2", "V1", "V2", "V9"})
	if strings.Join(vs, ",") != "V2,V1" || len(ps) != 1 || ps[0].Code != domain.ProbUnknownVeto || ps[0].Args["veto"] != "V9" {
		t.Errorf("CheckVetoes = %v, %v", vs, ps)
	}
}

func TestCheckRound(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 7, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		r    domain.Round
		code string
	}{
		{"name only", domain.Round{Name: "2026-Q3"}, ""},
		{"dates", domain.Round{Name: "2026-Q3", Start: day(1), End: day(30)}, ""},
		{"one day", domain.Round{Name: "x", Start: day(1), End: day(1)}, ""},
		{"no name", domain.Round{Name: " "}, domain.ProbNoRound},
		{"control character", domain.Round{Name: "2026\nQ3"}, domain.ProbNameChars},
		{"ends before it starts", domain.Round{Name: "x", Start: day(2), End: day(1)}, domain.ProbRoundDates},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := domain.CheckRound(tt.r)
			if tt.code == "" {
				if err != nil {
					t.Errorf("CheckRound = %v", err)
				}
				return
			}
			if ps := domain.ErrorProblems(err); domain.ErrorCode(err) != domain.EINVALID || len(ps) != 1 || ps[0].Code != tt.code {
				t.Errorf("CheckRound = %v %v, want %s", err, ps, tt.code)
			}
		})
	}
}

func TestCheckText(t *testing.T) {
	a := domain.Answer{Note: "ok", Reason: "a\x00", Parts: map[string]domain.Answer{"b": {Level: "\xff"}, "a": {Note: "fine"}}}
	ps := domain.CheckText("A1", a)
	if len(ps) != 2 || ps[0].ItemID != "A1" || ps[0].Args["field"] != "reason" || ps[1].ItemID != "A1.b" || ps[1].Args["field"] != "level" {
		t.Errorf("CheckText = %v", ps)
	}
}

// FuzzParseRoles reads any text as roles without panicking: either every
// role it returns is valid and listed once, or it refuses with problems.
func FuzzParseRoles(f *testing.F) {
	for _, s := range []string{"", "staff", "staff, reviewer,admin", "boss", ",,", "staff\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs, err := domain.ParseRoles(s)
		if err != nil {
			if len(domain.ErrorProblems(err)) == 0 {
				t.Fatalf("refused %q without problems", s)
			}
			return
		}
		seen := map[domain.Role]bool{}
		for _, r := range rs {
			if !r.Valid() || seen[r] {
				t.Fatalf("ParseRoles(%q) = %v", s, rs)
			}
			seen[r] = true
		}
	})
}

// FuzzValidName checks that an accepted name is printable text of bounded
// length, and that a refusal carries exactly one problem.
func FuzzValidName(f *testing.F) {
	for _, s := range []string{"张三", "", " ", "a\nb", "\u202e", strings.Repeat("x", 101)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := domain.ValidName(s)
		if err != nil {
			if len(domain.ErrorProblems(err)) != 1 {
				t.Fatalf("ValidName(%q) = %v without one problem", s, err)
			}
			return
		}
		if strings.TrimSpace(s) == "" || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) ||
			len([]rune(s)) > domain.MaxNameLen {
			t.Fatalf("ValidName accepted %q", s)
		}
	})
}

// A unit's staff may edit their draft but not approve it; once it is
// submitted, its answers are locked.
func ExampleAuthorize() {
	a := &domain.Assessment{ID: 7, Unit: domain.Unit{ID: 3, Name: "城关派出所"}, Status: domain.Draft}
	staff := domain.User{Name: "王五", Unit: 3, Roles: []domain.Role{domain.RoleStaff}}
	fmt.Println(domain.ErrorCode(domain.Authorize(staff, domain.ActEdit, a)) == "")
	fmt.Println(domain.ErrorCode(domain.Authorize(staff, domain.ActApprove, a)))
	a.Status = domain.Submitted
	fmt.Println(domain.ErrorCode(domain.Authorize(staff, domain.ActEdit, a)))
	// Output:
	// true
	// forbidden
	// locked
}
