// Package yamlnode reads and writes the YAML node trees of Pingce's files
// (catalogs, answers). Reading collects every problem it finds, each with
// its line, a code of its own and the named values of its message
// (domain.Problem), so that a file is refused with all its problems at once.
package yamlnode

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
	"pingce/internal/userfile"
)

// Problem codes of a file's YAML structure, with the names of their Args.
const (
	ProbSyntax      = "yaml.syntax"        // the file is not well-formed YAML; detail
	ProbMapping     = "yaml.not_mapping"   // thing, got: a mapping belongs here
	ProbBadKey      = "yaml.bad_key"       // got: a key that is not plain text
	ProbDupKey      = "yaml.duplicate_key" // key, first (line)
	ProbUnknownKey  = "yaml.unknown_key"   // key
	ProbMissing     = "yaml.missing_key"   // key
	ProbEmptyValue  = "yaml.empty_value"   // key
	ProbWantText    = "yaml.want_text"     // key, got
	ProbTagged      = "yaml.tagged_value"  // key, tag
	ProbBadUTF8     = "yaml.invalid_utf8"  // key
	ProbWantNumber  = "yaml.want_number"   // key, got
	ProbNotFinite   = "yaml.not_finite"    // key, value
	ProbNumberRange = "yaml.number_range"  // key, value, min, max
	ProbWantBool    = "yaml.want_bool"     // key, got
	ProbNotList     = "yaml.not_list"      // key, got
	ProbEmptyList   = "yaml.empty_list"    // key
	ProbEmptyEntry  = "yaml.empty_entry"   // key
	ProbListedTwice = "yaml.listed_twice"  // key, value

	// A second document, at the line where it starts (Decoder.Document).
	ProbMultiDoc = "yaml.multiple_documents"
	// A file that may hold more YAML values than a parse may build (limit).
	ProbTooManyNodes = "yaml.too_many_values"
)

// Bounds of what one parse may use (Decoder.MaxBytes, Decoder.MaxNodes).
// Parsing builds a node of about 250 bytes for every value of a file, so
// that the node count rather than the file size decides the memory a
// parse takes: a 30 MB file of "[1,1,…]" would build 15 million nodes.
// With these bounds a parse takes at most about 300 MB.
const (
	DefaultMaxBytes = 32 << 20
	DefaultMaxNodes = 1 << 20
)

// Decoder collects the problems of one file.
type Decoder struct {
	File  string // the file's name, for problems
	Probs []domain.Problem
	// MaxBytes and MaxNodes bound the text Document parses and the
	// number of nodes the parse may build; 0 means DefaultMaxBytes and
	// DefaultMaxNodes.
	MaxBytes, MaxNodes int
}

// Add records a problem at the node's line (0 for a nil node) about item:
// its code, and its message format with the named values kv
// (domain.NewProblem).
func (d *Decoder) Add(n *yaml.Node, item, code, format string, kv ...string) {
	p := domain.NewProblem(code, format, kv...)
	p.File, p.ItemID = d.File, item
	if n != nil {
		p.Line = n.Line
	}
	d.Probs = append(d.Probs, p)
}

// Issue is what is wrong with a value, before it is known where.
type Issue struct {
	Code, Format string
	KV           []string
}

// Object is a YAML mapping being read: its keys, with the context needed to
// report problems about it. Keys are looked up by a linear scan in small
// mappings and through an index in large ones, so that reading a mapping
// takes time in proportion to its size (an answers file may hold many
// thousands of keys).
type Object struct {
	D    *Decoder
	Node *yaml.Node
	What string       // prefix of messages: "grades: ", "category {category}: " or ""
	Ctx  []string     // named values of What: "in", "grades" …
	Item string       // item id of problems, if about an item
	KV   []*yaml.Node // key, value, key, value … without repeated keys
	// index maps each key to its position in KV, in mappings of more
	// than indexFrom keys.
	index map[string]int
}

// indexFrom is the number of keys above which an Object indexes them: a
// scan of a few keys is faster than a map.
const indexFrom = 16

// In returns the prefix of messages about a part of a file and its named
// values: In("grades") is "grades: " with "in", "grades"; In("") is nothing.
func In(part string) (string, []string) {
	if part == "" {
		return "", nil
	}
	return part + ": ", []string{"in", part}
}

// IsNull reports whether n is a null scalar (~, null or nothing).
func IsNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// KindArgs describes a node's kind for messages: the "kind" and "value"
// of domain.Problem.Args, written as {got}.
func KindArgs(n *yaml.Node) []string {
	switch n.Kind {
	case yaml.MappingNode:
		return []string{"kind", "mapping"}
	case yaml.SequenceNode:
		return []string{"kind", "list"}
	case yaml.AliasNode:
		return []string{"kind", "alias"}
	case yaml.ScalarNode:
		if IsNull(n) {
			return []string{"kind", "nothing"}
		}
		return []string{"kind", "value", "value", n.Value}
	}
	return []string{"kind", "other"}
}

// Object reads n as a mapping inside part (see In) about item; name says
// what n is in messages. It reports repeated keys, and returns nil (after
// reporting) when n is not a mapping.
func (d *Decoder) Object(n *yaml.Node, part, item, name string) *Object {
	what, ctx := In(part)
	if n.Kind != yaml.MappingNode {
		d.Add(n, item, ProbMapping, what+"{thing} must be a mapping, not {got}",
			slices.Concat(ctx, []string{"thing", name}, KindArgs(n))...)
		return nil
	}
	o := &Object{D: d, Node: n, What: what, Ctx: ctx, Item: item, KV: make([]*yaml.Node, 0, len(n.Content))}
	if len(n.Content)/2 > indexFrom {
		o.index = make(map[string]int, len(n.Content)/2)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.Add(k, item, ProbBadKey, what+"keys must be plain words, not {got}", slices.Concat(ctx, KindArgs(k))...)
			continue
		}
		if first, _ := o.Get(k.Value); first != nil {
			d.Add(k, item, ProbDupKey, what+"key {key:q} appears twice (first on line {first})",
				slices.Concat(ctx, []string{"key", k.Value, "first", strconv.Itoa(first.Line)})...)
			continue
		}
		if o.index != nil {
			o.index[k.Value] = len(o.KV)
		}
		o.KV = append(o.KV, k, v)
	}
	return o
}

// Get returns the key and value nodes of key, or nils.
func (o *Object) Get(key string) (k, v *yaml.Node) {
	if o.index != nil {
		if i, ok := o.index[key]; ok {
			return o.KV[i], o.KV[i+1]
		}
		return nil, nil
	}
	for i := 0; i < len(o.KV); i += 2 {
		if o.KV[i].Value == key {
			return o.KV[i], o.KV[i+1]
		}
	}
	return nil, nil
}

// Value returns the value node of key, or nil.
func (o *Object) Value(key string) *yaml.Node {
	_, v := o.Get(key)
	return v
}

// Has reports whether the key is present with a non-null value.
func (o *Object) Has(key string) bool {
	v := o.Value(key)
	return v != nil && !IsNull(v)
}

// Line returns the key's node, or the mapping's when the key is absent, for
// the line of a problem.
func (o *Object) Line(key string) *yaml.Node {
	if k, _ := o.Get(key); k != nil {
		return k
	}
	return o.Node
}

// Allow reports every key not in allowed.
func (o *Object) Allow(allowed ...string) {
	for i := 0; i < len(o.KV); i += 2 {
		if k := o.KV[i]; !slices.Contains(allowed, k.Value) {
			o.At(k, ProbUnknownKey, "unknown key {key:q}", "key", k.Value)
		}
	}
}

// At reports a problem at node n with the object's prefix and context.
func (o *Object) At(n *yaml.Node, code, format string, kv ...string) {
	o.D.Add(n, o.Item, code, o.What+format, slices.Concat(o.Ctx, kv)...)
}

// Errf reports a problem about key, at its line: its code, and its message
// format with the named values kv (domain.NewProblem).
func (o *Object) Errf(key, code, format string, kv ...string) {
	o.At(o.Line(key), code, format, kv...)
}

// Bad reports what is wrong with the value of key (a list entry at n when
// n is not nil).
func (o *Object) Bad(key string, n *yaml.Node, is *Issue) {
	if n == nil {
		n = o.Line(key)
	}
	o.At(n, is.Code, "{key}: "+is.Format, append([]string{"key", key}, is.KV...)...)
}

// Str returns the text of key; "" when absent. required reports absence
// and text that is empty or only spaces.
func (o *Object) Str(key string, required bool) string {
	if !o.Has(key) {
		if required {
			o.Errf(key, ProbMissing, "missing {key}", "key", key)
		}
		return ""
	}
	s, is := Text(o.Value(key))
	if is != nil {
		o.Bad(key, nil, is)
	}
	if required && strings.TrimSpace(s) == "" {
		o.Errf(key, ProbEmptyValue, "{key} must not be empty", "key", key)
	}
	return s
}

// Text returns the text of a scalar node: strings, and numbers or booleans
// read as the words written.
func Text(n *yaml.Node) (string, *Issue) {
	if n.Kind != yaml.ScalarNode {
		return "", &Issue{ProbWantText, "want text, not {got}", KindArgs(n)}
	}
	switch n.ShortTag() {
	case "!!str", "!!int", "!!float", "!!bool", "!!timestamp":
	case "!!null":
		return "", nil
	default:
		return "", &Issue{ProbTagged, "want text, not a value tagged {tag}", []string{"tag", n.Tag}}
	}
	if !utf8.ValidString(n.Value) {
		return "", &Issue{ProbBadUTF8, "text is not valid UTF-8", nil}
	}
	return n.Value, nil
}

// Number returns the number of a scalar node.
func Number(n *yaml.Node) (float64, *Issue) {
	notNumber := &Issue{ProbWantNumber, "want a number, not {got}", KindArgs(n)}
	if n.Kind != yaml.ScalarNode {
		return 0, notNumber
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
	default:
		return 0, notNumber
	}
	f, ok := plainDecimal(n)
	if ok {
		return f, ordinary(f, n.Value)
	}
	if err := n.Decode(&f); err != nil {
		return 0, notNumber
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, &Issue{ProbNotFinite, "want a finite number, not {value:q}", []string{"value", n.Value}}
	}
	return f, ordinary(f, n.Value)
}

// ordinary returns the issue of a number, written text, that is finite but
// too large or too small to compute with (domain.OrdinaryNumber): 1e-320
// read as a baseline made every change infinite.
func ordinary(f float64, text string) *Issue {
	if domain.OrdinaryNumber(f) {
		return nil
	}
	return &Issue{ProbNumberRange, "want 0 or a number from {min} to {max} in size, not {value:q}",
		[]string{"value", text, "min", strconv.FormatFloat(domain.MinMagnitude, 'f', -1, 64),
			"max", strconv.FormatFloat(domain.MaxMagnitude, 'f', -1, 64)}}
}

// plainDecimal reads the common numbers quickly: 12, -3, 0.5, 98.25. It
// leaves everything else (0x1f, 0o17, 1e3, 1_000, 0123 …) to yaml.v3, whose
// rules for them differ from strconv's.
func plainDecimal(n *yaml.Node) (float64, bool) {
	v := n.Value
	if n.Style&yaml.TaggedStyle != 0 || v == "" {
		return 0, false
	}
	i := 0
	if v[0] == '-' {
		i = 1
	}
	if i == len(v) || v[i] < '0' || v[i] > '9' || (v[i] == '0' && i+1 < len(v) && v[i+1] != '.') {
		return 0, false
	}
	dot := false
	for j := i; j < len(v); j++ {
		switch c := v[j]; {
		case c == '.' && !dot && j+1 < len(v):
			dot = true
		case c < '0' || c > '9':
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(v, 64)
	return f, err == nil
}

// Num returns the number of key and whether it is present and valid.
// required reports absence.
func (o *Object) Num(key string, required bool) (float64, bool) {
	if !o.Has(key) {
		if required {
			o.Errf(key, ProbMissing, "missing {key}", "key", key)
		}
		return 0, false
	}
	f, is := Number(o.Value(key))
	if is != nil {
		o.Bad(key, nil, is)
		return 0, false
	}
	return f, true
}

// Bool returns the truth value of key; false when absent.
func (o *Object) Bool(key string) bool {
	if !o.Has(key) {
		return false
	}
	v := o.Value(key)
	var b bool
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" || v.Decode(&b) != nil {
		o.Errf(key, ProbWantBool, "{key}: want true or false, not {got}", append([]string{"key", key}, KindArgs(v)...)...)
		return false
	}
	return b
}

// List returns the elements of the sequence under key; nil when absent.
func (o *Object) List(key string) []*yaml.Node {
	if !o.Has(key) {
		return nil
	}
	v := o.Value(key)
	if v.Kind != yaml.SequenceNode {
		o.Errf(key, ProbNotList, "{key} must be a list, not {got}", append([]string{"key", key}, KindArgs(v)...)...)
		return nil
	}
	return v.Content
}

// NonEmptyList returns the elements of the list under key, reporting the
// problem code with msg (with the named value "key") when the key is absent
// or the list empty (List reports a non-list).
func (o *Object) NonEmptyList(key, code, msg string) []*yaml.Node {
	nodes := o.List(key)
	if v := o.Value(key); len(nodes) == 0 && (v == nil || v.Kind == yaml.SequenceNode || IsNull(v)) {
		o.Errf(key, code, msg, "key", key)
	}
	return nodes
}

// Strs returns the texts of the list under key; nil when absent or empty.
// With unique it reports and leaves out empty and repeated entries.
func (o *Object) Strs(key string, unique bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range o.List(key) {
		s, is := Text(n)
		switch {
		case is != nil:
			o.Bad(key, n, is)
			continue
		case !unique:
		case s == "":
			o.At(n, ProbEmptyEntry, "{key}: empty entry", "key", key)
			continue
		case seen[s]:
			o.At(n, ProbListedTwice, "{key}: {value:q} is listed twice", "key", key, "value", s)
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// Document parses data, the text of a file that holds one YAML document,
// into n. A document that is empty (a "---" line with nothing or only
// comments after it, before or after the file's document) does not count:
// n gets the first document that is not empty, or the first one when all
// are, and stays zero when data holds none. A second document that is not
// empty is recorded as the problem ProbMultiDoc at the line where it
// starts, so that the rest of a file is never silently lost; what names
// the kind of file in its message ("a catalog file"). The error is the
// parser's, for SyntaxProblem, about any of the documents.
//
// Before parsing, data is measured against the decoder's bounds: a text
// over MaxBytes, or one that may hold more than MaxNodes values, is refused
// without being parsed, with a *domain.Error of code ETOOLARGE whose
// problem names the file and the limit.
func (d *Decoder) Document(data []byte, n *yaml.Node, what string) error {
	if err := d.bounds(data, what); err != nil {
		return err
	}
	second, err := decode(data, n)
	if err != nil {
		return err
	}
	if second > 0 {
		p := domain.NewProblem(ProbMultiDoc,
			"the file holds more than one YAML document (a second one starts here); "+what+" holds one")
		p.File, p.Line = d.File, second
		d.Probs = append(d.Probs, p)
	}
	return nil
}

// bounds refuses data, a kind of file what, when it is larger than the
// decoder allows or may hold more values than it may build.
func (d *Decoder) bounds(data []byte, what string) error {
	maxBytes, maxNodes := cmp.Or(d.MaxBytes, DefaultMaxBytes), cmp.Or(d.MaxNodes, DefaultMaxNodes)
	if len(data) > maxBytes {
		return userfile.TooLarge(strings.TrimPrefix(strings.TrimPrefix(what, "a "), "an "), d.File, int64(maxBytes))
	}
	if NodeBound(data) <= maxNodes {
		return nil
	}
	limit := strconv.Itoa(maxNodes)
	p := domain.NewProblem(ProbTooManyNodes,
		"the file holds too many values (entries, keys and list items) to be read: Pingce reads at most {limit}", "limit", limit)
	p.File = d.File
	return &domain.Error{Code: domain.ETOOLARGE, Problems: []domain.Problem{p},
		Message: fmt.Sprintf("%s holds too many values (entries, keys and list items) to be read: Pingce reads at most %s", d.File, limit)}
}

// NodeBound returns a bound of the number of nodes parsing data builds, in
// one pass over it without parsing. Every node but a document's first
// comes after a character that can start or separate one (, : - ? [ {),
// and each such character brings at most two ("{a}" is a mapping and a
// null value; "a:" a key and a null value). Counting them wherever they
// stand, in quoted text and comments too, can only count more.
func NodeBound(data []byte) int {
	n := 2
	for _, c := range data {
		if nodeStart[c] {
			n += 2
		}
	}
	return n
}

var nodeStart = [256]bool{',': true, ':': true, '-': true, '?': true, '[': true, '{': true}

// decode parses the documents of data as Document says, up to the second
// one that is not empty, and returns the line where that one starts (0
// when there is none). It turns a panic of the parser into an error: user
// data must never crash the program.
func decode(data []byte, n *yaml.Node) (second int, err error) {
	defer func() {
		if r := recover(); r != nil {
			second, err = 0, fmt.Errorf("yaml: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	found := false // n holds a document that is not empty
	for i := 0; ; i++ {
		var doc yaml.Node
		if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
			return 0, nil
		} else if err != nil {
			return 0, err
		}
		empty := emptyDocument(&doc)
		switch {
		case found && !empty:
			return doc.Line, nil
		case !found && (i == 0 || !empty):
			*n, found = doc, !empty
		}
	}
}

// emptyDocument reports whether a document holds nothing: no value, tag or
// anchor, only perhaps comments.
func emptyDocument(doc *yaml.Node) bool {
	if len(doc.Content) != 1 {
		return len(doc.Content) == 0
	}
	c := doc.Content[0]
	return c.Kind == yaml.ScalarNode && c.Tag == "!!null" && c.Value == "" && c.Style == 0 && c.Anchor == ""
}

var syntaxLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// maxLineSearch bounds the prefixes SyntaxProblem parses to find the line
// of a syntax error.
const (
	maxLineSearch  = 200
	maxSearchBytes = 1 << 20 // bytes parsed in all
)

// SyntaxProblem turns a YAML parser error about data into a problem with a
// line and the code ProbSyntax (File is left to the caller).
//
// yaml.v3 reports the line where the broken construct starts, and for some
// errors one less; the problem itself is often a few lines further down. So
// the line is found by parsing ever longer prefixes of data from the
// reported line on: the first prefix that fails with the same message ends
// on the line at fault.
func SyntaxProblem(data []byte, err error) domain.Problem {
	msg := err.Error()
	reported := 0
	if m := syntaxLine.FindStringSubmatch(msg); m != nil {
		reported, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	p := domain.Problem{Line: reported, Code: ProbSyntax, Msg: "YAML syntax: " + msg, Args: map[string]string{"detail": msg}}
	ends := lineEnds(data)
	budget := maxSearchBytes
	for line := max(reported, 1); line <= len(ends) && line < max(reported, 1)+maxLineSearch; line++ {
		if budget -= ends[line-1]; budget < 0 {
			break
		}
		var n yaml.Node
		_, perr := decode(data[:ends[line-1]], &n)
		if perr == nil {
			continue
		}
		pm := perr.Error()
		if m := syntaxLine.FindStringSubmatch(pm); m != nil {
			pm = m[2]
		} else {
			pm = strings.TrimPrefix(pm, "yaml: ")
		}
		if pm == msg {
			p.Line = line
			break
		}
	}
	return p
}

// lineEnds returns the offset just past each line of data (its newline
// included).
func lineEnds(data []byte) []int {
	var ends []int
	off := 0
	for {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			if off < len(data) {
				ends = append(ends, len(data))
			}
			return ends
		}
		off += i + 1
		ends = append(ends, off)
	}
}
