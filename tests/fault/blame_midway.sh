# A boot that dies in the middle of one variant blames that variant alone,
# whatever the death: a timeout, QEMU killed by a signal, a reset.  The
# real guest's output stops after syscall-ptregs' check: int80, whose
# records completed, keeps its figure; syscall-ptregs gets the death;
# syscall-sysret, after it, is `not run`; the next trial runs on.
source "$(dirname "$0")/lib.sh"
variants=(int80 syscall-ptregs syscall-sysret)

declare -A status=([hang]=timeout [kill]=error [reset]=crashed)
declare -A why=(
	[hang]='^while it was timed: timeout after 2 s \(killed\); last line: EB1 [0-9]+ check name=syscall-ptregs status=pass$'
	[kill]='^while it was timed: QEMU killed by signal 9: .*; last line: EB1 [0-9]+ check name=syscall-ptregs status=pass$'
	[reset]='^while it was timed: guest reset \(triple fault\); last line: EB1 [0-9]+ check name=syscall-ptregs status=pass$'
)
for death in hang kill reset; do
	out=$scratch/$death.json
	echo "$death" >"$scratch/state/death"
	rm -f "$scratch/state/boots"
	eb run --accel tcg --qemu "$(fake die_midway)" --timeout 2 --trials 2 "${variants[@]}" --out "$out"
	expect_status 1
	[ "$(jtrial "$out" int80 0 status)" = pass ] || fail "$death: int80 lost its result"
	jtrial "$out" int80 0 value >/dev/null || fail "$death: int80 has no figure"
	got=$(jtrial "$out" syscall-ptregs 0 status)
	detail=$(jtrial "$out" syscall-ptregs 0 detail)
	[ "$got" = "${status[$death]}" ] || fail "$death: syscall-ptregs is $got ($detail)"
	grep -qE -- "${why[$death]}" <<<"$detail" || fail "$death: syscall-ptregs detail '$detail'"
	[ "$(jtrial "$out" syscall-sysret 0 status)" = "not run" ] || fail "$death: syscall-sysret is $(jtrial "$out" syscall-sysret 0 status)"
	[ "$(jtrial "$out" syscall-sysret 0 detail)" = "the boot ${status[$death]} in syscall-ptregs before this variant's turn" ] ||
		fail "$death: $(jtrial "$out" syscall-sysret 0 detail)"
	for v in "${variants[@]}"; do
		[ "$(jtrial "$out" "$v" 1 status)" = pass ] || fail "$death: $v trial 1 did not run on"
	done
	no_survivors
done
