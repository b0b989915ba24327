#!/usr/bin/env bash
# Speed goals of the deterministic tier, measured here rather than asserted
# in timed unit tests, and the error rates of the cycle statistics:
#   - one boot-and-measure under TCG (one QEMU process, all variants): < 0.5 s
#   - the default matrix (`entrybench run`, default trials):          < 10 s
#   - an x-ray of one variant (`entrybench xray syscall-ptregs`):    < 5 s
#   - gate --cycles, simulated (tests/sim, ~3 s): A/A false FAIL <= 1 %,
#     power >= 90 % at +5 % with CV 2 % and 10 trials per arm
# Prints the median of N repetitions (default 5); exits 1 if a goal is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
eb=${EB_BUILD_DIR:-build}/host/entrybench
reps=${1:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# median_ms STATUS CMD...: wall time of CMD, median over $reps runs; each
# run must exit with STATUS (QEMU exits 1 when the guest passes), or the
# time measured would be that of a failure.
median_ms() {
	local want=$1 t0 i rc
	shift
	for ((i = 0; i < reps; i++)); do
		t0=$(now_ms)
		rc=0
		"$@" >/dev/null 2>&1 </dev/null || rc=$?
		[ "$rc" -eq "$want" ] || { echo "ci/perf.sh: $1 exited $rc, expected $want" >&2; exit 1; }
		echo $(($(now_ms) - t0))
	done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

"$eb" run --accel tcg --out "$tmp/m.json" >/dev/null
trials=$(jq -r '.parameters.trials' "$tmp/m.json")

# The exact QEMU argv the controller used for the first image.
mapfile -t argv < <(jq -r '.environment.qemu_argv | to_entries[0].value[]' "$tmp/m.json")
boot=$(median_ms 1 "${argv[@]}")
matrix=$(median_ms 0 "$eb" run --accel tcg --out "$tmp/m2.json")
xray=$(median_ms 0 "$eb" xray syscall-ptregs)

# The cycle statistics' false-FAIL rate and power (README's table);
# exits 1 when the goal the table states is missed.
"${EB_BUILD_DIR:-build}/tests/sim/cycle_gate_sim"
echo

printf 'one TCG boot-and-measure (all variants of one image): %d ms (goal < 500 ms)\n' "$boot"
printf 'default matrix (%s trials per image, list boots included): %d ms (goal < 10000 ms)\n' \
	"$trials" "$matrix"
printf 'x-ray of syscall-ptregs (list boots, plugin boot, listing): %d ms (goal < 5000 ms)\n' "$xray"
[ "$boot" -lt 500 ] && [ "$matrix" -lt 10000 ] && [ "$xray" -lt 5000 ]
