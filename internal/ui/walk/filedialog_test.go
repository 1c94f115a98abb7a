package walk

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestAddFileThroughTheDialog: 添加文件… opens the file chooser (the Fyne
// one under tests), and the file typed into its path box is attached.
func TestAddFileThroughTheDialog(t *testing.T) {
	s, a := fixture(t)
	h := newHarness(t, s, s, a.ID)
	v := h.v
	path := filepath.Join(t.TempDir(), "会议纪要.pdf")
	if err := os.WriteFile(path, []byte("%PDF"), 0o600); err != nil {
		t.Fatal(err)
	}
	v.ShowItem("A1")
	test.Tap(v.pane.form.files.add)
	h.settle()
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no file dialog")
	}
	var box *widget.Entry
	walkObjects(top, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && box == nil {
			box = e
		}
	})
	if box == nil {
		t.Fatal("the dialog has no path box")
	}
	box.SetText(path)
	box.OnSubmitted(path)
	h.settle()
	mustEqual(t, "files", len(v.evidence["A1"]), 1)
	mustEqual(t, "name", v.evidence["A1"][0].Name, "会议纪要.pdf")
	if v.scores.pending("A1") {
		t.Error("A1 still pending with a file")
	}
}
