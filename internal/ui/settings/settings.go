// Package settings is the form that asks for the own unit, the operator and
// the operator's roles: when the database has no profile yet ("Welcome to
// Pingce"), and again from the home screen's settings, which also choose
// the colour scheme and show where the data is kept. The unit types offered
// are those of the catalogs. The form stores nothing itself: the shell's
// Save keeps the profile in the database.
package settings

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/screen"
)

// Profile is what the form asks: the own unit (by name, type and superior)
// and the operator with their roles.
type Profile struct {
	UnitName     string
	UnitType     string
	UnitSuperior string
	Operator     string
	Roles        []domain.Role
}

// Complete reports whether the profile has everything the app needs.
func (p Profile) Complete() bool {
	return p.UnitName != "" && p.UnitType != "" && p.Operator != "" && len(p.Roles) > 0
}

// Deps is what the form needs from the shell.
type Deps struct {
	Window fyne.Window
	Tasks  *kit.Tasks
	// Profile is what the form shows at first.
	Profile Profile
	// Operator is the name proposed when the profile has none (--user).
	Operator string
	// UnitTypes lists the unit types a unit may have: those of the stored
	// and the built-in catalogs.
	UnitTypes func(ctx context.Context) ([]string, error)
	// Save stores the profile and the own unit; it runs off the UI goroutine.
	Save func(ctx context.Context, p Profile) error
	// Variant is the colour scheme in effect (kit.ThemeSystem, …).
	Variant string
	// OnVariant applies and keeps another colour scheme (settings only).
	OnVariant func(variant string)
	// Database names where the data is kept, shown in the settings. May be empty.
	Database string
	// Fingerprint returns the fingerprint of this database's exchange key
	// (made on first use), shown in the settings to be read aloud to the
	// other side; nil shows none. It runs off the UI goroutine.
	Fingerprint func(ctx context.Context) (string, error)
	// Keys is the registry of exchange keys: with it the settings offer
	// 交换密钥… (ShowKeys: this side's key line, the trusted keys). Nil
	// offers none.
	Keys KeyStore
	// OnSaved runs once the profile is stored and the form closed.
	OnSaved func()
	// OnClosed runs when the form closes, saved or not.
	OnClosed func()
}

// Form is the first-start or settings form. It implements screen.Screen.
type Form struct {
	deps    Deps
	first   bool
	dialog  dialog.Dialog
	body    fyne.CanvasObject
	variant string   // the colour scheme chosen in the form
	types   []string // the unit types offered, in unitType's order
	saving  bool

	unitName     *widget.Entry
	unitType     *widget.Select // by index: types[i]
	unitSuperior *widget.Entry
	operator     *widget.Entry
	roles        *widget.CheckGroup // options in domain.Roles' order
	theme        *widget.RadioGroup // settings only; options in variants' order
	saveButton   *widget.Button
	cancelButton *widget.Button // settings only
	hint         *widget.Label
}

var _ screen.Screen = (*Form)(nil)

// variants lists the colour schemes in the order the form offers them.
var variants = []string{kit.ThemeSystem, kit.ThemeLight, kit.ThemeDark}

// variantNames returns the localized names of variants, in their order.
func variantNames() []string {
	return []string{lang.L("Like the system"), lang.L("Light"), lang.L("Dark")}
}

// roleNames returns the localized names of domain.Roles, in their order.
func roleNames() []string {
	names := make([]string, len(domain.Roles))
	for i, r := range domain.Roles {
		switch r {
		case domain.RoleStaff:
			names[i] = lang.L("Fill in the own unit's assessments")
		case domain.RoleReviewer:
			names[i] = lang.L("Review other units' assessments")
		case domain.RoleAdmin:
			names[i] = lang.L("Manage units and catalogs")
		default:
			names[i] = string(r)
		}
	}
	return names
}

// Show shows the first-start questions (first) or the settings.
func Show(d Deps, first bool) *Form {
	registered()
	p := d.Profile
	f := &Form{deps: d, first: first, variant: d.Variant}
	f.unitName = widget.NewEntry()
	f.unitName.SetPlaceHolder(lang.L("for example 某某区公安分局"))
	f.unitName.SetText(p.UnitName)
	f.unitType = widget.NewSelect(nil, nil)
	f.unitType.PlaceHolder = lang.L("(choose one)")
	f.setTypes([]string{p.UnitType})
	f.unitSuperior = widget.NewEntry()
	f.unitSuperior.SetPlaceHolder(lang.L("for example 某某市公安局"))
	f.unitSuperior.SetText(p.UnitSuperior)
	f.operator = widget.NewEntry()
	f.operator.SetPlaceHolder(lang.L("your name, recorded with every change"))
	f.operator.SetText(p.Operator)
	if p.Operator == "" {
		f.operator.SetText(d.Operator)
	}
	f.roles = widget.NewCheckGroup(roleNames(), nil)
	have := p.Roles
	if len(have) == 0 {
		have = domain.Roles // a new installation's one user does everything
	}
	var ticked []string
	for i, r := range domain.Roles {
		for _, h := range have {
			if h == r {
				ticked = append(ticked, roleNames()[i])
			}
		}
	}
	f.roles.SetSelected(ticked)
	f.hint = widget.NewLabel("")
	f.hint.Wrapping = fyne.TextWrapWord
	f.hint.Importance = widget.DangerImportance
	f.hint.Hide()
	f.unitName.OnChanged = func(string) { f.recheck() }
	f.unitType.OnChanged = func(string) { f.recheck() }
	f.operator.OnChanged = func(string) { f.recheck() }
	f.roles.OnChanged = func([]string) { f.recheck() }

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Unit name"), f.unitName),
		widget.NewFormItem(lang.L("Unit type"), f.unitType),
		widget.NewFormItem(lang.L("Superior unit"), f.unitSuperior),
		widget.NewFormItem(lang.L("Operator"), f.operator),
		widget.NewFormItem(lang.L("Rights"), f.roles),
	)
	if !first {
		names := variantNames()
		f.theme = widget.NewRadioGroup(names, func(s string) {
			for i, n := range variantNames() {
				if n == s {
					f.variant = variants[i]
				}
			}
		})
		f.theme.Horizontal = true
		f.theme.Required = true
		for i, v := range variants {
			if v == f.variant {
				f.theme.SetSelected(names[i])
			}
		}
		form.Append(lang.L("Colours"), f.theme)
		if db := d.Database; db != "" {
			l := widget.NewLabel(db)
			l.Selectable = true
			l.Wrapping = fyne.TextWrapBreak
			form.Append(lang.L("Data file"), l)
		}
		if d.Fingerprint != nil {
			fp := widget.NewLabel("…")
			fp.Selectable = true
			var row fyne.CanvasObject = fp
			if d.Keys != nil {
				keys := widget.NewButton(lang.L("Exchange keys…"), func() {
					ShowKeys(KeysDeps{Window: d.Window, Tasks: d.Tasks, Keys: d.Keys})
				})
				row = container.NewBorder(nil, nil, nil, keys, fp)
			}
			form.Append(lang.L("Exchange key fingerprint"), row)
			var text string
			d.Tasks.Run(func(ctx context.Context) error {
				var err error
				text, err = d.Fingerprint(ctx)
				return err
			}, func(err error) {
				if err != nil {
					text = kit.ErrorText(err)
				}
				fp.SetText(text)
			})
		}
	}
	f.saveButton = widget.NewButton(lang.L("Save"), f.onSaveTapped)
	f.saveButton.Importance = widget.HighImportance
	buttons := container.NewHBox(f.saveButton)
	title := lang.L("Settings")
	body := container.NewVBox()
	if first {
		title = lang.L("Welcome to Pingce")
		l := widget.NewLabel(lang.L("Before you start, tell Pingce which unit you assess and who you are. You can change this later in the settings."))
		l.Wrapping = fyne.TextWrapWord
		body.Add(l)
	} else {
		f.cancelButton = widget.NewButton(lang.L("Cancel"), f.Close)
		buttons = container.NewHBox(f.cancelButton, f.saveButton)
	}
	body.Add(form)
	body.Add(f.hint)
	body.Add(container.NewCenter(buttons))
	f.body = body
	f.dialog = dialog.NewCustomWithoutButtons(title, body, d.Window)
	f.dialog.Resize(fyne.NewSize(560, 0))
	f.dialog.Show()
	if first {
		d.Window.Canvas().Focus(f.unitName)
	}
	f.loadTypes()
	return f
}

// loadTypes fetches the unit types of the catalogs.
func (f *Form) loadTypes() {
	if f.deps.UnitTypes == nil {
		return
	}
	var types []string
	f.deps.Tasks.Run(func(ctx context.Context) (err error) {
		types, err = f.deps.UnitTypes(ctx)
		return err
	}, func(err error) {
		if err != nil {
			kit.ShowError(f.deps.Window, err)
			return
		}
		f.setTypes(types)
	})
}

// setTypes offers the unit types, keeping the one chosen (also when no
// catalog knows it: a unit stored earlier keeps its type).
func (f *Form) setTypes(types []string) {
	chosen := f.chosenType()
	if chosen == "" {
		chosen = f.deps.Profile.UnitType
	}
	f.types = f.types[:0]
	seen := map[string]bool{}
	for _, t := range append(types, chosen) {
		if t != "" && !seen[t] {
			seen[t] = true
			f.types = append(f.types, t)
		}
	}
	f.unitType.Options = append([]string(nil), f.types...)
	for i, t := range f.types {
		if t == chosen {
			f.unitType.SetSelectedIndex(i)
		}
	}
	f.unitType.Refresh()
}

// chosenType returns the unit type chosen, or "".
func (f *Form) chosenType() string {
	if i := f.unitType.SelectedIndex(); i >= 0 && i < len(f.types) {
		return f.types[i]
	}
	return ""
}

// Content returns the form's body.
func (f *Form) Content() fyne.CanvasObject { return f.body }

// HandleDrop ignores dropped files.
func (f *Form) HandleDrop([]fyne.URI) {}

// Close closes the form without saving.
func (f *Form) Close() {
	f.dialog.Hide()
	if f.deps.OnClosed != nil {
		f.deps.OnClosed()
	}
}

// Busy reports whether the profile is being stored.
func (f *Form) Busy() bool { return f.saving }

// profile returns what the form holds.
func (f *Form) profile() Profile {
	return Profile{
		UnitName:     strings.TrimSpace(f.unitName.Text),
		UnitType:     f.chosenType(),
		UnitSuperior: strings.TrimSpace(f.unitSuperior.Text),
		Operator:     strings.TrimSpace(f.operator.Text),
		Roles:        f.chosenRoles(),
	}
}

// chosenRoles returns the roles ticked, in domain.Roles' order.
func (f *Form) chosenRoles() []domain.Role {
	var out []domain.Role
	for i, n := range roleNames() {
		for _, s := range f.roles.Selected {
			if s == n {
				out = append(out, domain.Roles[i])
			}
		}
	}
	return out
}

// missing says what the form still lacks: what to fill in (the texts) and
// what to choose (the unit type, the rights), or "" when nothing.
func (f *Form) missing(p Profile) string {
	var fill, choose []string
	if p.UnitName == "" {
		fill = append(fill, lang.L("the unit name"))
	}
	if p.Operator == "" {
		fill = append(fill, lang.L("your name"))
	}
	if p.UnitType == "" {
		choose = append(choose, lang.L("the unit type"))
	}
	if len(p.Roles) == 0 {
		choose = append(choose, lang.L("your rights"))
	}
	sep := lang.L(", ")
	switch {
	case len(fill) > 0 && len(choose) > 0:
		return lang.L("Please fill in {{.Fill}} and choose {{.Choose}}.",
			map[string]any{"Fill": strings.Join(fill, sep), "Choose": strings.Join(choose, sep)})
	case len(fill) > 0:
		return lang.L("Please fill in {{.What}}.", map[string]any{"What": strings.Join(fill, sep)})
	case len(choose) > 0:
		return lang.L("Please choose {{.What}}.", map[string]any{"What": strings.Join(choose, sep)})
	}
	return ""
}

// recheck updates the hint once it shows: what was fixed leaves it, and
// it goes when nothing is missing any more.
func (f *Form) recheck() {
	if f.hint == nil || !f.hint.Visible() {
		return
	}
	if text := f.missing(f.profile()); text != "" {
		f.hint.SetText(text)
	} else {
		f.hint.Hide()
	}
}

// onSaveTapped checks the form, stores the profile and the unit.
func (f *Form) onSaveTapped() {
	p := f.profile()
	if text := f.missing(p); text != "" {
		f.hint.SetText(text)
		f.hint.Show()
		return
	}
	f.saveButton.Disable()
	f.saving = true
	d := f.deps
	d.Tasks.Run(func(ctx context.Context) error {
		return d.Save(ctx, p)
	}, func(err error) {
		f.saving = false
		f.saveButton.Enable()
		if err != nil {
			kit.ShowError(d.Window, err)
			return
		}
		if f.theme != nil && f.variant != d.Variant && d.OnVariant != nil {
			d.OnVariant(f.variant)
		}
		f.Close()
		if d.OnSaved != nil {
			d.OnSaved()
		}
	})
}
