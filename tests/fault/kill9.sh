# Results are replaced atomically: kill -9 of the controller in the middle
# of a run leaves the old --out byte for byte, no temporary file behind,
# and no QEMU (it dies with its parent).  A good run then replaces it with
# a complete, readable file.
source "$(dirname "$0")/lib.sh"
out="$scratch/r.json"
set -m

eb run --accel tcg --trials 1 syscall-sysret --out "$out"
expect_status 0
cp "$out" "$scratch/good.json"

"$ENTRYBENCH" run --accel tcg --qemu "$(fake slow)" --trials 3 --timeout 120 \
	syscall-sysret int80 --out "$out" >"$scratch/out" 2>&1 &
pid=$!
for _ in $(seq 200); do
	[ "$(cat "$scratch/state/boots" 2>/dev/null)" = 2 ] && break
	sleep 0.1
done
sleep 0.3
kill -9 $pid
wait $pid || true
cmp "$out" "$scratch/good.json" || fail "the old results file changed"
! ls "$scratch" | grep '\.tmp\.' || fail "a temporary file was left"
for _ in $(seq 50); do	# SIGKILL from the kernel when the parent died
	[ -z "$(survivors)" ] && break
	sleep 0.1
done
no_survivors

# A completed run replaces it, readable by others (not mkstemp's 0600).
eb run --accel tcg --trials 1 int80 --out "$out"
expect_status 0
"$ENTRYBENCH" show "$out" | grep -q '^int80 ' || fail "the new file is not the new run"
want=$(printf '%o' $((0666 & ~0$(umask))))
[ "$(stat -c %a "$out")" = "$want" ] || fail "mode $(stat -c %a "$out"), expected $want"
