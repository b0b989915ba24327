# plot: every kind from real results, PNG and SVG, gnuplot silent.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"
command -v gnuplot >/dev/null || { echo "no gnuplot (gnuplot-nox)"; exit 77; }
export ENTRYBENCH_PLOTS_DIR=$EB_SOURCE_DIR/plots

eb run --accel tcg --trials 3 --out "$scratch/a.json"
expect_status 0
jq '(.variants[] | select(.name == "syscall-ptregs") | .trials[].value) += 5
    | (.variants[] | select(.name == "syscall-ptregs") | .summary)
	|= with_entries(if .key == "n" then . else .value += 5 end)' \
	"$scratch/a.json" >"$scratch/b.json"

o=$scratch/plots
eb plot "$scratch/a.json" -o "$o"
expect_status 0
eb plot --kind compare "$scratch/a.json" "$scratch/b.json" -o "$o"
expect_status 0
eb plot --kind trend "$scratch/a.json" "$scratch/b.json" "$scratch/a.json" \
	--variants syscall-ptregs,int80 -o "$o"
expect_status 0
# gnuplot said nothing (a warning fails the command, but check the output too)
grep -qi -e warning -e error "$scratch/out" && { cat "$scratch/out" >&2; fail "gnuplot complained"; }

for stem in a-bars-insns a-dist-insns compare-b-vs-a-insns trend-insns; do
	[ -s "$o/$stem.png" ] || fail "$stem.png missing or empty"
	[ -s "$o/$stem.svg" ] || fail "$stem.svg missing or empty"
	[ "$(head -c 8 "$o/$stem.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
		fail "$stem.png is not a PNG"
	grep -q '<svg' "$o/$stem.svg" || fail "$stem.svg is not SVG"
	# sizable: an empty plot frame is a few kB, these hold bars and labels
	[ "$(stat -c %s "$o/$stem.png")" -gt 8000 ] || fail "$stem.png looks empty"
done
grep -q 'syscall-ptregs (x86_64)' "$o/a-bars-insns.svg" || fail "variant label missing"
grep -q 'unit insns' "$o/a-bars-insns.svg" || fail "unit missing from the title"

# a file that is not results: clear message, exit 2; no gnuplot scripts: exit 2
echo '{}' >"$scratch/bad.json"
eb plot "$scratch/bad.json" -o "$o"
expect_status 2
expect_output 'not an entrybench results file'
eb plot --scripts "$scratch/none" "$scratch/a.json" -o "$o"
expect_status 2
expect_output 'no gnuplot scripts in'
