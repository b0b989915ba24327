#!/usr/bin/env bash
# Installs every Debian package entrybench needs, and nothing when they are
# all present (so the quick-start commands can call it every time); then
# fetches Debian's packaged kernel for the linux tier into its cache
# (ci/linux-kernel.sh: not installed, never near /boot; a no-op once cached).
# Run as root on Debian 12.  EB_NO_LINUX_KERNEL=1 skips the kernel.
set -euo pipefail

packages=(
	# build: guest kernel and host tools
	gcc g++ make cmake binutils
	# the guest runs here
	qemu-system-x86
	# host libraries: JSON, statistics, unit tests, SHA-256, CRC-32, tables
	libjansson-dev libgsl-dev libcmocka-dev libssl-dev zlib1g-dev pkg-config
	libsmartcols-dev
	# the x-ray: disassembly (Capstone) and symbols (libelf)
	libcapstone-dev libelf-dev
	# the man page, generated from the commands' --help at build time
	help2man
	# the linux tier: its initramfs (libarchive), a bzImage's vmlinux (xz, zstd)
	libarchive-dev liblzma-dev libzstd-dev
	# integration tests read results with jq
	jq
	# `entrybench export --format gbench` is checked against compare.py
	libbenchmark-tools python3-scipy
	# the native tier: Google Benchmark, a -m32 helper for __kernel_vsyscall
	libbenchmark-dev gcc-multilib
	# host-side counters: event names through libpfm4
	libpfm4-dev
	# plots
	gnuplot-nox
	# fuzzing the parsers (libFuzzer for clang 14); the fault tests' fakes use ps
	clang libclang-rt-14-dev procps
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -ne 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "ci/setup.sh: missing packages: ${missing[*]}" >&2
		echo "ci/setup.sh: run as root (or: sudo apt-get install ${missing[*]})" >&2
		exit 1
	fi
	echo "ci/setup.sh: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The linux tier's kernel: its one clear line says which package and where
# when it cannot be fetched (tests/integration/linux_boot.sh then skips).
[ "${EB_NO_LINUX_KERNEL:-}" = 1 ] || "$(dirname "$0")/linux-kernel.sh"
