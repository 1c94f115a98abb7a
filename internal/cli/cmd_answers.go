package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"pingce/internal/answers"
	"pingce/internal/domain"
	"pingce/internal/userfile"
)

func init() {
	register(command{name: "answers import", args: "--assessment ID [--force] FILE",
		summary: "replace an assessment's answers with those of an answers file (all or nothing)", run: runAnswersImport})
	register(command{name: "answers export", args: "--assessment ID [-o FILE]",
		summary: "write an assessment's answers as an answers file (to stdout unless -o)", run: runAnswersExport})
}

func runAnswersImport(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("answers import")
	id := fs.Int64("assessment", 0, "assessment id")
	force := fs.Bool("force", false, "import even when the file names another unit or round than the assessment's")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *id <= 0 || fs.NArg() != 1 {
		return usageErrorf("give --assessment ID and one answers file")
	}
	file := fs.Arg(0)
	data, err := userfile.ReadFile(ctx, "answers file", file, answers.MaxFileSize)
	if err != nil {
		return err
	}
	name := filepath.Base(file)
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		ws, err := s.Assessments.OpenAssessment(ctx, *id)
		if err != nil {
			return err
		}
		// The unit and round come first: answers meant for another unit are
		// refused as such, not with the problems they have against this
		// assessment's catalog.
		set, err := answers.Parse(name, data, nil)
		if err != nil {
			return err
		}
		mismatch := answersMismatch(name, set, &ws.Assessment)
		if mismatch != "" && !*force {
			return domain.Errorf(domain.EINVALID, "%s. Check the file, or import anyway with --force.", mismatch)
		}
		set, err = answers.Parse(name, data, ws.Catalog)
		if err != nil {
			return err
		}
		if err := s.Answers.ImportAnswers(ctx, *id, set); err != nil {
			return err
		}
		if mismatch != "" {
			say(env.Stderr, "pingce answers import: warning: %s; imported anyway (--force)\n", mismatch)
		}
		ws, err = s.Assessments.OpenAssessment(ctx, *id)
		if err != nil {
			return err
		}
		res := ws.Result()
		say(env.Stdout, "imported %d answer(s) into assessment %d: %d of %d answered, score %g, grade %s\n",
			len(set.Answers), *id, res.Answered, res.Applicable, res.Final, res.Grade)
		return nil
	})
}

// answersMismatch compares the unit name, unit type and round an answers
// file names with those of the assessment, and returns "" when they agree,
// else what differs, such as "answers.yaml: the file is for 某某派出所 (派出所),
// round 2026-Q2; assessment 3 is for 某某区公安分局 (分县局), round 2026-Q3
// (different unit name, unit type and round)". A field the file leaves out
// is not compared.
func answersMismatch(file string, set *domain.AnswerSet, a *domain.Assessment) string {
	fileName, fileType, fileRound := strings.TrimSpace(set.Unit.Name), strings.TrimSpace(set.Unit.Type), strings.TrimSpace(set.Round)
	var differ []string
	if fileName != "" && fileName != a.Unit.Name {
		differ = append(differ, "unit name")
	}
	if fileType != "" && fileType != a.Unit.Type {
		differ = append(differ, "unit type")
	}
	if fileRound != "" && fileRound != a.Round {
		differ = append(differ, "round")
	}
	if len(differ) == 0 {
		return ""
	}
	// Both sides show the fields the file gives, so that they line up.
	side := func(name, typ, round string) string {
		var unit string
		switch {
		case fileName != "" && fileType != "":
			unit = name + " (" + typ + ")"
		case fileName != "":
			unit = name
		case fileType != "":
			unit = "a " + typ
		}
		if fileRound == "" {
			return unit
		}
		if unit == "" {
			return "round " + round
		}
		return unit + ", round " + round
	}
	list := differ[0]
	if n := len(differ); n > 1 {
		list = strings.Join(differ[:n-1], ", ") + " and " + differ[n-1]
	}
	return fmt.Sprintf("%s: the file is for %s; assessment %d is for %s (different %s)",
		file, side(fileName, fileType, fileRound), a.ID, side(a.Unit.Name, a.Unit.Type, a.Round), list)
}

func runAnswersExport(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("answers export")
	id := fs.Int64("assessment", 0, "assessment id")
	out := fs.String("o", "", "write to this file instead of stdout")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *id <= 0 || fs.NArg() != 0 {
		return usageErrorf("give --assessment ID")
	}
	if err := env.checkOutputs(*out); err != nil {
		return err
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		set, err := s.Answers.ExportAnswers(ctx, *id)
		if err != nil {
			return err
		}
		cat, err := s.Catalogs.FindCatalog(ctx, set.Catalog)
		if err != nil {
			return err
		}
		data, err := answers.Marshal(set, cat)
		if err != nil {
			return err
		}
		if *out == "" {
			_, err = env.Stdout.Write(data)
			return err
		}
		if err := env.outputs().WriteData(ctx, *out, data); err != nil {
			return fmt.Errorf("write answers: %w", err)
		}
		say(env.Stderr, "answers written to %s\n", *out)
		return nil
	})
}
