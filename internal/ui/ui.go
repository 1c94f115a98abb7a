// Package ui is Pingce's application shell: it puts the screens into the
// window and switches between them — home, the walk-through of one
// assessment, and the new-assessment, settings and export dialogs over
// them — and owns what they share: the keyboard shortcuts and the drop
// handler of the window, the background work, and the wait for pending
// saves when the window closes. It takes the Fyne app and window from
// outside, so that tests run it on Fyne's headless test driver.
//
// Each screen lives in its own package under internal/ui and implements
// screen.Screen; internal/ui/kit holds what they share.
package ui

import (
	"context"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"pingce/assets"
	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/report"
	"pingce/internal/ui/catalogs"
	"pingce/internal/ui/exchangeui"
	"pingce/internal/ui/export"
	"pingce/internal/ui/filedialog"
	"pingce/internal/ui/home"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/newassessment"
	"pingce/internal/ui/overview"
	"pingce/internal/ui/review"
	"pingce/internal/ui/screen"
	"pingce/internal/ui/settings"
	taskboard "pingce/internal/ui/tasks"
	"pingce/internal/userfile"
)

// RegisterTranslations adds the strings of the shell and of the screens
// that keep theirs in assets/translations. The walk-through carries its
// own (walk.RegisterTranslations).
func RegisterTranslations() error {
	return kit.AddTranslations(assets.Translations(), ".")
}

// Deps is what the shell needs from outside: the Fyne app and window, the
// services of the store, and the builders of the parts other packages own.
type Deps struct {
	App         fyne.App
	Window      fyne.Window
	Units       domain.UnitService
	Catalogs    domain.CatalogService
	Assessments domain.AssessmentService
	Evidence    domain.EvidenceService
	Profiles    domain.ProfileService
	// Reviews is the reviewer's side (internal/ui/review); nil hides the
	// 审核 area and opens submitted assessments in the walk-through.
	Reviews domain.ReviewService
	// Round scores a whole round for the bureau overview, and RoundDates
	// lists the rounds with their dates (may be nil); without Round the
	// overview is not offered.
	Round      domain.RoundService
	RoundDates overview.RoundLister
	// RoundSettings gives a round's own peer groups and bands (nil: by
	// unit type, default bands).
	RoundSettings domain.RoundSettingsService
	// WriteRound writes the round report (排名通报) in format
	// (overview.FormatPDF or overview.FormatXLSX) to w; nil hides the
	// overview's export.
	WriteRound func(ctx context.Context, doc *report.RoundDocument, format string, w io.Writer) error
	// UnprintableRound lists the characters of a round report's PDF that
	// no font can draw (overview.Deps.Unprintable); nil skips the check.
	UnprintableRound func(doc *report.RoundDocument) ([]kit.Missing, error)

	// Builtins returns the catalogs shipped inside the program.
	Builtins func() ([]*domain.Catalog, error)
	// LoadCatalog reads and validates a catalog file; an invalid file gives
	// a *domain.Error with the problems.
	LoadCatalog func(ctx context.Context, path string) (*domain.Catalog, error)
	// WriteReport writes the report of ws in format (export.FormatPDF or
	// export.FormatXLSX) to w. Nil disables report export.
	WriteReport func(ctx context.Context, ws *domain.Workspace, format string, w io.Writer) error
	// Unprintable lists the characters of the PDF report of ws that no font
	// can draw (export.Deps.Unprintable); nil skips the check.
	Unprintable func(ctx context.Context, ws *domain.Workspace) ([]export.Missing, error)
	// Database names where the data is kept (a file path), shown in the
	// settings so that users know what to back up. May be empty.
	Database string
	// Operator, when set (pingce --user NAME), is recorded as "who" of the
	// changes of this run instead of the operator of the settings.
	Operator string
	// Walk builds the walk-through screen of an assessment; onBack returns
	// to the home screen and onExport opens the export dialog. Nil shows a
	// simple summary instead.
	Walk func(ws *domain.Workspace, onBack func(), onExport func(*domain.Workspace)) screen.Screen
	// Register keeps the rectification register (internal/ui/tasks); nil
	// hides 整改台账.
	Register domain.TaskService
	// WriteRegister and WriteNotices write the register (tasks.FormatXLSX,
	// tasks.FormatPDF) and 督办通知; nil hides their buttons on the board.
	WriteRegister func(ctx context.Context, w io.Writer, format string, ts []domain.Task, now time.Time) error
	WriteNotices  func(ctx context.Context, w io.Writer, ts []domain.Task, numbers []string, now time.Time) error
	// Exchange writes and imports exchange packages (internal/ui/exchangeui);
	// nil hides 导出交换包… and 导入….
	Exchange *exchange.Services
}

// UI is the application shell shown in the main window.
type UI struct {
	deps  Deps
	prefs fyne.Preferences
	tasks *kit.Tasks

	root     *fyne.Container // holds the screen shown: home or a walk-through
	home     *home.Home
	overview *overview.Overview // the bureau overview, once opened
	board    *taskboard.Board   // the rectification register's board, once opened
	current  screen.Screen      // the screen in the window: home or a walk-through
	dialog   screen.Screen      // the dialog screen over it, or nil

	prof profileState // the database's profile, see loadProfile

	onScreen func(screen.Screen) // see Watch
}

// New builds the shell. Call Start to show it.
func New(d Deps) *UI {
	u := &UI{deps: d, prefs: d.App.Preferences()}
	u.tasks = &kit.Tasks{Context: u.ctx, OnError: u.showError}
	hd := home.Deps{
		Window: d.Window, Assessments: d.Assessments, Tasks: u.tasks,
		CanExport:  d.WriteReport != nil,
		Who:        u.who,
		OnNew:      u.ShowNew,
		OnOpen:     func(id int64) { u.OpenAssessment(id, nil) },
		OnExport:   u.ExportAssessment,
		OnSettings: u.ShowSettings,
		OnOverview: u.ShowOverview,
		CanOverview: func() bool {
			us := u.user()
			return d.Round != nil && (us.Has(domain.RoleReviewer) || us.Has(domain.RoleAdmin))
		},
		OnReview:    u.ShowReviews,
		OnTasks:     u.tasksAction(),
		CanReview:   func() bool { return u.deps.Reviews != nil && u.user().Has(domain.RoleReviewer) },
		OnCatalogs:  u.ShowCatalogs,
		CanCatalogs: func() bool { return domain.Can(u.user(), domain.ActManageCatalogs, nil) },
	}
	hd.Round = u.roundSource() // the score column shows the round's figures of a round held whole
	// The 审核 area is a tab of home while the user may review
	// (CanReview); a submission opened there comes back to it.
	hd.ReviewArea = review.NewList(review.ListDeps{Tasks: u.tasks, Assessments: d.Assessments, Round: hd.Round,
		OnOpen: func(id int64) {
			u.loadWorkspace(id, func(ws *domain.Workspace) { u.showWorkspaceFrom(ws, u.ShowHome) })
		}})
	if d.Exchange != nil {
		hd.OnExportPackage = func(id int64) { exchangeui.Export(u.exchangeDeps(), id) }
		hd.OnImportPackage = func() { exchangeui.Import(u.exchangeDeps()) }
	}
	u.home = home.New(hd)
	u.current = u.home
	u.root = container.NewStack(u.home.Content())
	return u
}

// roundSource is the database's rounds as the overview reads them, for
// the screens that show the round's figures of a round held whole (home's
// list, the 审核 area, the review screen); zero without a Round service.
func (u *UI) roundSource() overview.Source {
	d := u.deps
	if d.Round == nil {
		return overview.Source{}
	}
	return overview.Source{Units: d.Units, Catalogs: d.Catalogs, Assessments: d.Assessments,
		Round: d.Round, Rounds: d.RoundDates, Settings: d.RoundSettings}
}

// Content returns the widgets to put into the window.
func (u *UI) Content() fyne.CanvasObject { return u.root }

// Start puts the shell into the window, installs the keyboard shortcuts and
// the drop handler, loads the profile and the list of assessments, and
// asks for the unit and the operator when the database has no profile yet
// (it never creates a unit unasked).
func (u *UI) Start() {
	w := u.deps.Window
	w.SetContent(u.root)
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.onNewShortcut() })
	w.Canvas().SetOnTypedKey(u.onCanvasKey)
	w.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { u.onWindowDropped(uris) })
	w.SetCloseIntercept(u.onWindowClose)
	u.shown(u.home)
	u.loadProfile(func(complete bool) {
		if complete {
			u.home.Focus() // arrows, Enter and Delete work at once
		} else {
			u.showProfile(true)
		}
		u.home.Reload()
	})
}

// ThemeVariant returns the colour scheme chosen in the settings.
func (u *UI) ThemeVariant() string {
	return u.prefs.StringWithFallback(kit.PrefThemeVariant, kit.ThemeSystem)
}

// ctx returns a context carrying the local user for storage calls.
func (u *UI) ctx() context.Context {
	return domain.WithUser(context.Background(), u.user())
}

// Operator returns the name recorded with changes: Deps.Operator when set,
// else the operator of the profile.
func (u *UI) Operator() string { return u.user().Name }

// User returns the local user: the profile's, named by Deps.Operator when
// that is set. The walk-through records its changes as theirs.
func (u *UI) User() domain.User { return u.user() }

// who returns the own unit's name and the operator, for the home screen.
func (u *UI) who() (unit, operator string) {
	if u.prof.unit != nil {
		unit = u.prof.unit.Name
	}
	return unit, u.Operator()
}

// wait blocks until all background work has finished (tests).
func (u *UI) wait() { u.tasks.Wait() }

// showError shows err as a plain sentence with its details below.
func (u *UI) showError(err error) { kit.ShowError(u.deps.Window, err) }

// dialogShown reports whether a dialog covers the window; the keys of the
// home screen then do nothing.
func (u *UI) dialogShown() bool {
	return u.deps.Window.Canvas().Overlays().Top() != nil
}

// onHome reports whether the home screen is in the window.
func (u *UI) onHome() bool { return u.current == screen.Screen(u.home) }

// onNewShortcut opens the new-assessment dialog from Ctrl+N on home.
func (u *UI) onNewShortcut() {
	if u.onHome() && !u.dialogShown() {
		u.ShowNew()
	}
}

// onCanvasKey handles Enter and Delete when no widget has the focus.
func (u *UI) onCanvasKey(e *fyne.KeyEvent) {
	if u.onHome() {
		u.home.TypedKey(e)
	}
}

// onWindowDropped passes dropped files to the top screen: the dialog, or
// the screen in the window.
func (u *UI) onWindowDropped(uris []fyne.URI) {
	if u.dialog != nil {
		u.dialog.HandleDrop(uris)
		return
	}
	if u.deps.Exchange != nil && len(uris) == 1 && exchangeui.IsPackage(uris[0].Path()) {
		exchangeui.Inspect(u.exchangeDeps(), uris[0].Path(), "") // a package dropped anywhere: verify it
		return
	}
	u.current.HandleDrop(uris)
}

// exportPackage returns the action of 导出交换包… / 导出审核结果包…, nil
// without an exchange.
func (u *UI) exportPackage() func(id int64) {
	if u.deps.Exchange == nil {
		return nil
	}
	return func(id int64) { exchangeui.Export(u.exchangeDeps(), id) }
}

// PackageExporter returns the action of the walk-through's 导出提交包…
// (exchangeui.Export), nil without an exchange: the walk is built outside
// the shell (Deps.Walk), which wires it with this.
func (u *UI) PackageExporter() func(id int64) { return u.exportPackage() }

// exchangeDeps are what the exchange dialogs work with.
func (u *UI) exchangeDeps() exchangeui.Deps {
	return exchangeui.Deps{Window: u.deps.Window, Tasks: u.tasks, Services: *u.deps.Exchange,
		Outputs: userfile.NewGuard(u.deps.Database), OnImported: func(int64) { u.home.Reload() }}
}

// onWindowClose lets the screens store what is still pending and closes the
// window once nothing is busy any more (at most closeWait later).
func (u *UI) onWindowClose() {
	w := u.deps.Window
	screens := []screen.Screen{u.current}
	if u.dialog != nil {
		screens = append(screens, u.dialog)
		u.dialog.Close()
	}
	u.current.Close()
	go func() {
		start := time.Now()
		for time.Since(start) < closeWait {
			time.Sleep(20 * time.Millisecond)
			if u.tasks.Busy() {
				continue // the shell's own work is still running
			}
			still := false
			for _, s := range screens {
				still = still || s.Busy()
			}
			if !still {
				break
			}
		}
		fyne.Do(w.Close)
	}()
}

// closeWait is the longest the window waits for pending saves when it is
// closed.
const closeWait = 10 * time.Second

// show puts a screen into the window in place of the one shown.
func (u *UI) show(s screen.Screen, title string) {
	if u.current != nil && u.current != s {
		u.current.Close() // lets it save what is still pending
	}
	u.current = s
	// The screen leaving may hold the focus: keys typed on the next one
	// would reach its hidden widget (Enter on the 整改 board opened home's
	// selected assessment).
	u.deps.Window.Canvas().Unfocus()
	u.root.Objects = []fyne.CanvasObject{s.Content()}
	u.root.Refresh()
	u.deps.Window.SetTitle(title)
	u.shown(s)
}

// ShowHome shows the home screen and reloads the list.
func (u *UI) ShowHome() {
	u.show(u.home, lang.L("Pingce"))
	u.home.Reload()
}

// OpenAssessment loads an assessment and shows its walk-through; then, if
// not nil, runs on the UI goroutine with the screen shown.
func (u *UI) OpenAssessment(id int64, then func(screen.Screen)) {
	u.loadWorkspace(id, func(ws *domain.Workspace) {
		u.showWorkspace(ws)
		if then != nil {
			then(u.current)
		}
	})
}

// loadWorkspace loads an assessment in the background and then runs show
// with it on the UI goroutine; an error is shown instead.
func (u *UI) loadWorkspace(id int64, show func(*domain.Workspace)) {
	var ws *domain.Workspace
	u.tasks.Run(func(ctx context.Context) (err error) {
		ws, err = u.deps.Assessments.OpenAssessment(ctx, id)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(err)
			return
		}
		show(ws)
	})
}

// showWorkspace shows the walk-through of ws; its back button returns home.
func (u *UI) showWorkspace(ws *domain.Workspace) { u.showWorkspaceFrom(ws, u.ShowHome) }

// showWorkspaceFrom shows the walk-through of ws; back is its back button.
func (u *UI) showWorkspaceFrom(ws *domain.Workspace, back func()) {
	var s screen.Screen
	if u.deps.Reviews != nil && ws.Assessment.Status == domain.Submitted &&
		domain.Authorize(u.user(), domain.ActReview, &ws.Assessment) == nil {
		s = review.New(review.Deps{Window: u.deps.Window, Tasks: u.tasks, Assessments: u.deps.Assessments,
			Reviews: u.deps.Reviews, Evidence: u.deps.Evidence, OnBack: back, OnExportPackage: u.exportPackage(), Round: u.roundSource()}, ws)
		u.show(s, lang.L("Pingce")+" — "+lang.L("Lead review")+" "+ws.Assessment.Unit.Name+" "+ws.Assessment.Round)
		return
	}
	if u.deps.Walk != nil {
		// The report is built from the store, which has every saved answer.
		s = u.deps.Walk(ws, back, func(ws *domain.Workspace) { u.ExportAssessment(ws.Assessment.ID) })
	} else {
		s = newSummaryView(u, ws)
	}
	u.show(s, lang.L("Pingce")+" — "+ws.Assessment.Unit.Name+" "+ws.Assessment.Round)
}

// ShowReviews shows home with its 审核 area (reviewers) in front: every
// submission with its review progress; opening one shows its review
// screen, and its back button returns home.
func (u *UI) ShowReviews() {
	if u.deps.Reviews == nil {
		return
	}
	u.ShowHome()
	u.home.ShowReviewArea()
}

// openDialog records the dialog screen shown over the window.
func (u *UI) openDialog(s screen.Screen) {
	u.dialog = s
	u.shown(s)
}

// dialogClosed forgets the dialog screen s once it has closed.
func (u *UI) dialogClosed(s func() screen.Screen) func() {
	return func() {
		if u.dialog == s() {
			u.dialog = nil
		}
	}
}

// ShowNew opens the new-assessment dialog, unless a dialog shows already.
func (u *UI) ShowNew() {
	if u.dialog != nil {
		return
	}
	var n *newassessment.Dialog
	n = newassessment.Show(newassessment.Deps{
		Window: u.deps.Window, Units: u.deps.Units, Catalogs: u.deps.Catalogs, Assessments: u.deps.Assessments,
		Tasks: u.tasks, Builtins: u.deps.Builtins, LoadCatalog: u.deps.LoadCatalog,
		OwnUnit: u.ownUnit(),
		OnCreated: func(id int64) {
			u.home.Reload()
			u.OpenAssessment(id, nil)
		},
		OnClosed: u.dialogClosed(func() screen.Screen { return n }),
	})
	u.openDialog(n)
}

// ownUnit returns the name of the profile's unit, or "".
func (u *UI) ownUnit() string {
	if u.prof.unit == nil {
		return ""
	}
	return u.prof.unit.Name
}

// ShowSettings opens the settings: the own unit, the operator and the colours.
func (u *UI) ShowSettings() { u.showProfile(false) }

// showProfile shows the first-start questions (first) or the settings.
func (u *UI) showProfile(first bool) {
	if u.dialog != nil {
		return
	}
	var f *settings.Form
	f = settings.Show(settings.Deps{
		Window: u.deps.Window, Tasks: u.tasks,
		Profile: u.formProfile(), Operator: u.deps.Operator,
		UnitTypes: u.unitTypes,
		Save:      u.saveProfile,
		Variant:   u.ThemeVariant(),
		OnVariant: u.setVariant,
		Database:  u.deps.Database,
		Fingerprint: func(ctx context.Context) (string, error) {
			if u.deps.Exchange == nil {
				return "", nil
			}
			return u.deps.Exchange.Fingerprint(ctx)
		},
		Keys: u.keyStore(),
		OnSaved: func() {
			u.loadProfile(func(bool) { u.home.Reload() })
		},
		OnClosed: u.dialogClosed(func() screen.Screen { return f }),
	}, first)
	u.openDialog(f)
}

// keyStore is the registry of exchange keys the settings' keys window
// works with, nil without an exchange.
func (u *UI) keyStore() settings.KeyStore {
	if u.deps.Exchange == nil || u.deps.Exchange.Store == nil {
		return nil
	}
	return u.deps.Exchange.Store
}

// setVariant keeps and applies another colour scheme, with the current
// theme's fonts.
func (u *UI) setVariant(variant string) {
	u.prefs.SetString(kit.PrefThemeVariant, variant)
	if t, ok := u.deps.App.Settings().Theme().(*kit.Theme); ok {
		u.deps.App.Settings().SetTheme(t.WithVariant(variant))
		return
	}
	u.deps.App.Settings().SetTheme(kit.NewTheme(kit.Fonts{}, variant))
}

// unitTypes lists the unit types of the stored and built-in catalogs, in
// the order they first appear.
func (u *UI) unitTypes(ctx context.Context) ([]string, error) {
	var cats []*domain.Catalog
	if u.deps.Builtins != nil {
		bs, err := u.deps.Builtins()
		if err != nil {
			return nil, err
		}
		cats = append(cats, bs...)
	}
	infos, err := u.deps.Catalogs.ListCatalogs(ctx)
	if err != nil {
		return nil, err
	}
	for _, i := range infos {
		c, err := u.deps.Catalogs.FindCatalog(ctx, i.Ref())
		if err != nil {
			return nil, err
		}
		cats = append(cats, c)
	}
	var out []string
	seen := map[string]bool{}
	for _, c := range cats {
		for _, t := range c.UnitTypes {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out, nil
}

// ExportAssessment loads an assessment and opens the export dialog for it.
func (u *UI) ExportAssessment(id int64) { u.loadWorkspace(id, u.ShowExport) }

// ShowExport opens the export dialog for ws.
func (u *UI) ShowExport(ws *domain.Workspace) {
	if u.deps.WriteReport == nil || u.dialog != nil {
		return
	}
	var e *export.Dialog
	e = export.Show(export.Deps{
		App: u.deps.App, Window: u.deps.Window, Tasks: u.tasks, WriteReport: u.deps.WriteReport,
		Unprintable: u.deps.Unprintable, Outputs: userfile.NewGuard(u.deps.Database),
		OnClosed: u.dialogClosed(func() screen.Screen { return e }),
	}, ws)
	u.openDialog(e)
}

// ShowOverview shows the bureau overview (reviewers and administrators):
// the one opened before, read again, or a new one.
func (u *UI) ShowOverview() {
	if u.deps.Round == nil {
		return
	}
	if u.overview == nil {
		u.overview = overview.New(overview.Deps{
			App: u.deps.App, Window: u.deps.Window, Tasks: u.tasks,
			Source: overview.Source{Units: u.deps.Units, Catalogs: u.deps.Catalogs, Assessments: u.deps.Assessments,
				Round: u.deps.Round, Rounds: u.deps.RoundDates, Settings: u.deps.RoundSettings},
			WriteRound: u.deps.WriteRound, Outputs: userfile.NewGuard(u.deps.Database), Unprintable: u.deps.UnprintableRound,
			OnBack:          u.ShowHome,
			OnOpenItem:      u.openItemFromOverview,
			CanManageRounds: func() bool { return domain.Can(u.user(), domain.ActManageRounds, nil) },
		})
	} else {
		u.overview.Reload()
	}
	u.show(u.overview, lang.L("Pingce")+" — "+lang.L("Bureau overview"))
	u.overview.Activate() // its shortcuts, until it leaves the window
}

// tasksAction is the home screen's 整改台账 action: nil without a register.
func (u *UI) tasksAction() func() {
	if u.deps.Register == nil {
		return nil
	}
	return u.ShowTasks
}

// ShowTasks shows the rectification register's board (整改台账), read
// again each time.
func (u *UI) ShowTasks() {
	if u.deps.Register == nil {
		return
	}
	if u.board == nil {
		u.board = taskboard.New(taskboard.Deps{Window: u.deps.Window, Tasks: u.tasks, Register: u.deps.Register,
			Assessments: u.deps.Assessments, User: u.user, OnBack: u.ShowHome,
			WriteRegister: u.deps.WriteRegister, WriteNotices: u.deps.WriteNotices, Outputs: userfile.NewGuard(u.deps.Database)})
	}
	u.board.Reload()
	u.show(u.board, lang.L("Pingce")+" — "+lang.L("Rectification register"))
	u.board.Activate() // its keys, until it leaves the window
}

// openItemFromOverview opens an assessment's walk-through at an item (a
// matrix cell clicked); its back button returns to the overview.
func (u *UI) openItemFromOverview(id int64, itemID string) {
	u.loadWorkspace(id, func(ws *domain.Workspace) {
		u.showWorkspaceFrom(ws, u.ShowOverview)
		if s, ok := u.current.(interface{ ShowItem(id string) }); ok && ws.Catalog.Item(itemID) != nil {
			s.ShowItem(itemID)
		}
	})
}

// ShowCatalogs shows the catalog screen (internal/ui/catalogs) in a
// dialog: the stored catalogs, import from an official table, versions.
func (u *UI) ShowCatalogs() {
	var builtins []*domain.Catalog
	if u.deps.Builtins != nil {
		builtins, _ = u.deps.Builtins()
	}
	cd := catalogs.Deps{Tasks: u.tasks, Catalogs: u.deps.Catalogs, Builtins: builtins,
		ChooseFile: func(done func(string)) {
			opts := filedialog.Options{Mode: filedialog.OpenFile, Confirm: lang.L("Import"),
				Filter: &filedialog.Filter{Name: "Excel / Word", Extensions: []string{".xlsx", ".docx"}}}
			filedialog.For(u.deps.Window).Show(opts, func(paths []string) {
				if len(paths) > 0 {
					done(paths[0])
				}
			})
		},
		OnStored:    func(domain.CatalogInfo) { u.home.Reload() },
		Assessments: u.deps.Assessments,
		OnMigrated:  func(*domain.Assessment) { u.home.Reload() },
	}
	// A store that can move assessments to another catalog version
	// (storage.Store.MigrateAssessment) offers it after a comparison.
	if m, ok := u.deps.Assessments.(interface {
		MigrateAssessment(ctx context.Context, id int64, toRef string) (*domain.Assessment, domain.MigrationPlan, error)
	}); ok {
		cd.Migrate = m.MigrateAssessment
	}
	s := catalogs.New(cd)
	d := dialog.NewCustom(lang.L("Catalogs"), lang.L("Close"), s.Content(), u.deps.Window)
	d.Resize(fyne.NewSize(1000, 680))
	d.Show()
}
