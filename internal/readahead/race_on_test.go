//go:build race

package readahead

// raceOn: the race detector drops sync.Pool items at random on purpose.
const raceOn = true
