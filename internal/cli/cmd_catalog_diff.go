package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/sheet"
)

func init() {
	register(command{name: "catalog diff", args: "A B",
		summary: "what changed from catalog A to B (id@version of a built-in or stored catalog, or a .yaml/.xlsx/.docx file): items added, removed, renamed, changed in max, method, levels or applies_to; totals",
		run:     runCatalogDiff})
}

func runCatalogDiff(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("catalog diff")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usageErrorf("name two catalogs: id@version or a file")
	}
	a, err := findCatalog(ctx, env, fs.Arg(0))
	if err != nil {
		return err
	}
	b, err := findCatalog(ctx, env, fs.Arg(1))
	if err != nil {
		return err
	}
	printDiff(env.Stdout, domain.DiffCatalogs(a, b))
	return nil
}

// findCatalog reads a catalog from a file (.yaml, .xlsx, .docx), else
// takes the built-in one, else the stored one of that ref.
func findCatalog(ctx context.Context, env *Env, ref string) (*domain.Catalog, error) {
	switch strings.ToLower(filepath.Ext(ref)) {
	case ".yaml", ".yml":
		return catalog.LoadFile(ctx, ref)
	case ".xlsx", ".docx":
		if _, err := os.Stat(ref); err == nil {
			res, err := sheet.ReadFile(ctx, ref, sheet.Options{})
			if err != nil {
				return nil, err
			}
			return res.Catalog, nil
		}
	}
	c, err := catalog.Builtin(ref)
	if err == nil || domain.ErrorCode(err) != domain.ENOTFOUND || env.Backend == nil {
		return c, err
	}
	err = withStore(ctx, env, func(ctx context.Context, s *Services) error {
		var ferr error
		c, ferr = s.Catalogs.FindCatalog(ctx, ref)
		return ferr
	})
	return c, err
}

// printDiff prints a catalog diff, one line per item.
func printDiff(w io.Writer, d domain.CatalogDiff) {
	say(w, "%s → %s\n", d.From, d.To)
	say(w, "items %d → %d, total %s → %s", d.ItemsFrom, d.ItemsTo, catalogPoints(d.TotalFrom), catalogPoints(d.TotalTo))
	if capText(d.BonusCapFrom) != capText(d.BonusCapTo) {
		say(w, ", bonus cap %s → %s", capText(d.BonusCapFrom), capText(d.BonusCapTo))
	}
	fmt.Fprintln(w)
	say(w, "added %d, removed %d, changed %d, unchanged %d\n", len(d.Added), len(d.Removed), len(d.Changed), d.Unchanged)
	for _, it := range d.Added {
		say(w, "+ %s %s [%s] %s\n", it.ID, it.Title, catalogPoints(it.Max), methodOf(it))
	}
	for _, it := range d.Removed {
		say(w, "- %s %s [%s] %s\n", it.ID, it.Title, catalogPoints(it.Max), methodOf(it))
	}
	for _, c := range d.Changed {
		var what []string
		for _, k := range c.Changes {
			switch k {
			case domain.DiffID:
				what = append(what, "id "+c.Old.ID+" → "+c.New.ID)
			case domain.DiffTitle:
				what = append(what, "renamed from “"+c.Old.Title+"”")
			case domain.DiffMax:
				what = append(what, "max "+catalogPoints(c.Old.Max)+" → "+catalogPoints(c.New.Max))
			case domain.DiffMethod:
				what = append(what, "method "+methodOf(c.Old)+" → "+methodOf(c.New))
			case domain.DiffAppliesTo:
				what = append(what, "applies_to ["+strings.Join(c.Old.AppliesTo, "、")+"] → ["+strings.Join(c.New.AppliesTo, "、")+"]")
			default:
				what = append(what, string(k))
			}
		}
		say(w, "~ %s %s: %s\n", c.New.ID, c.New.Title, strings.Join(what, "; "))
	}
	for _, x := range []struct {
		changed bool
		what    string
	}{{d.GradesChanged, "grades"}, {d.CapsChanged, "caps"}, {d.VetoesChanged, "vetoes"}} {
		if x.changed {
			say(w, "the %s changed\n", x.what)
		}
	}
}

func methodOf(it *domain.Item) string {
	if it.IsComposite() {
		return "parts"
	}
	return string(it.Method)
}

func capText(f *float64) string {
	if f == nil {
		return "none"
	}
	return catalogPoints(*f)
}
