package exchange

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"pingce/internal/domain"
	"pingce/internal/exchange/ziptest"
	"pingce/internal/ui/message"
)

var closureFile = []byte("%PDF 整改完成报告")

// registerFixture is a review package that carries two register entries
// (one with a closure file and a timeline), the unit's standing, and an
// evidence file kept under a cleaned name.
func registerFixture(t testing.TB) *Contents {
	t.Helper()
	c := reviewFixture(t)
	c.Attachments[0].OriginalName = "规划\u202e.pdf"
	at := time.Date(2026, 10, 8, 9, 30, 0, 0, time.UTC)
	due := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	c.Tasks = []TaskEntry{
		{UID: NewID(), Task: domain.Task{Source: domain.SourceReview, Round: "2026-Q3", ItemID: "A1.1", Lost: 4,
			Problem: "〔A1.1〕规划未印发", Measure: "年底前印发", Owner: "王五", Due: due, Kind: domain.KindDeadline,
			Status: domain.TaskClosureRequested, CreatedBy: "刘建国", CreatedAt: at,
			Notes: []domain.TaskNote{{At: at, By: "王五", Kind: domain.NoteProgress, Text: "已起草"},
				{At: at.Add(time.Hour), By: "王五", Kind: domain.NoteStatus, Status: domain.TaskClosureRequested, Text: "申请销号"}},
			Files: []domain.TaskFile{{Name: "整改报告.pdf", SHA256: sumOf(closureFile), Size: int64(len(closureFile)), AddedBy: "王五", AddedAt: at,
				OriginalName: "整改报告\u202e.pdf"}}}},
		{UID: NewID(), Task: domain.Task{Source: domain.SourceManual, Round: "2026-Q3", Problem: "值班制度", Measure: "修订",
			Owner: "赵六", Due: due, Kind: domain.KindImmediate, Status: domain.TaskOpen}},
	}
	c.Standing = &domain.Standing{Round: "2026-Q3", Group: "分县局", Rank: 3, Ranked: 12,
		Target: &domain.TargetGap{Target: domain.UnitTarget{Rank: 1}, Lacks: 7.5, Cover: 8,
			Items: []domain.ItemScore{{ID: "A1.1", Score: 6, Max: 10}}}}
	inner := c.Evidence
	c.Evidence = func(ctx context.Context, h string) (io.ReadCloser, error) {
		if h == sumOf(closureFile) {
			return io.NopCloser(bytes.NewReader(closureFile)), nil
		}
		return inner(ctx, h)
	}
	return c
}

func TestRegisterTravels(t *testing.T) {
	c := registerFixture(t)
	p, err := Open(context.Background(), writeFile(t, c, testKey(3), ""), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	t.Run("original name", func(t *testing.T) {
		if got := p.Attachments[0].OriginalName; got != "规划\u202e.pdf" {
			t.Errorf("original name %q", got)
		}
		if p.Attachments[1].OriginalName != "" {
			t.Errorf("a file without one got %q", p.Attachments[1].OriginalName)
		}
	})
	t.Run("entries", func(t *testing.T) {
		if len(p.Tasks) != 2 {
			t.Fatalf("%d entries", len(p.Tasks))
		}
		e := p.Tasks[0]
		if e.UID != c.Tasks[0].UID || e.Task.Status != domain.TaskClosureRequested || e.Task.ItemID != "A1.1" ||
			!e.Task.Due.Equal(c.Tasks[0].Task.Due) || len(e.Task.Notes) != 2 || e.Task.Notes[1].Status != domain.TaskClosureRequested ||
			len(e.Task.Files) != 1 || e.Task.Files[0].Name != "整改报告.pdf" || e.Task.Files[0].OriginalName != "整改报告\u202e.pdf" || e.Task.Lost != 4 {
			t.Errorf("entry %+v", e)
		}
		rc, err := p.Evidence(sumOf(closureFile))
		if err != nil {
			t.Fatal(err)
		}
		rc.Close()
	})
	t.Run("standing", func(t *testing.T) {
		s := p.Standing
		if s == nil || s.Rank != 3 || s.Ranked != 12 || s.Group != "分县局" || s.Target == nil || s.Target.Lacks != 7.5 ||
			len(s.Target.Items) != 1 || s.Target.Items[0].ID != "A1.1" {
			t.Fatalf("standing %+v", s)
		}
		if got := StandingText(s); got != "排名 第3/12（分县局） · 目标第1名 差7.5分" {
			t.Errorf("StandingText %q", got)
		}
	})
	t.Run("left out when empty", func(t *testing.T) {
		p2, err := Open(context.Background(), writeFile(t, fixture(t), testKey(1), ""), Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer p2.Close()
		for _, f := range p2.Manifest.Files {
			if f.Name == TasksName || f.Name == StandingName {
				t.Errorf("a package with nothing for it holds %s", f.Name)
			}
		}
		if p2.Tasks != nil || p2.Standing != nil {
			t.Error("entries or standing from nowhere")
		}
	})
}

// replaceEntry puts data as the entry name (added when missing), listed
// in the manifest with its hash and size and signed again by key: only
// the content is wrong.
func replaceEntry(t *testing.T, es []ziptest.Entry, key ed25519.PrivateKey, name string, data []byte) []ziptest.Entry {
	t.Helper()
	found := false
	for i := range es {
		if es[i].Name == name {
			es[i].Data, found = data, true
		}
	}
	if !found {
		es = append(es, ziptest.Entry{Name: name, Data: data})
	}
	return resign(t, es, key, func(m *Manifest) {
		listed := false
		for i := range m.Files {
			if m.Files[i].Name == name {
				m.Files[i].SHA256, m.Files[i].Size, listed = sumOf(data), int64(len(data)), true
			}
		}
		if !listed {
			m.Files = append(m.Files, File{Name: name, SHA256: sumOf(data), Size: int64(len(data))})
		}
	})
}

// TestBadRegisterEntries: each wrong tasks.json, standing.json or
// original name is refused with a package problem that names the entry.
func TestBadRegisterEntries(t *testing.T) {
	inChinese(t)
	key := testKey(3)
	c := registerFixture(t)
	path := writeFile(t, c, key, "")
	es := ziptest.Entries(t, path)
	doc := func(name string) []byte {
		for _, e := range es {
			if e.Name == name {
				return e.Data
			}
		}
		t.Fatalf("no %s", name)
		return nil
	}
	// edit changes the JSON of an entry as generic values.
	edit := func(name string, fn func(v any) any) []byte {
		var v any
		if err := json.Unmarshal(doc(name), &v); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(fn(v))
		return b
	}
	task := func(field string, value any) []byte {
		return edit(TasksName, func(v any) any {
			v.([]any)[0].(map[string]any)[field] = value
			return v
		})
	}
	standing := func(field string, value any) []byte {
		return edit(StandingName, func(v any) any {
			v.(map[string]any)[field] = value
			return v
		})
	}
	target := func(field string, value any) []byte {
		return edit(StandingName, func(v any) any {
			v.(map[string]any)["target"].(map[string]any)[field] = value
			return v
		})
	}
	attachment := func(field string, value any) []byte {
		return edit(AttachmentsName, func(v any) any {
			v.([]any)[0].(map[string]any)[field] = value
			return v
		})
	}
	first := edit(TasksName, func(v any) any { return v.([]any)[0] })
	for _, tc := range []struct {
		name, entry string
		data        []byte
		detail      string
	}{
		{"not JSON", TasksName, []byte("[{"), "tasks.json"},
		{"not a list", TasksName, []byte(`{"uid": "x"}`), "tasks.json"},
		{"unknown key", TasksName, task("owner_phone", "123"), "owner_phone"},
		{"bad uid", TasksName, task("uid", "../../x"), "uid"},
		{"uid twice", TasksName, edit(TasksName, func(v any) any { l := v.([]any); return append(l, l[0]) }), "twice"},
		{"unknown status", TasksName, task("status", "done"), "status"},
		{"unknown source", TasksName, task("source", "rumour"), "source"},
		{"unknown kind", TasksName, task("kind", "someday"), "kind"},
		{"bad due date", TasksName, task("due", "30/11/2026"), "due"},
		{"unknown item", TasksName, task("item", "Z9.9"), "Z9.9"},
		{"empty problem", TasksName, task("problem", "  "), "problem"},
		{"too long measure", TasksName, task("measure", strings.Repeat("长", domain.MaxTaskText+1)), "measure"},
		{"NUL in a note", TasksName, task("notes", []any{map[string]any{"at": "2026-10-08T09:30:00Z", "by": "王五", "kind": "progress", "text": "a\x00b"}}), "note 1"},
		{"unknown note kind", TasksName, task("notes", []any{map[string]any{"at": "2026-10-08T09:30:00Z", "by": "王五", "kind": "gossip", "text": "x"}}), "note 1"},
		{"negative lost points", TasksName, task("lost", -3), "lost"},
		{"closure file not in the package", TasksName, task("files", []any{map[string]any{"name": "x.pdf", "sha256": sumOf([]byte("other")), "size": 5}}), "x.pdf"},
		{"closure file of another size", TasksName, task("files", []any{map[string]any{"name": "x.pdf", "sha256": sumOf(closureFile), "size": 3}}), "x.pdf"},
		{"closure file's original name is its name", TasksName, task("files", []any{map[string]any{"name": "x.pdf", "sha256": sumOf(closureFile), "size": len(closureFile), "original_name": "x.pdf"}}), "own name"},
		{"closure file's original name too long", TasksName, task("files", []any{map[string]any{"name": "x.pdf", "sha256": sumOf(closureFile), "size": len(closureFile), "original_name": strings.Repeat("长", MaxOriginalName)}}), "longer"},
		{"closure file name with a folder", TasksName, task("files", []any{map[string]any{"name": "../x.pdf", "sha256": sumOf(closureFile), "size": len(closureFile)}}), "clean"},
		{"too many entries", TasksName, func() []byte {
			l := make([]any, MaxTasks+1)
			for i := range l {
				var m map[string]any
				json.Unmarshal(first, &m)
				m["uid"] = NewID()
				l[i] = m
			}
			b, _ := json.Marshal(l)
			return b
		}(), "more than"},
		{"standing of another round", StandingName, standing("round", "2025-Q4"), "round"},
		{"rank beyond the ranked", StandingName, standing("rank", 13), "rank 13"},
		{"a ranking of one", StandingName, standing("ranked", 1), "ranked 1"},
		{"negative rank", StandingName, standing("rank", -1), "rank -1"},
		{"unknown standing key", StandingName, standing("peers", []any{"某某县局"}), "peers"},
		{"two targets", StandingName, target("score", 90), "not one"},
		{"negative lacks", StandingName, target("lacks", -5), "lacks"},
		{"target item not in the catalog", StandingName, target("items", []any{map[string]any{"id": "Z9", "score": 1, "max": 2}}), "Z9"},
		{"original name is the name", AttachmentsName, attachment("original_name", "规划.pdf"), "own name"},
		{"original name too long", AttachmentsName, attachment("original_name", strings.Repeat("x", MaxOriginalName+1)), "longer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := replaceEntry(t, ziptest.Entries(t, path), key, tc.entry, tc.data)
			p, err := Open(context.Background(), save(t, ziptest.Build(t, bad)), Options{})
			if err == nil {
				p.Close()
				t.Fatal("accepted")
			}
			if got := ProblemCode(err); got != ProbContent {
				t.Fatalf("problem %q (%v), want %s", got, err, ProbContent)
			}
			if msg := domain.ErrorMessage(err); !strings.Contains(msg, tc.entry) || !strings.Contains(msg, tc.detail) {
				t.Errorf("message %q does not name %s and %q", msg, tc.entry, tc.detail)
			}
			// In Chinese, as the window shows it: no English left (GAP-3).
			pr := domain.ErrorProblems(err)[0]
			if zh := message.ProblemText(pr); len(englishLeft(zh, pr.Args)) > 0 {
				t.Errorf("%q: English %v", zh, englishLeft(zh, pr.Args))
			}
		})
	}
	t.Run("standing in a submission", func(t *testing.T) {
		sub := fixture(t)
		sp := writeFile(t, sub, testKey(1), "")
		bad := replaceEntry(t, ziptest.Entries(t, sp), testKey(1), StandingName, doc(StandingName))
		_, err := Open(context.Background(), save(t, ziptest.Build(t, bad)), Options{})
		if ProblemCode(err) != ProbContent || !strings.Contains(domain.ErrorMessage(err), "only the lead's packages") {
			t.Fatalf("got %v", err)
		}
	})
	for _, name := range []string{TasksName, StandingName} {
		t.Run("flipped byte in "+name, func(t *testing.T) {
			bad := ziptest.With(ziptest.Entries(t, path), name, func(e *ziptest.Entry) { e.Data = ziptest.Flip(e.Data) })
			_, err := Open(context.Background(), save(t, ziptest.Build(t, bad)), Options{})
			if ProblemCode(err) != ProbHash {
				t.Fatalf("got %v", err)
			}
		})
		t.Run("unlisted "+name, func(t *testing.T) {
			bad := ziptest.Plus(ziptest.Entries(t, writeFile(t, reviewFixture(t), key, "")), ziptest.Entry{Name: name, Data: doc(name)})
			_, err := Open(context.Background(), save(t, ziptest.Build(t, bad)), Options{})
			if ProblemCode(err) != ProbEntryExtra {
				t.Fatalf("got %v", err)
			}
		})
	}
	t.Run("document over the limit", func(t *testing.T) {
		_, err := Open(context.Background(), path, Options{Limits: Limits{Document: 200}})
		if ProblemCode(err) != ProbTooLarge {
			t.Fatalf("got %v", err)
		}
	})
}

func TestWithReceived(t *testing.T) {
	ws := &domain.Workspace{Assessment: domain.Assessment{ID: 7}}
	got := &domain.Standing{Rank: 3, Ranked: 12}
	mine := &domain.Standing{Rank: 1, Ranked: 2}
	received := func(_ context.Context, id int64) (*domain.Standing, error) {
		if id == 7 {
			return got, nil
		}
		return nil, nil
	}
	local := func(context.Context, *domain.Workspace) (*domain.Standing, error) { return mine, nil }
	for _, tc := range []struct {
		name string
		fn   StandingFunc
		id   int64
		want *domain.Standing
	}{
		{"a review brought one: it wins over this database's own ranking", WithReceived(received, local), 7, got},
		{"none received: this database ranks", WithReceived(received, local), 8, mine},
		{"none received, no local ranking", WithReceived(received, nil), 8, nil},
		{"no store of received ones", WithReceived(nil, local), 7, mine},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws.Assessment.ID = tc.id
			s, err := tc.fn(context.Background(), ws)
			if err != nil || s != tc.want {
				t.Errorf("got %+v, %v; want %+v", s, err, tc.want)
			}
		})
	}
}

// TestRegisterKind: a register package (整改进展包) reads with its entries;
// one without tasks.json, or with the lead's verdicts, is refused.
func TestRegisterKind(t *testing.T) {
	key := testKey(1)
	c := registerFixture(t)
	c.Manifest.Kind, c.Manifest.InReplyTo, c.Standing = KindRegister, "", nil
	c.Review = nil
	path := writeFile(t, c, key, "")
	p, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	if len(p.Tasks) != 2 || p.Review != nil || p.Manifest.Kind != KindRegister {
		t.Fatalf("register package: %d entries, review %v", len(p.Tasks), p.Review)
	}
	es := ziptest.Entries(t, path)
	rv := ziptest.Entries(t, writeFile(t, reviewFixture(t), key, ""))
	var review []byte
	for _, e := range rv {
		if e.Name == ReviewName {
			review = e.Data
		}
	}
	for _, tc := range []struct {
		name string
		es   []ziptest.Entry
		want string
	}{
		{"without tasks.json", resign(t, ziptest.Without(ziptest.Entries(t, path), TasksName), key, func(m *Manifest) {
			var fs []File
			for _, f := range m.Files {
				if f.Name != TasksName {
					fs = append(fs, f)
				}
			}
			m.Files = fs
		}), ProbEntryMissing},
		{"with the lead's verdicts", replaceEntry(t, es, key, ReviewName, review), ProbContent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(context.Background(), save(t, ziptest.Build(t, tc.es)), Options{})
			if ProblemCode(err) != tc.want {
				t.Fatalf("got %v, want %s", err, tc.want)
			}
		})
	}
}
