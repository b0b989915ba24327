#!/usr/bin/env bash
# run --accel nested when L1 cannot do its part.  Before anything boots, in
# one line and exit 2: an L1 kernel without kvm_amd (a copy of the cached
# kernel whose module lists lack it), a QEMU the L1 image cannot be made
# of (a script: ldd finds no libraries to copy; an ELF whose library is
# missing), --linux-kernel without usable modules (none beside it, a
# directory that is none, another release's, one without kvm_amd).
# Booted: a bench kernel whose calibration exits to KVM every
# iteration (the calib guard rejects it), an L1 whose kvm-amd.ko is garbage (finit_module
# fails: L1's /init says so, its console's tail is the reason, exit 1), an L1 that panics (its initramfs
# cut short: no /init), an L1 killed at the per-boot timeout, the planted
# controllers (the kvm argv without hv-relaxed, L1's kvm-run-pio on the
# wrong port, L1's /init whose injected NMIs never reach L2),
# --linux-kernel that works.  Skips (77) without the cached
# kernel.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"
cache=$(bash "$EB_SOURCE_DIR/ci/linux-kernel.sh" --dir)
[ -e "$cache/current/vmlinuz" ] || { echo "skipped: no Debian kernel in $cache"; exit 77; }
out=$scratch/r.json
export EB_NESTED_CACHE=$scratch/nested-cache
run_nested() { eb run --accel nested --trials 1 --variants syscall-sysret --out "$out" "$@"; }

# What the tier does not do, refused in one line before anything boots.
run_nested --linux-append quiet
expect_status 2
expect_output "^entrybench: run: --accel nested: --linux-append is not supported: L1 takes --linux-kernel and --linux-modules only"
run_nested --linux-modules /tmp
expect_status 2
expect_output "^entrybench: run: --accel nested: --linux-modules names the modules of --linux-kernel"
[ ! -e "$out" ] || fail "a results file without a boot"

# --linux-kernel for L1 whose modules cannot be had: none beside it, a
# directory that is no lib/modules/<release>, another release's.
real=$(readlink -f "$cache/current")
rel=$(basename "$(ls -d "$real"/lib/modules/*)")
mkdir -p "$scratch/bare/other/lib/modules/9.9.9" && ln -s "$real/vmlinuz" "$scratch/bare/vmlinuz"
touch "$scratch/bare/other/lib/modules/9.9.9/modules.order"
run_nested --linux-kernel "$scratch/bare/vmlinuz"
expect_status 2
expect_output "^entrybench: run: --accel nested: --linux-kernel $scratch/bare/vmlinuz \(release $rel\): no modules beside it .*: name them with --linux-modules DIR"
run_nested --linux-kernel "$scratch/bare/vmlinuz" --linux-modules "$scratch/bare"
expect_status 2
expect_output "^entrybench: run: --accel nested: --linux-modules $scratch/bare: no $scratch/bare/modules.order .*not a lib/modules/<release> directory"
run_nested --linux-kernel "$scratch/bare/vmlinuz" --linux-modules "$scratch/bare/other/lib/modules/9.9.9"
expect_status 2
expect_output "^entrybench: run: --accel nested: --linux-modules .*/9.9.9 is release 9.9.9, the L1 kernel .* is $rel: its modules would not load"
[ ! -e "$out" ] || fail "a results file without a boot"

# fake_cache: a linux cache in $scratch/lx whose kernel is the real one,
# with its module tree copied (symlinks to the real files) to edit.
fake_cache() {
	local real rel
	real=$(readlink -f "$cache/current")
	rel=$(basename "$(ls -d "$real"/lib/modules/*)")
	rm -rf "$scratch/lx" && mkdir -p "$scratch/lx/k/lib/modules/$rel" || fail mkdir
	for f in vmlinuz System.map config boot; do ln -s "$real/$f" "$scratch/lx/k/$f"; done
	cp -rs "$real/lib/modules/$rel/." "$scratch/lx/k/lib/modules/$rel/" || fail "cp -rs"
	ln -s k "$scratch/lx/current"
	mods=$scratch/lx/k/lib/modules/$rel
}

# No kvm_amd at all: refused before booting, naming the module.
fake_cache
for f in modules.order modules.builtin; do
	grep -v kvm-amd "$(readlink -f "$mods/$f")" >"$mods/$f.new" && rm "$mods/$f" && mv "$mods/$f.new" "$mods/$f"
done
EB_LINUX_CACHE=$scratch/lx run_nested
expect_status 2
expect_output "^entrybench: --accel nested refused: the cached kernel .* has no module kvm_amd"
# The same kernel as --linux-kernel, its modules found beside it.
run_nested --linux-kernel "$scratch/lx/k/vmlinuz"
expect_status 2
expect_output "^entrybench: run: --accel nested: the L1 kernel \($scratch/lx/k/lib/modules/$rel\) has no module kvm_amd, neither built in nor as a .ko"
[ ! -e "$out" ] || fail "a results file without a boot"

# A QEMU that is a script: no ELF whose libraries could go into L1.
fake real >/dev/null
run_nested --qemu "$scratch/bin/real"
expect_status 2
expect_output "^entrybench: run: --accel nested: ldd $scratch/bin/real failed"

# A QEMU ELF that needs a library which is not there: its ldd says "not
# found" (built here against a library removed afterwards); refused before
# anything boots, naming the library.
cc=$(command -v cc || command -v gcc) || fail "no C compiler"
echo 'int eb_gone(void) { return 0; }' >"$scratch/gone.c"
echo 'int eb_gone(void); int main(void) { return eb_gone(); }' >"$scratch/q.c"
"$cc" -shared -fPIC -o "$scratch/libebgone.so" "$scratch/gone.c" || fail "cc -shared"
"$cc" -o "$scratch/qemu-needs-gone" "$scratch/q.c" -L"$scratch" -lebgone || fail "cc"
rm "$scratch/libebgone.so"
SECONDS=0
run_nested --qemu "$scratch/qemu-needs-gone"
expect_status 2
expect_output "^entrybench: run: --accel nested: QEMU \\($scratch/qemu-needs-gone\\) needs a library ldd does not find: libebgone.so => not found"
[ "$SECONDS" -lt 20 ] || fail "the missing library was found after $SECONDS s: something booted first"
[ ! -e "$out" ] || fail "a results file without a boot"

# kvm-amd.ko is garbage: L1's /init says so; the boot is an error with it.
fake_cache
rm "$mods/kernel/arch/x86/kvm/kvm-amd.ko"
printf 'not a module\0depends=kvm\0' >"$mods/kernel/arch/x86/kvm/kvm-amd.ko"
SECONDS=0
EB_LINUX_CACHE=$scratch/lx run_nested --timeout 120
echo "L1 with a bad module: $SECONDS s"
expect_status 1
expect_output "error .*L1 could not run L2: .*entrybench-l1: finit_module /lib/modules/kvm-amd.ko: "

# L1 panics: its initramfs (from the cache) cut short, so it has no /init.
img=$(ls "$EB_NESTED_CACHE"/l1-*.cpio)
truncate -s 65536 "$img"
SECONDS=0
EB_LINUX_CACHE=$scratch/lx run_nested --timeout 120
echo "L1 panic: $SECONDS s"
expect_status 1
expect_output "crashed .*L1 ended \(a panic or a reset\) before L2 printed anything; L1 console: .*Kernel panic"

# L1 does not finish in time: killed at the timeout, its console said.
run_nested --timeout 2
expect_status 1
expect_output "timeout after 2 s .*; L1 console: "

# The calib guard against the real KVM: a kernel planted with
# EB_INJECT=calib:exit writes to port 0x80 in every iteration of its ring-0
# loop, a VM exit each under kvm_amd: thousands of ticks an iteration, the
# boot rejected (exit 1).  Under tcg the same kernel passes (3 insns an
# iteration): it is the exit the guard sees.
cmake -S "$EB_SOURCE_DIR" -B "$scratch/planted" -DEB_INJECT=calib:exit >"$scratch/cmake" 2>&1 &&
	cmake --build "$scratch/planted" --target kernel-x86_64 -j"$(nproc)" >>"$scratch/cmake" 2>&1 ||
	{ cat "$scratch/cmake" >&2; fail "building the planted kernel failed"; }
SECONDS=0
run_nested --kernel-dir "$scratch/planted/bench-kernel" --timeout 120
echo "planted calib under nested: $SECONDS s"
expect_status 1
expect_output "rejected: calib: [0-9]{6,} ticks for 1000 iterations of a ring-0 loop \(> 50 per iteration\)"
eb run --accel tcg --trials 1 --kernel-dir "$scratch/planted/bench-kernel" \
	--variants syscall-sysret --out "$scratch/tcg.json"
expect_status 0

# --linux-kernel for L1 that works: the unpacked package's boot/vmlinuz-*,
# its modules one level up (lib/modules/<release>); the same L1 image as
# the cached kernel's (content-hashed), so no image is built for it.
SECONDS=0
run_nested --linux-kernel "$real/boot/vmlinuz-$rel" --timeout 120
echo "--linux-kernel under nested: $SECONDS s"
expect_status 0
jqr "$out" ".environment.nested.modules_dir == \"$real/lib/modules/$rel\" and .environment.nested.l1_kernel.release == \"$rel\"" >/dev/null
jqr "$out" '.variants[] | select(.name == "syscall-sysret") | .status == "pass" and .vs_tcg.equal == true' >/dev/null

# The kvm tier's argv against the real KVM: entrybench-planted-kvm-argv is
# this controller with tiers/kvm.c built without hv-relaxed (host/
# CMakeLists.txt).  L2's KVM then offers no Hyper-V interface and
# hc-page-hyperv is skipped, saying what it lacks, in the same boot in
# which hc-vmcall passes; with the real argv it passes (nested_run.sh).
planted=$(dirname "$ENTRYBENCH")/entrybench-planted-kvm-argv
[ -x "$planted" ] || fail "no $planted: the build makes it"
SECONDS=0
ENTRYBENCH=$planted eb run --accel nested --trials 1 --timeout 120 \
	--variants hc-page-hyperv,hc-vmcall --out "$out"
echo "planted kvm argv under nested: $SECONDS s"
expect_status 0
expect_output "^skipped hc-page-hyperv \(x86_64\): KVM without the Hyper-V interface \(CPUID 0x40000001 is not 'Hv#1'\)"
jqr "$out" '.environment.nested.l2_argv.x86_64 | index("host") != null and index("host,hv-relaxed") == null' >/dev/null
jqr "$out" '[.variants[] | [.name, .status]] == [["hc-page-hyperv", "skipped"], ["hc-vmcall", "pass"]]' >/dev/null ||
	fail "planted argv: $(jq -c '[.variants[] | [.name, .status]]' "$out")"

# kvm-run-pio's own check against the real kvm_amd: entrybench-planted-l1-
# probes puts nested-l1-probes-planted into L1, whose guest writes another
# port than the probe's; KVM_RUN still returns KVM_EXIT_IO, but not on its
# port, so the trip's result is wrong: check failed, exit 1.
planted=$(dirname "$ENTRYBENCH")/entrybench-planted-l1-probes
[ -x "$planted" ] || fail "no $planted: the build makes it"
SECONDS=0
ENTRYBENCH=$planted eb run --accel nested --trials 1 --timeout 120 \
	--variants kvm-run-pio --out "$out"
echo "planted kvm-run-pio: $SECONDS s"
expect_status 1
expect_output "CHECK FAILED: kvm-run-pio \(x86_64\): rax: want 0x1 got 0"
jqr "$out" '.variants[] | select(.name == "kvm-run-pio") | .status == "fail" and .tier == "nested"' >/dev/null

# --inject-nmi's injection verdict against an L1 whose NMIs never reach L2
# (as one sent to the outer QEMU, L1's, would not): entrybench-planted-l1-
# init puts nested-l1-init-planted into L1, which logs its inject-nmi
# without sending it; no ack comes, so lost-nmis, exit 1.
planted=$(dirname "$ENTRYBENCH")/entrybench-planted-l1-init
[ -x "$planted" ] || fail "no $planted: the build makes it"
SECONDS=0
ENTRYBENCH=$planted eb run --accel nested --inject-nmi nmi-copied --trials 1 \
	--timeout 120 --variants syscall-sysret --out "$out"
echo "planted L1 injector: $SECONDS s"
expect_status 1
jqr "$out" '.nmi_injection[0] | .verdict == "lost-nmis" and .injected == 1
	and .acks == 0 and .handled == 0' >/dev/null ||
	fail "planted L1 injector: $(jq -c '.nmi_injection' "$out")"
