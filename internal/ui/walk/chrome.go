package walk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
)

// chrome is the frame around the view: the toolbar (home, export, submit
// and the title) with the banner under it, and the status line with its
// retry button at the bottom.
type chrome struct {
	v      *View
	top    fyne.CanvasObject // toolbar and banner
	bottom fyne.CanvasObject // status line

	back      *widget.Button
	export    *widget.Button
	pkg       *widget.Button // 导出提交包… (submitted)
	submit    *widget.Button
	blocking  *widget.Button // how many items still block submission; shows them
	carried   *widget.Button // confirms the answers carried from the last round (carried.go)
	title     *widget.Label
	banner    *widget.Label
	bannerBox *fyne.Container
	status    *widget.Label
	retry     *widget.Button
}

// newChrome builds the frame with the given title.
func newChrome(v *View, title string) *chrome {
	c := &chrome{v: v}
	c.back = widget.NewButtonWithIcon(lang.L("Home"), theme.NavigateBackIcon(), v.onBackTapped)
	c.export = widget.NewButtonWithIcon(lang.L("Export report"), theme.DocumentPrintIcon(), v.onExportTapped)
	c.pkg = widget.NewButtonWithIcon(lang.L("Export submission package…"), theme.MailSendIcon(), v.onExportPackageTapped)
	c.pkg.Hide()
	c.submit = widget.NewButtonWithIcon(lang.L("Check and submit"), theme.MailSendIcon(), v.onSubmitTapped)
	c.submit.Importance = widget.HighImportance
	c.blocking = widget.NewButtonWithIcon("", theme.NewErrorThemedResource(theme.ErrorIcon()), v.showNotDone)
	c.blocking.Importance = widget.LowImportance
	c.carried = newCarriedButton(v)
	// Unit, round and catalog are data: not bold (see kit.Fonts).
	c.title = widget.NewLabel(title)
	c.title.Truncation = fyne.TextTruncateEllipsis
	toolbar := container.NewBorder(nil, nil, c.back, container.NewHBox(c.blocking, c.carried, c.export, c.pkg, c.submit), c.title)

	c.banner = widget.NewLabel("")
	c.banner.Wrapping = fyne.TextWrapWord
	c.banner.Importance = widget.WarningImportance
	c.bannerBox = container.NewVBox(c.banner)
	c.updateBanner()
	c.top = container.NewVBox(toolbar, c.bannerBox)

	c.status = widget.NewLabel("")
	c.status.Truncation = fyne.TextTruncateEllipsis
	c.retry = widget.NewButtonWithIcon(lang.L("Try again"), theme.ViewRefreshIcon(), v.onRetryTapped)
	c.retry.Hide()
	c.bottom = container.NewBorder(nil, nil, nil, c.retry, c.status)
	if v.readOnly {
		c.status.SetText(lang.L("Read only"))
	} else {
		c.status.SetText(lang.L("Changes save themselves"))
	}
	return c
}

// setStatus writes the status line.
func (c *chrome) setStatus(text string) { c.status.SetText(text) }

// showFailure writes a failure in the status line, in red, with the retry
// button.
func (c *chrome) showFailure(text string) {
	c.status.SetText(text)
	c.status.Importance = widget.DangerImportance
	c.status.Refresh()
	c.retry.Show()
}

// clearFailure takes the red and the retry button away again.
func (c *chrome) clearFailure() {
	c.status.Importance = widget.MediumImportance
	c.retry.Hide()
}

// updateBanner shows why the assessment cannot be changed, or why it came
// back, and enables submitting while it can be changed.
func (c *chrome) updateBanner() {
	a := c.v.ws.Assessment
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
	if note := earlyNote(c.v.ws); note != "" { // 早期提交 (earlybanner.go)
		text += "\n" + note
	}
	c.banner.SetText(text)
	if text == "" {
		c.bannerBox.Hide()
	} else {
		c.bannerBox.Show()
	}
	// The toolbar grew or shrank: lay the view out again, or the banner is
	// drawn over the tree's filter until the view is rebuilt.
	if c.top != nil {
		c.top.Refresh()
	}
	if c.v.content != nil {
		c.v.content.Refresh()
	}
	c.submit.Disable()
	if !c.v.readOnly {
		c.submit.Enable()
	}
	if c.v.deps.OnExportPackage != nil && a.Status == domain.Submitted {
		c.pkg.Show()
	} else {
		c.pkg.Hide()
	}
	c.updateBlockers()
}

// updateBlockers shows how many items still block submission: the count
// of the submit check, so that what the header says is what it will list.
func (c *chrome) updateBlockers() {
	c.updateCarried()
	n := c.v.scores.blockers.Items()
	if c.v.readOnly || n == 0 {
		c.blocking.Hide()
		return
	}
	c.blocking.SetText(lang.L("{{.N}} not done", map[string]any{"N": n}))
	c.blocking.Show()
}
