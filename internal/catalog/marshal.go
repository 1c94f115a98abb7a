package catalog

import (
	"bytes"
	"fmt"
	"slices"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
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
	var m mapping
	m.str("format", domain.CatalogFormat)
	m.str("id", c.ID)
	m.str("version", c.Version)
	m.str("title", c.Title)
	m.opt("source", c.Source)
	m.num("total", c.Total)
	if len(c.UnitTypes) > 0 {
		m.add("unit_types", strList(c.UnitTypes))
	}
	grades := seq(false)
	for _, g := range c.Grades {
		var gm mapping
		gm.num("min", g.Min)
		gm.str("grade", g.Grade)
		grades.Content = append(grades.Content, gm.node(true))
	}
	m.add("grades", grades)
	if len(c.Caps) > 0 {
		caps := seq(false)
		for _, cp := range c.Caps {
			var cm mapping
			if cp.CategoryRatioBelow != nil {
				cm.num("category_ratio_below", *cp.CategoryRatioBelow)
			} else {
				cm.str("item_lost", cp.ItemLost)
			}
			cm.str("max_grade", cp.MaxGrade)
			caps.Content = append(caps.Content, cm.node(true))
		}
		m.add("caps", caps)
	}
	if len(c.Vetoes) > 0 {
		vs := seq(false)
		for _, v := range c.Vetoes {
			var vm mapping
			vm.str("id", v.ID)
			vm.str("title", v.Title)
			vs.Content = append(vs.Content, vm.node(true))
		}
		m.add("vetoes", vs)
	}
	m.opt("veto_grade", c.VetoGrade)
	if c.BonusCap != nil {
		var bm mapping
		bm.num("cap", *c.BonusCap)
		m.add("bonus", bm.node(true))
	}
	cats := seq(false)
	for _, cat := range c.Categories {
		cats.Content = append(cats.Content, categoryNode(cat))
	}
	m.add("categories", cats)

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(m.node(false)); err != nil {
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

func categoryNode(cat *domain.Category) *yaml.Node {
	var m mapping
	m.str("id", cat.ID)
	m.str("title", cat.Title)
	if cat.Bonus {
		m.boolean("bonus", true)
	}
	if len(cat.Items) > 0 {
		items := seq(false)
		for _, it := range cat.Items {
			items.Content = append(items.Content, itemNode(it, false))
		}
		m.add("items", items)
	}
	if len(cat.Categories) > 0 {
		subs := seq(false)
		for _, sub := range cat.Categories {
			subs.Content = append(subs.Content, categoryNode(sub))
		}
		m.add("categories", subs)
	}
	return m.node(false)
}

// itemNode writes an item; a part is written in flow style when it is small.
func itemNode(it *domain.Item, part bool) *yaml.Node {
	var m mapping
	m.str("id", it.ID)
	m.str("title", it.Title)
	m.opt("requirement", it.Requirement)
	if len(it.Evidence) > 0 {
		m.add("evidence", strList(it.Evidence))
	}
	if it.EvidenceRequired {
		m.boolean("evidence_required", true)
	}
	if len(it.AppliesTo) > 0 {
		m.add("applies_to", strList(it.AppliesTo))
	}
	m.num("max", it.Max)
	m.opt("scoring", it.Scoring)
	m.opt("basis", it.Basis)
	m.opt("unit", it.Unit)
	if it.IsComposite() {
		parts := seq(false)
		for _, p := range it.Parts {
			parts.Content = append(parts.Content, itemNode(p, true))
		}
		m.add("parts", parts)
		return m.node(false)
	}
	m.str("method", string(it.Method))
	if it.Change {
		m.boolean("change", true)
	}
	if len(it.Levels) > 0 {
		ls := seq(false)
		for _, l := range it.Levels {
			var lm mapping
			lm.str("label", l.Label)
			lm.num("points", l.Points)
			ls.Content = append(ls.Content, lm.node(true))
		}
		m.add("levels", ls)
	}
	if len(it.Bands) > 0 {
		bs := seq(true)
		for _, b := range it.Bands {
			var bm mapping
			if b.AtLeast != nil {
				bm.num("at_least", *b.AtLeast)
			}
			if b.AtMost != nil {
				bm.num("at_most", *b.AtMost)
			}
			bm.num("points", b.Points)
			bs.Content = append(bs.Content, bm.node(true))
		}
		m.add("bands", bs)
	}
	if l := it.Linear; l != nil {
		var lm mapping
		lm.num("zero", l.Zero)
		lm.num("full", l.Full)
		m.add("linear", lm.node(true))
	}
	if s := it.Shortfall; s != nil {
		var sm mapping
		sm.num("target", s.Target)
		sm.num("step", s.Step)
		sm.num("per", s.Per)
		if s.LowerIsBetter {
			sm.boolean("lower_is_better", true)
		}
		if s.WholeSteps {
			sm.boolean("whole_steps", true)
		}
		m.add("shortfall", sm.node(true))
	}
	if it.Per != 0 {
		m.num("per", it.Per)
	}
	if it.Floor != 0 {
		m.num("floor", it.Floor)
	}
	if it.ZeroAt != 0 {
		m.num("zero_at", float64(it.ZeroAt))
	}
	small := it.Requirement == "" && len(it.Evidence) == 0 && len(it.AppliesTo) == 0 &&
		it.Scoring == "" && it.Basis == "" && len(it.Levels) == 0 && len(it.Bands) == 0 &&
		it.Linear == nil && it.Shortfall == nil
	return m.node(part || small)
}

// mapping builds a YAML mapping node key by key.
type mapping struct{ content []*yaml.Node }

func (m *mapping) add(key string, v *yaml.Node) {
	m.content = append(m.content, scalar("!!str", key), v)
}

func (m *mapping) str(key, v string) { m.add(key, scalar("!!str", v)) }

// opt adds key only when v is not empty.
func (m *mapping) opt(key, v string) {
	if v != "" {
		m.str(key, v)
	}
}

func (m *mapping) num(key string, f float64) { m.add(key, numNode(f)) }

func (m *mapping) boolean(key string, b bool) {
	v := "false"
	if b {
		v = "true"
	}
	m.add(key, scalar("!!bool", v))
}

func (m *mapping) node(flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: m.content}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

func scalar(tag, v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}
}

// numNode writes a number as a plain scalar; YAML resolves it back to the number.
func numNode(f float64) *yaml.Node { return scalar("", formatNumber(f)) }

func seq(flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

func strList(ss []string) *yaml.Node {
	n := seq(true)
	for _, s := range ss {
		n.Content = append(n.Content, scalar("!!str", s))
	}
	return n
}
