# Sourced by every fake QEMU.  List boots (eb.list) and --version go to the
# real QEMU so that the controller learns the real variants; measuring
# boots misbehave.
echo $$ >>"$FAKE_STATE/pids"
# The controller must have reaped every earlier boot: log zombie siblings.
ps -o pid=,stat= --ppid "$PPID" | awk '$2 ~ /^Z/' >>"$FAKE_STATE/zombies"

listing=false
for a in "$@"; do
	[ "$a" = eb.list ] || [ "$a" = --version ] && listing=true
done
$listing && exec "$REAL_QEMU" "$@"

# boot: 1 for the first measuring boot, 2 for the next...  Under a lock:
# the linux tier starts its boots side by side, and two fakes reading the
# count at once would both write 1.
exec 9>>"$FAKE_STATE/boots.lock"
flock 9
boot=$(( $(cat "$FAKE_STATE/boots" 2>/dev/null || echo 0) + 1 ))
echo $boot >"$FAKE_STATE/boots"
flock -u 9
exec 9>&-

# The real guest's output for these arguments.
real() {
	"$REAL_QEMU" "$@" </dev/null
}
