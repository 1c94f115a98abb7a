package settings

import (
	"context"
	"crypto/ed25519"
	"embed"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/ui/kit"
)

//go:embed translations
var translations embed.FS

var registerOnce sync.Once

// registered adds the keys window's strings to Fyne's, once (the form's
// own strings are the shell's, in assets/translations).
func registered() {
	registerOnce.Do(func() {
		if err := kit.AddTranslations(translations, "translations"); err != nil {
			fyne.LogError("settings translations", err)
		}
	})
}

// KeyStore is what the keys window works with: this side's key and the
// registry of trusted keys (exchange.Store has them; the Store checks the
// rights and the domain rules, as for pingce keys).
type KeyStore interface {
	OwnKey(ctx context.Context) (ed25519.PrivateKey, error)
	TrustedKeys(ctx context.Context) ([]exchange.TrustedKey, error)
	TrustKey(ctx context.Context, unit string, pub ed25519.PublicKey) error
	RemoveKey(ctx context.Context, fingerprint string) error
}

// KeysDeps is what the keys window needs.
type KeysDeps struct {
	Window fyne.Window
	Tasks  *kit.Tasks
	Keys   KeyStore
}

// Keys is the window of exchange keys (交换密钥): this side's key line —
// what the other side registers (pingce keys trust) — with its
// fingerprint, and the keys this side trusts, by unit; an administrator
// removes one or registers a unit's (new) key from a pasted key line.
type Keys struct {
	deps   KeysDeps
	admin  bool
	dialog *dialog.CustomDialog
	body   fyne.CanvasObject
	line   *widget.Label // this side's key line, selectable
	fp     *widget.Label
	copy   *widget.Button
	list   *fyne.Container
	add    *widget.Button
	keys   []exchange.TrustedKey
}

// ShowKeys opens the keys window and loads what it shows.
func ShowKeys(d KeysDeps) *Keys {
	registered()
	k := &Keys{deps: d, admin: userOf(d.Tasks).Has(domain.RoleAdmin)}
	k.line = widget.NewLabel("…")
	k.line.Selectable = true
	k.line.Wrapping = fyne.TextWrapBreak
	k.fp = widget.NewLabel("…")
	k.fp.Selectable = true
	k.copy = widget.NewButton(lang.L("Copy key line"), func() {
		fyne.CurrentApp().Clipboard().SetContent(k.line.Text)
		k.copy.SetText(lang.L("Copied"))
	})
	k.copy.Disable()
	help := widget.NewLabel(lang.L("The other side registers this key line (in its keys window, or with pingce keys trust); compare the fingerprint by phone."))
	help.Wrapping = fyne.TextWrapWord
	own := widget.NewForm(
		widget.NewFormItem(lang.L("This side's key line"), container.NewBorder(nil, nil, nil, k.copy, k.line)),
		widget.NewFormItem(lang.L("Fingerprint"), k.fp))
	k.list = container.NewVBox()
	k.add = widget.NewButton(lang.L("Register a unit's key…"), func() { k.askTrust("") })
	k.add.Importance = widget.HighImportance
	var note fyne.CanvasObject
	if !k.admin {
		k.add.Disable()
		l := widget.NewLabel(lang.L("Only an administrator may register or remove keys."))
		l.Importance = widget.LowImportance
		note = l
	}
	trustedHead := widget.NewLabelWithStyle(lang.L("Keys trusted here"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	ownHead := widget.NewLabelWithStyle(lang.L("This side's key"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(ownHead, own, help, widget.NewSeparator(), trustedHead)
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, note, k.add))
	k.body = container.NewBorder(top, bottom, nil, nil, container.NewVScroll(k.list))
	closeButton := widget.NewButton(lang.L("Close"), func() { k.dialog.Hide() })
	k.dialog = dialog.NewCustomWithoutButtons(lang.L("Exchange keys"), k.body, d.Window)
	k.dialog.SetButtons([]fyne.CanvasObject{closeButton})
	k.dialog.Resize(fyne.NewSize(760, 560))
	k.dialog.Show()
	k.load()
	return k
}

// userOf returns the user tasks run as (the one the Store checks).
func userOf(t *kit.Tasks) domain.User {
	if t == nil || t.Context == nil {
		return domain.User{}
	}
	u, _ := domain.UserFrom(t.Context())
	return u
}

// load reads this side's key and the trusted keys.
func (k *Keys) load() {
	var line, fp string
	var keys []exchange.TrustedKey
	k.deps.Tasks.Run(func(ctx context.Context) error {
		own, err := k.deps.Keys.OwnKey(ctx)
		if err != nil {
			return err
		}
		pub := own.Public().(ed25519.PublicKey)
		line, fp = exchange.KeyLine(pub), exchange.Fingerprint(pub)
		keys, err = k.deps.Keys.TrustedKeys(ctx)
		return err
	}, func(err error) {
		if err != nil {
			kit.ShowError(k.deps.Window, err)
			return
		}
		k.line.SetText(line)
		k.fp.SetText(fp)
		k.copy.Enable()
		k.keys = keys
		k.showList()
	})
}

// showList lays out the trusted keys, one row each.
func (k *Keys) showList() {
	k.list.RemoveAll()
	if len(k.keys) == 0 {
		l := widget.NewLabel(lang.L("No key is trusted yet: a unit's key is registered when its first package is imported (after the fingerprint was compared), or here."))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.LowImportance
		k.list.Add(l)
	}
	for i, t := range k.keys {
		if i > 0 {
			k.list.Add(widget.NewSeparator())
		}
		unit := widget.NewLabelWithStyle(t.Unit, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		fp := widget.NewLabel(t.Fingerprint)
		fp.Selectable = true
		since := widget.NewLabel(sinceText(t))
		since.Importance = widget.LowImportance
		remove := widget.NewButton(lang.L("Remove…"), func() { k.askRemove(t) })
		rekey := widget.NewButton(lang.L("Register a new key…"), func() { k.askTrust(t.Unit) })
		if !k.admin {
			remove.Disable()
			rekey.Disable()
		}
		k.list.Add(container.NewBorder(nil, nil, nil, container.NewCenter(container.NewHBox(rekey, remove)),
			container.NewVBox(unit, fp, since)))
	}
	k.list.Refresh()
}

// sinceText says since when and by whom a key is trusted.
func sinceText(t exchange.TrustedKey) string {
	at := t.AddedAt
	if ts, err := time.Parse(time.RFC3339, t.AddedAt); err == nil {
		at = ts.Local().Format("2006-01-02 15:04")
	}
	if t.AddedBy == "" {
		return lang.L("Trusted since {{.At}}", map[string]any{"At": at})
	}
	return lang.L("Trusted since {{.At}} (registered by {{.By}})", map[string]any{"At": at, "By": t.AddedBy})
}

// askRemove removes a trusted key after the administrator confirmed.
func (k *Keys) askRemove(t exchange.TrustedKey) {
	dialog.ShowConfirm(lang.L("Remove key"),
		lang.L("Remove the key {{.FP}} of {{.Unit}}? Packages signed with it are then refused until a key is registered for the unit again.",
			map[string]any{"FP": t.Fingerprint, "Unit": t.Unit}),
		func(ok bool) {
			if !ok {
				return
			}
			k.deps.Tasks.Run(func(ctx context.Context) error {
				return k.deps.Keys.RemoveKey(ctx, t.Fingerprint)
			}, func(err error) {
				if err != nil {
					kit.ShowError(k.deps.Window, err)
				}
				k.load()
			})
		}, k.deps.Window)
}

// askTrust asks for a unit and a pasted key line and registers the key for
// the unit; 登记 is offered once both are there and the line is a key,
// whose fingerprint then shows to be compared. Replacing a unit's key, or
// moving a key to another unit, is said before it is done.
func (k *Keys) askTrust(unit string) {
	unitEntry := widget.NewEntry()
	unitEntry.SetPlaceHolder(lang.L("the unit's name, as its packages name it"))
	unitEntry.SetText(unit)
	lineEntry := widget.NewEntry()
	lineEntry.SetPlaceHolder("pingce-ed25519 …")
	fp := widget.NewLabel("")
	fp.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel("")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.DangerImportance
	register := widget.NewButton(lang.L("Register key"), nil)
	register.Importance = widget.HighImportance
	var pub ed25519.PublicKey
	touched := unit != "" // what is missing is said once the user typed something
	check := func() {
		pub = nil
		fp.SetText("")
		why := ""
		switch text := strings.TrimSpace(lineEntry.Text); {
		case text == "":
			why = lang.L("Paste the unit's key line (it starts with pingce-ed25519).")
		default:
			p, err := exchange.ParseKeyLine(text)
			if err != nil {
				why = strings.Join(kit.ErrorDetails(err), "\n")
				break
			}
			pub = p
			fp.SetText(lang.L("Fingerprint {{.FP}}: compare it with the unit by phone before you register it.",
				map[string]any{"FP": exchange.Fingerprint(p)}))
		}
		if why == "" && strings.TrimSpace(unitEntry.Text) == "" {
			why = lang.L("Fill in the unit's name.")
		}
		kit.Gate(hint, register, why)
		if !touched {
			hint.Hide()
		}
	}
	unitEntry.OnChanged = func(string) { touched = true; check() }
	lineEntry.OnChanged = func(string) { touched = true; check() }
	check()
	help := widget.NewLabel(lang.L("Paste the key line the unit gave you (its keys window, or pingce keys show)."))
	help.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(lang.L("Unit"), unitEntry), widget.NewFormItem(lang.L("Key line"), lineEntry))
	var dlg *dialog.CustomDialog
	register.OnTapped = func() {
		if pub == nil {
			return
		}
		dlg.Hide()
		name, key := strings.TrimSpace(unitEntry.Text), pub
		k.confirmReplace(name, key, func() { k.trust(name, key) })
	}
	cancel := widget.NewButton(lang.L("Cancel"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(lang.L("Register a unit's key"), container.NewVBox(help, form, fp, hint), k.deps.Window)
	dlg.SetButtons([]fyne.CanvasObject{cancel, register})
	unitEntry.OnSubmitted = func(string) { k.deps.Window.Canvas().Focus(lineEntry) }
	lineEntry.OnSubmitted = func(string) {
		if !register.Disabled() {
			register.OnTapped()
		}
	}
	dlg.Resize(fyne.NewSize(640, 340))
	dlg.Show()
	if unit == "" {
		k.deps.Window.Canvas().Focus(unitEntry)
	} else {
		k.deps.Window.Canvas().Focus(lineEntry)
	}
}

// confirmReplace says what registering pub for unit replaces (another key
// of the unit, the key registered for another unit) and goes on when
// confirmed; with nothing replaced it goes on at once.
func (k *Keys) confirmReplace(unit string, pub ed25519.PublicKey, goOn func()) {
	fp := exchange.Fingerprint(pub)
	var replaced []string
	for _, t := range k.keys {
		switch {
		case t.Unit == unit && t.Fingerprint == fp:
			dialog.ShowInformation(lang.L("Register a unit's key"),
				lang.L("This key is registered for {{.Unit}} already.", map[string]any{"Unit": unit}), k.deps.Window)
			return
		case t.Unit == unit:
			replaced = append(replaced, lang.L("the key {{.FP}} registered for {{.Unit}}", map[string]any{"FP": t.Fingerprint, "Unit": unit}))
		case t.Fingerprint == fp:
			replaced = append(replaced, lang.L("the same key registered for {{.Unit}}", map[string]any{"Unit": t.Unit}))
		}
	}
	if len(replaced) == 0 {
		goOn()
		return
	}
	dialog.ShowConfirm(lang.L("Register a unit's key"),
		lang.L("Registering the key {{.FP}} for {{.Unit}} replaces {{.Old}}. Packages signed with the old key are refused from then on. Register it?",
			map[string]any{"FP": fp, "Unit": unit, "Old": strings.Join(replaced, lang.L("; "))}),
		func(ok bool) {
			if ok {
				goOn()
			}
		}, k.deps.Window)
}

// trust registers pub for unit and reloads the list.
func (k *Keys) trust(unit string, pub ed25519.PublicKey) {
	k.deps.Tasks.Run(func(ctx context.Context) error {
		return k.deps.Keys.TrustKey(ctx, unit, pub)
	}, func(err error) {
		if err != nil {
			kit.ShowError(k.deps.Window, err)
			return
		}
		k.load()
	})
}
