#!/usr/bin/env bash
# Speed goals of the linux tier, wall-clock, so meant for an idle machine
# (not in .ci/run: it costs about 50 s of CPU, and other jobs on the host
# would make it fail for nothing):
#   - one boot with every probe (one column of run --guest linux): < 15 s
#   - the default matrix (4 command lines x AMD and Intel, --jobs = the
#     CPUs online, two on this machine):                             < 60 s
#   - an x-ray of one probe (xray --guest linux getppid-syscall): under
#     1.2 x a plain run of that probe alone (the plugin instruments nothing
#     until the timing loop runs; it used to slow the whole boot: 1.3-1.4 x)
# Prints wall and CPU seconds of each; exits 1 if a goal is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
eb=${EB_BUILD_DIR:-build}/host/entrybench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TIMEFORMAT='%R %U %S'

# timed NAME ARGS...: "wall cpu" of `entrybench run --guest linux ARGS`
timed() {
	local t
	t=$( { time "$eb" run --guest linux "$@" --out "$tmp/r.json" >/dev/null 2>"$tmp/err"; } 2>&1 ) ||
		{ cat "$tmp/err" >&2; echo "ci/perf-linux.sh: run --guest linux $* failed" >&2; exit 1; }
	awk '{ printf "%.1f %.1f\n", $1, $2 + $3 }' <<<"$t"
}

read -r one one_cpu < <(timed --linux-cpu amd --linux-append "")
read -r matrix matrix_cpu < <(timed)
read -r single single_cpu < <(timed --linux-cpu amd --linux-append "" --variants getppid-syscall)
t=$( { time "$eb" xray --guest linux getppid-syscall --functions >/dev/null 2>"$tmp/err"; } 2>&1 ) ||
	{ cat "$tmp/err" >&2; echo "ci/perf-linux.sh: xray --guest linux failed" >&2; exit 1; }
read -r xray xray_cpu < <(awk '{ printf "%.1f %.1f\n", $1, $2 + $3 }' <<<"$t")
printf 'one boot, every probe: %s s wall, %s s CPU (goal < 15 s)\n' "$one" "$one_cpu"
printf 'default matrix, 8 columns, %s QEMUs at a time: %s s wall, %s s CPU (goal < 60 s)\n' \
	"$(jq -r .parameters.linux.jobs "$tmp/r.json")" "$matrix" "$matrix_cpu"
printf 'x-ray of getppid-syscall: %s s wall, %s s CPU (goal < 1.2 x its plain run, %s s wall)\n' \
	"$xray" "$xray_cpu" "$single"
awk -v a="$one" -v b="$matrix" -v x="$xray" -v s="$single" 'BEGIN { exit !(a < 15 && b < 60 && x < 1.2 * s) }'
