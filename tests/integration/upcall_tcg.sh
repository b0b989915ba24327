# The event upcall variants under TCG: each passes its own check (a replay
# on the traced hypervisor: one upcall, where it belongs, scheduling only
# where its design claims to) with exact, repeatable counts, and their
# figures stand in the order the model implies: each design's upcall costs
# something over its floor, outside a hypercall (over pv-evtchn-send) and
# inside one (over pv-hcall-preemptible), and a pending reschedule costs
# more again (the switch to the second task and back).  No figure is
# hard-coded: variants/README.md has them.
source "$(dirname "$0")/lib.sh"

designs="special nopreempt turned"
v=pv-evtchn-send,pv-hcall-preemptible
for d in $designs; do v=$v,pv-upcall-$d,pv-upcall-$d-hcall,pv-upcall-$d-resched; done

eb run --accel tcg --variants "$v" --trials 2 --out "$scratch/r.json"
expect_status 0
r=$scratch/r.json
# insns NAME: its count, the same in both boots
insns() {
	jqr "$r" ".variants[] | select(.name == \"$1\") |
		if .status == \"pass\" and (.trials | length) == 2 and .trials[0].value == .trials[1].value
		then .trials[0].value else error(\"$1: \(.status), \([.trials[].value])\") end"
}
for name in ${v//,/ }; do
	jqr "$r" ".variants[] | select(.name == \"$name\") | .source | contains(\"[xen-pv-idtentry]\")" \
		>/dev/null || fail "$name does not cite [xen-pv-idtentry]"
done
# family pv, as the list boot declares it
eb list
expect_status 0
for name in ${v//,/ }; do
	expect_output "^  $name +x86_64 +pv +cpl 3 "
done
send=$(insns pv-evtchn-send)
hcall=$(insns pv-hcall-preemptible)
for d in $designs; do
	out=$(insns pv-upcall-$d) in=$(insns pv-upcall-$d-hcall) re=$(insns pv-upcall-$d-resched)
	awk -v s="$send" -v h="$hcall" -v o="$out" -v i="$in" -v r="$re" \
		'BEGIN { exit !(o > s && i > h && r > i) }' ||
		fail "$d: send $send, outside $out, hypercall $hcall, inside $in, resched $re"
done
