package opener

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/ui/uitest"
)

func TestMain(m *testing.M) {
	os.Setenv("LANGUAGE", "zh_CN")
	os.Setenv("LANG", "zh_CN.UTF-8")
	os.Setenv("LC_ALL", "zh_CN.UTF-8")
	if err := RegisterTranslations(); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// rig is an opener on a test window whose open calls are recorded and
// whose UI callbacks run when settle is called.
type rig struct {
	o      *Opener
	w      fyne.Window
	posted chan func()
	opened []string
	fail   map[string]bool
}

func newRig(t *testing.T, fail ...string) *rig {
	test.NewTempApp(t)
	r := &rig{posted: make(chan func(), 8), fail: map[string]bool{}}
	for _, f := range fail {
		r.fail[f] = true
	}
	r.w = test.NewTempWindow(t, nil)
	r.w.Resize(fyne.NewSize(900, 600))
	r.o = &Opener{Window: r.w, Post: func(f func()) { r.posted <- f },
		Open: func(_ context.Context, p string) error {
			r.opened = append(r.opened, p)
			if r.fail[p] {
				return errors.New("xdg-open: exit status 3")
			}
			return nil
		}}
	return r
}

func (r *rig) settle() { (<-r.posted)() }

// shows reports whether the dialog on top shows a label or button reading text.
func shows(w fyne.Window, text string) bool {
	_, label := uitest.Find(uitest.Top(w), func(l *widget.Label) bool { return l.Text == text })
	_, button := uitest.Find(uitest.Top(w), func(b *widget.Button) bool { return b.Text == text })
	return label || button
}

func TestOpenFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "评测报告.pdf")
	dir := filepath.Dir(file)
	t.Run("a file that opens says nothing", func(t *testing.T) {
		r := newRig(t)
		var got []error
		r.o.OpenFile(file, func(err error) { got = append(got, err) })
		r.settle()
		if len(got) != 1 || got[0] != nil || r.w.Canvas().Overlays().Top() != nil {
			t.Errorf("outcome %v, dialog %v", got, r.w.Canvas().Overlays().Top())
		}
	})
	t.Run("nothing opens the file: say so and offer the folder", func(t *testing.T) {
		r := newRig(t, file)
		var got []error
		r.o.OpenFile(file, func(err error) { got = append(got, err) })
		r.settle()
		if len(got) != 1 || got[0] == nil {
			t.Fatalf("outcome %v, want the error", got)
		}
		for _, want := range []string{"文件没有打开", file, "打开所在文件夹", "关闭",
			"这台电脑上没有程序能打开 评测报告.pdf。请安装能打开这类文件的程序，或打开所在文件夹，从那里打开。"} {
			if !shows(r.w, want) {
				t.Errorf("dialog lacks %q: %q", want, uitest.Text(uitest.Top(r.w)))
			}
		}
		test.Tap(uitest.Button(t, uitest.Top(r.w), "打开所在文件夹"))
		r.settle()
		if !slices.Equal(r.opened, []string{file, dir}) {
			t.Errorf("opened %q, want the file then its folder", r.opened)
		}
		if r.w.Canvas().Overlays().Top() != nil {
			t.Errorf("a dialog is left after the folder opened: %q", uitest.Text(uitest.Top(r.w)))
		}
	})
	t.Run("the folder does not open either: show its path", func(t *testing.T) {
		r := newRig(t, file, dir)
		r.o.OpenFile(file, nil)
		r.settle()
		test.Tap(uitest.Button(t, uitest.Top(r.w), "打开所在文件夹"))
		r.settle()
		if !shows(r.w, "没有文件管理器能打开这个文件夹。它在：") || !shows(r.w, dir) {
			t.Errorf("dialog %q lacks the folder's path", uitest.Text(uitest.Top(r.w)))
		}
	})
}

func TestTranslations(t *testing.T) {
	zh := uitest.LoadJSON(t, translations, "translations/zh_Hans.json")
	en := uitest.LoadJSON(t, translations, "translations/en.json")
	uitest.CheckTranslations(t, ".", zh)
	for _, k := range uitest.Keys(t, ".") {
		if en[k.Text] == "" {
			t.Errorf("%s: no en entry for %q", k.Pos, k.Text)
		}
	}
}
