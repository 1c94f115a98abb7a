package sheet

import (
	"math"
	"strconv"
	"strings"

	"pingce/internal/domain"
)

// The template columns of the round's shapes (issue 15 #7c, #11–#13;
// docs/formats.md §1): na average, a numeric item's relative and rank
// rules on 指标, a grade's requires and quota on 等次, and the cap kind
// below_average on 封顶 (its value the item id).
func init() {
	naChoices = append(naChoices, domain.NAAverage)
	capKinds[domain.CapBelowAverage] = func(cp *domain.Cap, value string) { cp.BelowAverage = value }
	shapes = append(shapes,
		shape{sheet: SheetItems, cols: []column{{"relative_points", "同类平均：达到平均得分"}, {"relative_per", "同类平均：每差1增减"},
			{"relative_lower_is_better", "同类平均：越低越好"}, {"rank_points", "排名：依次得分（、分隔）"}, {"rank_proportional", "排名：按第1名比例"},
			{"rank_top", "排名：前几名计分"}, {"rank_bottom", "排名：末几位扣分"}, {"rank_per", "排名：末位扣分"}, {"rank_lower_is_better", "排名：越低越好"}},
			write: writeRoundRules, read: readRoundRules},
		shape{sheet: SheetGrades, cols: []column{{"requires", "必备指标（须满分，、分隔）"}, {"quota", "比例上限"}},
			write: func(e any, cells map[string]any) {
				g := e.(*domain.GradeBand)
				cells["requires"], cells["quota"] = joinList(g.Requires), g.Quota
			},
			read: func(tr *templateReader, w string, row tableRow, e any) {
				g := e.(*domain.GradeBand)
				g.Requires = readList(row.vals["requires"])
				g.Quota = tr.optNum(w, row, "quota")
			}},
		shape{sheet: SheetCaps, write: func(e any, cells map[string]any) {
			if cp := e.(*domain.Cap); cp.BelowAverage != "" {
				cells["kind"], cells["value"] = domain.CapBelowAverage, cp.BelowAverage
			}
		}, read: func(*templateReader, string, tableRow, any) {}},
	)
}

func writeRoundRules(e any, cells map[string]any) {
	it := e.(*domain.Item)
	if rl := it.Relative; rl != nil {
		cells["relative_points"], cells["relative_per"], cells["relative_lower_is_better"] = rl.Points, rl.Per, rl.LowerIsBetter
	}
	if r := it.Rank; r != nil {
		pts := make([]string, len(r.Points))
		for i, p := range r.Points {
			pts[i] = domain.CheckNumber(p)
		}
		cells["rank_points"], cells["rank_proportional"], cells["rank_lower_is_better"] = strings.Join(pts, "、"), r.Proportional, r.LowerIsBetter
		cells["rank_top"], cells["rank_bottom"], cells["rank_per"] = optNumber(float64(r.Top)), optNumber(float64(r.Bottom)), optNumber(r.Per)
		if !r.Proportional && r.Points == nil && r.Bottom == 0 && r.Per == 0 && r.Top == 0 && !r.LowerIsBetter {
			cells["rank_proportional"] = false // an empty rule: nothing to write, Check refuses it anyway
		}
	}
}

func readRoundRules(tr *templateReader, w string, row tableRow, e any) {
	it := e.(*domain.Item)
	at := func(key string) string { return w + "!" + row.cells[key] }
	rp, ok1 := tr.num(w, row, "relative_points")
	rper, ok2 := tr.num(w, row, "relative_per")
	if lower := tr.flag(w, row, "relative_lower_is_better"); ok1 || ok2 || lower {
		it.Relative = &domain.Relative{Points: rp, Per: rper, LowerIsBetter: lower}
		tr.at[it.Relative] = at("relative_points")
		tr.fieldAt(it, "relative", at("relative_points"))
	}
	r := &domain.RankRule{}
	set := false
	if s := strings.TrimSpace(row.vals["rank_points"]); s != "" {
		r.Points, set = []float64{}, true
		for _, v := range readList(strings.NewReplacer(",", "、", "，", "、", "\n", "、").Replace(s)) {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || !domain.OrdinaryNumber(f) {
				tr.problem(at("rank_points"), it.ID, ProbTemplate, "{value:q} cannot be read as {key}", "key", "rank_points", "value", v)
				continue
			}
			r.Points = append(r.Points, f)
		}
	}
	whole := func(key string) int {
		f, ok := tr.num(w, row, key)
		if !ok {
			return 0
		}
		set = true
		if f < 1 || f != math.Trunc(f) || f > 1e9 {
			tr.problem(at(key), it.ID, ProbTemplate, "{value:q} cannot be read as {key}", "key", key, "value", row.vals[key])
			return 0
		}
		return int(f)
	}
	r.Top, r.Bottom = whole("rank_top"), whole("rank_bottom")
	if per, ok := tr.num(w, row, "rank_per"); ok {
		r.Per, set = per, true
	}
	r.Proportional = tr.flag(w, row, "rank_proportional")
	r.LowerIsBetter = tr.flag(w, row, "rank_lower_is_better")
	if set || r.Proportional || r.LowerIsBetter {
		it.Rank = r
		tr.at[r] = at("rank_points")
		tr.fieldAt(it, "rank", at("rank_points"))
	}
}
