package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// withStore opens the database, runs f with the operator in the context,
// and closes the database. Unless --roles or PINGCE_ROLES says otherwise,
// the operator has the roles of the database's profile (the local user's
// settings) when it has one.
func withStore(ctx context.Context, env *Env, f func(ctx context.Context, s *Services) error) error {
	ctx, err := env.Context(ctx)
	if err != nil {
		return err
	}
	if env.Backend == nil {
		return errors.New("open database: no database backend (a wiring error)")
	}
	s, err := env.Backend.Open(ctx, env.DB)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer s.close()
	if !env.rolesGiven() && s.Profile != nil {
		p, err := s.Profile.Profile(ctx)
		switch {
		case err == nil && len(p.Roles) > 0:
			u, _ := domain.UserFrom(ctx)
			roles := slices.Clone(p.Roles)
			if env.Role != "" { // --role: one of the profile's roles (Env.Context took it already)
				if r, _ := env.actingRole(); !slices.Contains(roles, r) {
					return domain.Errorf(domain.EFORBIDDEN, "--role %s: the database profile gives you %s only", env.Role, joinRoles(roles))
				}
				roles = u.Roles
			}
			u.Roles = roles
			ctx = domain.WithUser(ctx, u)
		case err != nil && domain.ErrorCode(err) != domain.ENOTFOUND:
			return fmt.Errorf("read the profile: %w", err)
		}
	}
	return f(ctx, s)
}

// scoreAssessment opens the stored assessment id with its catalog, answers,
// reviews and evidence, ready to score (ws.Result(), ws.ReviewedResult()).
func scoreAssessment(ctx context.Context, env *Env, id int64) (*domain.Workspace, error) {
	var ws *domain.Workspace
	err := withStore(ctx, env, func(ctx context.Context, s *Services) error {
		var err error
		ws, err = s.Assessments.OpenAssessment(ctx, id)
		return err
	})
	return ws, err
}

// ensureCatalog returns the catalog named by ref from the store. A ref not
// stored yet is looked up among the built-in catalogs ("id@version", or "id"
// for the newest) or read as a catalog file (a path ending in .yaml or
// .yml), and imported; a bare "id" prefers the newest stored version.
func ensureCatalog(ctx context.Context, st domain.CatalogService, ref string) (*domain.Catalog, error) {
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
