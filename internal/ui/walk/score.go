package walk

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
	"pingce/internal/ui/standing"
)

// scorePanel shows the assessment's score: final, grade, caps, vetoes, a bar
// per top-level category and the items that lost points.
type scorePanel struct {
	v       *View
	content fyne.CanvasObject

	final *widget.Label
	grade *widget.Label
	// itemGrades counts the items of each item grade (优秀 25 项、良好 11 项)
	// when the catalog grades items.
	itemGrades *widget.Label
	// standing says where the assessment stands in its round's ranking and
	// against its target, once known (setStanding).
	standing *widget.Label
	progress *widget.Label
	formula  *widget.Label // how the final score comes from the raw points
	caps     *widget.Label
	vetoes   []*widget.Check
	vetoNote *widget.Label
	cats     *widget.List // a bar per top-level category, virtualized
	barText  []string     // per top-level category
	barValue []float64
	lost     []domain.ItemScore // items that lost points, most first
	lostList *widget.List
	lostNone *widget.Label
	noneBox  fyne.CanvasObject // lostNone, in its colour

	loading bool
}

// maxBarRows is how many category bars show before their list scrolls.
const maxBarRows = 10

func newScorePanel(v *View) *scorePanel {
	p := &scorePanel{v: v}
	p.final = widget.NewLabel("")
	p.final.TextStyle = fyne.TextStyle{Bold: true}
	p.final.SizeName = theme.SizeNameHeadingText
	// The grade is the catalog's word and may hold any character: not bold
	// (kit.Fonts), which would not look different anyway (one weight).
	p.grade = widget.NewLabel("")
	p.grade.SizeName = theme.SizeNameSubHeadingText
	p.grade.Importance = widget.HighImportance
	p.progress = widget.NewLabel("")
	p.formula = wrapped("")
	p.formula.Importance = widget.LowImportance
	p.caps = wrapped("")
	p.caps.Importance = widget.WarningImportance
	p.itemGrades = wrapped("")
	p.standing = wrapped("")
	p.standing.Hidden = true
	top := container.NewVBox(container.NewHBox(p.final, p.grade), p.progress, p.itemGrades, p.standing, p.formula, p.caps)

	n := len(v.ws.Catalog.Categories)
	p.barText, p.barValue = make([]string, n), make([]float64, n)
	catRow := func() fyne.CanvasObject {
		name := widget.NewLabel("A 类别")
		name.Truncation = fyne.TextTruncateEllipsis
		return container.NewVBox(name, widget.NewProgressBar())
	}
	p.cats = widget.NewList(
		func() int { return len(p.barText) },
		catRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			cats := v.ws.Catalog.Categories
			if i >= len(cats) || i >= len(p.barText) {
				return
			}
			c := o.(*fyne.Container)
			setText(c.Objects[0].(*widget.Label), cats[i].ID+" "+cats[i].Title)
			bar := c.Objects[1].(*widget.ProgressBar)
			text := p.barText[i]
			bar.TextFormatter = func() string { return text }
			bar.Value = p.barValue[i]
			bar.Refresh()
		})
	p.cats.OnSelected = func(i widget.ListItemID) { p.cats.Unselect(i) } // bars, not choices
	// The list is as tall as its rows up to maxBarRows, so that a catalog's
	// few top-level categories show without a scroll bar of their own.
	rowH := catRow().MinSize().Height + theme.Padding()
	shown := min(n, maxBarRows)
	middle := []fyne.CanvasObject{section(lang.L("Points by category")),
		container.New(heightLayout{float32(shown)*rowH + theme.Padding()}, p.cats)}
	if len(v.ws.Catalog.Vetoes) > 0 {
		middle = append(middle, widget.NewSeparator(), section(lang.L("One-vote vetoes")))
		hint := wrapped(vetoHint(v.ws.Catalog)) // vetoes.go
		middle = append(middle, muted(hint))
		for _, vt := range v.ws.Catalog.Vetoes {
			c := widget.NewCheck(vetoLabel(v.ws.Catalog, vt), func(bool) { p.onVetoChanged() })
			p.vetoes = append(p.vetoes, c)
			middle = append(middle, c)
		}
	}
	p.vetoNote = problemLabel()
	middle = append(middle, p.vetoNote)

	p.lostList = widget.NewList(
		func() int { return len(p.lost) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("A1.1 Template title")
			title.Truncation = fyne.TextTruncateEllipsis
			pts := widget.NewLabel("−00.00")
			pts.Importance = widget.DangerImportance
			return container.NewBorder(nil, nil, nil, pts, title)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(p.lost) {
				return
			}
			c := o.(*fyne.Container)
			is := p.lost[i]
			title := is.ID
			if it := v.ws.Catalog.Item(is.ID); it != nil {
				title += " " + it.Title
			}
			c.Objects[0].(*widget.Label).SetText(title)
			c.Objects[1].(*widget.Label).SetText(lang.L("−{{.Lost}} points", map[string]any{"Lost": kit.Number(is.Lost())}))
		})
	p.lostList.OnSelected = p.onLostSelected
	p.lostNone = widget.NewLabel(lang.L("No answered item has lost points."))
	p.noneBox = muted(p.lostNone)
	lostHead := container.NewVBox(section(lang.L("Points lost (click to go to the item)")), p.noneBox)

	split := container.NewVSplit(container.NewVScroll(container.NewVBox(middle...)),
		container.NewBorder(lostHead, nil, nil, nil, p.lostList))
	split.Offset = 0.62
	p.content = container.NewBorder(top, nil, nil, nil, split)
	return p
}

// refresh shows the view's current result.
func (p *scorePanel) refresh() {
	v := p.v
	r := v.scores.result
	c := v.ws.Catalog
	p.final.SetText(finalText(r)) // roundpending.go: 待全市汇总后计分 with the range
	p.grade.SetText(gradeText(c, r))
	p.itemGrades.SetText(itemGradesText(c, r))
	p.itemGrades.Hidden = p.itemGrades.Text == ""
	p.progress.SetText(lang.L("Answered {{.Answered}} of {{.Applicable}} items · applicable points {{.Max}} · bonus {{.Bonus}}",
		map[string]any{"Answered": r.Answered, "Applicable": r.Applicable, "Max": kit.Number(r.ApplicableMax), "Bonus": kit.Number(r.Bonus)}))
	p.formula.SetText(lowEnd(r) + formulaText(c, r)) // roundpending.go: 按可得最低分

	var lines []string
	// Categories under the same ratio and grade make one sentence.
	type ratioCap struct {
		ratio float64
		grade string
	}
	var order []ratioCap
	names := make(map[ratioCap][]string)
	for _, h := range r.Caps {
		if h.Kind == "category_ratio_below" {
			k := ratioCap{h.Ratio, h.MaxGrade}
			if _, seen := names[k]; !seen {
				order = append(order, k)
			}
			name := h.Ref
			if cat := c.Category(h.Ref); cat != nil {
				name = cat.ID + " " + cat.Title
			}
			names[k] = append(names[k], name)
			continue
		}
		name := h.Ref
		if it := c.Item(h.Ref); it != nil {
			name = it.ID + " " + it.Title
		}
		if is, _ := v.scores.item(h.Ref); is.Status == domain.StatusUnanswered {
			// Not lost: not answered yet. The cap holds only until it is.
			lines = append(lines, lang.L("{{.Name}} is not answered yet: if it loses points, the grade is at best {{.Grade}}.",
				map[string]any{"Name": name, "Grade": h.MaxGrade}))
			continue
		}
		lines = append(lines, lang.L("{{.Name}} lost points, so the grade is at best {{.Grade}}.",
			map[string]any{"Name": name, "Grade": h.MaxGrade}))
	}
	for _, k := range order {
		line := lang.L("{{.Name}} scored under {{.Ratio}}% of its points, so the grade is at best {{.Grade}}.",
			map[string]any{"Name": strings.Join(names[k], lang.L(", ")), "Ratio": kit.Number(k.ratio * 100), "Grade": k.grade})
		for _, h := range r.Caps {
			if cat := c.Category(h.Ref); h.Kind == "category_ratio_below" && h.Ratio == k.ratio && h.MaxGrade == k.grade &&
				cat != nil && v.scores.unansweredIn(cat) {
				line += " " + lang.L("Some of its items are not answered yet.")
				break
			}
		}
		lines = append(lines, line)
	}
	lines = append(lines, shapeLines(c, r)...) // vetoes.go: what each veto and category rule did
	p.caps.SetText(strings.Join(lines, "\n"))
	if len(lines) == 0 {
		p.caps.Hide()
	} else {
		p.caps.Show()
	}

	for i, cat := range c.Categories {
		score, max := v.scores.shown(c, cat.ID)
		shown := kit.Number(score)
		if lo, hi, ok := categoryReach(cat, r); ok { // roundpending.go: the range while it waits
			shown = kit.Number(lo) + "–" + kit.Number(hi)
		}
		p.barText[i] = lang.L("{{.Score}} / {{.Max}}", map[string]any{"Score": shown, "Max": kit.Number(max)})
		p.barValue[i] = 0
		if max > 0 {
			p.barValue[i] = score / max
		}
	}
	p.cats.Refresh()

	p.loading = true
	on := make(map[string]bool)
	for _, id := range v.ws.Answers.Vetoes {
		on[id] = true
	}
	for i, vt := range c.Vetoes {
		p.vetoes[i].SetChecked(on[vt.ID])
		if v.readOnly {
			p.vetoes[i].Disable()
		} else {
			p.vetoes[i].Enable()
		}
	}
	p.loading = false

	p.lost = p.lost[:0]
	bonus := make(map[string]bool)
	for _, it := range c.Items() {
		if it.Bonus {
			bonus[it.ID] = true
		}
	}
	for _, is := range r.Items {
		if is.Status == domain.StatusAnswered && is.Lost() > 0 && !bonus[is.ID] {
			p.lost = append(p.lost, is)
		}
	}
	sort.SliceStable(p.lost, func(i, j int) bool { return p.lost[i].Lost() > p.lost[j].Lost() })
	if len(p.lost) == 0 {
		p.noneBox.Show()
	} else {
		p.noneBox.Hide()
	}
	p.lostList.Refresh()
}

func (p *scorePanel) onLostSelected(i widget.ListItemID) {
	p.lostList.UnselectAll()
	if i < len(p.lost) {
		p.v.ShowItem(p.lost[i].ID)
	}
}

// onVetoChanged stores the vetoes the unit ticks.
func (p *scorePanel) onVetoChanged() {
	if p.loading || p.v.readOnly {
		return
	}
	v := p.v
	var ids []string
	for i, vt := range v.ws.Catalog.Vetoes {
		if p.vetoes[i].Checked {
			ids = append(ids, vt.ID)
		}
	}
	v.ws.Answers.Vetoes = ids
	v.rescore()
	p.refresh()
	svc := v.deps.Answers
	id := v.ws.Assessment.ID
	ctx := v.ctx()
	send := append([]string(nil), ids...)
	v.background(func() func() {
		_, err := svc.SetVetoes(ctx, id, send)
		return func() {
			if err != nil {
				showProblem(p.vetoNote, lang.L("The vetoes were not saved: {{.Reason}} Tick the box again to retry.",
					map[string]any{"Reason": kit.ErrorText(err)}))
				return
			}
			showProblem(p.vetoNote, "")
			v.bar.setStatus(lang.L("Saved {{.Time}}", map[string]any{"Time": v.now().Format("15:04:05")}))
		}
	})
}

// formulaText explains in one line how the final score is made: the raw
// points over the applicable maximum, scaled to the catalog's total, plus
// the bonus up to its cap.
func formulaText(c *domain.Catalog, r *domain.Result) string {
	args := map[string]any{"Raw": kit.Number(r.Raw), "Max": kit.Number(r.ApplicableMax), "Total": kit.Number(r.Total),
		"Scaled": kit.Number(r.Scaled), "Bonus": kit.Number(r.Bonus)}
	if c.BonusCap != nil {
		args["Cap"] = kit.Number(*c.BonusCap)
		return lang.L("Raw {{.Raw}} of the applicable {{.Max}} points, scaled to {{.Total}}: {{.Scaled}}; plus bonus {{.Bonus}} (at most {{.Cap}}).", args)
	}
	return lang.L("Raw {{.Raw}} of the applicable {{.Max}} points, scaled to {{.Total}}: {{.Scaled}}; plus bonus {{.Bonus}}.", args)
}

// itemGradesText counts the items of each item grade in the order of the
// catalog's bands: "逐项等级：优秀 25 项、良好 11 项"; "" when the catalog grades
// no items or none is graded yet.
func itemGradesText(c *domain.Catalog, r *domain.Result) string {
	if len(r.ItemGrades) == 0 {
		return ""
	}
	var parts []string
	seen := map[string]bool{}
	add := func(bands []domain.ItemGradeBand) {
		for _, b := range bands {
			if n := r.ItemGrades[b.Grade]; n > 0 && !seen[b.Grade] {
				seen[b.Grade] = true
				parts = append(parts, lang.L("{{.Grade}} {{.Count}} items", map[string]any{"Grade": b.Grade, "Count": n}))
			}
		}
	}
	add(c.ItemGrades)
	for _, it := range c.Items() {
		add(c.ItemGradeBands(it.ID))
	}
	return lang.L("Item grades: {{.Counts}}", map[string]any{"Counts": strings.Join(parts, lang.L(", "))})
}

// setStanding shows where the assessment stands in its round: nil hides it.
func (p *scorePanel) setStanding(st *domain.Standing) {
	p.standing.SetText(standingText(st))
	p.standing.Hidden = p.standing.Text == ""
	p.standing.Refresh()
}

// standingText says where an assessment stands: "本轮排名：分县局第3名（共8
// 个单位参与排名）·目标第1名：差71分，先补B1.5、C1.2" (standing.Text).
func standingText(st *domain.Standing) string {
	if st == nil {
		return ""
	}
	return lang.L("Round ranking: {{.Standing}}", map[string]any{"Standing": standing.Text(st)})
}
