package yamlnode

import (
	"math"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Mapping builds a YAML mapping node key by key.
type Mapping struct{ Content []*yaml.Node }

// Add adds key with the value node v.
func (m *Mapping) Add(key string, v *yaml.Node) {
	m.Content = append(m.Content, Scalar("!!str", key), v)
}

// Str adds key with the text v.
func (m *Mapping) Str(key, v string) { m.Add(key, Scalar("!!str", v)) }

// Opt adds key only when v is not empty.
func (m *Mapping) Opt(key, v string) {
	if v != "" {
		m.Str(key, v)
	}
}

// Num adds key with the number f.
func (m *Mapping) Num(key string, f float64) { m.Add(key, NumNode(f)) }

// Bool adds key with the truth value b.
func (m *Mapping) Bool(key string, b bool) { m.Add(key, Scalar("!!bool", strconv.FormatBool(b))) }

// Node returns the mapping, written on one line ({a: 1, b: 2}) when flow.
func (m *Mapping) Node(flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: m.Content}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

// Scalar returns a scalar node with tag ("" lets YAML resolve it).
func Scalar(tag, v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}
}

// NumNode writes a number as a plain scalar; YAML resolves it back to the number.
func NumNode(f float64) *yaml.Node { return Scalar("", FormatNumber(f)) }

// Seq returns an empty sequence node, written on one line when flow.
func Seq(flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

// StrList returns the texts ss as a one-line list.
func StrList(ss []string) *yaml.Node {
	n := Seq(true)
	for _, s := range ss {
		n.Content = append(n.Content, Scalar("!!str", s))
	}
	return n
}

// FormatNumber writes f so that YAML reads it back as exactly f.
func FormatNumber(f float64) string {
	if a := math.Abs(f); a < 1e15 && (a >= 1e-4 || a == 0) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
