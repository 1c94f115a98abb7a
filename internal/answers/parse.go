// Package answers reads and writes a unit's answers files in the format
// pingce/answers@1 (docs/formats.md §2).
//
// Parse reports every problem of a file at once, each with its file, line
// and item: the structure of the file first, then (given the catalog) every
// answer that does not fit its item.
package answers

import (
	"cmp"
	"errors"
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

// Problem codes of structural problems (domain.Problem.Code); problems
// against the catalog use the domain's Prob* codes.
const (
	ProbSyntax  = "syntax"          // the file is not well-formed YAML
	ProbAnswers = "invalid_answers" // the YAML does not make an answers file
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

func (d *decoder) add(n *yaml.Node, item, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.probs = append(d.probs, domain.Problem{File: d.file, Line: line, ItemID: item,
		Code: ProbAnswers, Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) set(doc *yaml.Node) *domain.AnswerSet {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind == 0 || root.Kind == yaml.DocumentNode || isNull(root) {
		d.add(nil, "", "the file is empty: want answers (format: %s)", domain.AnswersFormat)
		return nil
	}
	o := d.object(root, "", "", "the answers file")
	if o == nil {
		return nil
	}
	o.allow(topKeys...)
	s := &domain.AnswerSet{Answers: map[string]domain.Answer{}}
	if f := o.str("format", true); f != "" && f != domain.AnswersFormat {
		o.errf("format", "format is %q, want %q", f, domain.AnswersFormat)
	}
	s.Catalog = o.str("catalog", false)
	d.catLine = o.line("catalog").Line
	if v := o.value("unit"); v != nil && !isNull(v) {
		if u := d.object(v, "unit: ", "", "unit"); u != nil {
			u.allow("name", "type")
			s.Unit = domain.UnitRef{Name: u.str("name", false), Type: u.str("type", false)}
		}
	}
	s.Round = o.str("round", false)
	if v := o.value("answers"); v != nil && !isNull(v) {
		if am := d.object(v, "answers: ", "", "answers"); am != nil {
			for i := 0; i < len(am.kv); i += 2 {
				k, v := am.kv[i], am.kv[i+1]
				if k.Value == "" {
					d.add(k, "", "answers: an item id must not be empty")
					continue
				}
				if !utf8.ValidString(k.Value) {
					d.add(k, "", "answers: item id is not valid UTF-8")
					continue
				}
				d.lines[k.Value] = k.Line
				s.Answers[k.Value] = d.answer(v, k.Value, false)
			}
		}
	}
	seen := map[string]bool{}
	for _, n := range o.list("vetoes") {
		id, err := text(n)
		switch {
		case err != nil:
			d.add(n, "", "vetoes: %v", err)
		case id == "":
			d.add(n, "", "vetoes: empty entry")
		case seen[id]:
			d.add(n, "", "vetoes: %q is listed twice", id)
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
				o.errf(k, "na applies to a whole item, not to one of its parts")
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
			o.errf("count", "count must be a whole number, not %s", formatNumber(v))
		case v < 0:
			o.errf("count", "count must be 0 or more, not %s", formatNumber(v))
			a.Count = domain.Int(int(v))
		default:
			a.Count = domain.Int(int(v))
		}
	}
	if !part && o.has("parts") {
		if pm := d.object(o.value("parts"), "parts: ", id, "parts"); pm != nil {
			for i := 0; i < len(pm.kv); i += 2 {
				k, v := pm.kv[i], pm.kv[i+1]
				if k.Value == "" || !utf8.ValidString(k.Value) {
					d.add(k, id, "parts: a part id must be non-empty text")
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
	item string       // item id of problems
	kv   []*yaml.Node // key, value, … without repeated keys
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if isNull(n) {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

func (d *decoder) object(n *yaml.Node, what, item, name string) *object {
	if n.Kind != yaml.MappingNode {
		d.add(n, item, "%s%s must be a mapping, not %s", what, name, kindName(n))
		return nil
	}
	o := &object{d: d, node: n, what: what, item: item, kv: make([]*yaml.Node, 0, len(n.Content))}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.add(k, item, "%skeys must be plain words, not %s", what, kindName(k))
			continue
		}
		if first, _ := o.get(k.Value); first != nil {
			d.add(k, item, "%skey %q appears twice (first on line %d)", what, k.Value, first.Line)
			continue
		}
		o.kv = append(o.kv, k, v)
	}
	return o
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
			o.d.add(k, o.item, "%sunknown key %q", o.what, k.Value)
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

func (o *object) errf(key, format string, args ...any) {
	o.d.add(o.line(key), o.item, o.what+format, args...)
}

func (o *object) str(key string, required bool) string {
	if !o.has(key) {
		if required {
			o.errf(key, "missing %s", key)
		}
		return ""
	}
	s, err := text(o.value(key))
	if err != nil {
		o.errf(key, "%s: %v", key, err)
	}
	return s
}

func text(n *yaml.Node) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", fmt.Errorf("want text, not %s", kindName(n))
	}
	switch n.ShortTag() {
	case "!!str", "!!int", "!!float", "!!bool", "!!timestamp":
	case "!!null":
		return "", nil
	default:
		return "", fmt.Errorf("want text, not a value tagged %s", n.Tag)
	}
	if !utf8.ValidString(n.Value) {
		return "", errors.New("text is not valid UTF-8")
	}
	return n.Value, nil
}

func (o *object) num(key string) (float64, bool) {
	if !o.has(key) {
		return 0, false
	}
	n := o.value(key)
	bad := func() (float64, bool) {
		o.errf(key, "%s: want a number, not %s", key, kindName(n))
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
		o.errf(key, "%s: want a finite number, not %q", key, n.Value)
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
		o.errf(key, "%s: want true or false, not %s", key, kindName(v))
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
		o.errf(key, "%s must be a list, not %s", key, kindName(v))
		return nil
	}
	return v.Content
}

// strs returns the texts of the list under key; nil when absent or empty.
func (o *object) strs(key string) []string {
	var out []string
	for _, n := range o.list(key) {
		s, err := text(n)
		if err != nil {
			o.d.add(n, o.item, "%s%s: %v", o.what, key, err)
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
	p := domain.Problem{Line: reported, Msg: "YAML syntax: " + msg}
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
