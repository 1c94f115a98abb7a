// Package tasks is the board of the rectification register (挂图作战): a
// column per status, a card per entry coloured by its deadline (blue
// near, yellow behind or sent back, red overdue) and marked with the
// exchange package it came from, filters by unit, person responsible,
// item, source and origin, each unit's counts and closure rate as a bar,
// keys (or buttons) that move the selected card a step where the
// register's rules allow, and the selected entry's details (detail.go).
package tasks

import (
	"context"
	"embed"
	"fmt"
	"image/color"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/screen"
	"pingce/internal/userfile"
)

//go:embed translations
var translations embed.FS

// RegisterTranslations adds the board's texts in every language it has.
func RegisterTranslations() error { return kit.AddTranslations(translations, "translations") }

// Deps is what the board needs from the shell.
type Deps struct {
	Window fyne.Window
	Tasks  *kit.Tasks
	// Register keeps the entries; changes are checked and audited there.
	Register domain.TaskService
	// User is the user acting: the board offers only the steps they may take.
	User func() domain.User
	// Now is the clock overdue and colours are derived with; nil: time.Now.
	Now func() time.Time
	// OnBack returns to the previous screen; nil hides the button.
	OnBack func()
	// Assessments lists and opens assessments for 生成整改事项
	// (generate.go); nil hides the button.
	Assessments domain.AssessmentService
	// WriteRegister writes entries as a workbook or PDF (FormatXLSX,
	// FormatPDF); WriteNotices writes 督办通知, one page per entry with
	// its number. Nil hides their buttons (export.go). Outputs guards the
	// files written (never the database).
	WriteRegister func(ctx context.Context, w io.Writer, format string, ts []domain.Task, now time.Time) error
	WriteNotices  func(ctx context.Context, w io.Writer, ts []domain.Task, numbers []string, now time.Time) error
	Outputs       *userfile.Guard
}

// Board is the register's board. Build it with New; it implements
// screen.Screen and screen.Scripted.
type Board struct {
	deps    Deps
	content fyne.CanvasObject

	all     []domain.Task // every entry, by id
	shown   [][]int       // per column (domain.TaskStatuses), indexes into all
	col     int           // selected column
	row     int           // selected row in it; -1 for none
	lists   []*widget.List
	heads   []*widget.Label
	filters struct{ unit, owner, item, source, origin *widget.Select }
	units   *fyne.Container // each unit's counts and closure rate
	status  *widget.Label
	moves   *fyne.Container // the buttons that move the selected card
	bottom  *fyne.Container // the status line with the moves
	forward *widget.Button
	back    *widget.Button
	details *widget.Button
	active  bool          // the board's keys are on the window's canvas
	gen     *generator    // the generation table, while it is open
	detail  dialog.Dialog // the details of an entry, while they are shown
	loading int           // reloads under way
	loaded  []func(error) // WhenLoaded's callbacks

	// Dragging cards (drag.go): each column's area and its highlight,
	// and the dragged card's ghost on a layer over the board.
	columns    []fyne.CanvasObject
	highlights []*canvas.Rectangle
	ghost      *fyne.Container
	ghostText  *widget.Label
	ghostBg    *canvas.Rectangle
	ghostLayer *fyne.Container
}

// New builds the board; call Reload to fill it.
func New(d Deps) *Board {
	b := &Board{deps: d, row: -1}
	b.build()
	return b
}

func (b *Board) now() time.Time {
	if b.deps.Now != nil {
		return b.deps.Now()
	}
	return time.Now()
}

func (b *Board) user() domain.User {
	if b.deps.User != nil {
		return b.deps.User()
	}
	return domain.User{}
}

// all filter choices start with the choice of everything.
func allChoice() string { return lang.L("All") }

func (b *Board) build() {
	newFilter := func(label string) *widget.Select {
		s := widget.NewSelect([]string{allChoice()}, func(string) { b.refilter() })
		s.PlaceHolder = label
		s.SetSelectedIndex(0)
		return s
	}
	b.filters.unit = newFilter(lang.L("Unit"))
	b.filters.owner = newFilter(lang.L("Responsible"))
	b.filters.item = newFilter(lang.L("Catalog item"))
	b.filters.source = newFilter(lang.L("Source"))
	b.filters.origin = newFilter(lang.L("Came from"))
	b.status = widget.NewLabel("")
	b.forward = widget.NewButtonWithIcon(lang.L("Move on"), theme.NavigateNextIcon(), func() { b.move(true) })
	b.back = widget.NewButtonWithIcon(lang.L("Send back"), theme.NavigateBackIcon(), func() { b.move(false) })
	b.details = widget.NewButtonWithIcon(lang.L("Details…"), theme.InfoIcon(), b.ShowDetail)
	bar := container.NewHBox()
	b.moves = container.NewHBox(b.details, b.back, b.forward)
	if b.deps.OnBack != nil {
		bar.Add(widget.NewButtonWithIcon(lang.L("Home"), theme.HomeIcon(), b.deps.OnBack))
	}
	for _, f := range []struct {
		label string
		s     *widget.Select
	}{{lang.L("Unit"), b.filters.unit}, {lang.L("Responsible"), b.filters.owner}, {lang.L("Catalog item"), b.filters.item},
		{lang.L("Source"), b.filters.source}, {lang.L("Came from"), b.filters.origin}} {
		bar.Add(widget.NewLabel(f.label))
		bar.Add(f.s)
	}
	if b.deps.Assessments != nil {
		bar.Add(widget.NewButtonWithIcon(lang.L("Generate entries…"), theme.ContentAddIcon(), b.ShowGenerate))
	}
	if b.deps.WriteRegister != nil {
		bar.Add(widget.NewButtonWithIcon(lang.L("Export…"), theme.DocumentSaveIcon(), func() {
			xlsx := widget.NewRadioGroup([]string{"XLSX", "PDF"}, nil)
			xlsx.SetSelected("XLSX")
			dialog.ShowForm(lang.L("Export the register"), lang.L("Next step"), lang.L("Cancel"),
				[]*widget.FormItem{widget.NewFormItem(lang.L("Format"), xlsx)}, func(ok bool) {
					if ok {
						b.ShowExport(map[bool]string{true: FormatXLSX, false: FormatPDF}[xlsx.Selected == "XLSX"])
					}
				}, b.deps.Window)
		}))
	}
	if b.deps.WriteNotices != nil {
		bar.Add(widget.NewButtonWithIcon(lang.L("Notices…"), theme.MailSendIcon(), b.ShowNotices))
	}
	cols := container.NewGridWithColumns(len(domain.TaskStatuses))
	b.shown = make([][]int, len(domain.TaskStatuses))
	for c, st := range domain.TaskStatuses {
		c := c
		head := widget.NewLabelWithStyle(statusName(st), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		list := widget.NewList(func() int { return len(b.shown[c]) }, func() fyne.CanvasObject { return newCard(b) },
			func(id widget.ListItemID, o fyne.CanvasObject) { b.fillCard(c, id, o) })
		list.OnSelected = func(id widget.ListItemID) {
			b.col, b.row = c, id
			for i, l := range b.lists {
				if i != c {
					l.UnselectAll()
				}
				l.Refresh() // the selected card's frame
			}
			b.updateButtons()
		}
		b.heads = append(b.heads, head)
		b.lists = append(b.lists, list)
		hl := canvas.NewRectangle(color.Transparent)
		hl.CornerRadius = 4
		area := container.NewStack(hl, container.NewBorder(head, nil, nil, nil, list))
		b.highlights = append(b.highlights, hl)
		b.columns = append(b.columns, area)
		cols.Add(area)
	}
	b.units = container.NewVBox()
	unitScroll := container.NewVScroll(b.units)
	unitScroll.SetMinSize(fyne.NewSize(260, 0))
	side := container.NewBorder(widget.NewLabelWithStyle(lang.L("Closure rate by unit"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, unitScroll)
	b.bottom = container.NewBorder(nil, nil, b.status, b.moves)
	b.content = container.NewStack(container.NewBorder(bar, container.NewVBox(widget.NewSeparator(), b.bottom), nil, side, cols),
		b.newGhost())
	b.updateButtons()
}

// statusName is a status as the board writes it.
func statusName(st domain.TaskStatus) string {
	switch st {
	case domain.TaskOpen:
		return lang.L("Open (to fix)")
	case domain.TaskInProgress:
		return lang.L("In rectification")
	case domain.TaskClosureRequested:
		return lang.L("Closure requested")
	case domain.TaskClosed:
		return lang.L("Closed")
	case domain.TaskExtensionRequested:
		return lang.L("Extension requested")
	case domain.TaskExtended:
		return lang.L("Extended")
	}
	return string(st)
}

// sourceName is a source as the board writes it.
func sourceName(s domain.TaskSource) string {
	switch s {
	case domain.SourceShortfall:
		return lang.L("Lost points")
	case domain.SourceReview:
		return lang.L("Review")
	case domain.SourceSupervision:
		return lang.L("Supervision")
	case domain.SourceManual:
		return lang.L("Manual")
	}
	return string(s)
}

// stepName is what the button that takes step act says.
func stepName(act domain.TaskAction) string {
	switch act {
	case domain.TaskActStart:
		return lang.L("Start")
	case domain.TaskActRequestClosure:
		return lang.L("Apply for closure")
	case domain.TaskActClose:
		return lang.L("Close the entry")
	case domain.TaskActReject:
		return lang.L("Return the request")
	case domain.TaskActGrantExtend:
		return lang.L("Grant the extension")
	case domain.TaskActRefuseExtend:
		return lang.L("Refuse the extension")
	case domain.TaskActRequestExtend:
		return lang.L("Apply for an extension")
	}
	return string(act)
}

// Card colours (三色督办): light for the light scheme, deep for the dark
// one, so the theme's text stays readable on them.
var (
	cardNone   = color.NRGBA{0xf4, 0xf6, 0xf9, 0xff}
	cardBlue   = color.NRGBA{0xd6, 0xe6, 0xfb, 0xff}
	cardYellow = color.NRGBA{0xfc, 0xf0, 0xbf, 0xff}
	cardRed    = color.NRGBA{0xf8, 0xd3, 0xd3, 0xff}

	darkNone   = color.NRGBA{0x33, 0x36, 0x3b, 0xff}
	darkBlue   = color.NRGBA{0x1e, 0x3a, 0x60, 0xff}
	darkYellow = color.NRGBA{0x5c, 0x4b, 0x10, 0xff}
	darkRed    = color.NRGBA{0x64, 0x22, 0x22, 0xff}
)

// CardColour is the background of a card of colour c in the app's colour
// scheme: the one its theme draws, which the settings may force to light
// or dark whatever the system's (Settings().ThemeVariant() is the
// system's: a forced light theme on a dark desktop had dark cards under
// dark text).
func CardColour(c domain.TaskColour) color.Color {
	dark := false
	if a := fyne.CurrentApp(); a != nil {
		r, g, b, _ := theme.Color(theme.ColorNameBackground).RGBA()
		dark = r+g+b < 3*0x8000
	}
	pick := func(light, deep color.Color) color.Color {
		if dark {
			return deep
		}
		return light
	}
	switch c {
	case domain.ColourBlue:
		return pick(cardBlue, darkBlue)
	case domain.ColourYellow:
		return pick(cardYellow, darkYellow)
	case domain.ColourRed:
		return pick(cardRed, darkRed)
	}
	return pick(cardNone, darkNone)
}

// cardTexts are the three lines of a card at now.
func cardTexts(t *domain.Task, now time.Time) (title, problem, meta string) {
	// The unit and the item first, the package the entry came from last:
	// a narrow card cuts the end, and the tag had left the unit no room.
	title = "#" + strconv.FormatInt(t.ID, 10) + " " + t.UnitName
	if t.ItemID != "" {
		title += " · " + t.ItemID
	}
	if tag := originTag(t); tag != "" {
		title += " " + tag
	}
	problem = strings.Join(strings.Fields(t.Problem), " ")
	// What decides the colour first: a narrow card cuts the end.
	var parts []string
	switch d := t.DaysLeft(now); {
	case t.Status.Done():
		parts = append(parts, lang.L("closed"))
	case t.Overdue(now):
		parts = append(parts, fmt.Sprintf(lang.L("%d days overdue"), -d))
	case d <= domain.NearDays:
		parts = append(parts, fmt.Sprintf(lang.L("%d days left"), d))
	}
	if t.Returned && !t.Status.Done() {
		parts = append(parts, lang.L("sent back"))
	}
	parts = append(parts, domain.DateText(t.Deadline()), t.Owner)
	return title, problem, strings.Join(parts, " · ")
}

func (b *Board) fillCard(c int, id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(b.shown[c]) {
		return
	}
	t := &b.all[b.shown[c][id]]
	cd := o.(*card)
	cd.col, cd.row = c, id
	bg := cd.bg
	now := b.now()
	bg.FillColor = CardColour(t.Colour(now))
	bg.StrokeWidth = 0
	if c == b.col && id == b.row {
		bg.StrokeColor, bg.StrokeWidth = theme.Color(theme.ColorNamePrimary), 2
	}
	bg.Refresh()
	title, problem, meta := cardTexts(t, now)
	cd.title.SetText(title)
	cd.problem.SetText(problem)
	cd.meta.SetText(meta)
}

// WhenLoaded runs fn on the UI goroutine once the reload under way has
// shown the register (at once when none is), with its error: what the
// screenshot harness waits for before it selects a card.
func (b *Board) WhenLoaded(fn func(error)) {
	if b.loading == 0 {
		fn(nil)
		return
	}
	b.loaded = append(b.loaded, fn)
}

// Reload reads the register again.
func (b *Board) Reload() {
	var ts []domain.Task
	b.status.SetText(lang.L("Loading the register…"))
	b.loading++
	b.deps.Tasks.Run(func(ctx context.Context) (err error) {
		ts, err = b.deps.Register.ListTasks(ctx, domain.TaskFilter{})
		return err
	}, func(err error) {
		defer b.reloaded(err)
		if err != nil {
			b.status.SetText(kit.ErrorText(err))
			kit.ShowError(b.deps.Window, err)
			return
		}
		b.setTasks(ts)
	})
}

// reloaded tells WhenLoaded's callers once no reload is left.
func (b *Board) reloaded(err error) {
	if b.loading--; b.loading > 0 {
		return
	}
	fns := b.loaded
	b.loaded = nil
	for _, fn := range fns {
		fn(err)
	}
}

// setTasks shows ts, keeping the filters where their choice still exists.
func (b *Board) setTasks(ts []domain.Task) {
	b.all = ts
	set := func(s *widget.Select, values []string) {
		keep := s.Selected
		slices.Sort(values)
		values = slices.Compact(values)
		if len(values) > 0 && values[0] == "" {
			values = values[1:]
		}
		s.Options = append([]string{allChoice()}, values...)
		if !slices.Contains(s.Options, keep) {
			keep = allChoice()
		}
		s.Selected = keep
		s.Refresh()
	}
	var units, owners, items, sources, origins []string
	for i := range ts {
		units, owners, items = append(units, ts[i].UnitName), append(owners, ts[i].Owner), append(items, ts[i].ItemID)
		sources, origins = append(sources, sourceName(ts[i].Source)), append(origins, originChoice(&ts[i]))
	}
	set(b.filters.unit, units)
	set(b.filters.owner, owners)
	set(b.filters.item, items)
	set(b.filters.source, sources)
	set(b.filters.origin, origins)
	b.refilter()
}

// refilter sorts the entries the filters let through into the columns
// and updates the counts.
func (b *Board) refilter() {
	if b.shown == nil {
		return
	}
	pick := func(s *widget.Select) string {
		if s.Selected == allChoice() {
			return ""
		}
		return s.Selected
	}
	unit, owner, item, source := pick(b.filters.unit), pick(b.filters.owner), pick(b.filters.item), pick(b.filters.source)
	origin := pick(b.filters.origin)
	for c := range b.shown {
		b.shown[c] = b.shown[c][:0]
	}
	var sel []domain.Task
	for i := range b.all {
		t := &b.all[i]
		if unit != "" && t.UnitName != unit || owner != "" && t.Owner != owner || item != "" && t.ItemID != item ||
			source != "" && sourceName(t.Source) != source || origin != "" && originChoice(t) != origin {
			continue
		}
		c := slices.Index(domain.TaskStatuses, t.Status)
		if c < 0 {
			continue
		}
		b.shown[c] = append(b.shown[c], i)
		sel = append(sel, *t)
	}
	for c, st := range domain.TaskStatuses {
		b.heads[c].SetText(fmt.Sprintf("%s（%d）", statusName(st), len(b.shown[c])))
		b.lists[c].UnselectAll()
		b.lists[c].Refresh()
	}
	b.row = -1
	b.showCounts(sel)
	b.updateButtons()
}

// showCounts shows every unit's counts and closure rate as a bar, and the
// total in the status line.
func (b *Board) showCounts(sel []domain.Task) {
	now := b.now()
	b.units.RemoveAll()
	total, closed, overdue := 0, 0, 0
	for _, u := range domain.CountTasks(sel, now) {
		total, closed, overdue = total+u.Total, closed+u.Closed, overdue+u.Overdue
		bar := widget.NewProgressBar()
		bar.SetValue(u.Rate())
		bar.TextFormatter = func() string { return fmt.Sprintf("%.0f%%", u.Rate()*100) }
		text := widget.NewLabel(fmt.Sprintf(lang.L("%s: %d entries, %d closed, %d overdue"), u.UnitName, u.Total, u.Closed, u.Overdue))
		text.Truncation = fyne.TextTruncateEllipsis
		b.units.Add(container.NewVBox(text, bar))
	}
	rate := 0.0
	if total > 0 {
		rate = float64(closed) / float64(total) * 100
	}
	b.status.SetText(fmt.Sprintf(lang.L("%d entries, %d closed (%.0f%%), %d overdue"), total, closed, rate, overdue))
}

// selected returns the selected entry, or nil.
func (b *Board) selected() *domain.Task {
	if b.row < 0 || b.col >= len(b.shown) || b.row >= len(b.shown[b.col]) {
		return nil
	}
	return &b.all[b.shown[b.col][b.row]]
}

// stepOf is the step that moves an entry of status st on (forward) or
// back, "" when there is none.
func stepOf(st domain.TaskStatus, forward bool) domain.TaskAction {
	if forward {
		switch st {
		case domain.TaskOpen:
			return domain.TaskActStart
		case domain.TaskInProgress, domain.TaskExtended:
			return domain.TaskActRequestClosure
		case domain.TaskClosureRequested:
			return domain.TaskActClose
		case domain.TaskExtensionRequested:
			return domain.TaskActGrantExtend
		}
		return ""
	}
	switch st {
	case domain.TaskClosureRequested:
		return domain.TaskActReject
	case domain.TaskExtensionRequested:
		return domain.TaskActRefuseExtend
	}
	return ""
}

// allowed reports the step that moves the selected card, if the user may take it.
func (b *Board) allowed(forward bool) (domain.TaskAction, *domain.Task) {
	t := b.selected()
	if t == nil {
		return "", nil
	}
	act := stepOf(t.Status, forward)
	if act == "" || domain.AuthorizeTask(b.user(), act, t) != nil {
		return "", t
	}
	return act, t
}

func (b *Board) updateButtons() {
	for _, x := range []struct {
		btn     *widget.Button
		forward bool
	}{{b.forward, true}, {b.back, false}} {
		act, _ := b.allowed(x.forward)
		if act == "" {
			x.btn.Disable()
			if x.forward {
				x.btn.SetText(lang.L("Move on"))
			} else {
				x.btn.SetText(lang.L("Send back"))
			}
		} else {
			x.btn.Enable()
			x.btn.SetText(stepName(act))
		}
	}
	if b.selected() == nil {
		b.details.Disable()
	} else {
		b.details.Enable()
	}
	if b.bottom != nil {
		b.bottom.Refresh() // the buttons' new texts need their width
	}
}

// move takes the step that moves the selected card on or back, asking for
// the comment or reason the step needs.
func (b *Board) move(forward bool) {
	if b.detail != nil { // Ctrl+→ under the details
		return
	}
	act, t := b.allowed(forward)
	if act == "" {
		return
	}
	b.takeStep(t, act)
}

// takeStep takes step act on entry t, first asking for the comment, or
// the reason and new date, the step needs.
func (b *Board) takeStep(t *domain.Task, act domain.TaskAction) {
	id := t.ID
	switch act {
	case domain.TaskActClose, domain.TaskActReject, domain.TaskActRefuseExtend:
		entry := widget.NewMultiLineEntry()
		entry.SetPlaceHolder(lang.L("Comment"))
		dialog.ShowForm(stepName(act), lang.L("OK"), lang.L("Cancel"),
			[]*widget.FormItem{widget.NewFormItem(lang.L("Comment"), entry)}, func(ok bool) {
				if ok {
					b.step(id, act, domain.TaskStep{Text: entry.Text})
				}
			}, b.deps.Window)
	case domain.TaskActRequestExtend:
		reason := widget.NewMultiLineEntry()
		due := widget.NewEntry()
		due.SetPlaceHolder(domain.DateText(t.Deadline().AddDate(0, 1, 0)))
		dialog.ShowForm(stepName(act), lang.L("OK"), lang.L("Cancel"),
			[]*widget.FormItem{widget.NewFormItem(lang.L("Reason"), reason), widget.NewFormItem(lang.L("New deadline"), due)}, func(ok bool) {
				if !ok {
					return
				}
				d, err := domain.ParseDate(due.Text)
				if err != nil {
					kit.ShowError(b.deps.Window, err)
					return
				}
				b.step(id, act, domain.TaskStep{Text: reason.Text, Due: d})
			}, b.deps.Window)
	case domain.TaskActRequestClosure: // with the closure evidence to add (closure.go)
		b.applyForClosure(t)
	default:
		b.step(id, act, domain.TaskStep{})
	}
}

// step takes act on entry id in the background and shows the result.
func (b *Board) step(id int64, act domain.TaskAction, in domain.TaskStep) {
	var got *domain.Task
	b.deps.Tasks.Run(func(ctx context.Context) (err error) {
		got, err = b.deps.Register.StepTask(ctx, id, act, in)
		return err
	}, func(err error) { b.stepped(id, got, err) })
}

// stepped shows the result of a change of entry id: the error, or the
// entry as it is now, selected.
func (b *Board) stepped(id int64, got *domain.Task, err error) {
	if err != nil {
		b.status.SetText(why(err))
		kit.ShowError(b.deps.Window, err)
		return
	}
	for i := range b.all {
		if b.all[i].ID == id {
			b.all[i] = *got
		}
	}
	b.refilter()
	b.selectEntry(id)
}

// selectEntry selects the card of entry id, wherever it is now.
func (b *Board) selectEntry(id int64) {
	for c := range b.shown {
		for r, i := range b.shown[c] {
			if b.all[i].ID == id {
				b.lists[c].Select(r)
				return
			}
		}
	}
}

// key moves the selection with the arrow keys; Enter shows the selected
// entry's details, and Escape or Enter closes them. While a dialog covers
// the board the keys leave the cards alone.
func (b *Board) key(k *fyne.KeyEvent) {
	if b.detail != nil {
		switch k.Name {
		case fyne.KeyEscape, fyne.KeyReturn, fyne.KeyEnter:
			b.detail.Hide()
		}
		return
	}
	if b.deps.Window.Canvas().Overlays().Top() != nil {
		return
	}
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.ShowDetail()
	case fyne.KeyLeft, fyne.KeyRight:
		step := 1
		if k.Name == fyne.KeyLeft {
			step = -1
		}
		for c := b.col + step; c >= 0 && c < len(b.shown); c += step {
			if len(b.shown[c]) > 0 {
				b.lists[c].Select(min(max(b.row, 0), len(b.shown[c])-1))
				return
			}
		}
	case fyne.KeyUp, fyne.KeyDown:
		if b.row < 0 {
			b.key(&fyne.KeyEvent{Name: fyne.KeyRight})
			return
		}
		r := b.row + 1
		if k.Name == fyne.KeyUp {
			r = b.row - 1
		}
		if r >= 0 && r < len(b.shown[b.col]) {
			b.lists[b.col].Select(r)
		}
	}
}

// shortcuts are Ctrl+→ (move on) and Ctrl+← (send back).
var shortcuts = []*desktop.CustomShortcut{
	{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShortcutDefault},
	{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierShortcutDefault},
}

// Activate puts the board's keys on the window: arrows select, Enter
// shows the selected entry's details, Ctrl+→ moves the selected card on,
// Ctrl+← sends it back.
func (b *Board) Activate() {
	c := b.deps.Window.Canvas()
	// A widget focused before (the home screen's list) would take the keys
	// the board's canvas handler is for: Enter opened an assessment.
	c.Unfocus()
	c.SetOnTypedKey(b.key)
	c.AddShortcut(shortcuts[0], func(fyne.Shortcut) { b.move(true) })
	c.AddShortcut(shortcuts[1], func(fyne.Shortcut) { b.move(false) })
	b.active = true
}

// Content implements screen.Screen.
func (b *Board) Content() fyne.CanvasObject { return b.content }

// HandleDrop implements screen.Screen: the board takes no files.
func (b *Board) HandleDrop([]fyne.URI) {}

// Close implements screen.Screen: the board's keys leave the window.
func (b *Board) Close() {
	if !b.active {
		return
	}
	c := b.deps.Window.Canvas()
	c.SetOnTypedKey(nil)
	for _, s := range shortcuts {
		c.RemoveShortcut(s)
	}
	b.active = false
}

// Busy implements screen.Screen.
func (b *Board) Busy() bool { return b.deps.Tasks.Busy() }

// Do implements screen.Scripted: "filter" unit=NAME|owner=NAME|item=ID|source=NAME|origin=NAME,
// "select" ENTRY-ID, "detail" ENTRY-ID, "forward", "back", "key" left|right|up|down|enter.
func (b *Board) Do(action, arg string) error {
	switch action {
	case "filter":
		k, v, _ := strings.Cut(arg, "=")
		s := map[string]*widget.Select{"unit": b.filters.unit, "owner": b.filters.owner, "item": b.filters.item, "source": b.filters.source,
			"origin": b.filters.origin}[k]
		if s == nil || !slices.Contains(s.Options, v) {
			return fmt.Errorf("tasks: no filter choice %q", arg)
		}
		s.SetSelected(v)
	case "select":
		id, err := strconv.ParseInt(arg, 10, 64)
		if err != nil {
			return fmt.Errorf("tasks: select %q: %w", arg, err)
		}
		b.selectEntry(id)
	case "detail":
		id, err := strconv.ParseInt(arg, 10, 64)
		if err != nil {
			return fmt.Errorf("tasks: detail %q: %w", arg, err)
		}
		b.selectEntry(id)
		if t := b.selected(); t == nil || t.ID != id {
			return fmt.Errorf("tasks: no card of entry %d is shown", id)
		}
		b.ShowDetail()
	case "forward":
		b.move(true)
	case "back":
		b.move(false)
	case "generate": // ASSESSMENT-ID: the table of proposed entries
		id, err := strconv.ParseInt(arg, 10, 64)
		if err != nil {
			return fmt.Errorf("tasks: generate %q: %w", arg, err)
		}
		b.Generate(id)
	case "generate-save":
		if b.gen == nil {
			return fmt.Errorf("tasks: no generation table is open")
		}
		b.gen.dlg.Hide()
		b.gen.save()
	case "key":
		b.key(&fyne.KeyEvent{Name: map[string]fyne.KeyName{"left": fyne.KeyLeft, "right": fyne.KeyRight, "up": fyne.KeyUp, "down": fyne.KeyDown,
			"enter": fyne.KeyReturn}[arg]})
	default:
		return screen.UnknownAction("tasks", action, "filter", "select", "detail", "forward", "back", "key", "generate", "generate-save")
	}
	return nil
}
