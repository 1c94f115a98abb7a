package catalog

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"sync"

	"pingce/assets"
	"pingce/internal/domain"
	"pingce/internal/userfile"
	"pingce/internal/yamlnode"
)

// maxFileSize bounds the size of a catalog file read from disk.
const maxFileSize = yamlnode.DefaultMaxBytes

// LoadFile reads and parses the catalog file at path. Problems name the
// file by path.
func LoadFile(ctx context.Context, path string) (*domain.Catalog, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Through the limit whatever the file says its size is: a device
	// such as /dev/zero says 0 and never ends.
	data, err := userfile.ReadFile(ctx, "catalog file", path, maxFileSize)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Load reads and parses the catalog file name of fsys.
func Load(ctx context.Context, fsys fs.FS, name string) (*domain.Catalog, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, domain.Errorf(domain.ENOTFOUND, "catalog file %s does not exist", name)
	} else if err != nil {
		return nil, fmt.Errorf("load catalog %q: %w", name, err)
	}
	return Parse(name, data)
}

// LoadDir parses every *.yaml file at the top of fsys and returns the
// catalogs sorted by id, then by version (oldest first). It fails on the
// first bad file, and when two files hold the same id@version.
func LoadDir(ctx context.Context, fsys fs.FS) ([]*domain.Catalog, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list catalogs: %w", err)
	}
	var out []*domain.Catalog
	from := map[string]string{}
	for _, name := range names {
		c, err := Load(ctx, fsys, name)
		if err != nil {
			return nil, err
		}
		if first, dup := from[c.Ref()]; dup {
			return nil, domain.Errorf(domain.ECONFLICT, "catalog %s is in both %s and %s", c.Ref(), first, path.Base(name))
		}
		from[c.Ref()] = name
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *domain.Catalog) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), CompareVersions(a.Version, b.Version))
	})
	return out, nil
}

var builtins = sync.OnceValues(func() ([]*domain.Catalog, error) {
	cs, err := LoadDir(context.Background(), assets.Catalogs())
	if err != nil {
		return nil, fmt.Errorf("built-in catalogs: %w", err)
	}
	return cs, nil
})

// Builtins returns the catalogs built into the program (assets/catalogs),
// sorted by id and version. They are parsed once and shared: do not modify them.
func Builtins() ([]*domain.Catalog, error) {
	return builtins()
}

// Builtin returns the built-in catalog named by ref: "id@version", or "id"
// for its newest version. ENOTFOUND when there is none.
func Builtin(ref string) (*domain.Catalog, error) {
	cs, err := Builtins()
	if err != nil {
		return nil, err
	}
	return Find(cs, ref)
}

// Find returns the catalog of cs named by ref: "id@version", or "id" for
// the newest version (by CompareVersions). ENOTFOUND when there is none.
func Find(cs []*domain.Catalog, ref string) (*domain.Catalog, error) {
	id, version := domain.ParseRef(ref)
	var best *domain.Catalog
	for _, c := range cs {
		if c.ID != id || (version != "" && c.Version != version) {
			continue
		}
		if best == nil || CompareVersions(c.Version, best.Version) > 0 {
			best = c
		}
	}
	if best == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "no built-in catalog %s", ref)
	}
	return best, nil
}

// CompareVersions orders version strings naturally: runs of digits compare
// as numbers ("2026.10" after "2026.9"), other text byte by byte. It returns
// -1, 0 or +1.
func CompareVersions(a, b string) int {
	for a != "" && b != "" {
		ra, resta := versionRun(a)
		rb, restb := versionRun(b)
		na, errA := strconv.ParseUint(ra, 10, 64)
		nb, errB := strconv.ParseUint(rb, 10, 64)
		var c int
		switch {
		case errA == nil && errB == nil:
			c = cmp.Compare(na, nb)
			if c == 0 {
				c = cmp.Compare(len(ra), len(rb)) // "01" after "1", for a total order
			}
		case isDigit(ra[0]) && isDigit(rb[0]):
			c = cmp.Or(cmp.Compare(len(ra), len(rb)), cmp.Compare(ra, rb)) // huge numbers
		default:
			c = cmp.Compare(ra, rb)
		}
		if c != 0 {
			return c
		}
		a, b = resta, restb
	}
	return cmp.Compare(len(a), len(b))
}

// versionRun splits off the leading run of digits or of non-digits.
func versionRun(s string) (run, rest string) {
	d := isDigit(s[0])
	i := 1
	for i < len(s) && isDigit(s[i]) == d {
		i++
	}
	return s[:i], s[i:]
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }
