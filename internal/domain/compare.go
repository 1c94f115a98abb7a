package domain

// Comparison sets two scores of one catalog side by side, category by
// category and item by item: two rounds of one unit (进步 / 退步), or two
// units of one round.
type Comparison struct {
	Categories []CompareRow
	Items      []CompareRow
}

// Change says how an item or category moved from A to B.
type Change string

// The changes of a comparison row.
const (
	ChangeUp    Change = "up"     // 进步: B scored more
	ChangeDown  Change = "down"   // 退步: B scored less
	ChangeSame  Change = "same"   // 持平
	ChangeOnlyA Change = "only_a" // applies to A only (another unit type, an item B's version lacks)
	ChangeOnlyB Change = "only_b" // applies to B only
)

// CompareRow is one category or item of a comparison.
type CompareRow struct {
	ID, Title string
	A, B      float64 // points; 0 where the row does not apply
	MaxA      float64
	MaxB      float64
	Diff      float64 // B − A, rounded to hundredths
	Change    Change
}

// Compare compares the scores a and b, both of catalogs with the ids of
// cat (whose titles name the rows; a row missing from cat keeps its id as
// its title). Items excluded or not applicable on one side only are marked
// only_a or only_b.
func Compare(cat *Catalog, a, b *Result) Comparison {
	title := func(id string) string {
		if cat != nil {
			if it := cat.Item(id); it != nil {
				return it.Title
			}
			if c := cat.Category(id); c != nil {
				return c.Title
			}
		}
		return id
	}
	var out Comparison
	catB := map[string]CategoryScore{}
	for _, c := range b.Categories {
		catB[c.ID] = c
	}
	seen := map[string]bool{}
	for _, ca := range a.Categories {
		cb, ok := catB[ca.ID]
		seen[ca.ID] = true
		row := CompareRow{ID: ca.ID, Title: title(ca.ID), A: ca.Score, MaxA: ca.Max}
		if ok {
			row.B, row.MaxB = cb.Score, cb.Max
		}
		out.Categories = append(out.Categories, finish(row, ca.Max > 0, ok && cb.Max > 0))
	}
	for _, cb := range b.Categories {
		if !seen[cb.ID] {
			out.Categories = append(out.Categories, finish(CompareRow{ID: cb.ID, Title: title(cb.ID), B: cb.Score, MaxB: cb.Max}, false, cb.Max > 0))
		}
	}
	itemB := map[string]ItemScore{}
	for _, it := range b.Items {
		itemB[it.ID] = it
	}
	applies := func(s ItemScore) bool { return s.Status != StatusNA && s.Status != StatusExcluded }
	seen = map[string]bool{}
	for _, ia := range a.Items {
		ib, ok := itemB[ia.ID]
		seen[ia.ID] = true
		row := CompareRow{ID: ia.ID, Title: title(ia.ID), A: ia.Score, MaxA: ia.Max}
		if ok {
			row.B, row.MaxB = ib.Score, ib.Max
		}
		out.Items = append(out.Items, finish(row, applies(ia), ok && applies(ib)))
	}
	for _, ib := range b.Items {
		if !seen[ib.ID] {
			out.Items = append(out.Items, finish(CompareRow{ID: ib.ID, Title: title(ib.ID), B: ib.Score, MaxB: ib.Max}, false, applies(ib)))
		}
	}
	return out
}

// finish sets the row's difference and change.
func finish(r CompareRow, inA, inB bool) CompareRow {
	switch {
	case inA && !inB:
		r.Change = ChangeOnlyA
		r.B, r.MaxB = 0, 0
	case inB && !inA:
		r.Change = ChangeOnlyB
		r.A, r.MaxA = 0, 0
	case !inA && !inB:
		r.Change = ChangeSame
		r.A, r.B = 0, 0
	default:
		r.Diff = Round2(r.B - r.A)
		switch {
		case r.Diff > 0:
			r.Change = ChangeUp
		case r.Diff < 0:
			r.Change = ChangeDown
		default:
			r.Change = ChangeSame
		}
	}
	return r
}
