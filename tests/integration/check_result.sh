# The check compares the round trip's answer: a kernel built with
# -DEB_INJECT=int80-ptregs:bad-nr inverts the system call number at that
# variant's entry, so the dispatch finds no such call and the trip comes
# back with -ENOSYS instead of getppid's answer.  The variant must fail
# with rax named, alone, holding -ENOSYS; the other variant of the boot
# still passes.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"
culprit=int80-ptregs bystander=syscall-sysret
ENOSYS=$(awk '$1 == "#define" && $2 == "ENOSYS" { print $3 }' \
	"$EB_SOURCE_DIR/bench-kernel/include/processor-flags.h")
[ -n "$ENOSYS" ] || fail "no ENOSYS in bench-kernel/include/processor-flags.h"

cmake -S "$EB_SOURCE_DIR" -B "$scratch/b" -DEB_INJECT=$culprit:bad-nr >"$scratch/cmake" 2>&1 &&
	cmake --build "$scratch/b" --target kernel-x86_64 -j"$(nproc)" >>"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "building the planted kernel failed"; }
grep -qx "$culprit:bad-nr" "$scratch/b/bench-kernel/inject.txt" || fail "inject.txt not written"

r=$scratch/r.json
eb run --accel tcg --trials 1 --kernel-dir "$scratch/b/bench-kernel" \
	--variants $culprit,$bystander --out "$r"
expect_status 1
expect_output "$culprit.*rax"

[ "$(jqr "$r" ".variants[] | select(.name == \"$culprit\") | .status")" = fail ] ||
	fail "$culprit not recorded as failed"
detail=$(jqr "$r" ".variants[] | select(.name == \"$culprit\") | .check_detail")
[[ $detail =~ ^rax:\ want\ 0x([0-9a-f]{16})\ got\ 0x([0-9a-f]{16})$ ]] ||
	fail "the detail names other than rax alone: '$detail'"
[ $((0x${BASH_REMATCH[2]})) = $((-ENOSYS)) ] || fail "rax is not -ENOSYS: '$detail'"
[ "$(jqr "$r" ".variants[] | select(.name == \"$bystander\") | .status")" = pass ] ||
	fail "$bystander did not pass beside the failure"
