package domain_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
)

var (
	unitStaff = domain.User{Name: "张三", Unit: 3, Roles: []domain.Role{domain.RoleStaff}}
	otherUnit = domain.User{Name: "李四", Unit: 4, Roles: []domain.Role{domain.RoleStaff}}
	lead      = domain.User{Name: "刘建国", Unit: 1, Roles: []domain.Role{domain.RoleReviewer}}
	ownLead   = domain.User{Name: "王五", Unit: 3, Roles: []domain.Role{domain.RoleReviewer}}
	localUser = domain.User{Name: "本机", Roles: domain.Roles}
)

func date(s string) time.Time {
	d, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func task(st domain.TaskStatus, files int) domain.Task {
	t := domain.Task{ID: 9, Source: domain.SourceShortfall, UnitID: 3, UnitName: "某某区公安分局", Problem: "p",
		Measure: "m", Owner: "o", Due: date("2026-06-30"), Kind: domain.KindDeadline, Status: st}
	for i := range files {
		t.Files = append(t.Files, domain.TaskFile{ID: int64(i + 1), Name: "f.pdf"})
	}
	return t
}

func TestTaskRules(t *testing.T) {
	now := date("2026-06-01")
	later := date("2026-07-31")
	cases := []struct {
		name  string
		from  domain.TaskStatus
		files int
		user  domain.User
		act   domain.TaskAction
		in    domain.TaskStep
		to    domain.TaskStatus // "" = refused
		code  string            // error code when refused
		prob  string            // problem code when refused
	}{
		{"unit starts", domain.TaskOpen, 0, unitStaff, domain.TaskActStart, domain.TaskStep{}, domain.TaskInProgress, "", ""},
		{"lead does not start for the unit", domain.TaskOpen, 0, lead, domain.TaskActStart, domain.TaskStep{}, "", domain.EFORBIDDEN, domain.ProbTaskForbidden},
		{"other unit's staff", domain.TaskOpen, 0, otherUnit, domain.TaskActStart, domain.TaskStep{}, "", domain.EFORBIDDEN, domain.ProbTaskForbidden},
		{"unit's note starts the work", domain.TaskOpen, 0, unitStaff, domain.TaskActNote, domain.TaskStep{Text: "已部署"}, domain.TaskInProgress, "", ""},
		{"基本完成 is still in progress", domain.TaskInProgress, 0, unitStaff, domain.TaskActNote, domain.TaskStep{Text: "基本完成"}, domain.TaskInProgress, "", ""},
		{"lead's note leaves it open", domain.TaskOpen, 0, lead, domain.TaskActNote, domain.TaskStep{Text: "请抓紧"}, domain.TaskOpen, "", ""},
		{"empty note", domain.TaskInProgress, 0, unitStaff, domain.TaskActNote, domain.TaskStep{Text: "  "}, "", domain.EINVALID, domain.ProbTaskField},
		{"unit applies with evidence", domain.TaskInProgress, 1, unitStaff, domain.TaskActRequestClosure, domain.TaskStep{}, domain.TaskClosureRequested, "", ""},
		{"unit applies without evidence", domain.TaskInProgress, 0, unitStaff, domain.TaskActRequestClosure, domain.TaskStep{}, "", domain.EBLOCKED, domain.ProbTaskNoEvidence},
		{"unit never closes", domain.TaskClosureRequested, 1, unitStaff, domain.TaskActClose, domain.TaskStep{Text: "ok"}, "", domain.EFORBIDDEN, domain.ProbTaskForbidden},
		{"lead closes with evidence and comment", domain.TaskClosureRequested, 1, lead, domain.TaskActClose, domain.TaskStep{Text: "经现场核查，已整改"}, domain.TaskClosed, "", ""},
		{"lead closes an entry in progress after a check", domain.TaskInProgress, 2, lead, domain.TaskActClose, domain.TaskStep{Text: "核查属实"}, domain.TaskClosed, "", ""},
		{"closure without evidence", domain.TaskClosureRequested, 0, lead, domain.TaskActClose, domain.TaskStep{Text: "ok"}, "", domain.EBLOCKED, domain.ProbTaskNoEvidence},
		{"closure without comment", domain.TaskClosureRequested, 1, lead, domain.TaskActClose, domain.TaskStep{Text: " "}, "", domain.EINVALID, domain.ProbTaskNoComment},
		{"nobody reviews their own unit", domain.TaskClosureRequested, 1, ownLead, domain.TaskActClose, domain.TaskStep{Text: "ok"}, "", domain.EFORBIDDEN, domain.ProbTaskForbidden},
		{"not closed from open", domain.TaskOpen, 1, lead, domain.TaskActClose, domain.TaskStep{Text: "ok"}, "", domain.EINVALID, domain.ProbTaskStatus},
		{"closed is final", domain.TaskClosed, 1, lead, domain.TaskActClose, domain.TaskStep{Text: "ok"}, "", domain.EINVALID, domain.ProbTaskStatus},
		{"closed takes no notes", domain.TaskClosed, 1, unitStaff, domain.TaskActNote, domain.TaskStep{Text: "x"}, "", domain.EINVALID, domain.ProbTaskStatus},
		{"lead returns with a comment", domain.TaskClosureRequested, 1, lead, domain.TaskActReject, domain.TaskStep{Text: "佐证不足"}, domain.TaskInProgress, "", ""},
		{"return without comment", domain.TaskClosureRequested, 1, lead, domain.TaskActReject, domain.TaskStep{}, "", domain.EINVALID, domain.ProbTaskNoComment},
		{"extension asked", domain.TaskInProgress, 0, unitStaff, domain.TaskActRequestExtend, domain.TaskStep{Text: "工程未完", Due: later}, domain.TaskExtensionRequested, "", ""},
		{"extension without reason", domain.TaskInProgress, 0, unitStaff, domain.TaskActRequestExtend, domain.TaskStep{Due: later}, "", domain.EINVALID, domain.ProbTaskNoReason},
		{"extension to an earlier date", domain.TaskInProgress, 0, unitStaff, domain.TaskActRequestExtend, domain.TaskStep{Text: "x", Due: date("2026-06-30")}, "", domain.EINVALID, domain.ProbTaskExtensionDue},
		{"lead grants", domain.TaskExtensionRequested, 0, lead, domain.TaskActGrantExtend, domain.TaskStep{}, domain.TaskExtended, "", ""},
		{"unit cannot grant itself", domain.TaskExtensionRequested, 0, unitStaff, domain.TaskActGrantExtend, domain.TaskStep{}, "", domain.EFORBIDDEN, domain.ProbTaskForbidden},
		{"lead refuses", domain.TaskExtensionRequested, 0, lead, domain.TaskActRefuseExtend, domain.TaskStep{Text: "不同意"}, domain.TaskInProgress, "", ""},
		{"notice by the lead", domain.TaskInProgress, 0, lead, domain.TaskActNotice, domain.TaskStep{Text: "督〔2026〕1号"}, domain.TaskInProgress, "", ""},
		{"no notice by the unit", domain.TaskInProgress, 0, unitStaff, domain.TaskActNotice, domain.TaskStep{}, "", domain.EFORBIDDEN, domain.ProbTaskForbidden},
		{"the local user holds both sides", domain.TaskClosureRequested, 1, localUser, domain.TaskActClose, domain.TaskStep{Text: "ok"}, domain.TaskClosed, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tk := task(c.from, c.files)
			before := tk
			before.Notes = slices.Clone(tk.Notes)
			err := tk.Step(c.user, c.act, c.in, now)
			if c.to == "" {
				if domain.ErrorCode(err) != c.code {
					t.Fatalf("error %v, want code %s", err, c.code)
				}
				if ps := domain.ErrorProblems(err); len(ps) != 1 || ps[0].Code != c.prob {
					t.Fatalf("problems %v, want %s", ps, c.prob)
				}
				if tk.Status != before.Status || len(tk.Notes) != 0 || tk.ClosedBy != "" {
					t.Fatalf("a refused step changed the entry: %+v", tk)
				}
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if tk.Status != c.to {
				t.Fatalf("status %s, want %s", tk.Status, c.to)
			}
			if len(tk.Notes) != 1 || tk.Notes[0].By != c.user.Name || !tk.Notes[0].At.Equal(now) {
				t.Fatalf("the step is not in the timeline: %+v", tk.Notes)
			}
		})
	}
}

func TestTaskCloseRecordsWhoAndWhen(t *testing.T) {
	tk := task(domain.TaskClosureRequested, 1)
	at := time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC)
	if err := tk.Step(lead, domain.TaskActClose, domain.TaskStep{Text: " 已整改到位 "}, at); err != nil {
		t.Fatal(err)
	}
	if tk.ClosedComment != "已整改到位" || tk.ClosedBy != "刘建国" || !tk.ClosedAt.Equal(at) {
		t.Fatalf("closure %q by %q at %v", tk.ClosedComment, tk.ClosedBy, tk.ClosedAt)
	}
}

func TestTaskExtensionMovesTheDeadline(t *testing.T) {
	tk := task(domain.TaskInProgress, 0)
	now := date("2026-06-01")
	if err := tk.Step(unitStaff, domain.TaskActRequestExtend, domain.TaskStep{Text: "施工", Due: date("2026-08-31")}, now); err != nil {
		t.Fatal(err)
	}
	if !tk.Deadline().Equal(date("2026-06-30")) {
		t.Fatalf("an extension asked for moved the deadline to %v", tk.Deadline())
	}
	if err := tk.Step(lead, domain.TaskActGrantExtend, domain.TaskStep{}, now); err != nil {
		t.Fatal(err)
	}
	if !tk.Deadline().Equal(date("2026-08-31")) || tk.ExtensionReason != "施工" {
		t.Fatalf("granted: deadline %v reason %q", tk.Deadline(), tk.ExtensionReason)
	}
	if tk.Overdue(date("2026-07-15")) {
		t.Fatal("overdue within the extension")
	}
}

func TestTaskReturnedIsYellowUntilAppliedAgain(t *testing.T) {
	tk := task(domain.TaskClosureRequested, 1)
	now := date("2026-06-01")
	tk.CreatedAt = date("2026-05-30")
	if err := tk.Step(lead, domain.TaskActReject, domain.TaskStep{Text: "不足"}, now); err != nil {
		t.Fatal(err)
	}
	if c := tk.Colour(now); c != domain.ColourYellow {
		t.Fatalf("colour %q after return", c)
	}
	if err := tk.Step(unitStaff, domain.TaskActRequestClosure, domain.TaskStep{}, now); err != nil {
		t.Fatal(err)
	}
	if c := tk.Colour(now); c != domain.ColourNone {
		t.Fatalf("colour %q after applying again", c)
	}
}

func TestTaskOverdueAndColour(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	cases := []struct {
		name    string
		status  domain.TaskStatus
		created string
		now     time.Time
		overdue bool
		colour  domain.TaskColour
	}{
		{"far", domain.TaskInProgress, "2026-06-01", time.Date(2026, 6, 2, 12, 0, 0, 0, time.UTC), false, domain.ColourNone},
		{"eight days left", domain.TaskInProgress, "2026-06-01", time.Date(2026, 6, 22, 12, 0, 0, 0, time.UTC), false, domain.ColourNone},
		{"seven days left is near", domain.TaskInProgress, "2026-06-01", time.Date(2026, 6, 23, 0, 0, 0, 0, time.UTC), false, domain.ColourBlue},
		{"the last day is not overdue", domain.TaskInProgress, "2026-06-01", time.Date(2026, 6, 30, 23, 59, 0, 0, time.UTC), false, domain.ColourBlue},
		{"the day after is overdue", domain.TaskInProgress, "2026-06-01", time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), true, domain.ColourRed},
		{"overdue by the local calendar", domain.TaskInProgress, "2026-06-01", time.Date(2026, 7, 1, 0, 30, 0, 0, shanghai), true, domain.ColourRed},
		{"not yet overdue by the local calendar", domain.TaskInProgress, "2026-06-01", time.Date(2026, 6, 30, 23, 30, 0, 0, shanghai), false, domain.ColourBlue},
		{"closed is never overdue", domain.TaskClosed, "2026-06-01", time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), false, domain.ColourNone},
		{"open with more than half the time gone is behind", domain.TaskOpen, "2026-06-01", time.Date(2026, 6, 17, 0, 0, 0, 0, time.UTC), false, domain.ColourYellow},
		{"open within the first half", domain.TaskOpen, "2026-06-01", time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC), false, domain.ColourNone},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tk := task(c.status, 0)
			tk.CreatedAt = date(c.created)
			if got := tk.Overdue(c.now); got != c.overdue {
				t.Errorf("overdue %v, want %v", got, c.overdue)
			}
			if got := tk.Colour(c.now); got != c.colour {
				t.Errorf("colour %q, want %q", got, c.colour)
			}
		})
	}
}

func TestParseTaskNames(t *testing.T) {
	for in, want := range map[string]domain.TaskStatus{"待整改": domain.TaskOpen, "整改中": domain.TaskInProgress,
		"基本完成": domain.TaskInProgress, "申请销号": domain.TaskClosureRequested, "closed": domain.TaskClosed,
		"已延期": domain.TaskExtended} {
		if got, ok := domain.ParseTaskStatus(in); !ok || got != want {
			t.Errorf("ParseTaskStatus(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := domain.ParseTaskStatus("完成了"); ok {
		t.Error("完成了 read as a status")
	}
	if k, ok := domain.ParseTaskKind("立行立改"); !ok || k != domain.KindImmediate {
		t.Errorf("kind %q", k)
	}
	if s, ok := domain.ParseTaskSource("审核意见"); !ok || s != domain.SourceReview {
		t.Errorf("source %q", s)
	}
}

func TestCheckTask(t *testing.T) {
	tk := task(domain.TaskOpen, 0)
	if ps := domain.CheckTask(&tk); len(ps) != 0 {
		t.Fatalf("a whole entry has problems: %v", ps)
	}
	tk.Measure, tk.Due, tk.Kind, tk.Problem = " ", time.Time{}, "soon", strings.Repeat("长", domain.MaxTaskText+1)
	var got []string
	for _, p := range domain.CheckTask(&tk) {
		got = append(got, p.Code+":"+p.Args["field"])
	}
	want := []string{domain.ProbTaskTooLong + ":problem", domain.ProbTaskField + ":measure", domain.ProbTaskField + ":due",
		domain.ProbTaskKind + ":"}
	if !slices.Equal(got, want) {
		t.Fatalf("codes %v, want %v", got, want)
	}
}

func TestGenerateTasks(t *testing.T) {
	ws := reviewWorkspace()
	ws.Catalog.Items()[1].Title = "组织领导"
	ws.Answers.Answers["A2"] = level("大部") // 2 of 10
	ws.Reviews["A1"] = domain.Review{Verdict: domain.VerdictRequest, Request: "请补充会议纪要"}
	ws.Reviews["B1.2"] = domain.Review{Verdict: domain.VerdictAdjust, Score: domain.Float(30), Reason: "漏管一处"}
	d := domain.TaskDefaults{Measure: "按要求整改", Owner: "张三", Due: date("2026-09-30")}
	got := domain.GenerateTasks(ws, d, nil)
	type line struct {
		item    string
		src     domain.TaskSource
		lost    float64
		problem string
	}
	var lines []line
	for _, tk := range got {
		lines = append(lines, line{tk.ItemID, tk.Source, tk.Lost, tk.Problem})
		if tk.Measure != d.Measure || tk.Owner != "张三" || !tk.Due.Equal(d.Due) || tk.Kind != domain.KindDeadline ||
			tk.Lead != "某某区公安分局" || tk.Status != domain.TaskOpen || tk.AssessmentID != 7 || tk.UnitID != 3 {
			t.Errorf("defaults not applied: %+v", tk)
		}
		if ps := domain.CheckTask(&tk); len(ps) > 0 {
			t.Errorf("generated entry %s does not pass CheckTask: %v", tk.ItemID, ps)
		}
	}
	want := []line{
		{"A1", domain.SourceReview, 0, "〔A1〕。需补充：请补充会议纪要。"},
		{"A2", domain.SourceShortfall, 8, "〔A2〕组织领导：失 8 分（得 2/10）。"},
		{"B1.2", domain.SourceReview, 10, "〔B1.2〕：失 10 分（得 30/40）。审核意见：漏管一处。"},
	}
	if !slices.Equal(lines, want) {
		t.Fatalf("generated\n%v\nwant\n%v", lines, want)
	}
	t.Run("items with an open entry get none", func(t *testing.T) {
		existing := []domain.Task{{AssessmentID: 7, ItemID: "A2", Status: domain.TaskInProgress},
			{AssessmentID: 7, ItemID: "A1", Status: domain.TaskClosed}, {AssessmentID: 8, ItemID: "B1.2"}}
		var items []string
		for _, tk := range domain.GenerateTasks(ws, d, existing) {
			items = append(items, tk.ItemID)
		}
		if !slices.Equal(items, []string{"A1", "B1.2"}) {
			t.Fatalf("items %v", items)
		}
	})
}

func TestCountTasks(t *testing.T) {
	now := date("2026-07-15")
	a, b, c := task(domain.TaskClosed, 1), task(domain.TaskInProgress, 0), task(domain.TaskOpen, 0)
	c.UnitID, c.UnitName = 4, "甲派出所"
	got := domain.CountTasks([]domain.Task{a, b, c}, now)
	if len(got) != 2 || got[0].UnitName != "某某区公安分局" || got[0].Total != 2 || got[0].Closed != 1 ||
		got[0].Overdue != 1 || got[0].Rate() != 0.5 || got[1].Rate() != 0 || got[1].Overdue != 1 {
		t.Fatalf("counts %+v", got)
	}
}

func TestCarryAnswers(t *testing.T) {
	prev := reviewWorkspace()
	prev.Answers.Answers["A2"] = domain.Answer{Level: "大部", Note: "有台账", Evidence: []string{"a.pdf"}, Flagged: true}
	next := newTestCatalog()
	next.Categories[1].Categories[0].Items[1].Method = domain.MethodCount // B1.2 changed its method
	next.Categories[0].Items = append(next.Categories[0].Items, &domain.Item{ID: "A3", Max: 10, Method: domain.MethodNumeric,
		Change: true, Linear: &domain.Linear{}})
	prev.Catalog.Categories[0].Items = append(prev.Catalog.Categories[0].Items, &domain.Item{ID: "A3", Max: 10,
		Method: domain.MethodNumeric, Change: true, Linear: &domain.Linear{}})
	prev.Answers.Answers["A3"] = domain.Answer{Value: domain.Float(12), Baseline: domain.Float(10)}
	answers, carried := domain.CarryAnswers(prev, next, "分县局")
	if !slices.Equal(carried, []string{"A1", "A2", "X1"}) {
		t.Fatalf("carried %v", carried)
	}
	if a := answers["A2"]; a.Level != "大部" || a.Note != "有台账" || !slices.Equal(a.Evidence, []string{"a.pdf"}) || a.Flagged {
		t.Fatalf("A2 carried as %+v", a)
	}
	if a, ok := answers["A3"]; !ok || a.Value != nil || a.Baseline == nil || *a.Baseline != 12 {
		t.Fatalf("A3 (change against last year) prepared as %+v", a)
	}
	if _, ok := answers["B1.2"]; ok {
		t.Fatal("an item whose method changed was carried")
	}
	ws := reviewWorkspace()
	ws.Assessment.Status = domain.Draft
	ws.Carried = []string{"A2"}
	if ps := ws.SubmissionProblems(); !slices.Contains(codes(ps), "A2:"+domain.ProbTaskUnconfirmed) {
		t.Fatalf("an unconfirmed carried answer does not block submission: %v", ps)
	}
	if err := ws.Submit(unitStaff, date("2026-06-01")); domain.ErrorCode(err) != domain.EBLOCKED {
		t.Fatalf("submit with a carried answer: %v", err)
	}
}
