package export

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/ui/opener"
	"pingce/internal/ui/uitest"
)

// TestOpenReportWithoutViewer: 打开 PDF with no program for PDF files says
// so and offers the folder, instead of doing nothing (issue 11 #9).
func TestOpenReportWithoutViewer(t *testing.T) {
	h := newHarness(t)
	c, err := catalog.Builtin("demo-city-ref")
	if err != nil {
		t.Fatal(err)
	}
	id := uitest.Seed(t, h.store, c, domain.Unit{Name: "某某区公安分局", Type: "分县局"}, "2026-Q3", domain.Draft, 2)
	ws, _ := h.store.OpenAssessment(context.Background(), id)
	dir := t.TempDir()
	e := Show(h.deps, ws)
	e.pdf.SetChecked(true)
	e.xlsx.SetChecked(false)
	e.folder.SetText(dir)
	e.name.SetText("r")
	h.tap(e.exportButton)
	h.tasks.Wait()

	posted := make(chan func(), 4)
	var opened []string
	o := opener.For(h.w)
	o.Post = func(f func()) { posted <- f }
	o.Open = func(_ context.Context, p string) error {
		opened = append(opened, p)
		if strings.HasSuffix(p, ".pdf") {
			return errors.New("xdg-open: exit status 3")
		}
		return nil
	}
	test.Tap(uitest.Button(t, uitest.Top(h.w), lang.L("Open {{.Name}}", map[string]any{"Name": "PDF"})))
	(<-posted)()
	top := uitest.Top(h.w)
	if !strings.Contains(uitest.Text(top), lang.L("The file did not open")) {
		t.Fatalf("no word that the file did not open: %q", uitest.Text(top))
	}
	test.Tap(uitest.Button(t, top, lang.L("Show in folder")))
	(<-posted)()
	want := []string{filepath.Join(dir, "r.pdf"), dir}
	if len(opened) != 2 || opened[0] != want[0] || opened[1] != want[1] {
		t.Errorf("opened %q, want %q", opened, want)
	}
}
