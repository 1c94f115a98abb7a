package kit

import (
	"math"
	"strconv"

	"pingce/internal/domain"
)

// Number writes points, a value or a percentage the way a person writes
// it: at most two decimals, no trailing zeros (95, 95.5, 95.25). Every
// screen writes numbers through it.
func Number(f float64) string {
	s := strconv.FormatFloat(domain.Round2(f), 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

// Signed is Number with a plus sign before a positive number: +3.5, -2, 0.
func Signed(f float64) string {
	s := Number(f)
	if s != "0" && s[0] != '-' {
		return "+" + s
	}
	return s
}

// Percent writes a share (0.953) as a whole percentage: "95%".
func Percent(share float64) string {
	return Number(math.Round(share*100)) + "%"
}

// InputNumber writes a stored number back into an entry exactly, every
// digit the user typed, so that reading the entry again gives the same
// number; "" for none.
func InputNumber(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// FileSize writes a size in bytes for people: 512 B, 3.5 KB, 12.3 MB.
func FileSize(n int64) string {
	switch {
	case n >= 1<<20:
		return Number(math.Round(float64(n)/(1<<20)*10)/10) + " MB"
	case n >= 1<<10:
		return Number(math.Round(float64(n)/(1<<10)*10)/10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}
