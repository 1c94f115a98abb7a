package catalogs

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/uitest"
)

// memCatalogs is a domain.CatalogService in memory.
type memCatalogs struct{ cs []*domain.Catalog }

func (m *memCatalogs) ImportCatalog(_ context.Context, c *domain.Catalog) (domain.CatalogInfo, bool, error) {
	if ps := c.CheckProblems(); len(ps) > 0 {
		return domain.CatalogInfo{}, false, &domain.Error{Code: domain.EINVALID, Problems: ps}
	}
	m.cs = append(m.cs, c)
	return info(c), true, nil
}

func info(c *domain.Catalog) domain.CatalogInfo {
	return domain.CatalogInfo{ID: c.ID, Version: c.Version, Title: c.Title, Items: len(c.Items()), Total: c.Total}
}

func (m *memCatalogs) ListCatalogs(context.Context) ([]domain.CatalogInfo, error) {
	var out []domain.CatalogInfo
	for _, c := range m.cs {
		out = append(out, info(c))
	}
	return out, nil
}

func (m *memCatalogs) FindCatalog(_ context.Context, ref string) (*domain.Catalog, error) {
	for _, c := range m.cs {
		if c.Ref() == ref {
			return c, nil
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "no %s", ref)
}

func table(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"考评细则"},
		{"一级指标", "考评内容", "分值", "评分标准", "联系人"},
		{"组织领导", "成立领导小组", 5, "有成立文件得5分，无成立文件不得分", "张三"},
		{"", "专题研究", 10, "每少1次扣2.5分，扣完为止"},
		{"", "工作成效", 5, "根据工作开展情况酌情给分"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	_ = f.MergeCell("Sheet1", "A3", "A5")
	p := filepath.Join(t.TempDir(), "细则.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTranslations(t *testing.T) {
	uitest.CheckTranslations(t, ".", uitest.LoadJSON(t, translations, "translations/zh_Hans.json"))
	if err := RegisterTranslations(); err != nil {
		t.Fatal(err)
	}
}

func TestImportAndStore(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 800))
	tasks := &kit.Tasks{}
	mem := &memCatalogs{}
	var stored []string
	var s *Screen
	tasks.Interact(func() {
		s = New(Deps{Tasks: tasks, Catalogs: mem, OnStored: func(i domain.CatalogInfo) { stored = append(stored, i.Ref()) }})
	})
	tasks.Interact(func() { w.SetContent(s.Content()) })
	tasks.Wait()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	tasks.Interact(func() { must(s.Do("import", table(t))) })
	tasks.Wait()
	if s.res == nil || s.res.Catalog == nil || len(s.res.Rows) != 3 {
		t.Fatalf("read %+v, problems %v", s.res, s.problems)
	}
	text := uitest.Text(s.Content())
	for _, want := range []string{"A1 成立领导小组 [5] → met / not met", "有成立文件得5分，无成立文件不得分",
		"⚠ A3 工作成效 [5] → not understood", "联系人", "1 rule texts not understood still to confirm"} {
		if !strings.Contains(text, want) {
			t.Errorf("the screen lacks %q:\n%s", want, text)
		}
	}
	if !s.store.Disabled() {
		t.Fatal("store is enabled while a rule text is not confirmed")
	}
	// Mapping the unknown column as left out reads again, same items.
	tasks.Interact(func() { must(s.Do("map", "联系人=ignore")) })
	tasks.Wait()
	if s.res.Columns[4].Field != "ignore" || !s.res.Columns[4].Mapped {
		t.Errorf("mapping not applied: %+v", s.res.Columns)
	}
	tasks.Interact(func() { s.id.SetText("city") })
	tasks.Interact(func() { s.version.SetText("2026") })
	tasks.Interact(func() { s.id.OnSubmitted("city") })
	tasks.Wait()
	if s.res.Catalog == nil || s.res.Catalog.Ref() != "city@2026" {
		t.Fatalf("id and version not applied: %+v", s.res.Catalog)
	}
	tasks.Interact(func() { must(s.Do("confirm", "A3")) })
	if s.store.Disabled() {
		t.Fatal("store stays disabled once every row is confirmed")
	}
	tasks.Interact(func() { s.Store() })
	tasks.Wait()
	if len(stored) != 1 || len(mem.cs) != 1 || mem.cs[0].Item("A2").Per != 2.5 {
		t.Fatalf("stored %v", stored)
	}
	if got := uitest.Text(s.Content()); !strings.Contains(got, "Stored "+stored[0]) {
		t.Errorf("no confirmation:\n%s", got)
	}
}

func TestImportProblems(t *testing.T) {
	test.NewTempApp(t)
	tasks := &kit.Tasks{}
	var s *Screen
	tasks.Interact(func() { s = New(Deps{Tasks: tasks, Catalogs: &memCatalogs{}}) })
	tasks.Wait()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "坏.xlsx")
	f := excelize.NewFile()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"项目", "考评内容", "分值"})
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{"基础", "台账", "十分"})
	must(f.SaveAs(p))
	tasks.Interact(func() { must(s.Do("import", p)) })
	tasks.Wait()
	if !strings.Contains(s.problemsL.Text, "坏.xlsx!Sheet1!C2") || !s.store.Disabled() {
		t.Errorf("problems %q", s.problemsL.Text)
	}
}

func TestDiff(t *testing.T) {
	test.NewTempApp(t)
	tasks := &kit.Tasks{}
	b, err := catalog.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	v2, _ := catalog.Parse("x.yaml", mustMarshal(t, b[0]))
	v2.Version = "next"
	v2.Items()[0].Title = "改名后的指标"
	mem := &memCatalogs{cs: []*domain.Catalog{v2}}
	var s *Screen
	tasks.Interact(func() { s = New(Deps{Tasks: tasks, Catalogs: mem, Builtins: b}) })
	tasks.Wait()
	if len(s.from.Options) != len(b)+1 {
		t.Errorf("choices %v", s.from.Options)
	}
	if err := s.Do("diff", b[0].Ref()+"|"+v2.Ref()); err != nil {
		t.Fatal(err)
	}
	tasks.Wait()
	if !strings.Contains(s.diffText.Text, "changed 1") || !strings.Contains(s.diffText.Text, "renamed from") {
		t.Errorf("diff:\n%s", s.diffText.Text)
	}
}

func mustMarshal(t *testing.T, c *domain.Catalog) []byte {
	out, err := catalog.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// listOnly is an AssessmentService that only lists.
type listOnly struct {
	domain.AssessmentService
	list []domain.AssessmentSummary
}

func (l listOnly) ListAssessments(context.Context, domain.AssessmentFilter) ([]domain.AssessmentSummary, error) {
	return l.list, nil
}

func TestMoveToLaterVersion(t *testing.T) {
	test.NewTempApp(t)
	tasks := &kit.Tasks{}
	b, err := catalog.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	v2, _ := catalog.Parse("x.yaml", mustMarshal(t, b[0]))
	v2.Version = "next"
	on := func(id int64, c *domain.Catalog) domain.AssessmentSummary {
		return domain.AssessmentSummary{Assessment: domain.Assessment{ID: id, Unit: domain.Unit{Name: "东城分局"}, Round: "2026-Q3", CatalogID: c.ID, CatalogVersion: c.Version}}
	}
	var moved []string
	s := New(Deps{Tasks: tasks, Catalogs: &memCatalogs{cs: []*domain.Catalog{v2}}, Builtins: b,
		Assessments: listOnly{list: []domain.AssessmentSummary{on(7, b[0]), on(8, v2)}},
		Migrate: func(_ context.Context, id int64, to string) (*domain.Assessment, domain.MigrationPlan, error) {
			moved = append(moved, fmt.Sprint(id, "→", to))
			return &domain.Assessment{ID: 9}, domain.MigrationPlan{NeedsAnswer: []string{"A1.1"}}, nil
		}})
	tasks.Wait()
	if err := s.Do("diff", b[0].Ref()+"|"+v2.Ref()); err != nil {
		t.Fatal(err)
	}
	tasks.Wait()
	if len(s.movable) != 1 || s.movable[0].ID != 7 {
		t.Fatalf("movable %+v: only the assessment on the earlier version", s.movable)
	}
	if err := s.Do("move", "7"); err != nil {
		t.Fatal(err)
	}
	tasks.Wait()
	if len(moved) != 1 || moved[0] != "7→"+v2.Ref() || !strings.Contains(s.moveText.Text, "New draft 9") || !strings.Contains(s.moveText.Text, "A1.1") {
		t.Errorf("moved %v, text %q", moved, s.moveText.Text)
	}
}
