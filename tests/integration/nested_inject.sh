#!/usr/bin/env bash
# `run --accel nested --inject-nmi`, one nested boot: L1's /init injects
# the NMIs into L2 through L2's QEMU's QMP (an NMI of the outer QEMU would
# be L1's), paced on L2's acks, and reports its log on a port of its own;
# the host folds it as the tcg tier's injector log.  Every NMI injected
# into L2 is acknowledged, handled once by the design, some while the
# variants ran, and the verdict is the tcg tier's for the same plan.
# Skips (77) without the kernel or QEMU.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"

cache=$(bash "$EB_SOURCE_DIR/ci/linux-kernel.sh" --dir)
if [ ! -e "$cache/current/vmlinuz" ]; then
	echo "skipped: no Debian kernel in $cache (ci/linux-kernel.sh fetches it)"
	exit 77
fi
command -v qemu-system-x86_64 >/dev/null || { echo "skipped: no qemu-system-x86_64"; exit 77; }

vars=syscall-sysret,int80
for accel in tcg nested; do
	SECONDS=0
	eb run --accel $accel --inject-nmi nmi-copied --nmi-seed 1234 \
		--trials 1 --timeout 240 --variants "$vars" --out "$scratch/$accel.json"
	expect_status 0
	echo "$accel: $SECONDS s wall"
	r=$scratch/$accel.json
	jqr "$r" '[.variants[].status] | unique == ["pass"]' >/dev/null ||
		fail "$accel: a variant did not pass under injected NMIs"
	jqr "$r" '[.variants[].summary] | unique == [null]' >/dev/null ||
		fail "$accel: figures timed under NMIs were published"
	jqr "$r" '[.nmi_injection[] | .design == "nmi-copied" and .seed == 1234
		  and .planned == 32 and .injected == 32 and .acks == 32
		  and .handled == 32 and (.at_ms | length) == 32
		  and ([.ack_ms[] | numbers | select(. >= 0 and . < 2000)] | length) == 32
		  and .during > 0] | length == 1 and all' >/dev/null ||
		fail "$accel: not every injected NMI acked in time and handled once"
done
jqr "$scratch/nested.json" '.environment.tier == "nested"' >/dev/null ||
	fail "the nested run is not of tier nested"
# L2's argv names L1's QMP and ack sockets, not the host's
jqr "$scratch/nested.json" '.environment.nested.l2_argv.x86_64 | join(" ")
	| test("unix:/run/l2-qmp.sock") and test("path=/run/l2-ack.sock")' >/dev/null ||
	fail "L2's QEMU does not have L1's QMP and ack sockets"
[ "$(jqr "$scratch/nested.json" '.nmi_injection[0].verdict')" = \
  "$(jqr "$scratch/tcg.json" '.nmi_injection[0].verdict')" ] ||
	fail "nested's injection verdict differs from tcg's"
