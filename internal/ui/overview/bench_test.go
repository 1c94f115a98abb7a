package overview

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pingce/internal/ui/kit"
)

// BenchmarkLoad1500 assembles a round of 1,500 units × 61 items from the
// services (a synthetic fake: no database) and ranks it.
func BenchmarkLoad1500(b *testing.B) {
	f := bigStore(1500, 61)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		d, err := Load(ctx, f.source(), "", "")
		if err != nil {
			b.Fatal(err)
		}
		groups := d.Rank(false)
		d.Matrix(groups)
		d.CommonLosses(groups)
	}
}

// BenchmarkOpen1500 opens the overview of a 1,500-unit round of 61 items:
// the data assembled and the first view (ranking, matrix, common losses)
// built and laid out in a 1280×800 window. The goal is < 500 ms.
func BenchmarkOpen1500(b *testing.B) {
	f := bigStore(1500, 61)
	a := test.NewTempApp(b)
	w := a.NewWindow("overview")
	w.Resize(fyne.NewSize(1280, 800))
	b.ReportAllocs()
	for b.Loop() {
		tasks := &kit.Tasks{OnError: func(err error) { b.Error(err) }}
		var o *Overview
		tasks.Interact(func() {
			o = New(Deps{App: a, Window: w, Tasks: tasks, Source: f.source()})
			w.SetContent(o.Content())
		})
		tasks.Wait()
		if o.Data() == nil || len(o.matrix.m.Rows) < 1400 {
			b.Fatal("the round did not load")
		}
		o.Do("matrix-items", "true")
		o.Do("tab", "1")
	}
}
