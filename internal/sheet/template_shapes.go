package sheet

import (
	"slices"
	"strconv"
	"strings"

	"pingce/internal/domain"
)

// The template columns of issue 15's rule shapes (docs/formats.md §1 and
// §9): on 类目 the deduction budget and bonus cap, on 指标 difference,
// N/A treatment, exact values, overflow and uncapped counts, the
// piecewise and slope rules (also on 按单位类型), on 否决 a veto's effect
// and points, and the 按单位类型 sheet of rules by unit type.
func init() {
	shapes = append(shapes,
		shape{sheet: SheetCategories, cols: []column{{"deduct_cap", "本项限扣"}, {"bonus_cap", "本类加分上限"}},
			write: func(e any, cells map[string]any) {
				cat := e.(*domain.Category)
				cells["deduct_cap"], cells["bonus_cap"] = cat.DeductCap, cat.BonusCap
			},
			read: func(tr *templateReader, w string, row tableRow, e any) {
				cat := e.(*domain.Category)
				cat.DeductCap = tr.optNum(w, row, "deduct_cap")
				cat.BonusCap = tr.optNum(w, row, "bonus_cap")
				tr.fieldAt(cat, "deduct_cap", w+"!"+row.cells["deduct_cap"])
				tr.fieldAt(cat, "bonus_cap", w+"!"+row.cells["bonus_cap"])
			}},
		shape{sheet: sheetRule, cols: []column{{"piecewise", "分段扣分（<值=每低1扣分，>值=每高1扣分，每行一段）"},
			{"slope_base", "基数：基数值"}, {"slope_points", "基数：基数得分"}, {"slope_per", "基数：每差1增减"},
			{"slope_lower_is_better", "基数：越低越好"}},
			write: writeSlopes, read: readSlopes},
		shape{sheet: SheetItems, cols: []column{{"difference", "按差值计（本期−基期）"}, {"na", "不适用时（exclude 不计入/full 满分）"},
			{"exact", "固定值（值=分值，每行一个）"}, {"overflow_at", "追加扣分：扣满"}, {"overflow_extra", "追加扣分：再扣"},
			{"uncapped", "加分不设本项上限"}},
			write: writeItemShapes, read: readItemShapes},
		shape{sheet: SheetVetoes, cols: []column{{"effect", "效果（grade/zero/no_top/deduct…）"}, {"points", "扣分"}},
			write: func(e any, cells map[string]any) {
				v := e.(*domain.Veto)
				cells["effect"], cells["points"] = v.Effect, optNumber(v.Points)
			},
			read: func(tr *templateReader, w string, row tableRow, e any) {
				v := e.(*domain.Veto)
				v.Effect = text(row, "effect")
				v.Points, _ = tr.num(w, row, "points")
			}},
	)
}

func writeSlopes(e any, cells map[string]any) {
	it := e.(*domain.Item)
	var segs []string
	for _, sg := range it.Piecewise {
		switch {
		case sg.Below != nil:
			segs = append(segs, "<"+domain.CheckNumber(*sg.Below)+"="+domain.CheckNumber(sg.Per))
		case sg.Above != nil:
			segs = append(segs, ">"+domain.CheckNumber(*sg.Above)+"="+domain.CheckNumber(sg.Per))
		}
	}
	cells["piecewise"] = strings.Join(segs, "\n")
	if sl := it.Slope; sl != nil {
		cells["slope_base"], cells["slope_points"], cells["slope_per"] = sl.Base, sl.Points, sl.Per
		cells["slope_lower_is_better"] = sl.LowerIsBetter
	}
}

func readSlopes(tr *templateReader, w string, row tableRow, e any) {
	it := e.(*domain.Item)
	at := w + "!" + row.cells["piecewise"]
	tr.fieldAt(it, "piecewise", at)
	for _, line := range lines(row.vals["piecewise"]) {
		bound, per, ok := cutLast(textReplacer.Replace(line))
		p, err1 := strconv.ParseFloat(per, 64)
		var sg domain.Segment
		var v float64
		var err2 error
		switch {
		case strings.HasPrefix(bound, "<"):
			v, err2 = strconv.ParseFloat(strings.TrimPrefix(bound, "<"), 64)
			sg.Below = &v
		case strings.HasPrefix(bound, ">"):
			v, err2 = strconv.ParseFloat(strings.TrimPrefix(bound, ">"), 64)
			sg.Above = &v
		default:
			ok = false
		}
		if !ok || err1 != nil || err2 != nil || !domain.OrdinaryNumber(p) || !domain.OrdinaryNumber(v) {
			tr.problem(at, it.ID, ProbTemplate, "{value:q} cannot be read as {key}", "key", "piecewise", "value", line)
			continue
		}
		sg.Per = p
		it.Piecewise = append(it.Piecewise, sg)
	}
	for i := range it.Piecewise {
		tr.at[&it.Piecewise[i]] = at
	}
	base, ok1 := tr.num(w, row, "slope_base")
	pts, ok2 := tr.num(w, row, "slope_points")
	per, ok3 := tr.num(w, row, "slope_per")
	lower := tr.flag(w, row, "slope_lower_is_better")
	if ok1 || ok2 || ok3 || lower {
		it.Slope = &domain.Slope{Base: base, Points: pts, Per: per, LowerIsBetter: lower}
		tr.at[it.Slope] = w + "!" + row.cells["slope_base"]
	}
}

func writeItemShapes(e any, cells map[string]any) {
	it := e.(*domain.Item)
	var exact []string
	for _, x := range it.Exact {
		exact = append(exact, domain.CheckNumber(x.Value)+"="+domain.CheckNumber(x.Points))
	}
	cells["difference"], cells["na"], cells["exact"], cells["uncapped"] = it.Difference, it.NA, strings.Join(exact, "\n"), it.Uncapped
	if ov := it.Overflow; ov != nil {
		cells["overflow_at"], cells["overflow_extra"] = ov.At, ov.Extra
	}
}

func readItemShapes(tr *templateReader, w string, row tableRow, e any) {
	it := e.(*domain.Item)
	at := func(key string) string { return w + "!" + row.cells[key] }
	it.Difference = tr.flag(w, row, "difference")
	it.Uncapped = tr.flag(w, row, "uncapped")
	it.NA = text(row, "na")
	tr.fieldAt(it, "na", at("na"))
	tr.fieldAt(it, "exact", at("exact"))
	tr.fieldAt(it, "overflow", at("overflow_at"))
	tr.fieldAt(it, "uncapped", at("uncapped"))
	for _, line := range lines(row.vals["exact"]) {
		v, pts, ok := cutLast(textReplacer.Replace(line))
		fv, err1 := strconv.ParseFloat(v, 64)
		fp, err2 := strconv.ParseFloat(pts, 64)
		if !ok || err1 != nil || err2 != nil || !domain.OrdinaryNumber(fv) || !domain.OrdinaryNumber(fp) {
			tr.problem(at("exact"), it.ID, ProbTemplate, "{value:q} cannot be read as {key}", "key", "exact", "value", line)
			continue
		}
		it.Exact = append(it.Exact, domain.Exact{Value: fv, Points: fp})
	}
	for i := range it.Exact {
		tr.at[&it.Exact[i]] = at("exact")
	}
	oa, ok1 := tr.num(w, row, "overflow_at")
	oe, ok2 := tr.num(w, row, "overflow_extra")
	if ok1 || ok2 {
		it.Overflow = &domain.Overflow{At: oa, Extra: oe}
		tr.at[it.Overflow] = at("overflow_at")
	}
}

// optNum reads a number that may be left empty (nil).
func (tr *templateReader) optNum(w string, row tableRow, key string) *float64 {
	f, ok := tr.num(w, row, key)
	if !ok {
		return nil
	}
	return &f
}

// byUnitType writes the 按单位类型 sheet: one row per rule by unit type of
// a numeric item, the types of an item sorted.
func (tw *templateWriter) byUnitType(c *domain.Catalog) {
	cols := sheetCols(SheetByUnitType)
	tw.sheet(SheetByUnitType, cols)
	for _, it := range c.Items() {
		types := make([]string, 0, len(it.ByUnitType))
		for t := range it.ByUnitType {
			types = append(types, t)
		}
		slices.Sort(types)
		for _, t := range types {
			cells := map[string]any{"item": it.ID, "unit_type": t}
			if r := it.ByUnitType[t]; r != nil {
				ruleCells(r, cells)
			}
			tw.rowOf(SheetByUnitType, cols, cells)
		}
	}
}

// byUnitType reads the 按单位类型 sheet (templates before issue 15 lack
// it) into the items by id.
func (tr *templateReader) byUnitType(items map[string]*domain.Item) {
	w := tr.name + "!" + SheetByUnitType
	for _, row := range tr.rows(SheetByUnitType, false) {
		id, t := text(row, "item"), text(row, "unit_type")
		it := items[id]
		if it == nil {
			tr.problem(w+"!"+row.cells["item"], "", ProbTemplateRef, "{key} names {id:q}, which the template does not have", "key", "item", "id", id)
			continue
		}
		if _, twice := it.ByUnitType[t]; twice || t == "" {
			tr.problem(w+"!"+row.cells["unit_type"], it.ID, ProbTemplate, "{value:q} cannot be read as {key}", "key", "unit_type", "value", t)
			continue
		}
		if it.ByUnitType == nil {
			it.ByUnitType = map[string]*domain.Item{}
		}
		r := &domain.Item{ID: it.ID, Max: it.Max, Method: domain.MethodNumeric}
		tr.at[r] = w + "!" + row.cells["unit_type"]
		tr.rule(w, row, r)
		it.ByUnitType[t] = r
		tr.fieldAt(it, "by_unit_type", w+"!"+row.cells["unit_type"])
	}
}
