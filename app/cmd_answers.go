package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"pingce/internal/answers"
	"pingce/internal/storage"
)

func init() {
	register(command{name: "answers import", args: "--assessment ID FILE",
		summary: "replace an assessment's answers with those of an answers file (all or nothing)", run: runAnswersImport})
	register(command{name: "answers export", args: "--assessment ID [-o FILE]",
		summary: "write an assessment's answers as an answers file (to stdout unless -o)", run: runAnswersExport})
}

func runAnswersImport(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("answers import")
	id := fs.Int64("assessment", 0, "assessment id")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *id <= 0 || fs.NArg() != 1 {
		return usageErrorf("give --assessment ID and one answers file")
	}
	file := fs.Arg(0)
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("read answers: %w", err)
	}
	return withStore(ctx, env, func(ctx context.Context, st *storage.Store) error {
		ws, err := st.OpenAssessment(ctx, *id)
		if err != nil {
			return err
		}
		set, err := answers.Parse(filepath.Base(file), data, ws.Catalog)
		if err != nil {
			return err
		}
		if err := st.ImportAnswers(ctx, *id, set); err != nil {
			return err
		}
		ws, err = st.OpenAssessment(ctx, *id)
		if err != nil {
			return err
		}
		res := ws.Result()
		fmt.Fprintf(env.Stdout, "imported %d answer(s) into assessment %d: %d of %d answered, score %g, grade %s\n",
			len(set.Answers), *id, res.Answered, res.Applicable, res.Final, res.Grade)
		return nil
	})
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
	return withStore(ctx, env, func(ctx context.Context, st *storage.Store) error {
		set, err := st.ExportAnswers(ctx, *id)
		if err != nil {
			return err
		}
		cat, err := st.FindCatalog(ctx, set.Catalog)
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
		if err := os.WriteFile(*out, data, 0o644); err != nil {
			return fmt.Errorf("write answers: %w", err)
		}
		fmt.Fprintf(env.Stderr, "answers written to %s\n", *out)
		return nil
	})
}
