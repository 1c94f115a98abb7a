package walk

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
)

// TestBannerAfterSubmit: the banner that appears on submitting pushes the
// tree's filter down instead of being drawn over it (issue 11 #3).
func TestBannerAfterSubmit(t *testing.T) {
	s, a := fixture(t)
	ctx := domain.WithActor(context.Background(), "t")
	for id, ans := range storagetest.FullAnswers() {
		if _, err := s.SaveAnswer(ctx, a.ID, id, ans); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, s, s, a.ID)
	v := h.v
	if v.bar.bannerBox.Visible() {
		t.Fatal("a draft shows a banner")
	}
	test.Tap(v.bar.submit)
	h.settle()
	test.Tap(h.overlayButton("提交"))
	h.settle()
	if !v.bar.bannerBox.Visible() {
		t.Fatal("no banner after submitting")
	}
	d := fyne.CurrentApp().Driver()
	banner := d.AbsolutePositionForObject(v.bar.banner).Y + v.bar.banner.Size().Height
	filter := d.AbsolutePositionForObject(v.nav.filter).Y
	if banner > filter {
		t.Errorf("the banner ends at y=%v, below the filter's top at y=%v: drawn over it", banner, filter)
	}
	if v.bar.banner.Size().Height < v.bar.banner.MinSize().Height {
		t.Errorf("banner squeezed to %v, needs %v", v.bar.banner.Size(), v.bar.banner.MinSize())
	}
}
