#!/usr/bin/env bash
# `entrybench run --guest linux` end to end with Debian's kernel from the
# cache: two runs of a CPU-vendor matrix (AMD and Intel, two QEMUs at a
# time) give identical figures and every probe passes with the entry the
# vDSO took named; show prints the probe x command-line table, compare
# puts each bench-kernel model beside its Linux probe, a run compares and
# gates against itself, export names the column; a real kernel panic
# (rdinit=/nope) is one column's crash with the console's last words while
# the other column keeps its figures.  Skips (77) without the kernel.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}" "${EB_LINUX_GUEST_DIR:?set by ctest}"

cache=$(bash "$EB_SOURCE_DIR/ci/linux-kernel.sh" --dir)
if [ ! -e "$cache/current/vmlinuz" ]; then
	echo "skipped: no Debian kernel in $cache (ci/linux-kernel.sh fetches it)"
	exit 77
fi
command -v qemu-system-x86_64 >/dev/null || { echo "skipped: no qemu-system-x86_64"; exit 77; }
a=$scratch/a.json b=$scratch/b.json

# The initramfs names no path of this checkout (debug info, build ids):
# every clone makes the same bytes, and so the same counts.
for path in "$(realpath "$EB_SOURCE_DIR")" "$(realpath "$EB_LINUX_GUEST_DIR")"; do
	! zcat "$EB_LINUX_GUEST_DIR/initramfs.cpio.gz" | grep -qaF "$path" ||
		fail "the initramfs holds the path $path"
done

# figures FILE: every variant's column, name, status and batches
figures() {
	jq -cS '[.variants[] | {column, name, status, check_detail,
		 batches: [.trials[].batches]}]' "$1"
}

SECONDS=0
eb run --guest linux --linux-append "" --out "$a"
expect_status 0
one=$SECONDS
eb run --guest linux --linux-append "" --out "$b"
expect_status 0
echo "two runs of two columns: $one s, $((SECONDS - one)) s wall"
[ "$(figures "$a")" = "$(figures "$b")" ] || {
	diff <(figures "$a" | jq .) <(figures "$b" | jq .) >&2
	fail "two runs differ"
}
jqr "$a" '[.variants[] | .column] | unique == ["amd", "intel"]' >/dev/null
jqr "$a" '[.variants[] | select(.status != "pass")] | length == 0' >/dev/null ||
	fail "a probe did not pass: $(jq -c '[.variants[] | select(.status != "pass") | [.name, .column, .status]]' "$a")"
jqr "$a" '.environment.linux.kernel.release | test("-amd64$")' >/dev/null
jqr "$a" '.environment.linux.kernel.sha256 | test("^[0-9a-f]{64}$")' >/dev/null
jqr "$a" '.environment.linux.columns.intel.qemu_cpu | test("vendor=GenuineIntel")' >/dev/null
jqr "$a" '.environment.linux.guest_cpu.intel.vendor == "GenuineIntel"' >/dev/null
jqr "$a" '.environment.linux.cmdline.amd | startswith("console=ttyS0 nokaslr panic=-1 quiet ")' >/dev/null
jqr "$a" '.parameters.boot == "pvh" and .parameters.guest == "linux"' >/dev/null
# Which instruction the 32-bit vDSO took: SYSCALL on AMD, SYSENTER on Intel.
[ ! -e "$EB_LINUX_GUEST_DIR/probe32" ] || {
	jqr "$a" '.variants[] | select(.name == "getppid-vsyscall32" and .column == "amd") | .check_detail | test("entry syscall")' >/dev/null
	jqr "$a" '.variants[] | select(.name == "getppid-vsyscall32" and .column == "intel") | .check_detail | test("entry sysenter")' >/dev/null
	jqr "$a" '.variants[] | select(.name == "getppid-vsyscall32" and .column == "intel") | .peer == "sysenter-32"' >/dev/null
}
# Every probe's peer is a variant the bench kernel has (a renamed variant
# once left pf-minor without its model).
eb list
expect_status 0
for peer in $(jq -r '[.variants[] | .peer // empty] | unique | .[]' "$a"); do
	grep -qE "^  $peer +" "$scratch/out" ||
		fail "a probe's peer '$peer' is no bench-kernel variant"
done
# The fingerprint formula of SCHEMA.md (lib.sh's reseal) covers the kernel.
cp "$a" "$scratch/resealed.json"
reseal "$scratch/resealed.json"
[ "$(jq -r .environment.fingerprint "$scratch/resealed.json")" = "$(jq -r .environment.fingerprint "$a")" ] ||
	fail "reseal's fingerprint is not the C one for a linux file"

eb show "$a"
expect_status 0
expect_output '^cpu amd \(-cpu max,-rdrand,-rdseed\)$'
expect_output '^getppid-syscall +syscall-ptregs +[0-9]+$'
expect_output '^  getppid-vsyscall32: entry (syscall|sysenter)'

# The model against reality: the bench kernel's syscall-ptregs beside it.
eb run --accel tcg --trials 1 syscall-ptregs int80-ptregs --out "$scratch/tcg.json"
expect_status 0
eb compare "$scratch/tcg.json" "$a"
expect_status 0
expect_output '^model +mode +insns +probe +amd +ratio +intel +ratio$'
expect_output '^syscall-ptregs +x86_64 +92 +getppid-syscall +[0-9]+ +[0-9.]+x +[0-9]+ +[0-9.]+x$'
expect_output '^int80-ptregs +x86_64 +67 +getppid-int80 '
eb compare "$a" "$scratch/tcg.json"
expect_status 2
expect_output "bench kernel's file first"

eb compare "$a" "$b"
expect_status 0
expect_output '^getppid-syscall +amd +[0-9]+ +[0-9]+ +\+0 +1\.0000 +1 +1 +same$'
! grep -qE ' (more|fewer)$' "$scratch/out" || fail "a run differs from its twin"
eb gate --baseline "$a" --current "$b"
expect_status 0
expect_output '^gate: PASS \(18 variants compared'
eb export "$a" -o "$scratch/g.json"
expect_status 0
jqr "$scratch/g.json" '[.benchmarks[].name] | index("getppid-syscall[intel]/linux/insns") != null' >/dev/null

# A real panic in one column (rdinit=/nope); the other keeps its figure.
eb run --guest linux --linux-cpu amd --linux-append rdinit=/nope \
	--linux-append mitigations=off getppid-syscall --out "$scratch/p.json"
expect_status 1
expect_output '^trial 1/1 amd rdinit=/nope: crashed .*console: .*Kernel panic - not syncing'
jqr "$scratch/p.json" '.variants[] | select(.column == "amd rdinit=/nope") | .status == "crashed"' >/dev/null
jqr "$scratch/p.json" '.variants[] | select(.column == "amd rdinit=/nope") | .trials[0].detail | test("Kernel panic - not syncing")' >/dev/null
jqr "$scratch/p.json" '.variants[] | select(.column == "amd mitigations=off") | .status == "pass" and .summary.median > 0' >/dev/null
# A probe the guest does not have: its own list, once; nothing written.
eb run --guest linux --linux-cpu amd --linux-append "" nosuch --out "$scratch/n.json"
expect_status 2
[ "$(wc -l <"$scratch/out")" -eq 1 ] || { cat "$scratch/out" >&2; fail "not one line"; }
expect_output "^entrybench: run: the Linux guest refused its command line: eb\.variants names 'nosuch', which is no probe of the Linux guest; probes: .*getppid-syscall"
[ ! -e "$scratch/n.json" ] || fail "a results file for a refused command line"
echo PASS
