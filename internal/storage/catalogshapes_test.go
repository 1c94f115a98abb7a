package storage

import (
	"os"
	"reflect"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// TestCatalogDoc_Shapes stores the catalog with every rule shape of issue
// 15 and reads it back to the same catalog, which scores the same.
func TestCatalogDoc_Shapes(t *testing.T) {
	data, err := os.ReadFile("../domain/testdata/shapes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Parse("shapes.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	_, body, err := CatalogHash(c)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeCatalog(body)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Categories, back.Categories) || !reflect.DeepEqual(c.Vetoes, back.Vetoes) {
		t.Errorf("stored catalog differs:\n%s", body)
	}
	set := &domain.AnswerSet{Unit: domain.UnitRef{Type: "派出所"}, Vetoes: []string{"V4"}, Answers: map[string]domain.Answer{
		"A1": {Count: domain.Int(5)}, "A2": {Count: domain.Int(2)}, "C3": {Value: domain.Float(71)},
		"C4": {NA: true, Reason: "无"}, "X1": {Count: domain.Int(4)}}}
	want, got := domain.Score(c, set, domain.Options{}), domain.Score(back, set, domain.Options{})
	if !reflect.DeepEqual(want, got) {
		t.Errorf("scores differ: %+v / %+v", want, got)
	}
}
