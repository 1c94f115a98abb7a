#!/usr/bin/env bash
# scripts/dist-check.sh — the slow checks of the release packages in dist/
# (`make dist-check`, after `make dist`). Not part of .ci/run.
#
#   deb      dpkg-deb -I/-c: control fields, Depends against what the binary
#            links, the exact payload, owners, modes, time stamps, md5sums;
#            desktop-file-validate; the MIME XML; the copyright file
#   smoke    the CLI of each Linux binary: version, catalog list, score of a
#            known answers file (exact figures), PDF and Excel report; the
#            arm64 binary runs under qemu-aarch64-static through binfmt
#   install  dpkg -i / dpkg -r / dpkg -i / dpkg -P of the amd64 .deb in a bare
#            Debian 12 root made with debootstrap
#   windows  the .zip's files; the .exe's PE headers and resources (version
#            strings, icon, manifest, GUI subsystem, no time stamp)
#   wine     the Windows CLI under Wine 10 in a Debian 13 root (Debian 12's
#            Wine 8 cannot run Go ≥ 1.23 binaries: bcryptprimitives.dll)
#   repro    a second `make dist` from a fresh clone gives the same SHA256SUMS
#
# DIST_CHECKS picks some ("deb smoke"), DIST_ARCHES some .debs ("arm64");
# PINGCE_ROOTS (default
# /var/tmp/pingce-roots) caches the debootstrapped roots between runs.
# The last line is "N passed, N failed"; the exit status is 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD

DIST=${DIST:-$top/dist}
CHECKS=${DIST_CHECKS:-deb smoke install windows wine repro}
ROOTS=${PINGCE_ROOTS:-/var/tmp/pingce-roots}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
APP_ID=cn.pingce.desktop
# The golden answers file and its score worked out by hand in
# internal/domain/golden_test.go (a 分县局 against the built-in reference
# catalog): the packaged binaries must give exactly these figures.
GOLDEN=internal/domain/testdata/demo-city-answers.yaml
GOLDEN_CATALOG=demo-city-ref
GOLDEN_FINAL=754.91
GOLDEN_GRADE=合格
. scripts/dist-lib.sh
PY=/usr/bin/python3

WORK=$(mktemp -d /tmp/pingce-dist-check.XXXXXX)
# unmount_under DIR unmounts what the checks mounted in the roots below DIR.
unmount_under() {
	awk -v d="$1/" 'index($2, d) == 1 {print $2}' /proc/mounts | sort -r | xargs -r -n1 $SUDO umount -l
}
cleanup() {
	unmount_under "$WORK"
	unmount_under "$ROOTS/trixie-wine"
	$SUDO rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT

pass=0 fail=0
ok() { pass=$((pass + 1)); printf 'ok    %s\n' "$*"; }
bad() { fail=$((fail + 1)); printf 'FAIL  %s\n' "$*"; }
# check NAME CMD… runs CMD and counts it; a failure prints CMD's output.
# CMD runs in a subshell with errexit really on: in an if condition bash
# would ignore set -e inside the check functions, and a failing command in
# their middle would pass unnoticed.
check() {
	local name=$1 out rc
	shift
	set +e
	out=$(set -e; "$@" 2>&1)
	rc=$?
	set -e
	if [ "$rc" = 0 ]; then ok "$name"; else
		bad "$name"
		printf '%s\n' "$out" | tail -25 | sed 's/^/      /'
	fi
}
# expect WANT GOT [WHAT] fails unless they are equal.
expect() { [ "$1" = "$2" ] || { echo "${3:-value}: want '$1', got '$2'"; return 1; }; }

[ -f "$DIST/SHA256SUMS" ] || { echo "dist-check: no $DIST/SHA256SUMS: run make dist first" >&2; exit 1; }
# DIST_CHECK_PDF=0 (dist-loong64.sh's root, where poppler's amd64 X
# libraries clash with the :loong64 ones) checks the PDF by its header only.
PDF=${DIST_CHECK_PDF:-1}
need desktop-file-utils unzip file binutils xz-utils python3
[ "$PDF" = 1 ] && need poppler-utils
case " $CHECKS " in *" windows "*) need python3-pefile ;; esac
check "SHA256SUMS matches the packages" sh -c "cd '$DIST' && sha256sum --quiet -c SHA256SUMS"

shopt -s nullglob
debs=$(cd "$DIST" && echo pingce_*_*.deb)
VERSION=$(cd "$DIST" && for f in pingce_*_*.deb pingce-*-windows-*.zip; do echo "$f"; done | head -1 |
	sed -E 's/^pingce[_-]([^_]+)[_-](amd64|arm64|loong64|windows).*/\1/')
[ -n "$VERSION" ] || { echo "dist-check: no packages in $DIST" >&2; exit 1; }

# ---- deb ---------------------------------------------------------------------

# The files every .deb holds, and nothing else.
payload_files() {
	local s
	printf '%s\n' ./usr/bin/pingce ./usr/share/applications/$APP_ID.desktop \
		./usr/share/mime/packages/$APP_ID.xml ./usr/share/doc/pingce/copyright ./usr/share/doc/pingce/FONTS.md
	for s in 16 24 32 48 64 128 256 512; do printf './usr/share/icons/hicolor/%sx%s/apps/%s.png\n' $s $s $APP_ID; done
}

check_fields() {
	local deb=$1 arch=$2 f
	f() { dpkg-deb -f "$deb" "$1"; }
	expect pingce "$(f Package)" Package
	expect "$VERSION" "$(f Version)" Version
	expect "$arch" "$(f Architecture)" Architecture
	expect utils "$(f Section)" Section
	expect optional "$(f Priority)" Priority
	[[ $(f Maintainer) =~ ^[^\<]+\ \<[^@\>]+@[^\>]+\>$ ]] || { echo "Maintainer '$(f Maintainer)' is not 'Name <mail>'"; return 1; }
	[[ $(f Description | head -1) == *评测通* ]] || { echo "Description synopsis lacks 评测通"; return 1; }
	[ "$(f Description | wc -l)" -ge 3 ] || { echo "Description has no long text"; return 1; }
	[[ $(f Installed-Size) =~ ^[0-9]+$ ]] || { echo "Installed-Size '$(f Installed-Size)'"; return 1; }
	[ -n "$(f Homepage)" ] || { echo "no Homepage"; return 1; }
}

# check_depends DEB ARCH DIR: every library the binary links (NEEDED) and
# every one GLFW dlopens is provided by a package in Depends.
check_depends() {
	local deb=$1 arch=$2 dir=$3 dep lib p libs
	dep=" $(dpkg-deb -f "$deb" Depends | sed 's/([^)]*)//g; s/[,|]/ /g') "
	libs=$(readelf -d "$dir/usr/bin/pingce" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
	[ -n "$libs" ] || { echo "the binary links no shared library?"; return 1; }
	for lib in $libs $GLFW_DLOPENED; do
		p=$(dpkg -S "/usr/lib/$(triplet "$arch")/$lib" "/lib/$(triplet "$arch")/$lib" 2>/dev/null | head -1 | cut -d: -f1 || true)
		[ -n "$p" ] || { echo "cannot tell which package holds $lib for $arch (install it to check)"; return 1; }
		[[ $dep == *" $p "* ]] || { echo "$lib is in $p, which Depends lacks: $dep"; return 1; }
	done
	for p in libc6 libgl1 libx11-6; do [[ $dep == *" $p "* ]] || { echo "Depends lacks $p"; return 1; }; done
}

check_payload() {
	local deb=$1 listing want got
	listing=$(dpkg-deb -c "$deb")
	want=$(payload_files | sort)
	got=$(awk '$1 !~ /^d/ {print $6}' <<<"$listing" | sort)
	[ "$want" = "$got" ] || { echo "payload differs:"; diff <(echo "$want") <(echo "$got"); return 1; }
	awk '$2 != "root/root" {print "not root/root: " $0; bad=1} END {exit bad}' <<<"$listing"
	[ "$(awk '{print $4, $5}' <<<"$listing" | sort -u | wc -l)" = 1 ] || { echo "time stamps differ"; return 1; }
	grep -q '^-rwxr-xr-x .* \./usr/bin/pingce$' <<<"$listing" || { echo "usr/bin/pingce is not 0755"; return 1; }
	awk '$1 ~ /^-/ && $6 != "./usr/bin/pingce" && $1 != "-rw-r--r--" {print "mode: " $0; bad=1}
	     $1 ~ /^d/ && $1 != "drwxr-xr-x" {print "mode: " $0; bad=1} END {exit bad}' <<<"$listing"
}

check_files() {
	local dir=$1 arch=$2 want
	case $arch in amd64) want=x86-64 ;; arm64) want=aarch64 ;; loong64) want=LoongArch ;; esac
	# (grep -q on a pipe can fail under pipefail: the writer gets SIGPIPE.)
	[[ $(file -b "$dir/usr/bin/pingce") == *"ELF 64-bit"*"$want"* ]] || { file "$dir/usr/bin/pingce"; return 1; }
	(cd "$dir" && md5sum --quiet -c DEBIAN/md5sums)
	for s in 16 48 256; do
		[[ $(file -b "$dir/usr/share/icons/hicolor/${s}x$s/apps/$APP_ID.png") == *"PNG image data, $s x $s"* ]] ||
			{ echo "icon ${s}x$s is not a $s px PNG"; return 1; }
	done
	for f in "$top"/assets/fonts/LICENSE-*.txt; do
		grep -qF "==== $(basename "$f") ====" "$dir/usr/share/doc/pingce/copyright" ||
			{ echo "copyright lacks $(basename "$f")"; return 1; }
	done
	grep -q 'Apache-2.0' "$dir/usr/share/doc/pingce/copyright" || { echo "copyright does not name the Apache License"; return 1; }
}

check_desktop() {
	local d=$1/usr/share/applications/$APP_ID.desktop icon exec
	desktop-file-validate "$d"
	expect 评测通 "$(sed -n 's/^Name=//p' "$d")" Name
	expect 评测通 "$(sed -n 's/^Name\[zh_CN\]=//p' "$d")" 'Name[zh_CN]'
	icon=$(sed -n 's/^Icon=//p' "$d")
	[ -f "$1/usr/share/icons/hicolor/48x48/apps/$icon.png" ] || { echo "no icon $icon in hicolor"; return 1; }
	exec=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$d")
	[ -x "$1/usr/bin/$exec" ] || { echo "Exec $exec is not in /usr/bin"; return 1; }
}

check_mime() {
	$PY - "$1/usr/share/mime/packages/$APP_ID.xml" <<'EOF'
import sys, xml.dom.minidom
doc = xml.dom.minidom.parse(sys.argv[1])
types = {t.getAttribute("type"): t for t in doc.getElementsByTagName("mime-type")}
pkg = types["application/x-pingce-package"]
assert [g.getAttribute("pattern") for g in pkg.getElementsByTagName("glob")] == ["*.pingce"], "package glob"
cat = types["application/x-pingce-catalog"]
assert any("pingce/catalog@1" in m.getAttribute("value") for m in cat.getElementsByTagName("match")), "catalog magic"
for t in types.values():
    langs = {c.getAttribute("xml:lang") for c in t.getElementsByTagName("comment")}
    assert "zh_CN" in langs and "" in langs, "comments of " + t.getAttribute("type")
EOF
}

check_tarball() {
	local deb=$1 tarball=$2 want got
	want=$(payload_files | sed "s,^\./usr/,pingce-$VERSION/," | sort)
	got=$(tar -tJf "$tarball" | grep -v '/$' | sort)
	[ "$want" = "$got" ] || { echo "tarball differs from the .deb:"; diff <(echo "$want") <(echo "$got"); return 1; }
}

# ---- smoke -------------------------------------------------------------------

ensure_binfmt() {
	[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] && return 0
	need qemu-user-static binfmt-support
	mountpoint -q /proc/sys/fs/binfmt_misc || $SUDO mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
	$SUDO update-binfmts --enable qemu-aarch64
	[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || { echo "qemu-aarch64 is not registered with binfmt_misc"; return 1; }
}

# pc BIN ARGS… runs a packaged binary with a private home, no database.
# DIST_RUN_PREFIX names an emulator to run it with (dist-loong64.sh: sid's
# qemu-loongarch64, since Debian 12's QEMU 7.2 stops at instructions of
# sid's C library); never with -L.
pc() {
	local bin=$1
	shift
	env -i PATH=/usr/bin:/bin HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/data" XDG_CONFIG_HOME="$WORK/home/config" \
		LANG=C.UTF-8 PINGCE_DB="$WORK/home/smoke.db" timeout 300 ${DIST_RUN_PREFIX:-} "$bin" "$@"
}

smoke_version() {
	local out
	out=$(pc "$1" version)
	[[ $out =~ ^pingce\ $VERSION\ \(commit\ ([0-9a-f]{12}),\ built\ ([0-9T:-]+Z)\)$ ]] || { echo "version says: $out"; return 1; }
	git cat-file -e "${BASH_REMATCH[1]}^{commit}" 2>/dev/null || { echo "commit ${BASH_REMATCH[1]} is not in this repository"; return 1; }
	expect "$(TZ=UTC git log -1 --date=format-local:%Y-%m-%dT%H:%M:%SZ --format=%cd "${BASH_REMATCH[1]}")" "${BASH_REMATCH[2]}" "build date (the commit's time)"
}

smoke_catalogs() {
	local out
	out=$(pc "$1" catalog list)
	grep -q '^demo-city-ref@2026\.1 ' <<<"$out" && grep -q '^police-station-grade@' <<<"$out" || { echo "$out"; return 1; }
}

smoke_score() {
	local bin=$1 arch=$2 json
	json=$(pc "$bin" score --catalog "$GOLDEN_CATALOG" --answers "$top/$GOLDEN" --json)
	printf '%s\n' "$json" >"$WORK/score-$arch.json"
	$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["final"], d["grade"], d["answered"], d["applicable"])' \
		"$WORK/score-$arch.json" >"$WORK/score-$arch.txt"
	expect "$GOLDEN_FINAL $GOLDEN_GRADE 55 55" "$(cat "$WORK/score-$arch.txt")" "final, grade, answered, applicable"
}

smoke_report() {
	local bin=$1 arch=$2
	pc "$bin" report --catalog "$GOLDEN_CATALOG" --answers "$top/$GOLDEN" --date 2026-12-01 \
		--pdf "$WORK/report-$arch.pdf" --xlsx "$WORK/report-$arch.xlsx" >/dev/null
	if [ "$PDF" = 1 ]; then
		[ "$(pdfinfo "$WORK/report-$arch.pdf" | awk '/^Pages:/{print $2}')" -ge 2 ] || { echo "PDF has fewer than 2 pages"; return 1; }
		pdftotext -layout "$WORK/report-$arch.pdf" "$WORK/report-$arch.txt"
		grep -q "$GOLDEN_FINAL" "$WORK/report-$arch.txt" || { echo "PDF does not show $GOLDEN_FINAL"; return 1; }
	else
		[ "$(head -c 5 "$WORK/report-$arch.pdf")" = "%PDF-" ] || { echo "the report is not a PDF"; return 1; }
	fi
	grep -qx 'xl/workbook.xml' <<<"$(unzip -Z1 "$WORK/report-$arch.xlsx")" || { echo "the .xlsx is not a workbook"; return 1; }
}

# ---- install -----------------------------------------------------------------

# bare_root SUITE DIR makes DIR a fresh copy of a minimal Debian SUITE root,
# debootstrapped once into $ROOTS and kept there as a tarball.
bare_root() {
	local suite=$1 dir=$2 cache=$ROOTS/$1-amd64-minbase.tar
	if [ ! -s "$cache" ]; then
		need debootstrap
		echo "dist-check: debootstrap $suite from $MIRROR (once; kept in $cache)" >&2
		$SUDO rm -rf "$ROOTS/$suite.tmp"
		$SUDO mkdir -p "$ROOTS"
		$SUDO nice -n 19 debootstrap --variant=minbase "$suite" "$ROOTS/$suite.tmp" "$MIRROR" >"$ROOTS/$suite.log" 2>&1 ||
			{ tail "$ROOTS/$suite.log"; return 1; }
		$SUDO tar -C "$ROOTS/$suite.tmp" -cf "$cache.part" . && $SUDO mv "$cache.part" "$cache"
		$SUDO rm -rf "$ROOTS/$suite.tmp"
	fi
	$SUDO mkdir -p "$dir"
	$SUDO tar -C "$dir" -xf "$cache"
	$SUDO cp /etc/resolv.conf "$dir/etc/resolv.conf"
	$SUDO mount -t proc proc "$dir/proc"
}

in_root() { $SUDO chroot "$1" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "${@:2}"; }

# install_test DEB SUITE RELEASE: dpkg -i/-r/-i/-P in a bare root of SUITE.
install_test() {
	local deb=$1 suite=$2 release=$3 r=$WORK/$2 out f
	bare_root "$suite" "$r"
	expect "$release" "$(cut -d. -f1 "$r/etc/debian_version")" "Debian release of the root"
	$SUDO cp "$deb" "$r/tmp/pingce.deb"
	# A bare system lacks the GL and X11 libraries: dpkg must refuse to
	# configure the package, naming them.
	if out=$(in_root "$r" dpkg -i /tmp/pingce.deb 2>&1); then echo "dpkg -i succeeded on a bare root: Depends is empty?"; return 1; fi
	grep -q 'depends on libgl1' <<<"$out" || { echo "$out"; return 1; }
	in_root "$r" apt-get update -qq
	in_root "$r" apt-get install -f -y -qq >/dev/null
	expect "install ok installed" "$(in_root "$r" dpkg-query -W -f='${Status}' pingce)" "status after apt-get -f install"
	in_root "$r" apt-get install -y -qq --no-install-recommends shared-mime-info desktop-file-utils hicolor-icon-theme >/dev/null
	if in_root "$r" ldd /usr/bin/pingce | grep 'not found'; then return 1; fi
	for f in $GLFW_DLOPENED; do [ -e "$r/usr/lib/x86_64-linux-gnu/$f" ] || { echo "$f missing in the root"; return 1; }; done
	out=$(in_root "$r" env HOME=/tmp pingce version)
	[[ $out == "pingce $VERSION "* ]] || { echo "pingce version in the root: $out"; return 1; }
	[ -s "$r/usr/share/mime/application/x-pingce-package.xml" ] || { echo "update-mime-database did not register application/x-pingce-package"; return 1; }
	in_root "$r" dpkg -L pingce >"$WORK/files"
	in_root "$r" dpkg -r pingce >/dev/null
	out=$(in_root "$r" dpkg-query -W -f='${db:Status-Status}' pingce 2>/dev/null || true)
	[ -z "$out" ] || [ "$out" = not-installed ] || { echo "status after dpkg -r: $out"; return 1; }
	while read -r f; do
		if [ -f "$r$f" ] || [ -L "$r$f" ]; then echo "left after dpkg -r: $f"; return 1; fi
	done <"$WORK/files"
	[ ! -e "$r/usr/share/mime/application/x-pingce-package.xml" ] || { echo "MIME type still registered after dpkg -r"; return 1; }
	# Dependencies in place, a second install and a purge are clean too.
	in_root "$r" dpkg -i /tmp/pingce.deb >/dev/null
	in_root "$r" dpkg -P pingce >/dev/null
	[ ! -e "$r/usr/bin/pingce" ] || { echo "usr/bin/pingce left after dpkg -P"; return 1; }
	unmount_under "$r"
}

# ---- windows -----------------------------------------------------------------

check_zip() {
	local zip=$1 name=pingce-$VERSION-windows-amd64 want got
	want=$({ printf '%s\n' "$name/FONTS.md" "$name/LICENSE-Apache-2.0.txt" "$name/pingce.exe"
		for f in "$top"/assets/fonts/LICENSE-*.txt; do echo "$name/$(basename "$f")"; done; } | sort)
	got=$(unzip -Z1 "$zip" | sort)
	[ "$want" = "$got" ] || { echo "zip holds:"; echo "$got"; return 1; }
	unzip -q -o "$zip" -d "$WORK/win"
}

check_pe() {
	$PY - "$1" "$(numver "$VERSION")" <<'EOF'
import sys, pefile
exe, ver = sys.argv[1], sys.argv[2]
pe = pefile.PE(exe)
assert pe.FILE_HEADER.Machine == 0x8664, "not x86-64"
assert pe.OPTIONAL_HEADER.Subsystem == 2, "subsystem %d, want 2 (Windows GUI)" % pe.OPTIONAL_HEADER.Subsystem
assert pe.FILE_HEADER.TimeDateStamp == 0, "PE time stamp set: not reproducible"
strings = {}
for fi in getattr(pe, "FileInfo", []):
    for e in fi:
        for st in getattr(e, "StringTable", []):
            strings.update({k.decode(): v.decode() for k, v in st.entries.items()})
want = {"ProductName": "评测通", "FileVersion": ver, "ProductVersion": ver, "OriginalFilename": "pingce.exe"}
for k, v in want.items():
    assert strings.get(k) == v, "%s = %r, want %r (all: %r)" % (k, strings.get(k), v, strings)
assert "评测通" in strings.get("FileDescription", ""), "FileDescription " + repr(strings.get("FileDescription"))
fixed = pe.VS_FIXEDFILEINFO[0]
got = "%d.%d.%d.%d" % (fixed.FileVersionMS >> 16, fixed.FileVersionMS & 0xffff, fixed.FileVersionLS >> 16, fixed.FileVersionLS & 0xffff)
assert got == ver, "fixed file version " + got
types = {e.id for e in pe.DIRECTORY_ENTRY_RESOURCE.entries}
for rid, name in ((pefile.RESOURCE_TYPE["RT_GROUP_ICON"], "icon group"), (pefile.RESOURCE_TYPE["RT_ICON"], "icons"),
                  (pefile.RESOURCE_TYPE["RT_MANIFEST"], "manifest"), (pefile.RESOURCE_TYPE["RT_VERSION"], "version")):
    assert rid in types, "no " + name + " resource"
icons = [e for e in pe.DIRECTORY_ENTRY_RESOURCE.entries if e.id == pefile.RESOURCE_TYPE["RT_ICON"]][0]
assert len(icons.directory.entries) >= 4, "only %d icon sizes" % len(icons.directory.entries)
EOF
}

# wine_root prints a Debian 13 root with Wine 10, made once in $ROOTS and
# used in place (each run gets a new Wine prefix under its /tmp).
wine_root() {
	local dir=$ROOTS/trixie-wine
	if [ ! -x "$dir/usr/bin/wine" ]; then
		need debootstrap
		echo "dist-check: debootstrap trixie + wine into $dir (once)" >&2
		$SUDO rm -rf --one-file-system "$dir"
		$SUDO mkdir -p "$ROOTS"
		{ $SUDO nice -n 19 debootstrap --variant=minbase trixie "$dir" "$MIRROR" &&
			$SUDO cp /etc/resolv.conf "$dir/etc/" &&
			in_root "$dir" apt-get update -qq &&
			in_root "$dir" nice -n 19 apt-get install -y -qq --no-install-recommends wine wine64; } \
			>"$ROOTS/trixie-wine.log" 2>&1 || { tail "$ROOTS/trixie-wine.log" >&2; return 1; }
	fi
	mountpoint -q "$dir/proc" || $SUDO mount -t proc proc "$dir/proc"
	echo "$dir"
}

# wine_smoke EXE: version, catalog list and the golden score under Wine.
wine_smoke() {
	local r out
	r=$(wine_root)
	$SUDO rm -rf "$r/tmp/wine"
	$SUDO cp "$1" "$r/tmp/pingce.exe"
	$SUDO cp "$top/$GOLDEN" "$r/tmp/answers.yaml"
	w() { in_root "$r" HOME=/tmp WINEDEBUG=-all WINEPREFIX=/tmp/wine timeout 600 wine /tmp/pingce.exe "$@" 2>/dev/null | tr -d '\r'; }
	out=$(w version)
	[[ $out == "pingce $VERSION (commit "* ]] || { echo "wine: version says '$out'"; return 1; }
	out=$(w catalog list)
	grep -q '^demo-city-ref@2026\.1 ' <<<"$out" || { echo "wine: catalog list says '$out'"; return 1; }
	w score --catalog "$GOLDEN_CATALOG" --answers 'Z:\tmp\answers.yaml' --json >"$WORK/score-windows.json"
	$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["final"], d["grade"])' "$WORK/score-windows.json" >"$WORK/score-windows.txt"
	expect "$GOLDEN_FINAL $GOLDEN_GRADE" "$(cat "$WORK/score-windows.txt")" "wine: final and grade"
	$SUDO rm -rf "$r/tmp/wine" "$r/tmp/pingce.exe" "$r/tmp/answers.yaml"
	$SUDO umount -l "$r/proc"
}

# ---- repro -------------------------------------------------------------------

# repro: a fresh clone of the packages' commit, built again, gives the same
# SHA256SUMS. The Go build cache is shared, so this shows that packaging and
# linking are deterministic; PINGCE_REPRO_COLD=1 also empties the cache
# (slow: every package is compiled again).
repro() {
	local commit targets="" t
	commit=$(pc "$WORK/host-bin" version | sed -n 's/.*(commit \([0-9a-f]*\),.*/\1/p')
	[ -n "$commit" ] || { echo "cannot read the commit from the packaged binary"; return 1; }
	for t in $(cd "$DIST" && echo pingce_*_*.deb pingce-*-windows-*.zip); do
		case $t in *_amd64.deb) targets+=" linux-amd64" ;; *_arm64.deb) targets+=" linux-arm64" ;; *windows-amd64.zip) targets+=" windows-amd64" ;; esac
	done
	git clone -q --no-local "$top" "$WORK/clone"
	git -C "$WORK/clone" checkout -q "$commit"
	local env=()
	[ "${PINGCE_REPRO_COLD:-}" = 1 ] && env=(GOCACHE="$WORK/gocache")
	env "${env[@]}" DIST="$WORK/dist2" DIST_TARGETS="$targets" bash "$WORK/clone/scripts/dist.sh" >"$WORK/repro.log" 2>&1 ||
		{ tail "$WORK/repro.log"; return 1; }
	grep -v loong64 "$DIST/SHA256SUMS" | diff - "$WORK/dist2/SHA256SUMS"
}

# ---- main --------------------------------------------------------------------

mkdir -p "$WORK/home"
for deb in $debs; do
	arch=${deb##*_}
	arch=${arch%.deb}
	# DIST_ARCHES limits the .deb checks (dist-loong64.sh checks loong64 in its root).
	case " ${DIST_ARCHES:-$arch} " in *" $arch "*) ;; *) continue ;; esac
	d=$WORK/x-$arch
	dpkg-deb -R "$DIST/$deb" "$d"
	case " $CHECKS " in *" deb "*)
		check "$deb: control fields" check_fields "$DIST/$deb" "$arch"
		check "$deb: Depends covers what the binary links and dlopens" check_depends "$DIST/$deb" "$arch" "$d"
		check "$deb: payload, owners, modes, time stamps" check_payload "$DIST/$deb"
		check "$deb: binary, md5sums, icons, copyright" check_files "$d" "$arch"
		check "$deb: desktop entry (desktop-file-validate, 评测通, icon, Exec)" check_desktop "$d"
		check "$deb: MIME types" check_mime "$d"
		t=$DIST/pingce-$VERSION-linux-$arch.tar.xz
		[ -f "$t" ] && check "$(basename "$t"): same files as the .deb" check_tarball "$DIST/$deb" "$t"
		;;
	esac
	case " $CHECKS " in *" smoke "*)
		bin=$d/usr/bin/pingce
		case $arch in
		arm64) check "binfmt runs arm64 binaries through qemu-aarch64-static (no -L)" ensure_binfmt ;;
		esac
		check "$arch: pingce version (version, commit, build date)" smoke_version "$bin"
		check "$arch: pingce catalog list" smoke_catalogs "$bin"
		check "$arch: pingce score of $GOLDEN = $GOLDEN_FINAL $GOLDEN_GRADE" smoke_score "$bin" "$arch"
		check "$arch: pingce report --pdf --xlsx" smoke_report "$bin" "$arch"
		;;
	esac
	if [ "$arch" = "$(dpkg --print-architecture)" ]; then cp "$d/usr/bin/pingce" "$WORK/host-bin"; fi
done
case " $CHECKS " in *" smoke "*)
	for a in $(cd "$WORK" && for f in score-*.json; do f=${f#score-}; echo "${f%.json}"; done); do
		[ "$a" = amd64 ] && continue
		[ -f "$WORK/score-amd64.json" ] && check "$a: score --json byte-identical to amd64's" cmp "$WORK/score-amd64.json" "$WORK/score-$a.json"
		[ -f "$WORK/report-amd64.txt" ] && [ -f "$WORK/report-$a.txt" ] &&
			check "$a: report text identical to amd64's" cmp "$WORK/report-amd64.txt" "$WORK/report-$a.txt"
	done
	;;
esac

deb_amd64=$(cd "$DIST" && echo pingce_*_amd64.deb)
case " $CHECKS " in *" install "*)
	if [ -n "$deb_amd64" ]; then
		check "$deb_amd64: dpkg -i / -r / -i / -P in a bare Debian 12 root" install_test "$DIST/$deb_amd64" bookworm 12
		# A package built for an older C library (DIST_OLD_GLIBC=1) is tried
		# on Debian 11 (glibc 2.31) too.
		if dpkg --compare-versions "$(dpkg-deb -f "$DIST/$deb_amd64" Depends | sed -n 's/.*libc6 (>= \([^)]*\)).*/\1/p')" lt 2.32; then
			check "$deb_amd64: dpkg -i / -r / -i / -P in a bare Debian 11 root" install_test "$DIST/$deb_amd64" bullseye 11
		fi
	fi
	;;
esac

zip=$(cd "$DIST" && echo pingce-*-windows-amd64.zip)
if [ -n "$zip" ]; then
	case " $CHECKS " in *" windows "* | *" wine "*)
		check "$zip: files" check_zip "$DIST/$zip"
		;;
	esac
	exe=$WORK/win/pingce-$VERSION-windows-amd64/pingce.exe
	case " $CHECKS " in *" windows "*)
		check "pingce.exe: PE headers and resources (评测通, $(numver "$VERSION"), icon, manifest, GUI)" check_pe "$exe"
		;;
	esac
	case " $CHECKS " in *" wine "*)
		check "pingce.exe under Wine 10 (Debian 13 root): version, catalog list, score = $GOLDEN_FINAL" wine_smoke "$exe"
		[ -f "$WORK/score-amd64.json" ] && [ -f "$WORK/score-windows.json" ] &&
			check "windows: score --json identical to amd64's" cmp "$WORK/score-amd64.json" "$WORK/score-windows.json"
		;;
	esac
fi

case " $CHECKS " in *" repro "*)
	if [ -x "$WORK/host-bin" ]; then check "reproducible: a fresh clone builds the same SHA256SUMS" repro; fi
	;;
esac

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
