#!/bin/sh
# Takes the screenshots of docs/screenshots/ from the real application.
#
# Usage: scripts/screenshots.sh [BINARY] [OUTDIR]   (make screenshots)
#
# BINARY is a pingce built with -tags probe (default: build one; a release
# build has no screenshot harness and shows only home); OUTDIR defaults to
# docs/screenshots. It fills a demo database (pingce demo), and starts the app
# under Xvfb once per screen, in Chinese (LANG=zh_CN.UTF-8) with a light
# theme, in a throw-away HOME. The demo database holds the profile (the own
# unit and the operator), so the first-start questions show only for the
# first-start screenshot, which opens an empty database. ImageMagick's
# `import` grabs the screen.
#
# Screens other than home are reached with PINGCE_SHOT, an environment
# variable read only by a build with -tags probe (app/gui_shot.go), which
# drives the screens through their scripting interface (screen.Scripted):
#   PINGCE_SHOT=home            the assessment list (default)
#   PINGCE_SHOT=new             the new-assessment dialog
#   PINGCE_SHOT=settings        the settings dialog
#   PINGCE_SHOT=export          the report export dialog
#   PINGCE_SHOT=walk:ITEMID     the walk-through of the first editable
#                               assessment, at item ITEMID
#   PINGCE_SHOT=score           its score panel
#   PINGCE_SHOT=check           its submit check
#   PINGCE_SHOT=overview[:A=V;…] the bureau overview, then its actions
#                               (screen.Scripted) once the round loaded
#   PINGCE_SHOT=reviews         home with the 审核 area in front (reviewers)
#   PINGCE_SHOT=review[:A=V;…]  the review screen of the first submission
#                               listed, then its actions (item=ID,
#                               verdict=adjust, summary=)
#   PINGCE_SHOT=tasks[:A=V;…]   the 整改 board, then its actions once the
#                               register loaded (select=ID, detail=ID,
#                               filter=origin=提交包)
# SHOT_DELAY (seconds, default 6) is how long to wait before grabbing.
set -eu

cd "$(dirname "$0")/.."
BIN=""
if [ $# -gt 0 ] && [ -f "$1" ] && [ -x "$1" ]; then
	BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	shift
fi
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
DB="$TMP/demo.db"
if [ -z "$BIN" ]; then
	BIN="$TMP/pingce"
	go build -tags "no_emoji probe" -o "$BIN" .
fi
"$BIN" demo --db "$DB" --user 张三

PREFS="$TMP/home/.config/fyne/cn.pingce.desktop"
mkdir -p "$PREFS"
cat >"$PREFS/preferences.json" <<'JSON'
{"theme.variant":"light"}
JSON

mkdir -p "$OUT"

# A catalog file with mistakes, for the import problems.
cat >"$TMP/有误的指标.yaml" <<'YAML'
format: pingce/catalog@1
id: Bad Id
version: "1"
title: 有误的指标文件
total: 10
categories:
  - id: A
    title: 组织领导
    items:
      - {id: A1, title: 领导小组, max: 5, method: check, weight: 1}
YAML

# shot NAME SPEC [HOME [DB]]: start the app on screen SPEC and save OUT/NAME.png.
shot() {
	echo "screenshot $1 ($2)"
	home=${3:-$TMP/home}
	db=${4:-$DB}
	HOME="$home" XDG_CONFIG_HOME="$home/.config" LANG=zh_CN.UTF-8 LANGUAGE=zh_CN:zh \
		PINGCE_SHOT="$2" xvfb-run -a -s "-screen 0 ${W}x${H}x24" \
		sh -c '"$1" --db "$2" >/dev/null 2>&1 & pid=$!; sleep "$3"; import -window root "$4"; kill $pid; wait $pid || true' \
		shot "$BIN" "$db" "$DELAY" "$OUT/$1.png"
}

mkdir -p "$TMP/fresh"
shot first-start home "$TMP/fresh" "$TMP/fresh/empty.db"
shot home home
shot delete-draft delete
shot import-problems "import:$TMP/有误的指标.yaml"
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
# The bureau overview: a city bureau's 33 units over three rounds.
BUREAU="$TMP/bureau.db"
"$BIN" demo --bureau --db "$BUREAU" --user 刘建国 >/dev/null
shot overview overview "" "$BUREAU"
shot matrix "overview:tab=1;matrix-items=true" "" "$BUREAU"
shot trend "overview:unit=城关派出所" "" "$BUREAU"
shot targets "overview:targets=" "" "$BUREAU"
# The lead's review: the 审核 area, an item adjusted with the walk's answer
# widgets, the summary with 退回 / 审定.
shot review-area reviews "" "$BUREAU"
shot review-item "review:verdict=adjust" "" "$BUREAU"
shot review-summary "review:summary=" "" "$BUREAU"
# The 整改 board of the lead: the unit's entries arrive with its submission
# (［提交包］ at the end of their cards' titles), one of them applying for closure with a file
# whose name was cleaned; the details of that one.
U="--db $DB --user 张三"
"$BIN" task add $U --assessment 1 --item A1.2 --problem 联席会议记录不全，部分月份缺失 --measure 补齐会议纪要 --owner 张三 --due 2026-12-31 >/dev/null
"$BIN" task add $U --assessment 1 --problem 社区巡逻台账未按月归档 --measure 按月归档并专人管理 --owner 李四 --due 2026-07-10 >/dev/null
printf '%%PDF-1.4 纪要' >"$TMP/会议纪要<终稿>.pdf"
"$BIN" task update $U 1 --start >/dev/null
"$BIN" task update $U 1 --note 已补齐全部纪要 --attach "$TMP/会议纪要<终稿>.pdf" --apply >/dev/null
"$BIN" package export $U --assessment 1 -o "$TMP/sub.pingce" >/dev/null
"$BIN" package import --db "$BUREAU" --user 刘建国 "$TMP/sub.pingce" --trust-new >/dev/null
"$BIN" task add --db "$BUREAU" --user 刘建国 --assessment 1 --problem 治安防控视频监控覆盖率未达标 --measure 新增点位并联网 --owner 王五 --due 2026-09-30 >/dev/null
shot tasks tasks "" "$BUREAU"
shot task-detail "tasks:detail=1" "" "$BUREAU"
echo "wrote $(ls "$OUT"/*.png | wc -l) screenshots to $OUT"
