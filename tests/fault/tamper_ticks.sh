# Guest figures are checked before they are published.  A QEMU stand-in
# replays the real guest's output with syscall-sysret's batch ticks lowered
# below their overhead, or raised to 2^57, reframed (seq numbers, the end
# record's count and CRC-32) so that the protocol layer accepts it.  That
# trial must be rejected with the reason, never a pass; the run exits 1;
# every other figure is the real one.
source "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
variants=(syscall-sysret int80 int80-32)

# The real figures, to compare the untouched ones with.
eb run --accel tcg --qemu "$(fake real)" --trials 2 "${variants[@]}" --out "$scratch/real.json"
expect_status 0

# value FILE VARIANT BOOT
value() {
	jtrial "$1" "$2" "$3" value
}

declare -A reason=(
	[low]='^implausible, withheld: batch 0: ticks [0-9]+ <= overhead [0-9]+: round trips cannot execute fewer instructions than as many empty calls$'
	[huge]='^implausible, withheld: the batches add up to [0-9]+ insns, more than the [0-9]+ of the timing job that contains them \(span\)$'
)
for how in low huge; do
	out=$scratch/$how.json
	echo "$how" >"$scratch/state/tamper"
	rm -f "$scratch/state/boots"
	eb run --accel tcg --qemu "$(fake tamper_ticks)" --trials 2 "${variants[@]}" --out "$out"
	expect_status 1
	# The protocol accepted the forgery: only plausibility caught it.
	grep -q 'trial 1/2 x86_64: pass' "$scratch/out" || fail "$how: the protocol layer refused the reframed output"
	got=$(jtrial "$out" syscall-sysret 0 status)
	detail=$(jtrial "$out" syscall-sysret 0 detail)
	[ "$got" = rejected ] || fail "$how: trial 0 is $got, not rejected ($detail)"
	grep -qE -- "${reason[$how]}" <<<"$detail" || fail "$how: reason '$detail'"
	jq -e '.variants[] | select(.name == "syscall-sysret") | .trials[0] |
		.value == null and (.batches | length) == 0' "$out" >/dev/null ||
		fail "$how: the rejected trial still publishes figures"
	[ "$(jq -r '.variants[] | select(.name == "syscall-sysret") | .status' "$out")" = rejected ] ||
		fail "$how: the variant is not rejected"
	expect_output '^syscall-sysret +x86_64 +rejected '
	expect_output "trial 0: rejected: implausible, withheld: "
	# Everything else is the real figure.
	[ "$(value "$out" syscall-sysret 1)" = "$(value "$scratch/real.json" syscall-sysret 1)" ] ||
		fail "$how: syscall-sysret trial 1 changed"
	for v in int80 int80-32; do
		for boot in 0 1; do
			[ "$(jtrial "$out" $v $boot status)" = pass ] || fail "$how: $v trial $boot did not pass"
			[ "$(value "$out" $v $boot)" = "$(value "$scratch/real.json" $v $boot)" ] ||
				fail "$how: $v trial $boot: $(value "$out" $v $boot), real $(value "$scratch/real.json" $v $boot)"
		done
	done
	no_survivors
done
