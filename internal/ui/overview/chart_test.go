package overview

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

func TestLineChart(t *testing.T) {
	test.NewTempApp(t)
	tests := []struct {
		name           string
		series         []Series
		lines, circles int // of the series (the grid has 6 lines)
	}{
		{"a line through three rounds", []Series{{Name: "总分", Values: []float64{0.8, 0.9, 0.85}, Bold: true}}, 2, 3},
		{"a missing round breaks the line", []Series{{Name: "类目", Values: []float64{0.8, math.NaN(), 0.85}}}, 0, 2},
		{"two series", []Series{{Values: []float64{0.5, 0.6, 0.7}}, {Values: []float64{1, 1, math.NaN()}}}, 3, 5},
		{"nothing", nil, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newLineChart()
			c.set([]string{"2026-Q1", "2026-Q2", "2026-Q3"}, tc.series)
			r := test.TempWidgetRenderer(t, c)
			r.Layout(fyne.NewSize(600, 300))
			lines, circles, texts := 0, 0, 0
			for _, o := range r.Objects() {
				switch o.(type) {
				case *canvas.Line:
					lines++
				case *canvas.Circle:
					circles++
					if p := o.Position(); p.X < 0 || p.X > 600 || p.Y < 0 || p.Y > 300 {
						t.Errorf("dot at %v outside the chart", p)
					}
				case *canvas.Text:
					texts++
				}
			}
			if lines-6 != tc.lines || circles != tc.circles {
				t.Errorf("%d lines, %d dots; want %d and %d", lines-6, circles, tc.lines, tc.circles)
			}
			if texts != 6+3 {
				t.Errorf("%d labels, want 6 on the axis and 3 rounds", texts)
			}
		})
	}
}
