package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"pingce/internal/domain"
)

// The catalog document is the one form in which a catalog is stored, hashed
// and (later) exchanged: canonical JSON whose keys are those of
// docs/formats.md §1, in that order. JSON is YAML, so the document is itself
// a pingce/catalog@1 file. Its SHA-256 is the catalog's hash.
//
// The types below are the contract, not the domain: a renamed domain field
// changes nothing here, and a domain field these types do not carry fails
// TestCatalogDoc_CoversDomain. Never change a tag or the order of the
// fields: that changes every stored hash (TestCatalogHash_Golden pins them).

// catalogDoc is a catalog (§1, top level).
type catalogDoc struct {
	Format     string         `json:"format"`
	ID         string         `json:"id"`
	Version    string         `json:"version"`
	Title      string         `json:"title"`
	Source     string         `json:"source,omitempty"`
	Total      float64        `json:"total"`
	UnitTypes  []string       `json:"unit_types,omitempty"`
	Grades     []gradeDoc     `json:"grades"`
	ItemGrades []itemGradeDoc `json:"item_grades,omitempty"`
	Caps       []capDoc       `json:"caps,omitempty"`
	Vetoes     []vetoDoc      `json:"vetoes,omitempty"`
	VetoGrade  string         `json:"veto_grade,omitempty"`
	Bonus      *bonusDoc      `json:"bonus,omitempty"`
	Categories []categoryDoc  `json:"categories"`
}

// itemGradeDoc is an item grade band (formats.md §1, item_grades).
type itemGradeDoc struct {
	MinRatio float64 `json:"min_ratio"`
	Grade    string  `json:"grade"`
}

func itemGradeDocs(bands []domain.ItemGradeBand, t *textChecker) []itemGradeDoc {
	var out []itemGradeDoc
	for _, b := range bands {
		out = append(out, itemGradeDoc{MinRatio: b.MinRatio, Grade: t.s("item grade", b.Grade)})
	}
	return out
}

func itemGradeBands(docs []itemGradeDoc) []domain.ItemGradeBand {
	var out []domain.ItemGradeBand
	for _, d := range docs {
		out = append(out, domain.ItemGradeBand{MinRatio: d.MinRatio, Grade: d.Grade})
	}
	return out
}

type gradeDoc struct {
	Min      float64  `json:"min"`
	Grade    string   `json:"grade"`
	Requires []string `json:"requires,omitempty"`
	Quota    *float64 `json:"quota,omitempty"`
}

type capDoc struct {
	CategoryRatioBelow *float64 `json:"category_ratio_below,omitempty"`
	ItemLost           string   `json:"item_lost,omitempty"`
	BelowAverage       string   `json:"below_average,omitempty"`
	MaxGrade           string   `json:"max_grade"`
}

type vetoDoc struct {
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	Effect string  `json:"effect,omitempty"`
	Points float64 `json:"points,omitempty"`
}

type bonusDoc struct {
	Cap float64 `json:"cap"`
}

type categoryDoc struct {
	ID         string         `json:"id"`
	Title      string         `json:"title"`
	Bonus      bool           `json:"bonus,omitempty"`
	ItemGrades []itemGradeDoc `json:"item_grades,omitempty"`
	DeductCap  *float64       `json:"deduct_cap,omitempty"`
	BonusCap   *float64       `json:"bonus_cap,omitempty"`
	Items      []itemDoc      `json:"items,omitempty"`
	Categories []categoryDoc  `json:"categories,omitempty"`
}

// itemDoc is an item or a part. Item.Bonus is not stored: it follows from
// the categories, as the format says.
type itemDoc struct {
	ID               string        `json:"id"`
	Title            string        `json:"title"`
	Requirement      string        `json:"requirement,omitempty"`
	Evidence         []string      `json:"evidence,omitempty"`
	EvidenceRequired bool          `json:"evidence_required,omitempty"`
	AppliesTo        []string      `json:"applies_to,omitempty"`
	Max              float64       `json:"max"`
	Scoring          string        `json:"scoring,omitempty"`
	Basis            string        `json:"basis,omitempty"`
	Lead             string        `json:"lead,omitempty"`
	Unit             string        `json:"unit,omitempty"`
	Parts            []itemDoc     `json:"parts,omitempty"`
	Method           string        `json:"method,omitempty"`
	Change           bool          `json:"change,omitempty"`
	Levels           []levelDoc    `json:"levels,omitempty"`
	Bands            []bandDoc     `json:"bands,omitempty"`
	Linear           *linearDoc    `json:"linear,omitempty"`
	Shortfall        *shortfallDoc `json:"shortfall,omitempty"`
	Per              float64       `json:"per,omitempty"`
	Floor            float64       `json:"floor,omitempty"`
	ZeroAt           int           `json:"zero_at,omitempty"`
	// Rule shapes of issue 15 (formats.md §1); omitempty: the documents of
	// catalogs without them, hence their hashes, do not change.
	NA         string             `json:"na,omitempty"`
	Difference bool               `json:"difference,omitempty"`
	Exact      []exactDoc         `json:"exact,omitempty"`
	Piecewise  []segmentDoc       `json:"piecewise,omitempty"`
	Slope      *slopeDoc          `json:"slope,omitempty"`
	ByUnitType map[string]ruleDoc `json:"by_unit_type,omitempty"`
	Overflow   *overflowDoc       `json:"overflow,omitempty"`
	Uncapped   bool               `json:"uncapped,omitempty"`
	// Kinds, multipliers and discretion (catalogdoc_counted.go).
	Kinds       []kindDoc       `json:"kinds,omitempty"`
	Multipliers []multiplierDoc `json:"multipliers,omitempty"`
	Discretion  *discretionDoc  `json:"discretion,omitempty"`
	// The round's rules (catalogdoc_round.go).
	Relative *relativeDoc `json:"relative,omitempty"`
	Rank     *rankDoc     `json:"rank,omitempty"`
}

type exactDoc struct {
	Value  float64 `json:"value"`
	Points float64 `json:"points"`
}

type segmentDoc struct {
	Below *float64 `json:"below,omitempty"`
	Above *float64 `json:"above,omitempty"`
	Per   float64  `json:"per"`
}

type slopeDoc struct {
	Base          float64 `json:"base"`
	Points        float64 `json:"points"`
	Per           float64 `json:"per"`
	LowerIsBetter bool    `json:"lower_is_better,omitempty"`
}

type overflowDoc struct {
	At    float64 `json:"at"`
	Extra float64 `json:"extra"`
}

// ruleDoc is a numeric rule by unit type (Item.ByUnitType).
type ruleDoc struct {
	Bands     []bandDoc     `json:"bands,omitempty"`
	Linear    *linearDoc    `json:"linear,omitempty"`
	Shortfall *shortfallDoc `json:"shortfall,omitempty"`
	Piecewise []segmentDoc  `json:"piecewise,omitempty"`
	Slope     *slopeDoc     `json:"slope,omitempty"`
}

// newRuleDoc stores the numeric rule keys of it.
func newRuleDoc(it *domain.Item) ruleDoc {
	var d ruleDoc
	for _, b := range it.Bands {
		d.Bands = append(d.Bands, bandDoc{AtLeast: b.AtLeast, AtMost: b.AtMost, Points: b.Points})
	}
	if l := it.Linear; l != nil {
		d.Linear = &linearDoc{Zero: l.Zero, Full: l.Full}
	}
	if s := it.Shortfall; s != nil {
		d.Shortfall = &shortfallDoc{Target: s.Target, Step: s.Step, Per: s.Per,
			LowerIsBetter: s.LowerIsBetter, WholeSteps: s.WholeSteps}
	}
	for _, sg := range it.Piecewise {
		d.Piecewise = append(d.Piecewise, segmentDoc{Below: sg.Below, Above: sg.Above, Per: sg.Per})
	}
	if sl := it.Slope; sl != nil {
		d.Slope = &slopeDoc{Base: sl.Base, Points: sl.Points, Per: sl.Per, LowerIsBetter: sl.LowerIsBetter}
	}
	return d
}

// setRule puts the stored numeric rule into it.
func (d ruleDoc) setRule(it *domain.Item) {
	for _, b := range d.Bands {
		it.Bands = append(it.Bands, domain.Band{AtLeast: b.AtLeast, AtMost: b.AtMost, Points: b.Points})
	}
	if l := d.Linear; l != nil {
		it.Linear = &domain.Linear{Zero: l.Zero, Full: l.Full}
	}
	if s := d.Shortfall; s != nil {
		it.Shortfall = &domain.Shortfall{Target: s.Target, Step: s.Step, Per: s.Per,
			LowerIsBetter: s.LowerIsBetter, WholeSteps: s.WholeSteps}
	}
	for _, sg := range d.Piecewise {
		it.Piecewise = append(it.Piecewise, domain.Segment{Below: sg.Below, Above: sg.Above, Per: sg.Per})
	}
	if sl := d.Slope; sl != nil {
		it.Slope = &domain.Slope{Base: sl.Base, Points: sl.Points, Per: sl.Per, LowerIsBetter: sl.LowerIsBetter}
	}
}

type levelDoc struct {
	Label  string  `json:"label"`
	Points float64 `json:"points"`
}

type bandDoc struct {
	AtLeast *float64 `json:"at_least,omitempty"`
	AtMost  *float64 `json:"at_most,omitempty"`
	Points  float64  `json:"points"`
}

type linearDoc struct {
	Zero float64 `json:"zero"`
	Full float64 `json:"full"`
}

type shortfallDoc struct {
	Target        float64 `json:"target"`
	Step          float64 `json:"step"`
	Per           float64 `json:"per"`
	LowerIsBetter bool    `json:"lower_is_better,omitempty"`
	WholeSteps    bool    `json:"whole_steps,omitempty"`
}

// CatalogHash returns the catalog's canonical document and its SHA-256 in
// hex: the form in which the catalog is stored (docs/formats.md §5).
// EINVALID for a catalog that has no document form (a nil node, text that
// is not UTF-8, a number that is not finite).
func CatalogHash(c *domain.Catalog) (hash string, body []byte, err error) {
	if c == nil {
		return "", nil, domain.Errorf(domain.EINVALID, "no catalog to store")
	}
	doc, bad, err := newCatalogDoc(c)
	if err != nil {
		return "", nil, domain.Errorf(domain.EINVALID, "catalog %s cannot be stored: %v", c.Ref(), err)
	}
	if bad != nil {
		e := domain.Errorf(domain.EINVALID, "catalog %s cannot be stored: %s", strings.ToValidUTF8(c.Ref(), "\uFFFD"), bad.Msg)
		e.Problems = []domain.Problem{*bad}
		return "", nil, e
	}
	body, err = canonicalJSON(doc)
	if err != nil {
		return "", nil, domain.Errorf(domain.EINVALID, "catalog %s cannot be stored: %v", c.Ref(), err)
	}
	return hashOf(body), body, nil
}

// hashOf returns the SHA-256 of b in hex.
func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// canonicalJSON encodes v without insignificant space, without a final
// newline and without escaping <, > and & (text stays readable; only ",
// \ and control characters are escaped, and U+2028/U+2029).
func canonicalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// decodeCatalog reads a stored catalog document. It checks the structure
// only: a catalog accepted once always opens again, whatever later checks
// say.
func decodeCatalog(body []byte) (*domain.Catalog, error) {
	var doc catalogDoc
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if doc.Format != domain.CatalogFormat {
		return nil, fmt.Errorf("format is %q, want %q", doc.Format, domain.CatalogFormat)
	}
	c := doc.domain()
	c.Items() // index: marks the items under bonus categories
	return c, nil
}

// textChecker collects the first text no database can keep: invalid UTF-8
// or a NUL character (PostgreSQL refuses both).
type textChecker struct{ bad *domain.Problem }

func (t *textChecker) s(where, v string) string {
	if t.bad == nil && (!utf8.ValidString(v) || strings.ContainsRune(v, 0)) {
		p := domain.NewProblem(domain.ProbBadText, "{field} is not valid text (UTF-8 without NUL characters)", "field", where)
		t.bad = &p
	}
	return v
}

func (t *textChecker) list(where string, vs []string) []string {
	for _, v := range vs {
		t.s(where, v)
	}
	return vs
}

// newCatalogDoc builds the document of c; bad is the first text that no
// database can keep.
func newCatalogDoc(c *domain.Catalog) (doc *catalogDoc, bad *domain.Problem, err error) {
	t := &textChecker{}
	d := &catalogDoc{Format: domain.CatalogFormat, ID: t.s("id", c.ID), Version: t.s("version", c.Version),
		Title: t.s("title", c.Title), Source: t.s("source", c.Source), Total: c.Total,
		UnitTypes: t.list("unit_types", c.UnitTypes), VetoGrade: t.s("veto_grade", c.VetoGrade),
		Grades: []gradeDoc{}, Categories: []categoryDoc{}}
	for _, g := range c.Grades {
		d.Grades = append(d.Grades, gradeDoc{Min: g.Min, Grade: t.s("grade", g.Grade),
			Requires: t.list("requires", g.Requires), Quota: g.Quota})
	}
	d.ItemGrades = itemGradeDocs(c.ItemGrades, t)
	for _, cp := range c.Caps {
		d.Caps = append(d.Caps, capDoc{CategoryRatioBelow: cp.CategoryRatioBelow, ItemLost: t.s("item_lost", cp.ItemLost),
			BelowAverage: t.s("below_average", cp.BelowAverage), MaxGrade: t.s("max_grade", cp.MaxGrade)})
	}
	for _, v := range c.Vetoes {
		d.Vetoes = append(d.Vetoes, vetoDoc{ID: t.s("veto id", v.ID), Title: t.s("veto title", v.Title),
			Effect: t.s("veto effect", v.Effect), Points: v.Points})
	}
	if c.BonusCap != nil {
		d.Bonus = &bonusDoc{Cap: *c.BonusCap}
	}
	for _, cat := range c.Categories {
		cd, err := newCategoryDoc(cat, t)
		if err != nil {
			return nil, nil, err
		}
		d.Categories = append(d.Categories, cd)
	}
	return d, t.bad, nil
}

func newCategoryDoc(cat *domain.Category, t *textChecker) (categoryDoc, error) {
	if cat == nil {
		return categoryDoc{}, fmt.Errorf("the tree holds a nil category")
	}
	d := categoryDoc{ID: t.s("category id", cat.ID), Title: t.s("category title", cat.Title), Bonus: cat.Bonus,
		ItemGrades: itemGradeDocs(cat.ItemGrades, t), DeductCap: cat.DeductCap, BonusCap: cat.BonusCap}
	for _, it := range cat.Items {
		id, err := newItemDoc(it, t)
		if err != nil {
			return d, err
		}
		d.Items = append(d.Items, id)
	}
	for _, sub := range cat.Categories {
		sd, err := newCategoryDoc(sub, t)
		if err != nil {
			return d, err
		}
		d.Categories = append(d.Categories, sd)
	}
	return d, nil
}

func newItemDoc(it *domain.Item, t *textChecker) (itemDoc, error) {
	if it == nil {
		return itemDoc{}, fmt.Errorf("the tree holds a nil item or part")
	}
	d := itemDoc{ID: t.s("item id", it.ID), Title: t.s("item title", it.Title),
		Requirement: t.s("requirement", it.Requirement), Evidence: t.list("evidence", it.Evidence),
		EvidenceRequired: it.EvidenceRequired, AppliesTo: t.list("applies_to", it.AppliesTo), Max: it.Max,
		Scoring: t.s("scoring", it.Scoring), Basis: t.s("basis", it.Basis), Lead: t.s("lead", it.Lead), Unit: t.s("unit", it.Unit),
		Method: t.s("method", string(it.Method)), Change: it.Change,
		Per: it.Per, Floor: it.Floor, ZeroAt: it.ZeroAt,
		NA: t.s("na", it.NA), Difference: it.Difference, Uncapped: it.Uncapped}
	for _, e := range it.Exact {
		d.Exact = append(d.Exact, exactDoc{Value: e.Value, Points: e.Points})
	}
	if ov := it.Overflow; ov != nil {
		d.Overflow = &overflowDoc{At: ov.At, Extra: ov.Extra}
	}
	for ut, r := range it.ByUnitType {
		if r == nil {
			continue
		}
		if d.ByUnitType == nil {
			d.ByUnitType = map[string]ruleDoc{}
		}
		d.ByUnitType[t.s("by_unit_type", ut)] = newRuleDoc(r)
	}
	for _, p := range it.Parts {
		pd, err := newItemDoc(p, t)
		if err != nil {
			return d, err
		}
		d.Parts = append(d.Parts, pd)
	}
	for _, l := range it.Levels {
		d.Levels = append(d.Levels, levelDoc{Label: t.s("level label", l.Label), Points: l.Points})
	}
	r := newRuleDoc(it)
	d.Bands, d.Linear, d.Shortfall, d.Piecewise, d.Slope = r.Bands, r.Linear, r.Shortfall, r.Piecewise, r.Slope
	d.countedDocs(it, t)
	d.roundDocs(it)
	return d, nil
}

func (d *catalogDoc) domain() *domain.Catalog {
	c := &domain.Catalog{ID: d.ID, Version: d.Version, Title: d.Title, Source: d.Source, Total: d.Total,
		UnitTypes: d.UnitTypes, VetoGrade: d.VetoGrade}
	for _, g := range d.Grades {
		c.Grades = append(c.Grades, domain.GradeBand{Min: g.Min, Grade: g.Grade, Requires: g.Requires, Quota: g.Quota})
	}
	c.ItemGrades = itemGradeBands(d.ItemGrades)
	for _, cp := range d.Caps {
		c.Caps = append(c.Caps, domain.Cap{CategoryRatioBelow: cp.CategoryRatioBelow, ItemLost: cp.ItemLost,
			BelowAverage: cp.BelowAverage, MaxGrade: cp.MaxGrade})
	}
	for _, v := range d.Vetoes {
		c.Vetoes = append(c.Vetoes, domain.Veto{ID: v.ID, Title: v.Title, Effect: v.Effect, Points: v.Points})
	}
	if d.Bonus != nil {
		c.BonusCap = domain.Float(d.Bonus.Cap)
	}
	for i := range d.Categories {
		c.Categories = append(c.Categories, d.Categories[i].domain())
	}
	return c
}

func (d *categoryDoc) domain() *domain.Category {
	cat := &domain.Category{ID: d.ID, Title: d.Title, Bonus: d.Bonus, ItemGrades: itemGradeBands(d.ItemGrades),
		DeductCap: d.DeductCap, BonusCap: d.BonusCap}
	for i := range d.Items {
		cat.Items = append(cat.Items, d.Items[i].domain())
	}
	for i := range d.Categories {
		cat.Categories = append(cat.Categories, d.Categories[i].domain())
	}
	return cat
}

func (d *itemDoc) domain() *domain.Item {
	it := &domain.Item{ID: d.ID, Title: d.Title, Requirement: d.Requirement, Evidence: d.Evidence,
		EvidenceRequired: d.EvidenceRequired, AppliesTo: d.AppliesTo, Max: d.Max,
		Scoring: d.Scoring, Basis: d.Basis, Lead: d.Lead, Unit: d.Unit, Method: domain.Method(d.Method), Change: d.Change,
		Per: d.Per, Floor: d.Floor, ZeroAt: d.ZeroAt, NA: d.NA, Difference: d.Difference, Uncapped: d.Uncapped}
	for _, e := range d.Exact {
		it.Exact = append(it.Exact, domain.Exact{Value: e.Value, Points: e.Points})
	}
	if ov := d.Overflow; ov != nil {
		it.Overflow = &domain.Overflow{At: ov.At, Extra: ov.Extra}
	}
	for ut, rd := range d.ByUnitType {
		if it.ByUnitType == nil {
			it.ByUnitType = map[string]*domain.Item{}
		}
		r := &domain.Item{ID: d.ID, Max: d.Max, Method: domain.MethodNumeric}
		rd.setRule(r)
		it.ByUnitType[ut] = r
	}
	for i := range d.Parts {
		it.Parts = append(it.Parts, d.Parts[i].domain())
	}
	for _, l := range d.Levels {
		it.Levels = append(it.Levels, domain.Level{Label: l.Label, Points: l.Points})
	}
	ruleDoc{Bands: d.Bands, Linear: d.Linear, Shortfall: d.Shortfall, Piecewise: d.Piecewise, Slope: d.Slope}.setRule(it)
	d.countedRules(it)
	d.roundRules(it)
	return it
}
