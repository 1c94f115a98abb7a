package home

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
)

func units(h *Home) []string {
	var out []string
	for _, a := range h.Shown() {
		out = append(out, a.Unit.Name+" "+a.Round)
	}
	return out
}

func TestSortByColumn(t *testing.T) {
	h := newHarness(t)
	h.seed(domain.Unit{Name: "乙分局", Type: "分县局"}, "2026-Q2", domain.Approved, 8)
	h.seed(domain.Unit{Name: "甲派出所", Type: "派出所"}, "2026-Q3", domain.Draft, 2)
	h.seed(domain.Unit{Name: "丙分局", Type: "分县局"}, "2026-Q1", domain.Submitted, 5)
	h.reload()
	home := h.home
	byRound := func() []string {
		var out []string
		for _, a := range home.Shown() {
			out = append(out, a.Round)
		}
		return out
	}
	test.Tap(home.headers[1]) // 轮次
	if got := byRound(); !slices.Equal(got, []string{"2026-Q1", "2026-Q2", "2026-Q3"}) {
		t.Errorf("by round: %v", got)
	}
	if !strings.HasSuffix(home.headers[1].Text, "▲") {
		t.Errorf("header %q has no arrow", home.headers[1].Text)
	}
	test.Tap(home.headers[1])
	if got := byRound(); !slices.Equal(got, []string{"2026-Q3", "2026-Q2", "2026-Q1"}) {
		t.Errorf("by round, reversed: %v", got)
	}
	test.Tap(home.headers[4]) // 进度: most done first
	shown := home.Shown()
	for i := 1; i < len(shown); i++ {
		if shown[i-1].Progress() < shown[i].Progress() {
			t.Errorf("by progress: %v", units(home))
		}
	}
	if strings.HasSuffix(home.headers[1].Text, "▼") || strings.HasSuffix(home.headers[1].Text, "▲") {
		t.Errorf("the round header keeps its arrow: %q", home.headers[1].Text)
	}
	t.Run("the order holds after a reload", func(t *testing.T) {
		h.reload()
		shown := home.Shown()
		for i := 1; i < len(shown); i++ {
			if shown[i-1].Progress() < shown[i].Progress() {
				t.Errorf("after reload: %v", units(home))
			}
		}
	})
}

func TestUnitFilter(t *testing.T) {
	h := newHarness(t)
	h.seed(domain.Unit{Name: "乙分局", Type: "分县局"}, "2026-Q2", domain.Approved, 3)
	h.seed(domain.Unit{Name: "乙分局", Type: "分县局"}, "2026-Q3", domain.Draft, 2)
	h.seed(domain.Unit{Name: "甲派出所", Type: "派出所"}, "2026-Q3", domain.Submitted, 1)
	h.reload()
	home := h.home
	if got := home.unitFilter.Options; len(got) != 3 || got[1] != "乙分局" && got[1] != "甲派出所" {
		t.Fatalf("unit options %q", got)
	}
	i := slices.Index(home.unitFilter.Options, "乙分局")
	home.unitFilter.SetSelectedIndex(i)
	if got := units(home); len(got) != 2 || !strings.HasPrefix(got[0], "乙分局") || !strings.HasPrefix(got[1], "乙分局") {
		t.Errorf("乙分局 only: %v", got)
	}
	home.unitFilter.SetSelectedIndex(0)
	if got := units(home); len(got) != 3 {
		t.Errorf("all units: %v", got)
	}
}

// TestFitsASmallScreen: the home screen needs no more width than a
// 1024×768 screen gives a window (issue 11 #12: Fyne widens a window to
// its content, past the screen's edge).
func TestFitsASmallScreen(t *testing.T) {
	h := newHarness(t)
	h.seed(domain.Unit{Name: "某某区公安分局", Type: "分县局"}, "2026-Q3", domain.Draft, 2)
	h.reload()
	if w := h.home.Content().MinSize().Width; w > 1000 {
		t.Errorf("the home screen needs %v wide, more than a 1024 screen's window", w)
	}
}

// TestFitsASmallScreenWithEveryAction: with every button of a reviewer and
// administrator with the exchange, home still fits a 1024-pixel screen
// (the tests run with the English texts, the widest).
func TestFitsASmallScreenWithEveryAction(t *testing.T) {
	h := newHarness(t)
	h.home.deps.OnOverview, h.home.deps.CanOverview = func() {}, func() bool { return true }
	h.home.deps.OnCatalogs, h.home.deps.CanCatalogs = func() {}, func() bool { return true }
	for _, b := range []*widget.Button{h.home.packageButton, h.home.importButton, h.home.tasksButton} {
		b.Show()
	}
	h.reload()
	if !h.home.overviewButton.Visible() || !h.home.catalogsButton.Visible() {
		t.Fatal("the area buttons do not show")
	}
	if w := h.home.Content().MinSize().Width; w > 1000 {
		t.Errorf("home with every action needs %v wide, more than a 1024 screen's window", w)
	}
}
