# Malformed options, unknown variants and corrupt or wrong-version results
# and baseline files: one clear line naming the problem, exit status 2,
# never a crash, and nothing written.
source "$(dirname "$0")/lib.sh"
out="$scratch/r.json"

# usage ARGS...: exit 2, a message, and no results file.
usage() {
	eb "$@"
	[ "$status" -eq 2 ] || { cat "$scratch/out" >&2; fail "'$*': exit status $status, expected 2"; }
	grep -q '^entrybench\( [a-z]*\)\?: \|^usage: ' "$scratch/out" || fail "'$*': no message"
	[ ! -e "$out" ] || fail "'$*' wrote a results file"
}

usage run --trials --out "$out"
usage run --trials -1 --out "$out"
usage run --trials 99999999999999999999 --out "$out"
usage run --k 0 --out "$out"
usage run --batches 100000 --out "$out"
usage run --timeout soon --out "$out"
usage run --frobnicate --out "$out"
usage run --accel warp --out "$out"
usage run --accel tcg --boot floppy --out "$out"
usage run --accel tcg --variants syscall-sysret,no-such-variant --out "$out"
expect_output "unknown variant 'no-such-variant'; valid: .*syscall-sysret"
usage run --accel tcg no-such-variant --out "$out"
usage run --accel tcg --variants '' --out "$out"
expect_output "run: --variants '': names nothing"
usage run --accel tcg --variants , --out "$out"
usage run --accel tcg --nmi-count 3 --out "$out"
expect_output "run: --nmi-count only means something with --inject-nmi"
usage run --accel tcg --kernel-dir "$scratch/nowhere" --out "$out"
expect_output "no kernel image for --boot pvh in $scratch/nowhere"
usage run --accel tcg --out "$scratch"
expect_output "is a directory"
usage run --accel tcg --out ''
expect_output "run: --out '': expected a file name"
usage run --accel tcg --out "$scratch/newdir/"
expect_output "expected a file name"
[ ! -e "$scratch/newdir" ] || fail "a rejected --out created a directory"
usage native --out ''
expect_output "empty file name"
touch "$scratch/file"
usage run --accel tcg --out "$scratch/file/r.json"
usage list extra
usage list --boot floppy
usage show
usage show a.json b.json
usage export
expect_output "entrybench: export: missing FILE"
usage export "$out" "$out"
usage export --format csv "$out"
expect_output "entrybench: export: --format csv: expected one of gbench"
usage counters -- "$scratch/no-such-program"
expect_output "counters: cannot run $scratch/no-such-program: No such file or directory"
grep -q 'kvm:' "$scratch/out" && fail "counters printed a table for a command that never ran"
usage frobnicate
usage

# Corrupt, truncated, wrong-version and wrong-type results files, read by
# every command that reads one (baselines are results files too).
eb run --accel tcg --trials 1 syscall-sysret --out "$scratch/good.json"
expect_status 0
good="$scratch/good.json"
bad="$scratch/bad"
mkdir "$bad"
head -c 200 "$good" >"$bad/truncated.json"
: >"$bad/empty.json"
printf '\x00\x01\x02binary' >"$bad/binary.json"
printf '\xff\xfe{\x00}\x00' >"$bad/utf16.json"
head -c 100000 /dev/zero | tr '\0' '[' >"$bad/deep.json"
jq '.version = 2' "$good" >"$bad/version2.json"
jq '.version = 4294967297' "$good" >"$bad/version-overflow.json"
jq '.version = "1"' "$good" >"$bad/version-string.json"
jq 'del(.schema)' "$good" >"$bad/no-schema.json"
jq '.variants = {}' "$good" >"$bad/variants-object.json"
jq '.variants[0].unit = "tsc_cycles"' "$good" >"$bad/unit-mismatch.json"
jq '.variants[0].tier = "warp"' "$good" >"$bad/tier-unknown.json"
jq '.variants[0].trials[0].status = "great"' "$good" >"$bad/status-unknown.json"
jq '.variants[0].trials[0].batches[0].ticks = "many"' "$good" >"$bad/ticks-string.json"
jq '.variants[0].summary.median = null' "$good" >"$bad/summary-null-median.json"
jq '.interrupted = "yes"' "$good" >"$bad/interrupted-string.json"
jq 'del(.environment.tier)' "$good" >"$bad/env-no-tier.json"
jq '.environment.fingerprint = "x"' "$good" >"$bad/env-fingerprint.json"
# edited after writing, consistently otherwise: the fingerprint no longer holds
jq '.environment.tier = "kvm" | .variants[] |= (.tier = "kvm" | .unit = "tsc_cycles")' \
	"$good" >"$bad/env-tier-edited.json"
jq '.environment.cpu.microcode = "0xdead"' "$good" >"$bad/env-microcode-edited.json"
jq '.environment.mitigations.added_by_hand = "Vulnerable"' "$good" >"$bad/env-mitigation-added.json"
jq '.provenance.kernels[0].sha256 = 7' "$good" >"$bad/provenance-sha.json"
jq '.variants[0].tier = "kvm" | .variants[0].unit = "tsc_cycles"' "$good" >"$bad/tier-mixed.json"
jq '.parameters = []' "$good" >"$bad/parameters-array.json"
sed 's/"schema"/"schema": 1, "schema"/' "$good" >"$bad/duplicate-key.json"
mkfifo "$bad/fifo.json"
ln -s "$scratch/nowhere.json" "$bad/dangling.json"

for f in "$bad"/*; do
	name=$(basename "$f")
	for cmd in "show $f" "export --format gbench $f" "compare $good $f" \
		   "gate --baseline $f --current $good"; do
		# shellcheck disable=SC2086
		eb $cmd
		[ "$status" -eq 2 ] || { cat "$scratch/out" >&2; fail "$cmd: exit status $status, expected 2"; }
		grep -q "$name" "$scratch/out" || { cat "$scratch/out" >&2; fail "$cmd: message does not name $name"; }
		[ "$(wc -l <"$scratch/out")" -eq 1 ] || { cat "$scratch/out" >&2; fail "$cmd: not one line"; }
	done
done

# the tamper cases say why, and a resealed edit reads again (so it was the
# fingerprint, not the edit's form, that refused them)
for f in env-tier-edited env-microcode-edited env-mitigation-added; do
	eb show "$bad/$f.json"
	expect_output "$f.json: environment.fingerprint [0-9a-f]{12}\.\.\. does not match the environment \([0-9a-f]{12}\.\.\.\): its tier or a fingerprinted field"
	cp "$bad/$f.json" "$scratch/resealed.json"
	reseal "$scratch/resealed.json"
	eb show "$scratch/resealed.json"
	expect_status 0
done
