package filedialog

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/ui/uitest"
)

func TestMain(m *testing.M) {
	// Tested in Chinese, the language of the users.
	os.Setenv("LANGUAGE", "zh_CN")
	os.Setenv("LANG", "zh_CN.UTF-8")
	os.Setenv("LC_ALL", "zh_CN.UTF-8")
	if err := RegisterTranslations(); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// rig is a chooser on a test window whose background work is run by settle.
type rig struct {
	t      *testing.T
	c      *Chooser
	w      fyne.Window
	posted chan func()
	got    [][]string
	calls  int
}

func newRig(t *testing.T, native Native) *rig {
	t.Helper()
	test.NewTempApp(t)
	r := &rig{t: t, posted: make(chan func(), 64)}
	r.w = test.NewTempWindow(t, nil)
	r.w.Resize(fyne.NewSize(1024, 700))
	r.c = &Chooser{Window: r.w, Native: native, Post: func(f func()) { r.posted <- f }}
	return r
}

// show opens a dialog and waits for its first listing.
func (r *rig) show(opts Options) *browser {
	r.t.Helper()
	r.c.Show(opts, func(p []string) { r.calls++; r.got = append(r.got, p) })
	r.settle()
	return r.c.browser
}

// settle runs posted UI work until a listing has landed.
func (r *rig) settle() {
	r.t.Helper()
	for {
		select {
		case f := <-r.posted:
			f()
		default:
			if b := r.c.browser; b != nil && b.status.Text == "正在读取文件夹…" {
				f := <-r.posted
				f()
				continue
			}
			return
		}
	}
}

// names returns the names the browser lists.
func names(b *browser) []string {
	var out []string
	for _, e := range b.entries {
		out = append(out, e.name)
	}
	return out
}

// tree makes files and folders under a temporary folder.
func tree(t *testing.T, paths ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, p := range paths {
		full := filepath.Join(root, filepath.FromSlash(p))
		if strings.HasSuffix(p, "/") {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

var yamlFilter = &Filter{Name: "YAML 文件", Extensions: []string{".yaml", ".yml"}}

func TestBrowserLists(t *testing.T) {
	root := tree(t, "b.YAML", "a.yml", "notes.txt", ".hidden.yaml", "Zeta/", "alpha/", "alpha/inner.yaml")
	cases := []struct {
		name string
		opts Options
		want []string
	}{
		{"folders first, then the filter's files by name", Options{Mode: OpenFile, Filter: yamlFilter}, []string{"alpha", "Zeta", "a.yml", "b.YAML"}},
		{"no filter shows every file", Options{Mode: OpenFiles}, []string{"alpha", "Zeta", "a.yml", "b.YAML", "notes.txt"}},
		{"a folder dialog shows folders only", Options{Mode: Folder, Filter: yamlFilter}, []string{"alpha", "Zeta"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, nil)
			tc.opts.Location = root
			b := r.show(tc.opts)
			if b == nil {
				t.Fatal("no dialog shown")
			}
			if got := names(b); !slices.Equal(got, tc.want) {
				t.Errorf("listed %q, want %q", got, tc.want)
			}
			if b.path.Text != root {
				t.Errorf("path box %q, want %q", b.path.Text, root)
			}
		})
	}
}

func TestBrowserOpenFile(t *testing.T) {
	root := tree(t, "sub/inner.yaml", "top.yaml")
	t.Run("open a folder by clicking it, then a file", func(t *testing.T) {
		r := newRig(t, nil)
		b := r.show(Options{Mode: OpenFile, Filter: yamlFilter, Location: root})
		if !b.ok.Disabled() {
			t.Error("the open button is enabled before a file is chosen")
		}
		b.list.Select(0) // sub
		r.settle()
		if b.dir != filepath.Join(root, "sub") || !slices.Equal(names(b), []string{"inner.yaml"}) {
			t.Fatalf("after clicking sub: in %q listing %q", b.dir, names(b))
		}
		b.list.Select(0)
		if b.name.Text != "inner.yaml" || b.ok.Disabled() {
			t.Fatalf("name box %q, button disabled %v", b.name.Text, b.ok.Disabled())
		}
		test.Tap(b.ok)
		want := filepath.Join(root, "sub", "inner.yaml")
		if r.calls != 1 || len(r.got[0]) != 1 || r.got[0][0] != want {
			t.Errorf("done got %q (%d calls), want %q", r.got, r.calls, want)
		}
		if r.c.last != filepath.Join(root, "sub") {
			t.Errorf("remembered folder %q", r.c.last)
		}
	})
	t.Run("the up button goes to the parent", func(t *testing.T) {
		r := newRig(t, nil)
		b := r.show(Options{Mode: OpenFile, Location: filepath.Join(root, "sub")})
		test.Tap(b.up)
		r.settle()
		if b.dir != root {
			t.Errorf("after up: %q, want %q", b.dir, root)
		}
	})
	t.Run("a path typed in the path box", func(t *testing.T) {
		r := newRig(t, nil)
		b := r.show(Options{Mode: OpenFile, Location: root})
		b.path.SetText(filepath.Join(root, "sub"))
		b.path.OnSubmitted(b.path.Text)
		r.settle()
		if b.dir != filepath.Join(root, "sub") {
			t.Fatalf("typed folder: in %q", b.dir)
		}
		b.path.SetText(filepath.Join(root, "nothing-here"))
		b.path.OnSubmitted(b.path.Text)
		if !strings.Contains(b.status.Text, "没有文件夹或文件") || r.calls != 0 {
			t.Errorf("a missing path: status %q, calls %d", b.status.Text, r.calls)
		}
		b.path.SetText(filepath.Join(root, "top.yaml"))
		b.path.OnSubmitted(b.path.Text)
		if r.calls != 1 || r.got[0][0] != filepath.Join(root, "top.yaml") {
			t.Errorf("typed file: %q", r.got)
		}
	})
	t.Run("a name typed that does not exist is refused", func(t *testing.T) {
		r := newRig(t, nil)
		b := r.show(Options{Mode: OpenFile, Location: root})
		test.Type(b.name, "missing.yaml")
		test.Tap(b.ok)
		if r.calls != 0 || !strings.Contains(b.status.Text, "missing.yaml") {
			t.Errorf("calls %d, status %q", r.calls, b.status.Text)
		}
	})
	t.Run("cancel reports nothing chosen", func(t *testing.T) {
		r := newRig(t, nil)
		b := r.show(Options{Mode: OpenFile, Location: root})
		test.Tap(b.cancel)
		if r.calls != 1 || r.got[0] != nil {
			t.Errorf("cancel: %d calls, %q", r.calls, r.got)
		}
		if r.c.showing {
			t.Error("the chooser still thinks a dialog is open")
		}
	})
}

func TestBrowserOpenFiles(t *testing.T) {
	root := tree(t, "a.jpg", "b.pdf", "c.doc")
	r := newRig(t, nil)
	b := r.show(Options{Mode: OpenFiles, Location: root})
	b.list.Select(0)
	b.list.Select(2)
	b.list.Select(1)
	b.list.Select(1) // a second click takes b.pdf back out
	if !strings.Contains(b.status.Text, "已选 2 个") {
		t.Errorf("status %q", b.status.Text)
	}
	test.Tap(b.ok)
	want := []string{filepath.Join(root, "a.jpg"), filepath.Join(root, "c.doc")}
	if r.calls != 1 || !slices.Equal(r.got[0], want) {
		t.Errorf("got %q, want %q", r.got, want)
	}
}

func TestBrowserFolder(t *testing.T) {
	root := tree(t, "out/", "file.txt")
	r := newRig(t, nil)
	b := r.show(Options{Mode: Folder, Location: root})
	if b.ok.Disabled() {
		t.Fatal("choose is disabled in a listed folder")
	}
	b.list.Select(0)
	r.settle()
	test.Tap(b.ok)
	if r.calls != 1 || !slices.Equal(r.got[0], []string{filepath.Join(root, "out")}) {
		t.Errorf("got %q", r.got)
	}
}

func TestBrowserSave(t *testing.T) {
	root := tree(t, "old.yaml")
	t.Run("the filter's extension is added", func(t *testing.T) {
		r := newRig(t, nil)
		b := r.show(Options{Mode: SaveFile, Location: root, FileName: "new", Filter: yamlFilter})
		test.Tap(b.ok)
		if r.calls != 1 || r.got[0][0] != filepath.Join(root, "new.yaml") {
			t.Errorf("got %q", r.got)
		}
	})
	t.Run("replacing a file asks first", func(t *testing.T) {
		r := newRig(t, nil)
		b := r.show(Options{Mode: SaveFile, Location: root, FileName: "old.yaml", Filter: yamlFilter})
		test.Tap(b.ok)
		if r.calls != 0 {
			t.Fatalf("replaced without asking: %q", r.got)
		}
		if !shows(r.w.Canvas(), "old.yaml 已存在。要替换它吗？") {
			t.Fatal("no replace question")
		}
		test.Tap(button(t, r.w.Canvas(), "替换"))
		if r.calls != 1 || r.got[0][0] != filepath.Join(root, "old.yaml") {
			t.Errorf("got %q", r.got)
		}
	})
}

func TestBrowserChinese(t *testing.T) {
	r := newRig(t, nil)
	b := r.show(Options{Mode: OpenFile, Location: t.TempDir()})
	var spots []string
	for _, p := range b.spots {
		spots = append(spots, p.Name)
	}
	if len(spots) == 0 || spots[0] != "主目录" {
		t.Errorf("places %q: home is not 主目录", spots)
	}
	for _, english := range []string{"Home", "Computer", "Desktop", "Documents", "Downloads"} {
		if slices.Contains(spots, english) {
			t.Errorf("places %q: %q is English", spots, english)
		}
	}
	for _, want := range []string{"选择文件", "打开", "取消", "文件名"} {
		if !shows(r.w.Canvas(), want) {
			t.Errorf("%q is not shown", want)
		}
	}
}

func TestDialogSize(t *testing.T) {
	cases := []struct {
		name string
		win  fyne.Size
	}{
		{"small window", fyne.NewSize(800, 560)},
		{"1024×768 screen", fyne.NewSize(1024, 740)},
		{"large window", fyne.NewSize(1920, 1080)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := dialogSize(tc.win)
			if got.Width > tc.win.Width || got.Height > tc.win.Height {
				t.Errorf("dialog %v is larger than the window %v", got, tc.win)
			}
			if got.Width < min(tc.win.Width*0.8, 900) || got.Height < min(tc.win.Height*0.8, 600) {
				t.Errorf("dialog %v is small in a window of %v", got, tc.win)
			}
		})
	}
}

// fakeNative answers like a system dialog.
type fakeNative struct {
	paths []string
	err   error
	asked []Options
}

func (f *fakeNative) Choose(_ context.Context, opts Options, _ any) ([]string, error) {
	f.asked = append(f.asked, opts)
	return f.paths, f.err
}

func TestChooserNative(t *testing.T) {
	root := tree(t, "a.yaml")
	cases := []struct {
		name        string
		native      *fakeNative
		wantBrowser bool
		want        []string
	}{
		{"the system dialog's choice is used", &fakeNative{paths: []string{filepath.Join(root, "a.yaml")}}, false, []string{filepath.Join(root, "a.yaml")}},
		{"cancel in the system dialog", &fakeNative{}, false, nil},
		{"no system dialog: the Fyne one", &fakeNative{err: ErrUnavailable}, true, nil},
		{"a failing system dialog: the Fyne one", &fakeNative{err: errors.New("exit status 255")}, true, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, tc.native)
			r.c.Show(Options{Mode: OpenFile, Location: root}, func(p []string) { r.calls++; r.got = append(r.got, p) })
			r.c.Show(Options{Mode: OpenFile}, func([]string) { t.Error("a second dialog while one is open") })
			f := <-r.posted
			f()
			r.settle()
			if len(tc.native.asked) != 1 || tc.native.asked[0].Location != root {
				t.Fatalf("native asked %d times: %+v", len(tc.native.asked), tc.native.asked)
			}
			if got := r.c.browser != nil; got != tc.wantBrowser {
				t.Fatalf("Fyne dialog shown %v, want %v", got, tc.wantBrowser)
			}
			if tc.wantBrowser {
				if r.calls != 0 {
					t.Errorf("done called before the Fyne dialog answered")
				}
				return
			}
			if r.calls != 1 || !slices.Equal(r.got[0], tc.want) {
				t.Errorf("done got %q (%d calls), want %q", r.got, r.calls, tc.want)
			}
		})
	}
}

func TestParseUserDirs(t *testing.T) {
	in := `# written by xdg-user-dirs-update
XDG_DESKTOP_DIR="$HOME/桌面"
XDG_DOWNLOAD_DIR="$HOME/下载"
XDG_DOCUMENTS_DIR="/data/文档"
XDG_MUSIC_DIR="$HOME"
XDG_VIDEOS_DIR=relative
BROKEN
XDG_PICTURES_DIR="$HOME/图片
`
	got := parseUserDirs(strings.NewReader(in), "/home/张三")
	want := map[string]string{
		"DESKTOP":   "/home/张三/桌面",
		"DOWNLOAD":  "/home/张三/下载",
		"DOCUMENTS": "/data/文档",
		"MUSIC":     "/home/张三",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func FuzzParseUserDirs(f *testing.F) {
	f.Add("XDG_DESKTOP_DIR=\"$HOME/桌面\"\n")
	f.Add("XDG_X_DIR=\"/a/../b\"\n#c\n=\n\"\"")
	f.Fuzz(func(t *testing.T, s string) {
		for k, v := range parseUserDirs(strings.NewReader(s), "/home/u") {
			if k == "" || !filepath.IsAbs(v) {
				t.Errorf("%q → %q", k, v)
			}
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

func BenchmarkReadDir(b *testing.B) {
	dir := b.TempDir()
	for i := range 5000 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("证据-%05d.jpg", i)), nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		if _, err := readDir(dir, Options{Mode: OpenFiles}); err != nil {
			b.Fatal(err)
		}
	}
}

// shows reports whether a label or button on the canvas reads text.
func shows(c fyne.Canvas, text string) bool {
	for _, root := range append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...) {
		_, label := uitest.Find(root, func(l *widget.Label) bool { return l.Text == text })
		_, button := uitest.Find(root, func(b *widget.Button) bool { return b.Text == text })
		if label || button {
			return true
		}
	}
	return false
}

// button returns the button labelled text on the dialog on top.
func button(t *testing.T, c fyne.Canvas, text string) *widget.Button {
	t.Helper()
	return uitest.Button(t, c.Overlays().Top(), text)
}

func TestFor(t *testing.T) {
	test.NewTempApp(t)
	w1, w2 := test.NewTempWindow(t, nil), test.NewTempWindow(t, nil)
	first := For(w1)
	first.last = "/somewhere"
	if again := For(w1); again != first || again.last != "/somewhere" || For(w2) == first {
		t.Error("For does not keep one chooser per window")
	}
	if For(w1).Native != nil {
		t.Error("a chooser uses the system's dialogs before UseSystemDialogs")
	}
}

// TestHomeKeyOfItsOwn: the shell's "Home" button (首页) and the dialog's
// home folder (主目录) must not share a translation key, or whichever is
// registered last names both.
func TestHomeKeyOfItsOwn(t *testing.T) {
	if err := lang.AddTranslationsForLocale([]byte(`{"Home": "首页"}`), "zh_Hans"); err != nil {
		t.Fatal(err)
	}
	if got := places()[0].Name; got != "主目录" {
		t.Errorf("home folder named %q, want 主目录", got)
	}
}

func TestChain(t *testing.T) {
	a := &fakeNative{err: ErrUnavailable}
	b := &fakeNative{paths: []string{"/b"}}
	c := &fakeNative{paths: []string{"/c"}}
	got, err := chain{a, b, c}.Choose(context.Background(), Options{}, nil)
	if err != nil || !slices.Equal(got, []string{"/b"}) || len(c.asked) != 0 {
		t.Errorf("got %q %v; c asked %d times", got, err, len(c.asked))
	}
	if _, err := (chain{a}).Choose(context.Background(), Options{}, nil); !errors.Is(err, ErrUnavailable) {
		t.Errorf("all unavailable: %v", err)
	}
	failing := &fakeNative{err: errors.New("exit status 255")}
	if _, err := (chain{failing, c}).Choose(context.Background(), Options{}, nil); err == nil || len(c.asked) != 0 {
		t.Error("a failing dialog is passed over instead of reported (the chooser then shows its own)")
	}
}

func TestPlacesFindChineseFolders(t *testing.T) {
	home := tree(t, "桌面/", "Documents/")
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "no-config"))
	var got []string
	for _, p := range places() {
		got = append(got, p.Name+"="+strings.TrimPrefix(p.Path, home))
	}
	for _, want := range []string{"主目录=", "桌面=/桌面", "文档=/Documents"} {
		if !slices.Contains(got, want) {
			t.Errorf("places %q lack %q", got, want)
		}
	}
	if slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "下载") }) {
		t.Errorf("places %q list a downloads folder that does not exist", got)
	}
}
