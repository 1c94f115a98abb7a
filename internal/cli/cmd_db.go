package app

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"pingce/internal/storage"
)

func init() {
	register(command{name: "db path", summary: "print the database in use (the default file in the user data folder unless --db or PINGCE_DB)",
		run: runDBPath})
	register(command{name: "db check", summary: "check the database: integrity and every evidence file's SHA-256",
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
	switch {
	case storage.IsPostgres(env.DB):
		fmt.Fprintln(env.Stdout, redactDSN(env.DB))
	case env.DB != "":
		fmt.Fprintln(env.Stdout, env.DB)
	default:
		p, err := storage.DefaultPath()
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, p)
	}
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
	return withStore(ctx, env, func(ctx context.Context, st *storage.Store) error {
		probs, err := st.Check(ctx)
		if err != nil {
			return err
		}
		if len(probs) > 0 {
			for _, p := range probs {
				fmt.Fprintln(env.Stderr, p)
			}
			fmt.Fprintf(env.Stderr, "pingce db check: %d problem(s)\n", len(probs))
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
	return withStore(ctx, env, func(ctx context.Context, st *storage.Store) error {
		if err := st.Backup(ctx, fs.Arg(0)); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "backup written to %s\n", fs.Arg(0))
		return nil
	})
}

// redactDSN hides the password of a postgres:// URL or keyword/value
// connection string.
func redactDSN(dsn string) string {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		fields := strings.Fields(dsn)
		for i, f := range fields {
			if strings.HasPrefix(f, "password=") {
				fields[i] = "password=xxxxx"
			}
		}
		return strings.Join(fields, " ")
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}
