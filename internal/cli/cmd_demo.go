package cli

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// The demo unit and rounds.
const (
	demoUnit      = "某某区公安分局"
	demoUnitType  = "分县局"
	demoSuperior  = "某某市公安局"
	demoRound     = "2026-Q3"
	demoPrevRound = "2026-Q2"
	demoCatalog   = "demo-city-ref"
)

func init() {
	register(command{name: "demo", args: "[--db FILE]",
		summary: "fill the database with a realistic demo: a half-done and a submitted assessment",
		run:     runDemo})
}

// runDemo stores the reference catalog, the unit 某某区公安分局 and two
// assessments: 2026-Q2 fully answered and submitted, 2026-Q3 about half
// answered with notes, a N/A, a flagged item and evidence files.
func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("demo")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected %q", fs.Arg(0))
	}
	if env.User == "" || env.User == "root" {
		env.User = "张三"
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		return fillDemo(ctx, env, demoStores{s.Units, s.Catalogs, s.Assessments, s.Evidence})
	})
}

// demoStores joins the services the demo fills.
type demoStores struct {
	domain.UnitService
	domain.CatalogService
	domain.AssessmentService
	domain.EvidenceService
}

func fillDemo(ctx context.Context, env *Env, st demoStores) error {
	c, err := catalog.Builtin(demoCatalog)
	if err != nil {
		return err
	}
	if _, _, err := st.ImportCatalog(ctx, c); err != nil {
		return err
	}
	unit, err := demoEnsureUnit(ctx, st)
	if err != nil {
		return err
	}
	existing, err := st.ListAssessments(ctx, domain.AssessmentFilter{UnitID: &unit.ID})
	if err != nil {
		return err
	}
	for _, a := range existing {
		if a.Round == demoRound || a.Round == demoPrevRound {
			fmt.Fprintf(env.Stdout, "the demo data is already there (assessment %d, %s %s)\n", a.ID, a.Unit.Name, a.Round)
			return nil
		}
	}

	prev, err := demoAssessment(ctx, st, c, *unit, demoPrevRound, 1.0)
	if err != nil {
		return fmt.Errorf("%s: %w", demoPrevRound, err)
	}
	if err := st.Submit(ctx, prev); err != nil {
		return fmt.Errorf("submit %s: %w", demoPrevRound, err)
	}
	cur, err := demoAssessment(ctx, st, c, *unit, demoRound, 0.5)
	if err != nil {
		return fmt.Errorf("%s: %w", demoRound, err)
	}
	fmt.Fprintf(env.Stdout, "demo: %s, catalog %s\n  assessment %d: %s, submitted\n  assessment %d: %s, half done\n",
		demoUnit, c.Ref(), prev, demoPrevRound, cur, demoRound)
	return nil
}

// demoStore is what the demo needs of the store.
type demoStore interface {
	domain.UnitService
	domain.AssessmentService
	domain.EvidenceService
}

func demoEnsureUnit(ctx context.Context, st demoStore) (*domain.Unit, error) {
	units, err := st.ListUnits(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		if u.Name == demoUnit {
			return &u, nil
		}
	}
	u := &domain.Unit{Name: demoUnit, Type: demoUnitType, Superior: demoSuperior}
	return u, st.CreateUnit(ctx, u)
}

// demoAssessment creates an assessment and answers the given share of its
// applicable items; a partial one also gets a N/A, a flag and two files.
func demoAssessment(ctx context.Context, st demoStore, c *domain.Catalog, unit domain.Unit, round string, share float64) (int64, error) {
	a := &domain.Assessment{Unit: unit, Round: round, CatalogID: c.ID, CatalogVersion: c.Version}
	if err := st.CreateAssessment(ctx, a); err != nil {
		return 0, err
	}
	var items []*domain.Item
	for _, it := range c.Items() {
		if it.AppliesToType(unit.Type) {
			items = append(items, it)
		}
	}
	full := share >= 1
	n := int(math.Round(float64(len(items)) * share))
	naDone, flagDone := full, full
	var files []string
	for i, it := range items {
		if !full && i%2 == 1 { // half done: every other item, spread over all categories
			continue
		}
		if !full && i/2 >= n {
			break
		}
		ans := demoAnswer(it, i)
		switch {
		case !naDone && !it.Bonus && !it.EvidenceRequired && i > 10:
			ans = domain.Answer{NA: true, Reason: "辖区内无此类场所，本项不适用。"}
			naDone = true
		case !flagDone && i > 4:
			ans.Flagged = true
			ans.Note = "数据口径与上级通报存在差异，申请复核。"
			flagDone = true
		}
		if it.EvidenceRequired && !full && len(files) < 2 {
			files = append(files, it.ID)
			ans.Note = ""
		} else if it.EvidenceRequired && ans.Note == "" {
			ans.Note = demoNotes[i%len(demoNotes)]
		}
		if _, err := st.SaveAnswer(ctx, a.ID, it.ID, ans); err != nil {
			return 0, fmt.Errorf("item %s: %w", it.ID, err)
		}
	}
	for i, id := range files {
		name, data := "党委会议纪要.txt", []byte("某某区公安分局党委会议纪要\n\n会议研究部署社会治安防控体系建设工作，明确责任分工。\n")
		if i == 1 {
			name, data = "巡防现场照片.png", demoPNG()
		}
		if _, err := st.AddEvidence(ctx, a.ID, id, name, bytes.NewReader(data)); err != nil {
			return 0, fmt.Errorf("evidence for %s: %w", id, err)
		}
	}
	return a.ID, nil
}

// demoNotes are notes a unit would write.
var demoNotes = []string{
	"已查阅相关台账，材料齐全，见附件。",
	"按季度统计，数据来源于警综平台。",
	"已召开专题会议部署，会议纪要存档备查。",
	"与街道综治中心联合开展，工作记录完整。",
	"部分材料仍在整理，下季度补齐。",
}

// demoAnswer returns a plausible answer to an item: mostly good results,
// with some points lost here and there.
func demoAnswer(it *domain.Item, i int) domain.Answer {
	var a domain.Answer
	if it.IsComposite() {
		a.Parts = map[string]domain.Answer{}
		for j, p := range it.Parts {
			a.Parts[p.ID] = demoAnswer(p, i+j)
		}
	} else {
		good := i%4 != 3 // one in four loses points
		switch it.Method {
		case domain.MethodCheck:
			a.Met = domain.Bool(good)
		case domain.MethodLevels:
			if len(it.Levels) > 0 {
				k := 0
				if !good && len(it.Levels) > 1 {
					k = 1
				}
				a.Level = it.Levels[k].Label
			}
		case domain.MethodNumeric:
			v := demoValue(it, good)
			if it.Change {
				a.Baseline = domain.Float(200)
				v = math.Round(200*(1+v/100)*100) / 100
			}
			a.Value = domain.Float(v)
		case domain.MethodDeduct:
			k := 0
			if !good {
				k = 1
			}
			a.Count = domain.Int(k)
		case domain.MethodCount:
			k := 1
			if !good {
				k = 0
			}
			a.Count = domain.Int(k)
		}
	}
	if i%3 == 0 {
		a.Note = demoNotes[i%len(demoNotes)]
	}
	return a
}

// demoValue returns a numeric item's value (the percent change for change
// items): at the best band or target when good, a little below otherwise.
func demoValue(it *domain.Item, good bool) float64 {
	switch {
	case len(it.Bands) > 0:
		b := it.Bands[0]
		if !good && len(it.Bands) > 1 {
			b = it.Bands[1]
		}
		if b.AtLeast != nil {
			return *b.AtLeast + 0.5
		}
		if b.AtMost != nil {
			return *b.AtMost - 0.5
		}
	case it.Linear != nil:
		f := 0.95
		if !good {
			f = 0.7
		}
		return math.Round((it.Linear.Zero+f*(it.Linear.Full-it.Linear.Zero))*10) / 10
	case it.Shortfall != nil:
		s := it.Shortfall
		gap := 0.0
		if !good {
			gap = 2 * s.Step
		}
		if s.LowerIsBetter {
			return s.Target + gap
		}
		return s.Target - gap
	}
	return 0
}

// demoPNG draws a small picture standing in for a photo.
func demoPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := 0; y < 48; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.RGBA{R: uint8(40 + x*2), G: uint8(90 + y*2), B: 160, A: 255})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}
