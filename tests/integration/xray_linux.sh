# The x-ray in the linux tier: Debian's kernel (System.map a stub, so its
# symbols come from its own kallsyms tables) runs the getppid probe; the
# path must name Linux's entry functions and add up to the measured count.
# Skips (77) without the cached kernel.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"

cache=$(bash "$EB_SOURCE_DIR/ci/linux-kernel.sh" --dir)
if [ ! -e "$cache/current/vmlinuz" ]; then
	echo "skipped: no Debian kernel in $cache"
	exit 77
fi
eb xray --guest linux getppid-syscall --functions --out "$scratch/x.json"
expect_status 0
expect_output '^entry_SYSCALL_64 +entry +[0-9]+'
expect_output '^do_syscall_64 +handler +[0-9]+'
expect_output '^getppid_syscall_trip +trip +3 '
net=$(sed -nE 's/^sum: .* = ([0-9]+) insns, .*/\1/p' "$scratch/out")
[ "$(jqr "$scratch/x.json" '.variants[0].summary.median')" = "$net" ] ||
	fail "the x-ray adds up to $net, the boot measured $(jq .variants[0].summary.median "$scratch/x.json")"

# A probe the 32-bit helper times: its loop is the helper's (32-bit code,
# decoded as such; the kernel's as 64-bit), the vDSO a region of its own.
if [ -e "$EB_LINUX_GUEST_DIR/probe32.stripped" ]; then
	eb xray --guest linux getppid-vsyscall32 --out "$scratch/x32.json"
	expect_status 0
	expect_output '^vsyscall32_trip +trip +[0-9]+ '
	expect_output '^\[vdso32\] +trip +[0-9]+ '
	expect_output '^do_fast_syscall_32 +handler +[0-9]+ '
	expect_output ' vsyscall32_trip\+0x[0-9a-f]+ +call dword ptr \['
	net=$(sed -nE 's/^sum: .* = ([0-9]+) insns, .*/\1/p' "$scratch/out")
	[ "$(jqr "$scratch/x32.json" '.variants[0].summary.median')" = "$net" ] ||
		fail "getppid-vsyscall32: the x-ray adds up to $net, the boot measured otherwise"
else
	echo "no 32-bit helper in this build (gcc-multilib): getppid-vsyscall32 not x-rayed"
fi
