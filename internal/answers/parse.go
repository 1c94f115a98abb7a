// Package answers reads and writes a unit's answers files in the format
// pingce/answers@1 (docs/formats.md §2).
//
// Parse reports every problem of a file at once, each with its file, line
// and item: the structure of the file first, then (given the catalog) every
// answer that does not fit its item.
package answers

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
)

// Problem codes of structural problems (domain.Problem.Code), with the
// names of their Args; problems against the catalog use the domain's Prob*
// codes. The user interface writes each in the user's language.
const (
	ProbSyntax      = "answers.syntax"        // the file is not well-formed YAML; detail
	ProbEmpty       = "answers.empty_file"    // nothing in the file; format
	ProbMapping     = "answers.not_mapping"   // thing, got: a mapping belongs here
	ProbBadKey      = "answers.bad_key"       // got: a key that is not plain text
	ProbDupKey      = "answers.duplicate_key" // key, first (line)
	ProbUnknownKey  = "answers.unknown_key"   // key
	ProbMissing     = "answers.missing_key"   // key
	ProbWantText    = "answers.want_text"     // key, got
	ProbTagged      = "answers.tagged_value"  // key, tag
	ProbBadUTF8     = "answers.invalid_utf8"  // key
	ProbWantNumber  = "answers.want_number"   // key, got
	ProbNotFinite   = "answers.not_finite"    // key, value
	ProbWantBool    = "answers.want_bool"     // key, got
	ProbNotList     = "answers.not_list"      // key, got
	ProbEmptyEntry  = "answers.empty_entry"   // key
	ProbListedTwice = "answers.listed_twice"  // key, value
	ProbFormat      = "answers.wrong_format"  // format, want
	ProbEmptyItemID = "answers.empty_item_id"
	ProbItemIDUTF8  = "answers.item_id_utf8"
	ProbPartID      = "answers.bad_part_id"
	ProbNotWhole    = "answers.count_not_whole" // value
)

var (
	topKeys    = []string{"format", "catalog", "unit", "round", "answers", "vetoes"}
	answerKeys = []string{"met", "level", "value", "baseline", "count", "parts", "na", "reason", "note", "evidence", "flag"}
	// partKeys are the keys of a part's answer that allow does not report;
	// na and reason get a message of their own.
	partKeys = []string{"met", "level", "value", "baseline", "count", "na", "reason", "note", "evidence", "flag"}
)

// maxCount bounds a count so that it fits an int everywhere.
const maxCount = 1_000_000_000

// Parse reads an answers file. name is the file's name, used in problems.
// When cat is not nil the answers are also checked against it
// (domain.CheckAnswers). On any problem the error is a *domain.Error with
// code EINVALID listing them all, in line order.
func Parse(name string, data []byte, cat *domain.Catalog) (*domain.AnswerSet, error) {
	d := &decoder{file: name, lines: map[string]int{}, partNA: map[string]bool{}}
	var doc yaml.Node
	if err := unmarshal(data, &doc); err != nil {
		p := syntaxProblem(data, err)
		p.File, p.Code = name, ProbSyntax
		return nil, &domain.Error{Code: domain.EINVALID,
			Message: fmt.Sprintf("answers %s are not valid YAML", name), Problems: []domain.Problem{p}}
	}
	s := d.set(&doc)
	if s != nil && cat != nil {
		d.check(cat, s)
	}
	if len(d.probs) > 0 {
		// Problems about the same line are sorted too: the catalog check walks maps.
		slices.SortStableFunc(d.probs, func(a, b domain.Problem) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.ItemID, b.ItemID), cmp.Compare(a.Msg, b.Msg))
		})
		n := strconv.Itoa(len(d.probs)) + " problems"
		if len(d.probs) == 1 {
			n = "1 problem"
		}
		return nil, &domain.Error{Code: domain.EINVALID,
			Message: fmt.Sprintf("answers %s refused: %s", name, n), Problems: d.probs}
	}
	return s, nil
}

// decoder walks the node tree, collecting problems and the line of every
// answer (by item id, and "item.part" for parts).
type decoder struct {
	file      string
	probs     []domain.Problem
	lines     map[string]int
	catLine   int
	vetoLines []int
	partNA    map[string]bool // "item.part" ids whose answer says na or reason
}

// add records a problem at the node's line: its code, and its message
// format with the named values kv (domain.NewProblem).
func (d *decoder) add(n *yaml.Node, item, code, format string, kv ...string) {
	p := domain.NewProblem(code, format, kv...)
	p.File, p.ItemID = d.file, item
	if n != nil {
		p.Line = n.Line
	}
	d.probs = append(d.probs, p)
}

// issue is what is wrong with a value, before it is known where.
type issue struct {
	code, format string
	kv           []string
}

func (d *decoder) set(doc *yaml.Node) *domain.AnswerSet {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind == 0 || root.Kind == yaml.DocumentNode || isNull(root) {
		d.add(nil, "", ProbEmpty, "the file is empty: want answers (format: {format})", "format", domain.AnswersFormat)
		return nil
	}
	o := d.object(root, "", "", "the answers file")
	if o == nil {
		return nil
	}
	o.allow(topKeys...)
	s := &domain.AnswerSet{Answers: map[string]domain.Answer{}}
	if f := o.str("format", true); f != "" && f != domain.AnswersFormat {
		o.errf("format", ProbFormat, "format is {format:q}, want {want:q}", "format", f, "want", domain.AnswersFormat)
	}
	s.Catalog = o.str("catalog", false)
	d.catLine = o.line("catalog").Line
	if v := o.value("unit"); v != nil && !isNull(v) {
		if u := d.object(v, "unit", "", "unit"); u != nil {
			u.allow("name", "type")
			s.Unit = domain.UnitRef{Name: u.str("name", false), Type: u.str("type", false)}
		}
	}
	s.Round = o.str("round", false)
	if v := o.value("answers"); v != nil && !isNull(v) {
		if am := d.object(v, "answers", "", "answers"); am != nil {
			for i := 0; i < len(am.kv); i += 2 {
				k, v := am.kv[i], am.kv[i+1]
				if k.Value == "" {
					am.at(k, ProbEmptyItemID, "an item id must not be empty")
					continue
				}
				if !utf8.ValidString(k.Value) {
					am.at(k, ProbItemIDUTF8, "item id is not valid UTF-8")
					continue
				}
				d.lines[k.Value] = k.Line
				s.Answers[k.Value] = d.answer(v, k.Value, false)
			}
		}
	}
	seen := map[string]bool{}
	for _, n := range o.list("vetoes") {
		id, is := text(n)
		switch {
		case is != nil:
			o.bad("vetoes", n, is)
		case id == "":
			o.at(n, ProbEmptyEntry, "{key}: empty entry", "key", "vetoes")
		case seen[id]:
			o.at(n, ProbListedTwice, "{key}: {value:q} is listed twice", "key", "vetoes", "value", id)
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
	if isNull(n) {
		return a
	}
	o := d.object(n, "", id, "an answer")
	if o == nil {
		return a
	}
	if part {
		o.allow(partKeys...)
		for _, k := range []string{"na", "reason"} {
			if kn, _ := o.get(k); kn != nil {
				o.errf(k, domain.ProbPartNA, "na applies to a whole item, not to one of its parts")
				d.partNA[id] = true
				break
			}
		}
	} else {
		o.allow(answerKeys...)
	}
	if o.has("met") {
		a.Met = domain.Bool(o.boolean("met"))
	}
	a.Level = o.str("level", false)
	if v, ok := o.num("value"); ok {
		a.Value = domain.Float(v)
	}
	if v, ok := o.num("baseline"); ok {
		a.Baseline = domain.Float(v)
	}
	if v, ok := o.num("count"); ok {
		switch {
		case v != math.Trunc(v) || math.Abs(v) > maxCount:
			o.errf("count", ProbNotWhole, "count must be a whole number, not {value}", "value", formatNumber(v))
		case v < 0:
			o.errf("count", domain.ProbNegativeCount, "count must be 0 or more, not {value}", "value", formatNumber(v))
			a.Count = domain.Int(int(v))
		default:
			a.Count = domain.Int(int(v))
		}
	}
	if !part && o.has("parts") {
		if pm := d.object(o.value("parts"), "parts", id, "parts"); pm != nil {
			for i := 0; i < len(pm.kv); i += 2 {
				k, v := pm.kv[i], pm.kv[i+1]
				if k.Value == "" || !utf8.ValidString(k.Value) {
					pm.at(k, ProbPartID, "a part id must be non-empty text")
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
	a.NA = o.boolean("na")
	a.Reason = o.str("reason", false)
	a.Note = o.str("note", false)
	a.Evidence = o.strs("evidence")
	a.Flagged = o.boolean("flag")
	return a
}

// check adds the problems of the answers against the catalog, each at the
// line of what it is about.
func (d *decoder) check(cat *domain.Catalog, s *domain.AnswerSet) {
	vetoes := 0
	for _, p := range domain.CheckAnswers(cat, s) {
		p.File = d.file
		switch {
		case p.Code == domain.ProbNegativeCount, d.partNA[p.ItemID]:
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
		d.probs = append(d.probs, p)
	}
}

// object is a YAML mapping being read.
type object struct {
	d    *decoder
	node *yaml.Node
	what string       // prefix of messages
	ctx  []string     // named values of what: "in", "answers" …
	item string       // item id of problems
	kv   []*yaml.Node // key, value, … without repeated keys
}

// kindArgs describes a node's kind for messages: the "kind" and "value"
// of domain.Problem.Args, written as {got}.
func kindArgs(n *yaml.Node) []string {
	switch n.Kind {
	case yaml.MappingNode:
		return []string{"kind", "mapping"}
	case yaml.SequenceNode:
		return []string{"kind", "list"}
	case yaml.AliasNode:
		return []string{"kind", "alias"}
	case yaml.ScalarNode:
		if isNull(n) {
			return []string{"kind", "nothing"}
		}
		return []string{"kind", "value", "value", n.Value}
	}
	return []string{"kind", "other"}
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// object reads n as a mapping inside part ("answers", "parts" … or "" for
// the top); name says what n is in messages.
func (d *decoder) object(n *yaml.Node, part, item, name string) *object {
	what, ctx := "", []string(nil)
	if part != "" {
		what, ctx = part+": ", []string{"in", part}
	}
	if n.Kind != yaml.MappingNode {
		d.add(n, item, ProbMapping, what+"{thing} must be a mapping, not {got}",
			slices.Concat(ctx, []string{"thing", name}, kindArgs(n))...)
		return nil
	}
	o := &object{d: d, node: n, what: what, ctx: ctx, item: item, kv: make([]*yaml.Node, 0, len(n.Content))}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.add(k, item, ProbBadKey, what+"keys must be plain words, not {got}", slices.Concat(ctx, kindArgs(k))...)
			continue
		}
		if first, _ := o.get(k.Value); first != nil {
			d.add(k, item, ProbDupKey, what+"key {key:q} appears twice (first on line {first})",
				slices.Concat(ctx, []string{"key", k.Value, "first", strconv.Itoa(first.Line)})...)
			continue
		}
		o.kv = append(o.kv, k, v)
	}
	return o
}

// at reports a problem at node n with the object's prefix and context.
func (o *object) at(n *yaml.Node, code, format string, kv ...string) {
	o.d.add(n, o.item, code, o.what+format, slices.Concat(o.ctx, kv)...)
}

// bad reports what is wrong with the value of key (a list entry at n when
// n is not nil).
func (o *object) bad(key string, n *yaml.Node, is *issue) {
	if n == nil {
		n = o.line(key)
	}
	o.at(n, is.code, "{key}: "+is.format, append([]string{"key", key}, is.kv...)...)
}

func (o *object) get(key string) (k, v *yaml.Node) {
	for i := 0; i < len(o.kv); i += 2 {
		if o.kv[i].Value == key {
			return o.kv[i], o.kv[i+1]
		}
	}
	return nil, nil
}

func (o *object) value(key string) *yaml.Node {
	_, v := o.get(key)
	return v
}

func (o *object) allow(allowed ...string) {
	for i := 0; i < len(o.kv); i += 2 {
		if k := o.kv[i]; !slices.Contains(allowed, k.Value) {
			o.at(k, ProbUnknownKey, "unknown key {key:q}", "key", k.Value)
		}
	}
}

func (o *object) has(key string) bool {
	v := o.value(key)
	return v != nil && !isNull(v)
}

func (o *object) line(key string) *yaml.Node {
	if k, _ := o.get(key); k != nil {
		return k
	}
	return o.node
}

// errf reports a problem about key: its code, and its message format with
// the named values kv (domain.NewProblem).
func (o *object) errf(key, code, format string, kv ...string) {
	o.at(o.line(key), code, format, kv...)
}

func (o *object) str(key string, required bool) string {
	if !o.has(key) {
		if required {
			o.errf(key, ProbMissing, "missing {key}", "key", key)
		}
		return ""
	}
	s, is := text(o.value(key))
	if is != nil {
		o.bad(key, nil, is)
	}
	return s
}

func text(n *yaml.Node) (string, *issue) {
	if n.Kind != yaml.ScalarNode {
		return "", &issue{ProbWantText, "want text, not {got}", kindArgs(n)}
	}
	switch n.ShortTag() {
	case "!!str", "!!int", "!!float", "!!bool", "!!timestamp":
	case "!!null":
		return "", nil
	default:
		return "", &issue{ProbTagged, "want text, not a value tagged {tag}", []string{"tag", n.Tag}}
	}
	if !utf8.ValidString(n.Value) {
		return "", &issue{ProbBadUTF8, "text is not valid UTF-8", nil}
	}
	return n.Value, nil
}

func (o *object) num(key string) (float64, bool) {
	if !o.has(key) {
		return 0, false
	}
	n := o.value(key)
	bad := func() (float64, bool) {
		o.bad(key, nil, &issue{ProbWantNumber, "want a number, not {got}", kindArgs(n)})
		return 0, false
	}
	if n.Kind != yaml.ScalarNode {
		return bad()
	}
	if t := n.ShortTag(); t != "!!int" && t != "!!float" {
		return bad()
	}
	var f float64
	if err := n.Decode(&f); err != nil {
		return bad()
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		o.bad(key, nil, &issue{ProbNotFinite, "want a finite number, not {value:q}", []string{"value", n.Value}})
		return 0, false
	}
	return f, true
}

func (o *object) boolean(key string) bool {
	if !o.has(key) {
		return false
	}
	v := o.value(key)
	var b bool
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" || v.Decode(&b) != nil {
		o.errf(key, ProbWantBool, "{key}: want true or false, not {got}", append([]string{"key", key}, kindArgs(v)...)...)
		return false
	}
	return b
}

func (o *object) list(key string) []*yaml.Node {
	if !o.has(key) {
		return nil
	}
	v := o.value(key)
	if v.Kind != yaml.SequenceNode {
		o.errf(key, ProbNotList, "{key} must be a list, not {got}", append([]string{"key", key}, kindArgs(v)...)...)
		return nil
	}
	return v.Content
}

// strs returns the texts of the list under key; nil when absent or empty.
func (o *object) strs(key string) []string {
	var out []string
	for _, n := range o.list(key) {
		s, is := text(n)
		if is != nil {
			o.bad(key, n, is)
			continue
		}
		out = append(out, s)
	}
	return out
}

// unmarshal parses YAML into a node tree and turns a panic of the parser
// into an error: user data must never crash the program.
func unmarshal(data []byte, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return yaml.Unmarshal(data, n)
}

var syntaxLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxProblem turns a YAML parser error into a problem with the line at
// fault: yaml.v3 reports where the broken construct starts (for some errors
// one line less), so the first prefix of data from there on that fails with
// the same message ends on the line at fault.
func syntaxProblem(data []byte, err error) domain.Problem {
	split := func(msg string) (int, string) {
		if m := syntaxLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n, m[2]
		}
		return 0, strings.TrimPrefix(msg, "yaml: ")
	}
	reported, msg := split(err.Error())
	p := domain.Problem{Line: reported, Msg: "YAML syntax: " + msg, Args: map[string]string{"detail": msg}}
	var ends []int
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		ends = append(ends, len(data))
	}
	start := max(reported, 1)
	budget := 1 << 20 // bytes parsed in all, to bound the search on big files
	for line := start; line <= len(ends) && line < start+200; line++ {
		if budget -= ends[line-1]; budget < 0 {
			break
		}
		var n yaml.Node
		if perr := unmarshal(data[:ends[line-1]], &n); perr != nil {
			if _, pm := split(perr.Error()); pm == msg {
				p.Line = line
				break
			}
		}
	}
	return p
}
