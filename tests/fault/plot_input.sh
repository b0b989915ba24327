# plot against awkward and hostile input: names that try gnuplot's
# `command` substitution, ratios that are all exactly 1, trends with a
# variant that never passed or with two files, bad input (mixed units, an
# unknown variant, an unusable -o: exit 2 naming the cause, before gnuplot
# runs) and two files of the same name in different directories.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"
command -v gnuplot >/dev/null || { echo "no gnuplot (gnuplot-nox)"; exit 77; }
export ENTRYBENCH_PLOTS_DIR=$EB_SOURCE_DIR/plots
# gnuplot runs here: a substituted `touch NAME` would land here
cd "$scratch" || exit 1

a=$scratch/a.json
o=$scratch/plots
eb run --accel tcg --trials 3 --variants syscall-sysret,int80 --out "$a"
expect_status 0

# figures STEM...: each written as a non-empty PNG and SVG
figures() {
	local s
	for s; do
		[ -s "$o/$s.png" ] || fail "$s.png missing or empty"
		[ -s "$o/$s.svg" ] || fail "$s.svg missing or empty"
	done
}

# quiet: gnuplot warned of nothing
quiet() {
	! grep -qi -e warning -e error "$scratch/out" || { cat "$scratch/out" >&2; fail "gnuplot complained"; }
}

# usage_error CAUSE_RE ARGS...: exit 2, a message matching CAUSE_RE, and no
# figure (nothing reached gnuplot)
usage_error() {
	local re=$1
	shift
	rm -rf "$o"
	eb plot "$@"
	expect_status 2
	expect_output "^entrybench: plot: .*$re"
	[ -z "$(find "$o" -name '*.png' 2>/dev/null)" ] || fail "'$*' drew figures"
}

# 1. A variant name and a file name that try `command` substitution (and a
# quote, which the quoting must escape): drawn literally, never run.
jq '(.variants[] | select(.name == "int80") | .name) = "it'\''s `touch pwned-name`"' \
	"$a" >"$scratch/inj.json"
cp "$scratch/inj.json" "$scratch/\`touch pwned-file\`.json"
eb plot --kind bars,trend "$scratch/inj.json" "$scratch/\`touch pwned-file\`.json" -o "$o"
expect_status 0
eb plot --kind compare,tiers "$scratch/inj.json" "$scratch/\`touch pwned-file\`.json" -o "$o"
expect_status 0
# dist draws cycles only: the same names in a file of tier kvm
jq '.environment.tier = "kvm" | .variants[] |= (.tier = "kvm" | .unit = "tsc_cycles")' \
	"$scratch/inj.json" >"$scratch/injk.json"
reseal "$scratch/injk.json"
eb plot --kind dist "$scratch/injk.json" -o "$o"
expect_status 0
if [ -e pwned-name ] || [ -e pwned-file ]; then
	fail "gnuplot ran a command from a variant or file name"
fi
figures inj-bars-insns injk-dist-tsc_cycles "\`touch pwned-file\`-bars-insns" trend-insns \
	"compare-\`touch pwned-file\`-vs-inj-insns" tiers
grep -q 'touch pwned-name' "$o/inj-bars-insns.svg" || fail "the name is not drawn as it is"

# 2. A file against itself: every ratio exactly 1 is a plot, not an empty
# y range.
rm -rf "$o"
eb plot --kind compare "$a" "$a" -o "$o"
expect_status 0
quiet
figures compare-a-vs-a-insns

# 3. Trends: a variant without a passing trial in any file is left out and
# said so; two files (or one) draw without warnings.
jq '(.variants[] | select(.name == "int80")) |= (.status = "skipped"
	| .skip_reason = "the CPU lacks it" | .summary = null
	| .trials |= map(.status = "skipped" | .value = null | .batches = [] | del(.counters)))' \
	"$a" >"$scratch/s.json"
rm -rf "$o"
eb plot --kind trend "$scratch/s.json" "$scratch/s.json" "$scratch/s.json" -o "$o"
expect_status 0
expect_output 'int80 \(x86_64\) has no passing trial in any file \(status skipped\): left out'
figures trend-insns
eb plot --kind trend "$scratch/s.json" "$scratch/s.json" --variants int80 -o "$o"
expect_status 2
expect_output 'nothing to plot'
jq '(.variants[].trials[].value) += 2
    | (.variants[].summary) |= with_entries(if .key == "n" then . else .value += 2 end)' \
	"$a" >"$scratch/b.json"
for files in "$a $scratch/b.json" "$a"; do
	rm -rf "$o"
	# shellcheck disable=SC2086
	eb plot --kind trend $files -o "$o"
	expect_status 0
	quiet
	figures trend-insns
done

# 4. Bad input: exit 2 naming the cause, before gnuplot runs.
jq '.environment.tier = "kvm" | .variants[] |= (.tier = "kvm" | .unit = "tsc_cycles")' \
	"$a" >"$scratch/k.json"
reseal "$scratch/k.json"
usage_error "a.json has insns figures \(tier tcg\), .*k.json has tsc_cycles \(tier kvm\)" \
	--kind trend "$a" "$scratch/k.json" -o "$o"
usage_error "--variants nosuch: no such variant" \
	--kind trend "$a" "$a" --variants int80,nosuch -o "$o"
touch "$scratch/file"
usage_error "output directory .*/file \(-o\): not a directory" "$a" -o "$scratch/file"
usage_error "output directory .*/file/sub \(-o\): cannot create directory .*/file/sub: Not a directory" \
	"$a" -o "$scratch/file/sub"
# missing parents are made, like run --out and gate --out-dir
eb plot "$a" -o "$scratch/new/deeper/plots"
expect_status 0
[ -s "$scratch/new/deeper/plots/a-bars-insns.png" ] || fail "plot -o did not create the directories"
mkdir "$scratch/ro"
chmod 555 "$scratch/ro"
ro=$scratch/ro
# root writes anywhere (but not into sysfs)
if [ -w "$ro" ]; then ro=/sys; fi
[ ! -d "$ro" ] || usage_error "output directory $ro \(-o\): cannot write in it: Permission denied" \
	"$a" -o "$ro"
chmod 755 "$scratch/ro"

# 5. Two files named a.json in different directories: the second one's
# figures are a-2-*, not a-* again; one file named twice is drawn once.
mkdir "$scratch/runs" "$scratch/other"
cp "$a" "$scratch/runs/a.json"
cp "$scratch/b.json" "$scratch/other/a.json"
rm -rf "$o"
eb plot "$scratch/runs/a.json" "$scratch/other/a.json" "$scratch/runs/a.json" -o "$o"
expect_status 0
figures a-bars-insns a-2-bars-insns
[ "$(grep -c 'a-bars-insns.png' "$scratch/out")" -eq 1 ] || fail "a file named twice was drawn twice"
# the default set skips dist of exact counts, saying so, once per file
[ "$(grep -c '^no dist of .*a.json: tier tcg counts insns exactly' "$scratch/out")" -eq 2 ] ||
	{ cat "$scratch/out" >&2; fail "dist was not skipped with the reason"; }
[ -z "$(find "$o" -name '*-dist-*')" ] || fail "dist drew exact counts"
grep -q '>a-2: tier tcg' "$o/a-2-bars-insns.svg" || fail "a-2 does not title the second file"
grep -q '>6<' "$o/a-2-bars-insns.svg" || fail "a-2 does not show the second file's medians"
eb plot --help
expect_output 'a-2'

# 6. Two trials of a constant count: GSL's p5 is 2.9999999999999996, which
# gnuplot once could not put tics on.
eb run --accel tcg --trials 2 --variants int80 --out "$scratch/two.json"
expect_status 0
rm -rf "$o"
eb plot --kind trend "$a" "$scratch/two.json" --variants int80 -o "$o"
expect_status 0
quiet
figures trend-insns

# 7. --variants chooses for bars and dist too; a chosen variant without a
# figure (failed, skipped) is named in the title, never silently absent.
jq '(.variants[] | select(.name == "int80")) |= (.status = "fail" | .summary = null
	| .trials[].status = "fail" | .trials[].value = null)' "$a" >"$scratch/failed.json"
rm -rf "$o"
eb plot "$scratch/failed.json" --variants int80,syscall-sysret -o "$o"
expect_status 0
quiet
grep -q 'no figure: int80 fail' "$o/failed-bars-insns.svg" || fail "the failed variant is not named"
jq '.environment.tier = "kvm" | .variants[] |= (.tier = "kvm" | .unit = "tsc_cycles")' \
	"$scratch/failed.json" >"$scratch/failedk.json"
reseal "$scratch/failedk.json"
eb plot --kind dist "$scratch/failedk.json" --variants int80,syscall-sysret -o "$o"
expect_status 0
grep -q 'no figure: int80 fail' "$o/failedk-dist-tsc_cycles.svg" || fail "dist does not name the failed variant"
eb plot "$a" --variants syscall-sysret -o "$o"
expect_status 0
grep -q 'int80' "$o/a-bars-insns.svg" && fail "--variants did not choose for bars"

# 8. A torture has verdicts, no figures: nothing to plot, exit 2.
eb run --accel tcg --torture nmi-copied --trials 1 --out "$scratch/torture.json"
expect_status 0
usage_error "torture.json: no variant has a figure .*verdicts only" "$scratch/torture.json" -o "$o"

# 9. A kind or format that cannot be, or a kind that cannot draw these
# files: exit 2 with the valid ones or the reason, before gnuplot runs.
usage_error "--kind nosuch: 'nosuch' is not one of bars, dist, heatmap, compare, reality, tiers, trend" \
	--kind nosuch "$a" -o "$o"
usage_error "--format gif: 'gif' is not one of png, svg" --format gif "$a" -o "$o"
usage_error "--kind dist: .*a.json: tier tcg counts insns exactly: .*no distribution" \
	--kind dist "$a" -o "$o"
usage_error "--kind heatmap: .*a.json: tier tcg has no columns: .*--kind tiers" \
	--kind heatmap "$a" -o "$o"
usage_error "--kind tiers takes two or more results files" --kind tiers "$a" -o "$o"
# --kind dist of a tcg and a kvm file: the kvm one drawn, the tcg one skipped
eb plot --kind dist "$a" "$scratch/k.json" -o "$o"
expect_status 0
expect_output "^no dist of .*a.json: tier tcg counts insns exactly"
figures k-dist-tsc_cycles
# --format: only what was asked for
rm -rf "$o"
eb plot --format svg "$a" -o "$o"
expect_status 0
[ -s "$o/a-bars-insns.svg" ] && [ ! -e "$o/a-bars-insns.png" ] || fail "--format svg wrote $(ls "$o")"
expect_output "^wrote .*a-bars-insns.svg$"
