#!/bin/sh
# Checks that the import graph keeps the layout of README.md ("Layout"):
#
#   1. internal/domain imports the standard library only;
#   2. only app, and internal/storage's own packages, import
#      internal/storage: the rest sees the domain's interfaces;
#   3. internal/cli, internal/demo and internal/ui/... depend on no
#      storage, GORM or database driver, not even through another package.
#
# The rules hold for the program's code. Tests may open a real store
# through internal/storage/storagetest, so test imports are not checked.
# Prints every breach and exits 1 when there is one (make graph-check).
set -eu
cd "$(dirname "$0")/.."
GO=${GO:-go}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# 1. Every non-standard package the domain depends on, but itself.
$GO list -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' ./internal/domain |
	awk '$1 != "pingce/internal/domain" { print "pingce/internal/domain depends on " $1 ": the domain uses the standard library only" }' >>"$tmp"

# 2. Direct importers of internal/storage.
$GO list -f '{{$p := .ImportPath}}{{range .Imports}}{{$p}} {{.}}{{"\n"}}{{end}}' ./... |
	awk '$2 == "pingce/internal/storage" && $1 != "pingce/app" && $1 !~ /^pingce\/internal\/storage(\/|$)/ {
		print $1 " imports pingce/internal/storage: only app opens storage; take the domain interfaces instead" }' >>"$tmp"

# 3. Storage, GORM or a database driver anywhere below the CLI, the demo
# generator or a screen: one line per package, naming storage when it is
# among the dependencies, else the first other.
$GO list -f '{{$p := .ImportPath}}{{range .Deps}}{{$p}} {{.}}{{"\n"}}{{end}}' ./internal/cli/... ./internal/demo/... ./internal/ui/... |
	awk '$2 ~ /^pingce\/internal\/storage(\/|$)/ { if (!(($1) in bad) || bad[$1] !~ /^pingce/) bad[$1] = $2; next }
		$2 ~ /^(gorm\.io\/|github\.com\/glebarez\/|github\.com\/jackc\/|modernc\.org\/)/ { if (!(($1) in bad)) bad[$1] = $2 }
		END { for (p in bad) print p " depends on " bad[p] ": the CLI, the demo and the UI see the domain interfaces only" }' |
	sort >>"$tmp"

if [ -s "$tmp" ]; then
	echo "graph-check: the import graph breaks the layout (README.md, Layout):" >&2
	sed 's/^/  /' "$tmp" >&2
	exit 1
fi
echo "graph-check: ok"
