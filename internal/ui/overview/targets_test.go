package overview

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/uitest"
)

// storedSettings keeps round settings in memory and saves them as the
// store does: checked by domain.CheckRoundSettings.
type storedSettings struct {
	mu      sync.Mutex
	byRound map[string]domain.RoundSettings
	saves   int
}

func (s *storedSettings) RoundSettings(_ context.Context, round string) (domain.RoundSettings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if rs, ok := s.byRound[round]; ok {
		rs.Targets = slices.Clone(rs.Targets)
		return rs, nil
	}
	return domain.RoundSettings{Round: round}, nil
}

func (s *storedSettings) SaveRoundSettings(_ context.Context, rs domain.RoundSettings) error {
	if err := domain.CheckRoundSettings(rs); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saves++
	s.byRound[rs.Round] = rs
	return nil
}

func (s *storedSettings) targets(round string) []domain.UnitTarget {
	rs, _ := s.RoundSettings(context.Background(), round)
	return rs.Targets
}

// openTargets opens the overview of the fixture with the settings st, for
// a user who may manage rounds when can.
func openTargets(t *testing.T, st *storedSettings, can bool) (*opened, map[string]domain.Unit) {
	t.Helper()
	f, u := fixture()
	src := f.source()
	src.Settings = st
	op := open(t, src, nil)
	op.o.deps.CanManageRounds = func() bool { return can }
	op.tasks.Interact(op.o.Reload)
	op.tasks.Wait()
	return op, u
}

// row returns the editor's row of a unit.
func (e *targetEditor) row(t *testing.T, name string) *targetRow {
	t.Helper()
	for _, r := range e.rows {
		if r.unit.Name == name {
			return r
		}
	}
	t.Fatalf("the target editor has no row for %s", name)
	return nil
}

// set chooses a kind of target and types its value, as the user would.
func (op *opened) set(r *targetRow, kind int, value string) {
	op.tasks.Interact(func() {
		r.kind.SetSelectedIndex(kind)
		r.value.SetText("")
		if value != "" {
			test.Type(r.value, value)
		}
	})
}

// targetCell returns the 目标 column of a unit in the ranking.
func (op *opened) targetCell(name string) string {
	for i, l := range op.o.ranking.rows {
		if l.row != nil && l.row.Unit.Name == name {
			return cell(op.o.ranking.table, widget.TableCellID{Row: i, Col: 11})
		}
	}
	return "?"
}

// TestTargetEditor: a lead sets a unit's rank target in the 目标… dialog,
// it is saved through the round settings and the ranking's 目标 column
// shows how the unit stands; a bad rank and a grade the round's catalog
// does not give are refused with the unit named and nothing saved; None
// removes a target; groups set elsewhere stay as they are.
func TestTargetEditor(t *testing.T) {
	groups := []domain.PeerGroup{{Name: "重点单位", UnitIDs: []int64{1, 3}}}
	st := &storedSettings{byRound: map[string]domain.RoundSettings{"2026-Q2": {Round: "2026-Q2", Groups: groups}}}
	op, u := openTargets(t, st, true)
	op.tap(uitest.Button(t, op.o.Content(), "Targets…"))
	e := op.o.targets
	if e == nil || op.w.Canvas().Overlays().Top() == nil {
		t.Fatal("Targets… opened no dialog")
	}
	if f := op.w.Canvas().Focused(); f != e.rows[0].kind {
		t.Errorf("focus %v, want the first unit's target kind (keyboard)", f)
	}
	dlg := op.w.Canvas().Overlays().Top()

	t.Run("set", func(t *testing.T) {
		op.set(e.row(t, "C"), targetRank, "1")
		op.tap(uitest.Button(t, dlg, "Save targets"))
		op.tasks.Wait()
		want := []domain.UnitTarget{{UnitID: u["C"].ID, Rank: 1}}
		if got := st.targets("2026-Q2"); !slices.Equal(got, want) {
			t.Fatalf("saved %+v, want %+v", got, want)
		}
		rs, _ := st.RoundSettings(context.Background(), "2026-Q2")
		if len(rs.Groups) != 1 || rs.Groups[0].Name != "重点单位" {
			t.Errorf("saving the targets changed the groups: %+v", rs.Groups)
		}
		if got := op.w.Canvas().Overlays().Top(); got != nil {
			t.Errorf("the dialog stays open after saving")
		}
		if got := op.targetCell("C"); !strings.HasPrefix(got, "Rank 1") {
			t.Errorf("the 目标 column of C shows %q, want its rank 1 target", got)
		}
	})

	refusals := []struct {
		name        string
		unit        string
		kind        int
		value       string
		want        []string
		reachedSave bool // refused by the check against the round, not while reading
	}{
		{"rank 0", "A", targetRank, "0", []string{"A: a rank is a whole number of 1 or more"}, false},
		{"rank not a number", "B", targetRank, "第五", []string{"B: a rank"}, false},
		{"score below 0", "A", targetScore, "-3", []string{"A: a score is a number above 0"}, false},
		{"no grade", "E", targetGrade, "", []string{"E: enter the grade"}, false},
		{"a grade the catalog does not give", "A", targetGrade, "超优", []string{"A: the round's catalogs have no grade 超优", "优秀、合格"}, true},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			op.tap(uitest.Button(t, op.o.Content(), "Targets…"))
			e := op.o.targets
			dlg := op.w.Canvas().Overlays().Top()
			before, saves := st.targets("2026-Q2"), st.saves
			op.set(e.row(t, tc.unit), tc.kind, tc.value)
			op.tasks.Interact(func() { e.row(t, tc.unit).value.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
			op.tasks.Wait()
			if got := st.targets("2026-Q2"); !slices.Equal(got, before) || st.saves != saves {
				t.Errorf("a refused target was saved: %+v (was %+v)", got, before)
			}
			if !e.errors.Visible() {
				t.Fatal("no message in the dialog")
			}
			for _, w := range tc.want {
				if !strings.Contains(e.errors.Text, w) {
					t.Errorf("message %q lacks %q", e.errors.Text, w)
				}
			}
			if op.w.Canvas().Overlays().Top() != dlg {
				t.Error("the dialog closed on a refusal")
			}
			op.tasks.Interact(e.dlg.Hide)
		})
	}

	t.Run("remove", func(t *testing.T) {
		// Ctrl+T opens the editor again, with the target saved.
		op.tasks.Interact(op.o.Activate)
		op.tasks.Interact(func() {
			op.w.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierShortcutDefault})
		})
		e := op.o.targets
		r := e.row(t, "C")
		if r.kind.SelectedIndex() != targetRank || r.value.Text != "1" {
			t.Fatalf("the editor opened again shows C's target as %d %q, want rank 1", r.kind.SelectedIndex(), r.value.Text)
		}
		op.set(r, targetNone, "")
		op.tap(uitest.Button(t, op.w.Canvas().Overlays().Top(), "Save targets"))
		op.tasks.Wait()
		if got := st.targets("2026-Q2"); len(got) != 0 {
			t.Errorf("targets %+v after removing C's", got)
		}
		if got := op.targetCell("C"); got != "" {
			t.Errorf("the 目标 column of C still shows %q", got)
		}
	})
}

// TestTargetEditorNeedsTheRight: a user who may not manage rounds sees no
// 目标… button, and Ctrl+T opens nothing.
func TestTargetEditorNeedsTheRight(t *testing.T) {
	st := &storedSettings{byRound: map[string]domain.RoundSettings{}}
	op, _ := openTargets(t, st, false)
	if b, ok := uitest.Find(op.o.Content(), func(b *widget.Button) bool { return b.Text == "Targets…" }); ok && b.Visible() {
		t.Error("the 目标… button shows to a user who may not manage rounds")
	}
	op.tasks.Interact(op.o.onTargetsTapped)
	if op.o.targets != nil || op.w.Canvas().Overlays().Top() != nil {
		t.Error("the target editor opened for a user who may not manage rounds")
	}
}

// TestTargetEditorScripted: the scripting action "targets" (screenshots)
// opens the editor for a user who may manage rounds, and refuses otherwise.
func TestTargetEditorScripted(t *testing.T) {
	for _, tc := range []struct {
		name string
		can  bool
	}{{"may manage rounds", true}, {"may not", false}} {
		t.Run(tc.name, func(t *testing.T) {
			op, _ := openTargets(t, &storedSettings{byRound: map[string]domain.RoundSettings{}}, tc.can)
			var err error
			op.tasks.Interact(func() { err = op.o.Do("targets", "") })
			if opened := op.o.targets != nil; opened != tc.can || (err == nil) != tc.can {
				t.Errorf("opened %v, err %v; want opened %v", opened, err, tc.can)
			}
		})
	}
}
