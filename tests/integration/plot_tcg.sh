# plot: every kind from real results, PNG and SVG, gnuplot silent: bars
# grouped by family with a legend, compare coloured by verdict with a
# dominating ratio off the scale, trend as one chart, dist refused for
# exact counts; every figure's title names tier, unit, the revision and
# the environment.  The linux kinds: plot_linux.sh.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"
command -v gnuplot >/dev/null || { echo "no gnuplot (gnuplot-nox)"; exit 77; }
export ENTRYBENCH_PLOTS_DIR=$EB_SOURCE_DIR/plots

eb run --accel tcg --trials 3 --out "$scratch/a.json"
expect_status 0
# b: syscall-ptregs +5 instructions, int3 40 times dearer, nmi-fake -10
bump() {
	jq --arg v "$1" --argjson by "$2" --argjson times "$3" \
	   '(.variants[] | select(.name == $v) | .trials[].value) |= . * $times + $by
	    | (.variants[] | select(.name == $v) | .summary)
		|= with_entries(if .key == "n" then . else .value = .value * $times + $by end)'
}
bump syscall-ptregs 5 1 <"$scratch/a.json" | bump int3 0 40 | bump nmi-fake -10 1 >"$scratch/b.json"

o=$scratch/plots
eb plot "$scratch/a.json" -o "$o"
expect_status 0
expect_output '^no dist of .*a.json: tier tcg counts insns exactly'
expect_output '^no heatmap of .*a.json: tier tcg has no columns'
eb plot --kind compare "$scratch/a.json" "$scratch/b.json" -o "$o"
expect_status 0
eb plot --kind trend "$scratch/a.json" "$scratch/b.json" "$scratch/a.json" -o "$o"
expect_status 0
# gnuplot said nothing (a warning fails the command, but check the output too)
grep -qi -e warning -e error "$scratch/out" && { cat "$scratch/out" >&2; fail "gnuplot complained"; }

for stem in a-bars-insns compare-b-vs-a-insns trend-insns; do
	[ -s "$o/$stem.png" ] || fail "$stem.png missing or empty"
	[ -s "$o/$stem.svg" ] || fail "$stem.svg missing or empty"
	[ "$(head -c 8 "$o/$stem.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
		fail "$stem.png is not a PNG"
	grep -q '<svg' "$o/$stem.svg" || fail "$stem.svg is not SVG"
	# sizable: an empty plot frame is a few kB, these hold bars and labels
	[ "$(stat -c %s "$o/$stem.png")" -gt 8000 ] || fail "$stem.png looks empty"
	# the title: tier and unit; its second line: revision, QEMU, host
	grep -q 'tier tcg (TCG' "$o/$stem.svg" || fail "$stem: no tier in the title"
	grep -q 'unit insns' "$o/$stem.svg" || fail "$stem: no unit in the title"
	rev=$(jq -r '.provenance.entrybench.revision[0:12]' "$scratch/a.json")
	grep -q "revision $rev.* under QEMU [0-9]" "$o/$stem.svg" ||
		fail "$stem: the caption does not name revision $rev and QEMU"
	grep -qF "host $(jq -r .environment.cpu.model_name "$scratch/a.json")" "$o/$stem.svg" ||
		fail "$stem: the caption does not name the host CPU"
done
[ ! -e "$o/a-dist-insns.png" ] || fail "dist drew exact counts"

# bars: grouped by family, the legend names the families drawn, in order
svg=$o/a-bars-insns.svg
grep -q 'syscall-ptregs (x86_64)' "$svg" || fail "variant label missing"
legend=$(grep -oE '>(SYSCALL|INT 0x80|SYSENTER|exceptions|NMI|PV and pv-ops|hypercalls and exits)<' "$svg" | tr -d '<>' | uniq | paste -sd,)
[ "$legend" = "SYSCALL,INT 0x80,SYSENTER,exceptions,NMI,PV and pv-ops" ] ||
	fail "bars legend '$legend'"
# the tic labels run family by family: every syscall-* of family syscall
# before the first int80
first_int80=$(grep -noE '>int80[^<]*<' "$svg" | head -1 | cut -d: -f1)
last_syscall=$(grep -noE '>syscall-(sysret|ptregs|iret) \(x86_64\)<' "$svg" | tail -1 | cut -d: -f1)
[ "$last_syscall" -lt "$first_int80" ] || fail "bars are not grouped by family"

# compare: verdicts in the legend, int3's 40x off the scale, the others' changes written
svg=$o/compare-b-vs-a-insns.svg
for t in 'more instructions' 'fewer instructions' 'same' '40x off scale' '+5.43%' '-13.7%'; do
	grep -qF ">$t<" "$svg" || fail "compare lacks '$t'"
done
grep -q 'a dominating ratio off scale' "$svg" || fail "compare's y label does not say a ratio is off scale"

# trend: one chart (not a panel per variant), the three that moved and
# one line for the rest
svg=$o/trend-insns.svg
h=$(file "$o/trend-insns.png" | sed -E 's/.* x ([0-9]+),.*/\1/')
[ "$h" -lt 900 ] || fail "trend is $h px high: not one chart"
for t in 'int3 (x86_64): 3 -> 3 (120 between)' 'nmi-fake (x86_64): 73 -> 73 (63 between)' \
	 'syscall-ptregs (x86_64): 92 -> 92 (97 between)'; do
	grep -qF "$t" "$svg" || fail "trend lacks '$t'"
done
n=$(jq '[.variants[] | select(.summary != null)] | length' "$scratch/a.json")
grep -qF "unchanged: $((n - 3)) variants" "$svg" || fail "trend does not count the unchanged"
# --variants draws those chosen, moved or not
eb plot --kind trend "$scratch/a.json" "$scratch/b.json" --variants syscall-ptregs,int80 -o "$o"
expect_status 0
grep -qF 'int80 (x86_64): 4 -> 4' "$o/trend-insns.svg" || fail "trend left out a chosen variant"
grep -q 'unchanged:' "$o/trend-insns.svg" && fail "trend with --variants grouped a chosen one"

# a file that is not results: clear message, exit 2; no gnuplot scripts: exit 2
echo '{}' >"$scratch/bad.json"
eb plot "$scratch/bad.json" -o "$o"
expect_status 2
expect_output 'not an entrybench results file'
eb plot --scripts "$scratch/none" "$scratch/a.json" -o "$o"
expect_status 2
expect_output 'no gnuplot scripts in'
