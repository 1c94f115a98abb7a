package app

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/storage"
)

// maxEvidenceEnv names the environment variable that sets the limit on one
// evidence file in megabytes (default 50).
const maxEvidenceEnv = "PINGCE_MAX_EVIDENCE_MB"

// openStore opens the database env names (--db, PINGCE_DB, else the default
// file in the user data folder), migrating it when needed. The caller closes it.
func openStore(ctx context.Context, env *Env) (*storage.Store, error) {
	var opts []storage.Option
	if env.Getenv != nil {
		if v := strings.TrimSpace(env.Getenv(maxEvidenceEnv)); v != "" {
			mb, err := strconv.ParseInt(v, 10, 64)
			if err != nil || mb <= 0 || mb > 1<<20 {
				return nil, domain.Errorf(domain.EINVALID, "%s=%q: give the limit in whole megabytes, such as 50", maxEvidenceEnv, v)
			}
			opts = append(opts, storage.WithMaxEvidenceSize(mb<<20))
		}
	}
	st, err := storage.Open(ctx, env.DB, opts...)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return st, nil
}

// withStore opens the store, runs f with the operator in the context, and
// closes the store.
func withStore(ctx context.Context, env *Env, f func(ctx context.Context, st *storage.Store) error) error {
	st, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	return f(env.ctx(ctx), st)
}

// scoreAssessment opens the stored assessment id with its catalog, answers,
// reviews and evidence, ready to score (ws.Result(), ws.ReviewedResult()).
func scoreAssessment(ctx context.Context, env *Env, id int64) (*domain.Workspace, error) {
	var ws *domain.Workspace
	err := withStore(ctx, env, func(ctx context.Context, st *storage.Store) error {
		var err error
		ws, err = st.OpenAssessment(ctx, id)
		return err
	})
	return ws, err
}

// ensureCatalog returns the catalog named by ref from the store. A ref not
// stored yet is looked up among the built-in catalogs ("id@version", or "id"
// for the newest) or read as a catalog file (a path ending in .yaml or
// .yml), and imported; a bare "id" prefers the newest stored version.
func ensureCatalog(ctx context.Context, st *storage.Store, ref string) (*domain.Catalog, error) {
	if strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml") {
		c, err := catalog.LoadFile(ctx, ref)
		if err != nil {
			return nil, err
		}
		if _, _, err := st.ImportCatalog(ctx, c); err != nil {
			return nil, err
		}
		return c, nil
	}
	id, version := domain.ParseRef(ref)
	if version != "" {
		if c, err := st.FindCatalog(ctx, ref); err == nil {
			return c, nil
		} else if domain.ErrorCode(err) != domain.ENOTFOUND {
			return nil, err
		}
	}
	b, berr := catalog.Builtin(ref)
	if berr == nil {
		if _, _, err := st.ImportCatalog(ctx, b); err != nil {
			return nil, err
		}
		return st.FindCatalog(ctx, b.Ref())
	}
	if version == "" { // not built in: the newest stored version
		infos, err := st.ListCatalogs(ctx)
		if err != nil {
			return nil, err
		}
		var best *domain.CatalogInfo
		for i := range infos {
			if infos[i].ID == id && (best == nil || catalog.CompareVersions(infos[i].Version, best.Version) > 0) {
				best = &infos[i]
			}
		}
		if best != nil {
			return st.FindCatalog(ctx, best.Ref())
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND,
		"no catalog %s: neither stored nor built in (give a built-in id such as demo-city-ref, or a .yaml file)", ref)
}

// parseFlagsAnywhere is parseFlags that also accepts flags after the
// positional arguments ("answers import FILE --assessment 3"); afterwards
// fs.Args() holds the positional arguments in order. Everything after "--"
// is positional.
func parseFlagsAnywhere(fs *flag.FlagSet, args []string) error {
	var tail []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, tail = args[:i], args[i+1:]
	}
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
	return parseFlags(fs, append(append([]string{"--"}, pos...), tail...))
}
