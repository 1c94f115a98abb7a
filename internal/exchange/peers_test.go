package exchange

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// roundCatalog is domain/testdata/round.yaml: every rule comparing units.
func roundCatalog(tb testing.TB) *domain.Catalog {
	tb.Helper()
	data, err := os.ReadFile("../domain/testdata/round.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	cat, err := catalog.Parse("round.yaml", data)
	if err != nil {
		tb.Fatal(err)
	}
	return cat
}

// TestParseStanding_Peers: the peer facts of standing.json are refused
// when they name an unknown item, an item of another rule, points out of
// the item's range, a place out of range, an item twice, a number that is
// not an ordinary one or a quota the catalog cannot have; an old standing
// without them reads as before.
func TestParseStanding_Peers(t *testing.T) {
	cat := roundCatalog(t)
	base := `{"round":"2026-Q3","rank":1,"ranked":4,"peers":%s}`
	for _, c := range []struct{ name, peers, want string }{
		{"unknown item", `{"items":[{"id":"ZZ","points":1,"place":1}]}`, "not in the catalog"},
		{"not a peer rule", `{"items":[{"id":"G1","points":1}]}`, "not scored against the peers"},
		{"points above max", `{"items":[{"id":"K1","points":61,"place":1}]}`, "between 0 and its max"},
		{"negative points", `{"items":[{"id":"K2","points":-1,"place":1}]}`, "between 0 and its max"},
		{"rank without place", `{"items":[{"id":"K1","points":60}]}`, "no place"},
		{"place out of range", `{"items":[{"id":"K1","points":60,"place":100001}]}`, "out of range"},
		{"item twice", `{"items":[{"id":"K1","points":60,"place":1},{"id":"K1","points":57,"place":2}]}`, "twice"},
		{"mean of a rank item", `{"means":[{"id":"K2","value":3}]}`, "neither relative"},
		{"mean too large", `{"means":[{"id":"R1","value":1e300}]}`, "ordinary"},
		{"na average of another item", `{"na_averages":[{"id":"G1","value":3}]}`, "N/A as the group's average"},
		{"na average above max", `{"na_averages":[{"id":"N1","value":11}]}`, "between 0 and its max"},
		{"quota of a grade without one", `{"quota":{"grade":"二级","max_grade":"三级"}}`, "no grade"},
		{"quota moving up", `{"quota":{"grade":"一级","max_grade":"一级"}}`, "not a grade below"},
		{"quota to an unknown grade", `{"quota":{"grade":"一级","max_grade":"优秀"}}`, "not a grade below"},
		{"unknown key", `{"places":[]}`, "unknown field"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseStanding([]byte(strings.Replace(base, "%s", c.peers, 1)), "2026-Q3", cat)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err %v, want one saying %q", err, c.want)
			}
		})
	}
	t.Run("old standing without peers", func(t *testing.T) {
		s, err := parseStanding([]byte(`{"round":"2026-Q3","rank":1,"ranked":4}`), "2026-Q3", cat)
		if err != nil || s.Peers != nil {
			t.Errorf("%+v, %v", s, err)
		}
	})
	t.Run("good peers", func(t *testing.T) {
		s, err := parseStanding([]byte(strings.Replace(base, "%s",
			`{"items":[{"id":"K1","points":51,"place":4},{"id":"R1","points":4,"base":85}],"means":[{"id":"R1","value":85}],"na_averages":[{"id":"N1","value":6.67}],"quota":{"grade":"一级","max_grade":"二级"}}`, 1)), "2026-Q3", cat)
		if err != nil || s.Peers == nil || s.Peers.Items["K1"].Place != 4 || *s.Peers.Items["R1"].Base != 85 || s.Peers.Quota.MaxGrade != "二级" {
			t.Errorf("%+v, %v", s, err)
		}
	})
}

// FuzzParseStanding feeds standing.json arbitrary bytes for an assessment
// of round.yaml: it must never panic, and what it accepts has its points
// within the items' ranges and writes back to a standing that reads the
// same.
func FuzzParseStanding(f *testing.F) {
	cat := roundCatalog(f)
	f.Add([]byte(`{"round":"2026-Q3","rank":1,"ranked":4}`))
	f.Add([]byte(`{"round":"2026-Q3","rank":4,"ranked":4,"peers":{"items":[{"id":"K1","points":51,"place":4},{"id":"R1","points":4,"base":85}],"means":[{"id":"R1","value":85}],"na_averages":[{"id":"N1","value":6.67}],"quota":{"grade":"一级","max_grade":"二级"}}}`))
	f.Add([]byte(`{"round":"2026-Q3","rank":2,"ranked":4,"peers":{}}`))
	f.Add([]byte(`{"round":"2026-Q3","rank":2,"ranked":4,"peers":{"items":[{"id":"K1","points":61,"place":0}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := parseStanding(b, "2026-Q3", cat)
		if err != nil || s.Peers == nil {
			return
		}
		for id, p := range s.Peers.Items {
			if it := cat.Item(id); it == nil || p.Points < 0 || p.Points > it.Max+1e-9 {
				t.Fatalf("accepted %s: %+v", id, p)
			}
		}
		out, err := json.Marshal(standingRecordOf(s))
		if err != nil {
			t.Fatal(err)
		}
		again, err := parseStanding(out, "2026-Q3", cat)
		if err != nil || !reflect.DeepEqual(again.Peers, s.Peers) {
			t.Fatalf("written back %s: %+v, %v; was %+v", out, again, err, s.Peers)
		}
	})
}
