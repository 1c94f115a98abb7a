// Package answers reads and writes a unit's answers files in the format
// pingce/answers@1 (docs/formats.md §2).
//
// Parse reports every problem of a file at once, each with its file, line
// and item: the structure of the file first, then (given the catalog) every
// answer that does not fit its item.
package answers

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
	"pingce/internal/userfile"
	"pingce/internal/yamlnode"
)

// Problem codes of answers problems (domain.Problem.Code), with the names
// of their Args; problems of the YAML structure have yamlnode's codes and
// problems against the catalog the domain's Prob* codes. The user interface
// writes each in the user's language.
const (
	ProbSyntax      = yamlnode.ProbSyntax    // the file is not well-formed YAML; detail
	ProbEmpty       = "answers.empty_file"   // nothing in the file; format
	ProbFormat      = "answers.wrong_format" // format, want
	ProbEmptyItemID = "answers.empty_item_id"
	ProbItemIDUTF8  = "answers.item_id_utf8"
	ProbPartID      = "answers.bad_part_id"
	ProbNotWhole    = "answers.count_not_whole" // value
	ProbCountKey    = "answers.bad_count_key"   // a key of counts that is empty or not text
)

var (
	topKeys    = []string{"format", "catalog", "unit", "round", "answers", "vetoes"}
	answerKeys = []string{"met", "level", "value", "baseline", "count", "counts", "parts", "na", "reason", "note", "evidence", "flag"}
	// partKeys are the keys of a part's answer that allow does not report;
	// na and reason get a message of their own.
	partKeys = []string{"met", "level", "value", "baseline", "count", "counts", "na", "reason", "note", "evidence", "flag"}
)

// maxCount bounds a count so that it fits an int everywhere.
const maxCount = 1_000_000_000

// MaxFileSize bounds the size of an answers file.
const MaxFileSize = yamlnode.DefaultMaxBytes

// LoadFile reads the answers file at path through the size limit
// (ETOOLARGE past MaxFileSize, whatever the file says its size is) and
// parses it as Parse does; problems name the file by its base name.
func LoadFile(ctx context.Context, path string, cat *domain.Catalog) (*domain.AnswerSet, error) {
	data, err := userfile.ReadFile(ctx, "answers file", path, MaxFileSize)
	if err != nil {
		return nil, err
	}
	return Parse(filepath.Base(path), data, cat)
}

// Parse reads an answers file. name is the file's name, used in problems.
// When cat is not nil the answers are also checked against it
// (domain.CheckAnswers). On any problem the error is a *domain.Error with
// code EINVALID listing them all, in line order. A text too large to read,
// or that may hold too many values, is refused with ETOOLARGE
// (yamlnode.Decoder.Document).
// The file holds one YAML document: a second one after a "---" line is
// refused rather than ignored (a "---" with nothing or only comments after
// it is not a document).
func Parse(name string, data []byte, cat *domain.Catalog) (*domain.AnswerSet, error) {
	d := &decoder{Decoder: yamlnode.Decoder{File: name}, lines: map[string]int{}, partNA: map[string]bool{},
		badBaseline: map[string]bool{}}
	var doc yaml.Node
	if err := d.Document(data, &doc, "an answers file"); domain.ErrorCode(err) == domain.ETOOLARGE {
		return nil, err
	} else if err != nil {
		p := yamlnode.SyntaxProblem(data, err)
		p.File = name
		return nil, &domain.Error{Code: domain.EINVALID,
			Message: fmt.Sprintf("answers %s are not valid YAML", name), Problems: []domain.Problem{p}}
	}
	s := d.set(&doc)
	if s != nil && cat != nil {
		d.check(cat, s)
	}
	if len(d.Probs) > 0 {
		// Problems about the same line are sorted too: the catalog check walks maps.
		slices.SortStableFunc(d.Probs, func(a, b domain.Problem) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.ItemID, b.ItemID), cmp.Compare(a.Msg, b.Msg))
		})
		n := strconv.Itoa(len(d.Probs)) + " problems"
		if len(d.Probs) == 1 {
			n = "1 problem"
		}
		return nil, &domain.Error{Code: domain.EINVALID,
			Message: fmt.Sprintf("answers %s refused: %s", name, n), Problems: d.Probs}
	}
	return s, nil
}

// decoder walks the node tree, collecting problems and the line of every
// answer (by item id, and "item.part" for parts).
type decoder struct {
	yamlnode.Decoder
	lines     map[string]int
	catLine   int
	vetoLines []int
	partNA    map[string]bool // "item.part" ids whose answer says na or reason
	// badBaseline holds the ids whose baseline was refused: it is not
	// missing as well.
	badBaseline map[string]bool
}

func (d *decoder) set(doc *yaml.Node) *domain.AnswerSet {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind == 0 || root.Kind == yaml.DocumentNode || yamlnode.IsNull(root) {
		d.Add(nil, "", ProbEmpty, "the file is empty: want answers (format: {format})", "format", domain.AnswersFormat)
		return nil
	}
	o := d.Object(root, "", "", "the answers file")
	if o == nil {
		return nil
	}
	o.Allow(topKeys...)
	s := &domain.AnswerSet{Answers: map[string]domain.Answer{}}
	if f := o.Str("format", true); f != "" && f != domain.AnswersFormat {
		o.Errf("format", ProbFormat, "format is {format:q}, want {want:q}", "format", f, "want", domain.AnswersFormat)
	}
	s.Catalog = o.Str("catalog", false)
	d.catLine = o.Line("catalog").Line
	if v := o.Value("unit"); v != nil && !yamlnode.IsNull(v) {
		if u := d.Object(v, "unit", "", "unit"); u != nil {
			u.Allow("name", "type")
			s.Unit = domain.UnitRef{Name: u.Str("name", false), Type: u.Str("type", false)}
		}
	}
	s.Round = o.Str("round", false)
	if v := o.Value("answers"); v != nil && !yamlnode.IsNull(v) {
		if am := d.Object(v, "answers", "", "answers"); am != nil {
			for i := 0; i < len(am.KV); i += 2 {
				k, v := am.KV[i], am.KV[i+1]
				if k.Value == "" {
					am.At(k, ProbEmptyItemID, "an item id must not be empty")
					continue
				}
				if !utf8.ValidString(k.Value) {
					am.At(k, ProbItemIDUTF8, "item id is not valid UTF-8")
					continue
				}
				d.lines[k.Value] = k.Line
				s.Answers[k.Value] = d.answer(v, k.Value, false)
			}
		}
	}
	seen := map[string]bool{}
	for _, n := range o.List("vetoes") {
		id, is := yamlnode.Text(n)
		switch {
		case is != nil:
			o.Bad("vetoes", n, is)
		case id == "":
			o.At(n, yamlnode.ProbEmptyEntry, "{key}: empty entry", "key", "vetoes")
		case seen[id]:
			o.At(n, yamlnode.ProbListedTwice, "{key}: {value:q} is listed twice", "key", "vetoes", "value", id)
		default:
			seen[id] = true
			s.Vetoes = append(s.Vetoes, id)
			d.vetoLines = append(d.vetoLines, n.Line)
		}
	}
	return s
}

// answer reads the answer to item id (a part's answer when part is true).
func (d *decoder) answer(n *yaml.Node, id string, part bool) domain.Answer {
	var a domain.Answer
	if yamlnode.IsNull(n) {
		return a
	}
	o := d.Object(n, "", id, "an answer")
	if o == nil {
		return a
	}
	if part {
		o.Allow(partKeys...)
		for _, k := range []string{"na", "reason"} {
			if kn, _ := o.Get(k); kn != nil {
				o.Errf(k, domain.ProbPartNA, "na applies to a whole item, not to one of its parts")
				d.partNA[id] = true
				break
			}
		}
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
	} else if o.Has("baseline") {
		d.badBaseline[id] = true
	}
	a.Count = count(o, "count")
	if o.Has("counts") {
		a.Counts = d.counts(o, id)
	}
	if !part && o.Has("parts") {
		if pm := d.Object(o.Value("parts"), "parts", id, "parts"); pm != nil {
			for i := 0; i < len(pm.KV); i += 2 {
				k, v := pm.KV[i], pm.KV[i+1]
				if k.Value == "" || !utf8.ValidString(k.Value) {
					pm.At(k, ProbPartID, "a part id must be non-empty text")
					continue
				}
				if a.Parts == nil {
					a.Parts = map[string]domain.Answer{}
				}
				d.lines[id+"."+k.Value] = k.Line
				a.Parts[k.Value] = d.answer(v, id+"."+k.Value, true)
			}
		}
	}
	a.NA = o.Bool("na")
	a.Reason = o.Str("reason", false)
	a.Note = o.Str("note", false)
	a.Evidence = o.Strs("evidence", false)
	a.Flagged = o.Bool("flag")
	return a
}

// check adds the problems of the answers against the catalog, each at the
// line of what it is about.
func (d *decoder) check(cat *domain.Catalog, s *domain.AnswerSet) {
	vetoes := 0
	for _, p := range domain.CheckAnswers(cat, s) {
		p.File = d.File
		switch {
		case p.Code == domain.ProbNegativeCount, d.partNA[p.ItemID],
			p.Code == domain.ProbMissingBaseline && d.badBaseline[p.ItemID]:
			continue // reported with the file's structure
		case p.Code == domain.ProbWrongCatalog:
			p.Line = d.catLine
		case p.Code == domain.ProbUnknownVeto:
			// CheckAnswers reports unknown vetoes in the order of s.Vetoes.
			for vetoes < len(s.Vetoes) {
				i := vetoes
				vetoes++
				if _, ok := cat.Veto(s.Vetoes[i]); !ok {
					p.Line = d.vetoLines[i]
					break
				}
			}
		default:
			p.Line = d.lines[p.ItemID]
		}
		d.Probs = append(d.Probs, p)
	}
}

// count reads the whole number of key of o, nil when it is absent or not
// one (reported); a negative count is reported and kept, so that the
// answer does not read as unanswered.
func count(o *yamlnode.Object, key string) *int {
	v, ok := o.Num(key, false)
	if !ok {
		return nil
	}
	switch {
	case v != math.Trunc(v) || math.Abs(v) > maxCount:
		o.Errf(key, ProbNotWhole, "count must be a whole number, not {value}", "value", yamlnode.FormatNumber(v))
		return nil
	case v < 0:
		o.Errf(key, domain.ProbNegativeCount, "count must be 0 or more, not {value}", "value", yamlnode.FormatNumber(v))
	}
	return domain.Int(int(v))
}

// counts reads the counts by kind (or by mark) of the answer to item id.
func (d *decoder) counts(o *yamlnode.Object, id string) map[string]int {
	return ReadCounts(&d.Decoder, o, id)
}

// ReadCounts reads the key counts of mapping o, the answer to item id: a
// mapping of keys to whole numbers (docs/formats.md §2), each problem
// added to d at its line; nil when it is not a mapping or holds none. Whether the keys
// are the item's, the catalog check says. The review file reads the
// reviewer's answers with it.
func ReadCounts(d *yamlnode.Decoder, o *yamlnode.Object, id string) map[string]int {
	cm := d.Object(o.Value("counts"), "counts", id, "counts")
	if cm == nil {
		return nil
	}
	out := map[string]int{}
	for i := 0; i < len(cm.KV); i += 2 {
		k := cm.KV[i]
		if k.Value == "" || !utf8.ValidString(k.Value) {
			cm.At(k, ProbCountKey, "a key of counts must be non-empty text")
			continue
		}
		if n := count(cm, k.Value); n != nil {
			out[k.Value] = *n
		}
	}
	if len(out) == 0 {
		return nil // counts: {} gives no counts, as a file without the key
	}
	return out
}
