// Package kit is what every screen of Pingce's window shares: the theme and
// its fonts, the one sentence for an error and the details below it, the
// one way numbers are written, the one way translations are added, and the
// runner of background work whose outcome comes back on the UI goroutine.
//
// The screens (home, newassessment, settings, export, walk, …) import kit
// and package screen; kit imports neither a screen nor storage.
package kit
