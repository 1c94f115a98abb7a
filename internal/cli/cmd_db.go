package cli

import (
	"context"
	"errors"
	"fmt"
)

func init() {
	register(command{name: "db path", summary: "print the database in use (the default file in the user data folder unless --db or PINGCE_DB)",
		run: runDBPath})
	register(command{name: "db check", summary: "check the database: integrity, every evidence file and stored catalog against its SHA-256, every cached score against a rescore",
		run: runDBCheck})
	register(command{name: "db backup", args: "FILE", summary: "write a consistent copy of the SQLite database to FILE",
		run: runDBBackup})
}

func runDBPath(_ context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("db path")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected %q", fs.Arg(0))
	}
	if env.Backend == nil {
		return errors.New("no database backend (a wiring error)")
	}
	where, err := env.Backend.Where(env.DB)
	if err != nil {
		return err
	}
	sayln(env.Stdout, where)
	return nil
}

func runDBCheck(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("db check")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected %q", fs.Arg(0))
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		probs, err := s.Admin.Check(ctx)
		if err != nil {
			return err
		}
		if len(probs) > 0 {
			for _, p := range probs {
				sayln(env.Stderr, p)
			}
			say(env.Stderr, "pingce db check: %d problem(s)\n", len(probs))
			return errSilent
		}
		fmt.Fprintln(env.Stdout, "ok")
		return nil
	})
}

func runDBBackup(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("db backup")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErrorf("give one backup file")
	}
	if err := env.checkOutputs(fs.Arg(0)); err != nil {
		return err
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		if err := s.Admin.Backup(ctx, fs.Arg(0)); err != nil {
			return err
		}
		say(env.Stdout, "backup written to %s\n", fs.Arg(0))
		return nil
	})
}
