package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/sheet"
)

func init() {
	register(command{name: "catalog import", args: "FILE.xlsx|FILE.docx [-o catalog.yaml] [--map 列名=field …] [--id ID] [--version V] [--title T] [--accept]",
		summary: "read an official table (or Pingce's template): show each item's proposed scoring beside its rule text and every problem as file!sheet!cell; write YAML (-o) or store the catalog",
		run:     runCatalogImport})
	register(command{name: "catalog template", args: "-o FILE.xlsx",
		summary: "write the catalog template: one row per item, a column for every field, sheets for grades, caps and vetoes", run: runCatalogTemplate})
}

// mapFlag collects --map 列名=field.
type mapFlag map[string]string

func (m mapFlag) String() string { return "" }

func (m mapFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(k) == "" || strings.TrimSpace(v) == "" {
		return fmt.Errorf("--map wants 列名=field, not %q (fields: %s)", s, strings.Join(sheet.Fields, ", "))
	}
	m[strings.TrimSpace(k)] = strings.TrimSpace(v)
	return nil
}

func runCatalogImport(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("catalog import")
	out := fs.String("o", "", "write the catalog as YAML to this file instead of storing it")
	maps := mapFlag{}
	fs.Var(maps, "map", "take a column as a field: 列名=field (fields: "+strings.Join(sheet.Fields, ", ")+"); repeat for more")
	id := fs.String("id", "", "catalog id (default: from the file name)")
	version := fs.String("version", "", "catalog version (default: 1)")
	title := fs.String("title", "", "catalog title (default: the title row above the table)")
	accept := fs.Bool("accept", false, "store the catalog even when some rule texts were not understood (they are scored met / not met)")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErrorf("name one .xlsx or .docx file")
	}
	if err := env.checkOutputs(*out); err != nil {
		return err
	}
	res, err := sheet.ReadFile(ctx, fs.Arg(0), sheet.Options{Map: maps, ID: *id, Version: *version, Title: *title})
	if res != nil {
		printImport(env.Stdout, res)
		for _, w := range res.Warnings {
			sayln(env.Stderr, "warning: "+w.String())
		}
	}
	if err != nil {
		ps := domain.ErrorProblems(err)
		if len(ps) == 0 {
			return err
		}
		for _, p := range ps {
			sayln(env.Stderr, p)
		}
		say(env.Stderr, "%d problem(s): nothing was written or stored\n", len(ps))
		return errSilent
	}
	c := res.Catalog
	unknown := res.Unrecognized()
	if *out != "" {
		data, err := catalog.Marshal(c)
		if err != nil {
			return err
		}
		if err := env.writeOutput(ctx, *out, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return err
		}
		say(env.Stdout, "wrote %s: %s, %d items, total %s\n", *out, c.Ref(), len(c.Items()), catalogPoints(c.Total))
		if len(unknown) > 0 {
			say(env.Stdout, "%d item(s) are scored met / not met for now: choose their method in %s\n", len(unknown), *out)
		}
		return nil
	}
	if len(unknown) > 0 && !*accept {
		say(env.Stderr, "%d rule text(s) were not understood (marked ? above): write the catalog with -o and choose their method, or store it as it is with --accept\n", len(unknown))
		return errSilent
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		info, created, err := s.Catalogs.ImportCatalog(ctx, c)
		if err != nil {
			return err
		}
		state := "stored"
		if !created {
			state = "already stored"
		}
		say(env.Stdout, "%s %s: %d items, total %s\n", state, info.Ref(), len(c.Items()), catalogPoints(c.Total))
		return nil
	})
}

// printImport prints how the columns were taken and, item by item, the
// proposed scoring beside the rule text.
func printImport(w io.Writer, res *sheet.Result) {
	if !res.Template && len(res.Columns) > 0 {
		fmt.Fprintln(w, "COLUMNS")
		for _, col := range res.Columns {
			if col.Header == "" {
				continue
			}
			field := col.Field
			switch {
			case field == "":
				field = "? (not known: left out; use --map)"
			case col.Mapped:
				field += " (--map)"
			}
			where := col.Where[strings.LastIndex(col.Where, "!")+1:]
			say(w, "  %s\t%s → %s\n", where, col.Header, field)
		}
	}
	if len(res.Rows) == 0 {
		return
	}
	fmt.Fprintln(w, "ITEMS")
	c := res.Catalog
	for _, row := range res.Rows {
		proposal := row.Proposal.Summary()
		if !row.Proposal.Known {
			proposal = "? not understood (" + row.Proposal.Reason + ")"
			if c != nil {
				proposal += ": check for now"
			}
		}
		pts := ""
		if c != nil {
			if it := c.Item(row.ItemID); it != nil {
				pts = " [" + catalogPoints(it.Max) + "]"
			}
		}
		say(w, "  %s %s%s: %s\n", row.ItemID, row.Title, pts, proposal)
		for _, l := range strings.Split(row.Text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				say(w, "      %s\n", l)
			}
		}
	}
	if c != nil {
		say(w, "%s: %d items, total %s, %d vetoes", c.Ref(), len(c.Items()), catalogPoints(c.Total), len(c.Vetoes))
		if c.BonusCap != nil {
			say(w, ", bonus cap %s", catalogPoints(*c.BonusCap))
		}
		fmt.Fprintln(w)
	}
	if un := res.Unrecognized(); len(un) > 0 && !res.Template {
		ids := make([]string, len(un))
		for i, r := range un {
			ids[i] = r.ItemID
		}
		say(w, "not understood: %d of %d rule texts (%s)\n", len(un), len(res.Rows), strings.Join(ids, ", "))
	}
}

func runCatalogTemplate(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("catalog template")
	out := fs.String("o", "", "the .xlsx file to write")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 || *out == "" {
		return usageErrorf("give the file to write with -o FILE.xlsx")
	}
	if err := env.writeTemplate(ctx, *out, nil); err != nil {
		return err
	}
	say(env.Stdout, "wrote %s: fill in the sheets, then: pingce catalog import %s\n", *out, *out)
	return nil
}

// writeTemplate writes catalog c (nil: the example) as the template.
func (env *Env) writeTemplate(ctx context.Context, path string, c *domain.Catalog) error {
	if err := env.checkOutputs(path); err != nil {
		return err
	}
	return env.writeOutput(ctx, path, func(w io.Writer) error { return sheet.WriteTemplate(w, c) })
}

// exportXLSX writes the catalog ref (built-in, stored, or a catalog file:
// findCatalog) as the template.
func exportXLSX(ctx context.Context, env *Env, ref, path string) error {
	if err := env.checkOutputs(path); err != nil {
		return err
	}
	c, err := findCatalog(ctx, env, ref)
	if err != nil {
		return err
	}
	if err := env.writeTemplate(ctx, path, c); err != nil {
		return err
	}
	say(env.Stdout, "wrote %s: %s as the catalog template\n", path, c.Ref())
	return nil
}
