package catalog

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
)

// generated returns a valid catalog of n items (n a multiple of 100) in
// 10 categories of 10 sub-categories, using every method.
func generated(n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "format: pingce/catalog@1\nid: gen\nversion: \"1\"\ntitle: 生成的目录\ntotal: %d\n", n*10)
	b.WriteString("unit_types: [市局, 分县局, 派出所]\ngrades:\n  - {min: 90, grade: 优秀}\n  - {min: 0, grade: 不合格}\n")
	b.WriteString("caps:\n  - {item_lost: I0-0-0, max_grade: 不合格}\nvetoes:\n  - {id: V1, title: 否决}\ncategories:\n")
	per := n / 100
	for c := range 10 {
		fmt.Fprintf(&b, "  - id: C%d\n    title: 类别%d\n    categories:\n", c, c)
		for s := range 10 {
			fmt.Fprintf(&b, "      - id: C%d-%d\n        title: 子类%d\n        items:\n", c, s, s)
			for i := range per {
				id := fmt.Sprintf("I%d-%d-%d", c, s, i)
				switch i % 5 {
				case 0:
					fmt.Fprintf(&b, "          - id: %s\n            title: 项目 %s\n            requirement: 要求\n            applies_to: [市局, 派出所]\n            max: 10\n            method: levels\n            levels:\n              - {label: 好, points: 10}\n              - {label: 中, points: 5}\n              - {label: 差, points: 0}\n", id, id)
				case 1:
					fmt.Fprintf(&b, "          - {id: %s, title: 项目, max: 10, method: check}\n", id)
				case 2:
					fmt.Fprintf(&b, "          - {id: %s, title: 项目, max: 10, method: numeric, bands: [{at_least: 98, points: 10}, {at_least: 90, points: 5}]}\n", id)
				case 3:
					fmt.Fprintf(&b, "          - {id: %s, title: 项目, max: 10, method: deduct, per: 2, floor: 1}\n", id)
				case 4:
					fmt.Fprintf(&b, "          - {id: %s, title: 项目, parts: [{id: a, title: a, max: 5, method: numeric, linear: {zero: 0, full: 100}}, {id: b, title: b, max: 5, method: numeric, change: true, shortfall: {target: 5, step: 1, per: 1}}]}\n", id)
				}
			}
		}
	}
	return []byte(b.String())
}

func TestGenerated(t *testing.T) {
	c, err := Parse("gen.yaml", generated(2000))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, list(domain.ErrorProblems(err)))
	}
	if got := len(c.Items()); got != 2000 {
		t.Errorf("items = %d, want 2000", got)
	}
}

// BenchmarkParse2000 parses and validates a 2,000-item catalog (goal: < 50 ms).
func BenchmarkParse2000(b *testing.B) {
	data := generated(2000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("gen.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshal2000 writes a 2,000-item catalog.
func BenchmarkMarshal2000(b *testing.B) {
	c, err := Parse("gen.yaml", generated(2000))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Marshal(c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkYAMLOnly2000 is the floor under BenchmarkParse2000: yaml.v3
// building the node tree of the same file, without any checking.
func BenchmarkYAMLOnly2000(b *testing.B) {
	data := generated(2000)
	for b.Loop() {
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			b.Fatal(err)
		}
	}
}
