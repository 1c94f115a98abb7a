package catalog

import (
	"math"

	"pingce/internal/domain"
	"pingce/internal/yamlnode"
)

// counted reads the answer-side shapes of a count or deduct item: kinds
// (tiered counts), multipliers (a marked occurrence counts times times)
// and discretion (the reviewer's range). Catalog.Check checks them.
func (d *decoder) counted(o *object, it *domain.Item) {
	if o.Has("kinds") {
		readList(d, o, "kinds", "a kind", &it.Kinds, func(ko *object) domain.Kind {
			ko.Allow("key", "label", "per")
			return domain.Kind{Key: ko.Str("key", true), Label: ko.Str("label", true), Per: num(ko, "per", true)}
		})
	}
	if o.Has("multipliers") {
		readList(d, o, "multipliers", "a multiplier", &it.Multipliers, func(mo *object) domain.Multiplier {
			mo.Allow("key", "label", "times")
			return domain.Multiplier{Key: mo.Str("key", true), Label: mo.Str("label", true), Times: num(mo, "times", true)}
		})
	}
	if o.Has("discretion") {
		ds := &domain.Discretion{Min: math.NaN(), Max: math.NaN()}
		it.Discretion = ds
		d.put(ds, o, "discretion")
		if do := d.Object(o.Value("discretion"), "discretion", o.Item, "discretion"); do != nil {
			do.Allow("min", "max")
			ds.Min, ds.Max = num(do, "min", true), num(do, "max", true)
			d.put(ds, do, "")
		}
	}
}

// readList reads the non-empty list of mappings under key of o into
// *dst, each by read, and records where each element was read. The list
// is empty, not nil, when none could be read: Check knows the item has it.
func readList[T any](d *decoder, o *object, key, what string, dst *[]T, read func(*object) T) {
	*dst = []T{}
	var objs []*object
	for _, n := range o.NonEmptyList(key, yamlnode.ProbEmptyList, "{key} must not be empty") {
		if eo := d.Object(n, key, o.Item, what); eo != nil {
			*dst = append(*dst, read(eo))
			objs = append(objs, eo)
		}
	}
	for i, eo := range objs { // after the last append: the elements do not move any more
		d.put(&(*dst)[i], eo, "")
	}
}

// countedNodes writes the kinds, multipliers and discretion of an item into m.
func countedNodes(m *yamlnode.Mapping, it *domain.Item) {
	if len(it.Kinds) > 0 {
		ks := yamlnode.Seq(false)
		for _, k := range it.Kinds {
			var km yamlnode.Mapping
			km.Str("key", k.Key)
			km.Str("label", k.Label)
			km.Num("per", k.Per)
			ks.Content = append(ks.Content, km.Node(true))
		}
		m.Add("kinds", ks)
	}
	if len(it.Multipliers) > 0 {
		ms := yamlnode.Seq(false)
		for _, mu := range it.Multipliers {
			var mm yamlnode.Mapping
			mm.Str("key", mu.Key)
			mm.Str("label", mu.Label)
			mm.Num("times", mu.Times)
			ms.Content = append(ms.Content, mm.Node(true))
		}
		m.Add("multipliers", ms)
	}
	if ds := it.Discretion; ds != nil {
		var dm yamlnode.Mapping
		dm.Num("min", ds.Min)
		dm.Num("max", ds.Max)
		m.Add("discretion", dm.Node(true))
	}
}
