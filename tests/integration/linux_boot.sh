#!/usr/bin/env bash
# The linux tier's guest for real: Debian's packaged kernel (from the cache
# ci/linux-kernel.sh fills) boots the initramfs of linux-guest/ under TCG
# icount with the determinism settings, twice at once (both cores).  Every
# probe must pass its check with a per-trip count, the output must satisfy
# the real protocol parser (host/run/protocol.c via eb-linux-check), and
# the two boots must agree byte for byte.  Skips (77) without the kernel.
source "$(dirname "$0")/lib.sh"
: "${EB_LINUX_CHECK:?set by ctest}" "${EB_LINUX_GUEST_DIR:?set by ctest}"

cache=$(bash "$EB_SOURCE_DIR/ci/linux-kernel.sh" --dir)
kernel="$cache/current/vmlinuz"
if [ ! -e "$kernel" ]; then
	echo "skipped: no Debian kernel in $cache (ci/setup.sh fetches the package linux-image-amd64 depends on)"
	exit 77
fi
qemu=$(command -v qemu-system-x86_64) || { echo "skipped: no qemu-system-x86_64"; exit 77; }
initramfs="$EB_LINUX_GUEST_DIR/initramfs.cpio.gz"
[ -s "$initramfs" ] || fail "$initramfs missing: the build makes it"

# The bzImage's vmlinux for the PVH boot (Debian builds with CONFIG_PVH).
"$EB_LINUX_CHECK" image "$kernel" "$scratch/vmlinux" >"$scratch/image" || fail "image: $(cat "$scratch/image")"
read -r how boot_file _ <"$scratch/image"
[ "$how" = pvh ] || fail "Debian's kernel should boot through PVH: $(cat "$scratch/image")"

release=$(basename "$(readlink -f "$kernel")")
release=${release#vmlinuz-}

# boot NAME: one boot, protocol on the debug port, the kernel's console aside.
boot() {
	local rc=0
	timeout 60 "$qemu" -accel tcg -icount shift=0,sleep=off -cpu max,-rdrand,-rdseed \
		-smp 1 -m 512 -nodefaults -no-user-config -display none -no-reboot \
		-rtc clock=vm,base=2024-01-01T00:00:00 \
		-serial "file:$scratch/$1.console" -debugcon "file:$scratch/$1.out" \
		-device isa-debug-exit,iobase=0xf4,iosize=4 \
		-kernel "${boot_file%:}" -initrd "$initramfs" \
		-append "console=ttyS0 nokaslr panic=-1 quiet" </dev/null || rc=$?
	echo "$rc" >"$scratch/$1.rc"
}

start=$(date +%s.%N)
boot one & boot two & wait
wall=$(echo "$(date +%s.%N) - $start" | bc)

for b in one two; do
	# isa-debug-exit with EB_EXIT_PASS (0) makes QEMU exit with 1
	[ "$(cat "$scratch/$b.rc")" = 1 ] || {
		tail -n 20 "$scratch/$b.console" >&2
		fail "boot $b: QEMU exited with $(cat "$scratch/$b.rc"), not 1 (the guest's pass)"
	}
	"$EB_LINUX_CHECK" parse "$scratch/$b.out" >"$scratch/$b.table" 2>&1 ||
		{ cat "$scratch/$b.table" >&2; fail "boot $b: the parser refused the output or a probe failed"; }
done
cat "$scratch/one.table"
echo "two boots at once: ${wall} s wall"

cmp -s "$scratch/one.out" "$scratch/two.out" || {
	diff "$scratch/one.table" "$scratch/two.table" >&2
	fail "the two boots' outputs differ"
}
grep -q "^boot pvh kernel $release mode x86_64 k 64 batches 16 warmup 256 vendor AuthenticAMD$" \
	"$scratch/one.table" || fail "hello: not a PVH boot of $release"

# Every probe passed with all its batches and a count; a missing 32-bit
# toolchain is the only acceptable skip.
expected=(clock_gettime-vdso enosys-syscall getppid-int80 getppid-syscall
	  getppid-vsyscall32 int3-sigtrap pf-minor pipe-pingpong sched_yield-syscall)
for p in "${expected[@]}"; do
	line=$(grep "^$p " "$scratch/one.table") || fail "probe $p missing"
	if [ "$p" = getppid-vsyscall32 ] && [ ! -e "$EB_LINUX_GUEST_DIR/probe32" ]; then
		[[ $line == *" skipped "*"gcc-multilib"* ]] || fail "$line"
		continue
	fi
	[[ $line =~ \ pass\ +[0-9]+\.[0-9]+\ 16/16 ]] || fail "$line"
done
[ "$(grep -c ' pass ' "$scratch/one.table")" -ge 8 ] || fail "fewer than 8 probes passed"
# Under TCG -cpu max is AMD: __kernel_vsyscall takes SYSCALL, and says so.
[ ! -e "$EB_LINUX_GUEST_DIR/probe32" ] ||
	grep -q '^getppid-vsyscall32 .* entry syscall ' "$scratch/one.table" ||
	fail "getppid-vsyscall32 does not say SYSCALL ran"
# Exact counts: a system call's batches are all alike, so its median is whole.
for p in getppid-syscall enosys-syscall getppid-int80; do
	grep -qE "^$p .* pass +[0-9]+\.00 " "$scratch/one.table" || fail "$p: not a whole count"
done
echo "PASS"
