# run --counters: every passing variant booted alone with k and 2k round
# trips, its counters per round trip in the results and the table.  Under
# TCG the KVM and guest-PMU counters are unavailable with the reason, never
# 0; a software event of the host is a real count.
source "$(dirname "$0")/lib.sh"
out=$scratch/c.json

eb run --accel tcg --trials 2 --counters --events kvm:kvm_pio,kvm:kvm_exit,cycles,context-switches \
	syscall-sysret int80-32 --out "$out"
expect_status 0
expect_output 'counters x86_64 syscall-sysret: 4 events'
expect_output 'counters i386 int80-32: 4 events'
expect_output '^host-side counters per round trip'
expect_output '^syscall-sysret +x86_64 +unavailable \[1\] +unavailable \[1\] +unavailable \[1\] +-?[0-9]+\.[0-9]{2}$'
expect_output '^\[1\] TCG tier: the guest never enters KVM'
jqr "$out" '.parameters.counters == ["kvm:kvm_pio", "kvm:kvm_exit", "cycles", "context-switches"]'
for v in syscall-sysret int80-32; do
	for b in 0 1; do
		c=".variants[] | select(.name == \"$v\") | .trials[] | select(.boot == $b) | .counters"
		jqr "$out" "$c | .\"kvm:kvm_pio\".unavailable | startswith(\"TCG tier\")"
		jqr "$out" "$c | .cycles | has(\"per_trip\") | not"
		jqr "$out" "$c | .\"context-switches\" | (.per_trip | type == \"number\") and .k == [64, 128] and (.counts | length == 2) and (.protocol_bytes | all(. > 1000))"
	done
done
# The timings are those of the usual boot, unchanged by counting.
jqr "$out" '.variants[] | select(.name == "syscall-sysret") | .summary.median == 4'

# show prints the same table from the file.
eb show "$out"
expect_status 0
expect_output '^\[1\] TCG tier'

# A malformed counters member is refused by every reader.
jq '.variants[0].trials[0].counters.cycles = {"per_trip": "x"}' "$out" >"$scratch/bad.json"
eb show "$scratch/bad.json"
expect_status 2
expect_output 'counters: cycles: '

# Bad usage: an event nothing knows, a list of nothing, NMI modes.
eb run --accel tcg --events nonsense-event syscall-sysret --out "$scratch/x.json"
expect_status 2
expect_output "unknown event 'nonsense-event'"
eb run --accel tcg --events , syscall-sysret --out "$scratch/x.json"
expect_status 2
expect_output 'names no event'
eb run --accel tcg --counters --torture nmi --out "$scratch/x.json"
expect_status 2
expect_output 'does not combine with --torture'
[ ! -e "$scratch/x.json" ] || fail "a refused run wrote a results file"
