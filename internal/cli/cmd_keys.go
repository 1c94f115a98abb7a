package cli

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"strings"

	"pingce/internal/exchange"
)

func init() {
	register(command{name: "keys show", args: "",
		summary: "this database's public key line and fingerprint (made on first use), to give to the other side", run: runKeysShow})
	register(command{name: "keys list", args: "",
		summary: "the keys this side trusts, by unit", run: runKeysList})
	register(command{name: "keys trust", args: "--unit NAME KEYLINE",
		summary: "trust a unit's key (compare its fingerprint by phone first); another key of a known unit needs the admin role", run: runKeysTrust})
	register(command{name: "keys remove", args: "FINGERPRINT",
		summary: "forget a trusted key (admin)", run: runKeysRemove})
}

// exchangeStore returns the services' exchange store, or an error when the
// backend has none.
func exchangeStore(s *Services) (exchange.Store, error) {
	if s.Exchange == nil {
		return nil, fmt.Errorf("this database cannot exchange packages (a wiring error)")
	}
	return s.Exchange, nil
}

func runKeysShow(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("keys show")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageErrorf("keys show takes no arguments")
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		x, err := exchangeStore(s)
		if err != nil {
			return err
		}
		key, err := x.OwnKey(ctx)
		if err != nil {
			return err
		}
		pub := key.Public().(ed25519.PublicKey)
		say(env.Stdout, "public key:  %s\nfingerprint: %s\n", exchange.KeyLine(pub), exchange.Fingerprint(pub))
		return nil
	})
}

func runKeysList(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("keys list")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageErrorf("keys list takes no arguments")
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		x, err := exchangeStore(s)
		if err != nil {
			return err
		}
		keys, err := x.TrustedKeys(ctx)
		if err != nil {
			return err
		}
		t := newTable([]string{"UNIT", "FINGERPRINT", "ADDED BY", "ADDED AT"})
		for _, k := range keys {
			t.row(safeText(k.Unit), k.Fingerprint, safeText(k.AddedBy), k.AddedAt)
		}
		return t.write(env.Stdout)
	})
}

func runKeysTrust(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("keys trust")
	unit := fs.String("unit", "", "the unit whose key it is, as its packages name it")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*unit) == "" || fs.NArg() == 0 {
		return usageErrorf("give --unit NAME and the key line (pingce-ed25519 …)")
	}
	pub, err := exchange.ParseKeyLine(strings.Join(fs.Args(), " "))
	if err != nil {
		return err
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		x, err := exchangeStore(s)
		if err != nil {
			return err
		}
		if err := x.TrustKey(ctx, strings.TrimSpace(*unit), pub); err != nil {
			return err
		}
		say(env.Stdout, "trusted the key %s for %s\n", exchange.Fingerprint(pub), strings.TrimSpace(*unit))
		return nil
	})
}

func runKeysRemove(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlagSet("keys remove")
	if err := parseFlagsAnywhere(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || !exchange.ValidFingerprint(fs.Arg(0)) {
		return usageErrorf("give one fingerprint (as pingce keys list shows it)")
	}
	return withStore(ctx, env, func(ctx context.Context, s *Services) error {
		x, err := exchangeStore(s)
		if err != nil {
			return err
		}
		if err := x.RemoveKey(ctx, fs.Arg(0)); err != nil {
			return err
		}
		say(env.Stdout, "removed the key %s\n", fs.Arg(0))
		return nil
	})
}
