// Package standing says in words where a round's ranking puts a unit and
// how far it is from the round's target for it (domain.Standing): one
// wording for the walk-through's score panel (internal/ui/walk) and the
// exchange package dialogs (internal/ui/exchangeui), which show the same
// standing — the one this database ranks, or the one the lead's review
// package brought.
package standing

import (
	"embed"
	"strings"

	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
	"pingce/internal/ui/kit"
)

//go:embed translations
var translations embed.FS

// RegisterTranslations adds the standing's Chinese and English strings;
// the screens that show it register them with their own.
func RegisterTranslations() error { return kit.AddTranslations(translations, "translations") }

// Text says where st puts its unit, "" for nil: "分县局第3名（共8个单位参与
// 排名）·目标第1名：差71分，先补B1.5、C1.2" — the group ("未编组" for units in
// no named group), the rank among those ranked (or how many are ranked
// while this one is not yet), and the target: reached, or the points
// short with the items that close the gap cheapest first when known.
func Text(st *domain.Standing) string {
	if st == nil {
		return ""
	}
	group := st.Group
	if group == "" {
		group = lang.L("ungrouped")
	}
	var s string
	if st.Rank > 0 {
		s = lang.L("{{.Group}}: rank {{.Rank}} of {{.Ranked}}", map[string]any{"Group": group, "Rank": st.Rank, "Ranked": st.Ranked})
	} else {
		s = lang.L("{{.Group}}: {{.Ranked}} units ranked; this one is ranked once submitted", map[string]any{"Group": group, "Ranked": st.Ranked})
	}
	g := st.Target
	if g == nil {
		return s
	}
	var goal string
	switch t := g.Target; {
	case t.Rank > 0:
		goal = lang.L("target rank {{.N}}", map[string]any{"N": t.Rank})
	case t.Score > 0:
		goal = lang.L("target score {{.N}}", map[string]any{"N": kit.Number(t.Score)})
	default:
		goal = lang.L("target grade {{.G}}", map[string]any{"G": t.Grade})
	}
	switch {
	case g.Met:
		s += lang.L(" · {{.Goal}}: reached", map[string]any{"Goal": goal})
	case g.Lacks > 0 && len(g.Items) > 0:
		ids := make([]string, 0, len(g.Items))
		for _, is := range g.Items {
			ids = append(ids, is.ID)
		}
		s += lang.L(" · {{.Goal}}: {{.Lacks}} points short; cheapest first: {{.Items}}",
			map[string]any{"Goal": goal, "Lacks": kit.Number(g.Lacks), "Items": strings.Join(ids, lang.L(", "))})
	case g.Lacks > 0:
		s += lang.L(" · {{.Goal}}: {{.Lacks}} points short", map[string]any{"Goal": goal, "Lacks": kit.Number(g.Lacks)})
	}
	return s
}
