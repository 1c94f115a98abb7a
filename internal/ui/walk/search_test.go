package walk

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

func TestSearch(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	v := h.v
	c := h.w.Canvas()
	v.ShowItem("A1")
	cases := []struct {
		name, query string
		want        []string
	}{
		{"an id from its start", "b", []string{"B1", "B2", "B3"}},
		{"an exact id", "a3", []string{"A3"}},
		{"words of the title", "满意", []string{"A3"}},
		{"every word must match", "台账 完整", []string{"A2"}},
		{"nothing found", "不存在的词", nil},
		{"empty shows all again", "", []string{"A1", "A2", "A3", "A4", "B1", "B2", "B3", "X1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v.nav.search.SetText(tc.query)
			if !slices.Equal(v.nav.order, tc.want) {
				t.Errorf("search %q lists %v, want %v", tc.query, v.nav.order, tc.want)
			}
		})
	}
	t.Run("search and filter together", func(t *testing.T) {
		v.nav.filter.SetSelectedIndex(int(showNotDone))
		v.nav.search.SetText("a")
		if !slices.Equal(v.nav.order, []string{"A1", "A2", "A3", "A4"}) {
			t.Errorf("lists %v", v.nav.order)
		}
		v.nav.search.SetText("")
		v.nav.filter.SetSelectedIndex(int(showAll))
	})
	t.Run("Ctrl+F from the note, Enter goes to the first found", func(t *testing.T) {
		c.Focus(v.pane.form.note)
		v.pane.form.note.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault})
		if c.Focused() != v.nav.search {
			t.Fatalf("focus on %T after Ctrl+F, want the search box", c.Focused())
		}
		test.Type(v.nav.search, "命案")
		v.nav.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		mustEqual(t, "item", v.nav.current, "B1")
		v.nav.search.SetText("")
	})
}

func TestLongTitlesAndWheel(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	v := h.v
	o := v.nav.tree.CreateNode(false)
	v.nav.updateNode(itemNode("A3"), false, o)
	row := o.(*hoverRow)
	t.Run("the row under the mouse shows its full title", func(t *testing.T) {
		row.MouseIn(&desktop.MouseEvent{})
		if !v.nav.full.Visible() || v.nav.full.Text != "A3 群众满意率" {
			t.Errorf("full title %q (shown %v)", v.nav.full.Text, v.nav.full.Visible())
		}
		row.MouseOut()
		if v.nav.full.Visible() {
			t.Error("the full title stays after the mouse left")
		}
	})
	t.Run("a wheel click over a row scrolls three times as far", func(t *testing.T) {
		h.w.Resize(fyne.NewSize(1280, 300)) // a tree taller than its window
		if v.nav.tree.scroller == nil {
			t.Fatal("the tree's own scroller was not found")
		}
		rec := &scrollRecorder{}
		v.nav.tree.scroller = rec
		row.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -25}})
		if len(rec.got) != 1 || rec.got[0].DY != -75 {
			t.Errorf("tree scrolled by %v, want one of DY −75", rec.got)
		}
	})
}

type scrollRecorder struct{ got []fyne.Delta }

func (s *scrollRecorder) Scrolled(e *fyne.ScrollEvent) { s.got = append(s.got, e.Scrolled) }
