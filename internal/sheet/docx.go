package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"pingce/internal/domain"
	"pingce/internal/userfile"
)

// docxCell is a cell of a Word table as the document writes it.
type docxCell struct {
	text   strings.Builder
	span   int    // w:gridSpan
	vmerge string // w:vMerge: "restart", "continue" or "" (none)
}

// docxGrids reads the tables of a .docx file (its word/document.xml,
// directly) as grids named 表1, 表2 …: a cell spanning columns
// (w:gridSpan) or continuing the one above (w:vMerge) is a merged cell.
func docxGrids(ctx context.Context, name string, data []byte) ([]*grid, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, notDocx(name, err)
	}
	var doc *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc = f
		}
	}
	if doc == nil {
		return nil, notDocx(name, errors.New("no word/document.xml"))
	}
	if doc.UncompressedSize64 > maxUnzipped {
		return nil, userfile.TooLarge("Word document", name, maxUnzipped)
	}
	rc, err := doc.Open()
	if err != nil {
		return nil, notDocx(name, err)
	}
	defer rc.Close()
	body, err := userfile.Read(ctx, "Word document", name, rc, maxUnzipped)
	if err != nil {
		return nil, err
	}
	tables, err := docxTables(ctx, body)
	if err != nil {
		return nil, notDocx(name, err)
	}
	var out []*grid
	for i, t := range tables {
		g, err := docxGrid(name, "表"+strconv.Itoa(i+1), t)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	if len(out) == 0 {
		p := domain.NewProblem(ProbNoTable, "the document holds no table")
		p.File = name
		return nil, &domain.Error{Code: domain.EINVALID, Message: p.String(), Problems: []domain.Problem{p}}
	}
	return out, nil
}

func notDocx(name string, err error) error {
	p := domain.NewProblem(ProbNotWorkbook, "the file cannot be read as a Word document (.docx): {reason}", "reason", err.Error())
	p.File = name
	return &domain.Error{Code: domain.EINVALID, Message: fmt.Sprintf("%s: not a readable Word document", name), Problems: []domain.Problem{p}}
}

// docxTables reads the top-level tables of document.xml; the text of a
// table inside a cell becomes that cell's text.
func docxTables(ctx context.Context, body []byte) ([][][]*docxCell, error) {
	const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	dec := xml.NewDecoder(bytes.NewReader(body))
	var (
		tables [][][]*docxCell
		depth  int // table nesting
		cell   *docxCell
		inText bool
		n      int
	)
	for {
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		tok, err := dec.Token()
		if err == io.EOF {
			return tables, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != w {
				continue
			}
			switch t.Name.Local {
			case "tbl":
				depth++
				if depth == 1 {
					tables = append(tables, nil)
				}
			case "tr":
				if depth == 1 {
					cur := &tables[len(tables)-1]
					if len(*cur) >= maxRows {
						return nil, fmt.Errorf("a table has more than %d rows", maxRows)
					}
					*cur = append(*cur, nil)
				}
			case "tc":
				if depth == 1 {
					t := tables[len(tables)-1]
					if len(t) == 0 {
						continue
					}
					cell = &docxCell{span: 1}
					t[len(t)-1] = append(t[len(t)-1], cell)
				}
			case "gridSpan":
				if depth == 1 && cell != nil {
					if v, err := strconv.Atoi(attr(t, "val")); err == nil && v > 1 && v <= maxColumns {
						cell.span = v
					}
				}
			case "vMerge":
				if depth == 1 && cell != nil {
					cell.vmerge = "continue"
					if attr(t, "val") == "restart" {
						cell.vmerge = "restart"
					}
				}
			case "t":
				inText = true
			case "tab":
				if cell != nil {
					cell.text.WriteByte('\t')
				}
			case "br", "cr":
				if cell != nil {
					cell.text.WriteByte('\n')
				}
			}
		case xml.EndElement:
			if t.Name.Space != w {
				continue
			}
			switch t.Name.Local {
			case "tbl":
				depth--
			case "tc":
				if depth == 1 {
					cell = nil
				}
			case "p":
				if cell != nil {
					cell.text.WriteByte('\n')
				}
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText && cell != nil && cell.text.Len() < 1<<20 {
				cell.text.Write(t)
			}
		}
	}
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// docxGrid lays a Word table out as a grid.
func docxGrid(name, sheetName string, rows [][]*docxCell) (*grid, error) {
	g := &grid{file: name, sheet: sheetName, origin: map[pos]pos{}}
	for r, row := range rows {
		var line []string
		c := 0
		for _, cell := range row {
			o := pos{r, c}
			text := clean(cell.text.String())
			if cell.vmerge == "continue" && r > 0 {
				if above, ok := g.origin[pos{r - 1, c}]; ok {
					o = above
				} else {
					o = pos{r - 1, c}
				}
				text = g.cell(o.r, o.c)
			}
			for k := 0; k < cell.span && c < maxColumns; k++ {
				line = append(line, text)
				if (pos{r, c}) != o {
					g.origin[pos{r, c}] = o
				}
				c++
			}
		}
		g.rows = append(g.rows, line)
	}
	return g, nil
}
