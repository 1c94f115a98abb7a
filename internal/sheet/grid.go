package sheet

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// pos is a cell of a grid, 0-based.
type pos struct{ r, c int }

// grid is one table of text: a worksheet or a Word table, with merged
// cells spread over every cell they cover.
type grid struct {
	file  string // base name of the file, for problems
	sheet string // worksheet name, or "表N" for a Word table
	rows  [][]string
	// origin holds, for each cell a merge covers other than its top-left
	// one, that top-left cell.
	origin map[pos]pos
}

// cell returns the text at r, c ("" outside the grid).
func (g *grid) cell(r, c int) string {
	if r < 0 || r >= len(g.rows) || c < 0 || c >= len(g.rows[r]) {
		return ""
	}
	return g.rows[r][c]
}

// below reports whether cell r, c continues a merge from a row above.
func (g *grid) below(r, c int) bool {
	o, ok := g.origin[pos{r, c}]
	return ok && o.r < r
}

// across reports whether cell r, c is part of a merge over columns.
func (g *grid) across(r, c int) bool {
	if o, ok := g.origin[pos{r, c}]; ok && o.r == r {
		return true
	}
	o, ok := g.origin[pos{r, c + 1}]
	return ok && o == pos{r, c}
}

// span returns the rows a merge through r, c covers (r, r when none).
func (g *grid) span(r, c int) (first, last int) {
	o, ok := g.origin[pos{r, c}]
	if !ok {
		o = pos{r, c}
	}
	last = r
	for i := r + 1; i < len(g.rows); i++ {
		if p, ok := g.origin[pos{i, c}]; !ok || p != o {
			break
		}
		last = i
	}
	return o.r, last
}

// name writes a cell as A1; for a Word table, as "第R行第C列" is not
// needed: Word tables are named by row and column the same way.
func cellName(r, c int) string {
	s, err := excelize.CoordinatesToCellName(c+1, r+1)
	if err != nil {
		return ""
	}
	return s
}

// where returns the file!sheet!cell of a cell, or file!sheet when r < 0.
func (g *grid) where(r, c int) string {
	s := g.file + "!" + g.sheet
	if r >= 0 && c >= 0 {
		s += "!" + cellName(r, c)
	}
	return s
}

// clean trims a cell's text and writes line breaks of Windows as \n.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSpace(strings.ReplaceAll(s, "\r", "\n"))
}

// spread fills every cell a merge covers with the merge's text and
// records its origin. merges are "A1:C3" ranges with their text.
func (g *grid) spread(merges [][2]string) {
	g.origin = map[pos]pos{}
	for _, m := range merges {
		c0, r0, err1 := excelize.CellNameToCoordinates(m[0])
		c1, r1, err2 := excelize.CellNameToCoordinates(m[1])
		if err1 != nil || err2 != nil || r1 < r0 || c1 < c0 || r1-r0 > maxRows || c1-c0 > maxColumns {
			continue
		}
		o := pos{r0 - 1, c0 - 1}
		text := g.cell(o.r, o.c)
		for r := r0 - 1; r < r1 && r < len(g.rows); r++ {
			for c := c0 - 1; c < c1 && c < maxColumns; c++ {
				for len(g.rows[r]) <= c {
					g.rows[r] = append(g.rows[r], "")
				}
				g.rows[r][c] = text
				if (pos{r, c}) != o {
					g.origin[pos{r, c}] = o
				}
			}
		}
	}
}
