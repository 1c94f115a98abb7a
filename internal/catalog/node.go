package catalog

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
)

// Problem codes of catalog problems (domain.Problem.Code).
const (
	ProbSyntax  = "syntax"          // the file is not well-formed YAML
	ProbCatalog = "invalid_catalog" // the YAML does not make a valid catalog
)

// decoder walks a yaml.Node tree and collects every problem it finds.
type decoder struct {
	file  string
	probs []domain.Problem
}

// add records a problem at the node's line.
func (d *decoder) add(n *yaml.Node, item, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.probs = append(d.probs, domain.Problem{File: d.file, Line: line, ItemID: item,
		Code: ProbCatalog, Msg: fmt.Sprintf(format, args...)})
}

// object is a YAML mapping being read: its keys, with the context needed to
// report problems about it. Mappings are small, so keys are looked up by a
// linear scan.
type object struct {
	d    *decoder
	node *yaml.Node
	what string       // "category A: " or "" — prefix of messages
	item string       // item id of problems, if about an item
	kv   []*yaml.Node // key, value, key, value … without repeated keys
}

// get returns the key and value nodes of key.
func (o *object) get(key string) (k, v *yaml.Node) {
	for i := 0; i < len(o.kv); i += 2 {
		if o.kv[i].Value == key {
			return o.kv[i], o.kv[i+1]
		}
	}
	return nil, nil
}

// value returns the value node of key, or nil.
func (o *object) value(key string) *yaml.Node {
	_, v := o.get(key)
	return v
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// kindName names a node's kind for messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

// object reads n as a mapping. It reports duplicate keys and returns nil
// (after reporting) when n is not a mapping.
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

// allow reports every key not in allowed.
func (o *object) allow(allowed ...string) {
	for i := 0; i < len(o.kv); i += 2 {
		if k := o.kv[i]; !slices.Contains(allowed, k.Value) {
			o.d.add(k, o.item, "%sunknown key %q", o.what, k.Value)
		}
	}
}

// has reports whether the key is present with a non-null value.
func (o *object) has(key string) bool {
	v := o.value(key)
	return v != nil && !(v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null")
}

// line returns the key's node, or the mapping's when the key is absent, for
// the line of a problem.
func (o *object) line(key string) *yaml.Node {
	if k, _ := o.get(key); k != nil {
		return k
	}
	return o.node
}

// errf reports a problem about key.
func (o *object) errf(key, format string, args ...any) {
	o.d.add(o.line(key), o.item, o.what+format, args...)
}

// str returns the text of key; "" when absent. required reports absence.
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
	if s == "" && required {
		o.errf(key, "%s must not be empty", key)
	}
	return s
}

// text returns the text of a scalar node: strings, and numbers or booleans
// read as the words written.
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

// number returns the number of a scalar node.
func number(n *yaml.Node) (float64, error) {
	if n.Kind != yaml.ScalarNode {
		return 0, fmt.Errorf("want a number, not %s", kindName(n))
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
	default:
		return 0, fmt.Errorf("want a number, not %s", kindName(n))
	}
	f, ok := plainDecimal(n)
	if ok {
		return f, nil
	}
	if err := n.Decode(&f); err != nil {
		return 0, fmt.Errorf("want a number, not %q", n.Value)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("want a finite number, not %q", n.Value)
	}
	return f, nil
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

// num returns the number of key and whether it is present and valid.
func (o *object) num(key string, required bool) (float64, bool) {
	if !o.has(key) {
		if required {
			o.errf(key, "missing %s", key)
		}
		return 0, false
	}
	f, err := number(o.value(key))
	if err != nil {
		o.errf(key, "%s: %v", key, err)
		return 0, false
	}
	return f, true
}

// boolean returns the truth value of key; false when absent.
func (o *object) boolean(key string) bool {
	if !o.has(key) {
		return false
	}
	v := o.value(key)
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" {
		o.errf(key, "%s: want true or false, not %s", key, kindName(v))
		return false
	}
	var b bool
	if err := v.Decode(&b); err != nil {
		o.errf(key, "%s: want true or false, not %q", key, v.Value)
	}
	return b
}

// list returns the elements of the sequence under key; nil when absent.
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

// nonEmptyList returns the elements of the list under key, reporting msg
// when the key is absent or the list empty (list reports a non-list).
func (o *object) nonEmptyList(key, msg string) []*yaml.Node {
	nodes := o.list(key)
	if v := o.value(key); len(nodes) == 0 && (v == nil || v.Kind == yaml.SequenceNode || isNull(v)) {
		o.errf(key, "%s", msg)
	}
	return nodes
}

// strs returns the texts of the list under key, reporting empty and repeated
// entries; nil when absent or empty.
func (o *object) strs(key string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range o.list(key) {
		s, err := text(n)
		switch {
		case err != nil:
			o.d.add(n, o.item, "%s%s: %v", o.what, key, err)
			continue
		case s == "":
			o.d.add(n, o.item, "%s%s: empty entry", o.what, key)
			continue
		case seen[s]:
			o.d.add(n, o.item, "%s%s: %q is listed twice", o.what, key, s)
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// validCatalogID reports whether s is a catalog id: [a-z0-9-]+.
func validCatalogID(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return s != ""
}

// validID reports whether s is an id of an item, part, category or veto:
// letters and digits (any script), '_', then also '.' and '-'.
func validID(s string) bool {
	for i, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.IsNumber(r), r == '_':
		case (r == '.' || r == '-') && i > 0:
		default:
			return false
		}
	}
	return s != ""
}

// formatNumber writes f so that YAML reads it back as exactly f.
func formatNumber(f float64) string {
	if a := math.Abs(f); a < 1e15 && (a >= 1e-4 || a == 0) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
