// Package newassessment is the dialog that starts an assessment: the unit,
// the round (this quarter by default) and the catalog, built in, stored or
// imported from a YAML file (chosen, or dropped on the window); a bad file
// is refused with its problems listed.
package newassessment

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/filedialog"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/screen"
)

// Deps is what the dialog needs from the shell.
type Deps struct {
	Window      fyne.Window
	Units       domain.UnitService
	Catalogs    domain.CatalogService
	Assessments domain.AssessmentService
	Tasks       *kit.Tasks
	// Builtins returns the catalogs shipped inside the program.
	Builtins func() ([]*domain.Catalog, error)
	// LoadCatalog reads and validates a catalog file; an invalid file gives
	// a *domain.Error with the problems. Nil disables importing.
	LoadCatalog func(ctx context.Context, path string) (*domain.Catalog, error)
	// OwnUnit is the name of the profile's unit, chosen at first; "" for none.
	OwnUnit string
	// OnCreated runs once the assessment is stored (the shell opens it).
	OnCreated func(id int64)
	// OnClosed runs when the dialog closes.
	OnClosed func()
}

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

// Dialog is the new-assessment dialog: unit, round and catalog.
// It implements screen.Screen and screen.Scripted.
type Dialog struct {
	deps   Deps
	dialog dialog.Dialog
	body   fyne.CanvasObject
	units  []domain.Unit
	cats   []catalogChoice
	busy   int // imports and creations running

	unit         *widget.Select // by index: units[i]
	round        *widget.SelectEntry
	catalog      *widget.Select // by index: cats[i], then the import entry
	createButton *widget.Button
	cancelButton *widget.Button
	hint         *widget.Label
}

var (
	_ screen.Screen   = (*Dialog)(nil)
	_ screen.Scripted = (*Dialog)(nil)
)

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

// Show opens the new-assessment dialog. The units and catalogs load in
// the background.
func Show(d Deps) *Dialog {
	n := &Dialog{deps: d}
	n.unit = widget.NewSelect(nil, func(string) { n.validate() })
	n.unit.PlaceHolder = lang.L("(choose a unit)")
	n.round = widget.NewSelectEntry(quarters(time.Now()))
	n.round.SetText(CurrentQuarter(time.Now()))
	n.round.OnChanged = func(string) { n.validate() }
	n.round.OnSubmitted = func(string) { // Enter in the round creates
		if !n.createButton.Disabled() {
			n.onCreateTapped()
		}
	}
	n.catalog = widget.NewSelect(nil, n.onCatalogChanged)
	n.catalog.PlaceHolder = lang.L("(loading…)")
	n.hint = widget.NewLabel("")
	n.hint.Wrapping = fyne.TextWrapWord
	n.createButton = widget.NewButton(lang.L("Create"), n.onCreateTapped)
	n.createButton.Importance = widget.HighImportance
	n.createButton.Disable()
	n.cancelButton = widget.NewButton(lang.L("Cancel"), n.close)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Unit"), n.unit),
		widget.NewFormItem(lang.L("Round"), n.round),
		widget.NewFormItem(lang.L("Catalog"), n.catalog),
	)
	n.body = container.NewVBox(form, n.hint, container.NewCenter(container.NewHBox(n.cancelButton, n.createButton)))
	n.dialog = dialog.NewCustomWithoutButtons(lang.L("New assessment"), n.body, d.Window)
	n.dialog.Resize(fyne.NewSize(640, 0))
	n.dialog.Show()
	d.Window.Canvas().Focus(n.round) // Ctrl+N, then Enter creates
	n.load()
	return n
}

// Content returns the dialog's body.
func (n *Dialog) Content() fyne.CanvasObject { return n.body }

// HandleDrop imports a catalog file dropped on the window.
func (n *Dialog) HandleDrop(uris []fyne.URI) {
	for _, u := range uris {
		if ext := strings.ToLower(u.Extension()); ext == ".yaml" || ext == ".yml" {
			n.ImportFile(u.Path())
			return
		}
	}
	if len(uris) > 0 {
		kit.ShowProblems(n.deps.Window, lang.L("The catalog file cannot be used"),
			lang.L("Drop a catalog file (.yaml) here to import it."), nil)
	}
}

// Close closes the dialog.
func (n *Dialog) Close() { n.close() }

// Busy reports whether an import or a creation is still running.
func (n *Dialog) Busy() bool { return n.busy > 0 }

// Do performs a scripted action: "import" arg FILE imports a catalog file.
func (n *Dialog) Do(action, arg string) error {
	if action == "import" {
		n.ImportFile(arg)
		return nil
	}
	return screen.UnknownAction("newassessment", action, "import")
}

// load fetches the units and catalogs.
func (n *Dialog) load() {
	d := n.deps
	var units []domain.Unit
	var cats []catalogChoice
	own := d.OwnUnit
	d.Tasks.Run(func(ctx context.Context) error {
		var err error
		if units, err = d.Units.ListUnits(ctx); err != nil {
			return err
		}
		cats, err = catalogChoices(ctx, d)
		return err
	}, func(err error) {
		if err != nil {
			kit.ShowError(d.Window, err)
		}
		n.units = units
		names := make([]string, len(units))
		sel := -1
		for i, x := range units {
			names[i] = x.Name
			if x.Name == own {
				sel = i
			}
		}
		n.unit.Options = names
		if sel < 0 && len(names) == 1 {
			sel = 0
		}
		if sel >= 0 {
			n.unit.SetSelectedIndex(sel)
		}
		n.unit.Refresh()
		n.setCatalogs(cats, "")
	})
}

// catalogChoices lists the stored catalogs and the built-in ones not stored.
func catalogChoices(ctx context.Context, d Deps) ([]catalogChoice, error) {
	infos, err := d.Catalogs.ListCatalogs(ctx)
	if err != nil {
		return nil, err
	}
	var out []catalogChoice
	stored := map[string]bool{}
	if d.Builtins != nil {
		bs, err := d.Builtins()
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
func (n *Dialog) setCatalogs(cats []catalogChoice, ref string) {
	n.cats = cats
	opts := make([]string, 0, len(cats)+1)
	sel := -1
	for i, c := range cats {
		opts = append(opts, c.Label)
		if c.ref() == ref || (ref == "" && sel < 0) {
			sel = i
		}
	}
	n.catalog.Options = append(opts, importOption())
	n.catalog.PlaceHolder = lang.L("(choose a catalog)")
	if sel >= 0 {
		n.catalog.SetSelectedIndex(sel)
	} else {
		n.catalog.ClearSelected()
	}
	n.catalog.Refresh()
	n.validate()
}

// choice returns the selected catalog, or nil.
func (n *Dialog) choice() *catalogChoice {
	if i := n.catalog.SelectedIndex(); i >= 0 && i < len(n.cats) {
		return &n.cats[i]
	}
	return nil
}

// chosenUnit returns the unit selected, or nil.
func (n *Dialog) chosenUnit() *domain.Unit {
	if i := n.unit.SelectedIndex(); i >= 0 && i < len(n.units) {
		return &n.units[i]
	}
	return nil
}

func (n *Dialog) onCatalogChanged(string) {
	if i := n.catalog.SelectedIndex(); i >= 0 && i == len(n.cats) {
		n.catalog.ClearSelected()
		n.showImport()
		return
	}
	n.validate()
}

// validate enables Create when everything is chosen, else says what is missing.
func (n *Dialog) validate() {
	var hint string
	switch {
	case n.chosenUnit() == nil:
		hint = lang.L("Choose the unit. Its list comes from the settings.")
	case strings.TrimSpace(n.round.Text) == "":
		hint = lang.L("Enter the round, for example 2026-Q3.")
	case n.choice() == nil:
		hint = lang.L("Choose a catalog, or import a catalog file.")
	}
	kit.Gate(n.hint, n.createButton, hint)
}

// showImport lets the user pick a catalog file: YAML, or an official
// table or Pingce's template (.xlsx, .docx; see Deps.LoadCatalog).
func (n *Dialog) showImport() {
	opts := filedialog.Options{Mode: filedialog.OpenFile, Confirm: lang.L("Import"),
		Filter: &filedialog.Filter{Name: "YAML, Excel, Word", Extensions: []string{".yaml", ".yml", ".xlsx", ".docx"}}}
	filedialog.For(n.deps.Window).Show(opts, func(paths []string) {
		if len(paths) == 1 {
			n.ImportFile(paths[0])
		}
	})
}

// ImportFile reads a catalog file, stores it and selects it; a bad file is
// refused with its problems listed.
func (n *Dialog) ImportFile(path string) {
	d := n.deps
	if d.LoadCatalog == nil {
		return
	}
	var info domain.CatalogInfo
	var cats []catalogChoice
	n.busy++
	d.Tasks.Run(func(ctx context.Context) error {
		c, err := d.LoadCatalog(ctx, path)
		if err != nil {
			return err
		}
		if info, _, err = d.Catalogs.ImportCatalog(ctx, c); err != nil {
			return err
		}
		cats, err = catalogChoices(ctx, d)
		return err
	}, func(err error) {
		n.busy--
		if err != nil {
			kit.ShowProblems(d.Window, lang.L("The catalog file cannot be used"), catalogErrorText(err), kit.ErrorDetails(err))
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
	return kit.ErrorText(err)
}

// close hides the dialog.
func (n *Dialog) close() {
	n.dialog.Hide()
	if n.deps.OnClosed != nil {
		n.deps.OnClosed()
	}
}

// onCreateTapped stores the catalog if needed, creates the assessment and
// opens it.
func (n *Dialog) onCreateTapped() {
	c, unit := n.choice(), n.chosenUnit()
	if c == nil || unit == nil {
		return
	}
	choice := *c
	round := strings.TrimSpace(n.round.Text)
	d := n.deps
	n.createButton.Disable()
	a := &domain.Assessment{Unit: *unit, Round: round}
	n.busy++
	d.Tasks.Run(func(ctx context.Context) error {
		ref := choice.Info.Ref()
		if choice.Catalog != nil {
			info, _, err := d.Catalogs.ImportCatalog(ctx, choice.Catalog)
			if err != nil {
				return err
			}
			ref = info.Ref()
		}
		a.CatalogID, a.CatalogVersion = domain.ParseRef(ref)
		return d.Assessments.CreateAssessment(ctx, a)
	}, func(err error) {
		n.busy--
		if err != nil {
			n.createButton.Enable()
			if domain.ErrorCode(err) == domain.ECONFLICT {
				n.hint.SetText(lang.L("This unit already has an assessment of this catalog for {{.Round}}. Open it from the list, or choose another round.",
					map[string]any{"Round": round}))
				n.hint.Show()
				return
			}
			kit.ShowError(d.Window, err)
			return
		}
		n.close()
		if d.OnCreated != nil {
			d.OnCreated(a.ID)
		}
	})
}
