# The check sees IF: the checked trip enters ring 3 with IF set and holds
# it in the canary, so a path that loses IF on its way back fails.  Planted
# (-DEB_INJECT=..., the variants' own #ifdefs): sysenter-iret-32 without the
# entry's fix of the saved IF (IRET hands ring 3 SYSENTER's IF = 0) and
# sysenter-64 without the STI before SYSEXITQ.  Each must fail with its
# flags register named alone, want and got differing in IF only.  And
# sysenter-sti-32 with a NOP between STI and SYSEXIT: its probe interrupt,
# sent from the checked trip's entry now that ring 3 has IF set, must
# strike ring 0.  The other variants of the boots still pass.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"
IF=$((1 << 9))
faults=sysenter-iret-32:no-if-fix,sysenter-64:no-sti,sysenter-sti-32:no-shadow

cmake -S "$EB_SOURCE_DIR" -B "$scratch/b" -DEB_INJECT=$faults >"$scratch/cmake" 2>&1 &&
	cmake --build "$scratch/b" --target kernel-x86_64 kernel-i386 -j"$(nproc)" \
		>>"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "building the planted kernels failed"; }
grep -qx "$faults" "$scratch/b/bench-kernel/inject.txt" || fail "inject.txt not written"

r=$scratch/r.json
eb run --accel tcg --trials 1 --kernel-dir "$scratch/b/bench-kernel" \
	--variants sysenter-iret-32,sysenter-64,sysenter-sti-32,int80-32,sysenter-32,syscall-sysret \
	--out "$r"
expect_status 1

# only_if VARIANT REG: failed on REG alone, want and got differing in IF only
only_if() {
	local detail
	[ "$(jqr "$r" ".variants[] | select(.name == \"$1\") | .status")" = fail ] ||
		fail "$1 not recorded as failed"
	detail=$(jqr "$r" ".variants[] | select(.name == \"$1\") | .check_detail")
	[[ $detail =~ ^$2:\ want\ 0x([0-9a-f]+)\ got\ 0x([0-9a-f]+)$ ]] ||
		fail "$1: the detail names other than $2 alone: '$detail'"
	[ $((0x${BASH_REMATCH[1]} ^ 0x${BASH_REMATCH[2]})) = $IF ] ||
		fail "$1: want and got differ in other than IF: '$detail'"
	[ $((0x${BASH_REMATCH[1]} & IF)) = $IF ] || fail "$1: the canary lacks IF: '$detail'"
}
only_if sysenter-iret-32 eflags
only_if sysenter-64 rflags
expect_output "sysenter-iret-32.*eflags"
[ "$(jqr "$r" '.variants[] | select(.name == "sysenter-sti-32") | .check_detail')" = \
	"the interrupt pending at sti; sysexit struck ring 0: the STI shadow did not cover SYSEXIT" ] ||
	fail "sysenter-sti-32 with a NOP in the shadow: not caught as such"

for v in int80-32 sysenter-32 syscall-sysret; do
	[ "$(jqr "$r" ".variants[] | select(.name == \"$v\") | .status")" = pass ] ||
		fail "$v did not pass beside the failures"
done
