package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"pingce/internal/answers"
	"pingce/internal/domain"
	"pingce/internal/userfile"
)

// outputs returns the guard every file a command writes goes through
// (userfile.Guard): atomic, readable by the owner only, and never the
// database in use, the default database file or a companion of either,
// however the path is spelled.
func (env *Env) outputs() *userfile.Guard {
	var dbs []string
	if env.Backend != nil {
		for _, dsn := range []string{env.DB, ""} {
			if p, err := env.Backend.Where(dsn); err == nil && !strings.Contains(p, "://") {
				dbs = append(dbs, p)
			}
		}
	}
	return userfile.NewGuard(dbs...)
}

// checkOutputs refuses, before any work is done, the paths among paths
// (empty ones left out) that a command must not write to.
func (env *Env) checkOutputs(paths ...string) error {
	g := env.outputs()
	for _, p := range paths {
		if p == "" {
			continue
		}
		if err := g.Check(p); err != nil {
			return err
		}
	}
	return nil
}

// writeOutput writes the file at path through the command's guard.
func (env *Env) writeOutput(ctx context.Context, path string, write func(io.Writer) error) error {
	return env.outputs().WriteFile(ctx, path, write)
}

// readAnswersFile reads and checks an answers file against cat (nil: the
// structure only), through the size limit of answers files.
func readAnswersFile(ctx context.Context, path string, cat *domain.Catalog) (*domain.AnswerSet, error) {
	set, err := answers.LoadFile(ctx, path, cat)
	if err != nil && domain.ErrorCode(err) == domain.EINTERNAL {
		return nil, fmt.Errorf("read answers: %w", err)
	}
	return set, err
}
