//go:build race

package walk

// raceEnabled reports whether the race detector slows the tests down.
const raceEnabled = true
