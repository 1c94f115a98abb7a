package answers

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
)

// Marshal writes the answer set as a pingce/answers@1 file with one
// flow-style line per answer: in catalog order when cat is not nil (answers
// to items the catalog lacks follow, by id), else by item id. Parse reads the
// output back to an equal set.
func Marshal(s *domain.AnswerSet, cat *domain.Catalog) ([]byte, error) {
	if s == nil {
		return nil, domain.Errorf(domain.EINVALID, "marshal answers: no answer set")
	}
	var m mapping
	m.str("format", domain.AnswersFormat)
	m.opt("catalog", s.Catalog)
	if s.Unit != (domain.UnitRef{}) {
		var u mapping
		u.opt("name", s.Unit.Name)
		u.opt("type", s.Unit.Type)
		m.add("unit", u.node())
	}
	m.opt("round", s.Round)
	ans := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, id := range order(s.Answers, cat) {
		var it *domain.Item
		if cat != nil {
			it = cat.Item(id)
		}
		ans.Content = append(ans.Content, scalar("!!str", id), answerNode(s.Answers[id], it))
	}
	if len(ans.Content) == 0 {
		ans.Style = yaml.FlowStyle
	}
	m.add("answers", ans)
	if len(s.Vetoes) > 0 {
		m.add("vetoes", strList(s.Vetoes))
	}
	doc := m.node()
	doc.Style = 0
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("marshal answers: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("marshal answers: %w", err)
	}
	return buf.Bytes(), nil
}

// order returns the ids of the answers in catalog order, then the rest sorted.
func order(as map[string]domain.Answer, cat *domain.Catalog) []string {
	ids := make([]string, 0, len(as))
	done := map[string]bool{}
	if cat != nil {
		for _, it := range cat.Items() {
			if _, ok := as[it.ID]; ok {
				ids = append(ids, it.ID)
				done[it.ID] = true
			}
		}
	}
	var rest []string
	for id := range as {
		if !done[id] {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	return append(ids, rest...)
}

// partOrder returns the part ids of a composite answer in the item's order
// when it is known, the others after them sorted.
func partOrder(parts map[string]domain.Answer, it *domain.Item) []string {
	var ids []string
	done := map[string]bool{}
	if it != nil {
		for _, p := range it.Parts {
			if _, ok := parts[p.ID]; ok {
				ids = append(ids, p.ID)
				done[p.ID] = true
			}
		}
	}
	var rest []string
	for id := range parts {
		if !done[id] {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	return append(ids, rest...)
}

// answerNode writes one answer as a flow mapping; it is the item answered,
// or nil.
func answerNode(a domain.Answer, it *domain.Item) *yaml.Node {
	var m mapping
	if a.Met != nil {
		m.boolean("met", *a.Met)
	}
	m.opt("level", a.Level)
	if a.Value != nil {
		m.num("value", *a.Value)
	}
	if a.Baseline != nil {
		m.num("baseline", *a.Baseline)
	}
	if a.Count != nil {
		m.num("count", float64(*a.Count))
	}
	if len(a.Parts) > 0 {
		var pm mapping
		for _, id := range partOrder(a.Parts, it) {
			pm.add(id, answerNode(a.Parts[id], nil))
		}
		m.add("parts", pm.node())
	}
	if a.NA {
		m.boolean("na", true)
	}
	m.opt("reason", a.Reason)
	m.opt("note", a.Note)
	if len(a.Evidence) > 0 {
		m.add("evidence", strList(a.Evidence))
	}
	if a.Flagged {
		m.boolean("flag", true)
	}
	return m.node()
}

// mapping builds a flow-style YAML mapping key by key.
type mapping struct{ content []*yaml.Node }

func (m *mapping) add(key string, v *yaml.Node) {
	m.content = append(m.content, scalar("!!str", key), v)
}

func (m *mapping) str(key, v string) { m.add(key, scalar("!!str", v)) }

func (m *mapping) opt(key, v string) {
	if v != "" {
		m.str(key, v)
	}
}

func (m *mapping) num(key string, f float64) { m.add(key, scalar("", formatNumber(f))) }

func (m *mapping) boolean(key string, b bool) { m.add(key, scalar("!!bool", strconv.FormatBool(b))) }

func (m *mapping) node() *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle, Content: m.content}
}

func scalar(tag, v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}
}

func strList(ss []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
	for _, s := range ss {
		n.Content = append(n.Content, scalar("!!str", s))
	}
	return n
}

// formatNumber writes f so that YAML reads it back as exactly f.
func formatNumber(f float64) string {
	if a := math.Abs(f); a < 1e15 && (a >= 1e-4 || a == 0) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
