# Every check of the NMI torture can fail: each NMI design bug the torture
# exists for is planted in a test build of the bench kernel
# (-DEB_INJECT=<design>:<fault>, the #ifdefs in variants/x86_64/nmi_*.S),
# and `run --torture <design>` must exit 1, the design moved from its pins,
# naming the scenario and the window (or the run's kind) where it did:
#
#   nmi-ist-xor:nested-rsp0     the nested path writes RSP 0 into the outer
#                               frame it rewrites (its windows move: the
#                               trampoline pushes onto address 0)
#   nmi-copied:nested-rdx       addq $8,%rsp instead of popq %rdx leaving the
#                               nested path: the interrupted RDX is lost
#   nmi-copied:no-repeat-check  no "interrupted the repeat_nmi copy" test: a
#                               nested NMI rewrites the frame being copied
#   nmi-copied:no-df-test       no DF test: an NMI in a SYSCALL gap whose user
#                               RSP points into the NMI stack takes itself
#                               for nested and is lost
#   nmi-fake:no-atomic-test     no "interrupted the atomic exit" test: an NMI
#                               there takes itself for a first one
#
# And the timed round trip's own check (nmi_trip leaves RAX, RCX and RFLAGS
# to it): nmi-ist:exit-clobber zeroes RAX and RCX and flips AF in the frame
# its IRETQ restores, and `run --variants nmi-ist` must fail the check
# naming all three.
#
# One build directory, reconfigured per fault: only the planted .S and the
# x86_64 PVH image are rebuilt each time.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"

# fault -> the kind of the finding that must be named, as a regex:
# a window "+0x..+0x..:kind" in a sweep, or "scenario: kind" of one run
declare -A finding=(
	[nmi-ist-xor:nested-rsp0]='sweep[a-z-]*: (new|vanished) \+0x[0-9a-f]+\.\.\+0x[0-9a-f]+:[a-z0-9-]+'
	[nmi-copied:nested-rdx]='(bp: rdx, pinned ok|sweep[a-z-]*: new \+0x[0-9a-f]+\.\.\+0x[0-9a-f]+:rdx)'
	[nmi-copied:no-repeat-check]='sweep-bp: new \+0x[0-9a-f]+\.\.\+0x[0-9a-f]+:[a-z0-9-]+'
	[nmi-copied:no-df-test]='gap-[a-z-]+-ist: new [A-Za-z0-9_]+\+0x[0-9a-f]+\.\.[A-Za-z0-9_]*\+0x[0-9a-f]+:lost'
	[nmi-fake:no-atomic-test]='sweep[a-z-]*: new \+0x[0-9a-f]+\.\.\+0x[0-9a-f]+:[a-z0-9-]+'
)

b=$scratch/b
for fault in "${!finding[@]}"; do
	design=${fault%%:*}
	cmake -S "$EB_SOURCE_DIR" -B "$b" -DEB_INJECT="$fault" >"$scratch/cmake" 2>&1 ||
		{ cat "$scratch/cmake" >&2; fail "$fault: configure failed"; }
	cmake --build "$b" --target kernel-x86_64-pvh -j"$(nproc)" >>"$scratch/cmake" 2>&1 ||
		{ cat "$scratch/cmake" >&2; fail "$fault: building the planted kernel failed"; }
	[ "$(cat "$b/bench-kernel/inject.txt")" = "$fault" ] || fail "$fault: inject.txt not written"

	r=$scratch/$design.json
	eb run --torture "$design" --accel tcg --trials 1 --kernel-dir "$b/bench-kernel" --out "$r"
	expect_status 1
	expect_output "^$design +(safe|unsafe) +[a-z-]+ +NO "
	expect_output "^  $design: claims .*; moved from its pins: "
	moved=$(jqr "$r" ".variants[] | select(.name == \"$design\") | .trials[0].torture.moved")
	grep -qE -- "${finding[$fault]}" <<<"$moved" ||
		fail "$fault: moved '$moved' lacks /${finding[$fault]}/"
	[ "$(jqr "$r" ".variants[] | select(.name == \"$design\") | .status")" = fail ] ||
		fail "$fault: $design did not fail"
done

fault=nmi-ist:exit-clobber
cmake -S "$EB_SOURCE_DIR" -B "$b" -DEB_INJECT="$fault" >"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "$fault: configure failed"; }
cmake --build "$b" --target kernel-x86_64-pvh -j"$(nproc)" >>"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "$fault: building the planted kernel failed"; }
eb run --accel tcg --trials 1 --variants nmi-ist --kernel-dir "$b/bench-kernel" --out "$scratch/trip.json"
expect_status 1
detail=$(jqr "$scratch/trip.json" '.variants[] | select(.name == "nmi-ist") | .trials[0].detail')
for reg in rax rcx rflags; do
	grep -q "$reg: want 0x" <<<"$detail" || fail "$fault: the check did not name $reg: $detail"
done

# The same source without a fault is as pinned: the catch above is the plant's.
cmake -S "$EB_SOURCE_DIR" -B "$b" -UEB_INJECT -DEB_INJECT= >"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "configure without a fault failed"; }
cmake --build "$b" --target kernel-x86_64-pvh -j"$(nproc)" >>"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "building the clean kernel failed"; }
[ ! -e "$b/bench-kernel/inject.txt" ] || fail "inject.txt left behind"
eb run --torture nmi --accel tcg --trials 1 --kernel-dir "$b/bench-kernel" --out "$scratch/clean.json"
expect_status 0
