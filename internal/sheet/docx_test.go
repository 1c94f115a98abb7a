package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pingce/internal/domain"
	"pingce/internal/storage"
)

// docx builds a Word document holding one table of rows, its merged
// ranges written as Word does: w:gridSpan across, w:vMerge down.
func docx(t testing.TB, rows [][]any, merges ...string) []byte {
	t.Helper()
	type rng struct{ r0, c0, r1, c1 int }
	var ms []rng
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	for _, m := range merges {
		a, b, _ := strings.Cut(m, ":")
		c0, r0, _ := excelize.CellNameToCoordinates(a)
		c1, r1, _ := excelize.CellNameToCoordinates(b)
		ms = append(ms, rng{r0 - 1, c0 - 1, r1 - 1, c1 - 1})
		width = max(width, c1)
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>前言</w:t></w:r></w:p><w:tbl>`)
	for r, row := range rows {
		b.WriteString("<w:tr>")
		for c := 0; c < width; c++ {
			span, vm, inside := 1, "", false
			for _, m := range ms {
				if r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1 {
					if c > m.c0 {
						inside = true
					}
					span = m.c1 - m.c0 + 1
					if m.r1 > m.r0 {
						vm = `<w:vMerge/>`
						if r == m.r0 {
							vm = `<w:vMerge w:val="restart"/>`
						}
					}
				}
			}
			if inside {
				continue
			}
			text := ""
			if c < len(row) {
				text = fmt.Sprint(row[c])
			}
			fmt.Fprintf(&b, `<w:tc><w:tcPr><w:gridSpan w:val="%d"/>%s</w:tcPr>`, span, vm)
			for _, line := range strings.Split(text, "\n") {
				fmt.Fprintf(&b, `<w:p><w:r><w:t>%s</w:t></w:r></w:p>`, html.EscapeString(line))
			}
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString(`</w:tbl></w:body></w:document>`)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(b.String()))
	zw.Close()
	return buf.Bytes()
}

// TestReadDocx reads the official table as a Word table: the same
// catalog as from the worksheet.
func TestReadDocx(t *testing.T) {
	rows, merges := officialRows()
	// An empty cell is written as such in Word; excelize leaves it out.
	for i, r := range rows {
		for j, v := range r {
			if v == "" {
				rows[i][j] = ""
			}
		}
	}
	opt := Options{ID: "city", Version: "1", Source: "细则"}
	fromX, err := Read(context.Background(), "细则.xlsx", book(t, "表1", rows, merges...), opt)
	if err != nil {
		t.Fatal(err)
	}
	fromW, err := Read(context.Background(), "细则.docx", docx(t, rows, merges...), opt)
	if err != nil {
		t.Fatalf("Read docx: %v %v", err, domain.ErrorProblems(err))
	}
	hx, _, _ := storage.CatalogHash(fromX.Catalog)
	hw, bw, _ := storage.CatalogHash(fromW.Catalog)
	if hx != hw {
		t.Fatalf("docx gives another catalog:\n%s", bw)
	}
	if un := fromW.Unrecognized(); len(un) != 1 || un[0].Where != "细则.docx!表1!D8" {
		t.Errorf("unrecognized %+v", un)
	}
}

func TestReadDocxProblems(t *testing.T) {
	for name, data := range map[string][]byte{
		"not a zip": []byte("hello"),
		"no table":  docxNoTable(t),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Read(context.Background(), "x.docx", data, Options{})
			ps := domain.ErrorProblems(err)
			if len(ps) != 1 || ps[0].File != "x.docx" {
				t.Fatalf("problems %v (%v)", ps, err)
			}
		})
	}
}

func docxNoTable(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>`))
	zw.Close()
	return buf.Bytes()
}

// FuzzDocx reads arbitrary document.xml bodies: never a panic, and a
// catalog only when it passes Check.
func FuzzDocx(f *testing.F) {
	rows, merges := officialRows()
	zr, _ := zip.NewReader(bytes.NewReader(docx(f, rows, merges...)), int64(len(docx(f, rows, merges...))))
	rc, _ := zr.File[0].Open()
	var body bytes.Buffer
	body.ReadFrom(rc)
	f.Add(body.String())
	f.Add(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl></w:document>`)
	f.Fuzz(func(t *testing.T, xmlBody string) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("word/document.xml")
		w.Write([]byte(xmlBody))
		zw.Close()
		res, err := Read(context.Background(), "f.docx", buf.Bytes(), Options{})
		if err == nil && len(res.Catalog.Check()) > 0 {
			t.Fatal("accepted a catalog that fails Check")
		}
	})
}
