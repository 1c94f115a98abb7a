package domain_test

import (
	"os"
	"testing"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
)

// yamlAnswer mirrors one answer of formats.md §2. It stands in for
// internal/answers until that package lands.
type yamlAnswer struct {
	Met      *bool                 `yaml:"met"`
	Level    string                `yaml:"level"`
	Value    *float64              `yaml:"value"`
	Baseline *float64              `yaml:"baseline"`
	Count    *int                  `yaml:"count"`
	Parts    map[string]yamlAnswer `yaml:"parts"`
	NA       bool                  `yaml:"na"`
	Reason   string                `yaml:"reason"`
	Note     string                `yaml:"note"`
	Evidence []string              `yaml:"evidence"`
	Flagged  bool                  `yaml:"flag"`
}

func (y yamlAnswer) answer() domain.Answer {
	a := domain.Answer{Met: y.Met, Level: y.Level, Value: y.Value, Baseline: y.Baseline, Count: y.Count,
		NA: y.NA, Reason: y.Reason, Note: y.Note, Evidence: y.Evidence, Flagged: y.Flagged}
	if y.Parts != nil {
		a.Parts = make(map[string]domain.Answer, len(y.Parts))
		for k, v := range y.Parts {
			a.Parts[k] = v.answer()
		}
	}
	return a
}

// loadAnswers reads an answers file of formats.md §2.
func loadAnswers(tb testing.TB, path string, _ *domain.Catalog) *domain.AnswerSet {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	var f struct {
		Format  string `yaml:"format"`
		Catalog string `yaml:"catalog"`
		Unit    struct{ Name, Type string }
		Round   string                `yaml:"round"`
		Answers map[string]yamlAnswer `yaml:"answers"`
		Vetoes  []string              `yaml:"vetoes"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		tb.Fatalf("parse %s: %v", path, err)
	}
	if f.Format != domain.AnswersFormat {
		tb.Fatalf("%s: format %q", path, f.Format)
	}
	s := &domain.AnswerSet{Catalog: f.Catalog, Unit: domain.UnitRef{Name: f.Unit.Name, Type: f.Unit.Type},
		Round: f.Round, Vetoes: f.Vetoes, Answers: make(map[string]domain.Answer, len(f.Answers))}
	for id, a := range f.Answers {
		s.Answers[id] = a.answer()
	}
	return s
}
