package winsize

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestFit(t *testing.T) {
	cases := []struct {
		name       string
		size, work fyne.Size
		want       fyne.Size
	}{
		{"1024×768 screen with a panel", Default, fyne.NewSize(1024, 740), fyne.NewSize(1008, 692)},
		{"1280×800 screen", Default, fyne.NewSize(1280, 770), fyne.NewSize(1200, 722)},
		{"large screen keeps the size", Default, fyne.NewSize(1920, 1050), Default},
		{"a remembered size larger than a new screen", fyne.NewSize(1800, 1000), fyne.NewSize(1366, 728), fyne.NewSize(1350, 680)},
		{"unknown work area", Default, fyne.Size{}, Default},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Fit(tc.size, tc.work)
			if got != tc.want {
				t.Errorf("Fit(%v, %v) = %v, want %v", tc.size, tc.work, got, tc.want)
			}
			if tc.work.Width > 0 && (got.Width > tc.work.Width || got.Height > tc.work.Height) {
				t.Errorf("%v does not fit %v", got, tc.work)
			}
		})
	}
}

func TestRememberInitial(t *testing.T) {
	cases := []struct {
		name  string
		saved fyne.Size
		want  fyne.Size
	}{
		{"the size it was closed at", fyne.NewSize(1000, 700), fyne.NewSize(1000, 700)},
		{"a window closed tiny is not remembered", fyne.NewSize(200, 100), Default},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			if got := Initial(a.Preferences()); got != Default {
				t.Fatalf("first start: %v, want %v", got, Default)
			}
			Remember(a.Preferences(), tc.saved)
			if got := Initial(a.Preferences()); got != tc.want {
				t.Errorf("next start: %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("a broken preference opens at the default", func(t *testing.T) {
		a := test.NewTempApp(t)
		a.Preferences().SetFloat(PrefWidth, 1e9)
		a.Preferences().SetFloat(PrefHeight, 600)
		if got := Initial(a.Preferences()); got != Default {
			t.Errorf("got %v", got)
		}
	})
}
