# A variant that breaks the user's state is reported as failed, with the
# register that differed, and the rest of the matrix still runs: a kernel
# built with -DEB_INJECT=syscall-sysret:clobber zeroes RBX at its entry.
source "$(dirname "$0")/lib.sh"

: "${EB_SOURCE_DIR:?set by ctest}"
cmake -S "$EB_SOURCE_DIR" -B "$scratch/b" -DEB_INJECT=syscall-sysret:clobber >/dev/null
cmake --build "$scratch/b" --target kernel-x86_64 -j2 >/dev/null
grep -qx 'syscall-sysret:clobber' "$scratch/b/bench-kernel/inject.txt" || fail "inject.txt not written"

eb run --accel tcg --trials 1 --kernel-dir "$scratch/b/bench-kernel" \
	--variants syscall-sysret,syscall-ptregs --out "$scratch/r.json"
expect_status 1
expect_output 'CHECK FAILED'
expect_output 'syscall-sysret.*rbx'

r=$scratch/r.json
[ "$(jqr "$r" '.variants[] | select(.name == "syscall-sysret") | .status')" = fail ] ||
	fail "syscall-sysret not recorded as failed"
jqr "$r" '.variants[] | select(.name == "syscall-sysret") | .check_detail' | grep -q 'rbx: want' ||
	fail "the failure detail does not name rbx"
jqr "$r" '.variants[] | select(.name == "syscall-sysret") | .summary == null' >/dev/null ||
	fail "a failed variant has figures"
# the other variant of the same boot was still measured
[ "$(jqr "$r" '.variants[] | select(.name == "syscall-ptregs") | .status')" = pass ] ||
	fail "syscall-ptregs did not run after the failure"
