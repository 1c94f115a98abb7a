// Package review is the evaluation lead's review screen (审核) of one
// submitted assessment: the catalog tree with the review state of every
// item (未审 / 认可 / 调整 / 需补充) and what changed since the last
// submission; the unit's answer, note and evidence read-only; below them
// the review box — the verdict, the reviewer's own answer by the item's
// method or direct points, the reason (扣分说明), the request and a
// comment. The reviewer's answer is given with the walk-through's answer
// widgets (internal/ui/answerform). Every change saves itself through an
// autosave queue, as the unit's answers do, and the bar shows whether it
// is stored. One key (Ctrl+Enter) accepts the item and moves on, so that
// a submission that is mostly fine is reviewed in a minute. The summary
// puts 自评 and 核定 side by side per category with the 核减 items and their
// reasons, and offers 退回 (with a message listing the open requests) and
// 审定, both confirmed.
//
// The package also holds the 审核 area (List): the submissions a reviewer
// has to do with, by round and unit, with 自评分, 核定分 so far and the
// items reviewed. Every storage call runs off the UI goroutine
// (kit.Tasks).
package review

import (
	"context"
	"embed"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/roundview"
	"pingce/internal/ui/answerform"
	"pingce/internal/ui/autosave"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/message"
	"pingce/internal/ui/screen"
)

//go:embed translations
var translations embed.FS

// RegisterTranslations adds the review screens' strings, with those of
// the answer widgets (answerform).
func RegisterTranslations() error {
	if err := answerform.RegisterTranslations(); err != nil {
		return err
	}
	return kit.AddTranslations(translations, "translations")
}

// Deps is what the review screen needs from the shell.
type Deps struct {
	Window      fyne.Window
	Tasks       *kit.Tasks
	Assessments domain.AssessmentService
	Reviews     domain.ReviewService
	// Evidence reads the unit's files so that the reviewer can open them;
	// nil lists their names only.
	Evidence domain.EvidenceService
	// OnBack returns to where the screen was opened from.
	OnBack func()
	// Confirm asks before 退回 and 审定; nil shows a Fyne confirmation
	// dialog (tests answer it themselves).
	Confirm func(title, message string, ok func())
	// OnExportPackage writes the review package (导出审核结果包…) of a
	// returned or approved assessment (internal/ui/exchangeui); nil hides
	// the button.
	OnExportPackage func(id int64)
	// Round reads the database's rounds as the overview does: a
	// submission of a round it holds whole is scored with its peer
	// group's facts (the round's figures, as the 审核 area), not its own
	// figures waiting for the round. Zero: its own figures.
	Round roundview.Source
}

// Screen is the review of one assessment. Build it with New; it
// implements screen.Screen.
type Screen struct {
	deps Deps
	ws   *domain.Workspace
	own  *domain.Result // the unit's own score
	rev  *domain.Result // the reviewed score
	ids  []string       // items in catalog order
	cur  string         // the item shown

	changed map[string]bool

	title    *widget.Label
	totals   *widget.Label
	tree     *widget.Tree
	children map[string][]string
	filter   *widget.Select // which items the tree shows (filterChoices)
	baseNote *widget.Label  // why nothing can count as changed (domain.ChangeBase)

	itemTitle, itemReq, ownAnswer, ownNote, files *widget.Label
	fileButtons                                   *fyne.Container
	verdict                                       *widget.RadioGroup
	answerBox                                     *fyne.Container
	answer                                        *reviewerAnswer // the reviewer's own answer (answerform)
	points, reason, request, comment              *answerform.Entry
	reviewed, status, saveState                   *widget.Label
	acceptNext, summaryBtn                        *widget.Button
	packageBtn                                    *widget.Button // 导出审核结果包…
	content                                       fyne.CanvasObject
	box, pane                                     *fyne.Container // the review box, the right side
	shortcut                                      fyne.Shortcut
	moves                                         []fyne.Shortcut // Alt+Down, Alt+Up: next, previous item

	// saves stores the review changes in the background (autosave), by item.
	saves     *autosave.Queue[string, domain.Review]
	loading   bool           // the box is being filled from the stored review
	fieldsFor domain.Verdict // the verdict whose fields the box shows
	now       func() time.Time
}

var _ screen.Screen = (*Screen)(nil)

// Verdict labels in the user's language, by verdict ("" = not reviewed).
func verdictLabel(v domain.Verdict) string {
	switch v {
	case domain.VerdictAccept:
		return lang.L("Accepted")
	case domain.VerdictAdjust:
		return lang.L("Adjusted")
	case domain.VerdictRequest:
		return lang.L("More needed")
	}
	return lang.L("Not reviewed")
}

// New builds the review screen of ws.
func New(d Deps, ws *domain.Workspace) *Screen {
	s := &Screen{deps: d, ws: ws, now: time.Now}
	if s.deps.Confirm == nil {
		s.deps.Confirm = func(title, msg string, ok func()) {
			dialog.ShowConfirm(title, msg, func(yes bool) {
				if yes {
					ok()
				}
			}, d.Window)
		}
	}
	for _, it := range ws.Catalog.Items() {
		s.ids = append(s.ids, it.ID)
	}
	if s.ws.Reviews == nil {
		s.ws.Reviews = map[string]domain.Review{}
	}
	s.saves = autosave.New(autosave.Config[string, domain.Review]{
		Save: func(ctx context.Context, itemID string, r domain.Review) error {
			_, err := s.deps.Reviews.SaveReview(ctx, s.ws.Assessment.ID, itemID, r)
			return err
		},
		Context:  s.ctx,
		Post:     s.post,
		OnSaving: func() { s.saveState.SetText(lang.L("Review: saving…")) },
		OnSaved: func() {
			s.saveState.SetText(lang.L("Review saved {{.Time}}", map[string]any{"Time": s.now().Format("15:04:05")}))
		},
		OnFailed: s.onSaveFailed,
	})
	s.build()
	s.refresh()
	if len(s.ids) > 0 {
		s.ShowItem(s.firstOpen())
	}
	s.loadPeers()
	return s
}

// loadPeers reads, off the UI goroutine, the facts of the submission's
// peer group when the database holds its round (Deps.Round), and scores
// the screen with them: the totals, the tree and the unit's points of the
// item shown.
func (s *Screen) loadPeers() {
	ws := s.ws
	if s.deps.Round.Round == nil || s.deps.Tasks == nil || ws.Peers != nil || ws.Assessment.Status.Editable() || !ws.Catalog.RoundScored() {
		return
	}
	var peers *domain.PeerFacts
	s.deps.Tasks.Run(func(ctx context.Context) (err error) {
		peers, err = roundview.PeersOf(ctx, s.deps.Round, ws)
		return err
	}, func(err error) {
		if err != nil { // the own figures stay, said to wait for the round
			fyne.LogError("review: the round's figures", err)
			return
		}
		if peers == nil || s.ws != ws || ws.Peers != nil {
			return
		}
		ws.Peers = peers
		s.refresh()
		if s.cur != "" {
			s.ownAnswer.SetText(s.ownText(s.cur))
			s.showReviewed()
		}
	})
}

// firstOpen returns the first item not reviewed yet, else the first one.
func (s *Screen) firstOpen() string {
	for _, id := range s.ids {
		if _, ok := s.ws.Reviews[id]; !ok && s.applies(id) {
			return id
		}
	}
	return s.ids[0]
}

func (s *Screen) applies(id string) bool {
	is, _ := s.own.Item(id)
	return is.Status != domain.StatusExcluded
}

func (s *Screen) build() {
	s.own, s.rev = s.ws.Result(), s.ws.ReviewedResult()
	s.title = widget.NewLabel("")
	s.title.Truncation = fyne.TextTruncateEllipsis // the bar fits a 1024-pixel screen in English too
	s.totals = widget.NewLabel("")
	back := widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), func() { s.back() })
	s.summaryBtn = widget.NewButtonWithIcon(lang.L("Summary, return or approve…"), theme.ListIcon(), func() { s.ShowSummary() })
	s.packageBtn = widget.NewButtonWithIcon(lang.L("Export review package…"), theme.MailSendIcon(), func() {
		if s.deps.OnExportPackage != nil {
			s.deps.OnExportPackage(s.ws.Assessment.ID)
		}
	})
	s.packageBtn.Hide()
	s.saveState = widget.NewLabel("")
	bar := container.NewBorder(nil, nil, back, container.NewHBox(s.totals, s.saveState, s.packageBtn, s.summaryBtn), s.title)

	s.computeTree()
	s.tree = widget.NewTree(
		func(uid string) []string { return s.children[uid] },
		func(uid string) bool { return uid == "" || strings.HasPrefix(uid, "c:") },
		func(bool) fyne.CanvasObject {
			l := widget.NewLabel("A1.1 000000000000000000")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(uid string, branch bool, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.nodeText(uid, branch)) },
	)
	s.tree.OnSelected = func(uid string) {
		if !strings.HasPrefix(uid, "c:") && uid != s.cur {
			s.ShowItem(uid)
		}
	}
	s.tree.OpenAllBranches()
	s.filter = widget.NewSelect(filterChoices(), func(string) {
		s.showBase()
		s.computeTree()
		s.tree.OpenAllBranches()
		s.tree.Refresh()
	})
	s.baseNote = widget.NewLabel("")
	s.baseNote.Wrapping = fyne.TextWrapWord
	s.baseNote.Importance = widget.WarningImportance
	s.baseNote.Hide()
	s.filter.SetSelectedIndex(0)
	left := container.NewBorder(container.NewVBox(s.filter, s.baseNote), nil, nil, nil, s.tree)

	s.itemTitle = widget.NewLabel("")
	s.itemTitle.Wrapping = fyne.TextWrapWord
	s.itemTitle.TextStyle = fyne.TextStyle{}
	s.itemReq = widget.NewLabel("")
	s.itemReq.Wrapping = fyne.TextWrapWord
	s.ownAnswer = widget.NewLabel("")
	s.ownAnswer.Wrapping = fyne.TextWrapWord
	s.ownNote = widget.NewLabel("")
	s.ownNote.Wrapping = fyne.TextWrapWord
	s.files = widget.NewLabel("")
	s.files.Wrapping = fyne.TextWrapWord

	s.verdict = widget.NewRadioGroup([]string{verdictLabel(domain.VerdictAccept), verdictLabel(domain.VerdictAdjust),
		verdictLabel(domain.VerdictRequest)}, func(string) { s.onInput() })
	s.verdict.Horizontal = true
	s.answerBox = container.NewVBox()
	// The entries pass PageUp / PageDown (and Alt+← / Alt+→) on as item
	// moves, and Ctrl+Enter to the window, as in the walk-through.
	s.points = answerform.NewNumberEntry(s.step1)
	s.points.SetPlaceHolder(lang.L("Approved points (or give the answer above)"))
	s.reason = answerform.NewTextEntry(s.step1, true)
	s.reason.SetPlaceHolder(lang.L("Reason for other points (扣分说明)"))
	s.reason.SetMinRowsVisible(2)
	s.request = answerform.NewTextEntry(s.step1, true)
	s.request.SetPlaceHolder(lang.L("What the unit must add"))
	s.request.SetMinRowsVisible(2)
	s.comment = answerform.NewTextEntry(s.step1, false)
	s.comment.SetPlaceHolder(lang.L("Comment for the unit"))
	for _, e := range []*answerform.Entry{s.points, s.reason, s.request, s.comment} {
		e.OnChanged = func(string) { s.onInput() }
	}
	s.reviewed = widget.NewLabel("")
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.acceptNext = widget.NewButtonWithIcon(lang.L("Accept and next (Ctrl+Enter)"), theme.ConfirmIcon(), func() { s.AcceptAndNext() })
	s.acceptNext.Importance = widget.HighImportance
	keysHint := widget.NewLabel(lang.L("Alt+↓ / Alt+↑ or PageDown / PageUp: next / previous item"))

	s.fileButtons = container.NewHBox()
	unit := container.NewVBox(widget.NewSeparator(), widget.NewLabel(lang.L("The unit's answer")), s.ownAnswer, s.ownNote, s.files, s.fileButtons)
	s.box = container.NewVBox(widget.NewSeparator(), widget.NewLabel(lang.L("Lead review")), s.verdict, s.answerBox, s.points,
		s.reason, s.request, s.comment, s.reviewed, container.NewHBox(s.acceptNext, keysHint), s.status)
	s.pane = container.NewVBox(s.itemTitle, s.itemReq, unit, s.box)
	right := container.NewVScroll(s.pane)
	split := container.NewHSplit(left, right)
	split.Offset = 0.35
	s.content = container.NewBorder(bar, nil, nil, nil, split)
	s.shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}
	s.moves = []fyne.Shortcut{&desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierAlt},
		&desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierAlt}}
	if s.deps.Window != nil {
		c := s.deps.Window.Canvas()
		c.AddShortcut(s.shortcut, func(fyne.Shortcut) { s.AcceptAndNext() })
		c.AddShortcut(s.moves[0], func(fyne.Shortcut) { s.step1(1) })
		c.AddShortcut(s.moves[1], func(fyne.Shortcut) { s.step1(-1) })
	}
}

// filterChoices are the tree's views, in the order of (*Screen).shows.
func filterChoices() []string {
	return []string{lang.L("All items"), lang.L("Not reviewed"), lang.L("Changed since the last submission"),
		lang.L("More needed"), lang.L("Adjusted")}
}

// shows reports whether the tree's view shows the item; the item shown
// stays in every view.
func (s *Screen) shows(id string) bool {
	if s.filter == nil || id == s.cur {
		return true
	}
	r, reviewed := s.ws.Reviews[id]
	switch s.filter.SelectedIndex() {
	case 1:
		return !reviewed && s.applies(id)
	case 2:
		return s.changed[id]
	case 3:
		return r.Verdict == domain.VerdictRequest
	case 4:
		return r.Verdict == domain.VerdictAdjust
	}
	return true
}

// computeTree lists the tree's nodes for its view: categories that hold
// an item shown.
func (s *Screen) computeTree() {
	s.children = map[string][]string{}
	var walk func(parent string, cs []*domain.Category) bool
	walk = func(parent string, cs []*domain.Category) bool {
		any := false
		for _, c := range cs {
			uid := "c:" + c.ID
			var kids []string
			for _, it := range c.Items {
				if s.shows(it.ID) {
					kids = append(kids, it.ID)
				}
			}
			if walk(uid, c.Categories) {
				kids = append(kids, s.children[uid]...)
			}
			if len(kids) > 0 {
				s.children[uid] = kids
				s.children[parent] = append(s.children[parent], uid)
				any = true
			}
		}
		return any
	}
	walk("", s.ws.Catalog.Categories)
}

// nodeText is a tree line: the category, or the item with its review
// state and a mark when it changed since the last submission.
func (s *Screen) nodeText(uid string, branch bool) string {
	if branch {
		c := s.ws.Catalog.Category(strings.TrimPrefix(uid, "c:"))
		if c == nil {
			return uid
		}
		return c.ID + " " + c.Title
	}
	it := s.ws.Catalog.Item(uid)
	if it == nil {
		return uid
	}
	state := "[" + verdictLabel(s.ws.Reviews[uid].Verdict) + "]"
	if !s.applies(uid) {
		state = "[" + lang.L("Does not apply") + "]"
	}
	if s.changed[uid] {
		state += " ◆" + lang.L("Changed")
	}
	return it.ID + " " + state + " " + it.Title
}

// refresh recomputes the scores and redraws the header and tree.
func (s *Screen) refresh() {
	s.own, s.rev = s.ws.Result(), s.ws.ReviewedResult()
	s.changed = map[string]bool{}
	for _, id := range s.ws.ChangedItems() {
		s.changed[id] = true
	}
	a := s.ws.Assessment
	s.title.SetText(fmt.Sprintf("%s  %s  %s", lang.L("Lead review"), a.Unit.Name, a.Round) + "  " + statusLabel(a.Status))
	s.showTotals()
	if s.deps.OnExportPackage != nil && (a.Status == domain.Returned || a.Status == domain.Approved) {
		s.packageBtn.Show()
	} else {
		s.packageBtn.Hide()
	}
	s.setBoxEnabled()
	if s.filter != nil {
		s.computeTree()
	}
	s.showBase()
	s.tree.Refresh()
}

// showTotals writes both finals and the review's progress in the bar.
func (s *Screen) showTotals() {
	s.totals.SetText(fmt.Sprintf(lang.L("Own %s · approved %s · %d of %d reviewed"),
		scoreText(s.own.Final, s.own.AwaitsRound), scoreText(s.rev.Final, s.rev.AwaitsRound), len(s.ws.Reviews), s.applicable()))
}

// refreshReviewed redoes what a review change alters: the reviewed score,
// the totals and the tree's lines (the unit's score and what changed
// since the last submission stay).
func (s *Screen) refreshReviewed() {
	s.rev = s.ws.ReviewedResult()
	s.showTotals()
	if s.filter != nil && s.filter.SelectedIndex() > 0 {
		s.computeTree()
		s.tree.Refresh()
		return
	}
	s.tree.RefreshItem(s.cur) // only its line changed
}

// baseText says why nothing counts as changed since the last submission,
// or "" when there is a submission to compare with.
func baseText(ws *domain.Workspace) string {
	switch ws.ChangeBase() {
	case domain.BaseUnrecorded:
		return lang.L("Submitted before submissions were recorded (早期提交，无提交记录): changes since the earlier submission cannot be marked. If it is returned and submitted again, this submission is the baseline.")
	case domain.BaseFirst:
		return lang.L("First submission: there is no earlier one to compare with.")
	}
	return ""
}

// showBase shows why nothing can count as changed: always for a
// submission made before they were recorded, in the changed view for a
// first submission.
func (s *Screen) showBase() {
	if s.baseNote == nil {
		return
	}
	text := baseText(s.ws)
	if s.ws.ChangeBase() == domain.BaseFirst && (s.filter == nil || s.filter.SelectedIndex() != 2) {
		text = ""
	}
	setOrHide(s.baseNote, text)
}

// editable reports whether the review box takes input: the assessment is
// submitted and the item shown applies to the unit.
func (s *Screen) editable() bool {
	return s.ws.Assessment.Status == domain.Submitted && (s.cur == "" || s.applies(s.cur))
}

// setBoxEnabled enables the review box while it is editable.
func (s *Screen) setBoxEnabled() {
	on := s.editable()
	for _, w := range []fyne.Disableable{s.acceptNext, s.verdict, s.points, s.reason, s.request, s.comment} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	if s.answer != nil {
		s.answer.setEnabled(on)
	}
}

func (s *Screen) applicable() int {
	n := 0
	for _, is := range s.own.Items {
		if is.Status != domain.StatusExcluded {
			n++
		}
	}
	return n
}

// statusLabel writes an assessment status in the user's language.
func statusLabel(st domain.AssessmentStatus) string {
	switch st {
	case domain.Submitted:
		return lang.L("Submitted")
	case domain.Returned:
		return lang.L("Returned")
	case domain.Approved:
		return lang.L("Approved")
	}
	return lang.L("Draft")
}

// ShowItem shows the item: the unit's answer and the review box.
func (s *Screen) ShowItem(id string) {
	it := s.ws.Catalog.Item(id)
	if it == nil {
		return
	}
	s.cur = id
	if s.filter != nil && s.filter.SelectedIndex() > 0 { // the item shown stays in the view
		s.computeTree()
		s.tree.OpenAllBranches()
		s.tree.Refresh()
	}
	s.tree.Select(id)
	s.tree.ScrollTo(id)
	s.itemTitle.SetText(it.ID + "  " + it.Title + "  (" + fmt.Sprintf(lang.L("max %s"), kit.Number(it.Max)) + ")")
	setOrHide(s.itemReq, strings.TrimSpace(it.Requirement+"\n"+it.Scoring))
	a := s.ws.Answers.Answers[id]
	s.ownAnswer.SetText(s.ownText(id))
	note := ""
	if a.Note != "" {
		note = lang.L("Note") + ": " + domain.QuoteText(a.Note)
	}
	setOrHide(s.ownNote, note)
	var names []string
	s.fileButtons.Objects = nil
	for _, e := range s.ws.Evidence[id] {
		names = append(names, domain.QuoteText(e.Name)+" ("+kit.FileSize(e.Size)+")")
		if s.deps.Evidence != nil {
			e := e
			s.fileButtons.Add(widget.NewButtonWithIcon(lang.L("Open file")+" "+domain.QuoteText(e.Name), theme.FileIcon(), func() { s.openFile(e) }))
		}
	}
	s.fileButtons.Refresh()
	files := ""
	if len(names) > 0 {
		files = lang.L("Evidence") + ": " + strings.Join(names, "、")
	}
	setOrHide(s.files, files)

	s.loading = true
	defer func() { s.loading = false }()
	r := s.ws.Reviews[id]
	s.answer = newReviewerAnswer(it, r.Answer, a, s.onInput, s.step1) // 调整 starts from the unit's answer
	s.answerBox.Objects = []fyne.CanvasObject{s.answer.content}
	s.answerBox.Refresh()
	switch r.Verdict {
	case "":
		s.verdict.SetSelected("")
	default:
		s.verdict.SetSelected(verdictLabel(r.Verdict))
	}
	s.points.SetText("")
	if r.Verdict == domain.VerdictAdjust && r.Answer == nil {
		s.points.SetText(kit.InputNumber(r.Score))
	}
	hint := lang.L("Approved points (or give the answer above)")
	if is, _ := s.own.Item(id); is.Pending != nil { // 酌情扣分: the reviewer picks within the range
		hint = lang.L("Points within {{.Min}} and {{.Max}} (at the reviewer's discretion)",
			map[string]any{"Min": kit.Number(is.Pending.Min), "Max": kit.Number(is.Pending.Max)})
	}
	s.points.SetPlaceHolder(hint)
	s.reason.SetText(r.Reason)
	s.request.SetText(r.Request)
	s.comment.SetText(r.Comment)
	s.status.SetText("")
	if !s.applies(id) {
		s.status.SetText(lang.L("This item does not apply to units of this type: there is nothing to review."))
	}
	s.setBoxEnabled()
	s.showVerdictFields()
	s.showReviewed()
}

// ownText is the unit's answer to item id with its points, and whether
// it changed since the last submission.
func (s *Screen) ownText(id string) string {
	it := s.ws.Catalog.Item(id)
	is, _ := s.own.Item(id)
	own := answerText(it, s.ws.Answers.Answers[id]) + "  → " + fmt.Sprintf(lang.L("%s points"), kit.Number(is.Score))
	if s.changed[id] {
		own += "  ◆" + lang.L("Changed since the last submission")
	}
	return own
}

func (s *Screen) showReviewed() {
	rs, _ := s.rev.Item(s.cur)
	s.reviewed.SetText(fmt.Sprintf(lang.L("Approved points: %s"), kit.Number(rs.Score)))
}

func (s *Screen) selectedVerdict() domain.Verdict {
	for _, v := range domain.Verdicts {
		if s.verdict.Selected == verdictLabel(v) {
			return v
		}
	}
	return ""
}

func (s *Screen) showVerdictFields() {
	v := s.selectedVerdict()
	s.fieldsFor = v
	show := func(o fyne.CanvasObject, on bool) {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	show(s.answerBox, v == domain.VerdictAdjust)
	show(s.points, v == domain.VerdictAdjust)
	show(s.reason, v == domain.VerdictAdjust)
	show(s.request, v == domain.VerdictRequest)
	if s.box != nil { // lay the box out again: fields came and went
		s.answerBox.Refresh()
		s.box.Refresh()
		s.pane.Refresh()
	}
}

// formReview reads the review box; false when an input is not valid
// (the status line or the answer widgets say why).
func (s *Screen) formReview() (domain.Review, bool) {
	r := domain.Review{Verdict: s.selectedVerdict(), Comment: s.comment.Text}
	switch r.Verdict {
	case domain.VerdictAdjust:
		r.Reason = s.reason.Text
		if t := strings.TrimSpace(s.points.Text); t != "" {
			v, ok := answerform.ParseNumber(t, "")
			if !ok || v == nil {
				s.status.SetText(lang.L("The approved points must be a number."))
				return r, false
			}
			r.Score = v
		} else if s.answer != nil {
			a, ok := s.answer.read()
			if !ok {
				s.status.SetText(lang.L("Review not saved yet: correct the answer marked in red."))
				return r, false
			}
			if s.answer.unchanged(a) { // the unit's answer, prefilled: no adjustment yet
				s.status.SetText(lang.L("Review not saved yet: the answer above is still the unit's. To adjust, change it or give the approved points; to agree with the unit, choose Accepted."))
				return r, false
			}
			r.Answer = a
		}
	case domain.VerdictRequest:
		r.Request = s.request.Text
	}
	return r, true
}

// onInput records the review box after every change the user makes.
func (s *Screen) onInput() {
	if s.loading {
		return
	}
	if s.selectedVerdict() != s.fieldsFor {
		s.showVerdictFields() // typing in a field keeps the fields
	}
	s.record()
}

// record checks the review box of the item shown as the domain would and,
// when it may be stored, queues it for saving (autosave) and shows it at
// once: in the tree, the totals and the approved points. It reports
// whether the review was queued.
func (s *Screen) record() bool {
	if s.ws.Assessment.Status != domain.Submitted || s.cur == "" {
		return false
	}
	r, ok := s.formReview()
	if !ok {
		return false
	}
	// As Workspace.ReviewProblems, with the unit's score the screen has:
	// a review never changes it.
	it := s.ws.Catalog.Item(s.cur)
	ut := s.ws.Assessment.Unit.Type // the reviewer's answer scores by the unit type's rule
	stored := it.NormalizedFor(r, ut)
	own, _ := s.own.Item(s.cur)
	if ps := it.CheckVerdictFor(stored, own, ut); len(ps) > 0 {
		var why []string
		for _, p := range ps {
			why = append(why, message.ProblemMessage(p))
		}
		s.status.SetText(lang.L("Review not saved yet: {{.Why}}", map[string]any{"Why": strings.Join(why, lang.L("; "))}))
		return false
	}
	s.status.SetText("")
	id := s.cur
	s.saves.Set(id, stored)
	if stored.IsZero() {
		delete(s.ws.Reviews, id)
	} else {
		stored.By = s.user()
		s.ws.Reviews[id] = stored
	}
	s.refreshReviewed()
	s.showReviewed()
	return true
}

// onSaveFailed shows why the review changes were not stored; they stay in
// the queue and go with the next change.
func (s *Screen) onSaveFailed(err error) {
	text := []string{lang.L("Review not saved: {{.Reason}} It is kept and saved with your next change.",
		map[string]any{"Reason": kit.ErrorText(err)})}
	s.saveState.SetText(lang.L("Review not saved"))
	s.status.SetText(strings.Join(append(text, kit.ErrorDetails(err)...), "\n"))
}

func (s *Screen) ctx() context.Context {
	if s.deps.Tasks != nil && s.deps.Tasks.Context != nil {
		return s.deps.Tasks.Context()
	}
	return context.Background()
}

// post runs f on the UI goroutine, after any completion of the screen's
// tasks (kit.Tasks.Interact).
func (s *Screen) post(f func()) {
	fyne.Do(func() {
		if s.deps.Tasks != nil {
			s.deps.Tasks.Interact(f)
			return
		}
		f()
	})
}

func (s *Screen) user() string {
	if s.deps.Tasks != nil && s.deps.Tasks.Context != nil {
		return domain.ActorFrom(s.deps.Tasks.Context())
	}
	return ""
}

// AcceptAndNext accepts the item shown (认可) and moves to the next one.
func (s *Screen) AcceptAndNext() {
	if s.ws.Assessment.Status != domain.Submitted {
		return
	}
	if !s.applies(s.cur) { // nothing to accept: on to the next
		s.next()
		return
	}
	s.loading = true
	s.verdict.SetSelected(verdictLabel(domain.VerdictAccept))
	s.loading = false
	s.showVerdictFields()
	if s.record() {
		s.next()
	}
}

// next shows the next applicable item after the current one.
func (s *Screen) next() { s.step1(1) }

// step1 shows the applicable item dir (1 or -1) places from the current
// one, if there is one.
func (s *Screen) step1(dir int) {
	for i, id := range s.ids {
		if id != s.cur {
			continue
		}
		for j := i + dir; j >= 0 && j < len(s.ids); j += dir {
			if s.applies(s.ids[j]) {
				s.ShowItem(s.ids[j])
				return
			}
		}
	}
}

// back returns once every review change is stored; when storing failed,
// it asks first.
func (s *Screen) back() {
	leave := func() {
		if s.deps.OnBack != nil {
			s.deps.OnBack()
		}
	}
	if s.saves.Err() != nil && s.saves.Len() > 0 {
		s.deps.Confirm(lang.L("Review not saved"), lang.L("Some review changes could not be saved. Go back without them?"), leave)
		return
	}
	s.saves.WhenSaved(leave)
}

// Content returns the screen's widgets.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// HandleDrop ignores dropped files: a review attaches none.
func (s *Screen) HandleDrop([]fyne.URI) {}

// Close stores what is still waiting and lets go of the window's
// shortcuts and of the keyboard focus (keys typed on the next screen reach
// it, not a field of the review box no longer shown).
func (s *Screen) Close() {
	if s.deps.Window != nil {
		s.deps.Window.Canvas().Unfocus() // before the save: nothing typed is left behind
	}
	s.saves.SaveNow()
	if s.deps.Window != nil {
		c := s.deps.Window.Canvas()
		c.RemoveShortcut(s.shortcut)
		for _, m := range s.moves {
			c.RemoveShortcut(m)
		}
	}
}

// Busy reports whether a review change waits to be stored or work is
// still running. It is safe on any goroutine.
func (s *Screen) Busy() bool {
	return s.saves.Busy() || (s.deps.Tasks != nil && s.deps.Tasks.Busy())
}

// Workspace returns the assessment as the screen shows it.
func (s *Screen) Workspace() *domain.Workspace { return s.ws }

// setOrHide shows the text, or hides the label when there is none.
func setOrHide(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}
