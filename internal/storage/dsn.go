package storage

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"pingce/internal/domain"
)

// checkFilePath refuses an SQLite file name the driver would not take as a
// plain file: ":memory:" and the other in-memory or URI forms ("file:…"),
// whose data vanishes or goes elsewhere, and a name holding "?", which the
// driver reads as the start of its options (so "what?.db" opened the file
// "what"). what says which file it is in the message ("database",
// "backup").
func checkFilePath(what, path string) error {
	p := strings.TrimSpace(path)
	switch {
	case p == "":
		return domain.Errorf(domain.EINVALID, "the %s file needs a name", what)
	case p == ":memory:" || strings.HasPrefix(strings.ToLower(p), "file:"):
		return domain.Errorf(domain.EINVALID,
			"%q is not a file name (SQLite would keep the %s in memory or read it as a URI): give the path of a file", path, what)
	case strings.Contains(p, "?"):
		return domain.Errorf(domain.EINVALID,
			"the %s file name %q holds “?”, which SQLite reads as the start of options: rename the file or choose another name", what, path)
	case strings.ContainsRune(p, 0):
		return domain.Errorf(domain.EINVALID, "the %s file name holds a NUL character", what)
	}
	return nil
}

// libpqKeywords are the connection keywords of libpq that a keyword/value
// connection string starts with in practice.
var libpqKeywords = []string{"host", "hostaddr", "port", "dbname", "user", "password", "passfile",
	"sslmode", "connect_timeout", "application_name", "options", "service", "target_session_attrs"}

// isKeywordDSN reports whether s starts like a libpq keyword/value
// connection string: a connection keyword, optional spaces, "=", and holds
// a space (so that a file named "host=.db" stays a file). Such a
// string is never taken for a file name, even when the rest of it is
// malformed (the connection then fails with the reason, the password
// hidden).
func isKeywordDSN(s string) bool {
	s = strings.TrimLeft(s, " \t")
	i := strings.IndexAny(s, "= \t")
	if i <= 0 || !slices.Contains(libpqKeywords, s[:i]) {
		return false
	}
	return strings.HasPrefix(strings.TrimLeft(s[i:], " \t"), "=") && strings.ContainsAny(s, " \t")
}

// Redact returns dsn fit to show: a PostgreSQL connection URL or
// keyword/value string without its password (however it is quoted), an
// SQLite path as it is. A connection string that cannot be read is not
// shown at all.
func Redact(dsn string) string {
	if !IsPostgres(dsn) {
		return dsn
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return "postgres://(connection URL hidden: it cannot be read)"
		}
		q := u.Query()
		if q.Has("password") {
			q.Set("password", "xxxxx")
			u.RawQuery = q.Encode()
		}
		return u.Redacted()
	}
	kvs, err := parseKeywords(dsn)
	if err != nil {
		return "(connection string hidden: " + err.Error() + ")"
	}
	var b strings.Builder
	for i, kv := range kvs {
		if i > 0 {
			b.WriteByte(' ')
		}
		v := kv[1]
		if kv[0] == "password" {
			v = "xxxxx"
		}
		b.WriteString(kv[0] + "=" + quoteKeyword(v))
	}
	return b.String()
}

// dsnPassword returns the password dsn holds, "" when none.
func dsnPassword(dsn string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return ""
		}
		if p, ok := u.User.Password(); ok {
			return p
		}
		return u.Query().Get("password")
	}
	kvs, _ := parseKeywords(dsn)
	for _, kv := range kvs {
		if kv[0] == "password" {
			return kv[1]
		}
	}
	return ""
}

// redactErr returns err with the password of dsn hidden in its text: the
// driver quotes the connection string in some of its errors, hiding only
// the password's first word. A connection string that cannot be read at all
// is not quoted: the error says why instead.
func redactErr(dsn string, err error) error {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		if _, perr := url.Parse(dsn); perr != nil {
			return domain.Errorf(domain.EINVALID, "the connection URL cannot be read: write it as postgres://user:password@host:port/database, with special characters in the password %%-encoded")
		}
	} else if _, perr := parseKeywords(dsn); perr != nil {
		return domain.Errorf(domain.EINVALID, "the connection string cannot be read: %v", perr)
	}
	if pw := dsnPassword(dsn); pw != "" && strings.Contains(err.Error(), pw) {
		return errors.New(strings.ReplaceAll(err.Error(), pw, "xxxxx"))
	}
	return err
}

// parseKeywords reads a libpq keyword/value connection string: keyword =
// value pairs separated by spaces, a value either bare (up to the next
// space) or in single quotes, with \' and \\ escaped inside.
func parseKeywords(s string) ([][2]string, error) {
	var out [][2]string
	i := 0
	skip := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
	}
	for {
		skip()
		if i >= len(s) {
			return out, nil
		}
		start := i
		for i < len(s) && s[i] != '=' && s[i] != ' ' && s[i] != '\t' {
			i++
		}
		key := s[start:i]
		skip()
		if i >= len(s) || s[i] != '=' || key == "" {
			return out, fmt.Errorf("expected keyword=value near %q", key)
		}
		i++ // '='
		skip()
		var v strings.Builder
		if i < len(s) && s[i] == '\'' {
			i++
			closed := false
			for i < len(s) {
				c := s[i]
				if c == '\\' && i+1 < len(s) {
					v.WriteByte(s[i+1])
					i += 2
					continue
				}
				if c == '\'' {
					closed = true
					i++
					break
				}
				v.WriteByte(c)
				i++
			}
			if !closed {
				return out, fmt.Errorf("the quoted value of %s is not closed", key)
			}
		} else {
			for i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				v.WriteByte(s[i])
				i++
			}
		}
		out = append(out, [2]string{key, v.String()})
	}
}

// quoteKeyword writes a keyword value so that parseKeywords reads it back.
func quoteKeyword(v string) string {
	if v != "" && !strings.ContainsAny(v, " \t\n\r'\\") {
		return v
	}
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}
