#!/bin/sh
# Takes the screenshots of docs/screenshots/ from the real application.
#
# Usage: scripts/screenshots.sh [OUTDIR]      (make screenshots)
#
# It builds pingce, fills a demo database (pingce demo), and starts the app
# under Xvfb once per screen, in Chinese (LANG=zh_CN.UTF-8) with a light
# theme, in a throw-away HOME whose Fyne preferences already hold the unit
# and operator (so the first-start questions do not show). ImageMagick's
# `import` grabs the screen.
#
# Screens other than home are reached with PINGCE_SHOT, an environment
# variable meant for this script only (see showShot in app/gui.go):
#   PINGCE_SHOT=home            the assessment list (default)
#   PINGCE_SHOT=new             the new-assessment dialog
#   PINGCE_SHOT=settings        the settings dialog
#   PINGCE_SHOT=export          the report export dialog
#   PINGCE_SHOT=walk:ITEMID     the walk-through of the first editable
#                               assessment, at item ITEMID
#   PINGCE_SHOT=score           its score panel
#   PINGCE_SHOT=check           its submit check
# SHOT_DELAY (seconds, default 6) is how long to wait before grabbing.
set -eu

cd "$(dirname "$0")/.."
OUT=${1:-docs/screenshots}
DELAY=${SHOT_DELAY:-6}
W=1200
H=780

# Install what is missing (Debian/Ubuntu).
missing=""
command -v xvfb-run >/dev/null 2>&1 || missing="$missing xvfb xauth"
command -v import >/dev/null 2>&1 || missing="$missing imagemagick"
if [ -n "$missing" ]; then
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=sudo
	echo "installing:$missing"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
BIN="$TMP/pingce"
DB="$TMP/demo.db"
go build -o "$BIN" .
"$BIN" demo --db "$DB" --user 张三

PREFS="$TMP/home/.config/fyne/cn.pingce.desktop"
mkdir -p "$PREFS"
cat >"$PREFS/preferences.json" <<'JSON'
{"unit.name":"某某区公安分局","unit.type":"分县局","unit.superior":"某某市公安局","operator":"张三","theme.variant":"light"}
JSON

mkdir -p "$OUT"

# shot NAME SPEC: start the app on screen SPEC and save OUT/NAME.png.
shot() {
	echo "screenshot $1 ($2)"
	HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" LANG=zh_CN.UTF-8 LANGUAGE=zh_CN:zh \
		PINGCE_SHOT="$2" xvfb-run -a -s "-screen 0 ${W}x${H}x24" \
		sh -c '"$1" --db "$2" >/dev/null 2>&1 & pid=$!; sleep "$3"; import -window root "$4"; kill $pid; wait $pid || true' \
		shot "$BIN" "$DB" "$DELAY" "$OUT/$1.png"
}

shot home home
shot new-assessment new
shot settings settings
shot export export
# One item of each method of the reference catalog.
shot walk-check walk:A2.3
shot walk-levels walk:A1.1
shot walk-numeric walk:B1.2
shot walk-deduct walk:A1.3
shot walk-count walk:X1
shot walk-parts walk:D1.3
shot score score
shot submit-check check
echo "wrote $(ls "$OUT"/*.png | wc -l) screenshots to $OUT"
