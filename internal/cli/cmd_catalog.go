package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

func init() {
	register(command{name: "catalog list",
		summary: "list the built-in catalogs: id@version, items, total and title", run: runCatalogList})
	register(command{name: "catalog check", args: "FILE…",
		summary: "check catalog files and print every problem as file:line: item X: what is wrong", run: runCatalogCheck})
	register(command{name: "catalog export", args: "ID[@VERSION] [--xlsx FILE]",
		summary: "print a built-in catalog as YAML (the newest version when no @VERSION), or write it (or a stored ID@VERSION) as the catalog template with --xlsx", run: runCatalogExport})
}

func runCatalogList(_ context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("catalog list")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected %q", fs.Arg(0))
	}
	cs, err := catalog.Builtins()
	if err != nil {
		return err
	}
	// The title goes last: CJK text is twice as wide as tabwriter counts.
	tw := newTabTable(env.Stdout)
	fmt.Fprintln(tw, "CATALOG\tITEMS\tBONUS\tTOTAL\tTITLE")
	for _, c := range cs {
		items, bonus := 0, 0
		for _, it := range c.Items() {
			if it.Bonus {
				bonus++
			} else {
				items++
			}
		}
		say(tw, "%s\t%d\t%d\t%s\t%s\n", safeText(c.Ref()), items, bonus, catalogPoints(c.Total), safeText(c.Title))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("catalog list: %w", err)
	}
	return nil
}

// catalogPoints prints points without needless decimals: 1000, 7.5.
func catalogPoints(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func runCatalogCheck(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("catalog check")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErrorf("name at least one catalog file")
	}
	bad := 0
	for _, path := range fs.Args() {
		c, err := catalog.LoadFile(ctx, path)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return err
			}
			bad++
			ps := domain.ErrorProblems(err)
			if len(ps) == 0 {
				say(env.Stderr, "%s: %s\n", path, describe(err))
			}
			for _, p := range ps {
				sayln(env.Stderr, p)
			}
			continue
		}
		say(env.Stdout, "OK %s: %d items, total %s\n", c.Ref(), len(c.Items()), catalogPoints(c.Total))
	}
	if bad > 0 {
		if fs.NArg() > 1 {
			say(env.Stderr, "%d of %d files refused\n", bad, fs.NArg())
		}
		return errSilent
	}
	return nil
}

func runCatalogExport(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("catalog export")
	xlsx := fs.String("xlsx", "", "write the catalog as the catalog template (.xlsx) to this file")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErrorf("name one built-in catalog (see pingce catalog list)")
	}
	if *xlsx != "" {
		return exportXLSX(ctx, env, fs.Arg(0), *xlsx)
	}
	c, err := catalog.Builtin(fs.Arg(0))
	if err != nil {
		return err
	}
	data, err := catalog.Marshal(c)
	if err != nil {
		return err
	}
	if _, err := env.Stdout.Write(data); err != nil {
		return fmt.Errorf("catalog export: %w", err)
	}
	return nil
}
