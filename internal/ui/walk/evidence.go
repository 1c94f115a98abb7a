package walk

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/filedialog"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/opener"
)

// evidenceList shows an item's evidence files with their buttons.
type evidenceList struct {
	v        *View
	itemID   string
	editable bool
	content  *fyne.Container
	rows     *fyne.Container
	add      *widget.Button
	empty    *widget.Label
	emptyBox fyne.CanvasObject // empty, in its colour
	hint     *widget.Label
	message  *widget.Label
	opens    []*widget.Button // one per file, in list order
	removes  []*widget.Button
}

func newEvidenceList(v *View, itemID string, editable bool) *evidenceList {
	l := &evidenceList{v: v, itemID: itemID, editable: editable}
	l.rows = container.NewVBox()
	l.empty = widget.NewLabel(lang.L("No files yet."))
	l.emptyBox = muted(l.empty)
	l.add = widget.NewButtonWithIcon(lang.L("Add file…"), theme.ContentAddIcon(), l.onAddTapped)
	l.hint = widget.NewLabel(lang.L("or drop files on the window"))
	l.message = problemLabel()
	bar := container.NewHBox(l.add, muted(l.hint))
	if !editable {
		l.add.Disable()
		bar.Hide()
	}
	l.content = container.NewVBox(l.emptyBox, l.rows, bar, l.message)
	l.refresh()
	return l
}

// refresh rebuilds the rows from the view's evidence list.
func (l *evidenceList) refresh() {
	files := l.v.evidence[l.itemID]
	l.opens, l.removes = nil, nil
	objs := make([]fyne.CanvasObject, 0, len(files))
	for _, e := range files {
		e := e
		name := widget.NewLabel(evidenceName(e)) // hidden characters shown, not obeyed
		name.Truncation = fyne.TextTruncateEllipsis
		info := widget.NewLabel(kit.FileSize(e.Size)) // the hash shows while pointed at (hashHover)
		open := widget.NewButtonWithIcon(lang.L("Open"), theme.FileIcon(), func() { l.v.openEvidence(e) })
		remove := widget.NewButtonWithIcon(lang.L("Remove"), theme.DeleteIcon(), func() { l.v.onRemoveEvidenceTapped(e) })
		if !l.editable {
			remove.Disable()
		}
		l.opens = append(l.opens, open)
		l.removes = append(l.removes, remove)
		objs = append(objs, l.hashHover(e, container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()),
			container.NewHBox(muted(info), open, remove), name)))
	}
	l.rows.Objects = objs
	l.rows.Refresh()
	if len(files) == 0 {
		l.emptyBox.Show()
	} else {
		l.emptyBox.Hide()
	}
}

// hashHover shows the file's SHA-256 in the status line while the mouse is
// over its row: a check sum is for the few who compare copies, not for
// every row to carry.
func (l *evidenceList) hashHover(e domain.Evidence, row fyne.CanvasObject) fyne.CanvasObject {
	var before string
	return newHoverBox(row, func() {
		before = l.v.bar.status.Text
		l.v.bar.setStatus(lang.L("{{.Name}} · {{.Size}} · SHA-256 {{.Hash}}",
			map[string]any{"Name": domain.QuoteText(e.Name), "Size": kit.FileSize(e.Size), "Hash": e.SHA256}))
	}, func() { l.v.bar.setStatus(before) })
}

func (l *evidenceList) onAddTapped() {
	opts := filedialog.Options{Mode: filedialog.OpenFiles, Confirm: lang.L("Attach")}
	filedialog.For(l.v.deps.Window).Show(opts, func(paths []string) {
		if len(paths) == 0 {
			return
		}
		uris := make([]fyne.URI, len(paths))
		for i, p := range paths {
			uris[i] = storage.NewFileURI(p)
		}
		l.v.addEvidence(l.itemID, uris)
	})
}

// HandleDrop attaches files dropped on the window to the item on screen.
func (v *View) HandleDrop(uris []fyne.URI) {
	if v.pane.form == nil || len(uris) == 0 {
		return
	}
	if v.readOnly {
		v.showMessage(lang.L("This assessment can no longer be changed, so files cannot be added."))
		return
	}
	if is, _ := v.scores.item(v.pane.form.item.ID); is.Status == domain.StatusExcluded {
		v.showMessage(lang.L("This item does not apply to your unit, so it takes no files."))
		return
	}
	v.pane.tabs.Select(v.pane.itemTab)
	v.addEvidence(v.pane.form.item.ID, uris)
}

// addEvidence reads and stores files in the background.
func (v *View) addEvidence(itemID string, uris []fyne.URI) {
	svc := v.deps.Evidence
	id := v.ws.Assessment.ID
	ctx := v.ctx()
	v.bar.setStatus(lang.L("Adding files…"))
	v.background(func() func() {
		var added []domain.Evidence
		var failed []string
		var lastErr error
		for _, u := range uris {
			e, err := addOne(ctx, svc, id, itemID, u)
			if err != nil {
				failed = append(failed, u.Name())
				lastErr = err
				continue
			}
			added = append(added, *e)
		}
		return func() { v.onEvidenceAdded(itemID, added, failed, lastErr) }
	})
}

// addOne stores one file; directories and unreadable files fail.
func addOne(ctx context.Context, svc domain.EvidenceService, id int64, itemID string, u fyne.URI) (*domain.Evidence, error) {
	if ok, _ := storage.CanList(u); ok {
		return nil, domain.Errorf(domain.EINVALID, "%s is a folder", u.Name())
	}
	r, err := storage.Reader(u)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return svc.AddEvidence(ctx, id, itemID, u.Name(), r)
}

func (v *View) onEvidenceAdded(itemID string, added []domain.Evidence, failed []string, err error) {
	if len(added) > 0 {
		v.setEvidence(itemID, append(append([]domain.Evidence(nil), v.evidence[itemID]...), added...))
		v.bar.setStatus(lang.L("Added {{.N}} file(s) to {{.Item}} at {{.Time}}",
			map[string]any{"N": len(added), "Item": itemID, "Time": v.now().Format("15:04:05")}))
	}
	if len(failed) > 0 {
		msg := lang.L("Could not add {{.Files}}: {{.Reason}}", map[string]any{
			"Files": strings.Join(failed, lang.L(", ")), "Reason": kit.ErrorText(err)})
		v.bar.setStatus(msg)
		v.showMessage(msg)
	}
}

// setEvidence replaces an item's file list and refreshes what depends on it.
func (v *View) setEvidence(itemID string, files []domain.Evidence) {
	v.evidence[itemID] = files
	if v.ws.Evidence == nil {
		v.ws.Evidence = make(map[string][]domain.Evidence)
	}
	v.ws.Evidence[itemID] = files
	// A file may be what the item still lacked: it may now be done.
	v.rescore()
	v.nav.refreshItem(itemID)
	v.bar.updateBlockers()
	if v.pane.form != nil && v.pane.form.item.ID == itemID {
		v.pane.form.files.refresh()
		v.pane.form.refreshPoints()
	}
	v.score.refresh()
}

// openEvidence writes the file to the process's temporary folder (see
// tempFiles) and opens it with the system's viewer.
func (v *View) openEvidence(e domain.Evidence) {
	if !domain.OpensSafely(e.Name) { // a program or script: the system would run it
		v.offerSave(e)
		return
	}
	svc := v.deps.Evidence
	ctx := v.ctx()
	v.bar.setStatus(lang.L("Opening {{.Name}}…", map[string]any{"Name": e.Name}))
	v.background(func() func() {
		path, err := evidenceTemp.write(ctx, svc, e)
		return func() {
			if err != nil {
				v.showMessage(lang.L("Could not open {{.Name}}: {{.Reason}}", map[string]any{"Name": e.Name, "Reason": kit.ErrorText(err)}))
				return
			}
			if v.deps.Window == nil {
				return
			}
			// When no program opens it, the opener says so and offers its folder.
			v.pending.Add(1)
			opener.For(v.deps.Window).OpenFile(path, func(err error) {
				defer v.pending.Add(-1)
				if err != nil {
					v.bar.setStatus(lang.L("Not opened"))
					return
				}
				v.bar.setStatus(lang.L("Opened {{.Name}}", map[string]any{"Name": e.Name}))
			})
		}
	})
}

// tempPrefix starts the name of the folders evidence is opened from.
const tempPrefix = "pingce-evidence-"

// tempStale is the age after which a folder left by an earlier run (one that
// crashed, or whose files a viewer still held open when it quit) is removed.
const tempStale = 12 * time.Hour

// tempFiles is the one folder of a process into which evidence files are
// written for the system's viewer. It is made on first use under root.
type tempFiles struct {
	root string
	mu   sync.Mutex
	dir  string
}

// evidenceTemp is the process's folder under the system's temporary folder.
var evidenceTemp = &tempFiles{}

// RemoveTempFiles removes the folder of the evidence files this process
// opened with the system's viewer. Call it when the application quits.
func RemoveTempFiles() error {
	return evidenceTemp.remove()
}

// RemoveStaleTempFiles removes folders of evidence files that earlier runs
// left behind (they are older than a few hours). Call it at start.
func RemoveStaleTempFiles() {
	evidenceTemp.removeStale(time.Now())
}

func (t *tempFiles) rootDir() string {
	if t.root != "" {
		return t.root
	}
	return os.TempDir()
}

// write writes an evidence file under its own name, in a sub-folder per
// file so that two files of the same name do not clash. A file written
// before is reused: stored files never change.
func (t *tempFiles) write(ctx context.Context, svc domain.EvidenceService, e domain.Evidence) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dir == "" {
		dir, err := os.MkdirTemp(t.rootDir(), tempPrefix)
		if err != nil {
			return "", err
		}
		t.dir = dir
	}
	name, err := domain.CleanFileName(e.Name) // names stored before they were cleaned
	if err != nil {
		name = "evidence" + domain.Extension(e.Name)
	}
	sub := filepath.Join(t.dir, strconv.FormatInt(e.ID, 10))
	path := filepath.Join(sub, name)
	if fi, err := os.Stat(path); err == nil && fi.Size() == e.Size {
		return path, nil
	}
	if err := os.MkdirAll(sub, 0o700); err != nil {
		return "", err
	}
	// Streamed from the store into the copy (never whole in memory).
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return "", err
	}
	err = domain.CopyEvidence(ctx, f, svc, e.ID)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return "", err
	}
	return path, nil
}

// remove deletes the process's folder; the next write makes a new one.
func (t *tempFiles) remove() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dir == "" {
		return nil
	}
	err := os.RemoveAll(t.dir)
	t.dir = ""
	return err
}

// removeStale deletes other runs' folders not touched for tempStale.
func (t *tempFiles) removeStale(now time.Time) {
	t.mu.Lock()
	own := t.dir
	t.mu.Unlock()
	root := t.rootDir()
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		path := filepath.Join(root, e.Name())
		if path == own {
			continue
		}
		if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > tempStale {
			_ = os.RemoveAll(path) // a file a viewer holds open stays until next time
		}
	}
}

func (v *View) onRemoveEvidenceTapped(e domain.Evidence) {
	d := dialog.NewCustomConfirm(lang.L("Remove file?"), lang.L("Remove"), lang.L("Keep"),
		sized(wrapped(lang.L("Remove {{.Name}} from this item? The file on your computer is not touched.", map[string]any{"Name": e.Name})), 420),
		func(ok bool) {
			if ok {
				v.removeEvidence(e)
			}
		}, v.deps.Window)
	d.Show()
}

// removeEvidence detaches a file in the background.
func (v *View) removeEvidence(e domain.Evidence) {
	svc := v.deps.Evidence
	ctx := v.ctx()
	v.background(func() func() {
		err := svc.RemoveEvidence(ctx, e.ID)
		return func() {
			if err != nil {
				v.showMessage(lang.L("Could not remove {{.Name}}: {{.Reason}}", map[string]any{"Name": e.Name, "Reason": kit.ErrorText(err)}))
				return
			}
			var keep []domain.Evidence
			for _, f := range v.evidence[e.ItemID] {
				if f.ID != e.ID {
					keep = append(keep, f)
				}
			}
			v.setEvidence(e.ItemID, keep)
			v.bar.setStatus(lang.L("Removed {{.Name}}", map[string]any{"Name": e.Name}))
		}
	})
}

// showMessage shows a sentence in a dialog with a localized button.
func (v *View) showMessage(text string) {
	if v.deps.Window == nil {
		return
	}
	dialog.NewCustom(lang.L("Pingce"), lang.L("Close"), sized(wrapped(text), 420), v.deps.Window).Show()
}

// evidenceName is the stored name of a file and, when it was stored
// cleaned, the name it was given, both escaped (domain.QuoteText).
func evidenceName(e domain.Evidence) string {
	if e.OriginalName == "" {
		return domain.QuoteText(e.Name)
	}
	return lang.L("{{.Name}} (given as {{.Original}})",
		map[string]any{"Name": domain.QuoteText(e.Name), "Original": domain.QuoteText(e.OriginalName)})
}
