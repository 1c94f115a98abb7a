package catalog

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"pingce/internal/domain"
)

// TestRoundRulesRead reads the catalog with every round rule of issue 15,
// checks what it holds, and writes and reads it back the same.
func TestRoundRulesRead(t *testing.T) {
	data, err := os.ReadFile("../domain/testdata/round.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("round.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"relative", reflect.DeepEqual(c.Item("R1").Relative, &domain.Relative{Points: 4, Per: 0.04})},
		{"rank points", reflect.DeepEqual(c.Item("K1").Rank, &domain.RankRule{Points: []float64{60, 57, 54, 51, 48}})},
		{"proportional", reflect.DeepEqual(c.Item("K2").Rank, &domain.RankRule{Proportional: true, Top: 5})},
		{"bottom", reflect.DeepEqual(c.Item("K3").Rank, &domain.RankRule{Bottom: 2, Per: 0.5})},
		{"na average", c.Item("N1").NA == domain.NAAverage},
		{"requires", reflect.DeepEqual(c.Grades[0].Requires, []string{"G1"})},
		{"quota", c.Grades[0].Quota != nil && *c.Grades[0].Quota == 0.25 && c.Grades[1].Quota == nil},
		{"below_average", c.Caps[0] == domain.Cap{BelowAverage: "R1", MaxGrade: "二级"} && c.Caps[0].Kind() == "below_average"},
		{"veto lowest", c.Vetoes[4].Effect == domain.VetoLowest},
		{"round scored", c.RoundScored()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.ok {
				t.Error("not read as written")
			}
		})
	}
	out, err := Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	c2, err := Parse("out.yaml", out)
	if err != nil {
		t.Fatalf("read back: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(c.Categories, c2.Categories) || !reflect.DeepEqual(c.Grades, c2.Grades) ||
		!reflect.DeepEqual(c.Caps, c2.Caps) || !reflect.DeepEqual(c.Vetoes, c2.Vetoes) {
		t.Errorf("round trip changed the catalog:\n%s", out)
	}
}

// TestRoundRefused: every mistake of the round's rules is found, each at
// its line.
func TestRoundRefused(t *testing.T) {
	data, err := os.ReadFile("../ui/message/testdata/bad-round.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse("bad-round.yaml", data)
	e, ok := err.(*domain.Error)
	if !ok {
		t.Fatalf("not refused: %v", err)
	}
	want := map[int]string{}
	for i, line := range strings.Split(string(data), "\n") {
		if _, code, ok := strings.Cut(line, "# want "); ok {
			want[i+1] = code
		}
	}
	got := map[int][]string{}
	for _, p := range e.Problems {
		got[p.Line] = append(got[p.Line], p.Code)
	}
	for line, code := range want {
		if len(got[line]) != 1 || got[line][0] != code {
			t.Errorf("line %d: %v, want just %s", line, got[line], code)
		}
	}
	for line, codes := range got {
		if _, ok := want[line]; !ok {
			t.Errorf("line %d: unexpected %v", line, codes)
		}
	}
}

// FuzzParseRound fuzzes the reader from the catalogs with the round's
// rules (good and bad): a catalog read is written and read back the same,
// a refused one says why.
func FuzzParseRound(f *testing.F) {
	for _, name := range []string{"../domain/testdata/round.yaml", "../ui/message/testdata/bad-round.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(withItem(f, "{id: A1, title: a, max: 10, method: numeric, rank: [1, 2]}")))
	f.Add([]byte(withItem(f, "{id: A1, title: a, max: 10, method: numeric, rank: {points: [x, 5]}}")))
	f.Fuzz(readOrRefuse)
}

// readOrRefuse is the body of the reader's fuzz targets: a catalog read is
// written and read back the same, a refused one says why.
func readOrRefuse(t *testing.T, data []byte) {
	c1, err := Parse("fuzz.yaml", data)
	if err != nil {
		if len(domain.ErrorProblems(err)) == 0 {
			t.Fatalf("error without problems: %v", err)
		}
		return
	}
	roundTrip(t, c1)
}
