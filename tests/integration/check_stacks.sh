# The check of the entry stack pointers: a kernel built with
# -DEB_INJECT=int80-ptregs:stack-leak lowers tss.sp0 by 16 at that
# variant's entry, as an entry that leaked stack on every call would.  The
# variant must fail with the stack named, registers intact; the other
# variant of the boot still passes.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"
culprit=int80-ptregs bystander=syscall-sysret

cmake -S "$EB_SOURCE_DIR" -B "$scratch/b" -DEB_INJECT=$culprit:stack-leak >"$scratch/cmake" 2>&1 &&
	cmake --build "$scratch/b" --target kernel-x86_64 -j"$(nproc)" >>"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "building the planted kernel failed"; }
grep -qx "$culprit:stack-leak" "$scratch/b/bench-kernel/inject.txt" || fail "inject.txt not written"

r=$scratch/r.json
eb run --accel tcg --trials 1 --kernel-dir "$scratch/b/bench-kernel" \
	--variants $culprit,$bystander --out "$r"
expect_status 1
expect_output "$culprit.*kernel entry stack pointer"

[ "$(jqr "$r" ".variants[] | select(.name == \"$culprit\") | .status")" = fail ] ||
	fail "$culprit not recorded as failed"
detail=$(jqr "$r" ".variants[] | select(.name == \"$culprit\") | .check_detail")
[ "$detail" = "a round trip moved a kernel entry stack pointer (stack leak per call)" ] ||
	fail "unexpected detail: '$detail'"
[ "$(jqr "$r" ".variants[] | select(.name == \"$bystander\") | .status")" = pass ] ||
	fail "$bystander did not pass beside the failure"
