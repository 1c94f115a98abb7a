package pdf

import (
	"context"
	"strings"
	"testing"

	"github.com/signintech/gopdf"
)

// testLay returns a layout on a fresh first page, measuring with the
// bundled font.
func testLay(t *testing.T) *lay {
	t.Helper()
	fc, err := fontContainer()
	if err != nil {
		t.Fatal(err)
	}
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	if err := gp.AddTTFFontFromFontContainer(family, fc); err != nil {
		t.Fatal(err)
	}
	if err := gp.SetFont(family, "", 10); err != nil {
		t.Fatal(err)
	}
	l := &lay{ctx: context.Background(), m: &measurer{gp: gp}, orphanPage: -1}
	l.newPage()
	return l
}

// linesRow returns a row of one cell of n lines, each naming the row and its line.
func linesRow(l *lay, t *table, name string, n int) *row {
	var parts []string
	for i := range n {
		parts = append(parts, name+"-"+string(rune('a'+i)))
	}
	return &row{bands: []band{l.cells(t, strings.Join(parts, "\n"))}}
}

// pageOf returns the page whose text operations include s, or -1.
func pageOf(l *lay, s string) int {
	for i, p := range l.pages {
		for _, o := range p {
			if o.kind == opText && o.text == s {
				return i
			}
		}
	}
	return -1
}

func TestRowFitsTheSpaceLeft(t *testing.T) {
	for _, tc := range []struct {
		name  string
		slack float64 // space left below the row
		page  int     // page the row goes on
	}{
		{"exactly", 0, 0},
		{"with room to spare", 5, 0},
		{"a point short", -1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := testLay(t)
			tb := &table{size: 9, cols: []column{{title: "列", w: textW}}}
			l.startTable(tb, 0)
			r := linesRow(l, tb, "r", 5)
			h := l.rowH(tb, r)
			l.y = bodyBot - h - tc.slack
			l.drawRow(tb, r, 0)
			for _, s := range []string{"r-a", "r-e"} {
				if p := pageOf(l, s); p != tc.page {
					t.Errorf("line %s on page %d, want %d", s, p, tc.page)
				}
			}
			if tc.page == 1 && pageOf(l, "列") != -1 && countText(l, 1, "列") != 1 {
				t.Error("the header does not repeat on the new page")
			}
		})
	}
}

func countText(l *lay, page int, s string) int {
	n := 0
	for _, o := range l.pages[page] {
		if o.kind == opText && o.text == s {
			n++
		}
	}
	return n
}

func TestHeadingIsNotLeftAlone(t *testing.T) {
	t.Run("heading moves with a table that does not fit below it", func(t *testing.T) {
		l := testLay(t)
		tb := &table{size: 9, cols: []column{{title: "列", w: textW}}}
		r := linesRow(l, tb, "r", 6)
		l.y = bodyBot - 80
		l.heading("标题", l.headerH(tb)+l.rowH(tb, r))
		l.startTable(tb, l.rowH(tb, r))
		l.drawRow(tb, r, 0)
		if hp, rp := pageOf(l, "标题"), pageOf(l, "r-a"); hp != 1 || rp != 1 {
			t.Errorf("heading on page %d, row on page %d, want both on page 2", hp+1, rp+1)
		}
	})
	t.Run("a row too tall to follow a heading at the top of a page is split, not moved", func(t *testing.T) {
		l := testLay(t)
		tb := &table{size: 9, cols: []column{{title: "列", w: textW}}}
		n := int((bodyBot - bodyTop - l.headerH(tb) - 2*pad) / lineH(9)) // as many lines as a page holds under the header
		r := linesRow(l, tb, "r", n)
		l.heading("标题", l.headerH(tb)+l.keepFirst(tb, l.rowH(tb, r)))
		l.startTable(tb, l.rowH(tb, r))
		l.drawRow(tb, r, 0)
		if hp, rp := pageOf(l, "标题"), pageOf(l, "r-a"); hp != 0 || rp != 0 {
			t.Errorf("heading on page %d, first line of the row on page %d, want both on page 1", hp+1, rp+1)
		}
		last := "r-" + string(rune('a'+n-1))
		if p := pageOf(l, last); p != 1 {
			t.Errorf("last line on page %d, want page 2", p+1)
		}
	})
	t.Run("a group row is kept with the row after it", func(t *testing.T) {
		l := testLay(t)
		tb := &table{size: 9, cols: []column{{title: "列", w: textW}}}
		l.startTable(tb, 0)
		g := linesRow(l, tb, "g", 1)
		r := linesRow(l, tb, "r", 4)
		l.y = bodyBot - l.rowH(tb, g) - l.rowH(tb, r) + 1
		l.drawRow(tb, g, l.rowH(tb, r))
		l.drawRow(tb, r, 0)
		if gp, rp := pageOf(l, "g-a"), pageOf(l, "r-a"); gp != 1 || rp != 1 {
			t.Errorf("group row on page %d, row on page %d, want both on page 2", gp+1, rp+1)
		}
	})
}

func TestRequirementUnderTheTitle(t *testing.T) {
	l := testLay(t)
	tb := &table{size: 9, cols: []column{{title: "编号", w: 46}, {title: "指标", w: 200}}}
	b := l.cells(tb, "A1.1", "标题")
	b.cells[1].subSize = 8
	b.cells[1].sub = l.wrap("要求："+strings.Repeat("材料齐全", 20), 200-2*pad, 8)
	want := 2*pad + lineH(9) + float64(len(b.cells[1].sub))*lineH(8)
	if got := bandH(tb, b); got != want {
		t.Errorf("band height %v, want %v", got, want)
	}
	l.drawWhole(tb, b, nil)
	var title, req op
	for _, o := range l.pages[0] {
		switch {
		case o.text == "标题":
			title = o
		case strings.HasPrefix(o.text, "要求："):
			req = o
		}
	}
	if req.size != 8 || req.color != gray || req.y <= title.y {
		t.Errorf("requirement drawn at size %v colour %v y %v, title at y %v", req.size, req.color, req.y, title.y)
	}
}

func TestCoverTitle(t *testing.T) {
	l := testLay(t)
	for _, tc := range []struct {
		title string
		want  []string
	}{
		{"《测试指标》自评报告", []string{"《测试指标》自评报告"}},
		{"《全国社会治安防控体系建设示范城市创建 自评参考指标》自评报告", []string{"《全国社会治安防控体系建设示范城市创建 自评参考指标》", "自评报告"}},
		{"Self-assessment report: 全国社会治安防控体系建设示范城市创建 自评参考指标", []string{"Self-assessment report:", "全国社会治安防控体系建设示范城市创建 自评参考指标"}},
	} {
		lines, size := coverTitle(l, tc.title, textW)
		if strings.Join(lines, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: lines %q, want %q", tc.title, lines, tc.want)
		}
		if size < titleSmall || size > titleBig {
			t.Errorf("%s: size %v", tc.title, size)
		}
		for _, ln := range lines {
			if w := l.m.width(ln, size); w > textW {
				t.Errorf("%s: line %q is %v wide, more than %v", tc.title, ln, w, textW)
			}
		}
	}
}
