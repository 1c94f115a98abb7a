# scripts/dist-lib.sh — shell functions shared by dist.sh and dist-check.sh
# (sourced, not run).

SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

# need PKG… installs the Debian packages that are missing (names may carry
# :arch), so that the targets work on a fresh machine.
need() {
	local missing=() p
	for p; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "installing ${missing[*]}" >&2
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# triplet ARCH prints the GNU multiarch triplet of a Debian architecture.
triplet() { dpkg-architecture -a"$1" -qDEB_HOST_MULTIARCH 2>/dev/null; }

# numver VERSION prints the four numbers of a Windows version resource:
# 0.1.0 → 0.1.0.0, 1.2.3-rc1 → 1.2.3.0.
numver() {
	local v=${1%%[-+~]*} n
	IFS=. read -r -a n <<<"$v"
	printf '%d.%d.%d.%d' "${n[0]:-0}" "${n[1]:-0}" "${n[2]:-0}" "${n[3]:-0}"
}

# The -dev packages Fyne's GLFW/GL driver needs, per Debian architecture.
fyne_dev() {
	local a=$1 p
	for p in libc6-dev libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev; do
		printf '%s:%s ' "$p" "$a"
	done
}

# The libraries GLFW opens with dlopen at run time rather than linking, so
# they are missing from the binary's NEEDED list; without them the window
# has no monitor scale (XRandR), cursor theme (Xcursor), multi-head layout
# (Xinerama), raw input (XInput2) or gamma (XF86VidMode). See
# glfw/src/x11_init.c in github.com/go-gl/glfw.
GLFW_DLOPENED="libXcursor.so.1 libXrandr.so.2 libXinerama.so.1 libXi.so.6 libXxf86vm.so.1"
