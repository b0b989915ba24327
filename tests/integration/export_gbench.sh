# `export --format gbench` writes what Google Benchmark's compare.py reads.
source "$(dirname "$0")/lib.sh"

compare=/usr/share/benchmark/compare.py
[ -f "$compare" ] || { echo "no $compare (libbenchmark-tools)"; exit 77; }

eb run --accel tcg --trials 3 --variants syscall-sysret,int80 --out "$scratch/r.json"
expect_status 0
eb export --format gbench "$scratch/r.json" -o "$scratch/g.json"
expect_status 0
jqr "$scratch/g.json" '.benchmarks | length == 6' >/dev/null || fail "expected 6 repetitions"
jqr "$scratch/g.json" '.benchmarks[0].name | test("/tcg/insns$")' >/dev/null || fail "unit missing from name"

/usr/bin/python3 "$compare" benchmarks "$scratch/g.json" "$scratch/g.json" >"$scratch/cmp" 2>&1 ||
	{ cat "$scratch/cmp" >&2; fail "compare.py rejected the export"; }
grep -q 'syscall-sysret/tcg/insns' "$scratch/cmp" || { cat "$scratch/cmp" >&2; fail "compare.py output lacks the variant"; }

# a torture has verdicts, no timings: nothing exported, not figures of 0
eb run --accel tcg --torture nmi-copied --trials 1 --out "$scratch/t.json"
expect_status 0
eb export --format gbench "$scratch/t.json" -o "$scratch/tg.json"
expect_status 2
expect_output 't.json: no variant has a timed, passing trial: nothing to export'
[ ! -e "$scratch/tg.json" ] || fail "an empty export was written"

# -o makes missing directories, as run --out does
eb export --format gbench "$scratch/r.json" -o "$scratch/new/dir/g.json"
expect_status 0
[ -s "$scratch/new/dir/g.json" ] || fail "export -o did not create the directories"
