# entrybench counters: KVM tracepoints of the real bench kernel in real
# QEMU, and every counter that cannot be taken reported as unavailable with
# its reason, never as 0.
source "$(dirname "$0")/lib.sh"

: "${ENTRYBENCH_KERNEL_DIR:?set by ctest}"
kernel=$ENTRYBENCH_KERNEL_DIR/kernel-x86_64.pvh.elf
qemu=(qemu-system-x86_64 -M microvm,x-option-roms=off,rtc=off -m 64 -nodefaults
      -no-user-config -display none -no-reboot -debugcon stdio
      -device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$kernel" -append eb.list)

# Bad usage.
eb counters --events nonsense -- true
expect_status 2
expect_output "unknown event 'nonsense'"
eb counters --events cycles
expect_status 2

# Options after COMMAND are COMMAND's own, even without "--".
eb counters --events cycles echo --events x
expect_status 0
expect_output '^--events x$'

# A host without a PMU: cycles unavailable, saying so.
if [ ! -e /sys/bus/event_source/devices/cpu ]; then
	eb counters --events cycles,instructions -- true
	expect_status 0
	expect_output '^cycles +unavailable: no PMU'
	expect_output '^instructions +unavailable: no PMU'
fi

# Under TCG there are no KVM exits: unavailable, with the reason.
eb counters --events kvm:kvm_pio,kvm:kvm_exit,cycles -- timeout 60 "${qemu[@]}" -accel tcg
expect_output 'status=pass'
expect_output '^kvm:kvm_pio +unavailable: TCG tier'
expect_output '^kvm:kvm_exit +unavailable: TCG tier'
expect_output '^cycles +unavailable: TCG tier'

# Under KVM (here kvm_pvm is enough: the tracepoints are KVM's), the
# guest's port I/O leaves the guest: kvm_pio counts it.
if [ ! -w /dev/kvm ] || [ ! -d /sys/kernel/tracing/events/kvm ]; then
	echo "no usable /dev/kvm or no KVM tracepoints: KVM part skipped"
	exit 77
fi
eb counters --events kvm:kvm_pio,kvm:kvm_exit -- timeout 60 "${qemu[@]}" \
	-accel kvm -cpu host,-arch-capabilities
expect_output 'status=pass'
pio=$(awk '$1 == "kvm:kvm_pio" { print $2 }' "$scratch/out")
echo "kvm:kvm_pio $pio"
[[ $pio =~ ^[0-9]+$ ]] && [ "$pio" -gt 100 ] || fail "kvm:kvm_pio is '$pio', expected > 100"
# kvm_exit is a count or says why not; never a bare 0 beside port I/O exits.
grep -qE '^kvm:kvm_exit +([1-9][0-9]*|unavailable: .+)$' "$scratch/out" ||
	{ cat "$scratch/out" >&2; fail "kvm:kvm_exit is neither a count nor explained"; }
