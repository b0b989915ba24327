# plot's matrices from real results files: the committed linux baseline
# (results/baseline-linux.json, a `run --guest linux` of Debian's kernel:
# probes x command lines) and a TCG run of this tree.  heatmap: a cell
# per probe and column with its median and its change against the same
# CPU's first column; tiers: variant x file, each file (linux: each
# column) a column in its own unit; reality: each model beside its
# probe; bars of a linux file: the probes' families.  No kernel boots
# but the TCG run's.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"
command -v gnuplot >/dev/null || { echo "no gnuplot (gnuplot-nox)"; exit 77; }
export ENTRYBENCH_PLOTS_DIR=$EB_SOURCE_DIR/plots
lin=$scratch/linux.json
cp "$EB_SOURCE_DIR/results/baseline-linux.json" "$lin"
o=$scratch/plots

# median FILE PROBE COLUMN
median() {
	jq -r --arg n "$2" --arg c "$3" \
		'.variants[] | select(.name == $n and .column == $c) | .summary.median' "$1"
}

# The default set of a linux file: bars and heatmap, no dist.
eb plot "$lin" -o "$o"
expect_status 0
expect_output '^no dist of .*linux.json: tier linux counts insns exactly'
grep -qi -e warning -e error "$scratch/out" && { cat "$scratch/out" >&2; fail "gnuplot complained"; }
for stem in linux-bars-insns linux-heatmap-insns; do
	[ -s "$o/$stem.png" ] && [ -s "$o/$stem.svg" ] || fail "$stem missing"
	grep -q 'tier linux (a Linux kernel' "$o/$stem.svg" || fail "$stem: no tier"
	grep -q 'unit insns' "$o/$stem.svg" || fail "$stem: no unit"
	release=$(jq -r .environment.linux.kernel.release "$lin")
	grep -qF "Linux $release (package " "$o/$stem.svg" || fail "$stem: the caption does not name Linux $release"
done
grep -q '>Linux probes: SYSCALL<' "$o/linux-bars-insns.svg" || fail "bars: no Linux probes' family"

# heatmap: every probe a row, every column a column, each cell's change
svg=$o/linux-heatmap-insns.svg
jq -r '.variants[].name' "$lin" | sort -u | while read -r p; do
	grep -qF ">$p<" "$svg" || fail "heatmap lacks the probe $p"
done
jq -r '.environment.linux.columns | keys[]' "$lin" | while read -r c; do
	grep -qF ">$c<" "$svg" || fail "heatmap lacks the column $c"
done
# getppid-syscall on AMD with pti=on against plain AMD, as the script rounds it
base=$(median "$lin" getppid-syscall amd) pti=$(median "$lin" getppid-syscall "amd pti=on")
want=$(awk -v a="$base" -v b="$pti" 'BEGIN { d = 100 * (b / a - 1); printf (d < 0 ? "%.1f%%" : "+%.1f%%"), d }')
[ "$want" != "+0.0%" ] || fail "the baseline's pti=on no longer changes getppid: pick another cell"
grep -qF ">$want<" "$svg" || fail "heatmap lacks getppid-syscall's change $want under pti=on"
grep -q "change against the same CPU's first column (amd, intel)" "$svg" || fail "heatmap: colour bar unlabelled"

# tiers: a TCG run and the linux file: 1 + (linux columns) columns
eb run --accel tcg --trials 1 --variants syscall-ptregs,int3 --out "$scratch/tcg.json"
expect_status 0
eb plot --kind tiers "$scratch/tcg.json" "$lin" -o "$o"
expect_status 0
svg=$o/tiers.svg
grep -qF '>tcg: tcg, insns<' "$svg" || fail "tiers: no tcg column"
ncols=$(jq '.environment.linux.columns | length' "$lin")
[ "$(grep -cE '>linux: linux [a-z]+[^<]*, insns<' "$svg")" -eq "$ncols" ] || fail "tiers: not $ncols linux columns"
grep -qF ">$(jq -r '.variants[] | select(.name == "syscall-ptregs") | .summary.median' "$scratch/tcg.json")<" "$svg" ||
	fail "tiers: the tcg figure of syscall-ptregs is not written"
grep -q 'figure / the least of its column (log scale; no unit)' "$svg" || fail "tiers: the colour scale is not said"

# reality: each model beside its probe, the caption names both
eb plot --kind reality "$scratch/tcg.json" "$lin" -o "$o"
expect_status 0
svg=$o/reality-linux-vs-tcg.svg
grep -qF 'getppid-syscall (amd) / syscall-ptregs' "$svg" || fail "reality: no pair"
grep -qF "Linux $release" "$svg" || fail "reality: no kernel in the caption"

# bad input: tiers of one file, a heatmap of a TCG file, a compare of two tiers
eb plot --kind tiers "$lin" -o "$o"
expect_status 2
expect_output 'takes two or more results files'
eb plot --kind heatmap "$scratch/tcg.json" -o "$o"
expect_status 2
expect_output "tier tcg has no columns"
eb plot --kind compare "$scratch/tcg.json" "$lin" -o "$o"
expect_status 2
