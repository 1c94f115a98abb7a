package review

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
	"pingce/internal/ui/opener"
)

// openFile opens one of the unit's evidence files with the system's
// program: a copy in a private temporary folder under a clean name. Types
// that could run something (domain.OpensSafely) are not opened.
func (s *Screen) openFile(e domain.Evidence) {
	name, err := domain.CleanFileName(e.Name)
	if err != nil || !domain.OpensSafely(name) {
		s.status.SetText(fmt.Sprintf(lang.L("%s is not opened here: files of this type could run a program."), domain.QuoteText(e.Name)))
		return
	}
	var path string
	s.deps.Tasks.Run(func(ctx context.Context) error {
		dir, err := os.MkdirTemp("", "pingce-review-")
		if err != nil {
			return fmt.Errorf("open %s: %w", e.Name, err)
		}
		path = filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("open %s: %w", e.Name, err)
		}
		err = domain.CopyEvidence(ctx, f, s.deps.Evidence, e.ID) // streamed, never whole in memory
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}, func(err error) {
		if err != nil {
			s.status.SetText(err.Error())
			return
		}
		if s.deps.Window != nil {
			opener.For(s.deps.Window).OpenFile(path, nil)
		}
	})
}
