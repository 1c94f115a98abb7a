package storage_test

import (
	"reflect"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage/storagetest"
)

// FuzzImportAnswers feeds arbitrary answers to ImportAnswers: it must never
// panic, a refused import must leave the stored answers as they were, and an
// accepted one must store exactly what was given.
func FuzzImportAnswers(f *testing.F) {
	f.Add("A2", "全部", 95.0, 100.0, 1, uint8(0b0000_0100), "", "a", "V1")
	f.Add("A3", "", 95.0, 0.0, -1, uint8(0b0000_0010), "", "", "")
	f.Add("A4", "", 85.0, 0.0, 0, uint8(0b0000_0110), "", "", "")
	f.Add("B3", "", 50.0, 0.0, 0, uint8(0b0010_0000), "", "b", "")
	f.Add("E9", "", 0.0, 0.0, 0, uint8(0b0000_1000), "理由", "", "V9")
	f.Add("A1", "x", 0.0, 0.0, 3, uint8(0b1111_1111), "", "z", "")
	s := storagetest.Open(f)
	a := storagetest.Fixture(f, s)
	if err := s.ImportAnswers(ctx, a.ID, &domain.AnswerSet{Answers: storagetest.FullAnswers()}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, item, level string, value, baseline float64, count int, flags uint8, reason, part, veto string) {
		ans := domain.Answer{Level: level, Reason: reason}
		if flags&1 != 0 {
			ans.Met = domain.Bool(flags&0x40 != 0)
		}
		if flags&2 != 0 {
			ans.Value = domain.Float(value)
		}
		if flags&4 != 0 {
			ans.Baseline = domain.Float(baseline)
		}
		if flags&8 != 0 {
			ans.NA = true
		}
		if flags&16 != 0 {
			ans.Count = domain.Int(count)
		}
		if flags&32 != 0 {
			ans.Parts = map[string]domain.Answer{part: {Value: domain.Float(value), Met: ans.Met}}
		}
		if flags&128 != 0 {
			ans.Note, ans.Evidence, ans.Flagged = reason, []string{level}, true
		}
		set := &domain.AnswerSet{Answers: map[string]domain.Answer{item: ans, "A1": {Met: domain.Bool(true), Note: "n"}}}
		if veto != "" {
			set.Vetoes = []string{veto}
		}
		before, err := s.ExportAnswers(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		err = s.ImportAnswers(ctx, a.ID, set)
		after, err2 := s.ExportAnswers(ctx, a.ID)
		if err2 != nil {
			t.Fatal(err2)
		}
		if err != nil {
			if code := domain.ErrorCode(err); code != domain.EINVALID {
				t.Fatalf("refused with %s, want invalid: %v", code, err)
			}
			if !reflect.DeepEqual(before, after) {
				t.Fatalf("a refused import changed the answers:\nbefore %+v\nafter  %+v", before.Answers, after.Answers)
			}
			return
		}
		for id, want := range set.Answers {
			got, ok := after.Answers[id]
			if want.IsZero() {
				if ok {
					t.Fatalf("an empty answer to %s was stored as %+v", id, got)
				}
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("item %s stored %+v, want %+v", id, got, want)
			}
		}
		if len(after.Answers) > len(set.Answers) {
			t.Fatalf("import kept old answers: %v", after.Answers)
		}
	})
}
