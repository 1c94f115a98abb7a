package answers

import (
	"bytes"
	"fmt"
	"slices"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
	"pingce/internal/yamlnode"
)

// Marshal writes the answer set as a pingce/answers@1 file with one
// flow-style line per answer: in catalog order when cat is not nil (answers
// to items the catalog lacks follow, by id), else by item id. Parse reads the
// output back to an equal set.
func Marshal(s *domain.AnswerSet, cat *domain.Catalog) ([]byte, error) {
	if s == nil {
		return nil, domain.Errorf(domain.EINVALID, "marshal answers: no answer set")
	}
	var m yamlnode.Mapping
	m.Str("format", domain.AnswersFormat)
	m.Opt("catalog", s.Catalog)
	if s.Unit != (domain.UnitRef{}) {
		var u yamlnode.Mapping
		u.Opt("name", s.Unit.Name)
		u.Opt("type", s.Unit.Type)
		m.Add("unit", u.Node(true))
	}
	m.Opt("round", s.Round)
	ans := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, id := range order(s.Answers, cat) {
		var it *domain.Item
		if cat != nil {
			it = cat.Item(id)
		}
		ans.Content = append(ans.Content, yamlnode.Scalar("!!str", id), answerNode(s.Answers[id], it))
	}
	if len(ans.Content) == 0 {
		ans.Style = yaml.FlowStyle
	}
	m.Add("answers", ans)
	if len(s.Vetoes) > 0 {
		m.Add("vetoes", yamlnode.StrList(s.Vetoes))
	}
	doc := m.Node(true)
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

// AnswerNode writes one answer as a flow mapping, as an answers file holds
// it under its item id; it is the item answered (for the order of parts),
// or nil. The review file writes the reviewer's answers with it.
func AnswerNode(a domain.Answer, it *domain.Item) *yaml.Node { return answerNode(a, it) }

// answerNode writes one answer as a flow mapping; it is the item answered,
// or nil.
func answerNode(a domain.Answer, it *domain.Item) *yaml.Node {
	var m yamlnode.Mapping
	if a.Met != nil {
		m.Bool("met", *a.Met)
	}
	m.Opt("level", a.Level)
	if a.Value != nil {
		m.Num("value", *a.Value)
	}
	if a.Baseline != nil {
		m.Num("baseline", *a.Baseline)
	}
	if a.Count != nil {
		m.Num("count", float64(*a.Count))
	}
	if len(a.Counts) > 0 {
		var cm yamlnode.Mapping
		for _, key := range countOrder(a.Counts, it) {
			cm.Num(key, float64(a.Counts[key]))
		}
		m.Add("counts", cm.Node(true))
	}
	if len(a.Parts) > 0 {
		var pm yamlnode.Mapping
		for _, id := range partOrder(a.Parts, it) {
			var part *domain.Item
			if it != nil {
				part = it.Part(id)
			}
			pm.Add(id, answerNode(a.Parts[id], part))
		}
		m.Add("parts", pm.Node(true))
	}
	if a.NA {
		m.Bool("na", true)
	}
	m.Opt("reason", a.Reason)
	m.Opt("note", a.Note)
	if len(a.Evidence) > 0 {
		m.Add("evidence", yamlnode.StrList(a.Evidence))
	}
	if a.Flagged {
		m.Bool("flag", true)
	}
	return m.Node(true)
}

// countOrder returns the keys of counts in the item's order of its kinds
// or marks, then any others sorted; it may be nil.
func countOrder(counts map[string]int, it *domain.Item) []string {
	var keys, rest []string
	if it != nil {
		for _, k := range it.CountKeys() {
			if _, ok := counts[k]; ok {
				keys = append(keys, k)
			}
		}
	}
	for k := range counts {
		if !slices.Contains(keys, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(keys, rest...)
}
