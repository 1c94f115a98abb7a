package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode"

	"pingce/internal/domain"
	"pingce/internal/report"
	"pingce/internal/report/internal/fixture"
)

// pdfText writes doc to a PDF and returns the text of each page as
// pdftotext -raw reads it (content stream order).
func pdfText(t *testing.T, doc *report.Document) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: cannot read the PDF back")
	}
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, doc); err != nil {
		t.Fatalf("Write: %v", err)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if pages[len(pages)-1] == "" || strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// squeeze removes all white space: text extraction puts spaces and line
// ends where the layout does, not where the source text has them.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// body is the pages' text without the running header, the footer and
// repeated table headers, squeezed, with the offset where each page starts.
type body struct {
	text   string
	starts []int
}

func (b body) page(off int) int {
	p := 0
	for i, s := range b.starts {
		if off >= s {
			p = i
		}
	}
	return p
}

var footerRE = regexp.MustCompile(`第\d+页/共\d+页`)

func bodyOf(pages []string, doc *report.Document, drop []string) body {
	var b body
	for _, p := range pages {
		s := footerRE.ReplaceAllString(squeeze(p), "")
		s = strings.Replace(s, squeeze(doc.Unit+doc.Round+doc.CatalogRef), "", 1)
		for _, d := range drop {
			s = strings.ReplaceAll(s, squeeze(d), "")
		}
		b.starts = append(b.starts, len(b.text))
		b.text += s
	}
	return b
}

// find looks for want in b from offset from and fails the test unless it is
// there; it returns the offset after the match.
func find(t *testing.T, b body, from int, what, want string) (start, end int) {
	t.Helper()
	w := squeeze(want)
	i := strings.Index(b.text[from:], w)
	if i < 0 {
		near := b.text[from:min(len(b.text), from+300)]
		t.Fatalf("%s not found whole after offset %d:\nwant %q\ntext %q…", what, from, w, near)
	}
	return from + i, from + i + len(w)
}

// itemText is the text of an item's row in the detail table: the
// requirement follows the title in its cell.
func itemText(doc *report.Document, it report.ItemRow) string {
	self, reviewed := scoreTexts(it)
	s := it.ID + it.Title
	if it.Requirement != "" {
		s += requirementText(doc, it)
	}
	s += it.Answer + self
	if doc.Reviewed != nil {
		s += reviewed
	}
	return s + it.Remarks
}

func detailHeader(doc *report.Document) string {
	var s string
	for _, c := range itemCols(doc, false) {
		s += c.title
	}
	return s
}

func TestPDFText(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  fixture.Config
		opt  report.Options
		// split is the id of the one item whose row may run over pages.
		split string
	}{
		{"plain", fixture.Config{Items: 30}, report.Options{}, ""},
		{"reviewed with a note of 2000 characters", fixture.Config{Items: 60, Reviews: true, LongNote: 2000}, report.Options{}, ""},
		{"veto", fixture.Config{Items: 12, Veto: true}, report.Options{Preparer: "张三"}, ""},
		{"veto and caps, self and reviewed", fixture.Config{Items: 12, Veto: true, Reviews: true}, report.Options{}, ""},
		{"row taller than a page", fixture.Config{Items: 20, LongNote: 9000}, report.Options{}, "A1.1"},
		{"english", fixture.Config{Items: 16}, report.Options{Labels: ptr(report.EnglishLabels())}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := fixture.Workspace(tc.cfg)
			doc := report.Build(ws, tc.opt)
			pages := pdfText(t, doc)
			lb := doc.Labels
			res := ws.Result()

			// Footer on every page with the right count.
			for i, p := range pages {
				want := squeeze(fmt.Sprintf(lb.Page, i+1, len(pages)))
				if !strings.Contains(squeeze(p), want) {
					t.Errorf("page %d lacks footer %q", i+1, want)
				}
			}
			// Cover: the figures of the score.
			cover := squeeze(pages[0])
			for _, want := range []string{doc.Title, doc.Unit, doc.Round, doc.CatalogTitle, doc.Source,
				report.Num(res.Final) + "/" + report.Num(res.Total), report.Pct(res.Percent), res.Grade} {
				if !strings.Contains(cover, squeeze(want)) {
					t.Errorf("cover lacks %q", want)
				}
			}
			if tc.cfg.Veto && !strings.Contains(squeeze(strings.Join(pages, "")), squeeze(doc.Self.Notices[0])) {
				t.Errorf("veto notice %q missing", doc.Self.Notices[0])
			}
			// The cover is one page: every notice is on it, and the summary
			// starts the next.
			notices := doc.Self.Notices
			if doc.Reviewed != nil {
				notices = append(append([]string(nil), notices...), doc.Reviewed.Notices...)
			}
			for _, n := range notices {
				if !strings.Contains(cover, squeeze(n)) {
					t.Errorf("notice %q is not on the cover", n)
				}
			}
			if len(pages) < 2 || !strings.Contains(squeeze(pages[1]), squeeze(lb.Summary)) {
				t.Error("the summary does not start page 2")
			}

			b := bodyOf(pages, doc, []string{detailHeader(doc)})
			pos := 0
			// Summary: every category with its figures, in order.
			for _, c := range doc.Categories {
				s := c.ID + c.Title
				if c.Bonus && c.Depth == 0 {
					s = c.ID + lb.MarkBonus(c.Title)
				}
				s += report.Num(c.Max) + report.Num(c.Score) + rateText(c.Rate, c.HasRate)
				_, pos = find(t, b, pos, "category "+c.ID, s)
			}
			// A section heading is never the last thing on its page: what
			// follows it starts on the same page.
			keptWith := func(heading string, at, next int) {
				t.Helper()
				if b.page(at) != b.page(next) {
					t.Errorf("heading %q is on page %d, what follows it on page %d", heading, b.page(at)+1, b.page(next)+1)
				}
			}
			// Shortfalls, most lost first.
			var at int
			at, pos = find(t, b, pos, "shortfall heading", lb.Shortfalls)
			for i, it := range doc.Shortfalls {
				if i > 0 && it.Lost > doc.Shortfalls[i-1].Lost {
					t.Errorf("shortfall %s (%v) after %s (%v)", it.ID, it.Lost, doc.Shortfalls[i-1].ID, doc.Shortfalls[i-1].Lost)
				}
				self, reviewed := scoreTexts(it)
				s := fmt.Sprint(i+1) + it.ID + it.Title + report.Num(it.Lost) + it.Answer + self
				if doc.Reviewed != nil {
					s += reviewed
				}
				var start int
				start, pos = find(t, b, pos, "shortfall "+it.ID, s+it.Remarks)
				if i == 0 {
					keptWith(lb.Shortfalls, at, start)
				}
			}
			// Detail: every applicable item whole and in order; a row stays
			// on one page unless it is taller than a page.
			at, pos = find(t, b, pos, "detail heading", lb.Detail)
			if n := notExcluded(res); len(doc.Details) != n {
				t.Errorf("%d detail rows for %d items that apply", len(doc.Details), n)
			}
			for _, it := range doc.Details {
				var start int
				start, pos = find(t, b, pos, "item "+it.ID, itemText(doc, it))
				if it.ID == doc.Details[0].ID {
					keptWith(lb.Detail, at, start)
				}
				if it.ID != tc.split && b.page(start) != b.page(pos-1) {
					t.Errorf("item %s runs from page %d to page %d", it.ID, b.page(start)+1, b.page(pos-1)+1)
				}
				if it.ID == tc.split && b.page(start) == b.page(pos-1) {
					t.Errorf("item %s was expected to run over pages", it.ID)
				}
			}
			at, pos = find(t, b, pos, "excluded heading", lb.Excluded)
			for i, e := range doc.Excluded {
				var start int
				start, pos = find(t, b, pos, "excluded "+e.ID, e.ID+e.Title+e.Category+e.AppliesTo+report.Num(e.Max))
				if i == 0 {
					keptWith(lb.Excluded, at, start)
				}
			}
			at, pos = find(t, b, pos, "signature heading", lb.Signatures)
			for i, s := range doc.Signatures {
				var start int
				start, pos = find(t, b, pos, "signature "+s.Label, s.Label+lb.Colon+s.Name)
				if i == len(doc.Signatures)-1 {
					keptWith(lb.Signatures, at, start)
				}
			}
			// The detail table's header repeats on every page it spans.
			first, last := -1, -1
			for i, p := range pages {
				if strings.Contains(squeeze(p), squeeze(lb.Detail)) {
					first = i
				}
				if strings.Contains(squeeze(p), squeeze(lb.Excluded)) {
					last = i
				}
			}
			for i := first; i >= 0 && i <= last && i < len(pages); i++ {
				if i > first && i == last && !strings.Contains(squeeze(pages[i]), squeeze(doc.Details[len(doc.Details)-1].ID)) {
					break // the detail table ended on the page before
				}
				if !strings.Contains(squeeze(pages[i]), squeeze(detailHeader(doc))) {
					t.Errorf("page %d lacks the detail table's header", i+1)
				}
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func notExcluded(r *domain.Result) int {
	n := 0
	for _, is := range r.Items {
		if is.Status != domain.StatusExcluded {
			n++
		}
	}
	return n
}

func TestFontParsedOnce(t *testing.T) {
	doc := report.Build(fixture.Workspace(fixture.Config{Items: 10}), report.Options{})
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { errs[i] = Write(context.Background(), &bytes.Buffer{}, doc) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := fontParses.Load(); n != 1 {
		t.Errorf("font parsed %d times, want once per process", n)
	}
}

func TestCancelAndProgress(t *testing.T) {
	ws := fixture.Workspace(fixture.Config{Items: 40})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		calls := 0
		doc := report.Build(ws, report.Options{Progress: func(done, total int) {
			calls++
			if calls == 5 {
				cancel()
			}
		}})
		var buf bytes.Buffer
		err := Write(ctx, &buf, doc)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if buf.Len() != 0 {
			t.Errorf("%d bytes written after cancel", buf.Len())
		}
	})
	t.Run("progress", func(t *testing.T) {
		last, total := 0, 0
		doc := report.Build(ws, report.Options{Progress: func(done, n int) {
			if done < last || (total != 0 && n != total) {
				t.Errorf("progress %d/%d after %d/%d", done, n, last, total)
			}
			last, total = done, n
		}})
		if err := Write(context.Background(), &bytes.Buffer{}, doc); err != nil {
			t.Fatal(err)
		}
		if last != total || total == 0 {
			t.Errorf("progress ended at %d/%d", last, total)
		}
	})
}

func TestOddInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		ws   func() *domain.Workspace
	}{
		{"empty catalog", func() *domain.Workspace {
			return &domain.Workspace{Catalog: &domain.Catalog{ID: "empty", Version: "1", Title: "空目录", Total: 100}}
		}},
		{"control characters and emoji", func() *domain.Workspace {
			ws := fixture.Workspace(fixture.Config{Items: 8})
			a := ws.Answers.Answers["A1.1"]
			a.Note = "第一行\r\n第二行\t制表\x00\x07 😀 ﷽ " + strings.Repeat("长", 3000)
			ws.Answers.Answers["A1.1"] = a
			ws.Assessment.Unit.Name = strings.Repeat("很长的单位名称", 40)
			return ws
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(context.Background(), &buf, report.Build(tc.ws(), report.Options{})); err != nil {
				t.Fatalf("Write: %v", err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
				t.Error("not a PDF")
			}
		})
	}
}
