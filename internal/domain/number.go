package domain

import "math"

// Bounds of the numbers Pingce reads and scores (OrdinaryNumber). Inside
// them every sum, ratio and change it computes stays finite and keeps its
// digits; outside them a value can only be a slip or a hostile file: a
// baseline of 1e-320 makes every change infinite, a value of 1e300
// overflows a sum.
const (
	MaxMagnitude = 1e15
	MinMagnitude = 1e-9
)

// OrdinaryNumber reports whether f is a number Pingce computes with: 0, or
// finite and of a size from MinMagnitude to MaxMagnitude. NaN, the
// infinities, denormals and the like are not.
func OrdinaryNumber(f float64) bool {
	a := math.Abs(f)
	return f == 0 || (a >= MinMagnitude && a <= MaxMagnitude)
}
