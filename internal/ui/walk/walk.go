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
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

//go:embed translations
var translations embed.FS

// RegisterTranslations adds the view's Chinese and English strings to Fyne's
// translations. Call it once before the view is built.
func RegisterTranslations() error {
	return kit.AddTranslations(translations, "translations")
}

// Deps is what the view needs from the application around it.
type Deps struct {
	App         fyne.App
	Window      fyne.Window
	Assessments domain.AssessmentService
	Evidence    domain.EvidenceService
	// Actor is the name of the person working; every storage call records it.
	Actor string
	// OnBack returns to the home screen.
	OnBack func()
	// OnExport opens the report export dialog for the workspace.
	OnExport func(ws *domain.Workspace)
}

// saveDelay is how long the view waits after the last keystroke before it saves.
const saveDelay = 400 * time.Millisecond

// pendingAnswer is an answer changed on screen but not yet stored.
type pendingAnswer struct {
	answer domain.Answer
	seq    int
}

// View is the walk-through of one assessment. Build it with New and put
// Content() into the window. All methods must be called on the UI goroutine.
type View struct {
	deps     Deps
	ws       *domain.Workspace
	result   *domain.Result
	readOnly bool

	// Toolbar, banner and status line.
	backButton   *widget.Button
	exportButton *widget.Button
	submitButton *widget.Button
	title        *widget.Label
	banner       *widget.Label
	bannerBox    *fyne.Container
	status       *widget.Label
	retryButton  *widget.Button

	// Left: filter and tree.
	filter *widget.Select
	tree   *widget.Tree
	rows   map[fyne.CanvasObject]*treeRow // tree row templates and their widgets
	icons  map[string]fyne.Resource       // item status → its mark in the tree

	// Right: item and score tabs.
	tabs       *container.AppTabs
	itemTab    *container.TabItem
	scoreTab   *container.TabItem
	itemHolder *fyne.Container
	itemScroll *container.Scroll
	form       *itemForm
	prevButton *widget.Button
	nextButton *widget.Button
	score      *scorePanel

	content fyne.CanvasObject

	// Navigation state.
	current    string              // id of the item shown
	mode       filterMode          // tree filter
	children   map[string][]string // tree node → children, for the filter
	order      []string            // item ids shown by the filter, in catalog order
	parentOf   map[string]string   // tree node → parent node
	scoreIndex map[string]int      // item id → index in result.Items
	catStats   map[string]catStat  // category id → progress
	problemDlg *problemsDialog     // the open submission check, if any
	evidence   map[string][]domain.Evidence

	// Saving state.
	dirty     map[string]pendingAnswer
	seq       int
	saving    bool
	saveErr   error
	timer     *time.Timer
	afterSave []func()
	delay     time.Duration
	post      func(func()) // runs a function on the UI goroutine
	pending   atomic.Int64 // background work and timers not yet finished
	now       func() time.Time

	leaveThen   func() // where Leave goes once the changes are stored
	shortcuts   []fyne.Shortcut
	prevTypeKey func(*fyne.KeyEvent)
	attached    bool
}

// New builds the view of the workspace. It shows the first item (the first
// unanswered one when there is one).
func New(deps Deps, ws *domain.Workspace) *View {
	v := &View{
		deps:     deps,
		ws:       ws,
		readOnly: !ws.Assessment.Status.Editable(),
		dirty:    make(map[string]pendingAnswer),
		delay:    saveDelay,
		post:     fyne.Do,
		now:      time.Now,
		evidence: make(map[string][]domain.Evidence),
	}
	if ws.Answers == nil {
		ws.Answers = &domain.AnswerSet{Catalog: ws.Catalog.Ref()}
	}
	if ws.Answers.Answers == nil {
		ws.Answers.Answers = make(map[string]domain.Answer)
	}
	for id, files := range ws.Evidence {
		v.evidence[id] = files
	}
	v.rescore()
	v.build()
	first := ""
	for _, it := range ws.Catalog.Items() {
		if first == "" {
			first = it.ID
		}
		if is, ok := v.itemScore(it.ID); ok && is.Status == domain.StatusUnanswered && !it.Bonus {
			first = it.ID
			break
		}
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
	v.attach()
	return v.content
}

// Busy reports whether a change still waits to be stored: a save scheduled
// for when the user stops typing, or storage work (answers, files) still
// running. The shell asks it, after Close, before it lets the window close.
// It only reads an atomic counter, so it is safe on any goroutine.
func (v *View) Busy() bool {
	return v.pending.Load() > 0
}

// Close unregisters the keyboard shortcuts and stores changes not saved yet.
// Call it when the view leaves the window; the back button calls it itself.
func (v *View) Close() {
	v.detach()
	v.saveNow()
}

func (v *View) attach() {
	if v.attached || v.deps.Window == nil {
		return
	}
	v.attached = true
	c := v.deps.Window.Canvas()
	for _, m := range []fyne.KeyModifier{fyne.KeyModifierShortcutDefault, fyne.KeyModifierAlt} {
		prev := &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: m}
		next := &desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: m}
		c.AddShortcut(prev, func(fyne.Shortcut) { v.onPrevTapped() })
		c.AddShortcut(next, func(fyne.Shortcut) { v.onNextTapped() })
		v.shortcuts = append(v.shortcuts, prev, next)
	}
	v.prevTypeKey = c.OnTypedKey()
	c.SetOnTypedKey(v.onCanvasTypedKey)
}

func (v *View) detach() {
	if !v.attached {
		return
	}
	v.attached = false
	c := v.deps.Window.Canvas()
	for _, s := range v.shortcuts {
		c.RemoveShortcut(s)
	}
	v.shortcuts = nil
	c.SetOnTypedKey(v.prevTypeKey)
}

// onCanvasTypedKey handles keys typed while no widget has the focus.
func (v *View) onCanvasTypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyPageDown:
		v.onNextTapped()
	case fyne.KeyPageUp:
		v.onPrevTapped()
	default:
		if v.prevTypeKey != nil {
			v.prevTypeKey(e)
		}
	}
}

// build creates every widget of the view.
func (v *View) build() {
	a := v.ws.Assessment
	v.backButton = widget.NewButtonWithIcon(lang.L("Home"), theme.NavigateBackIcon(), v.onBackTapped)
	v.exportButton = widget.NewButtonWithIcon(lang.L("Export report"), theme.DocumentPrintIcon(), v.onExportTapped)
	v.submitButton = widget.NewButtonWithIcon(lang.L("Check and submit"), theme.MailSendIcon(), v.onSubmitTapped)
	v.submitButton.Importance = widget.HighImportance
	// Unit, round and catalog are data: not bold (see kit.Fonts).
	v.title = widget.NewLabel(a.Unit.Name + " · " + a.Round + " · " + v.ws.Catalog.Title)
	v.title.Truncation = fyne.TextTruncateEllipsis
	toolbar := container.NewBorder(nil, nil, v.backButton,
		container.NewHBox(v.exportButton, v.submitButton), v.title)

	v.banner = widget.NewLabel("")
	v.banner.Wrapping = fyne.TextWrapWord
	v.banner.Importance = widget.WarningImportance
	v.bannerBox = container.NewVBox(v.banner)
	v.updateBanner()

	v.status = widget.NewLabel("")
	v.status.Truncation = fyne.TextTruncateEllipsis
	v.retryButton = widget.NewButtonWithIcon(lang.L("Try again"), theme.ViewRefreshIcon(), v.onRetryTapped)
	v.retryButton.Hide()
	statusBar := container.NewBorder(nil, nil, nil, v.retryButton, v.status)
	if v.readOnly {
		v.status.SetText(lang.L("Read only"))
	} else {
		v.status.SetText(lang.L("Changes save themselves"))
	}

	v.buildTree()
	v.filter = widget.NewSelect(filterLabels(), v.onFilterChanged)
	v.filter.PlaceHolder = lang.L("Show…")
	v.filter.SetSelectedIndex(0)
	left := container.NewBorder(v.filter, nil, nil, nil, v.tree)

	v.prevButton = widget.NewButtonWithIcon(lang.L("Previous"), theme.NavigateBackIcon(), v.onPrevTapped)
	v.nextButton = widget.NewButtonWithIcon(lang.L("Next"), theme.NavigateNextIcon(), v.onNextTapped)
	v.nextButton.IconPlacement = widget.ButtonIconTrailingText
	keys := widget.NewLabel(lang.L("PageUp / PageDown or Alt+← / Alt+→"))
	keys.Alignment = fyne.TextAlignCenter
	keys.Truncation = fyne.TextTruncateEllipsis
	nav := container.NewBorder(nil, nil, v.prevButton, v.nextButton, muted(keys))
	v.itemHolder = container.NewStack()
	v.itemScroll = container.NewVScroll(v.itemHolder)
	itemPane := container.NewBorder(nil, nav, nil, nil, v.itemScroll)

	v.score = newScorePanel(v)
	v.itemTab = container.NewTabItemWithIcon(lang.L("Item"), theme.DocumentIcon(), itemPane)
	v.scoreTab = container.NewTabItemWithIcon(lang.L("Score"), theme.InfoIcon(), v.score.content)
	v.tabs = container.NewAppTabs(v.itemTab, v.scoreTab)

	split := container.NewHSplit(left, v.tabs)
	split.Offset = 0.36
	v.content = container.NewBorder(container.NewVBox(toolbar, v.bannerBox), statusBar, nil, nil, split)
	v.score.refresh()
}

// updateBanner shows why the assessment cannot be changed, or why it came back.
func (v *View) updateBanner() {
	a := v.ws.Assessment
	text := ""
	switch {
	case a.Status == domain.Submitted:
		text = lang.L("This assessment has been submitted and is waiting for review, so it can no longer be changed.")
	case a.Status == domain.Approved:
		text = lang.L("This assessment has been approved, so it can no longer be changed.")
	case !a.Status.Editable():
		text = lang.L("This assessment is locked and can no longer be changed.")
	case a.Status == domain.Returned && a.ReturnReason != "":
		text = lang.L("Returned for changes: {{.Reason}}. Correct it and submit again.", map[string]any{"Reason": a.ReturnReason})
	case a.Status == domain.Returned:
		text = lang.L("Returned for changes. Correct it and submit again.")
	}
	v.banner.SetText(text)
	if text == "" {
		v.bannerBox.Hide()
	} else {
		v.bannerBox.Show()
	}
	v.submitButton.Disable()
	if !v.readOnly {
		v.submitButton.Enable()
	}
}

// ctx returns the context of storage calls, carrying the actor.
func (v *View) ctx() context.Context {
	return domain.WithActor(context.Background(), v.deps.Actor)
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

// rescore recomputes the score and the per-category progress from the answers.
func (v *View) rescore() {
	v.result = v.ws.Result()
	v.scoreIndex = make(map[string]int, len(v.result.Items))
	for i, is := range v.result.Items {
		v.scoreIndex[is.ID] = i
	}
	v.catStats = make(map[string]catStat)
	var walk func(cat *domain.Category) catStat
	walk = func(cat *domain.Category) catStat {
		var s catStat
		for _, it := range cat.Items {
			is, _ := v.itemScore(it.ID)
			// As in the score, N/A and excluded items are outside the
			// applicable ones; bonus items count in their own category.
			if is.Status == domain.StatusExcluded || is.Status == domain.StatusNA {
				continue
			}
			s.applicable++
			if is.Status == domain.StatusAnswered {
				s.answered++
			}
		}
		for _, sub := range cat.Categories {
			ss := walk(sub)
			s.answered += ss.answered
			s.applicable += ss.applicable
		}
		if cs, ok := v.result.Category(cat.ID); ok {
			s.score, s.max = cs.Score, cs.Max
		}
		v.catStats[cat.ID] = s
		return s
	}
	for _, cat := range v.ws.Catalog.Categories {
		walk(cat)
	}
}

// itemScore returns the current score of an item.
func (v *View) itemScore(id string) (domain.ItemScore, bool) {
	i, ok := v.scoreIndex[id]
	if !ok {
		return domain.ItemScore{}, false
	}
	return v.result.Items[i], true
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
	v.seq++
	v.dirty[id] = pendingAnswer{answer: cloneAnswer(a), seq: v.seq}
	v.rescore()
	v.refreshItemNodes(id)
	v.score.refresh()
	if v.form != nil && v.form.item.ID == id {
		v.form.refreshPoints()
	}
	v.scheduleSave()
}

// scheduleSave saves the changed answers once the user stops typing.
func (v *View) scheduleSave() {
	if v.timer != nil && v.timer.Stop() {
		v.pending.Add(-1)
	}
	v.pending.Add(1)
	v.timer = time.AfterFunc(v.delay, func() {
		v.post(func() {
			defer v.pending.Add(-1)
			v.timer = nil
			v.saveNow()
		})
	})
}

// saveNow stores every changed answer in the background, one batch at a time.
func (v *View) saveNow() {
	if v.timer != nil && v.timer.Stop() {
		v.pending.Add(-1)
		v.timer = nil
	}
	if v.saving {
		return
	}
	if len(v.dirty) == 0 {
		v.runAfterSave()
		return
	}
	v.saving = true
	v.status.SetText(lang.L("Saving…"))
	batch := make(map[string]pendingAnswer, len(v.dirty))
	for id, p := range v.dirty {
		batch[id] = p
	}
	id := v.ws.Assessment.ID
	svc := v.deps.Assessments
	ctx := v.ctx()
	v.background(func() func() {
		var failed error
		saved := make(map[string]int)
		for itemID, p := range batch {
			if _, err := svc.SaveAnswer(ctx, id, itemID, p.answer); err != nil {
				failed = err
				continue
			}
			saved[itemID] = p.seq
		}
		return func() { v.onSaved(saved, failed) }
	})
}

// onSaved takes the outcome of a batch of saves back on the UI goroutine.
func (v *View) onSaved(saved map[string]int, err error) {
	v.saving = false
	for id, seq := range saved {
		if p, ok := v.dirty[id]; ok && p.seq == seq {
			delete(v.dirty, id)
		}
	}
	v.saveErr = err
	if err != nil {
		v.status.SetText(lang.L("Not saved: {{.Reason}} Your input is kept; it will be saved with your next change.",
			map[string]any{"Reason": kit.ErrorText(err)}))
		v.status.Importance = widget.DangerImportance
		v.status.Refresh()
		v.retryButton.Show()
		v.afterSave = nil
		if v.leaveThen != nil {
			v.onLeaveFailed()
		}
		if domain.ErrorCode(err) == domain.ELOCKED {
			v.lock()
		}
		return
	}
	v.status.Importance = widget.MediumImportance
	v.retryButton.Hide()
	if len(v.dirty) > 0 {
		v.saveNow()
		return
	}
	v.status.SetText(lang.L("Saved {{.Time}}", map[string]any{"Time": v.now().Format("15:04:05")}))
	v.runAfterSave()
}

// whenSaved runs fn once every change is stored (at once when nothing is pending).
func (v *View) whenSaved(fn func()) {
	v.afterSave = append(v.afterSave, fn)
	v.saveNow()
}

func (v *View) runAfterSave() {
	fns := v.afterSave
	v.afterSave = nil
	for _, fn := range fns {
		fn()
	}
}

func (v *View) onRetryTapped() {
	v.saveNow()
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
	v.whenSaved(func() {
		fn := v.leaveThen
		v.leaveThen = nil
		v.detach()
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
		map[string]any{"Reason": kit.ErrorText(v.saveErr)})
	dialog.NewCustomConfirm(lang.L("Changes not saved"), lang.L("Stay"), lang.L("Leave without saving"),
		sized(wrapped(msg), 440), func(stay bool) {
			if stay {
				return
			}
			v.detach()
			if fn != nil {
				fn()
			}
		}, v.deps.Window).Show()
}

// ShowScore shows the score panel.
func (v *View) ShowScore() {
	v.tabs.Select(v.scoreTab)
}

// ShowSubmitCheck runs the submission check, as the toolbar button does.
func (v *View) ShowSubmitCheck() {
	v.onSubmitTapped()
}

func (v *View) onExportTapped() {
	v.whenSaved(func() {
		if v.deps.OnExport != nil {
			v.deps.OnExport(v.snapshot())
		}
	})
}

// lock turns the view read-only (after submitting, or when storage says so).
func (v *View) lock() {
	v.readOnly = true
	v.updateBanner()
	if v.form != nil {
		v.showItem(v.form.item.ID)
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
func (v *View) CurrentItem() string { return v.current }
