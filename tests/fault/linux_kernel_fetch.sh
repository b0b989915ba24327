#!/usr/bin/env bash
# ci/linux-kernel.sh against a fake apt: no network must give one line
# naming the package and the cache directory (exit 1), missing package
# lists likewise; a package that downloads is unpacked into the cache with
# vmlinuz, System.map and config links and `current` pointing at it, and
# is not fetched again.  linux_boot.sh skips (77) on an empty cache.
source "$(dirname "$0")/lib.sh"
script="$EB_SOURCE_DIR/ci/linux-kernel.sh"
export EB_LINUX_CACHE="$scratch/cache"
pkg=linux-image-9.9.9-1-amd64
mkdir -p "$scratch/fakeapt" "$scratch/debs"

# fake_apt MODE: apt-cache knows the package unless MODE=nolists;
# apt-get download fails (offline) unless MODE=online.
fake_apt() {
	cat >"$scratch/fakeapt/apt-cache" <<-EOS
	#!/bin/sh
	[ "$1" = nolists ] && exit 100
	case "\$1" in
	depends) printf 'linux-image-amd64\n  Depends: $pkg\n' ;;
	policy) printf '$pkg:\n  Installed: (none)\n  Candidate: 9.9.9-1\n' ;;
	esac
	EOS
	cat >"$scratch/fakeapt/apt-get" <<-EOS
	#!/bin/sh
	echo "apt-get \$*" >>"$scratch/apt.log"
	if [ "\$1" = download ] && [ "$1" = online ]; then
		cp "$scratch/debs/$pkg.deb" ./${pkg}_9.9.9-1_amd64.deb
		exit 0
	fi
	echo "E: Failed to fetch http://deb.example/$pkg.deb  Temporary failure resolving 'deb.example'" >&2
	exit 100
	EOS
	chmod +x "$scratch/fakeapt/apt-cache" "$scratch/fakeapt/apt-get"
}

fetch() {
	status=0
	PATH="$scratch/fakeapt:$PATH" bash "$script" >"$scratch/out" 2>&1 || status=$?
}

fake_apt offline
fetch
expect_status 1
[ "$(wc -l <"$scratch/out")" -eq 1 ] || fail "more than one line: $(cat "$scratch/out")"
expect_output "^ci/linux-kernel.sh: cannot download $pkg 9.9.9-1 into $EB_LINUX_CACHE \(no network\?\): E: Failed to fetch"
[ ! -e "$EB_LINUX_CACHE/current" ] || fail "a failed fetch left a current link"
[ -z "$(ls -A "$EB_LINUX_CACHE")" ] || fail "a failed fetch left files: $(ls -A "$EB_LINUX_CACHE")"

fake_apt nolists
fetch
expect_status 1
expect_output "cannot resolve linux-image-amd64 to a kernel package .* $EB_LINUX_CACHE"

# A package of the real layout, built here.
root="$scratch/pkgroot"
mkdir -p "$root/DEBIAN" "$root/boot"
printf 'Package: %s\nVersion: 9.9.9-1\nArchitecture: amd64\nMaintainer: t <t@t>\nDescription: t\n' \
	"$pkg" >"$root/DEBIAN/control"
for f in vmlinuz System.map config; do echo "$f" >"$root/boot/$f-9.9.9-1-amd64"; done
dpkg-deb --build -Zgzip "$root" "$scratch/debs/$pkg.deb" >/dev/null || fail "dpkg-deb --build"

fake_apt online
fetch
expect_status 0
dir="$EB_LINUX_CACHE/9.9.9-1-amd64_9.9.9-1"
[ "$(readlink "$EB_LINUX_CACHE/current")" = 9.9.9-1-amd64_9.9.9-1 ] || fail "current: $(ls -l "$EB_LINUX_CACHE")"
for f in vmlinuz System.map config; do
	[ "$(cat "$EB_LINUX_CACHE/current/$f")" = "$f" ] || fail "$f not unpacked"
done
[ "$(cat "$dir/package")" = "$pkg 9.9.9-1" ] || fail "package: $(cat "$dir/package")"
downloads=$(grep -c '^apt-get download' "$scratch/apt.log")

fake_apt offline			# cached: no network needed
fetch
expect_status 0
[ "$(grep -c '^apt-get download' "$scratch/apt.log")" -eq "$downloads" ] || fail "fetched again"

# The boot test skips, saying why, when the cache has no kernel.
status=0
EB_LINUX_CACHE="$scratch/empty" EB_LINUX_CHECK=/bin/false EB_LINUX_GUEST_DIR=/nonexistent \
	bash "$EB_SOURCE_DIR/tests/integration/linux_boot.sh" >"$scratch/out" 2>&1 || status=$?
expect_status 77
expect_output "skipped: no Debian kernel in $scratch/empty \(ci/setup.sh fetches"
echo PASS
