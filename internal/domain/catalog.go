package domain

import (
	"strings"
	"sync"
)

// CatalogFormat is the value of the format key of a catalog file.
const CatalogFormat = "pingce/catalog@1"

// Method names how an item is scored.
type Method string

// The scoring methods of the contract.
const (
	MethodCheck   Method = "check"   // met: true/false → max or 0
	MethodLevels  Method = "levels"  // level: label → that level's points
	MethodNumeric Method = "numeric" // value (and baseline) → bands, linear or shortfall
	MethodDeduct  Method = "deduct"  // count of occurrences → max − per·count
	MethodCount   Method = "count"   // count → per·count, capped at max
)

// Methods lists every method in a stable order.
var Methods = []Method{MethodCheck, MethodLevels, MethodNumeric, MethodDeduct, MethodCount}

// Catalog is one version of an evaluation catalog: a tree of categories
// holding items, with the rules that turn points into a grade.
//
// A Catalog is built once (by the catalog loader or by hand) and then only
// read; it is safe for concurrent use after that. Use it through a pointer.
type Catalog struct {
	ID        string   // stable identifier, [a-z0-9-]+
	Version   string   // free text; ID@Version names one catalog exactly
	Title     string   // shown on screens and reports
	Source    string   // provenance, shown in reports
	Total     float64  // sum of the base items' max
	UnitTypes []string // unit types the catalog knows; may be empty

	Grades    []GradeBand // first band whose Min <= final wins
	Caps      []Cap       // conditions that cap the grade
	Vetoes    []Veto      // 一票否决 conditions a unit reports
	VetoGrade string      // grade given when any veto is triggered
	BonusCap  *float64    // cap on the sum of bonus items; nil means no cap
	// ItemGrades grade every answered base item by its share of its max
	// (优秀 / 良好 …); a category may give its own. Nil: items get no grade.
	ItemGrades []ItemGradeBand

	Categories []*Category // top-level categories in order

	once  sync.Once
	items []*Item          // every item, depth first, in catalog order
	byID  map[string]*Item // item by id
	cats  map[string]*Category
	itemC map[string]*Category       // the category that holds each item
	bands map[string][]ItemGradeBand // the item grade bands of each item
}

// GradeBand maps a minimum final score to a grade.
type GradeBand struct {
	Min   float64
	Grade string
	// Requires lists items that must be at full marks for this grade (一级
	// 须达95分且具备必备条件); a unit that misses one gets the next band it
	// qualifies for. An item that does not apply to the unit type is no
	// hindrance (round.go).
	Requires []string
	// Quota, when set, is the largest share of a peer group's ranked units
	// that may have this grade (优秀比例不得高于25%); the lowest-scoring
	// beyond it get the next grade. It needs the round (ScoreRound).
	Quota *float64
}

// Cap lowers the grade to MaxGrade when its condition holds. Exactly one of
// CategoryRatioBelow, ItemLost and BelowAverage is set.
type Cap struct {
	CategoryRatioBelow *float64 // any top-level base category scores under this share of its max
	ItemLost           string   // this item scored below its max
	// BelowAverage: the unit's value of this numeric item is below its peer
	// group's average (低于全市平均值的取消评优资格); it needs the round.
	BelowAverage string
	MaxGrade     string
}

// Kind names the cap's condition: "category_ratio_below", "item_lost" or
// "below_average".
func (c Cap) Kind() string {
	switch {
	case c.CategoryRatioBelow != nil:
		return "category_ratio_below"
	case c.BelowAverage != "" && c.ItemLost == "":
		return CapBelowAverage
	}
	return "item_lost"
}

// Veto is a one-vote-veto condition (一票否决).
type Veto struct {
	ID    string
	Title string
	// Effect is what a triggered veto does: VetoGrade ("" or "grade", the
	// catalog's veto grade), VetoZero (the final score is 0), VetoNoTop
	// (the top grade is out of reach, 一票否优), VetoDeduct (Points come
	// off the final score, never below 0) or VetoLowest (the lowest grade,
	// 存在严重问题的定为五级).
	Effect string
	Points float64 // VetoDeduct: the points taken off
}

// Veto effects (Veto.Effect).
const (
	VetoGrade  = "grade"  // the grade becomes the catalog's veto grade (also "")
	VetoZero   = "zero"   // the final score becomes 0
	VetoNoTop  = "no_top" // the grade is at best the second one
	VetoDeduct = "deduct" // Points come off the final score
	VetoLowest = "lowest" // the grade becomes the catalog's last one
)

// VetoEffects lists the effects a veto may name.
var VetoEffects = []string{VetoGrade, VetoZero, VetoNoTop, VetoDeduct, VetoLowest}

// Category is a node of the catalog tree. It holds sub-categories, items or both.
type Category struct {
	ID    string
	Title string
	Bonus bool // every item below is a bonus item
	// ItemGrades, when set, grade the items below instead of the
	// catalog's (the nearest category's bands win).
	ItemGrades []ItemGradeBand
	// DeductCap, when set, limits what the deduct items below take
	// together (本项限扣N分): points they lose beyond it are given back.
	DeductCap *float64
	// BonusCap, when set on a bonus category, caps the sum of its items.
	BonusCap   *float64
	Categories []*Category
	Items      []*Item
}

// Item is one scored line of the catalog, or one part of a composite item.
type Item struct {
	ID               string
	Title            string
	Requirement      string   // what the unit must show or achieve
	Evidence         []string // ways the assessors check it (查台账, 听汇报 …)
	EvidenceRequired bool     // submission needs a note or an attachment
	AppliesTo        []string // unit types; empty means all
	Max              float64
	Bonus            bool // set for items under a bonus category

	// Optional descriptive fields (extensions of the contract).
	Scoring string // how the item is scored, in words
	Basis   string // where the item comes from (依据)
	Lead    string // who leads or assesses the item (牵头单位 / 考核主体)
	Unit    string // unit of a numeric value, such as "%" or "个"

	Method    Method
	Levels    []Level    // levels
	Bands     []Band     // numeric
	Linear    *Linear    // numeric
	Shortfall *Shortfall // numeric
	Change    bool       // numeric: score the percent change against a baseline
	Per       float64    // deduct, count
	Floor     float64    // deduct
	ZeroAt    int        // deduct: count at which the item scores 0; 0 means unset

	// Overflow (deduct): once the item has lost At points, Extra more come
	// off the category that holds it, never below 0 (扣满4分的追加扣除10分).
	Overflow *Overflow
	// Piecewise (numeric): slopes that deduct more the further the value
	// falls below (or rises above) each threshold.
	Piecewise []Segment
	// Slope (numeric): Points at Base, Per more or less for each unit better
	// or worse, within 0 and max.
	Slope *Slope
	// Difference (numeric): the scored value is value − baseline, in the
	// value's own unit (not a percent, see Change).
	Difference bool
	// Exact (numeric): fixed points when the answer's value is exactly one
	// of these (当月零发案计8分); checked before the rule.
	Exact []Exact
	// Uncapped (count, bonus items only): per × count is not capped at max;
	// only the bonus caps of the category and catalog bound it.
	Uncapped bool
	// NA is how a N/A answer counts: NAExclude ("" too, today's rule: out
	// of the applicable max), NAFull (full marks, 不具有该职能的以满分计)
	// or NAAverage (the peer group's average points, 按同类单位平均分得分;
	// it needs the round).
	NA string
	// Relative (numeric): points against the peer group's average of the
	// value (达到基数计4分，每高于基数1个百分点加0.04分); it needs the round.
	Relative *Relative
	// Rank (numeric): points by the unit's place among its peers on the
	// value (排名1-5名的依次赋予60分、57分…); it needs the round.
	Rank *RankRule
	// ByUnitType (numeric): a unit of this type is scored by the rule of
	// the map's item (bands, linear, shortfall, piecewise or slope; max,
	// value and the answer stay the item's).
	ByUnitType map[string]*Item
	// Kinds (count, deduct): several counted kinds, each with its points
	// (主要领导出席每次得1分，其他领导每次0.5分); they replace Per, and the
	// answer gives Answer.Counts by kind key (tiered.go).
	Kinds []Kind
	// Multipliers (count, deduct): an occurrence marked with one of them
	// counts Times times (重大安保期间发生的加倍扣分); the answer gives Count
	// (all occurrences) and Answer.Counts (how many of them were marked).
	Multipliers []Multiplier
	// Discretion (deduct): the reviewer picks the points each occurrence
	// costs within Min and Max (酌情扣2-6分); it replaces Per.
	Discretion *Discretion

	Parts []*Item // composite item: max is the sum of the parts' max
}

// Level is one choice of a levels item.
type Level struct {
	Label  string
	Points float64
}

// Band is one threshold of a numeric item. Exactly one of AtLeast and AtMost is set.
type Band struct {
	AtLeast *float64
	AtMost  *float64
	Points  float64
}

// Matches reports whether v falls in the band.
func (b Band) Matches(v float64) bool {
	if b.AtLeast != nil {
		return v >= *b.AtLeast
	}
	if b.AtMost != nil {
		return v <= *b.AtMost
	}
	return false
}

// Linear scores max × clamp((v − Zero)/(Full − Zero), 0, 1).
type Linear struct {
	Zero float64
	Full float64
}

// Shortfall scores max when Target is met, else max − Per × gap/Step, floored at 0.
type Shortfall struct {
	Target        float64
	Step          float64
	Per           float64
	LowerIsBetter bool
	WholeSteps    bool // round gap/step up to a whole number
}

// Overflow is an extra deduction charged to an item's category once the
// item has lost At points.
type Overflow struct {
	At    float64
	Extra float64
}

// Segment is one slope of a piecewise rule: below (or, with Above, above)
// the threshold each unit of the value costs Per points, down to the next
// segment's threshold. Exactly one of Below and Above is set.
type Segment struct {
	Below *float64
	Above *float64
	Per   float64
}

// Slope scores Points at Base and Per points more for each unit the value
// is better (higher, or lower with LowerIsBetter), Per less for each unit
// worse, within 0 and max.
type Slope struct {
	Base          float64
	Points        float64
	Per           float64
	LowerIsBetter bool
}

// Exact gives fixed Points when the answer's value equals Value.
type Exact struct {
	Value  float64
	Points float64
}

// N/A treatments (Item.NA).
const (
	NAExclude = "exclude" // out of the applicable max (also "")
	NAFull    = "full"    // counted as full marks
	NAAverage = "average" // counted as the peer group's average points
)

// Ref returns "id@version", the name of exactly this catalog.
func (c *Catalog) Ref() string { return c.ID + "@" + c.Version }

func (c *Catalog) index() {
	c.once.Do(func() {
		c.byID = make(map[string]*Item)
		c.cats = make(map[string]*Category)
		c.itemC = make(map[string]*Category)
		c.bands = make(map[string][]ItemGradeBand)
		var walk func(cs []*Category, bonus bool, bands []ItemGradeBand)
		walk = func(cs []*Category, bonus bool, bands []ItemGradeBand) {
			for _, cat := range cs {
				c.cats[cat.ID] = cat
				b := bonus || cat.Bonus
				gb := bands
				if len(cat.ItemGrades) > 0 {
					gb = cat.ItemGrades
				}
				for _, it := range cat.Items {
					if b {
						it.Bonus = true
					}
					c.items = append(c.items, it)
					c.byID[it.ID] = it
					c.itemC[it.ID] = cat
					if len(gb) > 0 {
						c.bands[it.ID] = gb
					}
				}
				walk(cat.Categories, b, gb)
			}
		}
		walk(c.Categories, false, c.ItemGrades)
	})
}

// Items returns every item of the catalog, depth first in catalog order
// (a category's own items before its sub-categories). Do not modify the slice.
func (c *Catalog) Items() []*Item {
	c.index()
	return c.items
}

// Item returns the item with the given id, or nil.
func (c *Catalog) Item(id string) *Item {
	c.index()
	return c.byID[id]
}

// Category returns the category with the given id, or nil.
func (c *Catalog) Category(id string) *Category {
	c.index()
	return c.cats[id]
}

// CategoryOf returns the category that directly holds the item, or nil.
func (c *Catalog) CategoryOf(itemID string) *Category {
	c.index()
	return c.itemC[itemID]
}

// GradeRank returns the position of grade in Grades (0 is the best), or -1.
func (c *Catalog) GradeRank(grade string) int {
	for i, g := range c.Grades {
		if g.Grade == grade {
			return i
		}
	}
	return -1
}

// Veto returns the veto with the given id and whether it exists.
func (c *Catalog) Veto(id string) (Veto, bool) {
	for _, v := range c.Vetoes {
		if v.ID == id {
			return v, true
		}
	}
	return Veto{}, false
}

// AllItems returns the category's items and those of all its sub-categories,
// depth first.
func (cat *Category) AllItems() []*Item {
	var out []*Item
	var walk func(*Category)
	walk = func(c *Category) {
		out = append(out, c.Items...)
		for _, s := range c.Categories {
			walk(s)
		}
	}
	walk(cat)
	return out
}

// AppliesToType reports whether the item applies to a unit of the given type.
// An item without AppliesTo, or an empty unit type, applies.
func (it *Item) AppliesToType(unitType string) bool {
	if len(it.AppliesTo) == 0 || unitType == "" {
		return true
	}
	for _, t := range it.AppliesTo {
		if t == unitType {
			return true
		}
	}
	return false
}

// Level returns the level with the given label and whether it exists.
func (it *Item) Level(label string) (Level, bool) {
	for _, l := range it.Levels {
		if l.Label == label {
			return l, true
		}
	}
	return Level{}, false
}

// Part returns the part with the given id, or nil.
func (it *Item) Part(id string) *Item {
	for _, p := range it.Parts {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// IsComposite reports whether the item is made of parts.
func (it *Item) IsComposite() bool { return len(it.Parts) > 0 }

// ParseRef splits "id@version" into its halves. A ref without "@" has an
// empty version.
func ParseRef(ref string) (id, version string) {
	id, version, _ = strings.Cut(ref, "@")
	return id, version
}
