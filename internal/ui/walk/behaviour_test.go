package walk

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	pstorage "pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// flakyStore is the real store with writes that fail on demand.
type flakyStore struct {
	*pstorage.Store
	failSave    atomic.Bool
	blockSubmit []domain.Problem
}

func (f *flakyStore) SaveAnswer(ctx context.Context, id int64, itemID string, a domain.Answer) (*domain.Result, error) {
	if f.failSave.Load() {
		return nil, errors.New("disk I/O error")
	}
	return f.Store.SaveAnswer(ctx, id, itemID, a)
}

func (f *flakyStore) Submit(ctx context.Context, id int64) error {
	if f.blockSubmit != nil {
		return &domain.Error{Code: domain.EBLOCKED, Message: "blocked", Problems: f.blockSubmit}
	}
	return f.Store.Submit(ctx, id)
}

func newFlaky(t *testing.T) (*flakyStore, *domain.Assessment) {
	s, a := fixture(t)
	return &flakyStore{Store: s}, a
}

func TestFailedSaveKeepsInput(t *testing.T) {
	f, a := newFlaky(t)
	h := newHarness(t, f, f, a.ID)
	v := h.v
	ctx := context.Background()

	f.failSave.Store(true)
	v.ShowItem("A1")
	v.pane.form.main.Met.SetSelected("是")
	h.settle()
	mustContain(t, "status", v.bar.status.Text, "未保存")
	mustContain(t, "status", v.bar.status.Text, "输入仍然保留")
	if !v.bar.retry.Visible() {
		t.Error("no retry button after a failed save")
	}
	mustEqual(t, "input", v.pane.form.main.Met.Selected, "是")

	t.Run("retry button", func(t *testing.T) {
		f.failSave.Store(false)
		test.Tap(v.bar.retry)
		h.settle()
		mustContain(t, "status", v.bar.status.Text, "已保存")
		if v.bar.retry.Visible() {
			t.Error("retry button stays after saving")
		}
		ws, _ := f.OpenAssessment(ctx, a.ID)
		if m := ws.Answers.Answers["A1"].Met; m == nil || !*m {
			t.Error("A1 not stored after the retry")
		}
	})

	t.Run("next change retries", func(t *testing.T) {
		f.failSave.Store(true)
		v.ShowItem("A3")
		test.Type(v.pane.form.main.Value, "95")
		h.settle()
		mustContain(t, "status", v.bar.status.Text, "未保存")
		f.failSave.Store(false)
		v.pane.form.main.Value.SetText("96")
		h.settle()
		ws, _ := f.OpenAssessment(ctx, a.ID)
		if got := ws.Answers.Answers["A3"].Value; got == nil || *got != 96 {
			t.Errorf("A3 stored as %v, want 96", got)
		}
	})
}

func TestBackSavesFirst(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	h.v.saves.Delay = 1e12 // the user leaves before the pause that would save
	h.v.ShowItem("A2")
	h.v.pane.form.main.Level.SetSelected(h.v.pane.form.main.Level.Options[0])
	test.Tap(h.v.bar.back)
	h.settle()
	mustEqual(t, "back calls", h.backs, 1)
	ws, _ := s.OpenAssessment(context.Background(), a.ID)
	mustEqual(t, "stored A2", ws.Answers.Answers["A2"].Level, "全部")
	if h.v.keys.attached {
		t.Error("keyboard shortcuts stay registered after leaving")
	}
}

func TestExportSavesFirst(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	h.v.saves.Delay = 1e12
	h.v.ShowItem("A1")
	h.v.pane.form.main.Met.SetSelected("否")
	test.Tap(h.v.bar.export)
	h.settle()
	if len(h.export) != 1 {
		t.Fatal("export not opened")
	}
	ws, _ := s.OpenAssessment(context.Background(), a.ID)
	if m := ws.Answers.Answers["A1"].Met; m == nil || *m {
		t.Error("the answer was not stored before the export")
	}
}

func TestFilters(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "t")
	for id, ans := range map[string]domain.Answer{
		"A1": {Met: domain.Bool(true)},
		"A2": {Level: "部分"},
		"A4": {Flagged: true},
	} {
		if _, err := s.SaveAnswer(ctx, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, s, s, a.ID)
	v := h.v
	v.ShowItem("B1")
	tests := []struct {
		name string
		mode filterMode
		want []string
	}{
		{"all", showAll, []string{"A1", "A2", "A3", "A4", "B1", "B2", "B3", "X1"}},
		// A1 is answered but needs evidence; X1 is a bonus item, which may
		// stay empty: the submit check's list.
		{"not done", showNotDone, []string{"A1", "A3", "A4", "B1", "B3"}},
		{"flagged keeps the item on screen", showFlagged, []string{"A4", "B1"}},
		{"points lost", showLost, []string{"A2", "B1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v.nav.filter.SetSelectedIndex(int(tt.mode))
			if !slices.Equal(v.nav.order, tt.want) {
				t.Errorf("items shown = %v, want %v", v.nav.order, tt.want)
			}
		})
	}
	t.Run("next follows the filter", func(t *testing.T) {
		v.nav.filter.SetSelectedIndex(int(showNotDone))
		v.ShowItem("A3")
		test.Tap(v.pane.next)
		mustEqual(t, "item", v.nav.current, "A4")
	})
	t.Run("jump to a hidden item shows all", func(t *testing.T) {
		v.ShowItem("A2")
		mustEqual(t, "filter", v.nav.filter.Selected, "全部评分项")
		mustEqual(t, "item", v.nav.current, "A2")
	})
}

func TestKeys(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	v := h.v
	c := h.w.Canvas()
	v.ShowItem("A1")
	shortcut := func(k fyne.KeyName) {
		c.(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
	}
	steps := []struct {
		name string
		do   func()
		want string
	}{
		{"Ctrl+Right", func() { shortcut(fyne.KeyRight) }, "A2"},
		{"PageDown", func() { c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyPageDown}) }, "A3"},
		{"PageUp", func() { c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyPageUp}) }, "A2"},
		{"Ctrl+Left", func() { shortcut(fyne.KeyLeft) }, "A1"},
		{"Ctrl+Left at the first item stays", func() { shortcut(fyne.KeyLeft) }, "A1"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.do()
			mustEqual(t, "item", v.nav.current, st.want)
		})
	}
	if !v.pane.prev.Disabled() {
		t.Error("previous is enabled on the first item")
	}
}

func TestVetoes(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "t")
	for id, ans := range storagetest.FullAnswers() {
		if _, err := s.SaveAnswer(ctx, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, s, s, a.ID)
	p := h.v.score
	mustEqual(t, "grade before", p.grade.Text, "良好")
	test.Tap(p.vetoes[0])
	mustEqual(t, "grade with the veto", p.grade.Text, "不予通过")
	mustContain(t, "caps", p.caps.Text, "一票否决")
	h.settle()
	ws, _ := s.OpenAssessment(ctx, a.ID)
	if !slices.Equal(ws.Answers.Vetoes, []string{"V1"}) {
		t.Errorf("stored vetoes = %v", ws.Answers.Vetoes)
	}
	h.v.pane.tabs.Select(h.v.pane.scoreTab)
	h.shot("vetoes")
}

func TestSubmitBlockedByStore(t *testing.T) {
	f, a := newFlaky(t)
	ctx := domain.WithActor(context.Background(), "t")
	for id, ans := range storagetest.FullAnswers() {
		if _, err := f.SaveAnswer(ctx, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	f.blockSubmit = []domain.Problem{{ItemID: "B1", Code: domain.ProbNoEvidence}}
	h := newHarness(t, f, f, a.ID)
	test.Tap(h.v.bar.submit)
	h.settle()
	test.Tap(h.overlayButton("提交"))
	h.settle()
	if h.v.problemDlg == nil || len(h.v.problemDlg.problems) != 1 {
		t.Fatalf("the store's problems are not listed: %q", h.overlayText())
	}
	mustContain(t, "problem", h.overlayText(), "B1 命案：需要佐证")
	mustEqual(t, "read-only", h.v.readOnly, false)
}

func TestEvidenceRemoveAndOpen(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "t")
	if _, err := s.AddEvidence(ctx, a.ID, "A1", "台账.xlsx", bytesReader("ledger")); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, s, a.ID)
	v := h.v
	v.ShowItem("A1")
	if len(v.pane.form.files.opens) != 1 {
		t.Fatal("stored file not listed")
	}
	t.Run("open", func(t *testing.T) {
		test.Tap(v.pane.form.files.opens[0])
		h.settle()
		mustContain(t, "status", v.bar.status.Text, "已打开 台账.xlsx")
	})
	t.Run("remove asks first", func(t *testing.T) {
		test.Tap(v.pane.form.files.removes[0])
		h.shot("remove")
		test.Tap(h.overlayButton("保留"))
		h.settle()
		files, _ := s.ListEvidence(ctx, a.ID, "A1")
		mustEqual(t, "files after keep", len(files), 1)
		test.Tap(v.pane.form.files.removes[0])
		test.Tap(h.overlayButton("移除"))
		h.settle()
		files, _ = s.ListEvidence(ctx, a.ID, "A1")
		mustEqual(t, "files after remove", len(files), 0)
		mustEqual(t, "rows", len(v.pane.form.files.opens), 0)
	})
	t.Run("a folder is refused", func(t *testing.T) {
		dir := t.TempDir()
		u, _ := storage.ListerForURI(storage.NewFileURI(dir))
		v.HandleDrop([]fyne.URI{u})
		h.settle()
		mustContain(t, "message", h.overlayText(), "未能添加")
		h.closeOverlays()
	})
	t.Run("add through the drop", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "照片.jpg")
		os.WriteFile(path, []byte("jpeg"), 0o600)
		v.HandleDrop([]fyne.URI{storage.NewFileURI(path)})
		h.settle()
		mustEqual(t, "rows", len(v.pane.form.files.opens), 1)
		h.v.pane.scroll.ScrollToBottom()
		h.shot("evidence")
	})
}

func TestLeaveWhenSaveFails(t *testing.T) {
	f, a := newFlaky(t)
	h := newHarness(t, f, f, a.ID)
	h.v.saves.Delay = 1e12
	f.failSave.Store(true)
	h.v.ShowItem("A1")
	h.v.pane.form.main.Met.SetSelected("是")
	test.Tap(h.v.bar.back)
	h.settle()
	mustEqual(t, "back calls while the save fails", h.backs, 0)
	test.Tap(h.overlayButton("留下"))
	mustEqual(t, "back calls after staying", h.backs, 0)
	mustEqual(t, "input kept", h.v.pane.form.main.Met.Selected, "是")
	f.failSave.Store(false)
	test.Tap(h.v.bar.back)
	h.settle()
	mustEqual(t, "back calls after saving", h.backs, 1)
}

func TestLeaveWithoutSaving(t *testing.T) {
	f, a := newFlaky(t)
	h := newHarness(t, f, f, a.ID)
	h.v.saves.Delay = 1e12
	f.failSave.Store(true)
	h.v.ShowItem("A1")
	h.v.pane.form.main.Met.SetSelected("是")
	left := false
	h.v.Leave(func() { left = true })
	h.settle()
	test.Tap(h.overlayButton("不保存，离开"))
	mustEqual(t, "left", left, true)
}

func TestBanners(t *testing.T) {
	s, a := fixture(t)
	tests := []struct {
		name     string
		status   domain.AssessmentStatus
		reason   string
		banner   string
		readOnly bool
	}{
		{"draft", domain.Draft, "", "", false},
		{"returned with a reason", domain.Returned, "A1 材料不全", "已被退回：A1 材料不全。请修改后重新提交。", false},
		{"submitted", domain.Submitted, "", "本次自评已提交，正在等待审核，不能再修改。", true},
		{"approved", domain.Approved, "", "本次自评已审核通过，不能再修改。", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, err := s.OpenAssessment(context.Background(), a.ID)
			if err != nil {
				t.Fatal(err)
			}
			ws.Assessment.Status, ws.Assessment.ReturnReason = tt.status, tt.reason
			h := newHarnessWS(t, s, s, ws)
			mustEqual(t, "banner", h.v.bar.banner.Text, tt.banner)
			mustEqual(t, "banner shows", h.v.bar.bannerBox.Visible(), tt.banner != "")
			mustEqual(t, "read-only", h.v.readOnly, tt.readOnly)
			mustEqual(t, "inputs disabled", h.v.pane.form.note.Disabled(), tt.readOnly)
			mustEqual(t, "veto boxes disabled", h.v.score.vetoes[0].Disabled(), tt.readOnly)
		})
	}
}

func TestExportGetsASnapshot(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	h.v.ShowItem("A1")
	h.v.pane.form.main.Met.SetSelected("是")
	test.Tap(h.v.bar.export)
	h.settle()
	if len(h.export) != 1 {
		t.Fatal("export not opened")
	}
	h.v.pane.form.main.Met.SetSelected("否")
	if m := h.export[0].Answers.Answers["A1"].Met; m == nil || !*m {
		t.Error("a later edit changed the workspace handed to the export")
	}
	h.settle()
}

func TestNavigationFromNumberEntry(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	v := h.v
	v.ShowItem("A3")
	h.w.Canvas().Focus(v.pane.form.main.Value)
	test.Type(v.pane.form.main.Value, "95")
	v.pane.form.main.Value.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShortcutDefault})
	mustEqual(t, "item after Ctrl+Right in the entry", v.nav.current, "A4")
	v.pane.form.main.Value.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	mustEqual(t, "item after PageUp in the entry", v.nav.current, "A3")
	mustEqual(t, "value kept", v.pane.form.main.Value.Text, "95")
	h.settle()
}
