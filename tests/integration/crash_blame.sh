# One crash blames one variant.  A test build of the bench kernel
# (-DEB_INJECT=int80-ptregs:bad-rsp) corrupts the user RSP that
# int80-ptregs' IRETQ restores, so the guest panics in that variant's
# check, in real QEMU.  int80-ptregs alone is crashed; the x86_64 variants
# before it keep their figures (the baseline's, to the instruction); the
# ones after it are `not run`; the i386 kernel is untouched; `gate` fails
# naming int80-ptregs only, and no baseline is made of it.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"
culprit=int80-ptregs
baseline=$EB_SOURCE_DIR/results/baseline-tcg.json

cmake -S "$EB_SOURCE_DIR" -B "$scratch/b" -DEB_INJECT=$culprit:bad-rsp >"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "configure failed"; }
mapfile -t kernels < <(cmake --build "$scratch/b" --target help | grep -oE 'kernel-[a-z0-9_]+$')
cmake --build "$scratch/b" --target "${kernels[@]}" -j"$(nproc)" >>"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "building the planted kernels failed"; }
[ "$(cat "$scratch/b/bench-kernel/inject.txt")" = "$culprit:bad-rsp" ] || fail "inject.txt not written"
kdir=$scratch/b/bench-kernel

r=$scratch/r.json
eb run --accel tcg --trials 2 --kernel-dir "$kdir" --out "$r"
expect_status 1
expect_output "^\*\*\* $culprit \(x86_64\): crashed$"

# jtrial FILE VARIANT BOOT FIELD
jtrial() {
	jq -er --arg v "$2" --argjson b "$3" \
		'.variants[] | select(.name == $v) | .trials[] | select(.boot == $b) | .'"$4" "$1"
}
# field MODE FILTER: the variants of one mode in the guest's order, one line each.
field() {
	jq -r --arg m "$1" ".variants[] | select(.mode == \$m) | $2" "$r"
}
mapfile -t names < <(field x86_64 .name)
at=-1
for i in "${!names[@]}"; do [ "${names[$i]}" = $culprit ] && at=$i; done
[ $at -gt 0 ] && [ $at -lt $((${#names[@]} - 1)) ] ||
	fail "$culprit is not between other x86_64 variants: ${names[*]}"

for boot in 0 1; do
	[ "$(jtrial "$r" $culprit $boot status)" = crashed ] || fail "$culprit trial $boot not crashed"
	jtrial "$r" $culprit $boot detail |
		grep -qE '^in its check: guest panic: vector 14 .*#PF' ||
		fail "$culprit trial $boot: $(jtrial "$r" $culprit $boot detail)"
done
median() {
	jq -r --arg v "$2" '.variants[] | select(.name == $v) | .summary.median' "$1"
}
before=0
for ((i = 0; i < at; i++)); do
	v=${names[$i]}
	s=$(jq -r --arg v "$v" '.variants[] | select(.name == $v) | .status' "$r")
	case $s in
	skipped) ;;
	pass)	before=$((before + 1))
		[ "$(median "$r" "$v")" = "$(median "$baseline" "$v")" ] ||
			fail "$v before the crash: $(median "$r" "$v") insns, baseline $(median "$baseline" "$v")" ;;
	*)	fail "$v, before the crash, is $s" ;;
	esac
done
[ $before -gt 0 ] || fail "no variant before $culprit was measured"
for ((i = at + 1; i < ${#names[@]}; i++)); do
	v=${names[$i]}
	for boot in 0 1; do
		[ "$(jtrial "$r" "$v" $boot status)" = "not run" ] || fail "$v trial $boot: $(jtrial "$r" "$v" $boot status)"
		[ "$(jtrial "$r" "$v" $boot detail)" = "the boot crashed in $culprit before this variant's turn" ] ||
			fail "$v: $(jtrial "$r" "$v" $boot detail)"
	done
done
not_run=$((${#names[@]} - at - 1))
[ "$(field i386 .status | sort -u)" = pass ] || fail "the i386 variants did not all pass"
[ "$(jq '[.variants[] | select(.status == "crashed")] | length' "$r")" = 1 ] || fail "more than one crashed variant"

# Every reader takes the new status.
eb show "$r"
expect_status 0
expect_output "^${names[$((at + 1))]} +x86_64 +not run "
eb compare "$baseline" "$r"
expect_status 0
eb export --format gbench "$r" -o "$scratch/gb.json"
expect_status 0
jq -e --arg v "${names[$((at + 1))]}/" 'all(.benchmarks[]; .name | startswith($v) | not)' "$scratch/gb.json" >/dev/null ||
	fail "export published a variant that never ran"
eb plot "$r" -o "$scratch/plots"
expect_status 0

# The gate names the crash, once; the variants it kept from running are not FAILs.
eb gate --baseline "$baseline" --kernel-dir "$kdir"
expect_status 1
expect_output "^$culprit +x86_64 .* FAIL \(crashed\)$"
expect_output "^gate: FAIL: $culprit \(x86_64\) crashed \(in its check: guest panic: vector 14 .*\); $not_run variants not run: the boot ended before their turn$"
row='^[a-z0-9._+-]+ +(x86_64|i386) '
[ "$(grep -cE "$row.* FAIL" "$scratch/out")" = 1 ] || { cat "$scratch/out" >&2; fail "more than one FAIL row"; }
[ "$(grep -cE "$row.* not run$" "$scratch/out")" = $not_run ] || fail "not $not_run 'not run' rows"

eb baseline update --baseline "$scratch/bl.json" --kernel-dir "$kdir" --reason "must not happen"
[ "$status" -ne 0 ] || fail "a baseline was made of a crashing kernel"
expect_output "$culprit \(x86_64\) did not pass \(crashed\)"
[ ! -e "$scratch/bl.json" ] || fail "a baseline file was written"

# The cycle gate's orchestration (ABBA under TCG) blames it the same way,
# on the fewest boots it takes: 2 pairs reach p = 1/4.
next=${names[$((at + 1))]}
eb gate --cycles --accel tcg --trials 2 --alpha 0.25 --base-kernel-dir "$ENTRYBENCH_KERNEL_DIR" \
	--new-kernel-dir "$kdir" --variants "${names[$((at - 1))]},$culprit,$next" \
	--out-dir "$scratch/gc"
expect_status 1
expect_output "^$culprit +x86_64 .* FAIL \(crashed\)$"
expect_output "^$next +x86_64 .* not run$"
expect_output "^gate: FAIL: $culprit \(crashed\); 1 not run \(the boot ended before their turn\)$"
