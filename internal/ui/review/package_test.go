package review

import "testing"

// TestExportPackageButton: 导出审核结果包… shows once the assessment is
// returned (or approved) and hands its id on; not while it is submitted.
func TestExportPackageButton(t *testing.T) {
	f := newFlow(t)
	var exported []int64
	f.deps.OnExportPackage = func(id int64) { exported = append(exported, id) }
	s := f.open()
	if s.packageBtn.Visible() {
		t.Error("the review package is offered for a submitted assessment")
	}
	f.tasks.Interact(func() { s.Return("请补充材料") })
	f.tasks.Wait()
	if !s.packageBtn.Visible() {
		t.Fatal("no 导出审核结果包… after the return")
	}
	f.tasks.Interact(func() { s.packageBtn.OnTapped() })
	if len(exported) != 1 || exported[0] != f.id {
		t.Errorf("exported %v, want [%d]", exported, f.id)
	}
}
