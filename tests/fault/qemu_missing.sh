# QEMU missing, not executable, not a program, or refusing to start: a
# message naming the cause and the fix; exit 2: --qemu, PATH or the QEMU
# version is for the user to fix.
source "$(dirname "$0")/lib.sh"
out="$scratch/r.json"

eb run --accel tcg --qemu "$scratch/no-such-qemu" --out "$out"
expect_status 2
expect_output "QEMU $scratch/no-such-qemu: No such file or directory; install it with ci/setup.sh \(Debian package qemu-system-x86\) or pass --qemu PATH"

echo 'not a program' >"$scratch/notexec"
chmod 644 "$scratch/notexec"
eb list --qemu "$scratch/notexec"
expect_status 2
expect_output "notexec: not an executable file; install it"

eb list --qemu "$scratch"
expect_status 2
expect_output "not an executable file"

# Executable bits on something exec() refuses.
printf '\x7fELF garbage' >"$scratch/badelf"
chmod 755 "$scratch/badelf"
eb run --accel tcg --qemu "$scratch/badelf" --out "$out"
expect_status 2
expect_output "cannot start QEMU $scratch/badelf: Exec format error"

eb_nopath() {
	status=0
	env PATH=/nonexistent "$ENTRYBENCH" "$@" >"$scratch/out" 2>&1 || status=$?
}
eb_nopath list
expect_status 2
expect_output "QEMU qemu-system-x86_64: not found in PATH; install it with ci/setup.sh"

# A real QEMU that exits at start, before the guest runs (unknown -cpu).
printf '#!/bin/sh\nexec %s "$@" -cpu no-such-model\n' "$real_qemu" >"$scratch/bin/refuses"
chmod 755 "$scratch/bin/refuses"
eb list --qemu "$scratch/bin/refuses"
expect_status 2
expect_output "listing variants failed: error: QEMU exited with status 1 before the guest printed anything: .*no-such-model.*\(check --qemu, --accel and the QEMU version; -v prints the command line\)"

# Not a QEMU at all, exiting 0 without a word: indistinguishable from a
# guest reset before its first line, and the message says both.
eb run --accel tcg --qemu /bin/true --out "$out"
expect_status 2
expect_output "listing variants failed: crashed: QEMU exited with status 0 and no guest output: a reset \(triple fault\) before the first line, or /bin/true is not a QEMU"

[ ! -e "$out" ] || fail "a results file was written"
