package catalogs

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/sheet"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/uitest"
	"pingce/internal/ui/walk"
)

// TestEditRuleAndStore changes proposed rules in the editor as a user
// would: a new method for a text not understood, a parameter that does
// not read and one that Check refuses (each said with the item and its
// cell, storing refused meanwhile), both fixed, then stored: the stored
// catalog has the rules given.
func TestEditRuleAndStore(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 800))
	tasks := &kit.Tasks{}
	mem := &memCatalogs{}
	var s *Screen
	tasks.Interact(func() { s = New(Deps{Tasks: tasks, Catalogs: mem}) })
	tasks.Interact(func() { w.SetContent(s.Content()) })
	tasks.Wait()
	do := doer(t, tasks, s)
	do("import", table(t))
	if s.res == nil || s.res.Catalog == nil {
		t.Fatalf("read %+v, problems %v", s.res, s.problems)
	}
	e := s.editor

	// A3 (酌情给分, not understood): choose deductions per case.
	tasks.Interact(func() { s.rows.Select(2) }) // the list row, as a click or the keyboard would
	if e.id != "A3" || !strings.Contains(e.head.Text, "A3 工作成效") || !strings.Contains(e.head.Text, "细则.xlsx!Sheet1!") {
		t.Fatalf("editor opened %q: %q", e.id, e.head.Text)
	}
	do("set", "method=deduct")
	if !contains(e.form, e.entries["per"]) || contains(e.form, e.entries["levels"]) {
		t.Fatal("the form does not show the deduct parameters only")
	}
	// Typed as the keyboard would: a per that is not a number.
	tasks.Interact(func() {
		w.Canvas().Focus(e.entries["per"])
		test.Type(e.entries["per"], "两分")
	})
	if !strings.Contains(e.problems.Text, "item A3") || !strings.Contains(e.problems.Text, "per") || !strings.Contains(e.problems.Text, "两分") ||
		!strings.Contains(e.problems.Text, "细则.xlsx!Sheet1!") {
		t.Fatalf("problem not said with its item and cell: %q", e.problems.Text)
	}
	if !s.store.Disabled() {
		t.Fatal("store is enabled while a rule does not read")
	}
	if got := uitest.Text(s.rows); !strings.Contains(got, "✗ A3") {
		t.Errorf("the list does not mark A3:\n%s", got)
	}
	do("set", "per=2")
	if !strings.Contains(e.problems.Text, "✓") || !strings.Contains(e.preview.Text, "deducts 2 points") {
		t.Fatalf("problems %q, preview %q", e.problems.Text, e.preview.Text)
	}
	if s.store.Disabled() {
		t.Fatalf("store stays disabled once the rule reads and checks: %s", s.summary.Text)
	}

	// A1 (check): levels whose first is not the full marks — Check's finding.
	do("edit", "A1")
	do("set", "method=levels")
	do("set", "levels=齐全=4\n缺失=0")
	if !strings.Contains(e.problems.Text, "item A1") || !s.store.Disabled() {
		t.Fatalf("Check's finding not said, or store enabled: %q", e.problems.Text)
	}
	do("set", "levels=齐全=5\n部分=3\n缺失=0")
	if !strings.Contains(e.problems.Text, "✓") || !strings.Contains(e.preview.Text, "部分: 3 points") {
		t.Fatalf("problems %q, preview %q", e.problems.Text, e.preview.Text)
	}
	// A numeric rule: a shortfall with full marks for a unit without the duty.
	do("edit", "A2")
	do("set", "method=numeric")
	do("set", "rule=shortfall")
	for _, kv := range []string{"shortfall_target=95", "shortfall_step=1", "shortfall_per=0.5", "na=full"} {
		do("set", kv)
	}
	if !strings.Contains(e.problems.Text, "✓") || !strings.Contains(e.preview.Text, "At least 95") {
		t.Fatalf("problems %q, preview %q", e.problems.Text, e.preview.Text)
	}
	// Reading the table again (another id) keeps the changes.
	tasks.Interact(func() { s.id.SetText("city") })
	tasks.Interact(func() { s.id.OnSubmitted("city") })
	tasks.Wait()

	tasks.Interact(func() { s.Store() })
	tasks.Wait()
	if len(mem.cs) != 1 {
		t.Fatalf("stored %d catalogs: %s", len(mem.cs), s.problemsL.Text)
	}
	c := mem.cs[0]
	a1, a2, a3 := c.Item("A1"), c.Item("A2"), c.Item("A3")
	if c.Ref() != "city@1" || a3.Method != domain.MethodDeduct || a3.Per != 2 || a1.Method != domain.MethodLevels || len(a1.Levels) != 3 ||
		a2.Method != domain.MethodNumeric || a2.Shortfall == nil || a2.Shortfall.Per != 0.5 || a2.NA != domain.NAFull || a2.Per != 0 {
		t.Fatalf("stored %s: A1 %+v A2 %+v A3 %+v", c.Ref(), a1, a2, a3)
	}
	if a3.Scoring != "根据工作开展情况酌情给分" {
		t.Errorf("the official text is lost: %q", a3.Scoring)
	}
}

// TestEditorKeepsWhatItDoesNotShow: a parameter the editor has no widget
// for stays while the method stays, and goes with a new method.
func TestEditorKeepsWhatItDoesNotShow(t *testing.T) {
	s, tasks := imported(t)
	tasks.Interact(func() {
		_ = s.Do("edit", "A2")
		s.editor.cells["hidden_key"] = "x"
		_ = s.Do("set", "per=2")
	})
	if s.editor.cells["hidden_key"] != "x" {
		t.Fatal("a parameter without a widget went while the method stayed")
	}
	tasks.Interact(func() { _ = s.Do("set", "method=check") })
	if _, ok := s.editor.cells["hidden_key"]; ok {
		t.Fatal("a parameter of the old method stayed with the new one")
	}
	if got := s.catalog().Item("A2"); got.Method != domain.MethodCheck || got.Per != 0 {
		t.Fatalf("A2 %+v", got)
	}
	if err := s.Do("set", "method=guess"); err == nil {
		t.Error("an unknown method was taken")
	}
}

// contains reports whether obj is shown under root.
func contains(root, obj fyne.CanvasObject) bool {
	if root == obj {
		return true
	}
	if c, ok := root.(*fyne.Container); ok {
		for _, o := range c.Objects {
			if contains(o, obj) {
				return true
			}
		}
	}
	return false
}

// TestEditKinds gives an item kinds counted apart (issue 15 #5) in the
// editor: the cells read, the catalog checks, the preview names the kinds.
func TestEditKinds(t *testing.T) {
	s, tasks := imported(t)
	set := func(kv string) {
		t.Helper()
		tasks.Interact(func() {
			if err := s.Do("set", kv); err != nil {
				t.Fatal(err)
			}
		})
	}
	tasks.Interact(func() { _ = s.Do("edit", "A1") })
	set("method=count")
	set("kinds=main:主要领导出席=1\nother:其他领导出席")
	if !strings.Contains(s.editor.problems.Text, "kinds") {
		t.Fatalf("a kind without points is not said: %q", s.editor.problems.Text)
	}
	set("kinds=main:主要领导出席=1\nother:其他领导出席=0.5")
	it := s.catalog().Item("A1")
	if len(it.Kinds) != 2 || it.Kinds[1] != (domain.Kind{Key: "other", Label: "其他领导出席", Per: 0.5}) || !strings.Contains(s.editor.problems.Text, "✓") {
		t.Fatalf("A1 %+v, problems %q", it, s.editor.problems.Text)
	}
	// The preview is the walk's sentence for the rule given (the words of
	// kinds are walk's describeCounted).
	if got := s.editor.preview.Text; got == "" || got != walk.Describe(it) {
		t.Errorf("preview %q, the walk says %q", got, walk.Describe(it))
	}
}

// TestEditRankRule scores an item by rank among peers (issue 15 #12) in
// the editor: a rule that needs the round, said as such in the preview.
func TestEditRankRule(t *testing.T) {
	s, tasks := imported(t)
	for _, kv := range []string{"method=numeric", "rule=rank", "rank_points=5、4、x"} {
		tasks.Interact(func() {
			if kv == "method=numeric" {
				_ = s.Do("edit", "A1")
			}
			if err := s.Do("set", kv); err != nil {
				t.Fatal(err)
			}
		})
	}
	if !strings.Contains(s.editor.problems.Text, "rank_points") || !s.store.Disabled() {
		t.Fatalf("a place's points that do not read: %q", s.editor.problems.Text)
	}
	tasks.Interact(func() { _ = s.Do("set", "rank_points=5、4、3") })
	it := s.catalog().Item("A1")
	if it.Rank == nil || len(it.Rank.Points) != 3 || it.Rank.Points[2] != 3 || !strings.Contains(s.editor.problems.Text, "✓") {
		t.Fatalf("A1 %+v, problems %q", it.Rank, s.editor.problems.Text)
	}
	tasks.Interact(func() { _ = s.Do("set", "na=average") })
	if s.catalog().Item("A1").NA != domain.NAAverage {
		t.Errorf("na %q", s.catalog().Item("A1").NA)
	}
}

// imported returns the screen with table(t) read, and its tasks.
func imported(t *testing.T) (*Screen, *kit.Tasks) {
	t.Helper()
	test.NewTempApp(t)
	tasks := &kit.Tasks{}
	var s *Screen
	tasks.Interact(func() { s = New(Deps{Tasks: tasks, Catalogs: &memCatalogs{}}) })
	tasks.Wait()
	tasks.Interact(func() { _ = s.Do("import", table(t)) })
	tasks.Wait()
	return s, tasks
}

// TestProposalTexts: the list says what a proposal of the issue-15 shapes
// adds, not only its method.
func TestProposalTexts(t *testing.T) {
	tests := []struct{ text, want string }{
		{"每发现一处隐患扣1分；扣满4分的，追加扣除10分", "deduct 1 per case; 10 more off the category once 4 are lost"},
		{"市局80%，分县局75%得满分；每低1个百分点扣1分", "targets by unit type: 市局 80、分县局 75"},
		{"有方案得5分，无方案不得分；不具有该职能的以满分计", "met / not met; N/A: full marks"},
		{"每发现一处问题酌情扣2-6分", "deduct 2–6 per case, as the reviewer judges"},
		{"排名1-3名的依次赋予5分、4分、3分", "by rank: 5、4、3"},
		{"低于96%的，每降低1个百分点扣0.25分；低于90%的，每降低1个百分点扣0.5分", "below 96: 0.25 off per 1；below 90: 0.5 off per 1"},
		{"环比持平计6分，每下降1起加0.2分，上升一起扣0.2分，当月零发案计8分", "this period − baseline: 6 at 0, 0.2 more or less per 1; exactly 0: 8"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := methodText(sheet.Propose(tt.text)); !strings.Contains(got, tt.want) {
				t.Errorf("%q, want %q in it", got, tt.want)
			}
		})
	}
}

// TestEditorComposite: a composite item (from the template) is not edited
// as one rule; the editor says where its parts' rules are changed.
func TestEditorComposite(t *testing.T) {
	test.NewTempApp(t)
	tasks := &kit.Tasks{}
	cs, err := catalog.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	var comp *domain.Item
	var c *domain.Catalog
	for _, b := range cs {
		for _, it := range b.Items() {
			if it.IsComposite() && comp == nil {
				comp, c = it, b
			}
		}
	}
	if comp == nil {
		t.Skip("no built-in composite item")
	}
	var s *Screen
	tasks.Interact(func() { s = New(Deps{Tasks: tasks, Catalogs: &memCatalogs{}}) })
	tasks.Wait()
	tasks.Interact(func() {
		s.res = &sheet.Result{Catalog: c, Template: true, Rows: []sheet.Row{{ItemID: comp.ID, Where: "t.xlsx!指标!B9"}}}
		_ = s.Do("edit", comp.ID)
	})
	if s.editor.id != "" || !strings.Contains(s.editor.head.Text, "made of parts") || len(s.editor.form.Objects) != 0 {
		t.Fatalf("composite opened for editing: %q", s.editor.head.Text)
	}
}

// TestEditorByKeyboard: the list row is chosen with the arrow keys and
// space, Tab reaches the method, “As proposed” and then the parameter, and
// typing there changes the rule.
func TestEditorByKeyboard(t *testing.T) {
	s, tasks := imported(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 800))
	tasks.Interact(func() { w.SetContent(s.Content()) })
	c := w.Canvas()
	tasks.Interact(func() {
		c.Focus(s.rows)
		s.rows.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		s.rows.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	})
	if s.editor.id != "A2" {
		t.Fatalf("Down, Space opened %q, want A2", s.editor.id)
	}
	reached := false
	tasks.Interact(func() {
		for range 10 {
			c.FocusNext()
			if c.Focused() == fyne.Focusable(s.editor.method) {
				reached = true
				break
			}
		}
	})
	if !reached {
		t.Fatal("Tab does not reach the method")
	}
	tasks.Interact(func() { c.FocusNext() })
	if c.Focused() != fyne.Focusable(s.editor.reset) {
		t.Fatalf("Tab after the method reaches %T, want “As proposed”", c.Focused())
	}
	tasks.Interact(func() { c.FocusNext() })
	per := s.editor.entries["per"]
	if c.Focused() != fyne.Focusable(per) {
		t.Fatalf("Tab after the method reaches %T, want the points per case", c.Focused())
	}
	tasks.Interact(func() {
		per.TypedShortcut(&fyne.ShortcutSelectAll{})
		test.Type(per, "3")
	})
	if got := s.catalog().Item("A2"); got.Per != 3 || !strings.Contains(s.editor.preview.Text, "deducts 3 points") {
		t.Fatalf("typed per: A2 per %v, preview %q", got.Per, s.editor.preview.Text)
	}
}

// TestEditTargetsByUnitType: the targets by unit type the importer read
// ("市局80%，分县局75%，派出所70%") are shown, changed, refused when a
// line does not read, and stored as rules by unit type.
func TestEditTargetsByUnitType(t *testing.T) {
	test.NewTempApp(t)
	tasks := &kit.Tasks{}
	mem := &memCatalogs{}
	var s *Screen
	tasks.Interact(func() { s = New(Deps{Tasks: tasks, Catalogs: mem}) })
	f := excelize.NewFile()
	rows := [][]any{{"一级指标", "考评内容", "分值", "评分标准"},
		{"成效", "化解率", 10, "市局80%，分县局75%，派出所70%得满分；每低1个百分点扣1分"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		_ = f.SetSheetRow("Sheet1", cell, &r)
	}
	p := filepath.Join(t.TempDir(), "类型.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	tasks.Interact(func() { _ = s.Do("import", p) })
	tasks.Wait()
	do := doer(t, tasks, s)
	do("edit", "A1")
	if got := s.editor.entries[unitTargetsKey].Text; got != "分县局=75\n派出所=70" || !contains(s.editor.form, s.editor.entries[unitTargetsKey]) {
		t.Fatalf("targets shown %q", got)
	}
	do("set", unitTargetsKey+"=分县局=76\n派出所=七十")
	if !strings.Contains(s.editor.problems.Text, "七十") || !s.store.Disabled() {
		t.Fatalf("a target that does not read: %q", s.editor.problems.Text)
	}
	do("set", unitTargetsKey+"=分县局=76\n派出所=71")
	if !strings.Contains(s.editor.problems.Text, "✓") {
		t.Fatalf("problems %q", s.editor.problems.Text)
	}
	tasks.Interact(func() { s.Store() })
	tasks.Wait()
	if len(mem.cs) != 1 {
		t.Fatalf("not stored: %s %s", s.summary.Text, s.problemsL.Text)
	}
	it := mem.cs[0].Item("A1")
	if it.Shortfall.Target != 80 || it.ByUnitType["分县局"].Shortfall.Target != 76 || it.ByUnitType["派出所"].Shortfall.Target != 71 || it.ByUnitType["派出所"].Shortfall.Per != 1 {
		t.Fatalf("stored %+v %+v", it.Shortfall, it.ByUnitType)
	}
}

// doer returns a function that runs an action of the screen as the UI
// goroutine would and waits for its work.
func doer(t *testing.T, tasks *kit.Tasks, s *Screen) func(action, arg string) {
	return func(action, arg string) {
		t.Helper()
		tasks.Interact(func() {
			if err := s.Do(action, arg); err != nil {
				t.Fatal(err)
			}
		})
		tasks.Wait()
	}
}

// TestEditCategoryBudget gives the category of the item edited a
// deduction budget (本项限扣): a value that does not read is refused, one
// on a category without deduct items is Check's finding, a good one is
// stored.
func TestEditCategoryBudget(t *testing.T) {
	test.NewTempApp(t)
	tasks := &kit.Tasks{}
	mem := &memCatalogs{}
	var s *Screen
	tasks.Interact(func() { s = New(Deps{Tasks: tasks, Catalogs: mem}) })
	do := doer(t, tasks, s)
	do("import", table(t))
	do("edit", "A2")
	if !contains(s.editor.form, s.editor.category.deduct) || contains(s.editor.form, s.editor.category.bonus) {
		t.Fatal("the form does not show the category's budget (and only it)")
	}
	do("set", "deduct_cap=五分")
	if !strings.Contains(s.editor.problems.Text, "五分") || !s.store.Disabled() {
		t.Fatalf("a budget that does not read: %q", s.editor.problems.Text)
	}
	do("set", "deduct_cap=3")
	if got := s.catalog().Category("A").DeductCap; got == nil || *got != 3 || !strings.Contains(s.editor.problems.Text, "✓") {
		t.Fatalf("budget %v, problems %q", got, s.editor.problems.Text)
	}
	do("set", "method=check") // no deduct item left in A: the budget is Check's finding
	if strings.Contains(s.editor.problems.Text, "✓") || !s.store.Disabled() {
		t.Fatalf("a budget without deduct items: %q", s.editor.problems.Text)
	}
	do("set", "method=deduct")
	do("set", "per=2")
	do("confirm", "A3")
	tasks.Interact(func() { s.Store() })
	tasks.Wait()
	if len(mem.cs) != 1 || mem.cs[0].Category("A").DeductCap == nil || *mem.cs[0].Category("A").DeductCap != 3 {
		t.Fatalf("stored %d: %s %s", len(mem.cs), s.summary.Text, s.problemsL.Text)
	}
}

// TestEditVetoes: the vetoes the importer read are shown with what they
// do; one is given a fixed deduction (points that do not read refused
// first), another 一票否优, and the stored catalog has them.
func TestEditVetoes(t *testing.T) {
	test.NewTempApp(t)
	tasks := &kit.Tasks{}
	mem := &memCatalogs{}
	var s *Screen
	tasks.Interact(func() { s = New(Deps{Tasks: tasks, Catalogs: mem}) })
	if !s.vetoesBtn.Disabled() {
		t.Error("the vetoes button is enabled before a table is read")
	}
	f := excelize.NewFile()
	rows := [][]any{{"一级指标", "考评内容", "分值", "评分标准"},
		{"组织", "领导小组", 10, "有成立文件得10分，无成立文件不得分"},
		{"一票否决：1.发生重大案件；2.自评材料弄虚作假"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		_ = f.SetSheetRow("Sheet1", cell, &r)
	}
	_ = f.MergeCell("Sheet1", "A3", "D3")
	p := filepath.Join(t.TempDir(), "否决.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	do := doer(t, tasks, s)
	do("import", p)
	if c := s.catalog(); c == nil || len(c.Vetoes) != 2 {
		t.Fatalf("read %+v %v", s.res, s.problems)
	}
	do("vetoes", "")
	if len(s.editor.vetoWidgets) != 2 || !strings.Contains(uitest.Text(s.editor.form), "V1  发生重大案件") {
		t.Fatalf("vetoes shown: %q", uitest.Text(s.editor.form))
	}
	do("veto", "V1=deduct 三十")
	if !strings.Contains(s.editor.problems.Text, "三十") || !s.store.Disabled() {
		t.Fatalf("points that do not read: %q", s.editor.problems.Text)
	}
	do("veto", "V1=deduct 30")
	do("veto", "V2=no_top")
	if !strings.Contains(s.editor.problems.Text, "✓") || s.store.Disabled() {
		t.Fatalf("problems %q, store disabled %v: %s", s.editor.problems.Text, s.store.Disabled(), s.summary.Text)
	}
	tasks.Interact(func() { s.Store() })
	tasks.Wait()
	if len(mem.cs) != 1 {
		t.Fatalf("not stored: %s", s.problemsL.Text)
	}
	vs := mem.cs[0].Vetoes
	if vs[0].Effect != domain.VetoDeduct || vs[0].Points != 30 || vs[1].Effect != domain.VetoNoTop || vs[1].Points != 0 {
		t.Fatalf("stored vetoes %+v", vs)
	}
}

// TestEditorReset: "As proposed" gives an item back the importer's rule,
// and a text not understood back to met / not met still to confirm.
func TestEditorReset(t *testing.T) {
	s, tasks := imported(t)
	do := doer(t, tasks, s)
	do("edit", "A2")
	do("set", "method=levels")
	do("set", "levels=好=10\n差=0")
	do("set", "na=full")
	do("reset", "")
	it := s.catalog().Item("A2")
	if it.Method != domain.MethodDeduct || it.Per != 2.5 || it.Levels != nil || it.NA != "" || s.edited["A2"] {
		t.Fatalf("A2 after reset %+v", it)
	}
	if s.editor.selectedMethod() != domain.MethodDeduct || s.editor.entries["per"].Text != "2.5" {
		t.Errorf("the editor shows %q per %q", s.editor.selectedMethod(), s.editor.entries["per"].Text)
	}
	do("edit", "A3")
	do("set", "method=deduct")
	do("set", "per=1")
	if s.store.Disabled() {
		t.Fatal("store disabled with A3 given a rule")
	}
	do("reset", "")
	if got := s.catalog().Item("A3"); got.Method != domain.MethodCheck || got.Per != 0 || !s.store.Disabled() {
		t.Fatalf("A3 after reset %+v, store disabled %v", got, s.store.Disabled())
	}
}
