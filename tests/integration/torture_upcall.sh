# The event upcall torture end to end (run --torture upcall): every design
# of [xen-pv-idtentry] gets a verdict, identical in both trials and in a
# second run (deterministic under TCG icount), and each agrees with its
# claim.  Observed on this tree, and the reason a line here may change:
#
#   pv-upcall-special    safe: schedules from the upcall inside the
#                        hypercall (p > 0 in resched, every, sweep), never
#                        from a nested upcall: it clears the flag around
#                        cond_resched()
#   pv-upcall-nopreempt  safe: never schedules inside the hypercall (no p)
#   pv-upcall-turned     safe, and its IF assertion fires (warns, does not
#                        schedule) on the hostile masked delivery (w1)
#
# The faults planted into each design, and the verdicts they must get, are
# torture_upcall_faults.sh.
source "$(dirname "$0")/lib.sh"

designs="pv-upcall-nopreempt pv-upcall-special pv-upcall-turned"
for run in 1 2; do
	eb run --torture upcall --accel tcg --trials 2 --out "$scratch/t$run.json"
	expect_status 0
	expect_output 'Event upcall torture'
	r=$scratch/t$run.json
	[ "$(jqr "$r" '[.variants[].name] | sort | join(" ")')" = "$designs" ] ||
		fail "not the three designs: $(jqr "$r" '[.variants[].name] | join(" ")')"
	for d in $designs; do
		got=$(jqr "$r" ".variants[] | select(.name == \"$d\") |
			[.trials[].torture | .kind, .expect, .status] + [.status] | unique | join(\" \")")
		[ "$got" = "pass safe upcall" ] || fail "$d: $got"
		[ "$(jqr "$r" ".variants[] | select(.name == \"$d\") | [.trials[].torture] | unique | length")" = 1 ] ||
			fail "$d: the two trials of run $run differ"
	done
	# every scenario ran, each sweep over dozens of instructions
	for d in $designs; do
		s=$(jqr "$r" ".variants[] | select(.name == \"$d\") | .trials[0].torture.scenarios")
		for sc in step resched every outside sweep sweep-plain sweep-outside masked; do
			grep -qE "(^| )$sc=safe\(0/[0-9]+" <<<"$s" || fail "$d: no safe $sc in '$s'"
		done
		n=$(grep -oE 'sweep=safe\(0/[0-9]+' <<<"$s" | grep -oE '[0-9]+$')
		[ "$n" -ge 50 ] || fail "$d: the sweep covered $n instructions"
	done
	special=$(jqr "$r" '.variants[] | select(.name == "pv-upcall-special") | .trials[0].torture.scenarios')
	nopreempt=$(jqr "$r" '.variants[] | select(.name == "pv-upcall-nopreempt") | .trials[0].torture.scenarios')
	turned=$(jqr "$r" '.variants[] | select(.name == "pv-upcall-turned") | .trials[0].torture.scenarios')
	grep -qE 'resched=safe\(0/8 p[1-8]\)' <<<"$special" || fail "special never preempted: $special"
	grep -qE 'resched=safe\(0/8 p[1-8]\)' <<<"$turned" || fail "turned never preempted: $turned"
	grep -q ' p[0-9]' <<<"$nopreempt" && fail "nopreempt preempted: $nopreempt"
	grep -q 'masked=safe(0/1 w1)' <<<"$turned" || fail "turned's IF assertion did not fire: $turned"
	jqr "$r" '.parameters.torture == "upcall" and
		  ([.variants[].trials[].batches | length] | add) == 0' >/dev/null ||
		fail "torture parameters or empty batches"
done
diff <(jq -S '[.variants[] | {name, t: [.trials[].torture]}]' "$scratch/t1.json") \
     <(jq -S '[.variants[] | {name, t: [.trials[].torture]}]' "$scratch/t2.json") ||
	fail "the torture verdicts differ between two runs"

# show prints the same table from the file
eb show "$scratch/t1.json"
expect_status 0
expect_output '^pv-upcall-turned +safe +safe +yes'

# one design alone
eb run --torture pv-upcall-turned --accel tcg --trials 1 --out "$scratch/one.json"
expect_status 0
[ "$(jqr "$scratch/one.json" '[.variants[].name] | join(",")')" = pv-upcall-turned ] ||
	fail "--torture pv-upcall-turned ran other designs"

# bad usage: one line, exit 2; an upcall variant that is no design is refused
eb run --torture pv-upcall-turned-hcall --accel tcg --out "$scratch/x.json"
expect_status 2
expect_output "--torture takes nmi or the name of an NMI design \(or upcall, or an upcall design\)"
expect_output "valid:.* pv-upcall-turned( |$)"

# verdicts, not counts: compare refuses it, naming the torture
eb compare "$scratch/one.json" "$scratch/one.json"
expect_status 2
expect_output "one.json is an event upcall torture run \(--torture pv-upcall-turned\): it has verdicts, not timings"
