// Package exchangeui is the window's side of exchange packages
// (internal/exchange): 导出交换包… of an assessment — a submission of a
// submitted one, or the review of a received one the lead has returned or
// approved —, and 导入… of a package with a verification dialog (signer,
// fingerprint, trusted or new, unit, round, catalog, items answered,
// evidence) before anything is written.
package exchangeui

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/ui/filedialog"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/standing"
	"pingce/internal/userfile"
)

//go:embed translations
var translations embed.FS

// RegisterTranslations adds the package's strings to Fyne's translations.
func RegisterTranslations() error {
	if err := standing.RegisterTranslations(); err != nil {
		return err
	}
	return kit.AddTranslations(translations, "translations")
}

// Deps are what the dialogs work with.
type Deps struct {
	Window   fyne.Window
	Tasks    *kit.Tasks
	Services exchange.Services
	// Files chooses files; nil uses the system dialogs (filedialog.New).
	Files *filedialog.Chooser
	// Outputs guards the written package (never onto the database).
	Outputs *userfile.Guard
	// OnImported runs on the UI goroutine after a package was imported.
	OnImported func(assessmentID int64)
}

func (d Deps) files() *filedialog.Chooser {
	if d.Files != nil {
		return d.Files
	}
	return filedialog.New(d.Window)
}

// packageFilter offers package files only.
func packageFilter() *filedialog.Filter {
	// The file dialogs add the extensions to the name themselves.
	return &filedialog.Filter{Name: lang.L("Pingce packages"), Extensions: []string{".pingce"}}
}

// Export asks for an optional password and a file name, then writes the
// package of the assessment in the background, verified before it is
// renamed into place: the submission or review its state calls for, or —
// when there is none, or the user picks it — the register package of its
// 整改 entries (整改进展包).
func Export(d Deps, id int64) {
	var main, reg *exchange.Manifest
	d.Tasks.Run(func(ctx context.Context) error {
		c, err := d.Services.Build(ctx, id)
		if err == nil {
			main = &c.Manifest
		}
		if r, rerr := d.Services.BuildRegister(ctx, id); rerr == nil {
			reg = &r.Manifest
		}
		if main == nil && (reg == nil || exchange.ProblemCode(err) != exchange.ProbNothingToSend) {
			return err // no package at all, or one that is refused for another reason than the state
		}
		return nil
	}, func(err error) {
		if err != nil {
			kit.ShowError(d.Window, err)
			return
		}
		switch {
		case main != nil && reg != nil:
			chooseKind(d, main, func(register bool) {
				if register {
					exportAs(d, id, reg)
				} else {
					exportAs(d, id, main)
				}
			})
		case main != nil:
			exportAs(d, id, main)
		default:
			exportAs(d, id, reg)
		}
	})
}

// chooseKind asks whether to send the package the assessment's state calls
// for or its 整改 entries alone.
func chooseKind(d Deps, m *exchange.Manifest, done func(register bool)) {
	what := kindText(m.Kind)
	msg := widget.NewLabel(lang.L("Send the {{.What}} (with the rectification entries), or the rectification entries' progress alone (a register package, e.g. after the approval)?",
		map[string]any{"What": what}))
	msg.Wrapping = fyne.TextWrapWord
	var dlg *dialog.CustomDialog
	mainBtn := widget.NewButton(what, func() { dlg.Hide(); done(false) })
	mainBtn.Importance = widget.HighImportance
	regBtn := widget.NewButton(lang.L("Register progress"), func() { dlg.Hide(); done(true) })
	cancel := widget.NewButton(lang.L("Cancel"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(lang.L("Export package"), msg, d.Window)
	dlg.SetButtons([]fyne.CanvasObject{cancel, regBtn, mainBtn})
	dlg.Resize(fyne.NewSize(520, 220))
	dlg.Show()
}

// exportAs asks for the password and the file, then writes the package m
// describes (its kind chooses what is written).
func exportAs(d Deps, id int64, m *exchange.Manifest) {
	askPassword(d, m, func(password string) {
		d.files().Show(filedialog.Options{Mode: filedialog.SaveFile, Title: exportTitle(m.Kind),
			Filter: packageFilter(), FileName: exchange.SuggestedName(m)}, func(paths []string) {
			if len(paths) == 1 {
				write(d, id, paths[0], password, m.Kind)
			}
		})
	})
}

// askPassword offers to seal the package with a password (twice, to catch
// a typing error); done gets "" for none. The 密码 field has the focus,
// Enter there goes on to 再输一次, and Enter in 再输一次 continues.
func askPassword(d Deps, m *exchange.Manifest, done func(string)) {
	pw, again := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	info := widget.NewLabel(lang.L("{{.What}} r{{.Rev}} of {{.Unit}} {{.Round}}. A password is optional: tell it to the receiver by phone, never with the file.",
		map[string]any{"What": kindText(m.Kind), "Rev": m.Revision, "Unit": m.Assessment.Unit.Name, "Round": m.Assessment.Round}))
	info.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(lang.L("Password"), pw), widget.NewFormItem(lang.L("Again"), again))
	title := exportTitle(m.Kind)
	dlg := dialog.NewCustomConfirm(title, lang.L("Continue"), lang.L("Cancel"),
		container.NewVBox(info, form), func(ok bool) {
			if !ok {
				return
			}
			if pw.Text != again.Text {
				dialog.ShowInformation(title, lang.L("The two passwords differ: type them again."), d.Window)
				return
			}
			done(pw.Text)
		}, d.Window)
	pw.OnSubmitted = func(string) { d.Window.Canvas().Focus(again) }
	again.OnSubmitted = func(string) { dlg.Confirm() }
	dlg.Resize(fyne.NewSize(520, 260))
	dlg.Show()
	d.Window.Canvas().Focus(pw)
}

// kindTexts names a package's kind (提交, 审核结果, 整改进展包) and titles
// the export's dialogs for it (导出提交包, 导出审核结果包, 导出整改进展包, as
// the home's button says).
func kindTexts(kind string) (name, title string) {
	switch kind {
	case exchange.KindReview:
		return lang.L("Review result"), lang.L("Export review package")
	case exchange.KindRegister:
		return lang.L("Register progress"), lang.L("Export register package")
	}
	return lang.L("Submission"), lang.L("Export submission package")
}

// kindText names a package's kind (kindTexts).
func kindText(kind string) string { name, _ := kindTexts(kind); return name }

// exportTitle titles the export's dialogs for a package of kind (kindTexts).
func exportTitle(kind string) string { _, title := kindTexts(kind); return title }

// write writes the package of kind (a register package, or the one the
// assessment's state calls for) in the background, and says how it went.
func write(d Deps, id int64, path, password, kind string) {
	export := d.Services.Export
	if kind == exchange.KindRegister {
		export = d.Services.ExportRegister
	}
	title := exportTitle(kind)
	var m *exchange.Manifest
	newWorking(d, lang.L("Writing and verifying the package…")).run(func(ctx context.Context, report func(done, total int64)) error {
		var err error
		m, err = export(exchange.WithProgress(ctx, report), id, path, password, d.Outputs, true)
		return err
	}, func(err error) {
		switch {
		case cancelled(err):
			dialog.ShowInformation(title, lang.L("Cancelled: no package was written."), d.Window)
		case err != nil:
			kit.ShowError(d.Window, err)
		default:
			dialog.ShowInformation(title, lang.L("Written and verified: {{.File}}\nSigned with the fingerprint {{.FP}}.",
				map[string]any{"File": filepath.Base(path), "FP": m.Sender.Fingerprint}), d.Window)
		}
	})
}

// Import lets the user choose a package and shows the verification dialog.
func Import(d Deps) {
	d.files().Show(filedialog.Options{Mode: filedialog.OpenFile, Title: lang.L("Import package"), Filter: packageFilter()},
		func(paths []string) {
			if len(paths) == 1 {
				Inspect(d, paths[0], "")
			}
		})
}

// IsPackage reports whether a dropped file is a package by its name.
func IsPackage(path string) bool { return strings.EqualFold(filepath.Ext(path), ".pingce") }

// inspection is what verifying a package found.
type inspection struct {
	pkg     *exchange.Package
	applied *exchange.Applied // what importing would do (nil: the check said nothing)
	refusal error             // why importing would be refused; nil when it may go ahead
}

// Inspect verifies the package at path (asking for the password of a
// sealed one) and shows what importing it would do; the user then imports
// it or not. Nothing is written before the user confirms. The package is
// checked once, as if its key were to be trusted: what the registry makes
// of the key (Applied.Key) says whether it is new.
func Inspect(d Deps, path, password string) {
	var in inspection
	title := lang.L("Verifying the package…")
	if password != "" { // the password's key is worked out first: a second or more before anything moves
		title = lang.L("Decrypting and verifying the package…")
	}
	w := newWorking(d, title)
	w.run(func(ctx context.Context, report func(done, total int64)) error {
		var err error
		in, err = inspect(ctx, d, path, password, report, w.note)
		return err
	}, func(err error) {
		switch code := exchange.ProblemCode(err); {
		case cancelled(err):
			// 取消: nothing was read into the database; nothing to say.
		case code == exchange.ProbPassword || code == exchange.ProbWrongPassword:
			askOpenPassword(d, path, code == exchange.ProbWrongPassword)
		case err != nil:
			kit.ShowError(d.Window, err)
		default:
			showVerification(d, path, password, in)
		}
	})
}

// inspect verifies the package and checks what importing it would do,
// changing nothing. The signature, manifest and documents come first
// (Open, without the evidence): who signed it and what the registry makes
// of the key are then said at once (note), and a key the import refuses
// anyway (registered for another unit, a re-keyed unit) is refused without
// hashing evidence that may be gigabytes; otherwise the evidence is
// verified, with the bar, before the check.
func inspect(ctx context.Context, d Deps, path, password string, report func(done, total int64), note func(string)) (inspection, error) {
	p, err := exchange.Open(ctx, path, exchange.Options{Password: password, CheckEvidenceLater: true, Progress: report})
	if err != nil {
		return inspection{}, err
	}
	defer p.Close()
	status := ""
	if keys, err := d.Services.Store.TrustedKeys(ctx); err == nil {
		var owner string
		status, owner = exchange.KeyStatus(keys, &p.Manifest)
		note(lang.L("Signed by {{.Signer}}\nfingerprint {{.FP}}: {{.Key}}",
			map[string]any{"Signer": signer(p.Manifest.Sender), "FP": p.Manifest.Sender.Fingerprint, "Key": keyText(status, owner)}))
	}
	if status != exchange.KeyOtherUnit && status != exchange.KeyRekeyed {
		if err := p.VerifyEvidence(ctx); err != nil {
			return inspection{}, err
		}
	}
	out, err := d.Services.Store.CheckPackage(ctx, p, exchange.ApplyOptions{TrustNew: true})
	return inspection{pkg: p, applied: out, refusal: err}, nil
}

func askOpenPassword(d Deps, path string, wrong bool) {
	pw := widget.NewPasswordEntry()
	text := lang.L("The package is sealed with a password. Enter the password the sender told you.")
	if wrong {
		text = lang.L("The password does not open the package. Check it with the sender and enter it again.")
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	if wrong {
		msg.Importance = widget.DangerImportance
	}
	dlg := dialog.NewCustomConfirm(lang.L("Import package"), lang.L("Open"), lang.L("Cancel"),
		container.NewVBox(msg, pw), func(ok bool) {
			if ok && pw.Text != "" {
				Inspect(d, path, pw.Text)
			}
		}, d.Window)
	pw.OnSubmitted = func(string) { dlg.Confirm() }
	dlg.Resize(fyne.NewSize(480, 200))
	dlg.Show()
	d.Window.Canvas().Focus(pw)
}

// keyText says what the registry of trusted keys makes of the signer
// (exchange.Applied.Key); owner names the unit another unit's key is
// registered for, when known.
func keyText(key, owner string) string {
	switch key {
	case exchange.KeyTrusted:
		return lang.L("Trusted (registered for this unit)")
	case exchange.KeyNew:
		return lang.L("New key (compare the fingerprint by phone)")
	case exchange.KeyOtherUnit:
		if owner != "" {
			return lang.L("Registered for another unit ({{.Owner}})", map[string]any{"Owner": owner})
		}
		return lang.L("Registered for another unit")
	case exchange.KeyRekeyed:
		return lang.L("The unit has another key registered (an administrator must register the new one)")
	}
	return lang.L("Not checked")
}

// problemArg returns the value name of err's package problem, "" when none.
func problemArg(err error, name string) string {
	for _, p := range domain.ErrorProblems(err) {
		if v := p.Args[name]; v != "" && strings.HasPrefix(p.Code, "package.") {
			return v
		}
	}
	return ""
}

// refusalText says why a package cannot be imported: its package problems
// in the user's language, as the CLI says them, or — for a refusal that
// names none (a missing role) — the sentence of its error code.
func refusalText(err error) string {
	if len(domain.ErrorProblems(err)) > 0 {
		return strings.Join(kit.ErrorDetails(err), "\n")
	}
	return kit.ErrorText(err)
}

// signerDiffers reports whether a submission is signed in the name of
// another unit than the one whose assessment it carries (a review, or the
// lead's register package, comes from the lead: there they differ).
func signerDiffers(m *exchange.Manifest) bool {
	return m.Kind == exchange.KindSubmission && m.Sender.Unit.Name != m.Assessment.Unit.Name
}

// rows returns the facts of the verification dialog, label and value.
func rows(in inspection) [][2]string {
	m := &in.pkg.Manifest
	a := &m.Assessment
	key := ""
	if in.applied != nil {
		key = in.applied.Key
	}
	n, size := in.pkg.EvidenceSize()
	out := [][2]string{
		{lang.L("Package"), fmt.Sprintf("%s r%d", kindText(m.Kind), m.Revision)},
		{lang.L("Signed by"), signer(m.Sender)},
		{lang.L("Fingerprint"), m.Sender.Fingerprint},
		{lang.L("Key"), keyText(key, problemArg(in.refusal, "owner"))},
		{lang.L("Unit"), a.Unit.Name},
		{lang.L("Round"), a.Round},
		{lang.L("Catalog"), fmt.Sprintf("%s (%.12s)", a.Catalog, a.CatalogHash)},
		{lang.L("Items answered"), fmt.Sprintf("%d / %d", a.Answered, a.Applicable)},
		{lang.L("Evidence"), fmt.Sprintf("%d · %s", n, kit.FileSize(size))},
		{lang.L("Status"), kit.StatusText(domain.AssessmentStatus(a.Status))},
	}
	if len(in.pkg.Tasks) > 0 {
		v := lang.L("{{.N}} entries", map[string]any{"N": len(in.pkg.Tasks)})
		if in.applied != nil && in.refusal == nil {
			v = tasksText(in.applied)
		}
		out = append(out, [2]string{lang.L("Rectification entries"), v})
	}
	if in.pkg.Standing != nil {
		out = append(out, [2]string{lang.L("Round standing"), standing.Text(in.pkg.Standing)})
	}
	return out
}

// tasksText says how many register entries an import brings: "3 条（新增 1
// 条，1 条状态未采用）".
func tasksText(out *exchange.Applied) string {
	s := lang.L("{{.N}} entries", map[string]any{"N": out.Tasks})
	var more []string
	if out.TasksNew > 0 {
		more = append(more, lang.L("{{.N}} new", map[string]any{"N": out.TasksNew}))
	}
	if out.TasksKept > 0 {
		more = append(more, lang.L("{{.N}} keep this side's status", map[string]any{"N": out.TasksKept}))
	}
	if len(more) > 0 {
		s += lang.L(" ({{.More}})", map[string]any{"More": strings.Join(more, lang.L(", "))})
	}
	return s
}

// signer names the signing unit and, in brackets, its operator.
func signer(s exchange.Sender) string {
	if s.Operator == "" {
		return s.Unit.Name
	}
	return s.Unit.Name + "（" + s.Operator + "）"
}

// showVerification shows what the package holds and imports it when the
// user confirms (a new key only after ticking that the fingerprint was
// compared).
func showVerification(d Deps, path, password string, in inspection) {
	// Label and value side by side, the labels as narrow as they need.
	form := container.New(layout.NewFormLayout())
	for _, r := range rows(in) {
		v := widget.NewLabel(r[1])
		v.Selectable = true
		if r[0] == lang.L("Key") && in.applied != nil && in.applied.Key != exchange.KeyTrusted {
			v.Importance = widget.WarningImportance
			if k := in.applied.Key; k == exchange.KeyOtherUnit || k == exchange.KeyRekeyed {
				v.Importance = widget.DangerImportance
			}
		}
		form.Add(widget.NewLabelWithStyle(r[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		form.Add(v)
	}
	// What stops the import, and what to look at, comes first: above the
	// facts, never scrolled away.
	head := container.NewVBox()
	m := &in.pkg.Manifest
	if signerDiffers(m) {
		warn := widget.NewLabel(lang.L("Careful: the package is signed by {{.Signer}}, but the assessment is of {{.Unit}}.",
			map[string]any{"Signer": m.Sender.Unit.Name, "Unit": m.Assessment.Unit.Name}))
		warn.Wrapping = fyne.TextWrapWord
		warn.Importance = widget.DangerImportance
		head.Add(warn)
	}
	foot := container.NewVBox()
	var dlg *dialog.CustomDialog
	importButton := widget.NewButton(lang.L("Import"), nil)
	importButton.Importance = widget.HighImportance
	newKey := in.applied != nil && in.applied.Key == exchange.KeyNew
	switch {
	case in.refusal != nil:
		msg := widget.NewLabel(lang.L("This package cannot be imported: {{.Why}}", map[string]any{"Why": refusalText(in.refusal)}))
		msg.Wrapping = fyne.TextWrapWord
		msg.Selectable = true
		msg.Importance = widget.DangerImportance
		head.Add(msg)
		importButton.Disable()
		if rekey := rekeyButton(d, path, password, in, func() { dlg.Hide() }); rekey != nil {
			head.Add(container.NewHBox(rekey))
		}
	case in.applied == nil:
		importButton.Disable() // no answer from the check: nothing to confirm
	case in.applied.Already:
		foot.Add(widget.NewLabel(lang.L("This package was imported already: importing it again changes nothing.")))
		importButton.Disable()
	case newKey:
		confirm := widget.NewCheck(lang.L("I compared the fingerprint with the sender (by phone): trust this key for {{.Unit}}",
			map[string]any{"Unit": m.Sender.Unit.Name}), func(on bool) {
			if on {
				importButton.Enable()
			} else {
				importButton.Disable()
			}
		})
		foot.Add(confirm)
		importButton.Disable()
	}
	if len(head.Objects) > 0 {
		head.Add(widget.NewSeparator())
	}
	cancel := widget.NewButton(lang.L("Cancel"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(lang.L("Verify package"),
		container.NewBorder(head, foot, nil, nil, container.NewVScroll(form)), d.Window)
	dlg.SetButtons([]fyne.CanvasObject{cancel, importButton})
	importButton.OnTapped = func() {
		dlg.Hide()
		apply(d, path, password, newKey)
	}
	dlg.Resize(fyne.NewSize(680, 560))
	dlg.Show()
}

// rekeyButton offers an administrator, for a package of a re-keyed unit,
// to register its new key in place of the old one (after comparing the
// fingerprint by phone) and verify the package again; nil for anyone else
// or any other refusal. close closes the verification dialog.
func rekeyButton(d Deps, path, password string, in inspection, close func()) *widget.Button {
	if in.applied == nil || in.applied.Key != exchange.KeyRekeyed || in.pkg.Signer == nil || !userOf(d.Tasks).Has(domain.RoleAdmin) {
		return nil
	}
	m := &in.pkg.Manifest
	unit, signer := m.Sender.Unit.Name, in.pkg.Signer
	return widget.NewButton(lang.L("Register the new key…"), func() {
		dialog.ShowConfirm(lang.L("Register the unit's new key"),
			lang.L("Replace the key {{.Old}} registered for {{.Unit}} by this package's key {{.FP}}? Compare the new fingerprint with the unit by phone first: packages signed with the old key are refused from then on.",
				map[string]any{"Old": problemArg(in.refusal, "known"), "Unit": unit, "FP": m.Sender.Fingerprint}),
			func(ok bool) {
				if !ok {
					return
				}
				d.Tasks.Run(func(ctx context.Context) error {
					return d.Services.Store.TrustKey(ctx, unit, signer)
				}, func(err error) {
					if err != nil {
						kit.ShowError(d.Window, err)
						return
					}
					close()
					Inspect(d, path, password)
				})
			}, d.Window)
	})
}

// userOf returns the user tasks run as (the one the Store checks).
func userOf(t *kit.Tasks) domain.User {
	if t == nil || t.Context == nil {
		return domain.User{}
	}
	u, _ := domain.UserFrom(t.Context())
	return u
}

// apply imports the package (trusting its new key when trustNew) and says
// what it did.
func apply(d Deps, path, password string, trustNew bool) {
	var out *exchange.Applied
	newWorking(d, lang.L("Importing…")).run(func(ctx context.Context, report func(done, total int64)) error {
		var err error
		_, out, err = d.Services.Import(ctx, path, exchange.Options{Password: password, Progress: report}, exchange.ApplyOptions{TrustNew: trustNew}, false)
		return err
	}, func(err error) {
		switch {
		case cancelled(err):
			dialog.ShowInformation(lang.L("Import package"), lang.L("Cancelled: nothing was imported."), d.Window)
			return
		case err != nil:
			kit.ShowError(d.Window, err)
			return
		case out == nil:
			kit.ShowError(d.Window, errors.New("import: no result"))
			return
		}
		msg := lang.L("Imported: the assessment is {{.Status}}, {{.N}} evidence files.",
			map[string]any{"Status": kit.StatusText(domain.AssessmentStatus(out.Status)), "N": out.Evidence})
		if out.Tasks > 0 || out.TasksKept > 0 {
			msg += "\n" + lang.L("Rectification entries") + lang.L(": ") + tasksText(out)
		}
		if out.Standing != nil {
			msg += "\n" + lang.L("Round standing") + lang.L(": ") + standing.Text(out.Standing)
		}
		dialog.ShowInformation(lang.L("Import package"), msg, d.Window)
		if d.OnImported != nil {
			d.OnImported(out.AssessmentID)
		}
	})
}
