#!/bin/sh
# Measures the real application with a 2,000-item assessment open: the time
# from the open request to the first item on screen, the longest time the UI
# goroutine did not answer during a series of interactions, and the resident
# memory. The figures go into docs/performance.md ("## GUI").
#
# Usage: scripts/perfprobe.sh [RUNS] [OUTDIR]
#
# It builds pingce, writes a 2,000-item catalog (100 categories of 20 items,
# check and levels items alternating, like storagetest.BigCatalog) and an
# answers file with every other item answered, stores them with the
# commands, and starts the app under Xvfb RUNS times (default 3), opened at
# the walk-through of that assessment (PINGCE_SHOT=walk:ITEM), each run on a
# fresh copy of the database. With
# PINGCE_PROBE=1 the app prints "probe: …" lines to stderr (app/gui_shot.go):
#   walk first item shown in N ms     open request → first frame with the item
#   WHAT: N steps on the UI goroutine  time of each scripted interaction there
#   PHASE: UI stall median/p95/max     how long a fyne.DoAndWait, posted every
#                                      5 ms, waited (events, layout and painting)
#   memory …: VmRSS, VmHWM, RssAnon, RssFile and the Go runtime's figures
# It drives next item (PageDown), answering, the tree filter, scrolling the
# tree from top to bottom and the score tab itself; during its "wheel" phase
# this script scrolls the tree with the real mouse wheel (xdotool); then it
# idles 75 s (Fyne keeps the textures of drawn text for a minute), changes
# the view once and runs the window's housekeeping (app/memory.go). The
# script reads /proc/PID/status and smaps (the software renderer's share)
# after the view shows and at the end, and grabs the
# screen to OUTDIR/perfprobe-N.png (default: a temporary folder, kept).
# PINGCE_PROBE_PROFILE=DIR makes the app write a CPU profile of the run and
# heap profiles to DIR (go tool pprof).
set -eu

cd "$(dirname "$0")/.."
RUNS=${1:-3}
OUT=${2:-$(mktemp -d /tmp/pingce-perfprobe.XXXXXX)}
W=1200
H=780
ITEMS=2000

missing=""
command -v xvfb-run >/dev/null 2>&1 || missing="$missing xvfb xauth"
command -v import >/dev/null 2>&1 || missing="$missing imagemagick"
command -v xdotool >/dev/null 2>&1 || missing="$missing xdotool"
if [ -n "$missing" ]; then
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=sudo
	echo "installing:$missing"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
BIN="$TMP/pingce"
echo "building"
go build ${GOFLAGS_PROBE:--tags "no_emoji probe"} -o "$BIN" .

# The catalog and the answers.
awk -v n=$ITEMS 'BEGIN {
	print "format: pingce/catalog@1"
	print "id: big"
	print "version: \"" n "\""
	print "title: 大目录（" n " 项）"
	print "total: " 10 * n
	print "unit_types: [市局, 分县局, 派出所, 局直单位]"
	print "grades:"
	print "  - {min: " 9 * n ", grade: 优秀}"
	print "  - {min: 0, grade: 合格}"
	print "categories:"
	for (i = 0; i < n; i++) {
		if (i % 20 == 0) {
			print "  - id: C" i / 20
			print "    title: 类别 " i / 20
			print "    items:"
		}
		print "      - id: I" i
		print "        title: 指标 " i "：按要求落实各项工作"
		print "        requirement: 按要求落实各项工作，材料齐全，台账规范"
		print "        max: 10"
		if (i % 2 == 0) {
			print "        method: check"
		} else {
			print "        method: levels"
			print "        levels:"
			print "          - {label: 好, points: 10}"
			print "          - {label: 中, points: 5}"
			print "          - {label: 差, points: 0}"
		}
	}
}' >"$TMP/big.yaml"
awk -v n=$ITEMS 'BEGIN {
	print "format: pingce/answers@1"
	print "catalog: big@" n
	print "unit: {name: 某某区公安分局, type: 分县局}"
	print "round: 2026-Q3"
	print "answers:"
	for (i = 0; i < n; i += 2) {
		if (i % 4 == 0) print "  I" i ": {met: true, note: 见台账第 " i " 页}"
		else print "  I" i ": {met: false}"
	}
}' >"$TMP/answers.yaml"

DB="$TMP/probe.db"
export PINGCE_DB="$DB" PINGCE_USER=张三
P=$BIN
# The demo gives the database its profile (own unit 某某区公安分局 and the
# operator), so that the window opens without asking who is working.
$P demo >/dev/null
unit=$($P unit list | awk 'NR == 2 { print $1 }')
aid=$($P assessment new --unit "$unit" --round 2026-Q3 --catalog "$TMP/big.yaml" | sed -n 's/^assessment \([0-9]*\):.*/\1/p')
$P answers import --assessment "$aid" "$TMP/answers.yaml" >/dev/null
$P assessment show "$aid" | sed -n '1,5p'

PREFS="$TMP/home/.config/fyne/cn.pingce.desktop"
mkdir -p "$PREFS"
cat >"$PREFS/preferences.json" <<'JSON'
{"theme.variant":"light"}
JSON

# The part run inside Xvfb: start the app, wait for its phases, scroll the
# tree with the wheel, read the memory, grab the screen.
cat >"$TMP/inside.sh" <<'EOS'
BIN=$1 DB=$2 LOG=$3 PNG=$4
PINGCE_DB="$DB" "$BIN" 2>"$LOG" >/dev/null &
pid=$!
wait_for() { # wait_for PATTERN SECONDS
	i=0
	while ! grep -q "$1" "$LOG" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt $(($2 * 10)) ] && { echo "timed out waiting for $1" >&2; return 1; }
		sleep 0.1
	done
}
mem() {
	echo "probe-script: $1: $(grep -E '^(VmRSS|VmHWM|RssAnon|RssFile)' /proc/$pid/status | tr -s '\t ' ' ' | paste -sd, -)" >>"$LOG.script"
	# The software OpenGL of Xvfb (Mesa llvmpipe) maps LLVM and the swrast
	# driver; a machine with a graphics driver does not.
	echo "probe-script: $1: of which software renderer libraries $(awk '/^[0-9a-f]+-[0-9a-f]+ /{lib=($6 ~ /libLLVM|swrast|dri/)} /^Rss:/{if (lib) s+=$2} END{print s " kB"}' /proc/$pid/smaps)" >>"$LOG.script"
	# The largest mappings, to see where the rest is.
	echo "probe-script: $1: largest mappings (kB): $(awk '/^[0-9a-f]+-[0-9a-f]+ /{n=($6 == "" ? "[anon]" : $6); sub(/.*\//, "", n)} /^Rss:/{r[n]+=$2} END{for (k in r) print r[k], k}' /proc/$pid/smaps | sort -rn | head -12 | paste -sd, -)" >>"$LOG.script"
}
if wait_for "memory after the view shows" 60; then
	mem "after the view shows (from /proc/$pid/status)"
fi
if wait_for "wheel: scroll now" 120; then
	xdotool mousemove 200 400
	for i in $(seq 1 60); do xdotool click --repeat 5 --delay 15 5; done
	for i in $(seq 1 60); do xdotool click --repeat 5 --delay 15 4; done
fi
wait_for "probe: done" 120 || true
mem "after scrolling (from /proc/$pid/status)"
import -window root "$PNG"
kill $pid
wait $pid || true
EOS

for run in $(seq 1 "$RUNS"); do
	echo "run $run"
	# Every run starts from the same answers (the probe answers items).
	rm -f "$TMP/run.db"*
	for f in "$DB"*; do cp "$f" "$TMP/run.db${f#"$DB"}"; done
	HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" LANG=zh_CN.UTF-8 LANGUAGE=zh_CN:zh \
		PINGCE_SHOT=walk:I1001 PINGCE_PROBE=1 PINGCE_PROBE_PROFILE=${PINGCE_PROBE_PROFILE:-} xvfb-run -a -s "-screen 0 ${W}x${H}x24" \
		sh "$TMP/inside.sh" "$BIN" "$TMP/run.db" "$OUT/perfprobe-$run.log" "$OUT/perfprobe-$run.png"
	grep -hE '^probe' "$OUT/perfprobe-$run.log" "$OUT/perfprobe-$run.log.script" | sed 's/^/  /'
done
echo "logs and screenshots in $OUT"
