package storage

import (
	"fmt"
	"slices"
	"strings"
)

// DumpForTest returns every row of every table as text, sorted, for tests
// that check a refused change left the database as it was.
func DumpForTest(s *Store) ([]string, error) {
	tables, err := s.db.Migrator().GetTables()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range tables {
		if strings.HasPrefix(t, "sqlite_") {
			continue
		}
		rows, err := s.db.Raw("SELECT * FROM " + t).Rows()
		if err != nil {
			return nil, err
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, err
			}
			var b strings.Builder
			b.WriteString(t)
			for i, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, " %s=%v", cols[i], v)
			}
			out = append(out, b.String())
		}
		rows.Close()
	}
	slices.Sort(out)
	return out, nil
}
