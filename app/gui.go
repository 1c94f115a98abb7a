//go:build cgo

package app

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/assets"
	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/exchange"
	"pingce/internal/roundview"
	"pingce/internal/sheet"
	"pingce/internal/storage"
	"pingce/internal/ui"
	"pingce/internal/ui/filedialog"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/opener"
	"pingce/internal/ui/screen"
	"pingce/internal/ui/walk"
	"pingce/internal/userfile"
)

// runGUI opens the window: "pingce" or "pingce --db FILE [--user NAME]".
func runGUI(args []string) int {
	env := newEnv()
	fs, err := guiFlags(env, args)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(env.Stderr, "pingce: %v\nusage: pingce [--db FILE] [--user NAME]\n", err)
		}
		return 2
	}
	if op := explicitUser(env, fs); op != "" {
		if err := domain.ValidName(op); err != nil { // it would be recorded with every change
			fmt.Fprintf(env.Stderr, "pingce: --user %q: %s\n", op, domain.ErrorMessage(err))
			return 2
		}
	}

	limitMemory()
	defer startHousekeeping(housekeepingInterval, releaseMemory)()
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(&fyne.StaticResource{StaticName: "icon.png", StaticContent: assets.Icon()})
	if err := registerTranslations(); err != nil {
		fyne.LogError("translations", err)
	}
	filedialog.UseSystemDialogs() // the system's open/save dialogs where there are any
	opener.UseSystem()            // files open in the system's programs; a failure is said
	a.Settings().SetTheme(kit.NewTheme(kit.BundledFonts(), a.Preferences().StringWithFallback(kit.PrefThemeVariant, kit.ThemeSystem)))
	w := a.NewWindow(lang.L("Pingce"))
	w.SetIcon(a.Icon())
	openWindowSized(a, w) // the last size, fitted to the screen
	w.SetMaster()

	// The database opens (and migrates) in the background: the window shows
	// at once with a note, then the shell takes its place.
	loading := widget.NewLabel(lang.L("Opening the database…"))
	w.SetContent(container.NewCenter(container.NewVBox(loading, widget.NewProgressBarInfinite())))
	var st *storage.Store // set on the UI goroutine, closed after the window
	failed := false
	go func() {
		walk.RemoveStaleTempFiles() // evidence opened by runs that did not quit cleanly
		s, err := openStore(context.Background(), env.DB, env.Getenv)
		if err != nil {
			err = fmt.Errorf("open database: %w", err)
		}
		fyne.Do(func() {
			if err != nil {
				failed = true
				showStartError(w, err)
				return
			}
			st = s
			startShell(a, w, s, explicitUser(env, fs))
		})
	}()
	w.ShowAndRun()
	if st != nil {
		st.Close()
	}
	if err := walk.RemoveTempFiles(); err != nil {
		// A viewer may still hold a file open (Windows); the next start removes it.
		fyne.LogError("temporary files", err)
	}
	if failed {
		return 1
	}
	return 0
}

// startShell puts the application shell on the store into the window.
// operator is the --user of the command line, if given.
func startShell(a fyne.App, w fyne.Window, st *storage.Store, operator string) {
	var shell *ui.UI
	// Where an assessment stands in its round by this database's ranking;
	// the score panel prefers what the last review package brought.
	rank := func(ctx context.Context, ws *domain.Workspace) (*domain.Standing, error) {
		return roundview.StandingOf(ctx, roundview.Source{Units: st, Catalogs: st, Assessments: st, Round: st, Rounds: st, Settings: st}, ws)
	}
	shell = ui.New(ui.Deps{
		App: a, Window: w,
		Units: st, Catalogs: st, Assessments: st, Evidence: st, Profiles: st, Reviews: st, Register: st,
		Builtins:         catalog.Builtins,
		LoadCatalog:      sheet.LoadCatalog, // YAML, the template, or an official .xlsx/.docx table
		WriteReport:      roundReport(st),   // with the round's figures (gui_shell.go)
		Round:            st,
		RoundDates:       st,
		RoundSettings:    st,
		WriteRound:       writeRound,
		WriteRegister:    writeRegister,
		WriteNotices:     writeNotices,
		UnprintableRound: unprintableRound,
		Unprintable:      unprintable,
		Operator:         operator,
		Database:         st.Path(),
		Exchange: &exchange.Services{Assessments: st, Answers: st, Audit: st, Evidence: st, Units: st, Profile: st, Tasks: st,
			Standing: rank, Store: st},
		Walk: func(ws *domain.Workspace, onBack func(), onExport func(*domain.Workspace)) screen.Screen {
			return walk.New(walk.Deps{App: a, Window: w, Assessments: st, Answers: st, Evidence: st, ConfirmCarried: st.ConfirmCarried, CreateTasks: st.CreateTasks,
				UnitTasks: func(ctx context.Context, unit int64) ([]domain.Task, error) {
					return st.ListTasks(ctx, domain.TaskFilter{UnitID: unit})
				},
				User: shell.User(), OnBack: onBack, OnExport: onExport, OnExportPackage: shell.PackageExporter(), Outputs: userfile.NewGuard(st.Path()),
				Standing: exchange.WithReceived(st.ReceivedStanding, rank)}, ws)
		},
	})
	shell.Start()
	startHarness(shell, w) // screenshots and probes: -tags probe only
}

// showStartError fills the window with what went wrong when the database
// cannot be opened.
func showStartError(w fyne.Window, err error) {
	head := widget.NewLabel(lang.L("Pingce cannot open its database. Check that the file is a Pingce database, that its drive is connected and that you may write to its folder, then start Pingce again."))
	head.Wrapping = fyne.TextWrapWord
	detail := widget.NewLabel(err.Error())
	detail.Wrapping = fyne.TextWrapWord
	detail.Selectable = true
	quit := widget.NewButton(lang.L("Quit"), w.Close)
	w.SetContent(container.NewPadded(container.NewVBox(head, detail, container.NewCenter(quit))))
}
