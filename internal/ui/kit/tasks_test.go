package kit

import (
	"context"
	"errors"
	"testing"

	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
)

func TestTasks(t *testing.T) {
	test.NewTempApp(t) // fyne.Do runs on the calling goroutine
	t.Run("work gets the context and done its error", func(t *testing.T) {
		tasks := &Tasks{Context: func() context.Context {
			return domain.WithUser(context.Background(), domain.User{Name: "张三"})
		}}
		var who string
		var got error
		tasks.Run(func(ctx context.Context) error {
			who = domain.ActorFrom(ctx)
			return errors.New("disk full")
		}, func(err error) { got = err })
		tasks.Wait()
		if who != "张三" || got == nil || got.Error() != "disk full" {
			t.Fatalf("who %q, err %v", who, got)
		}
		if tasks.Busy() {
			t.Fatal("busy after the work finished")
		}
	})
	t.Run("without done the error goes to OnError", func(t *testing.T) {
		var shown error
		tasks := &Tasks{OnError: func(err error) { shown = err }}
		tasks.Run(func(context.Context) error { return errors.New("boom") }, nil)
		tasks.Wait()
		if shown == nil {
			t.Fatal("the error was not shown")
		}
	})
	t.Run("busy while the work runs", func(t *testing.T) {
		tasks := &Tasks{}
		release := make(chan struct{})
		tasks.Run(func(context.Context) error { <-release; return nil }, nil)
		if !tasks.Busy() {
			t.Fatal("not busy while the work runs")
		}
		close(release)
		tasks.Wait()
		if tasks.Busy() {
			t.Fatal("still busy")
		}
	})
}
