#!/usr/bin/env bash
# entrybench xray --accel nested: one nested boot (~25 s) with the plugin
# in the outer QEMU.  The x-ray of hc-vmcall must name L1's exit handling
# in kvm and kvm_amd (symbols from the .ko files placed where L1's
# /sys/module says) and in L1's kernel, list the VMMCALL that exited but
# not count it (the plugin sees it start, icount does not retire it), and
# add up to the figure the same boot measured.  Skips (77) without the
# kernel or QEMU.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"

cache=$(bash "$EB_SOURCE_DIR/ci/linux-kernel.sh" --dir)
if [ ! -e "$cache/current/vmlinuz" ]; then
	echo "skipped: no Debian kernel in $cache (ci/linux-kernel.sh fetches it)"
	exit 77
fi
command -v qemu-system-x86_64 >/dev/null || { echo "skipped: no qemu-system-x86_64"; exit 77; }

SECONDS=0
eb xray hc-vmcall --accel nested --out "$scratch/x.json"
expect_status 0
echo "one nested x-ray: $SECONDS s wall"
cp "$scratch/out" "$scratch/table"
expect_output '^-- vmexit --$'
expect_output 'hc_vmcall_insn\+0x[0-9a-f]+ +vmmcall +<- intercepted: a VM exit to L1, not retired, not counted$'
for f in kvm:x86_decode_insn kvm:kvm_emulate_hypercall kvm_amd:svm_vcpu_run \
	 kvm_amd:svm_handle_exit vmlinux:native_read_msr; do
	expect_output "^$f +vmexit +[0-9]+ "
done
expect_output '^1 VM exit: the plugin saw each intercepted L2 instruction start'

read -r trip overhead net < <(sed -nE 's/^sum: ([0-9]+) insns in the trip - ([0-9]+) of the empty trip .* = ([0-9]+) insns, .*/\1 \2 \3/p' "$scratch/table")
[ -n "$trip" ] || fail "no sum line"
rows=$(awk '/^function +phases +insns/ { on = 1; next } on && NF >= 4 && $(NF - 2) ~ /^[0-9]+$/ { s += $(NF - 2) } END { print s }' "$scratch/table")
[ "$rows" = "$trip" ] || fail "the function rows add up to $rows, the sum line says $trip"
[ $((trip - overhead)) = "$net" ] || fail "$trip - $overhead is not $net"

jqr "$scratch/x.json" '.environment.tier == "nested" and .variants[0].tier == "nested"' >/dev/null
measured=$(jqr "$scratch/x.json" '.variants[0].summary.median')
[ "$(jqr "$scratch/x.json" '.variants[0].xray.insns')" = "$measured" ] || fail "xray.insns is not the boot's median $measured"
[ "$net" = "$measured" ] || fail "the x-ray adds up to $net insns, the boot measured $measured"
[ "$(jqr "$scratch/x.json" '.variants[0].xray.exits')" = 1 ] || fail "xray.exits is not 1"
jqr "$scratch/x.json" '.environment.nested.l2_argv.x86_64 | index("-accel") as $i | .[$i + 1] == "kvm"' >/dev/null
