# Every check of the event upcall designs can fail: a fault planted for
# each (EB_INJECT=<design>:<fault>, several per build, one per design; the
# faults are described in variants/x86_64/pv_upcall_*.c) makes the torture
# give that design the verdict of its check, leave the others safe, and
# exit 1.  Three builds of the x86_64 kernel:
#
#   nopreempt:skip-restart  wrong-result     the restarted hypercall's answer
#   turned:no-restore       flag-lost        the per-CPU flag restored
#   special:ack-order       lost-events      every event handled
#   nopreempt:clobber       corrupted-frame  the interrupted registers
#   turned:no-clear         bad-schedule     no schedule() from a nested upcall
#   special:no-clear        bad-schedule     (the same, and from the other task)
#   turned:no-if-check      bad-schedule     no schedule() with IF clear
#   special:bad-rsp         crashed          the interrupted RSP
#   nopreempt:preempts      safe             (the design preempts, safely:
#                                            its -resched variant's check
#                                            says it does not do what it claims)
#
# The variants' own checks (run) catch the faults their round trip meets.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"

# build NAME INJECT: the planted x86_64 kernel in $scratch/NAME/bench-kernel
build() {
	cmake -S "$EB_SOURCE_DIR" -B "$scratch/$1" -DEB_INJECT="$2" >"$scratch/$1.log" 2>&1 &&
		cmake --build "$scratch/$1" --target kernel-x86_64 -j"$(nproc)" >>"$scratch/$1.log" 2>&1 ||
		{ cat "$scratch/$1.log" >&2; fail "building $2"; }
	[ "$(cat "$scratch/$1/bench-kernel/inject.txt")" = "$2" ] || fail "inject.txt of $1"
}

# verdicts NAME DESIGN=VERDICT...: the torture on build NAME says exactly so
verdicts() {
	local name=$1 r=$scratch/$1.json
	shift
	eb run --torture upcall --accel tcg --trials 1 --kernel-dir "$scratch/$name/bench-kernel" --out "$r"
	expect_status 1
	for want in "$@"; do
		local d=${want%%=*} v=${want#*=}
		local got
		got=$(jqr "$r" ".variants[] | select(.name == \"$d\") | .trials[0].torture.status")
		[ "$got" = "$v" ] || { cat "$scratch/out" >&2; fail "$name: $d says $got, not $v"; }
		[ "$(jqr "$r" ".variants[] | select(.name == \"$d\") | .status")" = \
		  "$([ "$v" = safe ] && echo pass || echo fail)" ] || fail "$name: $d's status"
	done
}

build a pv-upcall-nopreempt:skip-restart,pv-upcall-turned:no-restore,pv-upcall-special:ack-order
verdicts a pv-upcall-nopreempt=wrong-result pv-upcall-turned=flag-lost pv-upcall-special=lost-events
expect_output "pv-upcall-special: .*an event on port 1 was never handled"
# the lost event is one window: one instruction of the handler, in each sweep
jqr "$scratch/a.json" '.variants[] | select(.name == "pv-upcall-special") | .trials[0].torture.scenarios' |
	grep -qE '^step=safe.* sweep=lost-events\(1/[0-9]+ p[0-9]+\) sweep-plain=lost-events\(1/' ||
	fail "special's lost event is not in exactly one instruction of each sweep"

# the variants' own checks see the first two; the lost event needs the torture
eb run --accel tcg --trials 1 --kernel-dir "$scratch/a/bench-kernel" --out "$scratch/a-run.json" \
	--variants pv-upcall-nopreempt-hcall,pv-upcall-turned-hcall,pv-upcall-special-hcall
expect_status 1
expect_output "CHECK FAILED: pv-upcall-nopreempt-hcall .*rax: want 0x"
expect_output "CHECK FAILED: pv-upcall-turned-hcall .*an upcall returned with the flag changed"
expect_output "^pv-upcall-special-hcall +x86_64 +pass "

build b pv-upcall-nopreempt:clobber,pv-upcall-turned:no-clear,pv-upcall-special:no-clear
verdicts b pv-upcall-nopreempt=corrupted-frame pv-upcall-turned=bad-schedule pv-upcall-special=bad-schedule
expect_output "pv-upcall-nopreempt: .*rbx of the interrupted code changed"
expect_output "pv-upcall-turned: .*first in sweep: event after step [0-9]+ .*schedule\(\) in a nested upcall"

build c pv-upcall-turned:no-if-check,pv-upcall-special:bad-rsp,pv-upcall-nopreempt:preempts
verdicts c pv-upcall-turned=bad-schedule pv-upcall-special=crashed pv-upcall-nopreempt=safe
expect_output "pv-upcall-turned: .*first in masked: schedule\(\) in an upcall with IF clear"
expect_output "pv-upcall-special: .*unexpected exception, vector 0xe"
jqr "$scratch/c.json" '.variants[] | select(.name == "pv-upcall-nopreempt") | .trials[0].torture.scenarios' |
	grep -qE 'resched=safe\(0/8 p[1-8]\)' || fail "the planted nopreempt:preempts did not preempt"
eb run --accel tcg --trials 1 --kernel-dir "$scratch/c/bench-kernel" --out "$scratch/c-run.json" \
	--variants pv-upcall-nopreempt-resched,pv-upcall-turned-resched
expect_status 1
expect_output "CHECK FAILED: pv-upcall-nopreempt-resched .*claims not to preempt the hypercall, and did"
expect_output "^pv-upcall-turned-resched +x86_64 +pass "

# a fault a design does not plant, or two for one design, is a configure error
cmake -S "$EB_SOURCE_DIR" -B "$scratch/d" -DEB_INJECT=pv-upcall-turned:no-such >"$scratch/d.log" 2>&1 &&
	fail "an unplanted fault configured"
# (cmake wraps its messages: join the lines)
tr -s ' \n' ' ' <"$scratch/d.log" | grep -q "does not plant EB_INJECT_FAULT_NO_SUCH" ||
	{ cat "$scratch/d.log" >&2; fail "no reason"; }
cmake -S "$EB_SOURCE_DIR" -B "$scratch/e" -DEB_INJECT=pv-upcall-turned:no-clear,pv-upcall-turned:clobber \
	>"$scratch/e.log" 2>&1 && fail "two faults for one design configured"
tr -s ' \n' ' ' <"$scratch/e.log" | grep -q "two faults for pv-upcall-turned" ||
	{ cat "$scratch/e.log" >&2; fail "no reason"; }
