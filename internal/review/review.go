// Package review reads and writes review files in the format
// pingce/review@1 (docs/formats.md §6): the lead's verdicts on the items
// of one unit's assessment — 认可 (accept), 调整 by the reviewer's own
// answer or by points, with a reason (扣分说明), 需补充 (request) — so that
// a review done elsewhere, or by hand in a text editor, can be imported
// whole, and a review can be handed on.
//
// Parse reports every problem of a file at once, each with its file, line
// and item: the structure first, then (given the catalog) every verdict
// that does not fit its item; Check then compares the file with the
// assessment it is imported into (its catalog, unit and round, and every
// verdict against the unit's own points).
package review

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"pingce/internal/answers"
	"pingce/internal/domain"
	"pingce/internal/userfile"
	"pingce/internal/yamlnode"
)

// Format is the value of the format key of a review file.
const Format = "pingce/review@1"

// MaxFileSize bounds the size of a review file.
const MaxFileSize = yamlnode.DefaultMaxBytes

// Problem codes of review files (domain.Problem.Code), with the names of
// their Args; problems of the YAML structure have yamlnode's codes and
// problems of a verdict the domain's.
const (
	ProbEmpty       = "review.empty_file"    // nothing in the file; format
	ProbFormat      = "review.wrong_format"  // format, want
	ProbEmptyItemID = "review.empty_item_id" // an item key that is empty or not UTF-8
	ProbNoVerdict   = "review.no_verdict"    // an item without accept, answer, points or request
	ProbTwoVerdicts = "review.two_verdicts"  // keys: an item with more than one verdict
	ProbAcceptFalse = "review.accept_false"  // accept: false
	ProbNotWhole    = "review.count_not_whole"
	ProbWrongUnit   = "review.wrong_unit"  // unit, want
	ProbWrongRound  = "review.wrong_round" // round, want
)

var (
	topKeys    = []string{"format", "catalog", "unit", "round", "reviewer", "items"}
	itemKeys   = []string{"accept", "answer", "points", "reason", "comment", "request"}
	answerKeys = []string{"met", "level", "value", "baseline", "count", "counts", "parts"}
)

// maxCount bounds a count so that it fits an int everywhere.
const maxCount = 1_000_000_000

// File is the content of a review file.
type File struct {
	Catalog  string // "id@version"
	Unit     domain.UnitRef
	Round    string
	Reviewer string                   // who reviewed, as written; imports record the user acting
	Items    map[string]domain.Review // verdicts by item id (By and At empty)
	// Lines holds the line of each item in the file read, for Check's
	// problems; nil for a file built in memory.
	Lines   map[string]int
	name    string
	catLine int
	top     map[string]int // line of unit, round
}

// LoadFile reads the review file at path through the size limit
// (ETOOLARGE past MaxFileSize) and parses it as Parse does; problems name
// the file by its base name.
func LoadFile(ctx context.Context, path string, cat *domain.Catalog) (*File, error) {
	data, err := userfile.ReadFile(ctx, "review file", path, MaxFileSize)
	if err != nil {
		return nil, err
	}
	return Parse(filepath.Base(path), data, cat)
}

// Parse reads a review file; name is the file's name, used in problems.
// When cat is not nil every verdict is also checked against its item: the
// item exists, the reviewer's answer fits it and answers it, points lie
// within [0, max], a request says what is needed. On any problem the
// error is a *domain.Error with code EINVALID listing them all, in line
// order; a text too large to read is refused with ETOOLARGE.
func Parse(name string, data []byte, cat *domain.Catalog) (*File, error) {
	f, ps, err := parse(name, data, cat)
	if err != nil {
		return nil, err
	}
	if err := refusal(name, ps); err != nil {
		return nil, err
	}
	return f, nil
}

// parse reads the file and returns what it could read with every problem;
// the error is for a text too large to read or not YAML at all.
func parse(name string, data []byte, cat *domain.Catalog) (*File, []domain.Problem, error) {
	d := &decoder{Decoder: yamlnode.Decoder{File: name}, unclear: map[string]bool{}}
	var doc yaml.Node
	if err := d.Document(data, &doc, "a review file"); domain.ErrorCode(err) == domain.ETOOLARGE {
		return nil, nil, err
	} else if err != nil {
		p := yamlnode.SyntaxProblem(data, err)
		p.File = name
		return nil, nil, &domain.Error{Code: domain.EINVALID,
			Message: fmt.Sprintf("review %s is not valid YAML", name), Problems: []domain.Problem{p}}
	}
	f := d.file(&doc)
	if f != nil {
		f.name = name
		if cat != nil {
			d.check(cat, f)
		}
	}
	return f, d.Probs, nil
}

// LoadFor reads the review file at path for the assessment of ws, through
// the size limit, and reports Parse's and Check's problems together, all
// at once (an item with a problem of its own is not checked further).
func LoadFor(ctx context.Context, path string, ws *domain.Workspace) (*File, error) {
	data, err := userfile.ReadFile(ctx, "review file", path, MaxFileSize)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	f, ps, err := parse(name, data, ws.Catalog)
	if err != nil {
		return nil, err
	}
	if f != nil {
		bad := map[string]bool{}
		for _, p := range ps {
			bad[p.ItemID] = true
		}
		ok := *f
		ok.Items = map[string]domain.Review{}
		for id, r := range f.Items {
			if !bad[id] {
				ok.Items[id] = r
			}
		}
		ps = append(ps, domain.ErrorProblems(Check(&ok, ws))...)
	}
	if err := refusal(name, ps); err != nil {
		return nil, err
	}
	return f, nil
}

// refusal returns the EINVALID error listing the problems in line order,
// or nil when there are none.
func refusal(name string, ps []domain.Problem) error {
	if len(ps) == 0 {
		return nil
	}
	slices.SortStableFunc(ps, func(a, b domain.Problem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.ItemID, b.ItemID))
	})
	n := strconv.Itoa(len(ps)) + " problems"
	if len(ps) == 1 {
		n = "1 problem"
	}
	return &domain.Error{Code: domain.EINVALID, Message: fmt.Sprintf("review %s refused: %s", name, n), Problems: ps}
}

type decoder struct {
	yamlnode.Decoder
	// unclear holds the items whose verdict could not be told (none, or
	// several): their verdict is not checked against the catalog.
	unclear map[string]bool
}

func (d *decoder) file(doc *yaml.Node) *File {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind == 0 || root.Kind == yaml.DocumentNode || yamlnode.IsNull(root) {
		d.Add(nil, "", ProbEmpty, "the file is empty: want a review (format: {format})", "format", Format)
		return nil
	}
	o := d.Object(root, "", "", "the review file")
	if o == nil {
		return nil
	}
	o.Allow(topKeys...)
	f := &File{Items: map[string]domain.Review{}, Lines: map[string]int{}, top: map[string]int{}}
	if v := o.Str("format", true); v != "" && v != Format {
		o.Errf("format", ProbFormat, "format is {format:q}, want {want:q}", "format", v, "want", Format)
	}
	f.Catalog = o.Str("catalog", true)
	f.catLine = o.Line("catalog").Line
	if v := o.Value("unit"); v != nil && !yamlnode.IsNull(v) {
		if u := d.Object(v, "unit", "", "unit"); u != nil {
			u.Allow("name", "type")
			f.Unit = domain.UnitRef{Name: u.Str("name", false), Type: u.Str("type", false)}
		}
	}
	f.top["unit"] = o.Line("unit").Line
	f.Round = o.Str("round", false)
	f.top["round"] = o.Line("round").Line
	f.Reviewer = o.Str("reviewer", false)
	if v := o.Value("items"); v != nil && !yamlnode.IsNull(v) {
		if im := d.Object(v, "items", "", "items"); im != nil {
			for i := 0; i < len(im.KV); i += 2 {
				k, v := im.KV[i], im.KV[i+1]
				if k.Value == "" || !utf8.ValidString(k.Value) {
					im.At(k, ProbEmptyItemID, "an item id must be non-empty text")
					continue
				}
				f.Lines[k.Value] = k.Line
				f.Items[k.Value] = d.verdict(v, k)
			}
		}
	}
	return f
}

// verdict reads the verdict on the item keyed k.
func (d *decoder) verdict(n, k *yaml.Node) domain.Review {
	id := k.Value
	var r domain.Review
	if yamlnode.IsNull(n) {
		d.Add(k, id, ProbNoVerdict, "give accept, answer, points or request")
		d.unclear[id] = true
		return r
	}
	o := d.Object(n, "", id, "a verdict")
	if o == nil {
		return r
	}
	o.Allow(itemKeys...)
	var ways []string
	if o.Has("accept") {
		ways = append(ways, "accept")
		if !o.Bool("accept") && o.Value("accept").ShortTag() == "!!bool" {
			o.Errf("accept", ProbAcceptFalse, "accept must be true: leave the item out to keep it unreviewed")
		}
		r.Verdict = domain.VerdictAccept
	}
	if o.Has("answer") {
		ways = append(ways, "answer")
		a := d.answer(o.Value("answer"), id, 0)
		r.Answer = &a
		r.Verdict = domain.VerdictAdjust
	}
	if v, ok := o.Num("points", false); ok {
		r.Score = domain.Float(v)
		r.Verdict = domain.VerdictAdjust
	}
	if o.Has("points") {
		ways = append(ways, "points")
	}
	r.Request = o.Str("request", false)
	if o.Has("request") {
		ways = append(ways, "request")
		r.Verdict = domain.VerdictRequest
	}
	r.Reason = o.Str("reason", false)
	r.Comment = o.Str("comment", false)
	d.unclear[id] = len(ways) != 1
	switch {
	case len(ways) == 0:
		d.Add(k, id, ProbNoVerdict, "give accept, answer, points or request")
	case len(ways) > 1:
		d.Add(k, id, ProbTwoVerdicts, "one verdict per item, not {keys}", "keys", strings.Join(ways, ", "))
	}
	return r
}

// answer reads the reviewer's answer to item id (to a part of it when
// depth is 1): the keys of an answers file that give the points.
func (d *decoder) answer(n *yaml.Node, id string, depth int) domain.Answer {
	var a domain.Answer
	o := d.Object(n, "", id, "an answer")
	if o == nil {
		return a
	}
	if depth > 0 {
		o.Allow(answerKeys[:6]...) // all but parts
	} else {
		o.Allow(answerKeys...)
	}
	if o.Has("met") {
		a.Met = domain.Bool(o.Bool("met"))
	}
	a.Level = o.Str("level", false)
	if v, ok := o.Num("value", false); ok {
		a.Value = domain.Float(v)
	}
	if v, ok := o.Num("baseline", false); ok {
		a.Baseline = domain.Float(v)
	}
	if v, ok := o.Num("count", false); ok {
		if v != math.Trunc(v) || math.Abs(v) > maxCount {
			o.Errf("count", ProbNotWhole, "count must be a whole number, not {value}", "value", yamlnode.FormatNumber(v))
		} else {
			a.Count = domain.Int(int(v))
		}
	}
	if o.Has("counts") {
		a.Counts = answers.ReadCounts(&d.Decoder, o, id) // by kind or mark (issue 15)
	}
	if depth == 0 && o.Has("parts") {
		if pm := d.Object(o.Value("parts"), "parts", id, "parts"); pm != nil {
			for i := 0; i < len(pm.KV); i += 2 {
				k, v := pm.KV[i], pm.KV[i+1]
				if k.Value == "" || !utf8.ValidString(k.Value) {
					pm.At(k, ProbEmptyItemID, "a part id must be non-empty text")
					continue
				}
				if a.Parts == nil {
					a.Parts = map[string]domain.Answer{}
				}
				a.Parts[k.Value] = d.answer(v, id, 1)
			}
		}
	}
	return a
}

// check adds the problems of the verdicts against the catalog that do not
// depend on the unit's answers.
func (d *decoder) check(cat *domain.Catalog, f *File) {
	for _, id := range sortedIDs(f.Items) {
		r := f.Items[id]
		it := cat.Item(id)
		if d.unclear[id] {
			continue
		}
		if it == nil {
			p := domain.NewProblem(domain.ProbUnknownItem, "the catalog has no item {item}", "item", id)
			p.ItemID = id
			d.at(f, id, p)
			continue
		}
		// The unit's points are not known here: check against a score
		// that any reviewed points equal, so that no reason is asked yet.
		r = it.NormalizedFor(r, f.Unit.Type)
		own := domain.ItemScore{ID: id, Max: it.Max, Status: domain.StatusAnswered}
		if v, ok := r.ReviewedPoints(); ok {
			own.Score = domain.Round2(v)
		}
		for _, p := range it.CheckVerdictFor(r, own, f.Unit.Type) {
			d.at(f, id, p)
		}
	}
}

func (d *decoder) at(f *File, id string, p domain.Problem) {
	p.File, p.Line = d.File, f.Lines[id]
	d.Probs = append(d.Probs, p)
}

func sortedIDs(m map[string]domain.Review) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Check compares a parsed file with the assessment it is to be imported
// into: the catalog it names (domain.ProbWrongCatalog), the unit and the
// round when the file gives them (ProbWrongUnit, ProbWrongRound), and
// every verdict against the unit's own points (domain.Workspace
// .ReviewProblems: a reason wherever the points differ, no points on an
// excluded item …). The error is EINVALID with every problem, each with
// the file's name, line and item; nil when the file fits.
func Check(f *File, ws *domain.Workspace) error {
	var ps []domain.Problem
	add := func(line int, p domain.Problem) {
		p.File, p.Line = f.name, line
		ps = append(ps, p)
	}
	if want := ws.Catalog.Ref(); f.Catalog != want {
		add(f.catLine, domain.NewProblem(domain.ProbWrongCatalog, "the review is for catalog {catalog}, not {want}",
			"catalog", f.Catalog, "want", want))
	}
	if u := f.Unit.Name; u != "" && u != ws.Assessment.Unit.Name {
		add(f.top["unit"], domain.NewProblem(ProbWrongUnit, "the review is for {unit}, not {want}",
			"unit", u, "want", ws.Assessment.Unit.Name))
	}
	if r := f.Round; r != "" && r != ws.Assessment.Round {
		add(f.top["round"], domain.NewProblem(ProbWrongRound, "the review is for round {round}, not {want}",
			"round", r, "want", ws.Assessment.Round))
	}
	for _, id := range sortedIDs(f.Items) {
		_, vps := ws.ReviewProblems(id, f.Items[id])
		for _, p := range vps {
			add(f.Lines[id], p)
		}
	}
	name := f.name
	if name == "" {
		name = "file"
	}
	return refusal(name, ps)
}

// FromWorkspace returns the review of the workspace as a review file:
// every reviewed item, with the name of who reviewed most items as the
// reviewer.
func FromWorkspace(ws *domain.Workspace) *File {
	f := &File{Catalog: ws.Catalog.Ref(), Unit: domain.UnitRef{Name: ws.Assessment.Unit.Name, Type: ws.Assessment.Unit.Type},
		Round: ws.Assessment.Round, Items: map[string]domain.Review{}}
	count := map[string]int{}
	for id, r := range ws.Reviews {
		if r.IsZero() {
			continue
		}
		f.Items[id] = r
		if r.By != "" {
			count[r.By]++
			if n := count[r.By]; n > count[f.Reviewer] || n == count[f.Reviewer] && r.By < f.Reviewer {
				f.Reviewer = r.By
			}
		}
	}
	return f
}

// Marshal writes the file as pingce/review@1, one flow-style line per
// item in catalog order (items the catalog lacks follow, by id). An
// adjustment by the reviewer's answer is written as the answer (the points
// follow from it). Parse reads the output back to the same verdicts.
func Marshal(f *File, cat *domain.Catalog) ([]byte, error) {
	if f == nil {
		return nil, domain.Errorf(domain.EINVALID, "marshal review: no review")
	}
	var m yamlnode.Mapping
	m.Str("format", Format)
	m.Str("catalog", f.Catalog)
	if f.Unit != (domain.UnitRef{}) {
		var u yamlnode.Mapping
		u.Opt("name", f.Unit.Name)
		u.Opt("type", f.Unit.Type)
		m.Add("unit", u.Node(true))
	}
	m.Opt("round", f.Round)
	m.Opt("reviewer", f.Reviewer)
	items := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, id := range order(f.Items, cat) {
		items.Content = append(items.Content, yamlnode.Scalar("!!str", id), verdictNode(f.Items[id]))
	}
	if len(items.Content) == 0 {
		items.Style = yaml.FlowStyle
	}
	m.Add("items", items)
	doc := m.Node(true)
	doc.Style = 0
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("marshal review: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("marshal review: %w", err)
	}
	return buf.Bytes(), nil
}

func order(m map[string]domain.Review, cat *domain.Catalog) []string {
	var ids []string
	done := map[string]bool{}
	if cat != nil {
		for _, it := range cat.Items() {
			if _, ok := m[it.ID]; ok {
				ids = append(ids, it.ID)
				done[it.ID] = true
			}
		}
	}
	var rest []string
	for id := range m {
		if !done[id] {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	return append(ids, rest...)
}

func verdictNode(r domain.Review) *yaml.Node {
	var m yamlnode.Mapping
	switch r.Verdict {
	case domain.VerdictAdjust:
		if r.Answer != nil {
			m.Add("answer", answers.AnswerNode(*r.Answer, nil))
		} else if r.Score != nil {
			m.Num("points", *r.Score)
		}
	case domain.VerdictRequest:
		m.Str("request", r.Request)
	default:
		if r.Score != nil { // written before verdicts
			m.Num("points", *r.Score)
		} else {
			m.Bool("accept", true)
		}
	}
	m.Opt("reason", r.Reason)
	m.Opt("comment", r.Comment)
	return m.Node(true)
}
