// Package cli is Pingce's command line: "pingce COMMAND [ARGS]". The
// commands work on the domain's interfaces; app hands them a Backend that
// opens the database, so this package never sees how data is stored.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"pingce/internal/domain"
)

// Env is what a command runs with: its streams and the global settings.
// Tests build one with buffers in place of the terminal.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// DB is the database: a file path or a postgres:// URL. Empty means the
	// default file in the user's data folder. Set by --db or PINGCE_DB.
	DB string
	// User is the operator's name recorded as "who" of changes. Set by
	// --user or PINGCE_USER; defaults to the login name.
	User string
	// Roles are the operator's roles, comma separated ("staff,reviewer");
	// empty for every role. Set by --roles or PINGCE_ROLES.
	Roles string
	// Role is the one role the operator acts in for this command: unit
	// (staff), reviewer or admin; empty for all the roles they hold. Set
	// by --role or PINGCE_ROLE; it must be one of the roles they hold.
	Role string
	// Getenv reads the environment; tests replace it.
	Getenv func(string) string
	// Backend opens the database for the commands that need one.
	Backend Backend
	// Version is what "pingce version" prints after the program name.
	Version string
}

// command is one CLI command, such as "catalog list".
type command struct {
	name    string // words after "pingce", space separated: "catalog list"
	args    string // argument synopsis: "[--json] FILE…"
	summary string // one line, shown by "pingce help"
	run     func(ctx context.Context, env *Env, args []string) error
}

var commands = map[string]command{}

// register adds a command; files of this package call it from init.
func register(c command) {
	if _, dup := commands[c.name]; dup {
		panic("cli: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// errUsage marks a usage error: exit code 2 and the command's synopsis.
var errUsage = errors.New("usage")

// usageErrorf returns a usage error with a message.
func usageErrorf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

// errSilent is returned by commands that already printed what went wrong
// (such as a list of problems) and only need exit code 1.
var errSilent = errors.New("failed")

// newFlagSet returns a flag set for a command with the global flags --db and
// --user bound to env.
func (env *Env) newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(strings.TrimSpace("pingce "+name), flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	env.BindFlags(fs)
	fs.StringVar(&env.Roles, "roles", env.Roles, "the operator's roles: staff, reviewer, admin, comma separated (default: PINGCE_ROLES, else all)")
	fs.StringVar(&env.Role, "role", env.Role, "act in one of your roles: unit, reviewer or admin (default: PINGCE_ROLE, else all you hold)")
	return fs
}

// BindFlags adds the global flags --db and --user, bound to env.DB and
// env.User, to fs. The window's command line ("pingce --db FILE") takes the
// same two.
func (env *Env) BindFlags(fs *flag.FlagSet) {
	fs.StringVar(&env.DB, "db", env.DB, "database file or postgres:// URL (default: PINGCE_DB, else the user data folder)")
	fs.StringVar(&env.User, "user", env.User, "operator name recorded with changes (default: PINGCE_USER, else the login name)")
}

// parseFlags parses args with fs and turns flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errSilent
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}

// Context returns parent carrying the operator as the domain user who
// makes every change a command asks for: the name of --user or PINGCE_USER
// (else the login name), which must be a valid name (domain.ValidName),
// and the roles of --roles or PINGCE_ROLES. Without them the operator
// holds every role, as the keeper of a single-user database file does all
// the jobs; the commands that open a database give them the roles of its
// profile instead, when it has one (see withStore). The user is bound to
// no unit.
func (env *Env) Context(parent context.Context) (context.Context, error) {
	name := strings.TrimSpace(env.User)
	if err := domain.ValidName(name); err != nil {
		return nil, domain.Errorf(domain.EINVALID, "who is working? %s: give your name with --user NAME or PINGCE_USER", describe(err))
	}
	roles := slices.Clone(domain.Roles)
	if env.rolesGiven() {
		var err error
		if roles, err = domain.ParseRoles(env.Roles); err != nil {
			return nil, domain.Errorf(domain.EINVALID, "--roles %q: %s", env.Roles, describe(err))
		}
	}
	if env.Role != "" {
		r, err := env.actingRole()
		if err != nil {
			return nil, err
		}
		if !slices.Contains(roles, r) {
			return nil, domain.Errorf(domain.EFORBIDDEN, "--role %s: your roles (%s) do not include it", env.Role, env.Roles)
		}
		roles = []domain.Role{r}
	}
	return domain.WithUser(parent, domain.User{Name: name, Roles: roles}), nil
}

// actingRole reads --role: unit (or staff), reviewer or admin.
func (env *Env) actingRole() (domain.Role, error) {
	switch r := strings.TrimSpace(env.Role); r {
	case "unit", string(domain.RoleStaff):
		return domain.RoleStaff, nil
	case string(domain.RoleReviewer), string(domain.RoleAdmin):
		return domain.Role(r), nil
	default:
		return "", domain.Errorf(domain.EINVALID, "--role %q: give unit, reviewer or admin", env.Role)
	}
}

// rolesGiven reports whether --roles or PINGCE_ROLES names the roles.
func (env *Env) rolesGiven() bool { return strings.TrimSpace(env.Roles) != "" }

// Run runs the command named by the leading words of args and returns the
// exit code: 0 on success, 1 on failure, 2 on a usage error.
func Run(ctx context.Context, env *Env, args []string) int {
	c, rest, ok := lookup(args)
	if !ok {
		say(env.Stderr, "pingce: unknown command %q\n\n", strings.Join(args, " "))
		printHelp(env.Stderr, "")
		return 2
	}
	err := c.run(ctx, env, rest)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		say(env.Stderr, "pingce %s: %v\nusage: pingce %s %s\n", c.name,
			strings.TrimPrefix(err.Error(), errUsage.Error()+": "), c.name, c.args)
		return 2
	case errors.Is(err, errSilent):
		return 1
	default:
		say(env.Stderr, "pingce %s: %v\n", c.name, describe(err))
		for _, p := range domain.ErrorProblems(err) {
			say(env.Stderr, "  %s\n", p)
		}
		return 1
	}
}

// describe gives the message of an application error, or the error itself.
func describe(err error) string {
	var e *domain.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

// lookup finds the longest command name that prefixes args.
func lookup(args []string) (command, []string, bool) {
	for n := min(len(args), 3); n > 0; n-- {
		if c, ok := commands[strings.Join(args[:n], " ")]; ok {
			return c, args[n:], true
		}
	}
	return command{}, nil, false
}

// CommandFirst reads args that start with global flags and go on with a
// command ("--db FILE db path") and returns them with the command words
// first ("db path --db FILE"), which every command parses, and true. It
// returns false when args name no command after the global flags --db,
// --user and --roles: then they are the window's ("pingce --db FILE").
func CommandFirst(args []string) ([]string, bool) {
	i := 0
	for i < len(args) && len(args[i]) > 1 && args[i][0] == '-' {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		switch {
		case name != "db" && name != "user" && name != "roles" && name != "role":
			return nil, false
		case hasValue:
			i++
		default:
			i += 2
		}
	}
	if i == 0 || i >= len(args) {
		return nil, false
	}
	_, rest, ok := lookup(args[i:])
	if !ok {
		return nil, false
	}
	words := args[i : len(args)-len(rest)]
	return slices.Concat(words, args[:i], rest), true
}

// printHelp lists the commands, all of them or those under a group.
func printHelp(w io.Writer, group string) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		if group == "" || n == group || strings.HasPrefix(n, group+" ") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	fmt.Fprintln(w, "评测通 Pingce — self-assessment against evaluation catalogs.")
	fmt.Fprintln(w, "Usage: pingce                 open the window")
	fmt.Fprintln(w, "       pingce COMMAND [ARGS]  run a command:")
	sayln(w)
	for _, n := range names {
		c := commands[n]
		syn := strings.TrimSpace(n + " " + c.args)
		say(w, "  pingce %s\n      %s\n", syn, c.summary)
	}
	sayln(w)
	fmt.Fprintln(w, "Every command takes --db PATH|postgres://… (or PINGCE_DB), --user NAME (or PINGCE_USER)")
	fmt.Fprintln(w, "and --roles staff,reviewer,admin (or PINGCE_ROLES; default: the database profile's, else all);")
	fmt.Fprintln(w, "--role unit|reviewer|admin (or PINGCE_ROLE) acts in one of those roles only, and the audit trail records it.")
	fmt.Fprintln(w, "File formats: docs/formats.md. Exit codes: 0 success, 1 failure, 2 usage error.")
}

func init() {
	register(command{name: "help", args: "[COMMAND]", summary: "show this help",
		run: func(_ context.Context, env *Env, args []string) error {
			printHelp(env.Stdout, strings.Join(args, " "))
			return nil
		}})
	register(command{name: "version", summary: "print the version",
		run: func(_ context.Context, env *Env, _ []string) error {
			say(env.Stdout, "pingce %s\n", env.Version)
			return nil
		}})
}
