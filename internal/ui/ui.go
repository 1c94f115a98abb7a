// Package ui is Pingce's application shell: the theme, the first-start
// questions and the settings, the home screen listing the assessments, the
// new-assessment and report-export dialogs, and the switch between home
// and the walk-through of one assessment. It takes the Fyne app and window
// from outside, so that tests run it on Fyne's headless test driver.
package ui

import (
	"context"
	"io"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
)

// Report formats offered by the export dialog.
const (
	FormatPDF  = "pdf"
	FormatXLSX = "xlsx"
)

// WalkView is the walk-through of one assessment, as package walk builds it.
type WalkView interface {
	// Content returns the view's widgets.
	Content() fyne.CanvasObject
	// HandleDrop receives files dropped on the window while the view shows.
	HandleDrop(uris []fyne.URI)
}

// A WalkView may also have a Close() method; the shell calls it when it
// leaves the view, so that pending changes are saved.

// Deps is what the shell needs from outside: the Fyne app and window, the
// services of the store, and the builders of the parts other packages own.
type Deps struct {
	App         fyne.App
	Window      fyne.Window
	Units       domain.UnitService
	Catalogs    domain.CatalogService
	Assessments domain.AssessmentService
	Evidence    domain.EvidenceService

	// Builtins returns the catalogs shipped inside the program.
	Builtins func() ([]*domain.Catalog, error)
	// LoadCatalog reads and validates a catalog file; an invalid file gives
	// a *domain.Error with the problems.
	LoadCatalog func(ctx context.Context, path string) (*domain.Catalog, error)
	// WriteReport writes the report of ws in format (FormatPDF or
	// FormatXLSX) to w. Nil disables report export.
	WriteReport func(ctx context.Context, ws *domain.Workspace, format string, w io.Writer) error
	// Database names where the data is kept (a file path), shown in the
	// settings so that users know what to back up. May be empty.
	Database string
	// Operator, when set (pingce --user NAME), is recorded as "who" of the
	// changes of this run instead of the operator of the settings.
	Operator string
	// Walk builds the walk-through view of an assessment; onBack returns to
	// the home screen and onExport opens the export dialog. Nil shows a
	// simple summary instead.
	Walk func(ws *domain.Workspace, onBack func(), onExport func(*domain.Workspace)) WalkView
}

// UI is the application shell shown in the main window.
type UI struct {
	deps  Deps
	prefs fyne.Preferences

	root    *fyne.Container // holds the screen shown: home or a walk-through
	Home    *Home           // the home screen
	walk    WalkView        // the walk-through shown, or nil on home
	Profile *ProfileForm    // the first-start or settings form while it shows
	New     *NewDialog      // the new-assessment dialog while it shows
	Export  *ExportDialog   // the export dialog while it shows

	tasks sync.WaitGroup // background work, waited for by tests
	// doneMu serializes the completions of background work. In the app they
	// all run on the UI goroutine anyway; Fyne's test driver runs fyne.Do
	// on the calling goroutine, where they would otherwise race.
	doneMu sync.Mutex
}

// New builds the shell. Call Start to show it.
func New(d Deps) *UI {
	u := &UI{deps: d, prefs: d.App.Preferences()}
	u.Home = newHome(u)
	u.root = container.NewStack(u.Home.content)
	return u
}

// Content returns the widgets to put into the window.
func (u *UI) Content() fyne.CanvasObject { return u.root }

// Start puts the shell into the window, installs the keyboard shortcuts and
// the drop handler, loads the list of assessments, and asks for the unit
// and the operator when they are not known yet.
func (u *UI) Start() {
	w := u.deps.Window
	w.SetContent(u.root)
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.onNewShortcut() })
	w.Canvas().SetOnTypedKey(u.onCanvasKey)
	w.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { u.onWindowDropped(uris) })
	w.SetCloseIntercept(u.onWindowClose)
	p := LoadProfile(u.prefs)
	if !p.Complete() {
		u.showProfile(true)
	} else {
		w.Canvas().Focus(u.Home.List) // arrows, Enter and Delete work at once
		u.async(func(ctx context.Context) error { _, err := u.ensureUnit(ctx, p); return err }, nil)
	}
	u.Home.Reload()
}

// ThemeVariant returns the colour scheme chosen in the settings.
func (u *UI) ThemeVariant() string {
	return u.prefs.StringWithFallback(PrefThemeVariant, ThemeSystem)
}

// ctx returns a context carrying the operator's name for storage calls.
func (u *UI) ctx() context.Context {
	return domain.WithActor(context.Background(), u.Operator())
}

// Operator returns the name recorded with changes: Deps.Operator when set,
// else the operator of the settings.
func (u *UI) Operator() string {
	if u.deps.Operator != "" {
		return u.deps.Operator
	}
	return u.prefs.String(PrefOperator)
}

// async runs work off the UI goroutine; done, if not nil, then runs on the
// UI goroutine with work's error. Errors are shown when done is nil.
func (u *UI) async(work func(ctx context.Context) error, done func(err error)) {
	ctx := u.ctx()
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		err := work(ctx)
		fyne.Do(func() {
			u.doneMu.Lock()
			defer u.doneMu.Unlock()
			if done != nil {
				done(err)
			} else if err != nil {
				u.showError(err)
			}
		})
	}()
}

// wait blocks until all background work has finished (tests).
func (u *UI) wait() { u.tasks.Wait() }

// showError shows err as a plain sentence with its details below.
func (u *UI) showError(err error) {
	u.showProblems(lang.L("Something went wrong"), ErrorText(err), ErrorDetails(err))
}

// showProblems shows a message with a scrollable list of details.
func (u *UI) showProblems(title, msg string, details []string) {
	head := widget.NewLabel(msg)
	head.Wrapping = fyne.TextWrapWord
	var body fyne.CanvasObject = head
	if len(details) > 0 {
		text := widget.NewLabel(strings.Join(details, "\n"))
		text.Wrapping = fyne.TextWrapWord
		text.Selectable = true
		sc := container.NewVScroll(text)
		sc.SetMinSize(fyne.NewSize(620, 260))
		body = container.NewBorder(head, nil, nil, nil, sc)
	}
	d := dialog.NewCustom(title, lang.L("Close"), body, u.deps.Window)
	d.Resize(fyne.NewSize(700, 200))
	if len(details) > 0 {
		d.Resize(fyne.NewSize(700, 420))
	}
	d.Show()
}

// dialogShown reports whether a dialog covers the window; the keys of the
// home screen then do nothing.
func (u *UI) dialogShown() bool {
	return u.deps.Window.Canvas().Overlays().Top() != nil
}

// onNewShortcut opens the new-assessment dialog from Ctrl+N on home.
func (u *UI) onNewShortcut() {
	if u.walk == nil && !u.dialogShown() {
		u.ShowNew()
	}
}

// onCanvasKey handles Enter and Delete when no widget has the focus.
func (u *UI) onCanvasKey(e *fyne.KeyEvent) {
	if u.walk != nil {
		return
	}
	u.Home.onListKey(e)
}

// onWindowClose lets the walk-through store what is still pending and
// closes the window once the store has it (at most closeWait later). A view
// that has a Busy() bool method is asked; otherwise the shell allows it a
// short moment.
func (u *UI) onWindowClose() {
	w := u.deps.Window
	v := u.walk
	if c, ok := v.(interface{ Close() }); ok {
		c.Close()
	}
	busy, _ := v.(interface{ Busy() bool })
	tasks := make(chan struct{})
	go func() { u.tasks.Wait(); close(tasks) }()
	go func() {
		start := time.Now()
		for time.Since(start) < closeWait {
			time.Sleep(20 * time.Millisecond)
			select {
			case <-tasks:
			default:
				continue // the shell's own work is still running
			}
			if v == nil {
				break
			}
			if busy == nil {
				if time.Since(start) >= closeGrace {
					break
				}
				continue
			}
			still := false
			fyne.DoAndWait(func() { still = busy.Busy() })
			if !still {
				break
			}
		}
		fyne.Do(w.Close)
	}()
}

// closeWait is the longest the window waits for pending saves when it is
// closed; closeGrace is what a walk-through without Busy gets.
const (
	closeWait  = 10 * time.Second
	closeGrace = 600 * time.Millisecond
)

// onWindowDropped passes dropped files to the walk-through.
func (u *UI) onWindowDropped(uris []fyne.URI) {
	if u.walk != nil {
		u.walk.HandleDrop(uris)
	}
}

// ShowHome shows the home screen and reloads the list.
func (u *UI) ShowHome() {
	if c, ok := u.walk.(interface{ Close() }); ok {
		c.Close() // lets the view save what is still pending
	}
	u.walk = nil
	u.root.Objects = []fyne.CanvasObject{u.Home.content}
	u.root.Refresh()
	u.deps.Window.SetTitle(lang.L("Pingce"))
	u.Home.Reload()
}

// OpenAssessment loads an assessment and shows its walk-through; then, if
// not nil, runs on the UI goroutine with the view shown.
func (u *UI) OpenAssessment(id int64, then func(WalkView)) {
	var ws *domain.Workspace
	u.async(func(ctx context.Context) (err error) {
		ws, err = u.deps.Assessments.OpenAssessment(ctx, id)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(err)
			return
		}
		u.showWorkspace(ws)
		if then != nil {
			then(u.walk)
		}
	})
}

// showWorkspace shows the walk-through of ws.
func (u *UI) showWorkspace(ws *domain.Workspace) {
	var v WalkView
	if u.deps.Walk != nil {
		// The report is built from the store, which has every saved answer.
		v = u.deps.Walk(ws, u.ShowHome, func(ws *domain.Workspace) { u.ExportAssessment(ws.Assessment.ID) })
	} else {
		v = newSummaryView(u, ws)
	}
	u.walk = v
	u.root.Objects = []fyne.CanvasObject{v.Content()}
	u.root.Refresh()
	u.deps.Window.SetTitle(lang.L("Pingce") + " — " + ws.Assessment.Unit.Name + " " + ws.Assessment.Round)
}
