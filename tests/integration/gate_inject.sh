# An injected regression fails the gate.  The bench kernel's build option
# -DEB_INJECT=<variant>:<N> adds N instructions to that variant's entry
# path and writes bench-kernel/inject.txt; without it the test is skipped.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"

eb baseline update --baseline "$scratch/b.json" --reason "before injection"
expect_status 0

cmake -S "$EB_SOURCE_DIR" -B "$scratch/b" -DEB_INJECT=syscall-ptregs:5 >"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "configure failed"; }
# Every image (kernel-<mode>), or the other modes' variants go missing.
mapfile -t kernels < <(cmake --build "$scratch/b" --target help | grep -oE 'kernel-[a-z0-9_]+$')
[ ${#kernels[@]} -ge 1 ] || fail "no kernel-<mode> target in the build"
cmake --build "$scratch/b" --target "${kernels[@]}" -j"$(nproc)" >>"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "building the injected kernels failed"; }
inject=$scratch/b/bench-kernel/inject.txt
[ -f "$inject" ] || { echo "EB_INJECT not supported by this tree (no $inject)"; exit 77; }
[ "$(cat "$inject")" = "syscall-ptregs:5" ] || fail "$inject says '$(cat "$inject")'"

eb gate --baseline "$scratch/b.json" --kernel-dir "$scratch/b/bench-kernel"
expect_status 1
expect_output 'syscall-ptregs +x86_64 .*FAIL \(\+5 insns\)'
expect_output '^gate: FAIL: syscall-ptregs \(x86_64\) \+5 insns$'

# The cycle gate's orchestration sees it too: under TCG the counts are
# exact, so 8 pairs give the interval [97/92, 97/92] above the limit, and
# the FAIL is confirmed over both sets pooled.
eb gate --cycles --accel tcg --trials 8 --base-kernel-dir "$ENTRYBENCH_KERNEL_DIR" \
	--new-kernel-dir "$scratch/b/bench-kernel" --variants syscall-ptregs,int80 \
	--out-dir "$scratch/g"
expect_status 1
expect_output 'first set FAILs: confirming'
expect_output 'set 2, boot order'
expect_output '^syscall-ptregs +x86_64 +16 +1\.0543 \[ 1\.0543, +1\.0543\] +1\.0109 +FAIL \(\+5\.00 insns\)$'
expect_output 'gate: FAIL: syscall-ptregs \(slower, confirmed\)$'
[ -f "$scratch/g/new-2.json" ] || fail "confirmation set not written"
