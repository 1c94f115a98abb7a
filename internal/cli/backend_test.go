package cli

import (
	"context"

	"pingce/internal/storage"
)

// storeBackend opens SQLite test databases with internal/storage, as app
// does for the real program (only tests of this package import storage).
type storeBackend struct{}

func (storeBackend) Open(ctx context.Context, dsn string) (*Services, error) {
	st, err := storage.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return &Services{Units: st, Catalogs: st, Assessments: st, Answers: st, Reviews: st, Audit: st, Evidence: st, Round: st, RoundSettings: st, Rounds: st, Admin: st, Profile: st, Exchange: st, Tasks: st, Close: st.Close}, nil
}

func (storeBackend) Where(dsn string) (string, error) {
	if dsn == "" {
		return storage.DefaultPath()
	}
	return dsn, nil
}
