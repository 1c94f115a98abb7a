// Package userfile reads and writes the files a user names on the command
// line or in a file dialog: catalogs, answers files and evidence coming in;
// reports, exports, evidence copies and backups going out.
//
// Reading goes through a size limit whatever the file says of itself (a
// device or a pipe reports a size of 0), so that no file can make Pingce
// use memory without end. Writing goes through a Guard: atomically (a
// temporary file in the same folder, synced, then renamed into place),
// created readable by the owner only, and never onto the database or one
// of its companion files, however the path is spelled.
package userfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"pingce/internal/domain"
)

// Problem codes of the errors of this package (domain.Problem.Code), with
// the names of their Args. The user interface writes each in the user's
// language.
const (
	ProbTooLarge  = "file.too_large"   // file, limit ("32 MiB")
	ProbProtected = "file.is_database" // file, database
)

// ReadFile reads the file at path, a kind of file ("catalog file", for
// messages), reading no more than limit bytes whatever its size says. A
// missing file is ENOTFOUND; a larger one ETOOLARGE (TooLarge).
func ReadFile(ctx context.Context, kind, path string, limit int64) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, domain.Errorf(domain.ENOTFOUND, "%s %s does not exist", kind, path)
	} else if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", kind, path, err)
	}
	defer f.Close()
	return Read(ctx, kind, path, f, limit)
}

// Read reads r, the file name of a kind (see ReadFile), to its end through
// limit: past limit bytes it stops and returns TooLarge. It stops too when
// ctx is cancelled. The size a file reports only sizes the buffer.
func Read(ctx context.Context, kind, name string, r io.Reader, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 && fi.Size() <= limit {
			buf.Grow(int(fi.Size()) + 1) // +1: ReadFrom sees the end without growing
		}
	}
	n, err := buf.ReadFrom(io.LimitReader(ctxReader{ctx, r}, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", kind, name, err)
	}
	if n > limit {
		return nil, TooLarge(kind, name, limit)
	}
	return buf.Bytes(), nil
}

// ctxReader stops reading when its context is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// TooLarge returns the ETOOLARGE error about the file name, a kind of file
// ("answers file"), that holds more than limit bytes. Its problem
// (ProbTooLarge) names the file and the limit.
func TooLarge(kind, name string, limit int64) error {
	size := FormatSize(limit)
	p := domain.NewProblem(ProbTooLarge, "the file is larger than {limit}, the most Pingce reads of it", "limit", size)
	p.File = name
	return &domain.Error{Code: domain.ETOOLARGE, Problems: []domain.Problem{p},
		Message: fmt.Sprintf("%s %s is larger than %s, the most Pingce reads of it", kind, name, size)}
}

// FormatSize writes a number of bytes for people: "32 MiB", "1.5 GiB",
// "512 bytes".
func FormatSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	f, i := float64(n), -1
	for f >= unit && i < 3 {
		f /= unit
		i++
	}
	s := fmt.Sprintf("%.1f", f)
	if f == float64(int64(f)) {
		s = fmt.Sprintf("%d", int64(f))
	}
	return s + " " + []string{"KiB", "MiB", "GiB", "TiB"}[i]
}
