# Every command whose options come from a table (lib/options.h): --help
# lists each option of the table, and an unknown option is one line,
# "entrybench: CMD: ...", on stderr with exit status 2.  The table is the
# only place the command names its options: no getopt of its own.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"

converted=0
for src in "$EB_SOURCE_DIR"/host/cli/*.c; do
	grep -q '#include "lib/options.h"' "$src" || continue
	converted=$((converted + 1))
	cmd=$(sed -nE 's/^EB_COMMAND\("([a-z-]+)".*/\1/p' "$src")
	[ -n "$cmd" ] || fail "$src: no EB_COMMAND"
	! grep -q 'getopt' "$src" || fail "$src: parses options with getopt, not its table"

	eb "$cmd" --help
	expect_status 0
	head -1 "$scratch/out" | grep -q "^usage: entrybench $cmd " ||
		fail "$cmd --help does not start with its usage line"
	# one entry a line, as the tables are written
	names=$(sed -nE 's/.*EB_OPT_(BOOL|UINT|DOUBLE|STRING|CHOICES?|LIST|CALLBACK)\("([a-z0-9-]+)".*/\2/p' "$src")
	[ -n "$names" ] || [ "$cmd" = show ] || fail "$src: no option found in its table"
	for name in $names; do
		grep -qE -- "^  (-[a-zA-Z], )?--$name( |\$)" "$scratch/out" ||
			{ cat "$scratch/out" >&2; fail "$cmd --help does not list --$name"; }
	done

	status=0
	"$ENTRYBENCH" "$cmd" --no-such-option >"$scratch/out" 2>"$scratch/err" || status=$?
	[ "$status" -eq 2 ] || fail "$cmd --no-such-option: exit status $status, expected 2"
	[ ! -s "$scratch/out" ] || fail "$cmd --no-such-option wrote to stdout"
	[ "$(wc -l <"$scratch/err")" -eq 1 ] || { cat "$scratch/err" >&2; fail "$cmd: not one line"; }
	grep -q "^entrybench: $cmd: unknown option --no-such-option" "$scratch/err" ||
		{ cat "$scratch/err" >&2; fail "$cmd: the error lacks the 'entrybench: $cmd:' prefix"; }
done
# gate plot baseline show list counters, at least
[ "$converted" -ge 6 ] || fail "only $converted commands use an option table"

# bad CAUSE_RE CMD ARGS...: exit 2, nothing on stdout, and one line on
# stderr, "entrybench: CMD: " and the cause: bad values and cross-option
# checks say what is wrong as unknown options do.
bad() {
	local re=$1 cmd=$2
	shift
	status=0
	"$ENTRYBENCH" "$@" >"$scratch/out" 2>"$scratch/err" || status=$?
	[ "$status" -eq 2 ] || { cat "$scratch/err" >&2; fail "'$*': exit status $status, expected 2"; }
	[ ! -s "$scratch/out" ] || fail "'$*' wrote to stdout"
	[ "$(wc -l <"$scratch/err")" -eq 1 ] || { cat "$scratch/err" >&2; fail "'$*': not one line"; }
	grep -qE -- "^entrybench: $cmd: $re" "$scratch/err" ||
		{ cat "$scratch/err" >&2; fail "'$*': message lacks /entrybench: $cmd: $re/"; }
}

bad "--trials 1: expected an integer in 2\.\.1000" gate --trials 1 --baseline b.json
bad "--trials needs an argument" gate --baseline b.json --trials
bad "--alpha 0\.9: expected a number in" gate --alpha 0.9 --baseline b.json
bad "--accel warp: expected one of auto, kvm, nested, tcg" gate --accel warp --baseline b.json
bad "--cycles needs --base-kernel-dir and --new-kernel-dir" gate --cycles --base-kernel-dir a
# trials that can never fail a regression: refused, naming what can
bad "--trials 4: 4 pairs reach p = 0\.0625 at best, above --alpha 0\.01: no regression could ever fail; use --trials 8 or more" \
	gate --cycles --base-kernel-dir a --new-kernel-dir b --trials 4
bad "--trials 5: 6 pairs reach p = 0\.0156 at best, above --alpha 0\.01.*--trials 8" \
	gate --cycles --base-kernel-dir a --new-kernel-dir b --trials 5
bad "--trials 2: 2 pairs .* above --alpha 0\.2: .*use --trials 4 or more" \
	gate --cycles --base-kernel-dir a --new-kernel-dir b --trials 2 --alpha 0.2
bad "needs --baseline FILE" gate
bad "--current and --kernel-dir exclude each other" gate --baseline b --current c --kernel-dir d
bad "unexpected argument 'extra'" gate --baseline b.json extra
bad "--kind bars,pie: 'pie' is not one of bars, dist, heatmap, compare, reality, tiers, trend" plot --kind bars,pie a.json
bad "--variants '': names nothing" plot --variants '' a.json
bad "--kind compare takes exactly two files" plot --kind compare a.json
bad "missing RESULTS.json" plot -o "$scratch/plots"
bad "update: --reason is required" baseline update
bad "'frob': the only subcommand is 'update'" baseline frob --reason r
bad "update: --from takes a finished run" baseline update --reason r --from f.json --qemu q
# run --guest linux: the linux tier's options, checked before anything boots
bad "--guest martian: expected one of bench, linux" run --guest martian
bad "--accel linux: expected one of auto, kvm, nested, tcg" run --accel linux
bad "--linux-append only means something with --guest linux" run --linux-append pti=on
bad "--jobs only means something with --guest linux" run -j 2
bad "--guest linux takes no --torture" run --guest linux --torture nmi
bad "--guest linux takes no --accel" run --guest linux --accel tcg
bad "--guest linux takes no --kernel-dir" run --guest linux --kernel-dir d
bad "--linux-append 'eb\.k=3 quiet': eb\.\* keys are run's own" run --guest linux --linux-append 'eb.k=3 quiet'
bad "--linux-cpu arm: 'arm' is not one of amd, intel" run --guest linux --linux-cpu arm
bad "--linux-kernel and --on-new-kernel are for a linux baseline" gate --baseline "$EB_SOURCE_DIR/results/baseline-tcg.json" --on-new-kernel skip
bad "--on-new-kernel later: expected one of fail, skip" gate --baseline b.json --on-new-kernel later
bad "update: --from takes a finished run" baseline update --reason r --from f.json --guest linux
bad "--boot floppy: expected one of pvh, multiboot" list --boot floppy
bad "unexpected argument 'extra'" list extra
bad "missing FILE" show
bad "unexpected argument 'b\.json': at most 1 FILE" show a.json b.json
bad "--alpha 0\.7: expected a number in 1e-09\.\.0\.5" compare --alpha 0.7 a.json b.json
bad "--tau-rel -1: expected a number in 0\.\.10" compare --tau-rel -1 a.json b.json
bad "missing results files" compare a.json
bad "unexpected argument 'c\.json': at most 2 results files" compare a.json b.json c.json
bad "missing COMMAND" counters --events cycles
bad "--events names no event" counters --events , true
