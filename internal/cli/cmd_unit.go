package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"pingce/internal/domain"
)

func init() {
	register(command{name: "unit add", args: "--name NAME --type TYPE [--superior NAME] [--code CODE]",
		summary: "store a unit (type: 市局, 分县局, 派出所 or 局直单位) and print its id", run: runUnitAdd})
	register(command{name: "unit list", args: "[--json]", summary: "list the stored units", run: runUnitList})
}

func runUnitAdd(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("unit add")
	var u domain.Unit
	fs.StringVar(&u.Name, "name", "", "unit name, such as 某某区公安分局")
	fs.StringVar(&u.Type, "type", "", "unit type: 市局, 分县局, 派出所 or 局直单位")
	fs.StringVar(&u.Superior, "superior", "", "name of the unit above")
	fs.StringVar(&u.Code, "code", "", "organisation code")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected %q", fs.Arg(0))
	}
	if u.Name == "" || u.Type == "" {
		return usageErrorf("--name and --type are required")
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		if err := s.Units.CreateUnit(ctx, &u); err != nil {
			return err
		}
		say(env.Stdout, "unit %d: %s (%s)\n", u.ID, u.Name, u.Type)
		return nil
	})
}

func runUnitList(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("unit list")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected %q", fs.Arg(0))
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		us, err := s.Units.ListUnits(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			type unitJSON struct {
				ID       int64  `json:"id"`
				Name     string `json:"name"`
				Type     string `json:"type"`
				Superior string `json:"superior,omitempty"`
				Code     string `json:"code,omitempty"`
			}
			out := make([]unitJSON, len(us))
			for i, u := range us {
				out[i] = unitJSON{u.ID, u.Name, u.Type, u.Superior, u.Code}
			}
			return emitJSON(env, out)
		}
		tw := newTabTable(env.Stdout)
		fmt.Fprintln(tw, "ID\tNAME\tTYPE\tSUPERIOR\tCODE")
		for _, u := range us {
			say(tw, "%d\t%s\t%s\t%s\t%s\n", u.ID, safeText(u.Name), safeText(u.Type), safeText(u.Superior), safeText(u.Code))
		}
		return tw.Flush()
	})
}

// emitJSON prints v as indented JSON.
func emitJSON(env *Env, v any) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
