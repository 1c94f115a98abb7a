package catalog

import (
	"bytes"
	"fmt"
	"slices"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
	"pingce/internal/yamlnode"
)

// Marshal writes the catalog as canonical pingce/catalog@1 YAML: keys in the
// order of docs/formats.md, small mappings in flow style, no comments. The
// output is deterministic, and Parse reads it back to an equal catalog
// (Item.Bonus comes from the categories, as the format says).
func Marshal(c *domain.Catalog) ([]byte, error) {
	if c == nil {
		return nil, domain.Errorf(domain.EINVALID, "marshal catalog: no catalog")
	}
	if hasNil(c.Categories) {
		return nil, domain.Errorf(domain.EINVALID, "marshal catalog %s: the tree holds a nil category or item", c.Ref())
	}
	var m yamlnode.Mapping
	m.Str("format", domain.CatalogFormat)
	m.Str("id", c.ID)
	m.Str("version", c.Version)
	m.Str("title", c.Title)
	m.Opt("source", c.Source)
	m.Num("total", c.Total)
	if len(c.UnitTypes) > 0 {
		m.Add("unit_types", yamlnode.StrList(c.UnitTypes))
	}
	grades := yamlnode.Seq(false)
	for _, g := range c.Grades {
		var gm yamlnode.Mapping
		gm.Num("min", g.Min)
		gm.Str("grade", g.Grade)
		gradeGateNodes(&gm, g) // round.go
		grades.Content = append(grades.Content, gm.Node(true))
	}
	m.Add("grades", grades)
	if len(c.ItemGrades) > 0 {
		m.Add("item_grades", itemGradesNode(c.ItemGrades))
	}
	if len(c.Caps) > 0 {
		caps := yamlnode.Seq(false)
		for _, cp := range c.Caps {
			var cm yamlnode.Mapping
			switch {
			case cp.BelowAverage != "":
				cm.Str("below_average", cp.BelowAverage)
			case cp.CategoryRatioBelow != nil:
				cm.Num("category_ratio_below", *cp.CategoryRatioBelow)
			default:
				cm.Str("item_lost", cp.ItemLost)
			}
			cm.Str("max_grade", cp.MaxGrade)
			caps.Content = append(caps.Content, cm.Node(true))
		}
		m.Add("caps", caps)
	}
	if len(c.Vetoes) > 0 {
		vs := yamlnode.Seq(false)
		for _, v := range c.Vetoes {
			var vm yamlnode.Mapping
			vm.Str("id", v.ID)
			vm.Str("title", v.Title)
			vm.Opt("effect", v.Effect)
			if v.Points != 0 {
				vm.Num("points", v.Points)
			}
			vs.Content = append(vs.Content, vm.Node(true))
		}
		m.Add("vetoes", vs)
	}
	m.Opt("veto_grade", c.VetoGrade)
	if c.BonusCap != nil {
		var bm yamlnode.Mapping
		bm.Num("cap", *c.BonusCap)
		m.Add("bonus", bm.Node(true))
	}
	cats := yamlnode.Seq(false)
	for _, cat := range c.Categories {
		cats.Content = append(cats.Content, categoryNode(cat))
	}
	m.Add("categories", cats)

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(m.Node(false)); err != nil {
		return nil, fmt.Errorf("marshal catalog %s: %w", c.Ref(), err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("marshal catalog %s: %w", c.Ref(), err)
	}
	return buf.Bytes(), nil
}

// hasNil reports whether the tree holds a nil category, item or part.
func hasNil(cs []*domain.Category) bool {
	for _, cat := range cs {
		if cat == nil || hasNil(cat.Categories) {
			return true
		}
		for _, it := range cat.Items {
			if it == nil || slices.Contains(it.Parts, nil) {
				return true
			}
		}
	}
	return false
}

// itemGradesNode writes item grade bands, one flow mapping a band.
func itemGradesNode(bands []domain.ItemGradeBand) *yaml.Node {
	seq := yamlnode.Seq(false)
	for _, b := range bands {
		var bm yamlnode.Mapping
		bm.Num("min_ratio", b.MinRatio)
		bm.Str("grade", b.Grade)
		seq.Content = append(seq.Content, bm.Node(true))
	}
	return seq
}

func categoryNode(cat *domain.Category) *yaml.Node {
	var m yamlnode.Mapping
	m.Str("id", cat.ID)
	m.Str("title", cat.Title)
	if cat.Bonus {
		m.Bool("bonus", true)
	}
	if len(cat.ItemGrades) > 0 {
		m.Add("item_grades", itemGradesNode(cat.ItemGrades))
	}
	if cat.DeductCap != nil {
		m.Num("deduct_cap", *cat.DeductCap)
	}
	if cat.BonusCap != nil {
		m.Num("bonus_cap", *cat.BonusCap)
	}
	if len(cat.Items) > 0 {
		items := yamlnode.Seq(false)
		for _, it := range cat.Items {
			items.Content = append(items.Content, itemNode(it, false))
		}
		m.Add("items", items)
	}
	if len(cat.Categories) > 0 {
		subs := yamlnode.Seq(false)
		for _, sub := range cat.Categories {
			subs.Content = append(subs.Content, categoryNode(sub))
		}
		m.Add("categories", subs)
	}
	return m.Node(false)
}

// itemNode writes an item; a part is written in flow style when it is small.
func itemNode(it *domain.Item, part bool) *yaml.Node {
	var m yamlnode.Mapping
	m.Str("id", it.ID)
	m.Str("title", it.Title)
	m.Opt("requirement", it.Requirement)
	if len(it.Evidence) > 0 {
		m.Add("evidence", yamlnode.StrList(it.Evidence))
	}
	if it.EvidenceRequired {
		m.Bool("evidence_required", true)
	}
	if len(it.AppliesTo) > 0 {
		m.Add("applies_to", yamlnode.StrList(it.AppliesTo))
	}
	m.Num("max", it.Max)
	m.Opt("scoring", it.Scoring)
	m.Opt("basis", it.Basis)
	m.Opt("lead", it.Lead)
	m.Opt("unit", it.Unit)
	m.Opt("na", it.NA)
	if it.IsComposite() {
		parts := yamlnode.Seq(false)
		for _, p := range it.Parts {
			parts.Content = append(parts.Content, itemNode(p, true))
		}
		m.Add("parts", parts)
		return m.Node(false)
	}
	m.Str("method", string(it.Method))
	if it.Change {
		m.Bool("change", true)
	}
	if it.Difference {
		m.Bool("difference", true)
	}
	if len(it.Exact) > 0 {
		es := yamlnode.Seq(true)
		for _, e := range it.Exact {
			var em yamlnode.Mapping
			em.Num("value", e.Value)
			em.Num("points", e.Points)
			es.Content = append(es.Content, em.Node(true))
		}
		m.Add("exact", es)
	}
	if len(it.Levels) > 0 {
		ls := yamlnode.Seq(false)
		for _, l := range it.Levels {
			var lm yamlnode.Mapping
			lm.Str("label", l.Label)
			lm.Num("points", l.Points)
			ls.Content = append(ls.Content, lm.Node(true))
		}
		m.Add("levels", ls)
	}
	ruleNodes(&m, it)
	roundNodes(&m, it) // round.go
	if len(it.ByUnitType) > 0 {
		var bm yamlnode.Mapping
		types := make([]string, 0, len(it.ByUnitType))
		for t := range it.ByUnitType {
			types = append(types, t)
		}
		slices.Sort(types)
		for _, t := range types {
			var rm yamlnode.Mapping
			ruleNodes(&rm, it.ByUnitType[t])
			bm.Add(t, rm.Node(false))
		}
		m.Add("by_unit_type", bm.Node(false))
	}
	if it.Per != 0 {
		m.Num("per", it.Per)
	}
	if it.Floor != 0 {
		m.Num("floor", it.Floor)
	}
	if it.ZeroAt != 0 {
		m.Num("zero_at", float64(it.ZeroAt))
	}
	if ov := it.Overflow; ov != nil {
		var om yamlnode.Mapping
		om.Num("at", ov.At)
		om.Num("extra", ov.Extra)
		m.Add("overflow", om.Node(true))
	}
	if it.Uncapped {
		m.Bool("uncapped", true)
	}
	countedNodes(&m, it) // tiered.go
	small := it.Requirement == "" && len(it.Evidence) == 0 && len(it.AppliesTo) == 0 &&
		it.Scoring == "" && it.Basis == "" && it.Lead == "" && len(it.Levels) == 0 && len(it.Bands) == 0 &&
		it.Linear == nil && it.Shortfall == nil && len(it.Piecewise) == 0 && len(it.ByUnitType) == 0 && len(it.Exact) == 0 &&
		len(it.Kinds) == 0 && len(it.Multipliers) == 0
	return m.Node(part || small)
}

// ruleNodes writes the rule keys of a numeric item (bands, linear,
// shortfall, piecewise, slope) into m.
func ruleNodes(m *yamlnode.Mapping, it *domain.Item) {
	if it == nil {
		return
	}
	if len(it.Bands) > 0 {
		bs := yamlnode.Seq(true)
		for _, b := range it.Bands {
			var bm yamlnode.Mapping
			if b.AtLeast != nil {
				bm.Num("at_least", *b.AtLeast)
			}
			if b.AtMost != nil {
				bm.Num("at_most", *b.AtMost)
			}
			bm.Num("points", b.Points)
			bs.Content = append(bs.Content, bm.Node(true))
		}
		m.Add("bands", bs)
	}
	if l := it.Linear; l != nil {
		var lm yamlnode.Mapping
		lm.Num("zero", l.Zero)
		lm.Num("full", l.Full)
		m.Add("linear", lm.Node(true))
	}
	if s := it.Shortfall; s != nil {
		var sm yamlnode.Mapping
		sm.Num("target", s.Target)
		sm.Num("step", s.Step)
		sm.Num("per", s.Per)
		if s.LowerIsBetter {
			sm.Bool("lower_is_better", true)
		}
		if s.WholeSteps {
			sm.Bool("whole_steps", true)
		}
		m.Add("shortfall", sm.Node(true))
	}
	if len(it.Piecewise) > 0 {
		ps := yamlnode.Seq(true)
		for _, sg := range it.Piecewise {
			var pm yamlnode.Mapping
			if sg.Below != nil {
				pm.Num("below", *sg.Below)
			}
			if sg.Above != nil {
				pm.Num("above", *sg.Above)
			}
			pm.Num("per", sg.Per)
			ps.Content = append(ps.Content, pm.Node(true))
		}
		m.Add("piecewise", ps)
	}
	if sl := it.Slope; sl != nil {
		var sm yamlnode.Mapping
		sm.Num("base", sl.Base)
		sm.Num("points", sl.Points)
		sm.Num("per", sl.Per)
		if sl.LowerIsBetter {
			sm.Bool("lower_is_better", true)
		}
		m.Add("slope", sm.Node(true))
	}
}
