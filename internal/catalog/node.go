package catalog

import (
	"math"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
)

// Problem codes of catalog problems (domain.Problem.Code). The user
// interface writes each in the user's language from the problem's Args.
const (
	ProbSyntax          = "catalog.syntax"         // the file is not well-formed YAML; detail
	ProbEmpty           = "catalog.empty_file"     // nothing in the file; format
	ProbMapping         = "catalog.not_mapping"    // thing, got: a mapping belongs here
	ProbBadKey          = "catalog.bad_key"        // got: a key that is not plain text
	ProbDupKey          = "catalog.duplicate_key"  // key, first (line)
	ProbUnknownKey      = "catalog.unknown_key"    // key
	ProbMissing         = "catalog.missing_key"    // key
	ProbEmptyValue      = "catalog.empty_value"    // key
	ProbWantText        = "catalog.want_text"      // key, got
	ProbTagged          = "catalog.tagged_value"   // key, tag
	ProbBadUTF8         = "catalog.invalid_utf8"   // key
	ProbWantNumber      = "catalog.want_number"    // key, got
	ProbNotFinite       = "catalog.not_finite"     // key, value
	ProbWantBool        = "catalog.want_bool"      // key, got
	ProbNotList         = "catalog.not_list"       // key, got
	ProbEmptyList       = "catalog.empty_list"     // key
	ProbEmptyEntry      = "catalog.empty_entry"    // key
	ProbListedTwice     = "catalog.listed_twice"   // key, value
	ProbFormat          = "catalog.wrong_format"   // format, want
	ProbCatalogID       = "catalog.bad_catalog_id" // id
	ProbBadID           = "catalog.bad_id"         // id
	ProbDupID           = "catalog.duplicate_id"   // id, first (line)
	ProbNotPositive     = "catalog.not_positive"   // key, value
	ProbNegative        = "catalog.negative"       // key, value
	ProbTotal           = "catalog.total_mismatch" // total, sum
	ProbGradeTwice      = "catalog.grade_twice"    // grade
	ProbGradeOrder      = "catalog.grades_order"   // min, prev
	ProbCapBoth         = "catalog.cap_two_conditions"
	ProbCapNone         = "catalog.cap_no_condition"
	ProbCapRatio        = "catalog.cap_ratio_range"   // value
	ProbCapItem         = "catalog.cap_unknown_item"  // id
	ProbCapGrade        = "catalog.cap_unknown_grade" // grade
	ProbCategoryEmpty   = "catalog.category_empty"
	ProbUnitType        = "catalog.unknown_unit_type" // type, types
	ProbNoMethod        = "catalog.missing_method"
	ProbNoMethodOrParts = "catalog.missing_method_or_parts"
	ProbMethod          = "catalog.unknown_method"       // method
	ProbParam           = "catalog.param_not_for_method" // key, method
	ProbFloor           = "catalog.floor_range"          // max, value
	ProbZeroAt          = "catalog.zero_at_whole"        // value
	ProbMethodAndParts  = "catalog.method_and_parts"
	ProbParamOnParts    = "catalog.param_on_parts"     // key
	ProbPartsMax        = "catalog.parts_max_mismatch" // max, sum
	ProbNoLevels        = "catalog.no_levels"
	ProbLabelTwice      = "catalog.label_twice"     // label
	ProbPoints          = "catalog.points_range"    // max, value
	ProbFirstLevel      = "catalog.first_level_max" // max, value
	ProbNoRule          = "catalog.numeric_no_rule"
	ProbTwoRules        = "catalog.numeric_two_rules" // rules
	ProbLinear          = "catalog.linear_same"       // value
	ProbBandBoth        = "catalog.band_two_bounds"
	ProbBandNone        = "catalog.band_no_bound"
	ProbBandsMixed      = "catalog.bands_mixed"
	ProbBandsDown       = "catalog.bands_order_down" // value, prev
	ProbBandsUp         = "catalog.bands_order_up"   // value, prev
)

// decoder walks a yaml.Node tree and collects every problem it finds.
type decoder struct {
	file  string
	probs []domain.Problem
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

// object is a YAML mapping being read: its keys, with the context needed to
// report problems about it. Mappings are small, so keys are looked up by a
// linear scan.
type object struct {
	d    *decoder
	node *yaml.Node
	what string       // "category {category}: " or "" — prefix of messages
	ctx  []string     // named values of what: "in", "grades" …
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
		if n.ShortTag() == "!!null" {
			return []string{"kind", "nothing"}
		}
		return []string{"kind", "value", "value", n.Value}
	}
	return []string{"kind", "other"}
}

// in returns the prefix of messages about a part of the catalog, and its
// named values: in("grades") is "grades: " with "in", "grades".
func in(part string) (string, []string) {
	if part == "" {
		return "", nil
	}
	return part + ": ", []string{"in", part}
}

// object reads n as a mapping inside part (see in); name says what n is
// in messages. It reports duplicate keys and returns nil (after reporting)
// when n is not a mapping.
func (d *decoder) object(n *yaml.Node, part, item, name string) *object {
	what, ctx := in(part)
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

// allow reports every key not in allowed.
func (o *object) allow(allowed ...string) {
	for i := 0; i < len(o.kv); i += 2 {
		if k := o.kv[i]; !slices.Contains(allowed, k.Value) {
			o.at(k, ProbUnknownKey, "unknown key {key:q}", "key", k.Value)
		}
	}
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

// errf reports a problem about key: its code, and its message format with
// the named values kv (domain.NewProblem).
func (o *object) errf(key, code, format string, kv ...string) {
	o.at(o.line(key), code, format, kv...)
}

// str returns the text of key; "" when absent. required reports absence.
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
	if s == "" && required {
		o.errf(key, ProbEmptyValue, "{key} must not be empty", "key", key)
	}
	return s
}

// text returns the text of a scalar node: strings, and numbers or booleans
// read as the words written.
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

// number returns the number of a scalar node.
func number(n *yaml.Node) (float64, *issue) {
	notNumber := &issue{ProbWantNumber, "want a number, not {got}", kindArgs(n)}
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
		return f, nil
	}
	if err := n.Decode(&f); err != nil {
		return 0, notNumber
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, &issue{ProbNotFinite, "want a finite number, not {value:q}", []string{"value", n.Value}}
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
			o.errf(key, ProbMissing, "missing {key}", "key", key)
		}
		return 0, false
	}
	f, is := number(o.value(key))
	if is != nil {
		o.bad(key, nil, is)
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
	var b bool
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" || v.Decode(&b) != nil {
		o.errf(key, ProbWantBool, "{key}: want true or false, not {got}", append([]string{"key", key}, kindArgs(v)...)...)
		return false
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
		o.errf(key, ProbNotList, "{key} must be a list, not {got}", append([]string{"key", key}, kindArgs(v)...)...)
		return nil
	}
	return v.Content
}

// nonEmptyList returns the elements of the list under key, reporting the
// problem code with msg when the key is absent or the list empty (list
// reports a non-list).
func (o *object) nonEmptyList(key, code, msg string) []*yaml.Node {
	nodes := o.list(key)
	if v := o.value(key); len(nodes) == 0 && (v == nil || v.Kind == yaml.SequenceNode || isNull(v)) {
		o.errf(key, code, msg, "key", key)
	}
	return nodes
}

// strs returns the texts of the list under key, reporting empty and repeated
// entries; nil when absent or empty.
func (o *object) strs(key string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range o.list(key) {
		s, is := text(n)
		switch {
		case is != nil:
			o.bad(key, n, is)
			continue
		case s == "":
			o.at(n, ProbEmptyEntry, "{key}: empty entry", "key", key)
			continue
		case seen[s]:
			o.at(n, ProbListedTwice, "{key}: {value:q} is listed twice", "key", key, "value", s)
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
