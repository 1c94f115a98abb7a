package walk

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
	"pingce/internal/ui/filedialog"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/opener"
)

func TestMain(m *testing.M) {
	// The view is tested in Chinese, the language of its users; Linux picks
	// the language from these variables.
	os.Setenv("LANGUAGE", "zh_CN")
	os.Setenv("LANG", "zh_CN.UTF-8")
	os.Setenv("LC_ALL", "zh_CN.UTF-8")
	if err := RegisterTranslations(); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// bundledFonts are the fonts the application gives its theme.
var bundledFonts = kit.BundledFonts()

// harness is a view on the test driver. UI callbacks of background work are
// queued and run on the test goroutine by settle, as the real driver runs
// them on its UI goroutine.
type harness struct {
	t      *testing.T
	v      *View
	w      fyne.Window
	app    fyne.App
	posted chan func()
	backs  int
	export []*domain.Workspace
}

// newHarness opens the assessment from svc and shows it in a test window.
func newHarness(t *testing.T, as domain.AssessmentService, ev domain.EvidenceService, id int64) *harness {
	t.Helper()
	ws, err := as.OpenAssessment(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return newHarnessWS(t, as, ev, ws)
}

func newHarnessWS(t *testing.T, as domain.AssessmentService, ev domain.EvidenceService, ws *domain.Workspace) *harness {
	t.Helper()
	return newHarnessWSDeps(t, as, ev, ws, nil)
}

// newHarnessWSDeps is newHarnessWS with the view's dependencies changed by
// change (nil: none) before the view is built.
func newHarnessWSDeps(t *testing.T, as domain.AssessmentService, ev domain.EvidenceService, ws *domain.Workspace, change func(*Deps)) *harness {
	t.Helper()
	h := &harness{t: t, posted: make(chan func(), 1024)}
	h.app = test.NewTempApp(t)
	h.app.Settings().SetTheme(kit.NewTheme(bundledFonts, "light"))
	h.w = test.NewTempWindow(t, nil)
	deps := Deps{
		App: h.app, Window: h.w, Assessments: as, Answers: as.(domain.AnswerService), Evidence: ev, User: domain.User{Name: "张三", Roles: domain.Roles},
		OnBack:   func() { h.backs++ },
		OnExport: func(ws *domain.Workspace) { h.export = append(h.export, ws) },
	}
	if change != nil {
		change(&deps)
	}
	h.v = New(deps, ws)
	h.v.post = func(f func()) { h.posted <- f }
	filedialog.For(h.w).Post = func(f func()) { h.posted <- f }
	opener.For(h.w).Post = func(f func()) { h.posted <- f }
	h.v.saves.Delay = 5 * time.Millisecond
	h.w.SetContent(h.v.Content())
	h.w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() { h.settle() })
	return h
}

// settle runs queued UI callbacks until no background work is left.
func (h *harness) settle() {
	h.t.Helper()
	deadline := time.After(20 * time.Second)
	for h.v.Busy() {
		select {
		case f := <-h.posted:
			f()
		case <-deadline:
			h.t.Fatal("background work did not finish")
		}
	}
}

// shot writes the window to a PNG under $PINGCE_SHOTS (when set) to look at.
func (h *harness) shot(name string) {
	dir := os.Getenv("PINGCE_SHOTS")
	if dir == "" {
		return
	}
	img := h.w.Canvas().Capture()
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		h.t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		h.t.Fatal(err)
	}
}

// fixture returns a store holding storagetest's catalog and a draft of a 分县局.
func fixture(t *testing.T) (*storage.Store, *domain.Assessment) {
	s := storagetest.Open(t)
	return s, storagetest.Fixture(t, s)
}

// overlayButton finds a button with the given text in the top overlay (a dialog).
func (h *harness) overlayButton(text string) *widget.Button {
	h.t.Helper()
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		h.t.Fatalf("no dialog shows; wanted a %q button", text)
	}
	var found *widget.Button
	walkObjects(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		h.t.Fatalf("the dialog has no %q button; it shows %q", text, overlayText(top))
	}
	return found
}

// overlayText returns the text of every label in the top overlay.
func (h *harness) overlayText() string {
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return overlayText(top)
}

func overlayText(o fyne.CanvasObject) string {
	var parts []string
	walkObjects(o, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			parts = append(parts, x.Text)
		case *widget.Button:
			parts = append(parts, "["+x.Text+"]")
		}
	})
	return strings.Join(parts, " | ")
}

// walkObjects visits o and everything inside it, widgets' renderers included.
func walkObjects(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, f)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		if r == nil {
			return
		}
		for _, c := range r.Objects() {
			walkObjects(c, f)
		}
	}
}

// closeOverlays removes every dialog.
func (h *harness) closeOverlays() {
	for h.w.Canvas().Overlays().Top() != nil {
		h.w.Canvas().Overlays().Remove(h.w.Canvas().Overlays().Top())
	}
}

func mustEqual[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func mustContain(t *testing.T, what, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Errorf("%s = %q, want it to contain %q", what, got, want)
	}
}

var _ = fmt.Sprint
