#!/bin/sh
# Runs govulncheck over the module (or the packages given) when its
# vulnerability database answers, and otherwise prints one line saying it
# was skipped and why: the machines that build Pingce reach the Go module
# proxy but not vuln.go.dev, and a check that cannot run must not fail the
# build. Vulnerabilities found do fail it (exit 3).
#
# GOVULNDB picks the database: https://vuln.go.dev by default, or a copy on
# disk, file:///path/to/vulndb, which works offline — unzip
# https://vuln.go.dev/vulndb.zip there (govulncheck reads index/modules.json
# and ID/*.json from it). GOVULNCHECK_VERSION pins the tool, fetched through
# the module proxy only when the database answers.
set -eu
cd "$(dirname "$0")/.."
GO=${GO:-go}
DB=${GOVULNDB:-https://vuln.go.dev}
DB=${DB%/}
VERSION=${GOVULNCHECK_VERSION:-v1.9.0}
[ $# -gt 0 ] || set -- ./...

skip() {
	echo "govulncheck: skipped: $1 (set GOVULNDB=file:///path/to/vulndb to check against a copy on disk)"
	exit 0
}

case $DB in
file://*)
	dir=${DB#file://}
	[ -f "$dir/index/modules.json" ] || skip "$DB holds no vulnerability database (no index/modules.json)"
	;;
http://* | https://*)
	# govulncheck reads the .json.gz endpoints of a database served over HTTP.
	url=$DB/index/modules.json.gz
	if command -v curl >/dev/null 2>&1; then
		curl -fsSI --max-time 10 -o /dev/null "$url" 2>/dev/null || skip "the vulnerability database $DB does not answer from this machine"
	elif command -v wget >/dev/null 2>&1; then
		wget -q --spider --timeout=10 "$url" 2>/dev/null || skip "the vulnerability database $DB does not answer from this machine"
	else
		skip "neither curl nor wget is here to ask $DB whether it answers"
	fi
	;;
*)
	echo "govulncheck: GOVULNDB=$DB is neither an https:// nor a file:// URL" >&2
	exit 2
	;;
esac
exec $GO run "golang.org/x/vuln/cmd/govulncheck@$VERSION" -db "$DB" "$@"
