package review

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/answerform"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/opener"
	"pingce/internal/ui/uitest"
	"pingce/internal/ui/walk"
)

func TestTranslations(t *testing.T) {
	uitest.CheckTranslations(t, ".", uitest.LoadJSON(t, translations, "translations/zh_Hans.json"))
	if err := RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
}

type flow struct {
	t         *testing.T
	st        *storage.Store
	id        int64
	staff     context.Context
	lead      context.Context
	tasks     *kit.Tasks
	confirmed int
	deps      Deps
}

func newFlow(t *testing.T) *flow {
	t.Helper()
	st := storagetest.Open(t)
	a := storagetest.Fixture(t, st)
	f := &flow{t: t, st: st, id: a.ID,
		staff: domain.WithUser(context.Background(), domain.User{Name: "王五", Unit: a.Unit.ID, Roles: []domain.Role{domain.RoleStaff}}),
		lead:  domain.WithUser(context.Background(), domain.User{Name: "刘审核", Unit: a.Unit.ID + 1, Roles: []domain.Role{domain.RoleReviewer}}),
	}
	for id, ans := range storagetest.FullAnswers() {
		if _, err := st.SaveAnswer(f.staff, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Submit(f.staff, a.ID); err != nil {
		t.Fatalf("submit: %v %v", err, domain.ErrorProblems(err))
	}
	f.tasks = &kit.Tasks{Context: func() context.Context { return f.lead }, OnError: func(err error) { t.Error(err) }}
	f.deps = Deps{Window: test.NewTempWindow(t, nil), Tasks: f.tasks, Assessments: st, Reviews: st,
		Confirm: func(_, _ string, ok func()) { f.confirmed++; ok() }}
	return f
}

func (f *flow) open() *Screen {
	f.t.Helper()
	ws, err := f.st.OpenAssessment(f.lead, f.id)
	if err != nil {
		f.t.Fatal(err)
	}
	var s *Screen
	f.tasks.Interact(func() { // completions wait, as on the UI goroutine
		s = New(f.deps, ws)
		// The review changes are stored when settle says so, never by a
		// timer in the middle of a test's step.
		s.saves.Delay, s.saves.MaxWait = time.Hour, time.Hour
		f.deps.Window.SetContent(s.Content())
	})
	f.tasks.Wait()
	return s
}

// settle stores every review change waiting in the screen's autosave
// queue and waits until it and the screen's work are done.
func (f *flow) settle(s *Screen) {
	f.t.Helper()
	f.tasks.Interact(s.saves.SaveNow)
	for deadline := time.Now().Add(10 * time.Second); s.Busy(); {
		if time.Now().After(deadline) {
			f.t.Fatal("the review changes are still being saved after 10 s")
		}
		time.Sleep(2 * time.Millisecond)
	}
	f.tasks.Wait()
}

// levelOption returns the option of the level labelled label in editor e.
func levelOption(t *testing.T, e *answerform.Editor, label string) string {
	t.Helper()
	for i, l := range e.Item.Levels {
		if l.Label == label {
			return e.LevelOptions[i]
		}
	}
	t.Fatalf("item %s has no level %q", e.Item.ID, label)
	return ""
}

func (f *flow) ws() *domain.Workspace { return f.stored() }

func (f *flow) stored() *domain.Workspace {
	f.t.Helper()
	ws, err := f.st.OpenAssessment(f.lead, f.id)
	if err != nil {
		f.t.Fatal(err)
	}
	return ws
}

// TestReviewFlow: the lead reviews (one key accepts and moves on, an
// adjustment needs a reason, a request), cannot approve while a request
// is open, returns; the unit fixes and resubmits; the lead sees what
// changed, accepts, approves; both sides are locked.
func TestReviewFlow(t *testing.T) {
	f := newFlow(t)
	s := f.open()
	if s.cur != "A1" {
		t.Fatalf("opens at %s, want the first item A1", s.cur)
	}
	if !strings.Contains(s.ownAnswer.Text, "Met") {
		t.Errorf("the unit's answer shows %q", s.ownAnswer.Text)
	}
	if s.ownNote.Text == "" {
		t.Error("the unit's note is not shown")
	}

	// One key: accept and next.
	s.AcceptAndNext()
	if s.cur != "A2" || s.ws.Reviews["A1"].Verdict != domain.VerdictAccept {
		t.Fatalf("Ctrl+Enter does not move on at once: at %s, A1 %+v", s.cur, s.ws.Reviews["A1"])
	}
	f.settle(s)
	if !strings.Contains(s.saveState.Text, "saved") {
		t.Errorf("save state %q after the change was stored", s.saveState.Text)
	}
	if r := f.stored().Reviews["A1"]; r.Verdict != domain.VerdictAccept || r.By != "刘审核" {
		t.Fatalf("A1 review %+v", r)
	}
	if s.cur != "A2" {
		t.Fatalf("after accepting A1 the screen shows %s, want A2", s.cur)
	}

	// Adjust A2 by the reviewer's own level: refused without a reason.
	s.verdict.SetSelected(verdictLabel(domain.VerdictAdjust))
	if len(s.answer.editors) != 1 || s.answer.editors[0].Level == nil {
		t.Fatalf("A2's answer widgets %+v, want the walk's level buttons", s.answer.editors)
	}
	s.answer.editors[0].Level.SetSelected(levelOption(t, s.answer.editors[0], "无"))
	f.settle(s)
	if _, ok := f.stored().Reviews["A2"]; ok || !strings.Contains(s.status.Text, "not saved") {
		t.Fatalf("an adjustment without reason was stored (status %q)", s.status.Text)
	}
	s.reason.SetText("台账缺失")
	f.settle(s)
	s.next()
	ws := f.stored()
	if r := ws.Reviews["A2"]; r.Verdict != domain.VerdictAdjust || r.Answer == nil || r.Answer.Level != "无" || r.Reason != "台账缺失" {
		t.Fatalf("A2 review %+v", r)
	}
	if ws.Answers.Answers["A2"].Level != "部分" {
		t.Error("the review changed the unit's answer")
	}
	if got := ws.ReviewedResult().Final; got >= ws.Result().Final {
		t.Errorf("reviewed %v not below own %v", got, ws.Result().Final)
	}

	// Ask for more on A3.
	if s.cur != "A3" {
		t.Fatalf("at %s, want A3", s.cur)
	}
	s.verdict.SetSelected(verdictLabel(domain.VerdictRequest))
	s.request.SetText("请补充满意度调查原始表")
	f.settle(s)
	if !strings.Contains(s.nodeText("A3", false), verdictLabel(domain.VerdictRequest)) {
		t.Errorf("tree line %q lacks the state", s.nodeText("A3", false))
	}
	if rows := s.summaryRows(); rows[len(rows)-2][2] == rows[len(rows)-2][1] {
		t.Errorf("summary final row %v shows no difference", rows[len(rows)-2])
	}
	if cuts := s.cutLines(); len(cuts) != 1 || !strings.Contains(cuts[0], "A2") || !strings.Contains(cuts[0], "台账缺失") {
		t.Errorf("核减 lines %v", cuts)
	}

	// Approve is refused while the request is open.
	s.Approve()
	f.tasks.Wait()
	if f.stored().Assessment.Status != domain.Submitted || !strings.Contains(s.status.Text, "A3") {
		t.Fatalf("approved with an open request (status %q)", s.status.Text)
	}
	// Return, with the open request in the message.
	if msg := s.returnMessage(); !strings.Contains(msg, "请补充满意度调查原始表") {
		t.Errorf("return message %q lacks the request", msg)
	}
	s.Return(s.returnMessage())
	f.tasks.Wait()
	if f.confirmed != 1 || s.ws.Assessment.Status != domain.Returned || !s.acceptNext.Disabled() || !s.reason.Disabled() {
		t.Fatalf("after return: confirmed %d, status %s, box disabled %v", f.confirmed, s.ws.Assessment.Status, s.acceptNext.Disabled())
	}

	// The unit opens its walk-through: it sees the request at A3 and the
	// approved points at A2, and fixes A2 there (level 全部); A3's new
	// value goes in through the store; then it resubmits.
	staff := domain.User{Name: "王五", Unit: f.ws().Assessment.Unit.ID, Roles: []domain.Role{domain.RoleStaff}}
	uw := test.NewTempWindow(t, nil)
	v := walk.New(walk.Deps{App: fyne.CurrentApp(), Window: uw, Assessments: f.st, Answers: f.st, Evidence: f.st, User: staff}, f.stored())
	uw.SetContent(v.Content())
	for _, c := range []struct{ item, want string }{{"A3", "请补充满意度调查原始表"}, {"A2", "台账缺失"}} {
		if err := v.Do("item", c.item); err != nil {
			t.Fatal(err)
		}
		if got := uitest.Text(uw.Canvas().Content()); !strings.Contains(got, c.want) {
			t.Errorf("the unit's walk at %s does not show %q", c.item, c.want)
		}
	}
	if err := v.Do("answer", "0"); err != nil { // A2: 全部
		t.Fatal(err)
	}
	v.Close()
	for deadline := time.Now().Add(10 * time.Second); v.Busy() && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	if got := f.stored().Answers.Answers["A2"].Level; got != "全部" {
		t.Fatalf("the unit's fix in the walk-through: A2 is %q", got)
	}
	if r := f.stored().Reviews["A2"]; r.Reason != "台账缺失" {
		t.Errorf("the unit's answer changed the review: %+v", r)
	}
	if _, err := f.st.SaveAnswer(f.staff, f.id, "A3", domain.Answer{Value: domain.Float(93), Note: "已附调查原始表"}); err != nil {
		t.Fatal(err)
	}
	if err := f.st.Submit(f.staff, f.id); err != nil {
		t.Fatal(err)
	}

	// The lead sees what changed, accepts it and approves.
	s.Close()
	s = f.open()
	if !s.changed["A3"] || !s.changed["A2"] || s.changed["A1"] || !strings.Contains(s.nodeText("A3", false), "Changed") {
		t.Fatalf("changed %v, line %q", s.changed, s.nodeText("A3", false))
	}
	s.ShowItem("A3")             // the item shown stays in every view
	s.filter.SetSelectedIndex(2) // changed since the last submission
	if got := s.children["c:A"]; len(got) != 2 || got[0] != "A2" || got[1] != "A3" || len(s.children["c:B"]) != 0 {
		t.Errorf("the changed view shows %v / %v", got, s.children["c:B"])
	}
	s.ShowItem("A1")
	if got := s.children["c:A"]; len(got) != 3 {
		t.Errorf("the changed view with A1 shown: %v", got)
	}
	s.ShowItem("A3")
	s.filter.SetSelectedIndex(3) // more needed
	if got := s.children["c:A"]; len(got) != 1 || got[0] != "A3" || len(s.children["c:B"]) != 0 {
		t.Errorf("the request view shows %v / %v", got, s.children["c:B"])
	}
	s.filter.SetSelectedIndex(0)
	s.ShowItem("A3")
	s.AcceptAndNext()
	f.settle(s)
	s.Approve()
	f.tasks.Wait()
	if s.ws.Assessment.Status != domain.Approved || f.confirmed != 2 {
		t.Fatalf("status %s after approving (confirmed %d): %s", s.ws.Assessment.Status, f.confirmed, s.status.Text)
	}
	// Both sides locked.
	if _, err := f.st.SaveAnswer(f.staff, f.id, "A2", domain.Answer{Level: "全部"}); domain.ErrorCode(err) != domain.ELOCKED {
		t.Errorf("unit saves after approval: %v", err)
	}
	if _, err := f.st.SaveReview(f.lead, f.id, "A2", domain.Review{Verdict: domain.VerdictAccept}); domain.ErrorCode(err) != domain.ELOCKED {
		t.Errorf("lead reviews after approval: %v", err)
	}
	if !s.acceptNext.Disabled() {
		t.Error("the review box stays editable after approval")
	}

	// The 审核 area lists it as approved with its progress.
	lines, err := Lines(f.lead, f.st)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || lines[0].Status != domain.Approved || lines[0].Reviewed != 3 || lines[0].Approved >= lines[0].Own {
		t.Errorf("lines %+v", lines)
	}
}

func TestList(t *testing.T) {
	f := newFlow(t)
	var opened int64
	l := NewList(ListDeps{Tasks: f.tasks, Assessments: f.st, OnOpen: func(id int64) { opened = id }})
	l.Reload()
	f.tasks.Wait()
	if got := l.Lines(); len(got) != 1 || phase(got[0]) != "Waiting" || got[0].Items == 0 {
		t.Fatalf("lines %+v", got)
	}
	l.status.SetSelected("Approved")
	if len(l.Lines()) != 0 {
		t.Error("the approved filter shows a waiting submission")
	}
	l.status.SetSelected("All")
	if len(l.unit.Options) != 2 || l.unit.Options[1] != "某某区公安分局" {
		t.Errorf("unit choices %v", l.unit.Options)
	}
	l.unit.SetSelected("某某区公安分局")
	if len(l.Lines()) != 1 {
		t.Error("the unit filter hides the unit's submission")
	}
	l.unit.SetSelected("All units")
	l.list.Select(0)
	if opened != f.id {
		t.Errorf("opened %d, want %d", opened, f.id)
	}
}

// TestOpenFile: the reviewer opens the unit's evidence file; a program is
// not opened.
func TestOpenFile(t *testing.T) {
	f := newFlow(t)
	// A file can only be added while the assessment is editable: return it,
	// add, resubmit.
	if err := f.st.Return(f.lead, f.id, "附文件"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.AddEvidence(f.staff, f.id, "A1", "制度.pdf", strings.NewReader("%PDF-1.4 x")); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.AddEvidence(f.staff, f.id, "A1", "run.exe", strings.NewReader("MZ")); err != nil {
		t.Fatal(err)
	}
	if err := f.st.Submit(f.staff, f.id); err != nil {
		t.Fatal(err)
	}
	f.deps.Evidence = f.st
	var (
		mu     sync.Mutex
		opened []string
	)
	openedNow := func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(opened)
	}
	opener.For(f.deps.Window).Open = func(_ context.Context, path string) error {
		data, _ := os.ReadFile(path)
		mu.Lock()
		opened = append(opened, filepath.Base(path)+":"+string(data))
		mu.Unlock()
		return nil
	}
	opener.For(f.deps.Window).Post = func(g func()) { g() }
	s := f.open()
	f.tasks.Interact(func() { s.ShowItem("A1") })
	if len(s.fileButtons.Objects) != 2 || !strings.Contains(s.files.Text, "制度.pdf") {
		t.Fatalf("file buttons %d, files %q", len(s.fileButtons.Objects), s.files.Text)
	}
	for _, e := range s.ws.Evidence["A1"] {
		f.tasks.Interact(func() { s.openFile(e) })
		f.tasks.Wait()
	}
	for i := 0; i < 200 && len(openedNow()) == 0; i++ { // the opener runs in the background
		time.Sleep(10 * time.Millisecond)
	}
	if got := openedNow(); len(got) != 1 || got[0] != "制度.pdf:%PDF-1.4 x" {
		t.Errorf("opened %v", got)
	}
	if !strings.Contains(s.status.Text, "run.exe") {
		t.Errorf("status %q for the program", s.status.Text)
	}
}

// TestKeys: Ctrl+Enter accepts and moves on, Alt+↓ and Alt+↑ move.
func TestKeys(t *testing.T) {
	f := newFlow(t)
	s := f.open()
	key := func(k fyne.KeyName, m fyne.KeyModifier) {
		f.deps.Window.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: m})
		f.tasks.Wait()
	}
	key(fyne.KeyDown, fyne.KeyModifierAlt)
	if s.cur != "A2" {
		t.Fatalf("Alt+Down: at %s, want A2", s.cur)
	}
	key(fyne.KeyUp, fyne.KeyModifierAlt)
	if s.cur != "A1" {
		t.Fatalf("Alt+Up: at %s, want A1", s.cur)
	}
	key(fyne.KeyReturn, fyne.KeyModifierShortcutDefault)
	f.settle(s)
	if s.cur != "A2" || f.stored().Reviews["A1"].Verdict != domain.VerdictAccept {
		t.Fatalf("Ctrl+Enter: at %s, A1 %+v", s.cur, f.stored().Reviews["A1"])
	}
	s.Close()
	key(fyne.KeyDown, fyne.KeyModifierAlt)
	if s.cur != "A2" {
		t.Error("the keys still work after the screen closed")
	}
}

// TestCompositeAnswer: the reviewer answers a composite item part by
// part; the points follow from the parts, and the stored answer shows
// again.
func TestCompositeAnswer(t *testing.T) {
	f := newFlow(t)
	s := f.open()
	s.ShowItem("B3")
	s.verdict.SetSelected(verdictLabel(domain.VerdictAdjust))
	eds := s.answer.editors
	if len(eds) != 2 || eds[0].Met == nil || eds[1].Value == nil {
		t.Fatalf("B3's answer widgets %+v, want a check part and a number part", eds)
	}
	eds[0].Met.SetSelected(eds[0].Met.Options[1]) // a: not met
	eds[1].Value.SetText("50")                    // b: linear 0..100 → 2.5
	s.reason.SetText("甲项未落实")
	f.settle(s)
	r := f.stored().Reviews["B3"]
	if r.Answer == nil || r.Answer.Parts["a"].Met == nil || *r.Answer.Parts["a"].Met || r.Score == nil || *r.Score != 2.5 {
		t.Fatalf("B3 review %+v (status %q)", r, s.status.Text)
	}
	s.ShowItem("A1")
	s.ShowItem("B3")
	if e := s.answer.editors[1].Value; e.Text != "50" || s.answer.editors[0].Met.Selected != s.answer.editors[0].Met.Options[1] {
		t.Errorf("the stored answer shows %q / %q", s.answer.editors[0].Met.Selected, e.Text)
	}
}

// TestScript: the harness's actions drive the screen as the reviewer's
// gestures do, and unknown ones are refused.
func TestScript(t *testing.T) {
	f := newFlow(t)
	s := f.open()
	tests := []struct {
		name, action, arg string
		ok                bool
		check             func() bool
	}{
		{"show an item", "item", "A3", true, func() bool { return s.cur == "A3" }},
		{"unknown item", "item", "Z9", false, nil},
		{"choose adjust", "verdict", "adjust", true, func() bool { return s.selectedVerdict() == domain.VerdictAdjust && s.reason.Visible() }},
		{"bad verdict", "verdict", "maybe", false, nil},
		{"accept and next", "accept-next", "", true, func() bool { return s.cur == "A4" && s.ws.Reviews["A3"].Verdict == domain.VerdictAccept }},
		{"unknown action", "fly", "", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			f.tasks.Interact(func() { err = s.Do(tt.action, tt.arg) })
			if (err == nil) != tt.ok {
				t.Fatalf("Do(%q, %q) = %v", tt.action, tt.arg, err)
			}
			if tt.check != nil && !tt.check() {
				t.Errorf("Do(%q, %q) did not do it (at %s)", tt.action, tt.arg, s.cur)
			}
		})
	}
	f.settle(s)
}
