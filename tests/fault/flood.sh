# A QEMU that prints 200 MB, on stdout (protocol-looking lines) or on
# stderr (NUL bytes): rejected with a clear message, and the controller's
# own peak RSS (getrusage(RUSAGE_SELF), printed by -v; /usr/bin/time would
# count the real QEMU of the list boot) stays under 64 MiB: it keeps 4 MiB
# of stdout at most and the last 4 KiB of stderr.
source "$(dirname "$0")/lib.sh"

flood() {
	rm -f "$scratch/state/boots"
	status=0
	eb run -v --accel tcg --qemu "$(fake "$1")" --timeout 60 --trials 1 \
		syscall-sysret --out "$scratch/r.json"
	expect_status 1
	local rss detail
	rss=$(sed -n 's/^entrybench: peak RSS \([0-9]*\) KiB$/\1/p' "$scratch/out")
	[ -n "$rss" ] || fail "$1: no peak RSS in the -v output"
	echo "$1: peak RSS $rss KiB"
	[ "$rss" -lt 65536 ] || fail "$1: peak RSS $rss KiB >= 64 MiB"
	detail=$(jtrial "$scratch/r.json" syscall-sysret 0 detail)
	grep -qE -- "$2" <<<"$detail" || fail "$1: detail '$detail' lacks /$2/"
}

flood flood_stdout '^protocol: line 2: seq 1 expected, got 0; then the output exceeded the cap: QEMU killed$'
flood flood_stderr '^QEMU exited with status 1 before the guest printed anything: \?{100}'
no_survivors
