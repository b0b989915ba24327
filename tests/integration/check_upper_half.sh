# The check compares whole registers: a kernel built with
# -DEB_INJECT=syscall-sysret:rbx-bit32 flips bit 32 of RBX alone at that
# variant's entry, which a check of the low 32 bits would miss.  The
# variant must fail with rbx named, alone, want and got differing in that
# bit; the other variant of the boot still passes.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"
culprit=syscall-sysret bystander=syscall-ptregs

cmake -S "$EB_SOURCE_DIR" -B "$scratch/b" -DEB_INJECT=$culprit:rbx-bit32 >"$scratch/cmake" 2>&1 &&
	cmake --build "$scratch/b" --target kernel-x86_64 -j"$(nproc)" >>"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "building the planted kernel failed"; }
grep -qx "$culprit:rbx-bit32" "$scratch/b/bench-kernel/inject.txt" || fail "inject.txt not written"

r=$scratch/r.json
eb run --accel tcg --trials 1 --kernel-dir "$scratch/b/bench-kernel" \
	--variants $culprit,$bystander --out "$r"
expect_status 1
expect_output "$culprit.*rbx"

[ "$(jqr "$r" ".variants[] | select(.name == \"$culprit\") | .status")" = fail ] ||
	fail "$culprit not recorded as failed"
detail=$(jqr "$r" ".variants[] | select(.name == \"$culprit\") | .check_detail")
[[ $detail =~ ^rbx:\ want\ 0x([0-9a-f]{16})\ got\ 0x([0-9a-f]{16})$ ]] ||
	fail "the detail names other than rbx alone: '$detail'"
[ $((0x${BASH_REMATCH[1]} ^ 0x${BASH_REMATCH[2]})) = $((1 << 32)) ] ||
	fail "want and got differ in other than bit 32: '$detail'"
[ "$(jqr "$r" ".variants[] | select(.name == \"$bystander\") | .status")" = pass ] ||
	fail "$bystander did not pass beside the failure"
