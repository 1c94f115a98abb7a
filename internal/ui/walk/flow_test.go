package walk

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
)

// TestMainFlow walks an assessment from the empty draft to submission
// against the real SQLite store: one item of every method, N/A with a
// reason, an evidence file, the submission check, submit, read-only.
func TestMainFlow(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	v := h.v
	ctx := context.Background()
	stored := func(id string) domain.Answer {
		t.Helper()
		ws, err := s.OpenAssessment(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		return ws.Answers.Answers[id]
	}

	t.Run("opens on the first unanswered item", func(t *testing.T) {
		mustEqual(t, "current item", v.nav.current, "A1")
		mustContain(t, "points", v.pane.form.points.Text, "尚未作答")
	})

	t.Run("submission is blocked while items are unanswered", func(t *testing.T) {
		test.Tap(v.bar.submit)
		h.settle()
		if v.problemDlg == nil {
			t.Fatal("no list of what blocks submission")
		}
		mustEqual(t, "problems", len(v.problemDlg.problems), 6) // A1–A4, B1, B3; B2 is excluded, X1 a bonus
		mustContain(t, "dialog", h.overlayText(), "还有 6 处问题")
		v.problemDlg.list.Select(3)
		mustEqual(t, "item after the jump", v.nav.current, "A4")
		if h.w.Canvas().Overlays().Top() != nil {
			t.Error("the dialog stays open after the jump")
		}
	})

	t.Run("check", func(t *testing.T) {
		v.ShowItem("A1")
		v.pane.form.main.Met.SetSelected("是")
		// A1 needs evidence: answered, but not done until it has a note or a file.
		mustEqual(t, "points", v.pane.form.points.Text, "未完成（缺佐证）· 10 / 10 分")
		h.settle()
		if got := stored("A1"); got.Met == nil || !*got.Met {
			t.Errorf("stored A1 = %+v, want met", got)
		}
		mustContain(t, "status", v.bar.status.Text, "已保存")
	})

	t.Run("levels show their points", func(t *testing.T) {
		v.ShowItem("A2")
		mustEqual(t, "options", v.pane.form.main.Level.Options[1], "部分（10分）")
		v.pane.form.main.Level.SetSelected(v.pane.form.main.Level.Options[1])
		mustEqual(t, "points", v.pane.form.points.Text, "得分：10 / 20")
		h.settle()
		mustEqual(t, "stored level", stored("A2").Level, "部分")
	})

	t.Run("numeric refuses what is not a number", func(t *testing.T) {
		v.ShowItem("A3")
		v.pane.form.main.Value.SetText("8x")
		if !v.pane.form.main.Problem.Visible() {
			t.Error("no validation message for 8x")
		}
		h.settle()
		if got := stored("A3"); got.Value != nil {
			t.Errorf("8x was saved as %v", *got.Value)
		}
		v.pane.form.main.Value.SetText("８５") // full-width digits of a Chinese input method
		if v.pane.form.main.Problem.Visible() {
			t.Errorf("validation message stays: %q", v.pane.form.main.Problem.Text)
		}
		mustEqual(t, "points", v.pane.form.points.Text, "得分：10 / 20")
		h.settle()
		if got := stored("A3"); got.Value == nil || *got.Value != 85 {
			t.Errorf("stored A3 = %+v, want value 85", got)
		}
	})

	t.Run("numeric change with baseline", func(t *testing.T) {
		v.ShowItem("A4")
		e := v.pane.form.main
		test.Type(e.Value, "85")
		mustContain(t, "message without baseline", e.Problem.Text, "基数")
		test.Type(e.Baseline, "0")
		mustContain(t, "message for baseline 0", e.Problem.Text, "不能为 0")
		e.Baseline.SetText("100")
		mustContain(t, "change", e.Change.Text, "-15%") // kit.Signed: at most two decimals
		mustEqual(t, "points", v.pane.form.points.Text, "得分：10 / 10")
		h.settle()
		got := stored("A4")
		if got.Value == nil || got.Baseline == nil || *got.Value != 85 || *got.Baseline != 100 {
			t.Errorf("stored A4 = %+v, want 85 against 100", got)
		}
	})

	t.Run("deduct with the plus button", func(t *testing.T) {
		v.ShowItem("B1")
		test.Tap(v.pane.form.main.Plus)
		test.Tap(v.pane.form.main.Plus)
		test.Tap(v.pane.form.main.Plus)
		test.Tap(v.pane.form.main.Minus)
		mustEqual(t, "count", v.pane.form.main.Count.Text, "2")
		mustEqual(t, "points", v.pane.form.points.Text, "得分：10 / 20")
		h.settle()
		if got := stored("B1"); got.Count == nil || *got.Count != 2 {
			t.Errorf("stored B1 = %+v, want count 2", got)
		}
	})

	t.Run("composite parts", func(t *testing.T) {
		v.ShowItem("B3")
		v.pane.form.parts[0].Met.SetSelected("是")
		test.Type(v.pane.form.parts[1].Value, "50")
		mustEqual(t, "part b points", v.pane.form.parts[1].Points.Text, "得分：2.5 / 5")
		mustEqual(t, "points", v.pane.form.points.Text, "得分：7.5 / 10")
		h.settle()
		got := stored("B3")
		if len(got.Parts) != 2 || got.Parts["b"].Value == nil || *got.Parts["b"].Value != 50 {
			t.Errorf("stored B3 = %+v", got)
		}
	})

	t.Run("count bonus", func(t *testing.T) {
		v.ShowItem("X1")
		test.Tap(v.pane.form.main.Plus)
		mustEqual(t, "points", v.pane.form.points.Text, "得分：5 / 10")
		h.settle()
	})

	t.Run("excluded item is read-only", func(t *testing.T) {
		v.ShowItem("B2")
		if v.pane.form.excluded == nil || !v.pane.form.main.Met.Disabled() || !v.pane.form.note.Disabled() {
			t.Error("B2 (派出所 only) is not read-only for a 分县局")
		}
	})

	t.Run("score", func(t *testing.T) {
		// raw 57.5 of 90 → 63.89, plus bonus 5.
		mustEqual(t, "final", v.scores.result.Final, 68.89)
		mustContain(t, "score panel", v.score.final.Text, "68.89 / 100 分")
		mustEqual(t, "grade", v.score.grade.Text, "合格")
		mustEqual(t, "points lost", len(v.score.lost), 4) // A2, A3, B1, B3; the bonus X1 loses nothing
		mustEqual(t, "most lost first", v.score.lost[0].ID, "A2")
		v.score.lostList.Select(0)
		mustEqual(t, "jump from the shortfall list", v.nav.current, "A2")
		ws, _ := s.OpenAssessment(ctx, a.ID)
		mustEqual(t, "stored final", ws.Result().Final, 68.89)
	})

	t.Run("N/A needs a reason", func(t *testing.T) {
		v.ShowItem("A3")
		test.Tap(v.pane.form.na)
		if !v.pane.form.reasonMsg.Visible() {
			t.Error("no message asking for the reason")
		}
		h.settle()
		if stored("A3").NA {
			t.Error("N/A was saved without a reason")
		}
		test.Type(v.pane.form.reason, "辖区无此类调查")
		mustEqual(t, "points", v.pane.form.points.Text, "不适用，不计分")
		h.settle()
		got := stored("A3")
		mustEqual(t, "stored na", got.NA, true)
		mustEqual(t, "stored reason", got.Reason, "辖区无此类调查")
		mustEqual(t, "final", v.scores.result.Final, 72.86) // 47.5 of 70, plus 5
	})

	t.Run("evidence required blocks, a dropped file unblocks", func(t *testing.T) {
		test.Tap(v.bar.submit)
		h.settle()
		if v.problemDlg == nil || len(v.problemDlg.problems) != 1 {
			t.Fatalf("want one problem (A1 needs evidence), dialog %v", h.overlayText())
		}
		mustContain(t, "problem", v.problemText(v.problemDlg.problems[0]), "A1 制度健全：需要佐证")
		h.closeOverlays()

		v.ShowItem("A1")
		path := filepath.Join(t.TempDir(), "制度汇编.pdf")
		if err := os.WriteFile(path, []byte("%PDF-1.4 test"), 0o600); err != nil {
			t.Fatal(err)
		}
		v.HandleDrop([]fyne.URI{storage.NewFileURI(path)})
		h.settle()
		files, err := s.ListEvidence(ctx, a.ID, "A1")
		if err != nil || len(files) != 1 || files[0].Name != "制度汇编.pdf" {
			t.Fatalf("stored evidence = %v, %v", files, err)
		}
		if len(v.pane.form.files.opens) != 1 {
			t.Error("the file is not listed on the item")
		}
		mustContain(t, "status", v.bar.status.Text, "已将 1 个文件添加到 A1")
		if v.pane.form.noteHint.Visible() {
			t.Error("the evidence hint stays after a file was added")
		}
	})

	t.Run("submit", func(t *testing.T) {
		test.Tap(v.bar.submit)
		h.settle()
		test.Tap(h.overlayButton("提交"))
		h.settle()
		mustEqual(t, "read-only", v.readOnly, true)
		if !v.bar.bannerBox.Visible() {
			t.Error("no banner saying why the assessment is read-only")
		}
		if !v.pane.form.main.Met.Disabled() || !v.bar.submit.Disabled() {
			t.Error("inputs stay enabled after submitting")
		}
		ws, _ := s.OpenAssessment(ctx, a.ID)
		mustEqual(t, "stored status", ws.Assessment.Status, domain.Submitted)
	})

	t.Run("a submitted assessment opens read-only", func(t *testing.T) {
		h2 := newHarness(t, s, s, a.ID)
		v2 := h2.v
		mustContain(t, "banner", v2.bar.banner.Text, "已提交")
		v2.ShowItem("B1")
		if !v2.pane.form.main.Count.Disabled() || !v2.pane.form.main.Plus.Disabled() || !v2.pane.form.na.Disabled() {
			t.Error("inputs of a submitted assessment are enabled")
		}
		if !v2.pane.form.files.add.Disabled() {
			t.Error("files can be added to a submitted assessment")
		}
		v2.HandleDrop([]fyne.URI{storage.NewFileURI("/tmp/x.pdf")})
		mustContain(t, "drop message", h2.overlayText(), "不能再添加文件")
		h2.shot("readonly")
	})
}

var _ = widget.NewLabel
