#!/usr/bin/env bash
# scripts/dist-loong64.sh — the LoongArch (龙芯) package, `make dist-loong64`:
# dist/pingce_VERSION_loong64.deb and the .tar.xz, added to SHA256SUMS.
#
# Debian 12 has neither a loong64 cross compiler nor :loong64 libraries;
# Debian sid has both (gcc-loongarch64-linux-gnu; loong64 is one of its
# architectures). So scripts/dist.sh runs inside a Debian sid root made once
# with debootstrap and kept in PINGCE_ROOTS (default /var/tmp/pingce-roots),
# with this machine's Go toolchain, module cache and build cache bound in.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
. scripts/dist-lib.sh

ROOTS=${PINGCE_ROOTS:-/var/tmp/pingce-roots}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
root=$ROOTS/sid-loong64
GO=${GO:-go}
goroot=$($GO env GOROOT)
gomodcache=$($GO env GOMODCACHE)
gocache=$($GO env GOCACHE)

in_root() { $SUDO chroot "$root" /usr/bin/env -i PATH="$goroot/bin:/usr/sbin:/usr/bin:/sbin:/bin" HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

if [ ! -x "$root/usr/bin/loongarch64-linux-gnu-gcc" ] || [ ! -x "$root/usr/bin/git" ]; then
	need debootstrap
	echo "dist-loong64: debootstrap sid into $root (once)" >&2
	$SUDO mkdir -p "$ROOTS"
	[ -x "$root/usr/bin/apt-get" ] || $SUDO nice -n 19 debootstrap --variant=minbase sid "$root" "$MIRROR" >"$ROOTS/sid-loong64.log" 2>&1 ||
		{ tail "$ROOTS/sid-loong64.log" >&2; exit 1; }
	$SUDO cp /etc/resolv.conf "$root/etc/resolv.conf"
	# sid's Release files carry a Valid-Until a few days ahead; a mirror
	# snapshot older than that is still what we want.
	echo 'Acquire::Check-Valid-Until "false";' | $SUDO tee "$root/etc/apt/apt.conf.d/99pingce" >/dev/null
	in_root dpkg --add-architecture loong64
	in_root apt-get update -qq
	# What dist.sh and the checks use, but no poppler: its amd64 X
	# libraries and sid's :loong64 ones are often at different versions,
	# which multiarch refuses.
	in_root nice -n 19 apt-get install -y -qq --no-install-recommends git ca-certificates dpkg-dev pkgconf xz-utils file \
		binutils python3 unzip desktop-file-utils gcc-loongarch64-linux-gnu $(fyne_dev loong64) >/dev/null
fi

mounts=()
cleanup() {
	local i
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do $SUDO umount -l "${mounts[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
bind() { $SUDO mkdir -p "$root$2" && $SUDO mount --bind "$1" "$root$2" && mounts+=("$root$2"); }
bind "$goroot" "$goroot"
bind "$gomodcache" "$gomodcache"
bind "$gocache" "$gocache"
bind "$top" "$top"
DIST=${DIST:-$top/dist}
mkdir -p "$DIST"
case $DIST/ in "$top"/*) ;; *) bind "$DIST" "$DIST" ;; esac
$SUDO mount -t proc proc "$root/proc" && mounts+=("$root/proc")

# The checks run the loong64 binary with sid's qemu-loongarch64 (QEMU 11)
# and the root's :loong64 libraries, never with -L. Debian 12's QEMU 7.2
# runs a static loong64 Go program but stops with SIGILL in sid's C library.
[ -x "$root/usr/bin/qemu-loongarch64" ] ||
	in_root nice -n 19 apt-get install -y -qq --no-install-recommends qemu-user >/dev/null

in_root GOTOOLCHAIN=local GOMODCACHE="$gomodcache" GOCACHE="$gocache" GOPROXY=off \
	DIST="$DIST" DIST_TARGETS=linux-loong64 ${VERSION:+VERSION=$VERSION} ${COMMIT:+COMMIT=$COMMIT} \
	bash "$top/scripts/dist.sh"

# The checks of scripts/dist-check.sh that apply, in the same root.
in_root DIST="$DIST" DIST_ARCHES=loong64 DIST_CHECKS="deb smoke" DIST_CHECK_PDF=0 DIST_RUN_PREFIX=qemu-loongarch64 bash "$top/scripts/dist-check.sh"
