// Package walk is the walk-through view of one assessment: the catalog tree
// with progress on the left, the selected item with the answer widget that
// fits its scoring method on the right, a score panel, evidence files and the
// submission check. Every change saves itself a moment after the user stops
// typing; storage calls run off the UI goroutine.
//
// The view takes its fyne.App and fyne.Window from the caller, so that it runs
// under the headless test driver as well as in the real application.
package walk

import (
	"context"
	"embed"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/answerform"
	"pingce/internal/ui/autosave"
	"pingce/internal/ui/filedialog"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/standing"
	"pingce/internal/userfile"
)

//go:embed translations
var translations embed.FS

// RegisterTranslations adds the view's Chinese and English strings to Fyne's
// translations, with those of its answer widgets (answerform) and of the
// round standing (standing). Call it once
// before the view is built.
func RegisterTranslations() error {
	if err := answerform.RegisterTranslations(); err != nil {
		return err
	}
	if err := standing.RegisterTranslations(); err != nil {
		return err
	}
	return kit.AddTranslations(translations, "translations")
}

// Deps is what the view needs from the application around it.
type Deps struct {
	App         fyne.App
	Window      fyne.Window
	Assessments domain.AssessmentService
	Answers     domain.AnswerService
	Evidence    domain.EvidenceService
	// User is the person working: every storage call is theirs, and records
	// their name.
	User domain.User
	// OnBack returns to the home screen.
	OnBack func()
	// OnExport opens the report export dialog for the workspace.
	OnExport func(ws *domain.Workspace)
	// OnExportPackage writes the submission package of the assessment
	// (导出提交包…, exchangeui.Export): its button shows while the
	// assessment is submitted. Nil: no button.
	OnExportPackage func(id int64)
	// Outputs writes the evidence files saved to a folder, never onto the
	// database; nil protects no file but still writes atomically.
	Outputs *userfile.Guard
	// Files asks where to save a file; nil: the system's dialog
	// (filedialog.For the window).
	Files *filedialog.Chooser
	// Standing, when set, says where the assessment stands in its round's
	// ranking (and against its target) where the database holds the other
	// units too; the score panel shows it. Nil, or a nil Standing: nothing.
	Standing func(ctx context.Context, ws *domain.Workspace) (*domain.Standing, error)
	// ConfirmCarried confirms answers carried from the last round
	// unchanged (all when items is empty; carried.go); nil hides the
	// toolbar's button for it.
	ConfirmCarried func(ctx context.Context, id int64, items []string) ([]string, error)
	// UnitTasks returns the unit's entries in the rectification register,
	// for the item pane's note (tasknote.go); nil: no note.
	UnitTasks func(ctx context.Context, unitID int64) ([]domain.Task, error)
	// CreateTasks stores new register entries (domain.TaskService); nil
	// hides the item pane's 生成整改事项 button (taskentry.go).
	CreateTasks func(ctx context.Context, ts []domain.Task) ([]domain.Task, error)
}

// View is the walk-through of one assessment. Build it with New and put
// Content() into the window. All methods but Busy must be called on the UI
// goroutine. It is made of parts, each with its own file: the toolbar and
// status line (chrome.go), the tree and its filter (tree.go), the item pane
// (item.go), the score panel (score.go), the scores behind them
// (scores.go), the keyboard (keys.go) and the evidence files
// (evidence.go); the answers save themselves through an autosave.Queue.
type View struct {
	deps     Deps
	ws       *domain.Workspace
	readOnly bool
	evidence map[string][]domain.Evidence // item id → its files, as stored
	// taskNotes holds the unit's register entries by item (tasknote.go).
	taskNotes map[string][]domain.Task

	scores *scores // the result and the progress per category
	saves  *autosave.Queue[string, domain.Answer]
	bar    *chrome     // toolbar, banner and status line
	nav    *navigator  // the filter and the tree of the left side
	pane   *itemPane   // the item and score tabs of the right side
	score  *scorePanel // the score tab
	keys   keys        // the window's shortcuts while the view shows

	content    fyne.CanvasObject
	problemDlg *problemsDialog // the open submission check, if any
	leaveThen  func()          // where Leave goes once the changes are stored

	post func(func()) // runs a function on the UI goroutine
	// standingAsked is set once the round standing was asked for.
	standingAsked bool
	pending       atomic.Int64     // background work not yet finished (not the saves)
	now           func() time.Time // the clock of the status line
}

// itemPane is the right side: the item tab with its navigation buttons and
// the score tab.
type itemPane struct {
	tabs     *container.AppTabs
	itemTab  *container.TabItem
	scoreTab *container.TabItem
	holder   *fyne.Container // holds the form of the item shown
	scroll   *container.Scroll
	form     *itemForm // the item shown
	prev     *widget.Button
	next     *widget.Button
}

// New builds the view of the workspace. It shows the first item (the first
// unanswered one when there is one).
func New(deps Deps, ws *domain.Workspace) *View {
	v := &View{
		deps:     deps,
		ws:       ws,
		readOnly: !ws.Assessment.Status.Editable(),
		post:     fyne.Do,
		now:      time.Now,
		evidence: make(map[string][]domain.Evidence),
		scores:   &scores{},
	}
	v.loadTaskNotes() // tasknote.go
	if ws.Answers == nil {
		ws.Answers = &domain.AnswerSet{Catalog: ws.Catalog.Ref()}
	}
	if ws.Answers.Answers == nil {
		ws.Answers.Answers = make(map[string]domain.Answer)
	}
	for id, files := range ws.Evidence {
		v.evidence[id] = files
	}
	v.saves = autosave.New(autosave.Config[string, domain.Answer]{
		Save: func(ctx context.Context, itemID string, a domain.Answer) error {
			_, err := deps.Answers.SaveAnswer(ctx, ws.Assessment.ID, itemID, a)
			return err
		},
		Context:  v.ctx,
		Post:     func(f func()) { v.post(f) },
		OnSaving: func() { v.bar.setStatus(lang.L("Saving…")) },
		OnSaved:  v.onSaved,
		OnFailed: v.onSaveFailed,
	})
	v.scores.rescore(ws)
	v.build()
	first := ""
	for _, it := range ws.Catalog.Items() {
		if first == "" {
			first = it.ID
		}
		if is, ok := v.scores.item(it.ID); ok && is.Status == domain.StatusUnanswered && !it.Bonus {
			first = it.ID
			break
		}
	}
	if id := v.rememberedItem(); id != "" {
		first = id // where the user was when the view last closed (or crashed)
	}
	if first != "" {
		v.ShowItem(first)
	}
	return v
}

// Content returns the view's root object and registers its keyboard
// shortcuts on the window while it shows: PageUp / PageDown and
// Alt+← / Alt+→ go to the previous and next item wherever the focus is
// (entries pass them on, see navEntry), Ctrl+← / Ctrl+→ too except in a
// text, where they move by word.
func (v *View) Content() fyne.CanvasObject {
	v.keys.attach(v)
	v.loadStanding()
	return v.content
}

// Busy reports whether a change still waits to be stored: a save scheduled
// for when the user stops typing, or storage work (answers, files) still
// running. The shell asks it, after Close, before it lets the window close.
// It only reads atomic counters, so it is safe on any goroutine.
func (v *View) Busy() bool {
	return v.saves.Busy() || v.pending.Load() > 0
}

// Close unregisters the keyboard shortcuts, lets go of the keyboard focus
// (keys typed on the next screen reach it, not an entry of the view no
// longer shown) and stores changes not saved yet. Call it when the view
// leaves the window; the back button calls it itself.
func (v *View) Close() {
	v.keys.detach()
	if v.deps.Window != nil {
		v.deps.Window.Canvas().Unfocus() // before the save: nothing typed is left behind
	}
	v.saves.SaveNow()
}

// build creates every widget of the view.
func (v *View) build() {
	a := v.ws.Assessment
	v.bar = newChrome(v, a.Unit.Name+" · "+a.Round+" · "+v.ws.Catalog.Title)
	v.nav = newNavigator(v)
	left := v.nav.leftSide()

	p := &itemPane{}
	v.pane = p
	p.prev = widget.NewButtonWithIcon(lang.L("Previous"), theme.NavigateBackIcon(), v.onPrevTapped)
	p.next = widget.NewButtonWithIcon(lang.L("Next"), theme.NavigateNextIcon(), v.onNextTapped)
	p.next.IconPlacement = widget.ButtonIconTrailingText
	keys := widget.NewLabel(lang.L("PageUp / PageDown or Alt+← / Alt+→"))
	keys.Alignment = fyne.TextAlignCenter
	keys.Truncation = fyne.TextTruncateEllipsis
	nav := container.NewBorder(nil, nil, p.prev, p.next, muted(keys))
	p.holder = container.NewStack()
	p.scroll = container.NewVScroll(p.holder)
	itemPane := container.NewBorder(nil, nav, nil, nil, p.scroll)

	v.score = newScorePanel(v)
	p.itemTab = container.NewTabItemWithIcon(lang.L("Item"), theme.DocumentIcon(), itemPane)
	p.scoreTab = container.NewTabItemWithIcon(lang.L("Score"), theme.InfoIcon(), v.score.content)
	p.tabs = container.NewAppTabs(p.itemTab, p.scoreTab)

	split := container.NewHSplit(left, p.tabs)
	split.Offset = 0.36
	v.content = container.NewBorder(v.bar.top, v.bar.bottom, nil, nil, split)
	v.score.refresh()
}

// loadStanding reads, off the UI goroutine, where the assessment stands in
// its round, and shows it in the score panel. Content starts it, once.
func (v *View) loadStanding() {
	if v.deps.Standing == nil || v.standingAsked {
		return
	}
	v.standingAsked = true
	ws := v.ws
	v.background(func() func() {
		st, err := v.deps.Standing(v.ctx(), ws)
		return func() {
			if err != nil {
				fyne.LogError("round standing", err)
				return
			}
			v.usePeers(st)
			v.score.setStanding(st)
		}
	})
}

// usePeers scores the rules comparing units with the round's peer facts
// the standing brings when the workspace has none: a lead's (or a
// bureau's) database that holds the whole round scores it (roundview),
// and the walk then shows the round's figures, as the overview and the
// report do, not 待全市汇总后计分 with a range. Only while the assessment
// cannot change: a draft's or a returned one's answers on screen are not
// those the round was scored with.
func (v *View) usePeers(st *domain.Standing) {
	if st == nil || st.Peers == nil || v.ws.Peers != nil || v.ws.Assessment.Status.Editable() {
		return
	}
	v.ws.Peers = st.Peers
	v.rescore()
	v.nav.tree.Refresh()
	v.score.refresh()
	if f := v.pane.form; f != nil {
		f.refreshPoints()
	}
}

// ctx returns the context of storage calls, carrying the actor.
func (v *View) ctx() context.Context {
	return domain.WithUser(context.Background(), v.deps.User)
}

// background runs work off the UI goroutine, then the function it returns on
// the UI goroutine.
func (v *View) background(work func() func()) {
	v.pending.Add(1)
	go func() {
		done := work()
		v.post(func() {
			defer v.pending.Add(-1)
			if done != nil {
				done()
			}
		})
	}()
}

// answerOf returns the stored (or pending) answer to an item.
func (v *View) answerOf(id string) domain.Answer {
	return v.ws.Answers.Answers[id]
}

// setAnswer records a changed answer on screen, rescores and schedules the save.
func (v *View) setAnswer(id string, a domain.Answer) {
	if a.IsZero() {
		delete(v.ws.Answers.Answers, id)
	} else {
		v.ws.Answers.Answers[id] = a
	}
	v.saves.Set(id, cloneAnswer(a))
	v.dropCarried(id) // changed: no longer 沿用上轮 (carried.go)
	v.rescore()
	v.nav.refreshItem(id)
	v.bar.updateBlockers()
	v.score.refresh()
	if f := v.pane.form; f != nil && f.item.ID == id {
		f.refreshPoints()
	}
}

// rescore recomputes the score and the progress per category.
func (v *View) rescore() { v.scores.rescore(v.ws) }

// onSaved shows that every change is stored.
func (v *View) onSaved() {
	v.bar.clearFailure()
	v.bar.setStatus(lang.L("Saved {{.Time}}", map[string]any{"Time": v.now().Format("15:04:05")}))
}

// onSaveFailed says that changes could not be stored; they stay in the
// queue, and are stored with the next change or a retry.
func (v *View) onSaveFailed(err error) {
	v.bar.showFailure(lang.L("Not saved: {{.Reason}} Your input is kept; it will be saved with your next change.",
		map[string]any{"Reason": kit.ErrorText(err)}))
	if v.leaveThen != nil {
		v.onLeaveFailed()
	}
	if domain.ErrorCode(err) == domain.ELOCKED {
		v.lock()
	}
}

func (v *View) onRetryTapped() {
	v.saves.SaveNow()
}

func (v *View) onBackTapped() {
	v.Leave(v.deps.OnBack)
}

// Leave stores the changes not saved yet, unregisters the keyboard
// shortcuts and then runs then (if not nil) on the UI goroutine. When the
// changes cannot be stored it asks whether to leave anyway. The back button
// uses it; the shell may call it when the window is about to close.
func (v *View) Leave(then func()) {
	v.leaveThen = then
	v.saves.WhenSaved(func() {
		fn := v.leaveThen
		v.leaveThen = nil
		v.keys.detach()
		if fn != nil {
			fn()
		}
	})
}

// onLeaveFailed asks whether to leave although the last changes are not stored.
func (v *View) onLeaveFailed() {
	fn := v.leaveThen
	v.leaveThen = nil
	if v.deps.Window == nil {
		return
	}
	msg := lang.L("Your last changes could not be saved: {{.Reason}} If you leave now they are lost. Stay to try again?",
		map[string]any{"Reason": kit.ErrorText(v.saves.Err())})
	dialog.NewCustomConfirm(lang.L("Changes not saved"), lang.L("Stay"), lang.L("Leave without saving"),
		sized(wrapped(msg), 440), func(stay bool) {
			if stay {
				return
			}
			v.keys.detach()
			if fn != nil {
				fn()
			}
		}, v.deps.Window).Show()
}

// ShowScore shows the score panel.
func (v *View) ShowScore() {
	v.pane.tabs.Select(v.pane.scoreTab)
}

// ShowSubmitCheck runs the submission check, as the toolbar button does.
func (v *View) ShowSubmitCheck() {
	v.onSubmitTapped()
}

// onExportPackageTapped writes the submission package once the pending
// changes are stored.
func (v *View) onExportPackageTapped() {
	v.saves.WhenSaved(func() {
		if v.deps.OnExportPackage != nil {
			v.deps.OnExportPackage(v.ws.Assessment.ID)
		}
	})
}

func (v *View) onExportTapped() {
	v.saves.WhenSaved(func() {
		if v.deps.OnExport != nil {
			v.deps.OnExport(v.snapshot())
		}
	})
}

// lock turns the view read-only (after submitting, or when storage says so).
func (v *View) lock() {
	v.readOnly = true
	v.bar.updateBanner()
	if v.pane.form != nil {
		v.showItem(v.pane.form.item.ID)
	}
	v.score.refresh()
}

// snapshot returns a copy of the workspace that later edits do not touch,
// for work that reads it off the UI goroutine (the report export).
func (v *View) snapshot() *domain.Workspace {
	ws := *v.ws
	set := *v.ws.Answers
	set.Answers = make(map[string]domain.Answer, len(v.ws.Answers.Answers))
	for id, a := range v.ws.Answers.Answers {
		set.Answers[id] = cloneAnswer(a)
	}
	set.Vetoes = append([]string(nil), v.ws.Answers.Vetoes...)
	ws.Answers = &set
	ws.Evidence = make(map[string][]domain.Evidence, len(v.evidence))
	for id, files := range v.evidence {
		ws.Evidence[id] = append([]domain.Evidence(nil), files...)
	}
	return &ws
}

// cloneAnswer returns a deep copy of a, safe to hand to another goroutine.
func cloneAnswer(a domain.Answer) domain.Answer {
	if a.Parts != nil {
		parts := make(map[string]domain.Answer, len(a.Parts))
		for k, p := range a.Parts {
			parts[k] = cloneAnswer(p)
		}
		a.Parts = parts
	}
	if a.Evidence != nil {
		a.Evidence = append([]string(nil), a.Evidence...)
	}
	return a
}

// CurrentItem returns the id of the item shown.
func (v *View) CurrentItem() string { return v.nav.current }
