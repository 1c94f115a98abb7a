//go:build cgo

package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui"
)

// shotEnv names the environment variable that makes the window open on a
// given screen, for scripts/screenshots.sh only. See showShot.
const shotEnv = "PINGCE_SHOT"

// showShot brings the window to a screen for screenshots. spec is one of
// home, new, settings, export, delete, import:FILE, walk:ITEMID, score,
// check; the screens of an assessment use the first editable one listed.
func showShot(u *ui.UI, spec string) {
	kind, arg, _ := strings.Cut(spec, ":")
	go func() {
		time.Sleep(1500 * time.Millisecond) // let the list load
		fyne.Do(func() {
			var id int64
			for _, a := range u.Home.Shown() {
				if a.Status.Editable() {
					id = a.ID
					break
				}
			}
			switch kind {
			case "new":
				u.ShowNew()
			case "settings":
				u.ShowSettings()
			case "export":
				if id != 0 {
					u.ExportAssessment(id)
				}
			case "delete":
				for i, a := range u.Home.Shown() {
					if a.Status == domain.Draft {
						u.Home.Select(i)
						u.Home.DeleteButton.OnTapped()
						break
					}
				}
			case "import":
				u.ShowNew()
				if u.New != nil {
					u.New.ImportFile(arg)
				}
			case "walk", "score", "check":
				if id == 0 {
					return
				}
				u.OpenAssessment(id, func(v ui.WalkView) {
					switch kind {
					case "walk":
						if s, ok := v.(interface{ ShowItem(string) }); ok && arg != "" {
							s.ShowItem(arg)
						}
					case "score":
						if s, ok := v.(interface{ ShowScore() }); ok {
							s.ShowScore()
						} else if tabs := findTabs(v.Content()); tabs != nil && len(tabs.Items) > 1 {
							tabs.SelectIndex(len(tabs.Items) - 1)
						}
					case "check":
						if s, ok := v.(interface{ ShowSubmitCheck() }); ok {
							s.ShowSubmitCheck()
						} else if b := findButton(v.Content(), lang.L("Check and submit")); b != nil && b.OnTapped != nil {
							b.OnTapped()
						}
					}
				})
			}
		})
	}()
}

// walkTree calls visit for o and the objects inside it, as far as the
// public API of containers lets us look (screenshots only).
func walkTree(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkTree(c, visit)
		}
	case *container.Split:
		walkTree(x.Leading, visit)
		walkTree(x.Trailing, visit)
	case *container.Scroll:
		walkTree(x.Content, visit)
	case *container.AppTabs:
		for _, t := range x.Items {
			walkTree(t.Content, visit)
		}
	}
}

// findTabs returns the first tab container inside o.
func findTabs(o fyne.CanvasObject) (tabs *container.AppTabs) {
	walkTree(o, func(c fyne.CanvasObject) {
		if t, ok := c.(*container.AppTabs); ok && tabs == nil {
			tabs = t
		}
	})
	return tabs
}

// findButton returns the first button with the given text inside o.
func findButton(o fyne.CanvasObject, text string) (b *widget.Button) {
	walkTree(o, func(c fyne.CanvasObject) {
		if x, ok := c.(*widget.Button); ok && b == nil && x.Text == text {
			b = x
		}
	})
	return b
}
