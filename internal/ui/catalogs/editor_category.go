package catalogs

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/sheet"
)

// categoryFields edit the rules of the category that holds the item
// edited (issue 15 #1, #6): the deduction budget its deduct items share
// (本项限扣N分) and, in a bonus category, its bonus cap.
type categoryFields struct {
	e        *editor
	cat      *domain.Category
	title    *widget.Label
	deduct   *widget.Entry
	bonus    *widget.Entry
	loading  bool
	problems []domain.Problem
}

func newCategoryFields(e *editor) *categoryFields {
	cf := &categoryFields{e: e, title: widget.NewLabel(""), deduct: widget.NewEntry(), bonus: widget.NewEntry()}
	cf.title.TextStyle.Bold = true
	cf.title.Wrapping = fyne.TextWrapWord
	cf.deduct.SetPlaceHolder(lang.L("none"))
	cf.bonus.SetPlaceHolder(lang.L("none"))
	cf.deduct.OnChanged = func(string) { cf.changed() }
	cf.bonus.OnChanged = func(string) { cf.changed() }
	return cf
}

// open shows the category of item id.
func (cf *categoryFields) open(id string) {
	cf.cat, cf.problems = cf.e.s.catalog().CategoryOf(id), nil
	if cf.cat == nil {
		return
	}
	cf.loading = true
	cf.title.SetText(lang.L("Category {{.ID}} {{.Title}}", map[string]any{"ID": cf.cat.ID, "Title": cf.cat.Title}))
	cf.deduct.SetText(numberText(cf.cat.DeductCap))
	cf.bonus.SetText(numberText(cf.cat.BonusCap))
	cf.loading = false
}

// objects are the widgets the editor's form shows for the category.
func (cf *categoryFields) objects() []fyne.CanvasObject {
	if cf.cat == nil {
		return nil
	}
	out := []fyne.CanvasObject{widget.NewSeparator(), cf.title,
		labelled(lang.L("Deduction budget of its deduct items together (本项限扣)"), cf.deduct)}
	if cf.cat.Bonus {
		out = append(out, labelled(lang.L("Bonus cap of the category"), cf.bonus))
	}
	return out
}

func numberText(f *float64) string {
	if f == nil {
		return ""
	}
	return domain.CheckNumber(*f)
}

// changed takes the entries into the category when they read.
func (cf *categoryFields) changed() {
	if cf.loading || cf.cat == nil {
		return
	}
	cells := map[string]string{"deduct_cap": cf.deduct.Text, "bonus_cap": cf.bonus.Text}
	cf.e.s.catEdits[cf.cat.ID] = cells
	cf.problems = applyCategory(cf.cat, cf.e.where, cells)
	if len(cf.problems) > 0 {
		cf.e.s.invalid["category "+cf.cat.ID] = true
	} else {
		delete(cf.e.s.invalid, "category "+cf.cat.ID)
	}
	if it := cf.e.s.catalog().Item(cf.e.id); it != nil {
		cf.e.show(it)
	}
	cf.e.s.rows.Refresh()
	cf.e.s.update()
}

// applyCategory sets the category's caps from cells (empty: none); a cell
// that does not read is a problem at where and changes nothing.
func applyCategory(cat *domain.Category, where string, cells map[string]string) []domain.Problem {
	var probs []domain.Problem
	read := func(key string) (*float64, bool) {
		s := strings.TrimSpace(cells[key])
		if s == "" {
			return nil, true
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || !domain.OrdinaryNumber(f) {
			p := domain.NewProblem(sheet.ProbTemplate, "{value:q} cannot be read as {key}", "key", key, "value", s)
			p.File, p.Args["in"], p.Args["category"] = where, "category", cat.ID
			probs = append(probs, p)
			return nil, false
		}
		return &f, true
	}
	d, ok1 := read("deduct_cap")
	b, ok2 := read("bonus_cap")
	if ok1 && ok2 {
		cat.DeductCap, cat.BonusCap = d, b
	}
	return probs
}
