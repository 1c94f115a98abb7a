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
	d := &Decoder{File: "f.yaml"}
	if err := d.Document([]byte(src), &doc, "a file"); err != nil {
		t.Fatal(err)
	}
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
	d := &Decoder{File: "f.yaml"}
	if err := d.Document([]byte("[1]"), &doc, "a file"); err != nil {
		t.Fatal(err)
	}
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
	err := (&Decoder{}).Document(data, &n, "a file")
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

func TestDocument(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		second int    // line of the problem about a second document; 0 for none
		first  string // the first key of the document read; "" for none
	}{
		{"one document", "a: 1\n", 0, "a"},
		{"empty file", "", 0, ""},
		{"only comments", "# c\n", 0, ""},
		{"only ---", "---\n", 0, ""},
		{"leading ---", "---\na: 1\n", 0, "a"},
		{"two leading ---", "---\n---\na: 1\n", 0, "a"},
		{"trailing ---", "a: 1\n---\n", 0, "a"},
		{"trailing --- without newline", "a: 1\n---", 0, "a"},
		{"comments after ---", "a: 1\n---\n# old\n\n# older\n", 0, "a"},
		{"comment on ---", "a: 1\n--- # end\n", 0, "a"},
		{"document end", "a: 1\n...\n", 0, "a"},
		{"document end and ---", "a: 1\n...\n---\n", 0, "a"},
		{"second document", "a: 1\n---\nb: 2\n", 2, "a"},
		{"second after blank lines", "a: 1\n\n---\n\n\nb: 2\n", 3, "a"},
		{"second after empty one", "a: 1\n---\n# c\n---\nb: 2\n", 4, "a"},
		{"second after document end", "a: 1\n...\n---\nb: 2\n", 3, "a"},
		{"second on the --- line", "a: 1\n--- [b]\n", 2, "a"},
		{"second is null", "a: 1\n---\n~\n", 2, "a"},
		{"second is an empty string", "a: 1\n---\n\"\"\n", 2, "a"},
		{"second is an anchor", "a: 1\n--- &x\n", 2, "a"},
		{"third document", "---\na: 1\n---\nb: 2\n---\nc: 3\n", 3, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Decoder{File: "f.yaml"}
			var doc yaml.Node
			if err := d.Document([]byte(tt.src), &doc, "a test file"); err != nil {
				t.Fatal(err)
			}
			first := ""
			if len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
				first = doc.Content[0].Content[0].Value
			}
			if first != tt.first {
				t.Errorf("read the document with key %q, want %q", first, tt.first)
			}
			var want []string
			if tt.second > 0 {
				want = []string{strconv.Itoa(tt.second) + ":" + ProbMultiDoc}
			}
			if got := codes(d.Probs); !slices.Equal(got, want) {
				t.Fatalf("problems %v, want %v", got, want)
			}
			if tt.second > 0 {
				want := "f.yaml:" + strconv.Itoa(tt.second) +
					": the file holds more than one YAML document (a second one starts here); a test file holds one"
				if got := d.Probs[0].String(); got != want {
					t.Errorf("message %q, want %q", got, want)
				}
			}
		})
	}
}

// TestDocumentSyntax finds the line of a syntax error in any document.
func TestDocumentSyntax(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
	}{
		{"in the first", "a: [1\n---\nb: 2\n", 1},
		{"in the second", "a: 1\n---\nb: 2\nc: [1\n", 4},
		{"after a document end", "a: 1\n...\nb: 2\n", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Decoder{File: "f.yaml"}
			var doc yaml.Node
			err := d.Document([]byte(tt.src), &doc, "a test file")
			if err == nil {
				t.Fatal("bad YAML parsed")
			}
			if p := SyntaxProblem([]byte(tt.src), err); p.Code != ProbSyntax || p.Line != tt.line {
				t.Errorf("problem %+v, want line %d", p, tt.line)
			}
		})
	}
}
