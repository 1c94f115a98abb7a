// Package ziptest takes zip archives apart and puts them together again
// with changes — an entry's content, name, mode or declared size — so
// that tests can hand a reader every kind of damaged or hostile archive.
// It is for tests only.
package ziptest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"os"
	"testing"
)

// Entry is one entry of an archive being rebuilt.
type Entry struct {
	Name   string
	Data   []byte
	Mode   os.FileMode // 0: a plain file
	Method uint16
	// Declared, when not 0, is the uncompressed size the header claims
	// (the data is deflated as it is).
	Declared uint64
}

// Entries reads the entries of the zip file at path.
func Entries(tb testing.TB, path string) []Entry {
	tb.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer zr.Close()
	var es []Entry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		es = append(es, Entry{Name: f.Name, Data: b, Method: f.Method})
	}
	return es
}

// Build writes the entries as a zip archive, in order, names as given
// (duplicates and unsafe names included).
func Build(tb testing.TB, es []Entry) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range es {
		h := &zip.FileHeader{Name: e.Name, Method: e.Method}
		if e.Mode != 0 {
			h.SetMode(e.Mode)
		}
		if e.Declared != 0 {
			var comp bytes.Buffer
			fw, _ := flate.NewWriter(&comp, flate.BestCompression)
			fw.Write(e.Data)
			fw.Close()
			h.Method = zip.Deflate
			h.CompressedSize64, h.UncompressedSize64 = uint64(comp.Len()), e.Declared
			w, err := zw.CreateRaw(h)
			if err != nil {
				tb.Fatal(err)
			}
			w.Write(comp.Bytes())
			continue
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(e.Data)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// Flip returns b with one bit of its middle byte changed.
func Flip(b []byte) []byte {
	c := bytes.Clone(b)
	c[len(c)/2] ^= 0x20
	return c
}

// With returns a copy of es in which fn changed the entries named name.
func With(es []Entry, name string, fn func(e *Entry)) []Entry {
	out := append([]Entry(nil), es...)
	for i := range out {
		if out[i].Name == name {
			fn(&out[i])
		}
	}
	return out
}

// Without returns a copy of es without the entries named name.
func Without(es []Entry, name string) []Entry {
	var out []Entry
	for _, e := range es {
		if e.Name != name {
			out = append(out, e)
		}
	}
	return out
}

// Plus returns a copy of es with more entries at the end.
func Plus(es []Entry, more ...Entry) []Entry {
	return append(append([]Entry(nil), es...), more...)
}
