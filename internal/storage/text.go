package storage

import (
	"reflect"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"pingce/internal/domain"
)

// Text that no database can keep — invalid UTF-8 or a NUL character — is
// refused before it is written, the same way on SQLite (which would store
// it) and PostgreSQL (which fails with a raw SQLSTATE 22021): EINVALID with
// a domain.ProbBadText problem naming the column. The services check their
// input with the domain's rules first, with messages that name the field as
// the user knows it; the GORM callbacks below guard every write that gets
// past them, whatever path it takes (a row created or saved, a map of
// columns updated, raw SQL), so that no text reaches the database
// unchecked.

// goodText reports whether a database can keep s.
func goodText(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// badTextError is the refusal of a text no database keeps; field names it.
func badTextError(field string) error {
	p := domain.NewProblem(domain.ProbBadText, "{field} is not valid text (UTF-8 without NUL characters)", "field", field)
	return &domain.Error{Code: domain.EINVALID, Message: p.Msg, Problems: []domain.Problem{p}}
}

// registerTextGuard makes every create, update and raw statement of db
// check its text first.
func registerTextGuard(db *gorm.DB) error {
	cb := db.Callback()
	if err := cb.Create().Before("gorm:create").Register("pingce:text", guardText); err != nil {
		return err
	}
	if err := cb.Update().Before("gorm:update").Register("pingce:text", guardText); err != nil {
		return err
	}
	return cb.Raw().Before("gorm:raw").Register("pingce:text", guardText)
}

// guardText is the callback: it fails the statement when a text it would
// write is bad.
func guardText(db *gorm.DB) {
	if db.Error != nil || db.Statement == nil {
		return
	}
	if field, bad := badText(db.Statement); bad {
		_ = db.AddError(badTextError(field))
	}
}

// badText finds a text the statement would write that no database keeps,
// and returns its column ("a value" for raw SQL).
func badText(st *gorm.Statement) (string, bool) {
	switch m := st.Dest.(type) {
	case map[string]any:
		for k, v := range m {
			if !textOK(v) {
				return k, true
			}
		}
	case []map[string]any:
		for _, r := range m {
			for k, v := range r {
				if !textOK(v) {
					return k, true
				}
			}
		}
	}
	for _, v := range st.Vars {
		if !textOK(v) {
			return "a value", true
		}
	}
	if st.Schema == nil || !st.ReflectValue.IsValid() {
		return "", false
	}
	rv := reflect.Indirect(st.ReflectValue)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		for i := 0; i < rv.Len(); i++ {
			if f, bad := badField(st, st.Schema, reflect.Indirect(rv.Index(i))); bad {
				return f, true
			}
		}
	case reflect.Struct:
		return badField(st, st.Schema, rv)
	}
	return "", false
}

// badField checks the text columns of one row.
func badField(st *gorm.Statement, sch *schema.Schema, rv reflect.Value) (string, bool) {
	if rv.Kind() != reflect.Struct || rv.Type() != sch.ModelType {
		return "", false
	}
	for _, f := range sch.Fields {
		t := f.FieldType
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.String || f.DBName == "" {
			continue
		}
		v, zero := f.ValueOf(st.Context, rv)
		if !zero && !textOK(v) {
			return f.DBName, true
		}
	}
	return "", false
}

// textOK reports whether v, when it is text, is text a database keeps.
func textOK(v any) bool {
	switch s := v.(type) {
	case string:
		return goodText(s)
	case *string:
		return s == nil || goodText(*s)
	}
	return true
}

// isBadTextSQL reports whether err is PostgreSQL refusing text that is not
// valid in the database's encoding (SQLSTATE 22021, 22P05): the last net,
// for text in a query rather than a write.
func isBadTextSQL(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "SQLSTATE 22021") || strings.Contains(msg, "SQLSTATE 22P05")
}
