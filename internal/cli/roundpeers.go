package cli

import (
	"context"

	"pingce/internal/domain"
	"pingce/internal/roundview"
)

// roundPeers returns the facts of the round that the catalog's rules
// comparing units need, for the report of a stored assessment (nil when
// the catalog has none, or the assessment is not among its group's peers:
// the report then says its figures wait for the round).
func roundPeers(ctx context.Context, env *Env, ws *domain.Workspace) (*domain.PeerFacts, error) {
	if ws == nil || ws.Catalog == nil || !ws.Catalog.RoundScored() {
		return nil, nil
	}
	var peers *domain.PeerFacts
	err := withStore(ctx, env, func(ctx context.Context, s *Services) error {
		if s.Round == nil {
			return nil
		}
		src := roundview.Source{Units: s.Units, Catalogs: s.Catalogs, Assessments: s.Assessments, Round: s.Round, Settings: s.RoundSettings}
		if s.Rounds != nil {
			src.Rounds = s.Rounds
		}
		var err error
		peers, err = roundview.PeersOf(ctx, src, ws)
		return err
	})
	return peers, err
}
