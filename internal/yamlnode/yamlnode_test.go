package yamlnode

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
	"pingce/internal/userfile"
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

// TestObjectSizes reads mappings below and above the size where keys are
// indexed: lookups, repeated keys and their first lines agree.
func TestObjectSizes(t *testing.T) {
	for _, n := range []int{1, indexFrom, indexFrom + 1, 200} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			src := string(manyKeys(n)) + "K0: {met: false}\n"
			d, o := read(t, src)
			if len(o.KV) != 2*n {
				t.Fatalf("%d keys read, want %d", len(o.KV)/2, n)
			}
			for _, i := range []int{0, n / 2, n - 1} {
				k, v := o.Get("K" + strconv.Itoa(i))
				if k == nil || k.Line != i+1 || v.Kind != yaml.MappingNode {
					t.Errorf("Get(K%d) = %v, %v", i, k, v)
				}
			}
			if k, v := o.Get("K" + strconv.Itoa(n)); k != nil || v != nil {
				t.Errorf("Get of a missing key = %v, %v", k, v)
			}
			want := []string{strconv.Itoa(n+1) + ":" + ProbDupKey}
			if got := codes(d.Probs); !slices.Equal(got, want) || d.Probs[0].Args["first"] != "1" {
				t.Errorf("problems %v (%v), want %v first on line 1", got, d.Probs, want)
			}
		})
	}
}

// countNodes counts the nodes of every document yaml.v3 reads from data,
// up to the first error.
func countNodes(data []byte) int {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	total := 0
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		total++
		for _, c := range n.Content {
			walk(c)
		}
	}
	defer func() { _ = recover() }()
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			return total
		}
		walk(&doc)
	}
}

// nodeSeeds are texts that build many nodes from few characters.
var nodeSeeds = []string{
	"", "a", "a:", "a:\nb:\n", "{a}", "{{{a}}}", "{a, b, c}", "[a: b]", "[: b]", "{: }", "[? ]", "{? }",
	"? a\n: b\n", "- - -\n", "-\n-\n", "[[[[a]]]]", "[{a}, {b}]", "--- a\n--- b\n", "a: &x [1]\nb: *x\n",
	"a: |\n  x: y\n", "[1,1,1,1]", "{a: b, c}", "!!map {a: b}", "- ? a\n", "[a,]",
}

func TestNodeBound(t *testing.T) {
	for _, src := range nodeSeeds {
		t.Run(src, func(t *testing.T) {
			if n, bound := countNodes([]byte(src)), NodeBound([]byte(src)); n > bound {
				t.Errorf("%q builds %d nodes, more than its bound %d", src, n, bound)
			}
		})
	}
}

// FuzzNodeBound checks that no text builds more nodes than NodeBound says.
func FuzzNodeBound(f *testing.F) {
	for _, s := range nodeSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if n, bound := countNodes(data), NodeBound(data); n > bound {
			t.Errorf("%q builds %d nodes, more than its bound %d", data, n, bound)
		}
	})
}

func TestDocumentBounds(t *testing.T) {
	list := func(n int) []byte { return []byte("[" + strings.Repeat("1,", n) + "1]") }
	tests := []struct {
		name     string
		d        Decoder
		data     []byte
		code     string // of the problem; "" when the text is read
		limit    string
		nodeArgs bool
	}{
		{"within both", Decoder{MaxBytes: 1000, MaxNodes: 1000}, list(100), "", "", false},
		{"too many values", Decoder{MaxBytes: 1000, MaxNodes: 100}, list(100), ProbTooManyNodes, "100", true},
		{"too large", Decoder{MaxBytes: 100, MaxNodes: 1000}, list(100), userfile.ProbTooLarge, "100 bytes", false},
		{"default values", Decoder{}, list(DefaultMaxNodes / 2), ProbTooManyNodes, strconv.Itoa(DefaultMaxNodes), true},
		{"default size", Decoder{}, []byte("a: " + strings.Repeat("x", DefaultMaxBytes)), userfile.ProbTooLarge, "32 MiB", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.d.File = "big.yaml"
			var doc yaml.Node
			err := tt.d.Document(tt.data, &doc, "a test file")
			if tt.code == "" {
				if err != nil || len(doc.Content) != 1 {
					t.Fatalf("Document: %v", err)
				}
				return
			}
			ps := domain.ErrorProblems(err)
			if domain.ErrorCode(err) != domain.ETOOLARGE || len(ps) != 1 || ps[0].Code != tt.code ||
				ps[0].File != "big.yaml" || ps[0].Args["limit"] != tt.limit {
				t.Fatalf("Document: %v %+v, want %s with limit %s", err, ps, tt.code, tt.limit)
			}
			if msg := domain.ErrorMessage(err); !strings.Contains(msg, "big.yaml") || !strings.Contains(msg, tt.limit) {
				t.Errorf("message %q names not the file and the limit", msg)
			}
			if len(doc.Content) != 0 {
				t.Error("a refused text was parsed")
			}
		})
	}
}

// TestNumber reads numbers, and refuses the ones no score can be computed
// from, of every spelling.
func TestNumber(t *testing.T) {
	tests := []struct {
		src  string
		want float64
		code string // "" when read
	}{
		{"12", 12, ""}, {"-0.5", -0.5, ""}, {"1e3", 1000, ""}, {"0x1f", 31, ""}, {"0", 0, ""}, {"1e-9", 1e-9, ""},
		{"1e15", 1e15, ""}, {"-1e15", -1e15, ""},
		{"1e-320", 0, ProbNumberRange}, {"4.9e-324", 0, ProbNumberRange}, {"0.0000000001", 0, ProbNumberRange},
		{"1e16", 0, ProbNumberRange}, {"-1e300", 0, ProbNumberRange}, {"10000000000000000", 0, ProbNumberRange},
		{"1e999", 0, ProbWantNumber}, {".nan", 0, ProbNotFinite}, {"-.inf", 0, ProbNotFinite},
		{"abc", 0, ProbWantNumber}, {"[1]", 0, ProbWantNumber},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			var n yaml.Node
			if err := yaml.Unmarshal([]byte(tt.src), &n); err != nil {
				t.Fatal(err)
			}
			f, is := Number(n.Content[0])
			switch {
			case tt.code == "" && (is != nil || f != tt.want):
				t.Errorf("Number(%s) = %v, %+v; want %v", tt.src, f, is, tt.want)
			case tt.code != "" && (is == nil || is.Code != tt.code):
				t.Errorf("Number(%s) = %v, %+v; want %s", tt.src, f, is, tt.code)
			}
		})
	}
}

func TestStrRequiredSpaces(t *testing.T) {
	d, o := read(t, "a: \"  \"\nb: \"\\t\\u3000\"\nc: x\n")
	o.Str("a", true)
	o.Str("b", true)
	o.Str("c", true)
	if got, want := codes(d.Probs), []string{"1:" + ProbEmptyValue, "2:" + ProbEmptyValue}; !slices.Equal(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
}
