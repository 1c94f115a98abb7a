package domain_test

import (
	"os"
	"testing"

	"pingce/internal/answers"
	"pingce/internal/domain"
)

// loadAnswers reads an answers file of formats.md §2 through the answers
// reader, checked against cat.
func loadAnswers(tb testing.TB, path string, cat *domain.Catalog) *domain.AnswerSet {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	s, err := answers.Parse(path, data, cat)
	if err != nil {
		for _, p := range domain.ErrorProblems(err) {
			tb.Log(p.String())
		}
		tb.Fatalf("parse %s: %v", path, err)
	}
	return s
}
