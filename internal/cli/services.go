package cli

import (
	"context"

	"pingce/internal/domain"
	"pingce/internal/exchange"
)

// Backend is the database behind the commands. The cli package does not
// know how a database is opened: app hands it a Backend on internal/storage,
// and tests may hand it one of their own.
type Backend interface {
	// Open opens (and migrates when needed) the database dsn names: a file
	// path, a postgres:// URL, or "" for the default file in the user data
	// folder. The caller closes the Services.
	Open(ctx context.Context, dsn string) (*Services, error)
	// Where names the database dsn selects without opening it: the file
	// path (the default file for ""), or the URL with its password hidden.
	Where(dsn string) (string, error)
}

// Services are the stores the commands work with, one per noun, as the
// domain's interfaces.
type Services struct {
	Units       domain.UnitService
	Catalogs    domain.CatalogService
	Assessments domain.AssessmentService
	Answers     domain.AnswerService
	Reviews     domain.ReviewService
	Audit       domain.AuditService
	Evidence    domain.EvidenceService
	// Round scores a whole round at once, for the round report; nil when
	// the backend cannot.
	Round domain.RoundService
	// RoundSettings keeps the rounds' peer groups and bands; nil: by unit
	// type with the default bands.
	RoundSettings domain.RoundSettingsService
	Rounds        Rounds
	Admin         Admin
	// Profile holds the local user's settings; nil when the database keeps
	// none.
	Profile domain.ProfileService
	// Exchange keeps this side's key, the trusted keys and the packages
	// applied (pingce keys, pingce package); nil when the backend cannot.
	Exchange exchange.Store
	// Tasks keeps the rectification register and starts a round from the
	// last (pingce task, pingce assessment new --from); nil when the
	// backend cannot.
	Tasks Tasks
	// Close releases the database; nil when there is nothing to release.
	Close func() error
}

// Rounds keeps the assessment periods.
type Rounds interface {
	// SaveRound stores a round or changes its dates. EINVALID when the end
	// comes before the start.
	SaveRound(ctx context.Context, r domain.Round) error
	// ListRounds returns the rounds.
	ListRounds(ctx context.Context) ([]domain.Round, error)
}

// Admin looks after the database as a whole.
type Admin interface {
	// Path is the SQLite database file; "" for a database server.
	Path() string
	// Dialect is "sqlite" or "postgres".
	Dialect() string
	// Check verifies the database (integrity, evidence hashes) and returns
	// one line per problem found.
	Check(ctx context.Context) ([]string, error)
	// Backup writes a consistent copy of the database to path.
	Backup(ctx context.Context, path string) error
}

// close releases s.
func (s *Services) close() {
	if s != nil && s.Close != nil {
		s.Close()
	}
}
