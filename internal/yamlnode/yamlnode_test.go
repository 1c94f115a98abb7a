package yamlnode

import (
	"math"
	"slices"
	"strconv"
	"testing"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
)

// read parses src and returns its top mapping read by a decoder.
func read(t *testing.T, src string) (*Decoder, *Object) {
	t.Helper()
	var doc yaml.Node
	if err := Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	d := &Decoder{File: "f.yaml"}
	return d, d.Object(doc.Content[0], "", "", "the file")
}

func codes(ps []domain.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, strconv.Itoa(p.Line)+":"+p.Code)
	}
	return out
}

func TestObject(t *testing.T) {
	d, o := read(t, `a: 1
a: 2
b: x
c: [x, "", x]
d: maybe
e: 1.5
f: {g: 1}
`)
	o.Allow("a", "b", "c", "d", "e")
	if n, ok := o.Num("a", true); !ok || n != 1 {
		t.Errorf("a = %v, %v", n, ok)
	}
	o.Num("b", true)
	if got := o.Strs("c", true); !slices.Equal(got, []string{"x"}) {
		t.Errorf("c = %q", got)
	}
	o.Bool("d")
	o.Str("e", true)
	o.Str("h", true)
	want := []string{"2:" + ProbDupKey, "7:" + ProbUnknownKey, "3:" + ProbWantNumber, "4:" + ProbEmptyEntry,
		"4:" + ProbListedTwice, "5:" + ProbWantBool, "1:" + ProbMissing}
	if got := codes(d.Probs); !slices.Equal(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
	for _, p := range d.Probs {
		if p.File != "f.yaml" || p.Msg == "" {
			t.Errorf("problem %+v", p)
		}
	}
	if got := d.Probs[2].String(); got != `f.yaml:3: b: want a number, not "x"` {
		t.Errorf("message %q", got)
	}
}

func TestObjectNotMapping(t *testing.T) {
	var doc yaml.Node
	if err := Unmarshal([]byte("[1]"), &doc); err != nil {
		t.Fatal(err)
	}
	d := &Decoder{File: "f.yaml"}
	if o := d.Object(doc.Content[0], "grades", "A1", "a grade"); o != nil {
		t.Fatal("a list read as a mapping")
	}
	p := d.Probs[0]
	if p.Code != ProbMapping || p.ItemID != "A1" || p.Args["in"] != "grades" || p.Args["kind"] != "list" ||
		p.Msg != "grades: a grade must be a mapping, not a list" {
		t.Errorf("problem %+v", p)
	}
}

func TestSyntaxProblem(t *testing.T) {
	data := []byte("a: 1\nb: [1, 2\nc: 3\n")
	var n yaml.Node
	err := Unmarshal(data, &n)
	if err == nil {
		t.Fatal("bad YAML parsed")
	}
	p := SyntaxProblem(data, err)
	if p.Code != ProbSyntax || p.Line == 0 || p.Args["detail"] == "" {
		t.Errorf("problem %+v", p)
	}
}

func TestFormatNumber(t *testing.T) {
	for _, f := range []float64{0, 1, -3, 0.1, 98.25, 1e-7, 1e20, math.MaxFloat64} {
		s := FormatNumber(f)
		var back float64
		if err := yaml.Unmarshal([]byte(s), &back); err != nil || back != f {
			t.Errorf("FormatNumber(%v) = %q reads back as %v, %v", f, s, back, err)
		}
	}
}
