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
