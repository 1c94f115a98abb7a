package sheet

import (
	"strconv"
	"strings"

	"pingce/internal/domain"
)

// The template columns of the counted shapes (issue 15 #5, #9, #8;
// docs/formats.md §1): a count or deduct item's kinds ("key:label=per"
// a line), its multipliers ("key:label=times" a line) and the reviewer's
// range of points per occurrence (discretion_min, discretion_max).
func init() {
	shapes = append(shapes, shape{sheet: SheetItems,
		cols: []column{{"kinds", "分类计次（键:名称=每次分值，每行一类）"}, {"multipliers", "加倍情形（键:名称=倍数，每行一种）"},
			{"discretion_min", "酌情：每次最少扣"}, {"discretion_max", "酌情：每次最多扣"}},
		write: func(e any, cells map[string]any) {
			it := e.(*domain.Item)
			var kinds, mults []string
			for _, k := range it.Kinds {
				kinds = append(kinds, k.Key+":"+k.Label+"="+domain.CheckNumber(k.Per))
			}
			for _, m := range it.Multipliers {
				mults = append(mults, m.Key+":"+m.Label+"="+domain.CheckNumber(m.Times))
			}
			cells["kinds"], cells["multipliers"] = strings.Join(kinds, "\n"), strings.Join(mults, "\n")
			if d := it.Discretion; d != nil {
				cells["discretion_min"], cells["discretion_max"] = d.Min, d.Max
			}
		},
		read: func(tr *templateReader, w string, row tableRow, e any) {
			it := e.(*domain.Item)
			at := func(key string) string { return w + "!" + row.cells[key] }
			for _, line := range lines(row.vals["kinds"]) {
				if key, label, v, ok := keyed(line); ok {
					it.Kinds = append(it.Kinds, domain.Kind{Key: key, Label: label, Per: v})
					continue
				}
				tr.problem(at("kinds"), it.ID, ProbTemplate, "{value:q} cannot be read as {key}", "key", "kinds", "value", line)
			}
			for i := range it.Kinds {
				tr.at[&it.Kinds[i]] = at("kinds")
			}
			for _, line := range lines(row.vals["multipliers"]) {
				if key, label, v, ok := keyed(line); ok {
					it.Multipliers = append(it.Multipliers, domain.Multiplier{Key: key, Label: label, Times: v})
					continue
				}
				tr.problem(at("multipliers"), it.ID, ProbTemplate, "{value:q} cannot be read as {key}", "key", "multipliers", "value", line)
			}
			for i := range it.Multipliers {
				tr.at[&it.Multipliers[i]] = at("multipliers")
			}
			tr.fieldAt(it, "kinds", at("kinds"))
			tr.fieldAt(it, "multipliers", at("multipliers"))
			dmin, ok1 := tr.num(w, row, "discretion_min")
			dmax, ok2 := tr.num(w, row, "discretion_max")
			if ok1 || ok2 {
				it.Discretion = &domain.Discretion{Min: dmin, Max: dmax}
				tr.at[it.Discretion] = at("discretion_min")
				tr.fieldAt(it, "discretion", at("discretion_min"))
			}
		}})
}

// keyed reads "key:label=number" (a full-width colon too).
func keyed(line string) (key, label string, v float64, ok bool) {
	left, num, ok := cutLast(line)
	if !ok {
		return "", "", 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(textReplacer.Replace(num)), 64)
	if err != nil || !domain.OrdinaryNumber(f) {
		return "", "", 0, false
	}
	left = strings.Replace(left, "：", ":", 1)
	key, label, ok = strings.Cut(left, ":")
	return strings.TrimSpace(key), strings.TrimSpace(label), f, ok
}
