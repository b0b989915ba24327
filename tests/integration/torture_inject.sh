# NMIs injected by the host through QMP at random (seeded) moments while
# the guest runs other variants, with one NMI design as the guest's NMI
# handler: every check passes (each trip's registers, RSP, RFLAGS and the
# entry stacks are checked on as many trips as are timed), and every
# injected NMI is accounted for (handled == injected).
source "$(dirname "$0")/lib.sh"

vars=syscall-sysret,syscall-ptregs,int80,pf,int3-ptregs,sysenter-64

for design in nmi-copied nmi-ist; do
	eb run --inject-nmi "$design" --nmi-seed 1234 --accel tcg --trials 2 \
		--variants "$vars" --out "$scratch/$design.json"
	# nmi-ist is unsafe only when NMIs nest (the torture forces that);
	# NMIs from outside, a millisecond or more apart, never nest in a
	# handler that takes no exception: observed safe, and asserted so.
	expect_status 0
	expect_output "host-injected NMIs"
	r=$scratch/$design.json
	jqr "$r" '[.variants[].status] | unique == ["pass"]' >/dev/null ||
		fail "$design: a variant did not pass under injected NMIs"
	jqr "$r" '[.variants[].summary] | unique == [null]' >/dev/null ||
		fail "$design: figures timed under NMIs were published"
	jqr "$r" "[.nmi_injection[] | .verdict == \"safe\" and .design == \"$design\"
		  and .injected == 32 and .handled == 32 and .planned == 32
		  and (.at_ms | length) == 32] | all" >/dev/null ||
		fail "$design: injected NMIs not all handled"
	[ "$(jqr "$r" '[.nmi_injection[].seed] | join(",")')" = 1234,1235 ] ||
		fail "$design: trial seeds not recorded as seed, seed+1"
	# some NMIs landed while the variants ran, not only in the final wait
	jqr "$r" '[.nmi_injection[].during] | min > 0' >/dev/null ||
		fail "$design: no NMI landed while the variants ran"
	jqr "$r" ".parameters.inject_nmi.design == \"$design\"" >/dev/null ||
		fail "$design: parameters lack inject_nmi"
done

# bad usage: one line, exit 2
eb run --inject-nmi int80 --accel tcg --out "$scratch/x.json"
expect_status 2
expect_output "--inject-nmi takes the name of an NMI design"
eb run --inject-nmi nmi-copied --nmi-gap-ms 0 --accel tcg --out "$scratch/x.json"
expect_status 2
