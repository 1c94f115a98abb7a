package overview

import (
	"bytes"
	"context"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/report/pdf"
	"pingce/internal/report/xlsx"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/uitest"
	"pingce/internal/userfile"
)

// nan marks an unanswered item in the fixture's points.
var nan = math.NaN()

// fixture is a bureau of five 分县局 and three 派出所 over two rounds:
//
//	2026-Q1: A 40, C 35, B 30 (分县局, all submitted)
//	2026-Q2: A 35 submitted, B approved 40 → 核定 35 (a tie with A), C 30
//	         submitted, D a draft, E returned; 派出所 P1 38 submitted,
//	         P2 36 approved, P3 not started
func fixture() (*fakeStore, map[string]domain.Unit) {
	f := &fakeStore{catalog: testCatalog()}
	u := map[string]domain.Unit{}
	for i, n := range []string{"A", "B", "C", "D", "E", "P1", "P2", "P3"} {
		t := "分县局"
		if strings.HasPrefix(n, "P") {
			t = "派出所"
		}
		u[n] = domain.Unit{ID: int64(i + 1), Name: n, Type: t}
		f.units = append(f.units, u[n])
	}
	f.add(u["A"], "2026-Q1", domain.Submitted, []float64{10, 10, 10, 10}, nil)
	f.add(u["B"], "2026-Q1", domain.Submitted, []float64{10, 10, 5, 5}, nil)
	f.add(u["C"], "2026-Q1", domain.Submitted, []float64{10, 10, 10, 5}, nil)
	f.add(u["A"], "2026-Q2", domain.Submitted, []float64{10, 10, 10, 5}, nil)
	f.add(u["B"], "2026-Q2", domain.Approved, []float64{10, 10, 10, 10}, []float64{10, 10, 5, 10})
	f.add(u["C"], "2026-Q2", domain.Submitted, []float64{10, 10, 5, 5}, nil)
	f.add(u["D"], "2026-Q2", domain.Draft, []float64{10, nan, nan, nan}, nil)
	f.add(u["E"], "2026-Q2", domain.Returned, []float64{5, 5, 5, 5}, nil)
	f.add(u["P1"], "2026-Q2", domain.Submitted, []float64{10, 10, 8, 10}, nil)
	f.add(u["P2"], "2026-Q2", domain.Approved, []float64{10, 8, 8, 10}, nil)
	return f.sorted(), u
}

// opened is an overview on a test window with what its callbacks got.
type opened struct {
	o      *Overview
	tasks  *kit.Tasks
	w      fyne.Window
	opened []string // "assessment/item" of each OnOpenItem
}

func open(t testing.TB, src Source, write func(context.Context, *report.RoundDocument, string, io.Writer) error) *opened {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("overview")
	w.Resize(fyne.NewSize(1200, 800))
	op := &opened{w: w}
	op.tasks = &kit.Tasks{OnError: func(err error) { t.Errorf("background work: %v", err) }}
	// As on the UI goroutine: the load's completion waits (the test driver
	// runs it on the worker's goroutine).
	op.tasks.Interact(func() {
		op.o = New(Deps{App: a, Window: w, Tasks: op.tasks, Source: src, WriteRound: write, Outputs: userfile.NewGuard(""),
			OnOpenItem: func(id int64, item string) {
				op.opened = append(op.opened, strings.Join([]string{itoa(id), item}, "/"))
			}})
		w.SetContent(op.o.Content())
	})
	op.tasks.Wait()
	return op
}

// do performs a scripted action as on the UI goroutine: completions of
// background work wait (the test driver runs them on their own goroutines).
func (op *opened) do(action, arg string) (err error) {
	op.tasks.Interact(func() { err = op.o.Do(action, arg) })
	return err
}

// tap taps a widget as on the UI goroutine.
func (op *opened) tap(t fyne.Tappable) { op.tasks.Interact(func() { test.Tap(t) }) }

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// column returns the texts of a column of the ranking table, group
// headings as "[name]".
func (op *opened) column(col int) []string {
	var out []string
	for _, l := range op.o.ranking.rows {
		if l.row == nil {
			out = append(out, "["+groupName(l.group)+"]")
			continue
		}
		out = append(out, rankText(l.row, col))
	}
	return out
}

// cell returns the text a table shows in a cell, through its own template
// and update function.
func cell(tb *widget.Table, id widget.TableCellID) string {
	c := tb.CreateCell()
	tb.UpdateCell(id, c)
	return cellText(c).Text
}

func TestRanking(t *testing.T) {
	f, _ := fixture()
	op := open(t, f.source(), nil)
	o := op.o
	if o.Data() == nil || o.Data().Round != "2026-Q2" {
		t.Fatalf("loaded %+v, want the newest round 2026-Q2", o.Data())
	}
	tests := []struct {
		name string
		col  int
		want []string
	}{
		{"groups in the catalog's order, ties share a rank, unranked last", 0, []string{"[分县局]", "1", "1", "3", "—", "—", "[派出所]", "1", "2", "—"}},
		{"units by score, names break ties, unranked by status", 1, []string{"[分县局]", "A", "B", "C", "E", "D", "[派出所]", "P1", "P2", "P3"}},
		{"status", 2, []string{"[分县局]", "Submitted", "Approved", "Submitted", "Returned", "In progress", "[派出所]", "Submitted", "Approved", "Not started"}},
		{"the 核定 score where approved", 3, []string{"[分县局]", "35", "35", "30", "20", "10", "[派出所]", "38", "36", ""}},
		{"basis", 4, []string{"[分县局]", "Self", "Reviewed", "Self", "Self", "Self", "[派出所]", "Self", "Reviewed", ""}},
		{"gap above, none among the first", 7, []string{"[分县局]", "", "", "5", "", "", "[派出所]", "", "2", ""}},
		{"change since 2026-Q1", 9, []string{"[分县局]", "—", "↑2", "↓1", "", "", "[派出所]", "", "", ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := op.column(tc.col); !slices.Equal(got, tc.want) {
				t.Errorf("column %d = %q, want %q", tc.col, got, tc.want)
			}
		})
	}
	t.Run("the table shows the rows", func(t *testing.T) {
		if got := cell(o.ranking.table, widget.TableCellID{Row: 2, Col: 1}); got != "B" {
			t.Errorf("row 2 unit = %q, want B", got)
		}
		if got := cell(o.ranking.table, widget.TableCellID{Row: 0, Col: 1}); got != "分县局" {
			t.Errorf("row 0 = %q, want the group heading 分县局", got)
		}
	})
	t.Run("status line counts", func(t *testing.T) {
		if s := o.status.Text; !strings.Contains(s, "5 of 8 units ranked") {
			t.Errorf("status %q, want 5 of 8 units ranked", s)
		}
	})
}

func TestApprovedOnly(t *testing.T) {
	f, _ := fixture()
	op := open(t, f.source(), nil)
	if err := op.do("approved-only", "true"); err != nil {
		t.Fatal(err)
	}
	want := []string{"[分县局]", "1", "—", "—", "—", "—", "[派出所]", "1", "—", "—"}
	if got := op.column(0); !slices.Equal(got, want) {
		t.Errorf("approved only: ranks %q, want %q", got, want)
	}
	if got := op.column(1)[1]; got != "B" {
		t.Errorf("approved only: first of 分县局 is %q, want B", got)
	}
	op.do("approved-only", "false")
	if got := op.column(0)[2]; got != "1" {
		t.Errorf("switched back: B ranks %q, want 1", got)
	}
}

func TestMatrix(t *testing.T) {
	f, u := fixture()
	op := open(t, f.source(), nil)
	o := op.o
	idOf := func(unit string) string {
		for _, r := range f.results["2026-Q2"] {
			if r.Unit.ID == u[unit].ID {
				return itoa(r.AssessmentID)
			}
		}
		return "?"
	}
	t.Run("rows in ranking order", func(t *testing.T) {
		var names []string
		for _, r := range o.matrix.m.Rows {
			names = append(names, r.Unit.Name)
		}
		if want := []string{"A", "B", "C", "E", "D", "P1", "P2"}; !slices.Equal(names, want) {
			t.Errorf("matrix rows %q, want %q", names, want)
		}
	})
	t.Run("category cells", func(t *testing.T) {
		// B is approved: 核定 C2 = 5+10 of 20.
		if got := cell(o.matrix.table, widget.TableCellID{Row: 1, Col: matrixFixed + 1}); got != "75%" {
			t.Errorf("B C2 = %q, want 75%%", got)
		}
	})
	t.Run("item cells, n/a as a dash", func(t *testing.T) {
		op.do("matrix-items", "true")
		if r, c := o.matrix.size(); r != 7 || c != matrixFixed+4 {
			t.Fatalf("items matrix %d×%d, want 7×%d", r, c, matrixFixed+4)
		}
		if got := cell(o.matrix.table, widget.TableCellID{Row: 4, Col: matrixFixed + 1}); got != "—" {
			t.Errorf("D's unanswered 1.2 = %q, want —", got)
		}
		if got := cell(o.matrix.table, widget.TableCellID{Row: 0, Col: matrixFixed + 3}); got != "50%" {
			t.Errorf("A 2.2 = %q, want 50%%", got)
		}
	})
	t.Run("a cell click opens the unit's item", func(t *testing.T) {
		op.opened = nil
		op.do("cell", "2,5") // C, item 2.2
		op.do("matrix-items", "false")
		op.do("cell", "5,3") // P1, category C2 → its first item 2.1
		want := []string{idOf("C") + "/2.2", idOf("P1") + "/2.1"}
		if !slices.Equal(op.opened, want) {
			t.Errorf("opened %q, want %q", op.opened, want)
		}
	})
	t.Run("common losses of the ranked units", func(t *testing.T) {
		var got []string
		for _, l := range o.matrix.losses {
			got = append(got, l.Item.ID+":"+itoa(int64(l.Losing)))
		}
		// Ranked: A(…,5) B(核定 …,5,…) C(…,5,5) P1(…,8,…) P2(…,8,8,…).
		want := []string{"2.1:4", "2.2:2", "1.2:1"}
		if !slices.Equal(got, want) {
			t.Errorf("common losses %q, want %q", got, want)
		}
	})
}

func TestTrendAndCompare(t *testing.T) {
	f, _ := fixture()
	op := open(t, f.source(), nil)
	o := op.o
	if err := op.do("unit", "A"); err != nil {
		t.Fatal(err)
	}
	op.tasks.Wait()
	tr := o.trend.Trend()
	if want := []string{"2026-Q1", "2026-Q2"}; !slices.Equal(tr.Rounds, want) {
		t.Fatalf("trend rounds %q, want %q", tr.Rounds, want)
	}
	if len(tr.Series) != 3 || !tr.Series[0].Bold {
		t.Fatalf("series %+v, want the total and two categories", tr.Series)
	}
	if got := tr.Series[0].Values; got[0] != 1 || got[1] != 0.875 {
		t.Errorf("total rates %v, want [1 0.875]", got)
	}
	if got := tr.Series[2].Values; got[0] != 1 || got[1] != 0.75 {
		t.Errorf("C2 rates %v, want [1 0.75]", got)
	}
	t.Run("two rounds of the unit", func(t *testing.T) {
		if o.trend.pickA.Selected != "2026-Q1" || o.trend.pickB.Selected != "2026-Q2" {
			t.Fatalf("picks %q, %q, want the last two rounds", o.trend.pickA.Selected, o.trend.pickB.Selected)
		}
		row := o.trend.cmpRows[len(o.trend.cmp.Categories)] // biggest item move first
		if row.ID != "2.2" || row.Change != domain.ChangeDown || row.Diff != -5 {
			t.Errorf("first item row %+v, want 2.2 down by 5", row)
		}
		if got := cell(o.trend.cmpTab, widget.TableCellID{Row: len(o.trend.cmp.Categories), Col: 5}); got != "Worse" {
			t.Errorf("change text %q, want Worse", got)
		}
	})
	t.Run("with a unit of its group", func(t *testing.T) {
		op.tasks.Interact(func() { o.trend.mode.SetSelected(o.trend.mode.Options[1]) })
		if !slices.Equal(o.trend.pickB.Options, []string{"B", "C", "E", "D"}) {
			t.Fatalf("peers %q, want the 分县局 with an assessment", o.trend.pickB.Options)
		}
		// A 35 vs B's 核定 35: item 2.1 10 → 5 (down), 2.2 5 → 10 (up).
		changes := map[string]domain.Change{}
		for _, r := range o.trend.cmp.Items {
			changes[r.ID] = r.Change
		}
		if changes["2.1"] != domain.ChangeDown || changes["2.2"] != domain.ChangeUp || changes["1.1"] != domain.ChangeSame {
			t.Errorf("changes %v", changes)
		}
	})
	t.Run("history read once", func(t *testing.T) {
		calls := f.roundCalls
		op.do("tab", "0")
		op.do("tab", "2")
		op.tasks.Wait()
		if f.roundCalls != calls {
			t.Errorf("showing the trend again read %d more rounds", f.roundCalls-calls)
		}
	})
}

func TestExport(t *testing.T) {
	f, _ := fixture()
	write := func(ctx context.Context, doc *report.RoundDocument, format string, w io.Writer) error {
		if format == FormatPDF {
			return pdf.WriteRound(ctx, w, doc)
		}
		return xlsx.WriteRound(ctx, w, doc)
	}
	op := open(t, f.source(), write)
	dir := t.TempDir()
	if err := op.do("export", dir); err != nil {
		t.Fatal(err)
	}
	op.tasks.Wait()
	if len(op.o.Written()) != 2 {
		t.Fatalf("written %q, want a PDF and an XLSX", op.o.Written())
	}
	for _, tc := range []struct{ ext, magic string }{{".pdf", "%PDF"}, {".xlsx", "PK"}} {
		t.Run(tc.ext, func(t *testing.T) {
			matches, _ := filepath.Glob(filepath.Join(dir, "*"+tc.ext))
			if len(matches) != 1 {
				t.Fatalf("files %q in %s", matches, dir)
			}
			b, err := os.ReadFile(matches[0])
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte(tc.magic)) {
				t.Errorf("%s starts %q", matches[0], b[:min(8, len(b))])
			}
			if !strings.Contains(filepath.Base(matches[0]), "2026-Q2") {
				t.Errorf("name %q lacks the round", matches[0])
			}
		})
	}
	t.Run("the report has the groups ranked as shown", func(t *testing.T) {
		doc := op.o.reportDoc()
		if len(doc.Groups) != 2 || doc.Groups[0].Name != "分县局" || doc.Groups[0].Rows[1].Unit != "B" {
			t.Errorf("groups %+v", doc.Groups)
		}
		if !slices.Equal(doc.TrendRounds, []string{"2026-Q1", "2026-Q2"}) {
			t.Errorf("trend rounds %q", doc.TrendRounds)
		}
	})
}

func TestEmptyDatabase(t *testing.T) {
	f := &fakeStore{catalog: testCatalog()}
	op := open(t, f.source(), nil)
	if op.o.Data() != nil {
		t.Fatalf("data %+v without assessments", op.o.Data())
	}
	if s := op.o.status.Text; s == "" || strings.Contains(s, "Loading") {
		t.Errorf("status %q, want why nothing shows", s)
	}
}

func TestSwitchRound(t *testing.T) {
	f, _ := fixture()
	op := open(t, f.source(), nil)
	op.do("round", "2026-Q1")
	op.tasks.Wait()
	if op.o.Data().Round != "2026-Q1" {
		t.Fatalf("round %q, want 2026-Q1", op.o.Data().Round)
	}
	want := []string{"[分县局]", "A", "C", "B", "D", "E", "[派出所]", "P1", "P2", "P3"}
	if got := op.column(1); !slices.Equal(got, want) {
		t.Errorf("2026-Q1 units %q, want %q", got, want)
	}
	if got := op.column(9)[1]; got != "" {
		t.Errorf("first round change %q, want none", got)
	}
}

func TestExportDialog(t *testing.T) {
	f, _ := fixture()
	var formats []string
	write := func(_ context.Context, doc *report.RoundDocument, format string, w io.Writer) error {
		formats = append(formats, format)
		_, err := io.WriteString(w, format+" "+doc.Round)
		return err
	}
	op := open(t, f.source(), write)
	dir := t.TempDir()
	op.o.deps.App.Preferences().SetString(PrefDir, dir)
	op.tap(uitest.Button(t, op.o.Content(), "Export report…"))
	top := op.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no export dialog")
	}
	op.tap(uitest.Button(t, top, "Export"))
	op.tasks.Wait()
	if !slices.Equal(formats, []string{FormatPDF, FormatXLSX}) {
		t.Fatalf("wrote %q, want pdf and xlsx", formats)
	}
	for _, p := range op.o.Written() {
		if filepath.Dir(p) != dir {
			t.Errorf("wrote %s outside the folder chosen %s", p, dir)
		}
	}
	if top := op.w.Canvas().Overlays().Top(); top == nil || !strings.Contains(uitest.Text(top), "2026-Q2") {
		t.Error("no dialog tells where the report went")
	}
	t.Run("asks before replacing", func(t *testing.T) {
		op.w.Canvas().Overlays().Top().Hide()
		formats = nil
		op.tap(uitest.Button(t, op.o.Content(), "Export report…"))
		op.tap(uitest.Button(t, op.w.Canvas().Overlays().Top(), "Export"))
		op.tasks.Wait()
		if formats != nil {
			t.Fatalf("replaced the files unasked: %q", formats)
		}
		op.tap(uitest.Button(t, op.w.Canvas().Overlays().Top(), "Replace"))
		op.tasks.Wait()
		if len(formats) != 2 {
			t.Errorf("after Replace wrote %q", formats)
		}
	})
}

func TestRoundSettings(t *testing.T) {
	f, u := fixture()
	src := f.source()
	// The round's own groups: A, C and P1 against each other, the rest in
	// no group; green from 95 %, yellow from 85 %.
	src.Settings = fakeSettings{byRound: map[string]domain.RoundSettings{"2026-Q2": {Round: "2026-Q2",
		Groups: []domain.PeerGroup{{Name: "重点单位", UnitIDs: []int64{u["A"].ID, u["C"].ID, u["P1"].ID}}},
		Bands:  domain.Bands{Green: 0.95, Yellow: 0.85}}}}
	op := open(t, src, nil)
	want := []string{"[重点单位]", "P1", "A", "C", "[Ungrouped]", "P2", "B", "E", "D", "P3"}
	if got := op.column(1); !slices.Equal(got, want) {
		t.Errorf("units %q, want %q", got, want)
	}
	// P1 38/40 = 95 % is green on these bands, A 35/40 = 87.5 % yellow.
	for _, l := range op.o.ranking.rows {
		if l.row != nil && l.row.Unit.Name == "A" && l.row.Band != domain.BandYellow {
			t.Errorf("A's band %q, want yellow", l.row.Band)
		}
		if l.row != nil && l.row.Unit.Name == "P1" && l.row.Band != domain.BandGreen {
			t.Errorf("P1's band %q, want green", l.row.Band)
		}
	}
	if b := op.o.reportDoc().Bands; b.Green != 0.95 {
		t.Errorf("report bands %+v, want the round's", b)
	}
}

func TestShortcuts(t *testing.T) {
	f, _ := fixture()
	op := open(t, f.source(), nil)
	back := 0
	op.o.deps.OnBack = func() { back++ }
	press := func(key fyne.KeyName, mod fyne.KeyModifier) {
		op.tasks.Interact(func() {
			op.w.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod})
		})
	}
	op.tasks.Interact(op.o.Activate)
	press(fyne.Key2, fyne.KeyModifierShortcutDefault)
	if got := op.o.tabs.SelectedIndex(); got != 1 {
		t.Errorf("Ctrl+2 shows tab %d, want the matrix", got)
	}
	press(fyne.KeyF, fyne.KeyModifierShortcutDefault)
	op.tasks.Wait()
	if op.o.tabs.SelectedIndex() != 2 || op.w.Canvas().Focused() != op.o.trend.search {
		t.Errorf("Ctrl+F: tab %d, focus %v; want the trend's unit search", op.o.tabs.SelectedIndex(), op.w.Canvas().Focused())
	}
	press(fyne.KeyLeft, fyne.KeyModifierAlt)
	if back != 1 {
		t.Errorf("Alt+← went back %d times, want 1", back)
	}
	op.tasks.Interact(op.o.Close)
	press(fyne.Key1, fyne.KeyModifierShortcutDefault)
	if op.o.tabs.SelectedIndex() != 2 {
		t.Error("a shortcut still works after Close")
	}
}

// TestTargets: a unit with a target (保五争三创一) shows in the ranking how it
// stands: reached, or what it lacks to the unit holding the target place and
// where that is cheapest to win.
func TestTargets(t *testing.T) {
	f, _ := fixture()
	// The first and the last ranked unit of the first group, without targets.
	var first, last domain.RankRow
	for _, r := range open(t, f.source(), nil).o.Data().Rank(false)[0].Rows {
		if r.Rank == 1 {
			first = r
		}
		if r.Rank > last.Rank {
			last = r
		}
	}
	if last.Rank <= 1 {
		t.Fatalf("fixture: the first group ranks one unit")
	}
	src := f.source()
	src.Settings = fakeSettings{byRound: map[string]domain.RoundSettings{"2026-Q2": {Round: "2026-Q2",
		Targets: []domain.UnitTarget{{UnitID: first.Unit.ID, Rank: 1}, {UnitID: last.Unit.ID, Rank: 1}}}}}
	op := open(t, src, nil)
	texts := map[int64]string{}
	for i, l := range op.o.ranking.rows {
		if l.row == nil {
			continue
		}
		text := cell(op.o.ranking.table, widget.TableCellID{Row: i, Col: 11})
		if id := l.row.Unit.ID; id != first.Unit.ID && id != last.Unit.ID && text != "" {
			t.Errorf("%s without a target shows %q", l.row.Unit.Name, text)
		}
		texts[l.row.Unit.ID] = text
	}
	if got := texts[first.Unit.ID]; got != "Rank 1: reached" {
		t.Errorf("%s, first: %q", first.Unit.Name, got)
	}
	want := "Rank 1: lacks " + kit.Number(domain.Round2(first.Score-last.Score)) + " · first "
	if got := texts[last.Unit.ID]; !strings.HasPrefix(got, want) || len(got) == len(want) {
		t.Errorf("%s, last: %q, want %q and the items", last.Unit.Name, got, want)
	}
}

// TestExportAsksAboutUnprintable: a round report whose PDF would show 〓 for
// characters no font draws is written only after the user agrees.
func TestExportAsksAboutUnprintable(t *testing.T) {
	f, _ := fixture()
	var formats []string
	write := func(_ context.Context, doc *report.RoundDocument, format string, w io.Writer) error {
		formats = append(formats, format)
		_, err := io.WriteString(w, format)
		return err
	}
	op := open(t, f.source(), write)
	op.o.deps.Unprintable = func(*report.RoundDocument) ([]kit.Missing, error) {
		return []kit.Missing{{Char: '𠀀', Places: []kit.Place{{Part: "unit", ID: "东城𠀀分局"}}}}, nil
	}
	op.o.deps.App.Preferences().SetString(PrefDir, t.TempDir())
	for _, tc := range []struct {
		answer string
		want   int // files written
	}{{"Cancel", 0}, {"Export", 2}} {
		t.Run(tc.answer, func(t *testing.T) {
			formats = nil
			op.tap(uitest.Button(t, op.o.Content(), "Export report…"))
			op.tap(uitest.Button(t, op.w.Canvas().Overlays().Top(), "Export"))
			op.tasks.Wait()
			top := op.w.Canvas().Overlays().Top()
			if top == nil || !strings.Contains(uitest.Text(top), "𠀀 (U+20000)") || !strings.Contains(uitest.Text(top), "东城𠀀分局") {
				t.Fatalf("no question about the character: %v", top)
			}
			if formats != nil {
				t.Fatalf("wrote %q before the answer", formats)
			}
			op.tap(uitest.Button(t, top, tc.answer))
			op.tasks.Wait()
			if len(formats) != tc.want {
				t.Errorf("wrote %q after %s, want %d files", formats, tc.answer, tc.want)
			}
			if top := op.w.Canvas().Overlays().Top(); top != nil {
				top.Hide()
			}
		})
	}
}
