package review

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

// answerText writes the unit's answer to item it for reading.
func answerText(it *domain.Item, a domain.Answer) string {
	if a.NA {
		return lang.L("N/A") + ": " + domain.QuoteText(a.Reason)
	}
	if !it.Answered(a) && len(a.Parts) == 0 {
		return lang.L("Not answered")
	}
	if it.IsComposite() {
		var ps []string
		for _, p := range it.Parts {
			if pa, ok := a.Parts[p.ID]; ok {
				ps = append(ps, p.Title+": "+answerText(p, pa))
			}
		}
		return strings.Join(ps, "；")
	}
	switch it.Method {
	case domain.MethodCheck:
		if a.Met != nil && *a.Met {
			return lang.L("Met")
		}
		return lang.L("Not met")
	case domain.MethodLevels:
		return domain.QuoteText(a.Level)
	case domain.MethodNumeric:
		s := kit.InputNumber(a.Value) + it.Unit
		if it.Change || it.Difference {
			s += fmt.Sprintf(lang.L(" (baseline %s)"), kit.InputNumber(a.Baseline))
		}
		return s
	case domain.MethodDeduct, domain.MethodCount:
		if a.Count != nil {
			return strconv.Itoa(*a.Count) + it.Unit
		}
	}
	return ""
}

// answerInput returns the entry of the reviewer's own answer to item it
// by its method (one per part, each under its title, for a composite
// item), and the function that reads it (nil answer when it is empty).
func answerInput(it *domain.Item) (fyne.CanvasObject, func() (*domain.Answer, error)) {
	if it.IsComposite() {
		box := container.NewVBox()
		read := map[string]func() (*domain.Answer, error){}
		for _, p := range it.Parts {
			o, rd := answerInput(p)
			if o == nil {
				continue
			}
			box.Add(widget.NewLabel(p.ID + ". " + p.Title))
			box.Add(o)
			read[p.ID] = rd
		}
		return box, func() (*domain.Answer, error) {
			a := &domain.Answer{Parts: map[string]domain.Answer{}}
			for _, p := range it.Parts {
				rd, ok := read[p.ID]
				if !ok {
					continue
				}
				pa, err := rd()
				if err != nil {
					return nil, err
				}
				if pa != nil {
					a.Parts[p.ID] = *pa
				}
			}
			if len(a.Parts) == 0 {
				return nil, nil
			}
			return a, nil
		}
	}
	switch it.Method {
	case domain.MethodCheck:
		sel := widget.NewSelect([]string{lang.L("Met"), lang.L("Not met")}, nil)
		sel.PlaceHolder = lang.L("Reviewer's answer")
		return sel, func() (*domain.Answer, error) {
			if sel.Selected == "" {
				return nil, nil
			}
			return &domain.Answer{Met: domain.Bool(sel.Selected == lang.L("Met"))}, nil
		}
	case domain.MethodLevels:
		var labels []string
		for _, l := range it.Levels {
			labels = append(labels, l.Label)
		}
		sel := widget.NewSelect(labels, nil)
		sel.PlaceHolder = lang.L("Reviewer's answer")
		return sel, func() (*domain.Answer, error) {
			if sel.Selected == "" {
				return nil, nil
			}
			return &domain.Answer{Level: sel.Selected}, nil
		}
	case domain.MethodNumeric:
		value, base := widget.NewEntry(), widget.NewEntry()
		value.SetPlaceHolder(lang.L("Reviewer's value") + " " + it.Unit)
		base.SetPlaceHolder(lang.L("Baseline"))
		objs := []fyne.CanvasObject{value}
		if it.Change || it.Difference {
			objs = append(objs, base)
		} else {
			base.Hide()
		}
		box := container.NewGridWithColumns(len(objs), objs...)
		return box, func() (*domain.Answer, error) {
			if strings.TrimSpace(value.Text) == "" {
				return nil, nil
			}
			a := &domain.Answer{}
			v, err := number(value.Text)
			if err != nil {
				return nil, err
			}
			a.Value = &v
			if it.Change || it.Difference {
				b, err := number(base.Text)
				if err != nil {
					return nil, err
				}
				a.Baseline = &b
			}
			return a, nil
		}
	case domain.MethodDeduct, domain.MethodCount:
		count := widget.NewEntry()
		count.SetPlaceHolder(lang.L("Reviewer's count") + " " + it.Unit)
		return count, func() (*domain.Answer, error) {
			t := strings.TrimSpace(count.Text)
			if t == "" {
				return nil, nil
			}
			n, err := strconv.Atoi(t)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("%s", lang.L("The count must be a whole number of 0 or more."))
			}
			return &domain.Answer{Count: &n}, nil
		}
	}
	return nil, nil
}

// setAnswerInput shows a stored answer of the reviewer in the entry.
func setAnswerInput(o fyne.CanvasObject, it *domain.Item, a domain.Answer) {
	if it.IsComposite() {
		box, ok := o.(*fyne.Container)
		if !ok {
			return
		}
		k := 1 // the inputs follow their titles
		for _, p := range it.Parts {
			if k >= len(box.Objects) {
				return
			}
			if pa, ok := a.Parts[p.ID]; ok {
				setAnswerInput(box.Objects[k], p, pa)
			}
			k += 2
		}
		return
	}
	switch w := o.(type) {
	case *widget.Select:
		switch {
		case it.Method == domain.MethodCheck && a.Met != nil && *a.Met:
			w.SetSelected(lang.L("Met"))
		case it.Method == domain.MethodCheck && a.Met != nil:
			w.SetSelected(lang.L("Not met"))
		default:
			w.SetSelected(a.Level)
		}
	case *widget.Entry:
		if a.Count != nil {
			w.SetText(strconv.Itoa(*a.Count))
		}
	case *fyne.Container:
		if len(w.Objects) > 0 {
			if e, ok := w.Objects[0].(*widget.Entry); ok {
				e.SetText(kit.InputNumber(a.Value))
			}
		}
		if len(w.Objects) > 1 {
			if e, ok := w.Objects[1].(*widget.Entry); ok {
				e.SetText(kit.InputNumber(a.Baseline))
			}
		}
	}
}

func number(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !domain.OrdinaryNumber(v) {
		return 0, fmt.Errorf(lang.L("%q is not a number."), s)
	}
	return v, nil
}
