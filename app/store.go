package app

import (
	"context"
	"strconv"
	"strings"

	"pingce/internal/cli"
	"pingce/internal/domain"
	"pingce/internal/storage"
)

// maxEvidenceEnv names the environment variable that sets the limit on one
// evidence file in megabytes (default 50).
const maxEvidenceEnv = "PINGCE_MAX_EVIDENCE_MB"

// openStore opens the database dsn names (a file, a postgres:// URL, or ""
// for the default file in the user data folder), migrating it when needed,
// with the evidence limit getenv gives. The caller closes it.
func openStore(ctx context.Context, dsn string, getenv func(string) string) (*storage.Store, error) {
	var opts []storage.Option
	if getenv != nil {
		if v := strings.TrimSpace(getenv(maxEvidenceEnv)); v != "" {
			mb, err := strconv.ParseInt(v, 10, 64)
			if err != nil || mb <= 0 || mb > 1<<20 {
				return nil, domain.Errorf(domain.EINVALID, "%s=%q: give the limit in whole megabytes, such as 50", maxEvidenceEnv, v)
			}
			opts = append(opts, storage.WithMaxEvidenceSize(mb<<20))
		}
	}
	return storage.Open(ctx, dsn, opts...)
}

// storeBackend is the command line's way to the database: internal/storage.
type storeBackend struct {
	getenv func(string) string
}

// Open implements cli.Backend.
func (b storeBackend) Open(ctx context.Context, dsn string) (*cli.Services, error) {
	st, err := openStore(ctx, dsn, b.getenv)
	if err != nil {
		return nil, err
	}
	return services(st), nil
}

// Where implements cli.Backend.
func (storeBackend) Where(dsn string) (string, error) {
	switch {
	case storage.IsPostgres(dsn):
		return redactDSN(dsn), nil
	case dsn != "":
		return dsn, nil
	}
	return storage.DefaultPath()
}

// services hands the store to the command line, one interface per noun.
func services(st *storage.Store) *cli.Services {
	return &cli.Services{
		Units: st, Catalogs: st, Assessments: st, Answers: st, Reviews: st, Audit: st, Evidence: st, Round: st, RoundSettings: st, Rounds: st, Admin: st, Profile: st, Exchange: st, Tasks: st,
		Close: st.Close,
	}
}

// redactDSN hides the password of a postgres:// URL or keyword/value
// connection string, however it is quoted (storage.Redact).
func redactDSN(dsn string) string { return storage.Redact(dsn) }
