package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingce/internal/catalog"
)

// officialXLSX writes a small official table: three heading levels
// merged over their children, points only in a rule text, a rule text
// Pingce does not understand, and a column it does not know.
func officialXLSX(t *testing.T, rows [][]any, merges ...string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range merges {
		a, b, _ := strings.Cut(m, ":")
		if err := f.MergeCell("Sheet1", a, b); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "细则.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

var officialTable = [][]any{
	{"考评细则"},
	{"序号", "一级指标", "二级指标", "考评内容", "分值", "评分标准", "联系人"},
	{1, "组织领导", "领导体制", "成立领导小组", "", "有成立文件得5分，无成立文件不得分", "张三"},
	{2, "", "", "专题研究", 10, "每少1次扣2.5分，扣完为止"},
	{3, "", "", "工作成效", 5, "根据工作开展情况酌情给分"},
}

func TestCatalogImport(t *testing.T) {
	in := officialXLSX(t, officialTable, "A1:G1", "B3:B5", "C3:C5")
	out := filepath.Join(t.TempDir(), "c.yaml")
	code, stdout, stderr := run(t, "catalog", "import", in, "-o", out, "--id", "city", "--version", "2026")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"B2\t一级指标 → heading",
		"G2\t联系人 → ? (not known",
		"A1.1 成立领导小组 [5]: check 5\n      有成立文件得5分，无成立文件不得分",
		"A1.2 专题研究 [10]: deduct per 2.5",
		"A1.3 工作成效 [5]: ? not understood (vague): check for now\n      根据工作开展情况酌情给分",
		"not understood: 1 of 3 rule texts (A1.3)",
		"wrote " + out,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "warning: 细则.xlsx!Sheet1!G2: ") || !strings.Contains(stderr, "细则.xlsx!Sheet1!F5: item A1.3: ") {
		t.Errorf("warnings:\n%s", stderr)
	}
	c, err := catalog.LoadFile(t.Context(), out)
	if err != nil {
		t.Fatalf("the written YAML does not load: %v", err)
	}
	if c.Ref() != "city@2026" || c.Total != 20 || c.Item("A1.1").Scoring != "有成立文件得5分，无成立文件不得分" {
		t.Errorf("catalog %s total %v", c.Ref(), c.Total)
	}
	// Storing it needs --accept while a rule text is not understood.
	db := filepath.Join(t.TempDir(), "p.db")
	if code, _, stderr := runOn(t, db, "catalog", "import", in, "--id", "city"); code != 1 || !strings.Contains(stderr, "--accept") {
		t.Errorf("store without --accept: exit %d\n%s", code, stderr)
	}
	if out := mustRun(t, db, "catalog", "import", in, "--id", "city", "--accept"); !strings.Contains(out, "stored city@1") {
		t.Errorf("store: %s", out)
	}
	// The stored catalog can be written as the template.
	x := filepath.Join(t.TempDir(), "city.xlsx")
	if out := mustRun(t, db, "catalog", "export", "city@1", "--xlsx", x); !strings.Contains(out, "city@1") {
		t.Errorf("export stored: %s", out)
	}
}

func TestCatalogImportProblems(t *testing.T) {
	rows := [][]any{
		{"项目", "考评内容", "分值", "考评办法"},
		{"基础", "台账", "十分", "查阅台账"},
		{"", "制度", "", "查阅制度"},
	}
	in := officialXLSX(t, rows, "A2:A3")
	out := filepath.Join(t.TempDir(), "c.yaml")
	code, _, stderr := run(t, "catalog", "import", in, "-o", out, "--map", "没有=scoring")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	for _, want := range []string{"细则.xlsx!Sheet1!C2: item A1: ", "细则.xlsx!Sheet1!C3: item A2: ", "细则.xlsx!Sheet1!A1: ", "3 problem(s): nothing was written or stored"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused import wrote %s", out)
	}
	if code, _, _ := run(t, "catalog", "import", in, "--map", "nofield"); code != 2 {
		t.Errorf("--map without =: exit %d, want 2", code)
	}
}

// TestCatalogTemplateRoundTrip exports both built-ins as the template and
// imports them back: the same YAML, so the same catalog.
func TestCatalogTemplateRoundTrip(t *testing.T) {
	cs, err := catalog.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		t.Run(c.Ref(), func(t *testing.T) {
			x := filepath.Join(t.TempDir(), c.ID+".xlsx")
			if code, _, stderr := run(t, "catalog", "export", c.Ref(), "--xlsx", x); code != 0 {
				t.Fatalf("export: exit %d %s", code, stderr)
			}
			y := filepath.Join(t.TempDir(), c.ID+".yaml")
			if code, _, stderr := run(t, "catalog", "import", x, "-o", y); code != 0 {
				t.Fatalf("import: exit %d %s", code, stderr)
			}
			_, want, _ := run(t, "catalog", "export", c.Ref())
			got, err := os.ReadFile(y)
			if err != nil || string(got) != want {
				t.Fatalf("round trip differs (%v)", err)
			}
		})
	}
	x := filepath.Join(t.TempDir(), "模板.xlsx")
	if code, out, stderr := run(t, "catalog", "template", "-o", x); code != 0 || !strings.Contains(out, "wrote") {
		t.Fatalf("template: exit %d %s %s", code, out, stderr)
	}
	if code, _, stderr := run(t, "catalog", "import", x, "-o", filepath.Join(t.TempDir(), "t.yaml")); code != 0 {
		t.Fatalf("the template does not import: %s", stderr)
	}
}
