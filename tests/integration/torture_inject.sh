# NMIs injected by the host through QMP at random (seeded) moments while
# the guest runs other variants, with one NMI design as the guest's NMI
# handler: every check passes (each trip's registers, RSP, RFLAGS and the
# entry stacks are checked on as many trips as are timed), and every
# injected NMI is accounted for: the host injects one only after the
# guest's ack of the one before (no two can merge, however the host is
# loaded), so each must be acked, in time, and counted, exactly once.
source "$(dirname "$0")/lib.sh"

vars=syscall-sysret,syscall-ptregs,int80,pf-extable,int3-ptregs,sysenter-64

for design in nmi-copied nmi-ist; do
	# 256 batches: the variants run long enough (a few hundred ms) for
	# NMIs to land in them even when the host is slow to start injecting
	eb run --inject-nmi "$design" --nmi-seed 1234 --accel tcg --trials 2 \
		--batches 256 --variants "$vars" --out "$scratch/$design.json"
	# nmi-ist is unsafe only when NMIs nest (the torture forces that);
	# NMIs from outside, paced by acks, never nest in a handler that
	# takes no exception: observed safe, and asserted so.
	expect_status 0
	expect_output "host-injected NMIs"
	r=$scratch/$design.json
	jqr "$r" '[.variants[].status] | unique == ["pass"]' >/dev/null ||
		fail "$design: a variant did not pass under injected NMIs"
	jqr "$r" '[.variants[].summary] | unique == [null]' >/dev/null ||
		fail "$design: figures timed under NMIs were published"
	jqr "$r" "[.nmi_injection[] | .verdict == \"safe\" and .design == \"$design\"
		  and .planned == 32 and .injected == 32 and .acks == 32
		  and .handled == 32 and (.at_ms | length) == 32
		  and ([.ack_ms[] | numbers | select(. >= 0 and . < 2000)] | length) == 32]
		  | all" >/dev/null ||
		fail "$design: injected NMIs not all acked in time and handled once"
	[ "$(jqr "$r" '[.nmi_injection[].seed] | join(",")')" = 1234,1235 ] ||
		fail "$design: trial seeds not recorded as seed, seed+1"
	# some NMIs landed while the variants ran, not only in the final wait
	jqr "$r" '[.nmi_injection[].during] | min > 0' >/dev/null ||
		fail "$design: no NMI landed while the variants ran"
	jqr "$r" ".parameters.inject_nmi | .design == \"$design\" and .ack_timeout_ms == 2000" >/dev/null ||
		fail "$design: parameters lack inject_nmi"
done

# bad usage: one line, exit 2
eb run --inject-nmi int80 --accel tcg --out "$scratch/x.json"
expect_status 2
expect_output "--inject-nmi takes the name of an NMI design"
eb run --inject-nmi nmi-copied --nmi-gap-ms 0 --accel tcg --out "$scratch/x.json"
expect_status 2
eb run --inject-nmi nmi-copied --nmi-ack-ms 0 --accel tcg --out "$scratch/x.json"
expect_status 2
expect_output "nmi-ack-ms 0: expected an integer in 10..600000"
