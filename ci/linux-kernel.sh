#!/usr/bin/env bash
# Fetches Debian 12's packaged kernel (the package linux-image-amd64 depends
# on) into a cache directory and unpacks it there: it is never installed,
# nothing goes near the host's /boot.  The linux tier boots it.
#
#   cache:  $EB_LINUX_CACHE, default ${XDG_CACHE_HOME:-~/.cache}/entrybench/linux
#   <cache>/<release>_<version>/   dpkg-deb -x of the package, plus
#       vmlinuz, System.map, config   links to its boot/ files
#       package                       "<package> <version>"
#   <cache>/current                link to the newest one fetched
#
# Usage: ci/linux-kernel.sh [--dir]   (--dir: print the cache directory only)
# Exit 0 when the candidate version is in the cache (fetched now or before),
# 1 with one line naming the package and the cache directory when it cannot
# be fetched (no network, no package lists).  Runs as any user; only
# refreshing apt's package lists needs root.
set -euo pipefail

meta=linux-image-amd64
cache=${EB_LINUX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/entrybench/linux}
me=ci/linux-kernel.sh

if [ "${1:-}" = --dir ]; then
	echo "$cache"
	exit 0
fi

die() {
	echo "$me: $*" >&2
	exit 1
}

# apt-get update once, as root, when the lists do not know the package
refresh_lists() {
	[ "$(id -u)" -eq 0 ] || return 1
	apt-get update -qq >/dev/null 2>&1
}

# The versioned package the meta-package depends on, e.g. linux-image-6.1.0-57-amd64
kernel_package() {
	{ apt-cache depends "$meta" 2>/dev/null || true; } |
		awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }'
}

pkg=$(kernel_package)
[ -n "$pkg" ] || { refresh_lists && pkg=$(kernel_package); } || true
[ -n "$pkg" ] || die "cannot resolve $meta to a kernel package (no apt package lists: run apt-get update as root) for the cache $cache"
version=$({ apt-cache policy "$pkg" 2>/dev/null || true; } | awk '$1 == "Candidate:" { print $2 }')
[ -n "$version" ] && [ "$version" != "(none)" ] ||
	die "no candidate version of $pkg in apt's lists (run apt-get update as root) for the cache $cache"
release=${pkg#linux-image-}
name="${release}_${version}"
dir="$cache/$name"

point_current() {
	ln -sfn "$name" "$cache/.current.$$"
	mv -T "$cache/.current.$$" "$cache/current"
}

if [ -e "$dir/vmlinuz" ]; then
	point_current
	exit 0
fi

mkdir -p "$cache" || die "cannot create the cache directory $cache"
tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

download() {
	(cd "$tmp" && apt-get download -q "$pkg=$version") >"$tmp/apt.log" 2>&1
}
if ! download && ! { refresh_lists && download; }; then
	why=$(grep -m1 -E '^(E|Err):' "$tmp/apt.log" || tail -n1 "$tmp/apt.log" || true)
	die "cannot download $pkg $version into $cache (no network?): ${why:-apt-get download failed}"
fi

deb=$(ls "$tmp"/*.deb)
mkdir "$tmp/root"
dpkg-deb -x "$deb" "$tmp/root" || die "cannot unpack $deb into $cache"
for f in vmlinuz System.map config; do
	[ -e "$tmp/root/boot/$f-$release" ] || die "$pkg $version has no boot/$f-$release"
	ln -s "boot/$f-$release" "$tmp/root/$f"
done
echo "$pkg $version" >"$tmp/root/package"
mv "$deb" "$cache/"
mv "$tmp/root" "$dir"
point_current
echo "$me: $pkg $version unpacked into $dir"
