# A planted nop in an entry makes gate name the function and the offset:
# the baseline keeps each variant's x-ray (baseline update), the gate takes
# the candidate's on a regression and diffs them by function.  The planted
# kernel is the EB_INJECT build of gate_inject.sh, one nop at the start of
# syscall-sysret's entry.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"

eb baseline update --baseline "$scratch/b.json" --reason "before the nop"
expect_status 0
jqr "$scratch/b.json" '.variants[] | select(.name == "syscall-sysret") | .xray.functions[] | select(.name == "entry_SYSCALL_64_minimal") | .steps' >/dev/null

cmake -S "$EB_SOURCE_DIR" -B "$scratch/b" -DEB_INJECT=syscall-sysret:1 >"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "configure failed"; }
cmake --build "$scratch/b" --target kernel-x86_64 -j"$(nproc)" >>"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "building the planted kernel failed"; }
[ -f "$scratch/b/bench-kernel/inject.txt" ] || { echo "EB_INJECT not supported by this tree"; exit 77; }
# The other images from the tree under test, so that only the nop differs.
cp "$ENTRYBENCH_KERNEL_DIR"/kernel-i386.* "$scratch/b/bench-kernel/"

eb gate --baseline "$scratch/b.json" --kernel-dir "$scratch/b/bench-kernel"
expect_status 1
expect_output '^gate: FAIL: syscall-sysret \(x86_64\) \+1 insns$'
expect_output '^syscall-sysret \+1: entry_SYSCALL_64_minimal \+1 \(nop at \+0x0\)$'

# compare --xray says the same of two x-ray files.
eb xray syscall-sysret --out "$scratch/a.json"
expect_status 0
eb xray syscall-sysret --kernel-dir "$scratch/b/bench-kernel" --out "$scratch/n.json"
expect_status 0
eb compare --xray "$scratch/a.json" "$scratch/n.json"
expect_status 0
expect_output '^syscall-sysret \+1: entry_SYSCALL_64_minimal \+1 \(nop at \+0x0\)'
eb run syscall-sysret --accel tcg --trials 1 --out "$scratch/plain.json"
expect_status 0
eb compare --xray "$scratch/a.json" "$scratch/plain.json"
expect_status 2
expect_output 'no variant is x-rayed in both'
