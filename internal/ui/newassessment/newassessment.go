package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
)

// catalogChoice is one entry of the catalog select: a built-in or imported
// catalog not stored yet (Catalog set), or one already stored (Info set).
type catalogChoice struct {
	Label   string
	Catalog *domain.Catalog
	Info    domain.CatalogInfo
}

// ref returns "id@version" of the choice.
func (c catalogChoice) ref() string {
	if c.Catalog != nil {
		return c.Catalog.Ref()
	}
	return c.Info.Ref()
}

// NewDialog is the new-assessment dialog: unit, round and catalog.
type NewDialog struct {
	u      *UI
	dialog dialog.Dialog
	units  []domain.Unit
	cats   []catalogChoice

	Unit         *widget.Select
	Round        *widget.SelectEntry
	Catalog      *widget.Select
	CreateButton *widget.Button
	CancelButton *widget.Button
	Hint         *widget.Label
}

// CurrentQuarter returns the round name of the quarter t falls in: 2026-Q4.
func CurrentQuarter(t time.Time) string {
	return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())-1)/3+1)
}

// quarters returns the quarter of t and its neighbours, newest first.
func quarters(t time.Time) []string {
	out := []string{}
	for _, m := range []int{3, 0, -3, -6} {
		out = append(out, CurrentQuarter(t.AddDate(0, m, 0)))
	}
	return out
}

// importOption is the last entry of the catalog select.
func importOption() string { return lang.L("Import catalog file…") }

// ShowNew opens the new-assessment dialog. The units and catalogs load in
// the background.
func (u *UI) ShowNew() {
	if u.New != nil {
		return
	}
	n := &NewDialog{u: u}
	n.Unit = widget.NewSelect(nil, func(string) { n.validate() })
	n.Unit.PlaceHolder = lang.L("(choose a unit)")
	n.Round = widget.NewSelectEntry(quarters(time.Now()))
	n.Round.SetText(CurrentQuarter(time.Now()))
	n.Round.OnChanged = func(string) { n.validate() }
	n.Round.OnSubmitted = func(string) { // Enter in the round creates
		if !n.CreateButton.Disabled() {
			n.onCreateTapped()
		}
	}
	n.Catalog = widget.NewSelect(nil, n.onCatalogChanged)
	n.Catalog.PlaceHolder = lang.L("(loading…)")
	n.Hint = widget.NewLabel("")
	n.Hint.Wrapping = fyne.TextWrapWord
	n.CreateButton = widget.NewButton(lang.L("Create"), n.onCreateTapped)
	n.CreateButton.Importance = widget.HighImportance
	n.CreateButton.Disable()
	n.CancelButton = widget.NewButton(lang.L("Cancel"), n.close)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Unit"), n.Unit),
		widget.NewFormItem(lang.L("Round"), n.Round),
		widget.NewFormItem(lang.L("Catalog"), n.Catalog),
	)
	body := container.NewVBox(form, n.Hint, container.NewCenter(container.NewHBox(n.CancelButton, n.CreateButton)))
	n.dialog = dialog.NewCustomWithoutButtons(lang.L("New assessment"), body, u.deps.Window)
	n.dialog.Resize(fyne.NewSize(640, 0))
	u.New = n
	n.dialog.Show()
	u.deps.Window.Canvas().Focus(n.Round) // Ctrl+N, then Enter creates
	n.load()
}

// load fetches the units and catalogs.
func (n *NewDialog) load() {
	u := n.u
	var units []domain.Unit
	var cats []catalogChoice
	var own string
	u.async(func(ctx context.Context) error {
		p := LoadProfile(u.prefs)
		if p.Complete() {
			if _, err := u.ensureUnit(ctx, p); err != nil {
				return err
			}
			own = p.UnitName
		}
		var err error
		if units, err = u.deps.Units.ListUnits(ctx); err != nil {
			return err
		}
		cats, err = u.catalogChoices(ctx)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(err)
		}
		n.units = units
		names := make([]string, len(units))
		for i, x := range units {
			names[i] = x.Name
		}
		n.Unit.Options = names
		if own != "" {
			n.Unit.SetSelected(own)
		} else if len(names) == 1 {
			n.Unit.SetSelected(names[0])
		}
		n.Unit.Refresh()
		n.setCatalogs(cats, "")
	})
}

// catalogChoices lists the stored catalogs and the built-in ones not stored.
func (u *UI) catalogChoices(ctx context.Context) ([]catalogChoice, error) {
	infos, err := u.deps.Catalogs.ListCatalogs(ctx)
	if err != nil {
		return nil, err
	}
	var out []catalogChoice
	stored := map[string]bool{}
	if u.deps.Builtins != nil {
		bs, err := u.deps.Builtins()
		if err != nil {
			return nil, err
		}
		for _, b := range bs {
			stored[b.Ref()] = true
			out = append(out, catalogChoice{Label: lang.L("{{.Title}} ({{.Version}}, built in)",
				map[string]any{"Title": b.Title, "Version": b.Version}), Catalog: b})
		}
	}
	for _, i := range infos {
		if stored[i.Ref()] {
			continue
		}
		out = append(out, catalogChoice{Label: lang.L("{{.Title}} ({{.Version}})",
			map[string]any{"Title": i.Title, "Version": i.Version}), Info: i})
	}
	return out, nil
}

// setCatalogs fills the catalog select and selects the catalog ref, or the
// only or first one when ref is empty.
func (n *NewDialog) setCatalogs(cats []catalogChoice, ref string) {
	n.cats = cats
	opts := make([]string, 0, len(cats)+1)
	sel := ""
	for _, c := range cats {
		opts = append(opts, c.Label)
		if c.ref() == ref || (ref == "" && sel == "") {
			sel = c.Label
		}
	}
	n.Catalog.Options = append(opts, importOption())
	n.Catalog.PlaceHolder = lang.L("(choose a catalog)")
	if sel != "" {
		n.Catalog.SetSelected(sel)
	} else {
		n.Catalog.ClearSelected()
	}
	n.Catalog.Refresh()
	n.validate()
}

// choice returns the selected catalog, or nil.
func (n *NewDialog) choice() *catalogChoice {
	for i := range n.cats {
		if n.cats[i].Label == n.Catalog.Selected {
			return &n.cats[i]
		}
	}
	return nil
}

func (n *NewDialog) onCatalogChanged(s string) {
	if s == importOption() {
		n.Catalog.ClearSelected()
		n.showImport()
		return
	}
	n.validate()
}

// validate enables Create when everything is chosen, else says what is missing.
func (n *NewDialog) validate() {
	var hint string
	switch {
	case n.Unit.Selected == "":
		hint = lang.L("Choose the unit. Its list comes from the settings.")
	case strings.TrimSpace(n.Round.Text) == "":
		hint = lang.L("Enter the round, for example 2026-Q3.")
	case n.choice() == nil:
		hint = lang.L("Choose a catalog, or import a catalog file.")
	}
	gate(n.Hint, n.CreateButton, hint)
}

// showImport lets the user pick a YAML catalog file.
func (n *NewDialog) showImport() {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			n.u.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		n.ImportFile(path)
	}, n.u.deps.Window)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".yaml", ".yml"}))
	fd.SetConfirmText(lang.L("Import"))
	fd.SetDismissText(lang.L("Cancel"))
	fd.Resize(fyne.NewSize(900, 600))
	fd.Show()
}

// ImportFile reads a catalog file, stores it and selects it; a bad file is
// refused with its problems listed.
func (n *NewDialog) ImportFile(path string) {
	u := n.u
	if u.deps.LoadCatalog == nil {
		return
	}
	var info domain.CatalogInfo
	var cats []catalogChoice
	u.async(func(ctx context.Context) error {
		c, err := u.deps.LoadCatalog(ctx, path)
		if err != nil {
			return err
		}
		if info, _, err = u.deps.Catalogs.ImportCatalog(ctx, c); err != nil {
			return err
		}
		cats, err = u.catalogChoices(ctx)
		return err
	}, func(err error) {
		if err != nil {
			u.showProblems(lang.L("The catalog file cannot be used"), catalogErrorText(err), ErrorDetails(err))
			n.validate()
			return
		}
		n.setCatalogs(cats, info.Ref())
	})
}

// catalogErrorText explains why a catalog file was refused.
func catalogErrorText(err error) string {
	switch domain.ErrorCode(err) {
	case domain.EINVALID:
		return lang.L("The file is not a valid catalog. Ask whoever made it to correct these points:")
	case domain.ECONFLICT:
		return lang.L("Another catalog with the same id and version is already stored with different content. Give the file a new version and import it again.")
	}
	return ErrorText(err)
}

// close hides the dialog.
func (n *NewDialog) close() {
	n.dialog.Hide()
	n.u.New = nil
}

// onCreateTapped stores the catalog if needed, creates the assessment and
// opens it.
func (n *NewDialog) onCreateTapped() {
	c := n.choice()
	if c == nil || n.Unit.Selected == "" {
		return
	}
	choice := *c
	var unit domain.Unit
	for _, x := range n.units {
		if x.Name == n.Unit.Selected {
			unit = x
		}
	}
	round := strings.TrimSpace(n.Round.Text)
	u := n.u
	n.CreateButton.Disable()
	a := &domain.Assessment{Unit: unit, Round: round}
	u.async(func(ctx context.Context) error {
		ref := choice.Info.Ref()
		if choice.Catalog != nil {
			info, _, err := u.deps.Catalogs.ImportCatalog(ctx, choice.Catalog)
			if err != nil {
				return err
			}
			ref = info.Ref()
		}
		a.CatalogID, a.CatalogVersion = domain.ParseRef(ref)
		return u.deps.Assessments.CreateAssessment(ctx, a)
	}, func(err error) {
		if err != nil {
			n.CreateButton.Enable()
			if domain.ErrorCode(err) == domain.ECONFLICT {
				n.Hint.SetText(lang.L("This unit already has an assessment of this catalog for {{.Round}}. Open it from the list, or choose another round.",
					map[string]any{"Round": round}))
				n.Hint.Show()
				return
			}
			u.showError(err)
			return
		}
		n.close()
		u.Home.Reload()
		u.OpenAssessment(a.ID, nil)
	})
}

// gate shows what is still missing in a dialog's hint line and enables its
// action button only when nothing is: hint "" means ready.
func gate(label *widget.Label, button *widget.Button, hint string) {
	label.SetText(hint)
	if hint == "" {
		label.Hide()
		button.Enable()
	} else {
		label.Show()
		button.Disable()
	}
}
