package pdf

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"pingce/internal/report"
	"pingce/internal/report/internal/fixture"
)

// withFontDirs makes the fallback search look in dirs only, for one test.
func withFontDirs(t *testing.T, dirs ...string) {
	t.Helper()
	if _, err := fontContainer(); err != nil {
		t.Fatal(err)
	}
	old := fontDirs
	fontDirs = func() []string { return dirs }
	resetFallbacks()
	t.Cleanup(func() {
		fontDirs = old
		resetFallbacks()
	})
}

// rareDoc is a report whose unit name and the note of item A1.1 hold the
// given texts.
func rareDoc(unit, note string) *report.Document {
	ws := fixture.Workspace(fixture.Config{Items: 6})
	ws.Assessment.Unit.Name = unit
	a := ws.Answers.Answers["A1.1"]
	a.Note = note
	ws.Answers.Answers["A1.1"] = a
	return report.Build(ws, report.Options{})
}

func TestUnprintable(t *testing.T) {
	testFonts, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name       string
		dirs       []string
		unit, note string
		want       []Missing
		wantText   []string // in the PDF's text
		wantFonts  int      // fonts embedded
	}{
		{
			name: "rare characters of names come with the bundled font",
			unit: "𠮷野𬌗㛃公安分局", note: "㑇㙦 派出所",
			wantText:  []string{"𠮷野𬌗㛃公安分局"},
			wantFonts: 1,
		},
		{
			name: "a system font draws what the bundled font lacks",
			dirs: []string{testFonts},
			unit: "测试𠀀分局", note: "地名𪛖村",
			wantText:  []string{"测试𠀀分局", "地名𪛖村"},
			wantFonts: 2,
		},
		{
			name: "what no font draws is listed with its places and shown as 〓",
			dirs: []string{t.TempDir()},
			unit: "测试单位😀", note: "备注😀与𠀀",
			want: []Missing{
				{Char: '😀', Places: []Place{{Part: "title"}, {Part: "unit"}, {Part: "item", ID: "A1.1"}}},
				{Char: '𠀀', Places: []Place{{Part: "item", ID: "A1.1"}}},
			},
			wantText:  []string{"测试单位〓", "备注〓与〓"},
			wantFonts: 1,
		},
		{
			name: "formatting marks are neither drawn nor reported",
			dirs: []string{t.TempDir()},
			unit: "测试\u200d单位\ufe0f", note: "\ufeff备注",
			wantText:  []string{"测试单位"},
			wantFonts: 1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			withFontDirs(t, tc.dirs...)
			doc := rareDoc(tc.unit, tc.note)
			if strings.Contains(tc.name, "listed") {
				doc.Title = "自评报告😀"
			}
			got, err := Unprintable(doc)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Unprintable = %+v\nwant %+v", got, tc.want)
			}
			var buf bytes.Buffer
			if err := Write(context.Background(), &buf, doc); err != nil {
				t.Fatalf("Write: %v", err)
			}
			if err := checkXref(buf.Bytes()); err != nil {
				t.Error(err)
			}
			if n := bytes.Count(buf.Bytes(), []byte("/FontFile2")); n != tc.wantFonts {
				t.Errorf("%d fonts embedded, want %d", n, tc.wantFonts)
			}
			text := squeeze(strings.Join(pdfText(t, doc), ""))
			for _, w := range tc.wantText {
				if !strings.Contains(text, squeeze(w)) {
					t.Errorf("PDF text lacks %q", w)
				}
			}
		})
	}
}

// infoString returns the decoded UTF-16 string of key (such as /Title) in
// the PDF's document information.
func infoString(t *testing.T, pdf []byte, key string) string {
	t.Helper()
	s, err := decodeString(pdf, key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// decodeString decodes the first <FEFF…> string after key.
func decodeString(pdf []byte, key string) (string, error) {
	m := regexp.MustCompile(regexp.QuoteMeta(key) + ` <FEFF([0-9A-F]*)>`).FindSubmatch(pdf)
	if m == nil {
		return "", fmt.Errorf("no %s string in the PDF", key)
	}
	b, err := hex.DecodeString(string(m[1]))
	if err != nil || len(b)%2 != 0 {
		return "", fmt.Errorf("%s: not UTF-16 hex: %q", key, m[1])
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u)), nil
}

func TestInfoStrings(t *testing.T) {
	withFontDirs(t)
	for _, tc := range []struct{ name, title, unit string }{
		{"Chinese", "《示范城市》自评报告", "某某区公安分局"},
		{"beyond the BMP", "𠮷野报告😀", "𬌗㛃分局"},
		{"private use in the text", "报告\ue001\ue401", "单位"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := rareDoc(tc.unit, "")
			doc.Title = tc.title
			var buf bytes.Buffer
			if err := Write(context.Background(), &buf, doc); err != nil {
				t.Fatal(err)
			}
			want := strings.NewReplacer("\ue001", "\ufffd", "\ue401", "\ufffd").Replace(tc.title)
			if got := infoString(t, buf.Bytes(), "/Title"); got != want {
				t.Errorf("Title = %q, want %q", got, want)
			}
			if got, want := infoString(t, buf.Bytes(), "/Subject"), tc.unit+" "+doc.Round; got != want {
				t.Errorf("Subject = %q, want %q", got, want)
			}
			// The first bookmark is the title too; the outline's objects sit
			// in the body, whose offsets must not move.
			if !bytes.Contains(buf.Bytes(), []byte("/Title <FEFF")) {
				t.Error("no bookmark")
			}
			if err := checkXref(buf.Bytes()); err != nil {
				t.Error(err)
			}
		})
	}
}

// checkXref verifies that every object offset of the cross-reference table
// points at "N 0 obj".
func checkXref(pdf []byte) error {
	i := bytes.LastIndex(pdf, []byte("\nxref\n"))
	if i < 0 {
		return errors.New("no xref table")
	}
	lines := strings.Split(string(pdf[i+6:]), "\n")
	var first, n int
	if _, err := fmt.Sscan(lines[0], &first, &n); err != nil {
		return err
	}
	for k := 1; k < n; k++ {
		f := strings.Fields(lines[1+k]) // "0000000024 00000 n"
		if len(f) != 3 {
			return fmt.Errorf("xref line %q", lines[1+k])
		}
		if f[2] != "n" {
			continue
		}
		off, err := strconv.Atoi(f[0]) // decimal with leading zeros
		if err != nil {
			return err
		}
		want := []byte(strconv.Itoa(first+k) + " 0 obj")
		if off+len(want) > len(pdf) || !bytes.Equal(pdf[off:off+len(want)], want) {
			return errors.New("object " + strconv.Itoa(first+k) + " is not at its xref offset")
		}
	}
	return nil
}

func TestPlaceholderIsInTheFont(t *testing.T) {
	if _, err := fontContainer(); err != nil {
		t.Fatal(err)
	}
	if !mainFace.has(Placeholder) {
		t.Fatalf("the bundled font has no %q to draw for a missing character", Placeholder)
	}
}

func FuzzPDFString(f *testing.F) {
	for _, s := range []string{"", "报告", "𠮷😀", "\ue000\ue7ff\ue800", "a\U0010FFFFb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc := pdfString(s)
		for _, r := range enc {
			if r > 0xFFFF {
				t.Fatalf("pdfString(%q) left %U beyond the BMP", s, r)
			}
		}
		// What gopdf writes, then what fixStrings makes of it, read back.
		var hexs strings.Builder
		for _, r := range enc {
			hexs.WriteString(strings.ToUpper(hex.EncodeToString([]byte{byte(r >> 8), byte(r)})))
		}
		pdf := []byte("/Title <FEFF" + hexs.String() + ">\n")
		got, err := decodeString(fixStrings(pdf), "/Title")
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Map(func(r rune) rune {
			if r >= highCarrier && r < carrierEnd {
				return 0xFFFD
			}
			return r
		}, string([]rune(s)))
		if got != want {
			t.Fatalf("round trip of %q = %q, want %q", s, got, want)
		}
	})
}
