package catalogs

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/sheet"
)

// vetoEdit is what the user gave a veto in the editor.
type vetoEdit struct {
	effect string
	points string
}

// effectName names a veto's effect for the user.
func effectName(effect, vetoGrade string) string {
	switch effect {
	case "", domain.VetoGrade:
		return lang.L("the grade becomes “{{.Grade}}”", map[string]any{"Grade": vetoGrade})
	case domain.VetoZero:
		return lang.L("the final score becomes 0")
	case domain.VetoNoTop:
		return lang.L("not the top grade (一票否优)")
	case domain.VetoDeduct:
		return lang.L("points off the final score")
	case domain.VetoLowest:
		return lang.L("the lowest grade")
	}
	return effect
}

// OpenVetoes shows the catalog's vetoes in the editor, each with what it
// does when triggered (issue 15 #14): the veto grade, 0 points, not the
// top grade, points off, or the lowest grade.
func (e *editor) OpenVetoes() {
	c := e.s.catalog()
	if c == nil {
		return
	}
	e.close()
	e.vetoes = true
	e.head.SetText(lang.L("Vetoes (一票否决): {{.N}}", map[string]any{"N": len(c.Vetoes)}))
	if len(c.Vetoes) == 0 {
		e.text.SetText(lang.L("The table has no veto clauses."))
	}
	var names []string
	for _, ef := range domain.VetoEffects {
		names = append(names, effectName(ef, c.VetoGrade))
	}
	e.vetoWidgets = nil
	for i := range c.Vetoes {
		v := &c.Vetoes[i]
		eff := widget.NewSelect(names, nil)
		pts := widget.NewEntry()
		pts.SetPlaceHolder(lang.L("Points off"))
		pts.SetText(optText(v.Points))
		if j := slices.Index(domain.VetoEffects, v.Effect); j >= 0 {
			eff.SetSelectedIndex(j)
		} else if v.Effect == "" {
			eff.SetSelectedIndex(0)
		}
		id := v.ID
		apply := func() {
			ed := vetoEdit{points: pts.Text}
			if j := eff.SelectedIndex(); j >= 0 {
				ed.effect = domain.VetoEffects[j]
			}
			if ed.effect == domain.VetoDeduct {
				pts.Show()
			} else {
				pts.Hide()
			}
			e.s.vetoEdits[id] = ed
			e.showVetoes()
		}
		eff.OnChanged = func(string) { apply() }
		pts.OnChanged = func(string) { apply() }
		if v.Effect != domain.VetoDeduct {
			pts.Hide()
		}
		title := widget.NewLabel(v.ID + "  " + v.Title)
		title.Wrapping = fyne.TextWrapWord
		e.vetoWidgets = append(e.vetoWidgets, vetoWidgets{id: id, effect: eff, points: pts})
		e.form.Add(container.NewVBox(title, eff, pts))
	}
	e.form.Refresh()
	e.scroll.Refresh()
	e.showVetoes()
}

// vetoWidgets are the widgets of one veto in the editor.
type vetoWidgets struct {
	id     string
	effect *widget.Select
	points *widget.Entry
}

func optText(f float64) string {
	if f == 0 {
		return ""
	}
	return domain.CheckNumber(f)
}

// applyVetoes gives the catalog's vetoes the user's effects and points;
// points that do not read are problems at where, the veto unchanged.
func applyVetoes(c *domain.Catalog, edits map[string]vetoEdit, where string) []domain.Problem {
	var probs []domain.Problem
	for i := range c.Vetoes {
		v := &c.Vetoes[i]
		ed, ok := edits[v.ID]
		if !ok {
			continue
		}
		pts := 0.0
		if s := strings.TrimSpace(ed.points); s != "" && ed.effect == domain.VetoDeduct {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil || !domain.OrdinaryNumber(f) {
				p := domain.NewProblem(sheet.ProbTemplate, "{value:q} cannot be read as {key}", "key", "points", "value", s)
				p.File = where + " " + v.ID
				probs = append(probs, p)
				continue
			}
			pts = f
		}
		v.Effect, v.Points = ed.effect, pts
		if v.Effect == domain.VetoGrade && !slices.Contains(domain.VetoEffects, "") {
			v.Effect = "" // the default, as the importer gives it
		}
	}
	return probs
}

// showVetoes applies the edits and shows the vetoes' problems.
func (e *editor) showVetoes() {
	c := e.s.catalog()
	probs := applyVetoes(c, e.s.vetoEdits, e.s.fileName())
	if len(probs) > 0 {
		e.s.invalid["vetoes"] = true
	} else {
		delete(e.s.invalid, "vetoes")
	}
	for _, f := range c.Check() {
		if _, ok := f.Elem.(*domain.Veto); ok {
			p := f.Problem
			p.File = e.s.fileName()
			probs = append(probs, p)
		}
	}
	e.preview.SetText("")
	if len(probs) == 0 {
		e.problems.SetText("✓ " + lang.L("The vetoes check."))
	} else {
		e.problems.SetText(problemLines(probs))
	}
	e.s.update()
}

// setVeto sets a veto's widgets as the user would: "V1=deduct 30".
func (e *editor) setVeto(arg string) error {
	id, rest, _ := strings.Cut(arg, "=")
	effect, pts, _ := strings.Cut(rest, " ")
	for _, w := range e.vetoWidgets {
		if w.id != id {
			continue
		}
		j := slices.Index(domain.VetoEffects, effect)
		if j < 0 {
			return unknownValue("effect", effect)
		}
		w.points.SetText(pts)
		w.effect.SetSelectedIndex(j)
		return nil
	}
	return fmt.Errorf("catalogs: no veto %q in the editor", id)
}
