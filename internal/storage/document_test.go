package storage

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"pingce/internal/catalog"
	"pingce/internal/domain"
)

// goldenHashes pins the hash of every built-in catalog. A change here means
// every database that stored the catalog holds another hash than a fresh
// import would give: a domain rename must never cause one. Change a value
// only together with the built-in catalog (and then its version).
var goldenHashes = map[string]string{
	"demo-city-ref@2026.1":        "fb801ddc58047931bf09c1d9b3f24ca6c65ef91f4a6a22fdc1ac97a7134ecd0b",
	"police-station-grade@2026.1": "42cb4dc5bfeeb51c9c91a91d5ef20517f2b3e734f07edb3ff38de58963602148",
}

func TestCatalogHash_Golden(t *testing.T) {
	cs, err := catalog.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != len(goldenHashes) {
		t.Errorf("%d built-in catalogs, %d pinned hashes: pin the new one", len(cs), len(goldenHashes))
	}
	for _, c := range cs {
		t.Run(c.Ref(), func(t *testing.T) {
			hash, body, err := CatalogHash(c)
			if err != nil {
				t.Fatal(err)
			}
			if want := goldenHashes[c.Ref()]; hash != want {
				t.Errorf("hash %s, pinned %s", hash, want)
			}
			if hashOf(body) != hash {
				t.Error("the hash is not the SHA-256 of the body")
			}
		})
	}
}

// TestCatalogDoc_IsCatalogFile: the stored document is itself a
// pingce/catalog@1 file (JSON is YAML) that the catalog reader accepts, and
// reading it back gives the same document.
func TestCatalogDoc_IsCatalogFile(t *testing.T) {
	cs, err := catalog.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		t.Run(c.Ref(), func(t *testing.T) {
			hash, body, err := CatalogHash(c)
			if err != nil {
				t.Fatal(err)
			}
			back, err := catalog.Parse("stored.json", body)
			if err != nil {
				t.Fatalf("the catalog reader refuses the stored document: %v", err)
			}
			if h, _, _ := CatalogHash(back); h != hash {
				t.Errorf("read back as a catalog file it hashes to %s, not %s", h, hash)
			}
			dec, err := decodeCatalog(body)
			if err != nil {
				t.Fatal(err)
			}
			if h, _, _ := CatalogHash(dec); h != hash {
				t.Errorf("decoded it hashes to %s, not %s", h, hash)
			}
		})
	}
}

// fill sets every exported field of the value v points to, recursively, to
// a distinct non-zero value, so that a field a document forgets shows up.
type filler struct {
	n     int
	depth int
	skip  map[string]bool // "Type.Field" left zero
}

func (f *filler) fill(v reflect.Value) {
	f.n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", f.n))
	case reflect.Float64:
		v.SetFloat(float64(f.n) + 0.25)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(f.n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		if f.depth > 2 {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		f.depth++
		f.fill(v.Elem())
		f.depth--
	case reflect.Slice:
		if f.depth > 2 || (v.Type().Elem().Kind() == reflect.Pointer && f.depth+1 > 2) {
			return
		}
		s := reflect.MakeSlice(v.Type(), 1, 1)
		f.depth++
		f.fill(s.Index(0))
		f.depth--
		v.Set(s)
	case reflect.Map:
		if f.depth > 2 {
			return
		}
		m := reflect.MakeMap(v.Type())
		e := reflect.New(v.Type().Elem()).Elem()
		f.depth++
		f.fill(e)
		f.depth--
		m.SetMapIndex(reflect.ValueOf(fmt.Sprintf("k%d", f.n)), e)
		v.Set(m)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2026, 7, 1, 12, 0, f.n, 0, time.UTC)))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			sf := v.Type().Field(i)
			if !sf.IsExported() || f.skip[v.Type().Name()+"."+sf.Name] {
				continue
			}
			f.fill(v.Field(i))
		}
	}
}

// TestCatalogDoc_CoversDomain: every exported field of the catalog's domain
// types survives the stored document (Item.Bonus follows from the
// categories and is not stored).
func TestCatalogDoc_CoversDomain(t *testing.T) {
	c := new(domain.Catalog)
	(&filler{skip: map[string]bool{"Item.Bonus": true}}).fill(reflect.ValueOf(c).Elem())
	_, body, err := CatalogHash(c)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeCatalog(body)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range back.Items() { // the filled categories are all bonus categories
		it.Bonus = false
	}
	want, _ := json.Marshal(c)
	got, _ := json.Marshal(back)
	if string(got) != string(want) {
		t.Errorf("the stored document loses fields:\nwant %s\ngot  %s", want, got)
	}
}

func TestAnswerDoc_CoversDomain(t *testing.T) {
	var a domain.Answer
	(&filler{}).fill(reflect.ValueOf(&a).Elem())
	back, err := decodeParts(encodeParts(map[string]domain.Answer{"p": a}))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(a)
	got, _ := json.Marshal(back["p"])
	if string(got) != string(want) {
		t.Errorf("the stored answer loses fields:\nwant %s\ngot  %s", want, got)
	}
}

// TestAuditDocs_CoverDomain: every field of a domain value the audit trail
// records appears in its document, under a key of ours.
func TestAuditDocs_CoverDomain(t *testing.T) {
	for _, v := range []any{&domain.Answer{}, &domain.Review{}, &domain.Unit{}, &domain.Assessment{},
		&domain.Evidence{}, &domain.Round{}, &domain.CatalogInfo{}} {
		rv := reflect.ValueOf(v).Elem()
		t.Run(rv.Type().Name(), func(t *testing.T) {
			(&filler{}).fill(rv)
			text := toJSON(rv.Interface())
			var walk func(v reflect.Value, path string)
			walk = func(v reflect.Value, path string) {
				switch v.Kind() {
				case reflect.Pointer:
					if !v.IsNil() {
						walk(v.Elem(), path)
					}
				case reflect.Slice:
					for i := 0; i < v.Len(); i++ {
						walk(v.Index(i), path)
					}
				case reflect.Map:
					for _, k := range v.MapKeys() {
						walk(v.MapIndex(k), path+"."+k.String())
					}
				case reflect.Struct:
					if tm, ok := v.Interface().(time.Time); ok {
						if !strings.Contains(text, tm.Format(time.RFC3339)) {
							t.Errorf("%s (%s) is missing from %s", path, tm.Format(time.RFC3339), text)
						}
						return
					}
					for i := 0; i < v.NumField(); i++ {
						if v.Type().Field(i).IsExported() {
							walk(v.Field(i), path+"."+v.Type().Field(i).Name)
						}
					}
				case reflect.String:
					if !strings.Contains(text, `"`+v.String()+`"`) {
						t.Errorf("%s (%q) is missing from %s", path, v.String(), text)
					}
				case reflect.Float64, reflect.Int, reflect.Int64:
					s := fmt.Sprint(v.Interface())
					if !strings.Contains(text, ":"+s) && !strings.Contains(text, "["+s) {
						t.Errorf("%s (%s) is missing from %s", path, s, text)
					}
				}
			}
			walk(rv, rv.Type().Name())
			var m map[string]any
			if err := json.Unmarshal([]byte(text), &m); err != nil {
				t.Fatal(err)
			}
			for k := range m {
				if k != strings.ToLower(k) {
					t.Errorf("key %q follows the Go name", k)
				}
			}
		})
	}
}

// TestDocument_Pointers: a pointer to a recorded value gives the value's
// document, whatever the type.
func TestDocument_Pointers(t *testing.T) {
	r := domain.Round{Name: "2026-Q3", Start: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}
	info := domain.CatalogInfo{ID: "c", Version: "1", Hash: "h"}
	for name, pair := range map[string][2]any{"Round": {r, &r}, "CatalogInfo": {info, &info}} {
		t.Run(name, func(t *testing.T) {
			if a, b := toJSON(pair[0]), toJSON(pair[1]); a != b || goName.MatchString(b) {
				t.Errorf("value %s, pointer %s", a, b)
			}
		})
	}
}

func TestDocument_None(t *testing.T) {
	var a *domain.Answer
	for name, v := range map[string]any{"nil": nil, "nil pointer": a, "empty list": []string{}} {
		t.Run(name, func(t *testing.T) {
			if got := toJSON(v); got != "" {
				t.Errorf("toJSON = %q, want \"\"", got)
			}
		})
	}
}

// FuzzDecodeCatalog: a stored body comes from a file or a shared server
// others can write to; reading it never panics, and what reads is stored
// again in the same canonical form.
func FuzzDecodeCatalog(f *testing.F) {
	small := &domain.Catalog{ID: "c", Version: "1", Title: "小", Total: 10, BonusCap: domain.Float(5),
		Grades: []domain.GradeBand{{Min: 6, Grade: "合格"}, {Min: 0, Grade: "不合格"}},
		Caps:   []domain.Cap{{ItemLost: "A1", MaxGrade: "不合格"}},
		Categories: []*domain.Category{{ID: "A", Title: "甲", Items: []*domain.Item{
			{ID: "A1", Title: "一", Max: 10, Parts: []*domain.Item{
				{ID: "a", Title: "a", Max: 5, Method: domain.MethodNumeric, Bands: []domain.Band{{AtLeast: domain.Float(1), Points: 5}}},
				{ID: "b", Title: "b", Max: 5, Method: domain.MethodLevels, Levels: []domain.Level{{Label: "好", Points: 5}}}}}}}}}
	_, body, err := CatalogHash(small)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(body)
	f.Add([]byte(`{"format":"pingce/catalog@1","categories":[{"items":[{"parts":[{}]}]}]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := decodeCatalog(body)
		if err != nil {
			return
		}
		_, again, err := CatalogHash(c)
		if err != nil {
			return // e.g. text that is not UTF-8
		}
		c2, err := decodeCatalog(again)
		if err != nil {
			t.Fatalf("a canonical document does not read back: %v\n%s", err, again)
		}
		if _, third, _ := CatalogHash(c2); string(third) != string(again) {
			t.Fatalf("the canonical form is not stable:\n%s\n%s", again, third)
		}
	})
}

// FuzzDecodeParts: the parts column never panics the reader, and what reads
// is written back the same way twice.
func FuzzDecodeParts(f *testing.F) {
	f.Add(`{"a":{"value":80},"b":{"met":true}}`)
	f.Add(`{"a":{"parts":{"x":{"count":-1}}}}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, text string) {
		m, err := decodeParts(text)
		if err != nil {
			return
		}
		enc := encodeParts(m)
		m2, err := decodeParts(enc)
		if err != nil || encodeParts(m2) != enc {
			t.Fatalf("parts %q → %q do not read back (%v)", text, enc, err)
		}
	})
}

// BenchmarkDecodeCatalog reads the demo catalog's stored document, as a
// process does once per catalog (docs/performance.md, "Parsed catalogs by
// hash"); BenchmarkParseCatalogYAML reads the same catalog as YAML.
func BenchmarkDecodeCatalog(b *testing.B) {
	c, err := catalog.Builtin("demo-city-ref")
	if err != nil {
		b.Fatal(err)
	}
	_, body, err := CatalogHash(c)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := decodeCatalog(body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCatalogYAML(b *testing.B) {
	c, err := catalog.Builtin("demo-city-ref")
	if err != nil {
		b.Fatal(err)
	}
	y, err := catalog.Marshal(c)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := catalog.Parse("demo.yaml", y); err != nil {
			b.Fatal(err)
		}
	}
}
