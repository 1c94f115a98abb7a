package home

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// 以上轮为基础新建 (issue 17): the selected assessment's answers, notes and
// evidence become the starting draft of the unit's next round; every
// carried answer is marked 沿用上轮 in the walk-through until confirmed.

// NextRounder starts an assessment from a previous one (storage.Store
// does): a.Round is the new round, a.Unit and the catalog come from fromID
// unless a names another catalog.
type NextRounder interface {
	CreateFrom(ctx context.Context, fromID int64, a *domain.Assessment) error
}

// createFrom returns how home starts the next round: Deps.CreateFrom, else
// the assessment service when it can, else nil (the button hides).
func (d Deps) createFrom() func(ctx context.Context, fromID int64, a *domain.Assessment) error {
	if d.CreateFrom != nil {
		return d.CreateFrom
	}
	if nr, ok := d.Assessments.(NextRounder); ok {
		return nr.CreateFrom
	}
	return nil
}

// NextRound guesses the round after r: 2026-Q3 → 2026-Q4, 2026-Q4 →
// 2027-Q1, 2026-H1 → 2026-H2, 2026 → 2027, 2026年 → 2027年; "" when r has
// none of these shapes.
func NextRound(r string) string {
	year, rest, _ := strings.Cut(r, "-")
	y, err := strconv.Atoi(strings.TrimSuffix(year, "年"))
	if err != nil || y < 1000 || y > 9998 {
		return ""
	}
	if rest == "" && strings.Contains(r, "-") {
		return ""
	}
	suffix := ""
	if strings.HasSuffix(year, "年") {
		suffix = "年"
	}
	next := func(n, of int, letter string) string {
		if n < of {
			return fmt.Sprintf("%d-%s%d", y, letter, n+1)
		}
		return fmt.Sprintf("%d-%s1", y+1, letter)
	}
	switch {
	case rest == "":
		return strconv.Itoa(y+1) + suffix
	case suffix != "":
		return ""
	case len(rest) == 2 && (rest[0] == 'Q' || rest[0] == 'q') && rest[1] >= '1' && rest[1] <= '4':
		return next(int(rest[1]-'0'), 4, "Q")
	case len(rest) == 2 && (rest[0] == 'H' || rest[0] == 'h') && rest[1] >= '1' && rest[1] <= '2':
		return next(int(rest[1]-'0'), 2, "H")
	}
	return ""
}

// onNextRoundTapped asks for the new round of the selected assessment's
// unit and starts it from the selected one.
func (h *Home) onNextRoundTapped() {
	s := h.Selected()
	create := h.deps.createFrom()
	if s == nil || create == nil {
		return
	}
	from := *s
	round := widget.NewEntry()
	round.SetText(NextRound(from.Round))
	round.SetPlaceHolder(lang.L("such as 2026-Q4"))
	round.Validator = func(text string) error {
		switch t := strings.TrimSpace(text); {
		case t == "":
			return errors.New(lang.L("Give the new round."))
		case t == from.Round:
			return errors.New(lang.L("This assessment is of that round already: give the next one."))
		}
		return nil
	}
	intro := kit.Sentence(lang.L("A new draft of {{.Unit}} starts from {{.Round}}: its answers, notes and evidence files. Each carried answer is marked 沿用上轮 until you confirm or change it; open 整改 entries move along.",
		map[string]any{"Unit": from.Unit.Name, "Round": from.Round}), 420)
	items := []*widget.FormItem{widget.NewFormItem("", intro), widget.NewFormItem(lang.L("New round"), round)}
	d := dialog.NewForm(lang.L("Next round from this assessment"), lang.L("Create"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			h.createNextRound(create, from.ID, strings.TrimSpace(round.Text))
		}
	}, h.deps.Window)
	d.Resize(fyne.NewSize(480, d.MinSize().Height))
	d.Show()
	h.deps.Window.Canvas().Focus(round)
}

// createNextRound stores the new draft off the UI goroutine and opens it;
// a refusal (the round exists, the user may not) is shown and changes
// nothing.
func (h *Home) createNextRound(create func(context.Context, int64, *domain.Assessment) error, fromID int64, round string) {
	a := &domain.Assessment{Round: round}
	h.deps.Tasks.Run(func(ctx context.Context) error {
		return create(ctx, fromID, a)
	}, func(err error) {
		if err != nil {
			kit.ShowError(h.deps.Window, err)
			h.Reload()
			return
		}
		h.Reload()
		if h.deps.OnOpen != nil {
			h.deps.OnOpen(a.ID)
		}
	})
}
