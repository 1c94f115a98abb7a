package catalog

import (
	"os"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/yamlnode"
)

// TestTieredRoundTrip reads the catalog with kinds, multipliers and a
// discretion item, writes it and reads it back to the same catalog.
func TestTieredRoundTrip(t *testing.T) {
	data, err := os.ReadFile("../domain/testdata/tiered.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("tiered.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if k := c.Item("T1").Kinds; len(k) != 2 || k[1] != (domain.Kind{Key: "other", Label: "其他领导出席", Per: 0.5}) {
		t.Errorf("kinds %+v", k)
	}
	if m := c.Item("M1").Multipliers; len(m) != 2 || m[0] != (domain.Multiplier{Key: "security", Label: "重大安保期间发生", Times: 2}) {
		t.Errorf("multipliers %+v", m)
	}
	if d := c.Item("J1").Discretion; d == nil || *d != (domain.Discretion{Min: 2, Max: 6}) || c.Item("J1").Per != 0 {
		t.Errorf("discretion %+v", d)
	}
	roundTrip(t, c)
}

// TestTieredProblems: mistakes in the new keys are refused at their line,
// each once.
func TestTieredProblems(t *testing.T) {
	tests := []struct {
		name, item string
		want       []string // "line code"
	}{
		{"kinds not a list", "{id: A1, title: a, max: 10, method: count, kinds: 3}", []string{yamlnode.ProbNotList}},
		{"kinds empty", "{id: A1, title: a, max: 10, method: count, kinds: []}", []string{yamlnode.ProbEmptyList}},
		{"a kind without per", "{id: A1, title: a, max: 10, method: count, kinds: [{key: a, label: A}]}", []string{yamlnode.ProbMissing}},
		{"a kind with an unknown key", "{id: A1, title: a, max: 10, method: count, kinds: [{key: a, label: A, per: 1, weight: 2}]}",
			[]string{yamlnode.ProbUnknownKey}},
		{"kinds and per", "{id: A1, title: a, max: 10, method: count, per: 1, kinds: [{key: a, label: A, per: 1}]}",
			[]string{domain.ProbCatExclusive}},
		{"per missing without kinds", "{id: A1, title: a, max: 10, method: count}", []string{yamlnode.ProbMissing}},
		{"kinds on check", "{id: A1, title: a, max: 10, method: check, kinds: [{key: a, label: A, per: 1}]}", []string{domain.ProbParam}},
		{"times not a number", "{id: A1, title: a, max: 10, method: deduct, per: 1, multipliers: [{key: s, label: S, times: x}]}",
			[]string{yamlnode.ProbWantNumber}},
		{"discretion not a mapping", "{id: A1, title: a, max: 10, method: deduct, discretion: 2}", []string{yamlnode.ProbMapping}},
		{"discretion without max", "{id: A1, title: a, max: 10, method: deduct, discretion: {min: 2}}", []string{yamlnode.ProbMissing}},
		{"discretion on count", "{id: A1, title: a, max: 10, method: count, per: 1, discretion: {min: 1, max: 2}}", []string{domain.ProbParam}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(withItem(t, tt.item)))
			ps := domain.ErrorProblems(err)
			var got []string
			for _, p := range ps {
				got = append(got, p.Code)
				if p.Line == 0 || p.File != "t.yaml" {
					t.Errorf("problem without its place: %v", p)
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("problems %v, want %v (%v)", got, tt.want, ps)
			}
		})
	}
}

// FuzzParseTiered fuzzes the reader from the tiered catalog and its bad
// twin: whatever it accepts writes and reads back the same.
func FuzzParseTiered(f *testing.F) {
	for _, name := range []string{"../domain/testdata/tiered.yaml", "../ui/message/testdata/bad-tiered.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(withItem(f, "{id: A1, title: a, max: 10, method: count, kinds: [{key: a, label: A, per: 1}, {key: b, label: B, per: 0.5}]}")))
	f.Add([]byte(withItem(f, "{id: A1, title: a, max: 10, method: deduct, per: 1, multipliers: [{key: s, label: S, times: 2}]}")))
	f.Add([]byte(withItem(f, "{id: A1, title: a, max: 10, method: deduct, discretion: {min: 2, max: 6}}")))
	f.Fuzz(func(t *testing.T, data []byte) {
		c1, err := Parse("fuzz.yaml", data)
		if err != nil {
			if len(domain.ErrorProblems(err)) == 0 {
				t.Fatalf("error without problems: %v", err)
			}
			return
		}
		roundTrip(t, c1)
	})
}
