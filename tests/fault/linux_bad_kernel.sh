#!/usr/bin/env bash
# run --guest linux with kernels that are not what they should be, fast:
# a file that is no kernel and a damaged ELF are one line and exit 2 before
# anything boots; a bzImage whose vmlinux lacks the PVH note falls back to
# the bzImage boot; a kernel that panics (a reset) and one that hangs (the
# per-boot timeout) are errors with the tail of the guest's console, in
# both columns at once; SIGINT stops both boots at once (exit 130).  The
# kernels are fakes (fakes/linux_kernel.py): 16-bit setup code that prints
# on the serial port, then triple-faults or halts.
source "$(dirname "$0")/lib.sh"
out="$scratch/r.json"
mk() { python3 "$fakes/linux_kernel.py" "$@" || fail "fakes/linux_kernel.py $*"; }

# one_line RE: exit 2, one line on stderr matching RE, no results file
one_line() {
	expect_status 2
	[ "$(wc -l <"$scratch/out")" -eq 1 ] || { cat "$scratch/out" >&2; fail "not one line"; }
	expect_output "^entrybench: run: $1"
	[ ! -e "$out" ] || fail "a results file after bad input"
}

echo "not a kernel" >"$scratch/text"
eb run --guest linux --linux-kernel "$scratch/text" --out "$out"
one_line "$scratch/text: not a bzImage \(no Linux boot-protocol header\)"
printf '\177ELF\002\001\001' >"$scratch/elf"
eb run --guest linux --linux-kernel "$scratch/elf" --out "$out"
one_line "$scratch/elf: a damaged or big-endian ELF file"
eb run --guest linux --linux-kernel "$scratch/none" --out "$out"
one_line "--linux-kernel $scratch/none: No such file or directory"
mk panic "$scratch/panic"
echo "hello world" >"$scratch/map"
eb run --guest linux --linux-kernel "$scratch/panic" --linux-system-map "$scratch/map" --out "$out"
one_line "--linux-system-map $scratch/map: not a System.map"

# A panic: both columns crash at once, the console's last words in each.
SECONDS=0
eb run --guest linux --linux-kernel "$scratch/panic" --linux-append "" -v --out "$out"
expect_status 1
expect_output "kernel: booting the bzImage through the firmware \(slower\): its vmlinux has no PVH entry note"
for cpu in amd intel; do
	expect_output "^trial 1/1 $cpu: crashed \([0-9.]+ s\): the kernel reset before /init reported .*; console: Kernel panic - not syncing: fake kernel of the fault tests$"
done
grep -q -- "-kernel $scratch/panic " "$scratch/out" || fail "the bzImage itself was not booted"
expect_output "run: no trial completed; $out left as it was"
[ ! -e "$out" ] || fail "a results file without a trial"

# A hang: killed at the per-boot timeout, both boots side by side.
mk hang "$scratch/hang"
SECONDS=0
eb run --guest linux --linux-kernel "$scratch/hang" --linux-append "" --timeout 3 --out "$out"
expect_status 1
for cpu in amd intel; do
	expect_output "^trial 1/1 $cpu: timeout \(3\.[0-9]+ s\): timeout after 3 s \(killed\); last line: none; console: fake kernel of the fault tests: hanging$"
done
[ $SECONDS -lt 10 ] || fail "two 3 s timeouts took $SECONDS s: not side by side"

# SIGINT with two boots running: both QEMUs go at once, whichever thread
# the signal reached.
set -m	# else background jobs start with SIGINT ignored
echo '{"old": true}' >"$out"
"$ENTRYBENCH" run --guest linux --linux-kernel "$scratch/hang" --linux-append "" \
	--qemu "$(fake real)" --timeout 60 --out "$out" >"$scratch/out" 2>&1 &
pid=$!
# Waiting for readiness, not timing it: a loaded CI machine under ASan
# took over 10 s to get both QEMUs going.
for _ in $(seq 600); do
	[ "$(cat "$scratch/state/boots" 2>/dev/null)" = 2 ] && break
	sleep 0.1
done
[ "$(cat "$scratch/state/boots" 2>/dev/null)" = 2 ] ||
	{ cat "$scratch/out" >&2; fail "the two boots did not start"; }
sleep 0.5
SECONDS=0
kill -s INT $pid
status=0
wait $pid || status=$?
expect_status 130
[ $SECONDS -lt 5 ] || fail "SIGINT took $SECONDS s to stop both boots"
[ "$(cat "$out")" = '{"old": true}' ] || fail "the old results were replaced"
no_survivors
echo PASS
