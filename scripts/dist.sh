#!/usr/bin/env bash
# scripts/dist.sh — build Pingce's release packages into dist/ (`make dist`).
#
#   dist/pingce_VERSION_amd64.deb            Debian/UOS/Kylin, x86-64
#   dist/pingce_VERSION_arm64.deb            Debian/UOS/Kylin, ARM64 (飞腾, 鲲鹏)
#   dist/pingce-VERSION-linux-amd64.tar.xz   the same files as the .deb, unpackaged
#   dist/pingce-VERSION-linux-arm64.tar.xz
#   dist/pingce-VERSION-windows-amd64.zip    pingce.exe (icon, version resource) + font licence
#   dist/SHA256SUMS
#
# The packages are built from the committed tree (git archive of HEAD, or of
# COMMIT=…), never from uncommitted edits, so that the commit stamped into the
# binary is what was built. Everything is reproducible: the time stamps are the
# commit's (SOURCE_DATE_EPOCH), files are sorted and owned by root, compressors
# run single-threaded, and Go builds with -trimpath. Building twice gives the
# same SHA256SUMS (scripts/dist-check.sh checks it).
#
# Environment: DIST_TARGETS (default "linux-amd64 linux-arm64 windows-amd64"),
# VERSION (default: FyneApp.toml's), COMMIT (default HEAD), SOURCE_DATE_EPOCH
# (default: the commit's time), DEB_MAINTAINER, NICE (default "nice -n 19").
set -euo pipefail
shopt -s inherit_errexit # a failing command inside $(…) stops the build too
cd "$(dirname "$0")/.."
top=$PWD

DIST=${DIST:-$top/dist}
TARGETS=${DIST_TARGETS:-linux-amd64 linux-arm64 windows-amd64}
NICE=${NICE-nice -n 19}
GO=${GO:-go}
WINRES=github.com/tc-hib/go-winres@v0.3.3
APP_ID=cn.pingce.desktop
DEB_MAINTAINER=${DEB_MAINTAINER:-Pingce maintainers <pingce@pingce.invalid>}
# The Fyne tags `fyne package --release` would add: release mode (no
# FyneApp.toml lookup, no debug paths) and the fyne.Do threading model that
# FyneApp.toml's [Migrations] declares. no_emoji: see the Makefile.
TAGS=no_emoji,release,migrated_fynedo
. scripts/dist-lib.sh

log() { printf 'dist: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# need_arch ARCH enables a foreign Debian architecture for the cross libraries.
need_arch() {
	[ "$1" = "$(dpkg --print-architecture)" ] && return 0
	dpkg --print-foreign-architectures | grep -qx "$1" && return 0
	log "dpkg --add-architecture $1"
	$SUDO dpkg --add-architecture "$1"
	$SUDO apt-get update -qq
}

# ---- what is built ---------------------------------------------------------

command -v git >/dev/null && git rev-parse --git-dir >/dev/null 2>&1 || die "run from a Git checkout (the packages are built from a commit)"
COMMIT=$(git rev-parse "${COMMIT:-HEAD}^{commit}")
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct "$COMMIT")}
export SOURCE_DATE_EPOCH TZ=UTC LC_ALL=C.UTF-8
BUILD_DATE=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
VERSION=${VERSION:-$(git show "$COMMIT:FyneApp.toml" | sed -n 's/^ *Version *= *"\(.*\)"/\1/p' | head -1)}
[[ $VERSION =~ ^[0-9][0-9A-Za-z.+~-]*$ ]] || die "VERSION '$VERSION' is not a Debian version"
HOMEPAGE=$(git show "$COMMIT:FyneApp.toml" | sed -n 's/^ *Website *= *"\(.*\)"/\1/p' | head -1)
if [ "$COMMIT" = "$(git rev-parse HEAD)" ] && [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	log "note: the tree has uncommitted changes; the packages are built from commit ${COMMIT:0:12} without them"
fi
log "version $VERSION, commit ${COMMIT:0:12}, date $BUILD_DATE, targets: $TARGETS"

LDFLAGS="-s -w -X pingce/internal/buildinfo.version=$VERSION -X pingce/internal/buildinfo.commit=$COMMIT -X pingce/internal/buildinfo.date=$BUILD_DATE"

# A work directory of this run's own, so that two runs on one dist/ (make
# dist-loong64 beside make dist) do not pull the source from under each other.
mkdir -p "$DIST"
WORK=$(mktemp -d "$DIST/.work.XXXXXX")
mkdir -p "$WORK/src"
git archive --format=tar "$COMMIT" | tar -x -C "$WORK/src"
SRC=$WORK/src

# gobuild GOOS GOARCH OUT [ENV…] builds the app from the exported source.
gobuild() {
	local goos=$1 goarch=$2 out=$3 ldflags=$LDFLAGS
	shift 3
	[ "$goos" = windows ] && ldflags="$ldflags -H=windowsgui"
	if [ -n "$BUILD_ROOT" ] && [ "$goos" = linux ]; then
		log "go build $goos/$goarch in $BUILD_ROOT"
		$SUDO chroot "$BUILD_ROOT" /usr/bin/env -i PATH="$goroot/bin:/usr/bin:/bin" HOME=/root LANG=C.UTF-8 \
			GOROOT="$goroot" GOTOOLCHAIN=local GOTELEMETRY=off GOPROXY=off GOMODCACHE="$gomodcache" GOCACHE="$gocache" \
			CGO_ENABLED=1 GOOS="$goos" GOARCH="$goarch" "$@" \
			sh -c 'cd "$1" && shift && exec nice -n 19 go build "$@"' sh "$SRC" \
			-trimpath -buildvcs=false -tags "$TAGS" -ldflags "$ldflags" -o "$out" .
		return
	fi
	log "go build $goos/$goarch"
	(cd "$SRC" && env CGO_ENABLED=1 GOOS="$goos" GOARCH="$goarch" GOFLAGS= "$@" \
		$NICE "$GO" build -trimpath -buildvcs=false -tags "$TAGS" -ldflags "$ldflags" -o "$out" .)
}

# in_build_root CMD… runs CMD in the build root when there is one, else here.
in_build_root() {
	if [ -n "$BUILD_ROOT" ]; then
		$SUDO chroot "$BUILD_ROOT" /usr/bin/env -i PATH=/usr/bin:/bin:/usr/sbin:/sbin LANG=C.UTF-8 "$@"
	else
		"$@"
	fi
}

# DIST_OLD_GLIBC=1 builds the Linux binaries in a Debian 11 root (glibc
# 2.31) instead of on this Debian 12 machine (glibc 2.34), for desktops with
# an older C library (Kylin V10 and others). The root is debootstrapped once
# into PINGCE_ROOTS with its own compilers and -dev libraries; this
# machine's Go toolchain, module and build caches and the work directory are
# bound in. Packaging (dpkg-shlibdeps, dpkg-deb) stays on this machine.
BUILD_ROOT=
if [ "${DIST_OLD_GLIBC:-}" = 1 ]; then
	BUILD_ROOT=${PINGCE_ROOTS:-/var/tmp/pingce-roots}/bullseye-build
	goroot=$("$GO" env GOROOT) gomodcache=$("$GO" env GOMODCACHE) gocache=$("$GO" env GOCACHE)
	if [ ! -x "$BUILD_ROOT/usr/bin/aarch64-linux-gnu-gcc" ]; then
		need debootstrap
		log "debootstrap bullseye into $BUILD_ROOT (once)"
		$SUDO rm -rf --one-file-system "$BUILD_ROOT"
		$SUDO mkdir -p "$(dirname "$BUILD_ROOT")"
		$SUDO nice -n 19 debootstrap --variant=minbase bullseye "$BUILD_ROOT" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$BUILD_ROOT.log" 2>&1 ||
			{ tail "$BUILD_ROOT.log" >&2; die "debootstrap bullseye failed"; }
		$SUDO cp /etc/resolv.conf "$BUILD_ROOT/etc/resolv.conf"
		$SUDO chroot "$BUILD_ROOT" sh -c "dpkg --add-architecture arm64 && apt-get update -qq &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc pkg-config dpkg-dev gcc-aarch64-linux-gnu $(fyne_dev amd64) $(fyne_dev arm64)" >>"$BUILD_ROOT.log" 2>&1 ||
			{ tail "$BUILD_ROOT.log" >&2; die "setting up $BUILD_ROOT failed"; }
	fi
	build_mounts=()
	for m in "$goroot" "$gomodcache" "$gocache" "$WORK"; do
		$SUDO mkdir -p "$BUILD_ROOT$m" && $SUDO mount --bind "$m" "$BUILD_ROOT$m" && build_mounts=("$BUILD_ROOT$m" "${build_mounts[@]}")
	done
	$SUDO mount -t proc proc "$BUILD_ROOT/proc" && build_mounts=("$BUILD_ROOT/proc" "${build_mounts[@]}")
	trap 'for m in "${build_mounts[@]}"; do $SUDO umount -l "$m"; done' EXIT
fi

# normalize DIR gives every file under DIR fixed permissions and the commit's
# time, so archives do not depend on umask or on when the build ran.
normalize() {
	find "$1" -type d -exec chmod 0755 {} +
	find "$1" -type f -exec chmod 0644 {} +
	[ -d "$1/usr/bin" ] && chmod 0755 "$1"/usr/bin/*
	find "$1" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
}

# ---- Linux: binary, file tree, .deb, .tar.xz --------------------------------

# depends ARCH BINARY prints the Depends field: dpkg-shlibdeps over what the
# binary links (NEEDED), plus the packages of the libraries GLFW dlopens.
depends() {
	local arch=$1 bin=$2 dir shlibs lib pkgs=() p
	dir=$WORK/shlibs-$arch
	mkdir -p "$dir/debian"
	printf 'Source: pingce\n\nPackage: pingce\nArchitecture: any\n' >"$dir/debian/control"
	cp "$bin" "$dir/pingce"
	# With DIST_OLD_GLIBC the build root's own libraries and symbols files
	# answer: this machine's newer libc6 would ask for more than the binary uses.
	shlibs=$(in_build_root sh -c 'cd "$1" && DEB_HOST_ARCH=$2 dpkg-shlibdeps -O -epingce' sh "$dir" "$arch" 2>"$dir/log") ||
		{ cat "$dir/log" >&2; die "dpkg-shlibdeps failed for $bin"; }
	shlibs=$(sed -n 's/^shlibs:Depends=//p' <<<"$shlibs")
	[ -n "$shlibs" ] || die "dpkg-shlibdeps found no dependencies for $bin"
	for lib in $GLFW_DLOPENED; do
		p=$(in_build_root dpkg -S "/usr/lib/$(triplet "$arch")/$lib" 2>/dev/null | head -1 | cut -d: -f1) ||
			die "no installed package holds $lib for $arch"
		[ -n "$p" ] || die "no installed package holds $lib for $arch"
		pkgs+=("$p")
	done
	printf '%s, %s\n' "$shlibs" "$(printf '%s\n' "${pkgs[@]}" | sort -u | paste -sd, | sed 's/,/, /g')"
}

# stage ARCH BINARY fills $WORK/root-ARCH with the installed file tree.
stage() {
	local arch=$1 bin=$2 root=$WORK/root-$arch
	rm -rf "$root"
	install -D -m 0755 "$bin" "$root/usr/bin/pingce"
	install -D -m 0644 "$SRC/scripts/packaging/$APP_ID.desktop" "$root/usr/share/applications/$APP_ID.desktop"
	install -D -m 0644 "$SRC/scripts/packaging/$APP_ID.xml" "$root/usr/share/mime/packages/$APP_ID.xml"
	(cd "$SRC" && CGO_ENABLED=0 GOOS= GOARCH= GOFLAGS= "$GO" run ./scripts/iconsizes \
		-in assets/icon.png -out "$root/usr/share/icons/hicolor" -name "$APP_ID")
	install -d "$root/usr/share/doc/pingce"
	copyright >"$root/usr/share/doc/pingce/copyright"
	install -m 0644 "$SRC/assets/fonts/README.md" "$root/usr/share/doc/pingce/FONTS.md"
	normalize "$root"
}

# copyright prints /usr/share/doc/pingce/copyright: Pingce's notice and the
# licences of the bundled fonts (assets/fonts/LICENSE-*.txt), word for word.
copyright() {
	local f
	cat <<EOF
Pingce (评测通)
Homepage: $HOMEPAGE

Pingce's own code
-----------------
Copyright: the Pingce authors.
The project has not yet stated a licence for its own code.

The bundled fonts
-----------------
The program embeds two modified subsets of WenQuanYi Micro Hei (文泉驿微米黑),
made as /usr/share/doc/pingce/FONTS.md says, used under the Apache License 2.0
(on Debian systems its full text is in /usr/share/common-licenses/Apache-2.0),
and rare characters drawn from other fonts under their own licences. Each
font's copyright and licence notice follows, word for word.
EOF
	for f in "$SRC"/assets/fonts/LICENSE-*.txt; do
		printf '\n==== %s ====\n\n' "$(basename "$f")"
		cat "$f"
	done
}

# control ARCH DEPENDS prints DEBIAN/control for the staged tree.
control() {
	local arch=$1 dep=$2 root=$WORK/root-$arch size recommends="xdg-utils"
	# Installed-Size as dpkg-gencontrol counts it: KiB per file, rounded up,
	# and one per directory.
	size=$(find "$root/usr" -printf '%y %s\n' | awk '$1=="f"{s+=int(($2+1023)/1024)} $1!="f"{s+=1} END{print s}')
	# The native file dialogs (github.com/ncruces/zenity) run one of these.
	grep -q 'github.com/ncruces/zenity' "$SRC/go.mod" && recommends="zenity | qarma | mate-dialogs, $recommends"
	cat <<EOF
Package: pingce
Version: $VERSION
Architecture: $arch
Maintainer: $DEB_MAINTAINER
Installed-Size: $size
Depends: $dep
Recommends: $recommends
Section: utils
Priority: optional
Homepage: $HOMEPAGE
Description: 评测通 — self-assessment and review against evaluation catalogs
 Pingce (评测通) lets a public-security unit (市公安局, 分县局, 派出所,
 局直单位) assess itself against an official evaluation catalog, such as the
 criteria of the 社会治安防控体系建设示范城市 campaign, attach evidence, and
 submit; the evaluation lead reviews, ranks and follows up what units submit.
 .
 It scores answers by the catalog's rules, writes PDF and Excel reports, and
 keeps its data in SQLite or a shared PostgreSQL database. The interface is
 Chinese first, with English; a Chinese font is built in.
EOF
}

# deb ARCH builds dist/pingce_VERSION_ARCH.deb from the staged tree.
deb() {
	local arch=$1 root=$WORK/root-$arch out dep
	out=$DIST/pingce_${VERSION}_${arch}.deb
	dep=$(depends "$arch" "$root/usr/bin/pingce")
	install -d -m 0755 "$root/DEBIAN"
	control "$arch" "$dep" >"$root/DEBIAN/control"
	(cd "$root" && find usr -type f | sort | xargs md5sum) >"$root/DEBIAN/md5sums"
	chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
	find "$root/DEBIAN" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
	dpkg-deb --root-owner-group --threads-max=1 -Zxz -z9 --build "$root" "$out" >/dev/null
	log "wrote $out"
}

# tarball ARCH builds dist/pingce-VERSION-linux-ARCH.tar.xz: the .deb's files
# under pingce-VERSION/ (bin/, share/), to unpack into ~/.local or /usr/local.
tarball() {
	local arch=$1 root=$WORK/root-$arch out name
	name=pingce-$VERSION
	out=$DIST/$name-linux-$arch.tar.xz
	tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner --format=gnu \
		--transform "s,^usr,$name," -C "$root" -cf - usr | xz -T1 -9 >"$out"
	log "wrote $out"
}

linux() {
	local arch=$1 cc env=()
	need dpkg-dev xz-utils pkg-config
	case $arch in
	amd64) need gcc $(fyne_dev amd64) ;;
	arm64)
		need_arch arm64
		need gcc-aarch64-linux-gnu $(fyne_dev arm64)
		env=(CC=aarch64-linux-gnu-gcc PKG_CONFIG_PATH=/usr/lib/aarch64-linux-gnu/pkgconfig)
		;;
	loong64)
		# Only in a Debian sid root (scripts/dist-loong64.sh): Debian 12 has
		# neither the cross compiler nor the :loong64 libraries.
		need_arch loong64
		need gcc-loongarch64-linux-gnu $(fyne_dev loong64)
		(cd "$SRC" && GOOS=linux GOARCH=loong64 GOFLAGS= "$GO" list -deps . >/dev/null 2>"$WORK/loong64.log") || {
			cat "$WORK/loong64.log" >&2
			die "a Go dependency lacks linux/loong64 (README, Packages: modernc.org/sqlite needs v1.30.0 or later)"
		}
		env=(CC=loongarch64-linux-gnu-gcc PKG_CONFIG_PATH=/usr/lib/loongarch64-linux-gnu/pkgconfig)
		;;
	*) die "no Linux target $arch (linux-amd64, linux-arm64, linux-loong64)" ;;
	esac
	[ "$arch" = "$(dpkg --print-architecture)" ] || [ ${#env[@]} -gt 0 ] || die "cannot cross-build $arch"
	gobuild linux "$arch" "$WORK/pingce-linux-$arch" "${env[@]}"
	stage "$arch" "$WORK/pingce-linux-$arch"
	deb "$arch"
	tarball "$arch"
}

# ---- Windows: .exe with resources, .zip -------------------------------------

windows() {
	local dir out name=pingce-$VERSION-windows-amd64
	need gcc-mingw-w64-x86-64 zip base-files
	# The version information, icon and manifest go into a .syso resource
	# object that go build links into the .exe (see the commit that added it).
	log "go-winres: version resource and icon"
	(cd "$SRC" && CGO_ENABLED=0 GOOS= GOARCH= GOFLAGS= "$GO" run "$WINRES" simply --arch amd64 --out rsrc \
		--icon assets/icon.png --manifest gui \
		--product-name "评测通" --file-description "评测通 Pingce" \
		--product-version "$(numver "$VERSION")" --file-version "$(numver "$VERSION")" \
		--copyright "the Pingce authors" --original-filename pingce.exe)
	dir=$WORK/win/$name
	rm -rf "$WORK/win"
	mkdir -p "$dir"
	gobuild windows amd64 "$dir/pingce.exe" CC=x86_64-w64-mingw32-gcc
	# The font licences, and the Apache License's text, which asks to
	# travel with the font.
	cp "$SRC"/assets/fonts/LICENSE-*.txt "$dir/"
	cp /usr/share/common-licenses/Apache-2.0 "$dir/LICENSE-Apache-2.0.txt"
	cp "$SRC/assets/fonts/README.md" "$dir/FONTS.md"
	normalize "$dir"
	out=$DIST/$name.zip
	rm -f "$out"
	(cd "$WORK/win" && find "$name" -type f | sort | zip -q -X -D -9 "$out" -@)
	log "wrote $out"
}

# ---- main --------------------------------------------------------------------

for t in $TARGETS; do
	case $t in
	linux-*) linux "${t#linux-}" ;;
	windows-amd64) windows ;;
	*) die "unknown target $t" ;;
	esac
done

# SHA256SUMS lists every package in dist/, whichever runs made them.
(cd "$DIST" && find . -maxdepth 1 -type f \( -name '*.deb' -o -name '*.tar.xz' -o -name '*.zip' \) -printf '%f\n' |
	sort | xargs -r sha256sum >SHA256SUMS)
rm -rf "$WORK"
log "wrote $DIST/SHA256SUMS"
cat "$DIST/SHA256SUMS"
