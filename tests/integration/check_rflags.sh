# The check compares RFLAGS: a kernel built with
# -DEB_INJECT=int80-ptregs:rflags-af flips RFLAGS.AF alone in the IRET
# frame that variant's entry returns through (AF is the arithmetic flag the
# canary leaves clear).  The variant must fail with rflags named, alone,
# want and got differing in AF only; the other variant of the boot still
# passes.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"
culprit=int80-ptregs bystander=syscall-sysret
AF=$((1 << 4))

cmake -S "$EB_SOURCE_DIR" -B "$scratch/b" -DEB_INJECT=$culprit:rflags-af >"$scratch/cmake" 2>&1 &&
	cmake --build "$scratch/b" --target kernel-x86_64 -j"$(nproc)" >>"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "building the planted kernel failed"; }
grep -qx "$culprit:rflags-af" "$scratch/b/bench-kernel/inject.txt" || fail "inject.txt not written"

r=$scratch/r.json
eb run --accel tcg --trials 1 --kernel-dir "$scratch/b/bench-kernel" \
	--variants $culprit,$bystander --out "$r"
expect_status 1
expect_output "$culprit.*rflags"

[ "$(jqr "$r" ".variants[] | select(.name == \"$culprit\") | .status")" = fail ] ||
	fail "$culprit not recorded as failed"
detail=$(jqr "$r" ".variants[] | select(.name == \"$culprit\") | .check_detail")
[[ $detail =~ ^rflags:\ want\ 0x([0-9a-f]{16})\ got\ 0x([0-9a-f]{16})$ ]] ||
	fail "the detail names other than rflags alone: '$detail'"
[ $((0x${BASH_REMATCH[1]} ^ 0x${BASH_REMATCH[2]})) = $AF ] ||
	fail "want and got differ in other than AF: '$detail'"
[ "$(jqr "$r" ".variants[] | select(.name == \"$bystander\") | .status")" = pass ] ||
	fail "$bystander did not pass beside the failure"
