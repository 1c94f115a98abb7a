// Package app is Pingce's composition root: it reads flags and
// configuration, opens the store, and starts either the window or the
// command line (internal/cli). Only this package creates the Fyne
// application and opens internal/storage.
package app

import (
	"context"
	"os"
	"os/signal"
	"os/user"
	"strings"

	"pingce/internal/buildinfo"
	"pingce/internal/cli"
)

// Main runs Pingce with the given arguments (without the program name) and
// returns the process exit code.
func Main(args []string) int {
	if len(args) > 0 && isGUIFlag(args[0]) {
		cmd, ok := cli.CommandFirst(args) // "pingce --db FILE db path" is a command
		if !ok {
			return runGUI(args)
		}
		args = cmd
	}
	if len(args) == 0 {
		return runGUI(args)
	}
	attachConsole()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return cli.Run(ctx, newEnv(), args)
}

// isGUIFlag reports whether the first argument is a flag rather than a
// command: "pingce --db FILE" opens the window on that database.
func isGUIFlag(a string) bool {
	return len(a) > 1 && a[0] == '-' && a != "-h" && a != "--help" && a != "-help"
}

// newEnv returns the settings and streams of a real process: the database
// from PINGCE_DB, the operator from PINGCE_USER (else the login name) with
// the roles of PINGCE_ROLES.
func newEnv() *cli.Env {
	env := &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Version: buildinfo.Get().String()}
	env.Backend = storeBackend{getenv: env.Getenv}
	env.DB = env.Getenv("PINGCE_DB")
	env.User = env.Getenv("PINGCE_USER")
	env.Roles = env.Getenv("PINGCE_ROLES")
	env.Role = env.Getenv("PINGCE_ROLE")
	if env.User == "" {
		env.User = firstNonEmpty(env.Getenv("USER"), env.Getenv("USERNAME"), accountName())
	}
	return env
}

// accountName returns the name of the operating system account running
// Pingce (without a Windows domain), or "" when it cannot be told: the
// login name when the environment lacks USER and USERNAME, as under a
// service or in a container.
func accountName() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	_, name, _ := strings.Cut(u.Username, `\`)
	if name == "" {
		name = u.Username
	}
	return name
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
