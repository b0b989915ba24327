# `export` writes Google Benchmark JSON as Google Benchmark 1.7.1 itself
# writes it (checked against a file the library wrote), which its
# compare.py reads; the figure under a counter named after its unit; a
# context with nothing made up.
source "$(dirname "$0")/lib.sh"

compare=/usr/share/benchmark/compare.py
[ -f "$compare" ] || { echo "no $compare (libbenchmark-tools)"; exit 77; }

eb run --accel tcg --trials 3 --variants syscall-sysret,int80 --out "$scratch/r.json"
expect_status 0
# gbench is the default format
eb export "$scratch/r.json" -o "$scratch/g.json"
expect_status 0
jqr "$scratch/g.json" '[.benchmarks[] | select(.run_type == "iteration")] | length == 6' >/dev/null ||
	fail "expected 6 repetitions"
jqr "$scratch/g.json" '.benchmarks[0].name | test("/tcg/insns$")' >/dev/null || fail "unit missing from name"
jqr "$scratch/g.json" '[.benchmarks[] | select(.run_type == "aggregate") | .name] ==
	["int80/tcg/insns_mean", "int80/tcg/insns_median", "int80/tcg/insns_stddev", "int80/tcg/insns_cv",
	 "syscall-sysret/tcg/insns_mean", "syscall-sysret/tcg/insns_median",
	 "syscall-sysret/tcg/insns_stddev", "syscall-sysret/tcg/insns_cv"]' >/dev/null ||
	fail "aggregates are not mean, median, stddev, cv per variant"
jqr "$scratch/g.json" 'all(.benchmarks[]; .insns == .real_time and .insns == .cpu_time and (has("tsc_cycles") | not))' >/dev/null ||
	fail "the figure is not under a counter named insns"
jqr "$scratch/g.json" '.context | (has("num_cpus") or has("mhz_per_cpu") or has("cpu_scaling_enabled") or has("library_build_type")) | not' >/dev/null ||
	fail "the context of a TCG run claims what nobody measured"
jqr "$scratch/g.json" '.context.entrybench_unit == "insns" and (.context.entrybench_time_fields | test("figure in insns"))' >/dev/null ||
	fail "the context does not say what the time fields hold"

/usr/bin/python3 "$compare" benchmarks "$scratch/g.json" "$scratch/g.json" >"$scratch/cmp" 2>&1 ||
	{ cat "$scratch/cmp" >&2; fail "compare.py rejected the export"; }
grep -q 'syscall-sysret/tcg/insns_median' "$scratch/cmp" || { cat "$scratch/cmp" >&2; fail "compare.py output lacks the variant"; }

# Against a file Google Benchmark wrote itself: the native tier's, whose
# tsc_cycles counter is the figure.  Same rows, same fields, the same
# aggregates (within rounding), its own measured context.
eb native --out "$scratch/n.json" --repetitions 3 --min-time 0.01 --filter '^(getppid|enosys)-syscall$'
expect_status 0
eb export "$scratch/n.json" -o "$scratch/gn.json"
expect_status 0
jq -e -n --slurpfile gb "$scratch/n.json.gbench.json" --slurpfile ex "$scratch/gn.json" '
	def rows($f; $t): [$f[0].benchmarks[] | select(.run_type == $t)];
	(rows($gb; "aggregate") | length) == 8 and
	(rows($gb; "aggregate") | length) == (rows($ex; "aggregate") | length) and
	(rows($gb; "iteration") | length) == (rows($ex; "iteration") | length) and
	all(rows($gb; "aggregate")[]; . as $g | any(rows($ex; "aggregate")[];
		.run_name == $g.run_name + "/native/tsc_cycles" and
		.name == .run_name + "_" + $g.aggregate_name and
		.aggregate_unit == $g.aggregate_unit and
		.iterations == $g.iterations and .repetitions == $g.repetitions and
		(keys == ($g | del(.label) | keys)) and
		((.tsc_cycles - $g.tsc_cycles) | fabs) <= 1e-9 * ($g.tsc_cycles | fabs) + 1e-12)) and
	all(rows($gb; "iteration")[]; . as $g | any(rows($ex; "iteration")[];
		.run_name == $g.run_name + "/native/tsc_cycles" and
		.repetition_index == $g.repetition_index and
		.iterations == $g.iterations and .tsc_cycles == $g.tsc_cycles and
		(keys == ($g | del(.label) | keys)))) and
	($ex[0].context | del(.entrybench_tier, .entrybench_unit, .entrybench_time_fields)) == $gb[0].context
' >/dev/null || fail "the export differs from what Google Benchmark wrote"
/usr/bin/python3 "$compare" benchmarks "$scratch/gn.json" "$scratch/gn.json" >"$scratch/cmp" 2>&1 ||
	{ cat "$scratch/cmp" >&2; fail "compare.py rejected the native export"; }

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
