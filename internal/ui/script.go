package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"

	"pingce/internal/domain"
	"pingce/internal/ui/screen"
)

var _ screen.Scripted = (*UI)(nil)

// Watch makes fn run on the UI goroutine each time a screen shows: in the
// window, or as a dialog over it. The screenshot and performance harness
// waits with it for the screen its actions open; nil stops watching.
func (u *UI) Watch(fn func(screen.Screen)) { u.onScreen = fn }

// shown tells the watcher that s shows.
func (u *UI) shown(s screen.Screen) {
	if u.onScreen != nil {
		u.onScreen(s)
	}
}

// Current returns the top screen: the dialog shown, else the screen in the
// window.
func (u *UI) Current() screen.Screen {
	if u.dialog != nil {
		return u.dialog
	}
	return u.current
}

// Do performs a scripted action of the shell, as the user would from the
// home screen: "new", "settings", "export" and "open" (the first editable
// assessment listed), "delete" (asks to delete the first draft listed), and
// "import" arg FILE (the new-assessment dialog importing a catalog file),
// "overview" (the bureau overview; arg "ACTION=ARG;…" are overview actions
// done once the round has loaded, such as "tab=1;matrix-items=true"),
// "reviews" (home with its 审核 area in front) and "review" (the review
// screen of the first submitted assessment listed; arg "ACTION=ARG;…" are
// review actions done once it shows, such as "item=A1.1;verdict=adjust")
// and "tasks" (the 整改 board; arg "ACTION=ARG;…" are board actions done
// once the register has loaded, such as "filter=origin=提交包;detail=1").
// Screens it opens show later; Watch tells when.
func (u *UI) Do(action, arg string) error {
	switch action {
	case "new":
		u.ShowNew()
		return nil
	case "settings":
		u.ShowSettings()
		return nil
	case "delete":
		return u.home.Do("delete-draft", "")
	case "import":
		u.ShowNew()
		if s, ok := u.dialog.(screen.Scripted); ok {
			return s.Do("import", arg)
		}
		return fmt.Errorf("shell: import: the new-assessment dialog did not open")
	case "overview":
		u.ShowOverview()
		if u.overview == nil || arg == "" {
			return nil
		}
		o := u.overview
		o.WhenLoaded(func(error) {
			for _, step := range strings.Split(arg, ";") {
				a, v, _ := strings.Cut(step, "=")
				if err := o.Do(a, v); err != nil {
					fyne.LogError("overview script", err)
				}
			}
		})
		return nil
	case "reviews":
		u.ShowReviews()
		return nil
	case "review":
		return u.scriptReview(arg)
	case "tasks":
		u.ShowTasks()
		if u.board == nil || arg == "" {
			return nil
		}
		b := u.board
		b.WhenLoaded(func(error) {
			for _, step := range strings.Split(arg, ";") {
				a, v, _ := strings.Cut(step, "=")
				if err := b.Do(a, v); err != nil {
					fyne.LogError("tasks script", err)
				}
			}
		})
		return nil
	case "export", "open":
		id := u.firstEditable()
		if id == 0 {
			return fmt.Errorf("shell: %s: no editable assessment listed", action)
		}
		if action == "export" {
			u.ExportAssessment(id)
		} else {
			u.OpenAssessment(id, nil)
		}
		return nil
	}
	return screen.UnknownAction("shell", action, "new", "settings", "delete", "import", "export", "open", "overview",
		"reviews", "review", "tasks")
}

// scriptReview opens the review screen of the first submitted assessment
// listed and does the review actions of arg ("ACTION=ARG;…") once it shows.
func (u *UI) scriptReview(arg string) error {
	var id int64
	for _, a := range u.home.Shown() {
		if a.Status == domain.Submitted {
			id = a.ID
			break
		}
	}
	if id == 0 {
		return fmt.Errorf("shell: review: no submitted assessment listed")
	}
	u.OpenAssessment(id, func(s screen.Screen) {
		r, ok := s.(screen.Scripted)
		if !ok || arg == "" {
			return
		}
		for _, step := range strings.Split(arg, ";") {
			a, v, _ := strings.Cut(step, "=")
			if err := r.Do(a, v); err != nil {
				fyne.LogError("review script", err)
			}
		}
	})
	return nil
}

// firstEditable returns the id of the first editable assessment the home
// screen lists, or 0.
func (u *UI) firstEditable() int64 {
	for _, a := range u.home.Shown() {
		if a.Status.Editable() {
			return a.ID
		}
	}
	return 0
}
