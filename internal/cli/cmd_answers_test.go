package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestAnswersImport_UnitAndRound checks that answers import refuses a file
// naming another unit name, unit type or round than the assessment's,
// leaving the stored answers as they were, unless --force is given.
func TestAnswersImport_UnitAndRound(t *testing.T) {
	const (
		good = "  A2.1: {value: 85}\n"
		bad  = "  A1.1: {level: 不存在}\n" // not a level of A1.1
	)
	tests := []struct {
		name   string
		header string // the unit and round lines of the file
		body   string // its answers
		force  bool
		// wantErr are the parts of the message of a refusal; none means
		// the import succeeds.
		wantErr  []string
		wantWarn string // a part of the warning, with --force
	}{
		{name: "DifferentUnitName", header: "unit: {name: 某某派出所, type: 分县局}\nround: 2026-Q3\n", body: good,
			wantErr: []string{"answers.yaml: the file is for 某某派出所 (分县局), round 2026-Q3; assessment 1 is for 某某区公安分局 (分县局), round 2026-Q3 (different unit name)"}},
		{name: "DifferentUnitType", header: "unit: {name: 某某区公安分局, type: 派出所}\nround: 2026-Q3\n", body: good,
			wantErr: []string{"the file is for 某某区公安分局 (派出所), round 2026-Q3; assessment 1 is for 某某区公安分局 (分县局), round 2026-Q3 (different unit type)"}},
		{name: "DifferentRound", header: "unit: {name: 某某区公安分局, type: 分县局}\nround: 2026-Q2\n", body: good,
			wantErr: []string{"round 2026-Q2; assessment 1 is for 某某区公安分局 (分县局), round 2026-Q3 (different round)"}},
		{name: "AllDifferent", header: "unit: {name: 某某派出所, type: 派出所}\nround: 2026-Q2\n", body: good,
			wantErr: []string{"pingce answers import: answers.yaml: the file is for 某某派出所 (派出所), round 2026-Q2; " +
				"assessment 1 is for 某某区公安分局 (分县局), round 2026-Q3 (different unit name, unit type and round). " +
				"Check the file, or import anyway with --force.\n"}},
		{name: "OnlyNameGivenDifferent", header: "unit: {name: 某某派出所}\n", body: good,
			wantErr: []string{"the file is for 某某派出所; assessment 1 is for 某某区公安分局 (different unit name)"}},
		{name: "OnlyTypeGivenDifferent", header: "unit: {type: 派出所}\n", body: good,
			wantErr: []string{"the file is for a 派出所; assessment 1 is for a 分县局 (different unit type)"}},
		{name: "OnlyRoundGivenDifferent", header: "round: 2026-Q2\n", body: good,
			wantErr: []string{"the file is for round 2026-Q2; assessment 1 is for round 2026-Q3 (different round)"}},
		{name: "MismatchBeforeCatalogProblems", header: "unit: {name: 某某派出所, type: 派出所}\n", body: bad,
			wantErr: []string{"(different unit name and unit type). Check the file, or import anyway with --force."}},
		{name: "SameUnitAndRound", header: "unit: {name: 某某区公安分局, type: 分县局}\nround: 2026-Q3\n", body: good},
		{name: "SameWithSpaces", header: "unit: {name: ' 某某区公安分局 ', type: 分县局}\nround: ' 2026-Q3'\n", body: good},
		{name: "FieldsAbsent", header: "", body: good},
		{name: "UnitEmpty", header: "unit: {}\nround:\n", body: good},
		{name: "OnlyTypeGivenSame", header: "unit: {type: 分县局}\n", body: good},
		{name: "ForceDifferentUnitName", header: "unit: {name: 某某派出所, type: 分县局}\nround: 2026-Q3\n", body: good, force: true,
			wantWarn: "pingce answers import: warning: answers.yaml: the file is for 某某派出所 (分县局), round 2026-Q3; " +
				"assessment 1 is for 某某区公安分局 (分县局), round 2026-Q3 (different unit name); imported anyway (--force)\n"},
		{name: "ForceAllDifferent", header: "unit: {name: 某某派出所, type: 派出所}\nround: 2026-Q2\n", body: good, force: true,
			wantWarn: "(different unit name, unit type and round); imported anyway (--force)"},
		{name: "ForceStillAllOrNothing", header: "unit: {name: 某某派出所, type: 派出所}\n", body: good + bad, force: true,
			wantErr: []string{"answers.yaml:", "A1.1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "pingce.db")
			mustRun(t, db, "unit", "add", "--name", "某某区公安分局", "--type", "分县局")
			mustRun(t, db, "assessment", "new", "--unit", "1", "--round", "2026-Q3", "--catalog", "demo-city-ref")
			mustRun(t, db, "answers", "import", "--assessment", "1", goldenAnswers)
			before := mustRun(t, db, "answers", "export", "--assessment", "1")

			file := writeFile(t, "answers.yaml",
				"format: pingce/answers@1\ncatalog: demo-city-ref@2026.1\n"+tt.header+"answers:\n"+tt.body)
			args := []string{"answers", "import", "--assessment", "1", file}
			if tt.force {
				args = append(args, "--force") // flags after the file work too
			}
			code, out, errOut := runOn(t, db, args...)
			after := mustRun(t, db, "answers", "export", "--assessment", "1")

			if len(tt.wantErr) > 0 {
				if code != 1 || out != "" {
					t.Errorf("exit %d, stdout %q, want exit 1 and no output", code, out)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(errOut, w) {
						t.Errorf("stderr %q\nwant it to contain %q", errOut, w)
					}
				}
				if strings.Contains(errOut, "warning") {
					t.Errorf("a refusal with a warning: %q", errOut)
				}
				if after != before {
					t.Errorf("answers changed by a refused import:\nbefore:\n%s\nafter:\n%s", before, after)
				}
				return
			}
			if code != 0 || !strings.Contains(out, "imported 1 answer(s) into assessment 1") {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
			}
			if after == before || !strings.Contains(after, "A2.1") || strings.Contains(after, "A1.1") {
				t.Errorf("answers after the import:\n%s", after)
			}
			switch {
			case tt.wantWarn == "" && errOut != "":
				t.Errorf("stderr %q, want none", errOut)
			case tt.wantWarn != "" && (!strings.Contains(errOut, tt.wantWarn) || strings.Count(errOut, "\n") != 1):
				t.Errorf("stderr %q\nwant one line containing %q", errOut, tt.wantWarn)
			}
		})
	}
}

func TestAnswersImport_HelpShowsForce(t *testing.T) {
	_, out, _ := run(t, "help", "answers", "import")
	if !strings.Contains(out, "pingce answers import --assessment ID [--force] FILE") {
		t.Errorf("help:\n%s", out)
	}
}
