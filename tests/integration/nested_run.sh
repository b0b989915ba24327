#!/usr/bin/env bash
# `entrybench run --accel nested` end to end, one nested boot: Debian's
# kernel from the cache boots as L1 under TCG icount, loads kvm_amd and
# runs the bench kernel as L2 under the real KVM with the kvm tier's argv.
# Paths that stay in L2 equal the tcg tier's figures (the tier checks and
# records it); the hypercall and the port I/O exit cost thousands of L1
# instructions.  It is a --counters run: one more L1 boot in which L1 runs
# L2 alone with each variant at k and 2k and counts KVM's tracepoints:
# io-exit exits once per trip to user space (kvm:kvm_pio 1.00), the
# syscall never (0.00).  kvm-run-pio is L1's own probe (an L1-only boot): a
# KVM_RUN round trip of a user-space VMM in L1, the native tier's
# benchmark against the real kvm_amd.  Skips (77) without the kernel or QEMU.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"

cache=$(bash "$EB_SOURCE_DIR/ci/linux-kernel.sh" --dir)
if [ ! -e "$cache/current/vmlinuz" ]; then
	echo "skipped: no Debian kernel in $cache (ci/linux-kernel.sh fetches it)"
	exit 77
fi
command -v qemu-system-x86_64 >/dev/null || { echo "skipped: no qemu-system-x86_64"; exit 77; }
out=$scratch/nested.json

SECONDS=0
eb run --accel nested --trials 1 --timeout 240 \
	--variants hc-vmcall,hc-page-hyperv,io-exit,syscall-sysret,int80,kvm-run-pio --out "$out" \
	--events kvm:kvm_exit,kvm:kvm_pio,cycles
expect_status 0
echo "one nested boot and its counting boot: $SECONDS s wall"
jqr "$out" '.environment.tier == "nested"' >/dev/null
jqr "$out" '[.variants[] | select(.unit != "insns" or .tier != "nested")] | length == 0' >/dev/null
jqr "$out" '[.variants[] | select(.status != "pass")] | length == 0' >/dev/null ||
	fail "a variant did not pass: $(jq -c '[.variants[] | [.name, .status, .check_detail]]' "$out")"
# The paths that do not exit: exactly the tcg tier's figure, checked by the tier.
for v in syscall-sysret int80; do
	jqr "$out" ".variants[] | select(.name == \"$v\") | .vs_tcg.equal == true and .summary.median == .vs_tcg.tcg" >/dev/null ||
		fail "$v differs from tcg: $(jq -c ".variants[] | select(.name == \"$v\") | [.summary.median, .vs_tcg]" "$out")"
done
# The exits: thousands of instructions of kvm_amd and QEMU, no tcg figure.
for v in hc-vmcall hc-page-hyperv io-exit; do
	jqr "$out" ".variants[] | select(.name == \"$v\") | .summary.median > 1000 and (.vs_tcg | has(\"tcg_skipped\"))" >/dev/null ||
		fail "$v: $(jq -c ".variants[] | select(.name == \"$v\") | [.summary, .vs_tcg]" "$out")"
done
# L2 ran the kvm tier's own argv (hv-relaxed for hc-page-hyperv, which
# passed above; fault.nested_faults plants its absence) inside L1.
jqr "$out" '.environment.nested.l2_argv.x86_64 | index("-accel") as $i | .[$i + 1] == "kvm"' >/dev/null
jqr "$out" '.environment.nested.l2_argv.x86_64 | index("host,hv-relaxed") != null' >/dev/null
jqr "$out" '.environment.nested.modules | test("kvm-amd.ko")' >/dev/null
jqr "$out" '.environment.nested.l1_kernel.sha256 | test("^[0-9a-f]{64}$")' >/dev/null
# The caveat goes with every figure: show prints it.
"$ENTRYBENCH" show "$out" >"$scratch/show" || fail "show"
grep -q "NRIP-save" "$scratch/show" || fail "show prints no caveat"
grep -qE "^hc-vmcall +x86_64 +pass" "$scratch/show" || fail "show lacks hc-vmcall"
# --counters: what L1's tracepoints counted per round trip (k/2k difference).
pio() { jq -r ".variants[] | select(.name == \"$1\") | .trials[0].counters[\"kvm:kvm_pio\"].per_trip" "$out"; }
[ "$(pio io-exit)" = 1 ] || fail "io-exit: kvm:kvm_pio per trip $(pio io-exit), not 1"
[ "$(pio syscall-sysret)" = 0 ] || fail "syscall-sysret: kvm:kvm_pio per trip $(pio syscall-sysret), not 0"
jqr "$out" '.variants[] | select(.name == "hc-vmcall") | .trials[0].counters["kvm:kvm_exit"].per_trip | . >= 0.99 and . < 1.05' >/dev/null
jqr "$out" '.variants[] | select(.name == "io-exit") | .trials[0].counters.cycles.unavailable | test("not a tracepoint")' >/dev/null
grep -qE "^io-exit +x86_64 +1\.00 +1\.00 +unavailable" "$scratch/show" || fail "show's counters table"
# show says which paths left L2: vs_tcg per variant.
grep -qE "^syscall-sysret +x86_64 +pass +4 .* equal" "$scratch/show" || fail "show: syscall-sysret not equal"
grep -qE "^io-exit +x86_64 +pass .* exits" "$scratch/show" || fail "show: io-exit not exits"
# L1's own probe: KVM_RUN through kvm_amd and back, thousands of insns.
jqr "$out" '.variants[] | select(.name == "kvm-run-pio") | .status == "pass" and .tier == "nested" and .unit == "insns" and .family == "vmexit" and .summary.median > 1000' >/dev/null ||
	fail "kvm-run-pio: $(jq -c '.variants[] | select(.name == "kvm-run-pio")' "$out")"
# compare says it too (the new file's vs_tcg), as a column of the nested table.
"$ENTRYBENCH" compare "$out" "$out" >"$scratch/compare" || fail "compare"
grep -qE "^io-exit +x86_64 +5[0-9]{3} .* same +exits" "$scratch/compare" || { cat "$scratch/compare"; fail "compare: io-exit"; }
grep -qE "^syscall-sysret +x86_64 +4 .* same +equal" "$scratch/compare" || { cat "$scratch/compare"; fail "compare: syscall-sysret"; }
# gate too: its table of this tier has the current file's vs_tcg.
"$ENTRYBENCH" gate --baseline "$out" --current "$out" >"$scratch/gate" || { cat "$scratch/gate"; fail "gate"; }
grep -qE "^syscall-sysret +x86_64 +4 +4 +\+0 +\+0\.0% +ok +equal" "$scratch/gate" || { cat "$scratch/gate"; fail "gate: syscall-sysret not equal"; }
grep -qE "^io-exit +x86_64 +5[0-9]{3} +5[0-9]{3} .* ok +exits" "$scratch/gate" || { cat "$scratch/gate"; fail "gate: io-exit not exits"; }
