package kit

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestSentence(t *testing.T) {
	test.NewTempApp(t)
	text := "删除 某某区公安分局 2026-Q3 的草稿及其全部答案和佐证材料？此操作无法撤销。"
	s := Sentence(text, 300)
	min := s.MinSize()
	if min.Width != 300 {
		t.Errorf("width %v, want 300", min.Width)
	}
	l := s.(*fyne.Container).Objects[0].(*widget.Label)
	one := widget.NewLabel(text).MinSize().Height
	if min.Height < one*1.5 || min.Height > one*4 {
		t.Errorf("height %v for a line of %v: not wrapped into a few full lines", min.Height, one)
	}
	if l.Wrapping != fyne.TextWrapBreak {
		t.Error("wraps at spaces only")
	}
}
