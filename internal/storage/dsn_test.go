package storage_test

import (
	"strings"
	"testing"

	"pingce/internal/storage"
)

// TestRedact checks that no part of a password survives, however the
// connection string quotes it.
func TestRedact(t *testing.T) {
	for _, tc := range []struct{ name, dsn, want, secret string }{
		{"URL", "postgres://pingce:s3cret@db1:5432/pingce?sslmode=disable",
			"postgres://pingce:xxxxx@db1:5432/pingce?sslmode=disable", "s3cret"},
		{"URLQueryPassword", "postgresql://db1/pingce?user=pingce&password=top+secret",
			"postgresql://db1/pingce?password=xxxxx&user=pingce", "secret"},
		{"URLEscapedSpace", "postgres://pingce:two%20words@db1/pingce", "postgres://pingce:xxxxx@db1/pingce", "words"},
		{"KeywordBare", "host=db1 user=pingce password=s3cret dbname=pingce",
			"host=db1 user=pingce password=xxxxx dbname=pingce", "s3cret"},
		{"KeywordQuotedSpace", "host=db1 password='two words' dbname=pingce",
			"host=db1 password=xxxxx dbname=pingce", "words"},
		{"KeywordEscapedQuote", `host=db1 password='it\'s secret' user=pingce`,
			"host=db1 password=xxxxx user=pingce", "secret"},
		{"KeywordSpacesAroundEquals", "host = db1 password = 'a b c' user=x", "host=db1 password=xxxxx user=x", "b c"},
		{"KeywordUnclosedQuote", "host=db1 password='never closed user=x",
			"(connection string hidden: the quoted value of password is not closed)", "never"},
		{"SQLitePath", "/home/张三/pingce.db", "/home/张三/pingce.db", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := storage.Redact(tc.dsn)
			if got != tc.want {
				t.Errorf("Redact(%q) = %q, want %q", tc.dsn, got, tc.want)
			}
			if tc.secret != "" && strings.Contains(got, tc.secret) {
				t.Errorf("Redact(%q) = %q still shows %q", tc.dsn, got, tc.secret)
			}
		})
	}
}

// FuzzRedact checks that Redact never panics and never shows a password
// given in a keyword/value string.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{"host=db1 password='a b' user=x", `password='\'' user=x`, "host=h password=p",
		"postgres://u:p@h/d", "host= password= "} {
		f.Add(s, "geheim word")
	}
	f.Fuzz(func(t *testing.T, dsn, pw string) {
		_ = storage.Redact(dsn)
		if strings.ContainsAny(pw, "'\\") || strings.TrimSpace(pw) == "" || len(pw) < 3 || strings.Contains("host=db1 user=pingce password=xxxxx", pw) {
			return
		}
		quoted := "host=db1 user=pingce password='" + pw + "'"
		if got := storage.Redact(quoted); strings.Contains(got, pw) {
			t.Errorf("Redact(%q) = %q shows the password", quoted, got)
		}
	})
}

// TestOpen_PostgresErrorsHidePasswords opens PostgreSQL with connection
// strings that fail: no error may show any part of the password.
func TestOpen_PostgresErrorsHidePasswords(t *testing.T) {
	for _, dsn := range []string{
		"host=127.0.0.1 port=1 user=nobody password='wrong secretword' dbname=x sslmode=disable connect_timeout=1",
		"host=127.0.0.1 port=1 user=nobody password='wrong secretword dbname=x",
		"postgres://nobody:wrong%20secretword@127.0.0.1:1/x?sslmode=disable&connect_timeout=1",
		"postgres://nobody:wrong secretword@127.0.0.1:1/x%zz",
	} {
		s, err := storage.Open(ctx, dsn)
		if err == nil {
			s.Close()
			t.Fatalf("Open(%q) succeeded", dsn)
		}
		if strings.Contains(err.Error(), "secretword") {
			t.Errorf("Open error shows the password: %v", err)
		}
	}
}
