package overview

import "pingce/internal/roundview"

// The overview shows a round as package roundview assembles it; these
// names keep the screen's own vocabulary.
type (
	// Source is what the overview reads (roundview.Source).
	Source = roundview.Source
	// RoundLister lists the stored rounds (roundview.RoundLister).
	RoundLister = roundview.RoundLister
	// Data is one round of one catalog (roundview.Data).
	Data = roundview.Data
	// Series is one line of a trend chart (roundview.Series).
	Series = roundview.Series
	// Trend is a unit's score and categories over the rounds (roundview.Trend).
	Trend = roundview.Trend
)

// Load reads a round of one catalog (roundview.Load).
var Load = roundview.Load

// LoadHistory reads the scores of other rounds (roundview.LoadHistory).
var LoadHistory = roundview.LoadHistory
