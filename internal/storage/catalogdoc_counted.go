package storage

import "pingce/internal/domain"

// The stored form of the answer-side rule shapes of issue 15 (formats.md
// §1): kinds (tiered counts), multipliers and discretion. Their fields in
// itemDoc are omitempty, so the documents of catalogs without them, hence
// their hashes, do not change.

type kindDoc struct {
	Key   string  `json:"key"`
	Label string  `json:"label"`
	Per   float64 `json:"per"`
}

type multiplierDoc struct {
	Key   string  `json:"key"`
	Label string  `json:"label"`
	Times float64 `json:"times"`
}

type discretionDoc struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// countedDocs fills the document's kinds, multipliers and discretion from it.
func (d *itemDoc) countedDocs(it *domain.Item, t *textChecker) {
	for _, k := range it.Kinds {
		d.Kinds = append(d.Kinds, kindDoc{Key: t.s("kind key", k.Key), Label: t.s("kind label", k.Label), Per: k.Per})
	}
	for _, m := range it.Multipliers {
		d.Multipliers = append(d.Multipliers, multiplierDoc{Key: t.s("multiplier key", m.Key),
			Label: t.s("multiplier label", m.Label), Times: m.Times})
	}
	if ds := it.Discretion; ds != nil {
		d.Discretion = &discretionDoc{Min: ds.Min, Max: ds.Max}
	}
}

// countedRules sets the item's kinds, multipliers and discretion from the document.
func (d *itemDoc) countedRules(it *domain.Item) {
	for _, k := range d.Kinds {
		it.Kinds = append(it.Kinds, domain.Kind{Key: k.Key, Label: k.Label, Per: k.Per})
	}
	for _, m := range d.Multipliers {
		it.Multipliers = append(it.Multipliers, domain.Multiplier{Key: m.Key, Label: m.Label, Times: m.Times})
	}
	if ds := d.Discretion; ds != nil {
		it.Discretion = &domain.Discretion{Min: ds.Min, Max: ds.Max}
	}
}
