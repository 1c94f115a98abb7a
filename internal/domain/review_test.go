package domain_test

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
)

func reviewWorkspace() *domain.Workspace {
	return &domain.Workspace{
		Assessment: domain.Assessment{ID: 7, Unit: domain.Unit{ID: 3, Name: "某某区公安分局", Type: "分县局"}, Status: domain.Submitted},
		Catalog:    newTestCatalog(),
		Answers: &domain.AnswerSet{Answers: map[string]domain.Answer{
			"A1": {Met: yes}, "A2": level("全部"), "B1.2": count(0), "X1": count(1)}},
		Reviews: map[string]domain.Review{},
	}
}

func TestCheckVerdict(t *testing.T) {
	ws := reviewWorkspace()
	ws.Answers.Answers["A1"] = domain.Answer{NA: true, Reason: "无此项"}
	tests := []struct {
		name  string
		item  string
		r     domain.Review
		codes string
	}{
		{"accept", "A2", domain.Review{Verdict: domain.VerdictAccept}, ""},
		{"accept with comment", "A2", domain.Review{Verdict: domain.VerdictAccept, Comment: "好"}, ""},
		{"empty clears", "A2", domain.Review{}, ""},
		{"adjust by answer with reason", "A2", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Level: "大部"}, Reason: "只有部分"}, ""},
		{"adjust by answer without reason", "A2", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Level: "大部"}}, domain.ProbReviewReason},
		{"adjust to the same points needs no reason", "A2", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(10)}, ""},
		{"adjust by points", "B1.2", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(30), Reason: "漏管一处"}, ""},
		{"points above max", "B1.2", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(41), Reason: "x"}, domain.ProbReviewPoints},
		{"negative points", "B1.2", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(-1), Reason: "x"}, domain.ProbReviewPoints},
		{"NaN points", "B1.2", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(math.NaN()), Reason: "x"}, domain.ProbReviewPoints},
		{"adjust with nothing", "A2", domain.Review{Verdict: domain.VerdictAdjust, Reason: "x"}, domain.ProbReviewAdjustEmpty},
		{"answer and other points", "A2", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Level: "大部"}, Score: domain.Float(5), Reason: "x"}, domain.ProbReviewTwoWays},
		{"unknown level", "A2", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Level: "一半"}, Reason: "x"}, domain.ProbUnknownLevel},
		{"wrong field", "A2", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Count: domain.Int(1)}, Reason: "x"}, domain.ProbWrongField},
		{"answer that does not answer", "A2", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Note: "看过"}, Reason: "x"}, domain.ProbReviewAnswerNone},
		{"N/A as the reviewer's answer", "A2", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{NA: true, Reason: "x"}, Reason: "x"}, domain.ProbReviewAnswerNone},
		{"points on accept", "A2", domain.Review{Verdict: domain.VerdictAccept, Score: domain.Float(5)}, domain.ProbReviewNotAdjust},
		{"request", "A2", domain.Review{Verdict: domain.VerdictRequest, Request: "请补充台账"}, ""},
		{"request without text", "A2", domain.Review{Verdict: domain.VerdictRequest, Comment: "x"}, domain.ProbReviewRequestEmpty},
		{"unknown verdict", "A2", domain.Review{Verdict: "maybe", Comment: "x"}, domain.ProbReviewVerdict},
		{"excluded item", "B1.1", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(1), Reason: "x"}, domain.ProbReviewExcluded},
		{"comment on an excluded item", "B1.1", domain.Review{Verdict: domain.VerdictAccept, Comment: "不适用"}, ""},
		{"overruling N/A needs a reason even at 0", "A1", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(0)}, domain.ProbReviewReason},
		{"overruling N/A with a reason", "A1", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(0), Reason: "实有此项"}, ""},
		{"bad reason text", "B1.2", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(30), Reason: "a\x00"}, domain.ProbBadText},
		{"unknown item", "Z9", domain.Review{Verdict: domain.VerdictAccept}, domain.ProbUnknownItem},
		{"legacy points take the comment as reason", "B1.2", domain.Review{Score: domain.Float(30), Comment: "漏管"}, ""},
		{"legacy points without comment", "B1.2", domain.Review{Score: domain.Float(30)}, domain.ProbReviewReason},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := ws.ReviewProblems(tt.item, tt.r)
			var codes []string
			for _, p := range ps {
				codes = append(codes, p.Code)
				if p.ItemID != tt.item {
					t.Errorf("problem %v names item %q, want %q", p, p.ItemID, tt.item)
				}
			}
			if got := strings.Join(codes, ","); got != tt.codes {
				t.Errorf("codes %q, want %q", got, tt.codes)
			}
		})
	}
	t.Run("ReasonArgs", func(t *testing.T) {
		_, ps := ws.ReviewProblems("A2", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Level: "少部"}})
		if len(ps) != 1 || ps[0].Args["own"] != "10" || ps[0].Args["reviewed"] != "1.99" {
			t.Errorf("problems %+v", ps)
		}
	})
}

func TestNormalized(t *testing.T) {
	it := newTestCatalog().Item("A2")
	tests := []struct {
		name    string
		r       domain.Review
		verdict domain.Verdict
		score   *float64
		reason  string
	}{
		{"answer gives the points", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Level: "大部"}, Reason: " 缺 "}, domain.VerdictAdjust, domain.Float(2), "缺"},
		{"legacy points", domain.Review{Score: domain.Float(4), Comment: "佐证不足"}, domain.VerdictAdjust, domain.Float(4), "佐证不足"},
		{"legacy comment", domain.Review{Comment: "可以"}, domain.VerdictAccept, nil, ""},
		{"legacy request", domain.Review{Request: "补材料"}, domain.VerdictRequest, nil, ""},
		{"only spaces clear", domain.Review{Comment: "  "}, "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := it.Normalized(tt.r)
			if got.Verdict != tt.verdict || got.Reason != tt.reason || (got.Score == nil) != (tt.score == nil) ||
				got.Score != nil && *got.Score != *tt.score {
				t.Errorf("Normalized = %+v", got)
			}
		})
	}
}

// TestReviewedResultByHand scores a reviewed workspace worked out by hand
// with docs/formats.md §3.
func TestReviewedResultByHand(t *testing.T) {
	ws := reviewWorkspace()
	set := func(id string, r domain.Review) {
		r, ps := ws.ReviewProblems(id, r)
		if len(ps) > 0 {
			t.Fatalf("review of %s: %v", id, ps)
		}
		ws.Reviews[id] = r
	}
	// Own (分县局, B1.1 excluded): A1 10 + A2 10 + B1.2 40 = raw 60 of 60
	// → scaled 100; bonus X1 1×5 = 5; final 105; 优秀.
	own := ws.Result()
	if own.Raw != 60 || own.Scaled != 100 || own.Bonus != 5 || own.Final != 105 || own.Grade != "优秀" {
		t.Fatalf("own %v %v %v %v %s", own.Raw, own.Scaled, own.Bonus, own.Final, own.Grade)
	}
	set("A1", domain.Review{Verdict: domain.VerdictAccept})
	set("A2", domain.Review{Verdict: domain.VerdictAdjust, Answer: &domain.Answer{Level: "大部"}, Reason: "只见部分文件"})
	set("B1.2", domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(30), Reason: "漏管一处"})
	set("X1", domain.Review{Verdict: domain.VerdictRequest, Request: "请补充推广文件"})
	// Reviewed: 10 + 2 + 30 = raw 42 of 60 → scaled 70; bonus 5 (a request
	// keeps the unit's points) → final 75, percent 75; band 合格 (≥ 60);
	// caps: A = 12/20 = 0.6 is not below 0.6; B1.2 lost points → 合格 at best.
	r := ws.ReviewedResult()
	if r.Raw != 42 || r.ApplicableMax != 60 || r.Scaled != 70 || r.Bonus != 5 || r.Final != 75 || r.Percent != 75 || r.Grade != "合格" {
		t.Errorf("reviewed raw %v max %v scaled %v bonus %v final %v percent %v grade %s",
			r.Raw, r.ApplicableMax, r.Scaled, r.Bonus, r.Final, r.Percent, r.Grade)
	}
	if len(r.Caps) != 1 || r.Caps[0].Ref != "B1.2" {
		t.Errorf("caps %+v", r.Caps)
	}
	if is, _ := r.Item("A1"); is.Reviewed || is.Score != 10 {
		t.Errorf("accepted A1 %+v", is)
	}
	if is, _ := r.Item("A2"); !is.Reviewed || is.Score != 2 {
		t.Errorf("adjusted A2 %+v", is)
	}
	// The review changes none of the unit's own figures.
	if again := ws.Result(); again.Final != own.Final || ws.Answers.Answers["A2"].Level != "全部" {
		t.Errorf("the review changed the unit's score or answer: %v %+v", again.Final, ws.Answers.Answers["A2"])
	}
	if got := ws.OpenRequests(); !slices.Equal(got, []string{"X1"}) {
		t.Errorf("OpenRequests %v", got)
	}
	if !ws.ReviewChanges("A2", own) || ws.ReviewChanges("A1", own) || ws.ReviewChanges("X1", own) {
		t.Error("ReviewChanges")
	}

	t.Run("OverruledNA", func(t *testing.T) {
		ws := reviewWorkspace()
		ws.Answers.Answers["A1"] = domain.Answer{NA: true, Reason: "无此项"}
		// Own: A2 10 + B1.2 40 = 50 of 50 → 100. Reviewed: A1 counts again
		// with 0: 50 of 60 → 83.33.
		ws.Reviews["A1"] = domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(0), Reason: "实有此项"}
		if own := ws.Result(); own.Scaled != 100 {
			t.Errorf("own scaled %v", own.Scaled)
		}
		r := ws.ReviewedResult()
		if is, _ := r.Item("A1"); r.Scaled != 83.33 || r.ApplicableMax != 60 || is.Status != domain.StatusAnswered {
			t.Errorf("reviewed scaled %v max %v A1 %+v", r.Scaled, r.ApplicableMax, is)
		}
	})
}

// TestReviewRights is the table of who may review, return, approve and
// edit in which state (domain.Authorize).
func TestReviewRights(t *testing.T) {
	staff := domain.User{Name: "张三", Unit: 3, Roles: []domain.Role{domain.RoleStaff}}
	reviewer := domain.User{Name: "李四", Unit: 1, Roles: []domain.Role{domain.RoleReviewer}}
	ownReviewer := domain.User{Name: "王五", Unit: 3, Roles: []domain.Role{domain.RoleReviewer}}
	local := domain.User{Name: "本机", Roles: []domain.Role{domain.RoleStaff, domain.RoleReviewer}}
	admin := domain.User{Name: "管理员", Roles: []domain.Role{domain.RoleAdmin}}
	type row struct {
		user                       domain.User
		status                     domain.AssessmentStatus
		review, ret, approve, edit string // error code, "" = allowed
	}
	const F, L, I = domain.EFORBIDDEN, domain.ELOCKED, domain.EINVALID
	tests := []row{
		{staff, domain.Draft, F, F, F, ""},
		{staff, domain.Submitted, F, F, F, L},
		{staff, domain.Returned, F, F, F, ""},
		{staff, domain.Approved, F, F, F, L},
		{reviewer, domain.Draft, I, I, I, F},
		{reviewer, domain.Submitted, "", "", "", F},
		{reviewer, domain.Returned, I, I, I, F},
		{reviewer, domain.Approved, L, I, I, F},
		{ownReviewer, domain.Submitted, F, F, F, F},
		{local, domain.Submitted, "", "", "", L},
		{local, domain.Returned, I, I, I, ""},
		{admin, domain.Submitted, F, F, F, F},
	}
	for _, tt := range tests {
		t.Run(tt.user.Name+"/"+string(tt.status), func(t *testing.T) {
			a := &domain.Assessment{ID: 7, Unit: domain.Unit{ID: 3}, Status: tt.status}
			for _, c := range []struct {
				act  domain.Action
				want string
			}{{domain.ActReview, tt.review}, {domain.ActReturn, tt.ret}, {domain.ActApprove, tt.approve}, {domain.ActEdit, tt.edit}} {
				if got := domain.ErrorCode(domain.Authorize(tt.user, c.act, a)); got != c.want {
					t.Errorf("%s: %q, want %q", c.act, got, c.want)
				}
			}
		})
	}
}

func TestApproveOpenRequests(t *testing.T) {
	reviewer := domain.User{Name: "李四", Roles: []domain.Role{domain.RoleReviewer}}
	ws := reviewWorkspace()
	ws.Reviews["A2"] = domain.Review{Verdict: domain.VerdictRequest, Request: "补材料"}
	err := ws.Approve(reviewer, time.Now())
	if ps := domain.ErrorProblems(err); domain.ErrorCode(err) != domain.EBLOCKED || len(ps) != 1 ||
		ps[0].Code != domain.ProbReviewOpenRequest || ps[0].ItemID != "A2" || ws.Assessment.Status != domain.Submitted {
		t.Fatalf("Approve with an open request = %v %v, status %s", err, ps, ws.Assessment.Status)
	}
	ws.Reviews["A2"] = domain.Review{Verdict: domain.VerdictAccept}
	if err := ws.Approve(reviewer, time.Now()); err != nil || ws.Assessment.Status != domain.Approved || ws.Assessment.ApprovedBy != "李四" {
		t.Fatalf("Approve = %v, %+v", err, ws.Assessment)
	}
}

func TestChanged(t *testing.T) {
	ws := reviewWorkspace()
	ws.Assessment.Status = domain.Draft
	ws.Evidence = map[string][]domain.Evidence{"A1": {{Name: "纪要.pdf", SHA256: "aa"}}}
	if ws.Changed("A1") || len(ws.ChangedItems()) != 0 {
		t.Fatal("changed before any submission")
	}
	first := ws.Snapshot(1, "张三", time.Now())
	ws.Last = &first
	ws.Assessment.Status = domain.Submitted
	if len(ws.ChangedItems()) != 0 {
		t.Errorf("first submission: changed %v, want none (nothing to compare with)", ws.ChangedItems())
	}
	// Returned: the unit changes A2's answer and adds a file to B1.2.
	ws.Assessment.Status = domain.Returned
	ws.Answers.Answers["A2"] = level("大部")
	ws.Evidence["B1.2"] = []domain.Evidence{{Name: "台账.xlsx", SHA256: "bb"}}
	if got := ws.ChangedItems(); !slices.Equal(got, []string{"A2", "B1.2"}) {
		t.Errorf("while returned: changed %v", got)
	}
	second := ws.Snapshot(2, "张三", time.Now())
	ws.Previous, ws.Last = ws.Last, &second
	ws.Assessment.Status = domain.Submitted
	if got := ws.ChangedItems(); !slices.Equal(got, []string{"A2", "B1.2"}) {
		t.Errorf("second submission: changed %v", got)
	}
	// Same content again gives the same fingerprint; a renamed file does not.
	if domain.ItemFingerprint(level("大部"), nil) != second.Items["A2"] {
		t.Error("fingerprint not stable")
	}
	if domain.ItemFingerprint(domain.Answer{}, []domain.Evidence{{Name: "x.pdf", SHA256: "aa"}}) ==
		domain.ItemFingerprint(domain.Answer{}, []domain.Evidence{{Name: "y.pdf", SHA256: "aa"}}) {
		t.Error("renaming a file leaves the fingerprint")
	}
	if domain.ItemFingerprint(domain.Answer{}, nil) != "" {
		t.Error("nothing has a fingerprint")
	}
}

func TestReviewScoreJSON(t *testing.T) {
	ws := reviewWorkspace()
	if ws.ReviewScore() != nil {
		t.Fatal("a review object while nothing is reviewed")
	}
	ws.Reviews["B1.2"] = domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(30), Reason: "漏管一处", By: "李四"}
	ws.Reviews["A1"] = domain.Review{Verdict: domain.VerdictAccept, By: "李四"}
	b, err := json.Marshal(ws.ScoreJSON())
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Final  float64 `json:"final"`
		Review struct {
			Raw, Scaled, Final float64
			Grade              string
			Items              []struct {
				ID     string  `json:"id"`
				Score  float64 `json:"score"`
				Reason string  `json:"reason"`
				By     string  `json:"by"`
			}
		} `json:"review"`
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	// Own final 105 stays at the top; reviewed: raw 50 of 60 → 83.33 + 5 = 88.33.
	if got.Final != 105 || got.Review.Raw != 50 || got.Review.Final != 88.33 || got.Review.Grade != "合格" {
		t.Errorf("score JSON %s", b)
	}
	if len(got.Review.Items) != 2 || got.Review.Items[0].ID != "A1" || got.Review.Items[0].Score != 10 ||
		got.Review.Items[1].ID != "B1.2" || got.Review.Items[1].Score != 30 || got.Review.Items[1].Reason != "漏管一处" || got.Review.Items[1].By != "李四" {
		t.Errorf("review items %+v", got.Review.Items)
	}
	for _, it := range got.Items {
		if _, ok := it["reviewed"]; ok {
			t.Errorf("top-level item %v carries reviewed: the top level is the unit's own", it)
		}
	}
}
