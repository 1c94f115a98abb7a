package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"pingce/internal/domain"
)

func init() {
	register(command{name: "evidence add", args: "--assessment ID --item ITEM FILE…",
		summary: "attach files to an item of an assessment (stored inside the database)", run: runEvidenceAdd})
	register(command{name: "evidence list", args: "--assessment ID [--item ITEM]",
		summary: "list the files attached to an assessment", run: runEvidenceList})
	register(command{name: "evidence get", args: "--id N -o FILE",
		summary: "write an attached file out of the database", run: runEvidenceGet})
}

func runEvidenceAdd(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("evidence add")
	id := fs.Int64("assessment", 0, "assessment id")
	item := fs.String("item", "", "item id, such as A1.1")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *id <= 0 || *item == "" || fs.NArg() == 0 {
		return usageErrorf("give --assessment ID, --item ITEM and at least one file")
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		for _, file := range fs.Args() {
			f, err := os.Open(file)
			if err != nil {
				return fmt.Errorf("read evidence: %w", err)
			}
			ev, err := s.Evidence.AddEvidence(ctx, *id, *item, filepath.Base(file), f)
			f.Close()
			if err != nil {
				return err
			}
			say(env.Stdout, "evidence %d: %s (%d bytes, %s) attached to item %s\n", ev.ID, ev.Name, ev.Size, ev.ShortHash(), ev.ItemID)
			if given := filepath.Base(file); ev.Name != given {
				say(env.Stderr, "note: %s is stored as %s (characters that hide or turn round what a name says, or that file systems refuse, became _)\n",
					given, ev.Name)
			}
		}
		return nil
	})
}

func runEvidenceList(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("evidence list")
	id := fs.Int64("assessment", 0, "assessment id")
	item := fs.String("item", "", "only this item")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *id <= 0 || fs.NArg() != 0 {
		return usageErrorf("give --assessment ID")
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		evs, err := s.Evidence.ListEvidence(ctx, *id, *item)
		if err != nil {
			return err
		}
		tw := newTabTable(env.Stdout)
		fmt.Fprintln(tw, "ID\tITEM\tNAME\tSIZE\tSHA256\tADDED BY\tADDED AT")
		for _, e := range evs {
			say(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%s\n", e.ID, safeText(e.ItemID), evidenceName(e), e.Size, e.ShortHash(), safeText(e.AddedBy),
				e.AddedAt.Local().Format("2006-01-02 15:04"))
		}
		return tw.Flush()
	})
}

func runEvidenceGet(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("evidence get")
	id := fs.Int64("id", 0, "evidence id (see pingce evidence list)")
	out := fs.String("o", "", "file to write")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if *id <= 0 || *out == "" || fs.NArg() != 0 {
		return usageErrorf("give --id N and -o FILE")
	}
	if err := env.checkOutputs(*out); err != nil {
		return err
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		// Opened first, so that a missing file writes nothing; then streamed
		// into the file a piece at a time (storage keeps contents in pieces).
		rc, err := domain.OpenEvidence(ctx, s.Evidence, *id)
		if err != nil {
			return err
		}
		defer rc.Close()
		if err := env.outputs().WriteFile(ctx, *out, func(w io.Writer) error { _, err := io.Copy(w, rc); return err }); err != nil {
			return fmt.Errorf("write evidence: %w", err)
		}
		return nil
	})
}

// evidenceName is how a list shows an evidence file: its stored name and,
// when it was stored cleaned, the name it was given, both escaped.
func evidenceName(e domain.Evidence) string {
	if e.OriginalName == "" {
		return safeText(e.Name)
	}
	return safeText(e.Name) + " (given as " + safeText(e.OriginalName) + ")"
}
