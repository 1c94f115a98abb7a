package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
)

// ProfileForm asks for the own unit and the operator: once at first start,
// and again from the settings, which also choose the colour scheme.
type ProfileForm struct {
	u      *UI
	first  bool
	dialog dialog.Dialog
	theme  string // the variant chosen in the form

	UnitName     *widget.Entry
	UnitType     *widget.Select
	UnitSuperior *widget.Entry
	Operator     *widget.Entry
	Theme        *widget.RadioGroup // settings only
	SaveButton   *widget.Button
	CancelButton *widget.Button // settings only
	Hint         *widget.Label
}

// themeNames maps a theme variant to its localized name and back.
func themeNames() map[string]string {
	return map[string]string{
		ThemeSystem: lang.L("Like the system"),
		ThemeLight:  lang.L("Light"),
		ThemeDark:   lang.L("Dark"),
	}
}

// showProfile shows the first-start questions (first) or the settings.
func (u *UI) showProfile(first bool) {
	p := LoadProfile(u.prefs)
	f := &ProfileForm{u: u, first: first, theme: u.ThemeVariant()}
	f.UnitName = widget.NewEntry()
	f.UnitName.SetPlaceHolder(lang.L("for example 某某区公安分局"))
	f.UnitName.SetText(p.UnitName)
	f.UnitType = widget.NewSelect(UnitTypes, nil)
	f.UnitType.PlaceHolder = lang.L("(choose one)")
	if p.UnitType != "" {
		f.UnitType.SetSelected(p.UnitType)
	}
	f.UnitSuperior = widget.NewEntry()
	f.UnitSuperior.SetPlaceHolder(lang.L("for example 某某市公安局"))
	f.UnitSuperior.SetText(p.UnitSuperior)
	f.Operator = widget.NewEntry()
	f.Operator.SetPlaceHolder(lang.L("your name, recorded with every change"))
	f.Operator.SetText(p.Operator)
	if p.Operator == "" {
		f.Operator.SetText(u.deps.Operator)
	}
	f.Hint = widget.NewLabel("")
	f.Hint.Wrapping = fyne.TextWrapWord
	f.Hint.Importance = widget.DangerImportance
	f.Hint.Hide()

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Unit name"), f.UnitName),
		widget.NewFormItem(lang.L("Unit type"), f.UnitType),
		widget.NewFormItem(lang.L("Superior unit"), f.UnitSuperior),
		widget.NewFormItem(lang.L("Operator"), f.Operator),
	)
	if !first {
		names := themeNames()
		f.Theme = widget.NewRadioGroup([]string{names[ThemeSystem], names[ThemeLight], names[ThemeDark]}, func(s string) {
			for k, v := range themeNames() {
				if v == s {
					f.theme = k
				}
			}
		})
		f.Theme.Horizontal = true
		f.Theme.Required = true
		f.Theme.SetSelected(names[f.theme])
		form.Append(lang.L("Colours"), f.Theme)
		if db := u.deps.Database; db != "" {
			l := widget.NewLabel(db)
			l.Selectable = true
			l.Wrapping = fyne.TextWrapBreak
			form.Append(lang.L("Data file"), l)
		}
	}
	f.SaveButton = widget.NewButton(lang.L("Save"), f.onSaveTapped)
	f.SaveButton.Importance = widget.HighImportance
	buttons := container.NewHBox(f.SaveButton)
	title := lang.L("Settings")
	body := container.NewVBox()
	if first {
		title = lang.L("Welcome to Pingce")
		l := widget.NewLabel(lang.L("Before you start, tell Pingce which unit you assess and who you are. You can change this later in the settings."))
		l.Wrapping = fyne.TextWrapWord
		body.Add(l)
	} else {
		f.CancelButton = widget.NewButton(lang.L("Cancel"), func() { f.dialog.Hide(); u.Profile = nil })
		buttons = container.NewHBox(f.CancelButton, f.SaveButton)
	}
	body.Add(form)
	body.Add(f.Hint)
	body.Add(container.NewCenter(buttons))
	f.dialog = dialog.NewCustomWithoutButtons(title, body, u.deps.Window)
	f.dialog.Resize(fyne.NewSize(560, 0))
	u.Profile = f
	f.dialog.Show()
	if first {
		u.deps.Window.Canvas().Focus(f.UnitName)
	}
}

// profile returns what the form holds.
func (f *ProfileForm) profile() Profile {
	return Profile{
		UnitName:     strings.TrimSpace(f.UnitName.Text),
		UnitType:     f.UnitType.Selected,
		UnitSuperior: strings.TrimSpace(f.UnitSuperior.Text),
		Operator:     strings.TrimSpace(f.Operator.Text),
	}
}

// onSaveTapped checks the form, stores the unit and keeps the profile.
func (f *ProfileForm) onSaveTapped() {
	p := f.profile()
	var missing []string
	if p.UnitName == "" {
		missing = append(missing, lang.L("the unit name"))
	}
	if p.UnitType == "" {
		missing = append(missing, lang.L("the unit type"))
	}
	if p.Operator == "" {
		missing = append(missing, lang.L("your name"))
	}
	if len(missing) > 0 {
		f.Hint.SetText(lang.L("Please fill in {{.What}}.", map[string]any{"What": strings.Join(missing, lang.L(", "))}))
		f.Hint.Show()
		return
	}
	f.SaveButton.Disable()
	u := f.u
	p.Save(u.prefs) // the operator is needed by the context of the store call
	u.async(func(ctx context.Context) error {
		_, err := u.ensureUnit(ctx, p)
		return err
	}, func(err error) {
		f.SaveButton.Enable()
		if err != nil {
			u.showError(err)
			return
		}
		if f.Theme != nil && f.theme != u.ThemeVariant() {
			u.prefs.SetString(PrefThemeVariant, f.theme)
			u.setVariant(f.theme)
		}
		f.dialog.Hide()
		u.Profile = nil
		u.Home.Reload()
	})
}

// setVariant switches the colour scheme, keeping the current theme's fonts.
func (u *UI) setVariant(variant string) {
	if t, ok := u.deps.App.Settings().Theme().(*Theme); ok {
		u.deps.App.Settings().SetTheme(t.WithVariant(variant))
		return
	}
	u.deps.App.Settings().SetTheme(NewTheme(Fonts{}, variant))
}

// ensureUnit finds the profile's unit in the store by name, updates its
// type and superior, or creates it; it returns the unit.
func (u *UI) ensureUnit(ctx context.Context, p Profile) (*domain.Unit, error) {
	units, err := u.deps.Units.ListUnits(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range units {
		if x.Name == p.UnitName {
			if x.Type != p.UnitType || x.Superior != p.UnitSuperior {
				x.Type, x.Superior = p.UnitType, p.UnitSuperior
				if err := u.deps.Units.UpdateUnit(ctx, &x); err != nil {
					return nil, err
				}
			}
			return &x, nil
		}
	}
	nu := &domain.Unit{Name: p.UnitName, Type: p.UnitType, Superior: p.UnitSuperior}
	if err := u.deps.Units.CreateUnit(ctx, nu); err != nil {
		return nil, err
	}
	return nu, nil
}

// ShowSettings opens the settings: the own unit, the operator and the colours.
func (u *UI) ShowSettings() { u.showProfile(false) }
