package cli

import (
	"context"
	"io"

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

// sayReach tells, under the final score, that figures wait for the round
// (待全市汇总后计分) or a reviewer's choice, with the range still open.
func sayReach(w io.Writer, r *domain.Result) {
	switch {
	case r.AwaitsRound && r.Reach != nil:
		say(w, "              awaits the round (待全市汇总后计分): %s to %s reachable; final counts the low end\n",
			num(r.Reach.Min), num(r.Reach.Max))
	case r.AwaitsRound:
		say(w, "              awaits the round (待全市汇总后计分): the grade may still change\n")
	case r.Reach != nil:
		say(w, "              %s to %s reachable once the reviewer decides\n", num(r.Reach.Min), num(r.Reach.Max))
	}
}
