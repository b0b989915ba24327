# SIGINT and SIGTERM in the middle of a matrix: the QEMU of the boot in
# progress is killed and reaped (checked by its pid), the completed trial is
# written, marked "interrupted": true, and the exit status is 128 + signal.
source "$(dirname "$0")/lib.sh"
out="$scratch/r.json"
set -m	# else background jobs start with SIGINT ignored

# wait_boot N: until the fake has started its N-th measuring boot.
wait_boot() {
	for _ in $(seq 200); do
		[ "$(cat "$scratch/state/boots" 2>/dev/null)" = "$1" ] && sleep 0.3 && return
		sleep 0.1
	done
	fail "boot $1 never started"
}

for sig in INT TERM; do
	rm -f "$scratch/state/"* "$out"
	"$ENTRYBENCH" run --accel tcg --qemu "$(fake slow)" --trials 3 --timeout 120 \
		syscall-sysret --out "$out" >"$scratch/out" 2>&1 &
	pid=$!
	wait_boot 2
	qemu=$(tail -n 1 "$scratch/state/pids")
	grep -q qemu "/proc/$qemu/cmdline" || fail "boot 2 is not a running QEMU"
	SECONDS=0
	kill -s $sig $pid
	status=0
	wait $pid || status=$?
	expect_status $((128 + $(kill -l $sig)))
	[ $SECONDS -lt 5 ] || fail "SIG$sig took $SECONDS s to act on"
	expect_output "run: interrupted by SIG$sig after 1 boot\(s\)"
	expect_output "wrote .* \(interrupted: incomplete\)"
	no_survivors
	jqr "$out" '.interrupted == true' >/dev/null
	jqr "$out" '.variants[0].trials | length == 1 and .[0].status == "pass"' >/dev/null
	jqr "$out" '.variants[0].status == "pass" and .variants[0].summary.n == 1' >/dev/null
	"$ENTRYBENCH" show "$out" >/dev/null || fail "show rejects an interrupted file"
done

# Interrupted before any trial completed: the old results stay as they were.
echo '{"old": true}' >"$out"
rm -f "$scratch/state/"*
echo 1 >"$scratch/state/boots"	# the first measuring boot is already slow
"$ENTRYBENCH" run --accel tcg --qemu "$(fake slow)" --trials 3 --timeout 120 \
	syscall-sysret --out "$out" >"$scratch/out" 2>&1 &
pid=$!
wait_boot 2
kill -s INT $pid
status=0
wait $pid || status=$?
expect_status 130
expect_output "no trial completed; .* left as it was"
[ "$(cat "$out")" = '{"old": true}' ] || fail "the old results were replaced"
no_survivors
