# On a host whose /dev/kvm is a software hypervisor (kvm_pvm), that has no
# /dev/kvm node or that has no VMX/SVM, `--accel kvm` refuses and says why,
# and `auto` falls back to TCG.
source "$(dirname "$0")/lib.sh"

# No device node, on any host (EB_KVM_DEV names the one checked): said
# as such, never blamed on kvm_pvm.
EB_KVM_DEV=$scratch/no-kvm eb run --accel kvm --variants syscall-sysret --trials 1 --out "$scratch/k.json"
expect_status 2
expect_output "--accel kvm refused: no /dev/kvm node \(EB_KVM_DEV=$scratch/no-kvm does not exist\)"
! grep -q 'provided by kvm_pvm' "$scratch/out" || fail "a missing node blamed on kvm_pvm"
[ ! -e "$scratch/k.json" ] || fail "a results file was written"
EB_KVM_DEV=$scratch/no-kvm eb run --accel auto --variants syscall-sysret --trials 1 --out "$scratch/a.json"
expect_status 0
[ "$(jqr "$scratch/a.json" '.variants[0].tier')" = tcg ] || fail "auto did not pick tcg"
jqr "$scratch/a.json" '.environment.accel_reason | startswith("auto chose tcg: no /dev/kvm node")' >/dev/null ||
	fail "auto's reason does not say there is no node"

if grep -qwE 'vmx|svm' /proc/cpuinfo && [ ! -d /sys/module/kvm_pvm ] && [ -e /dev/kvm ]; then
	echo "hardware virtualisation present: nothing more to refuse here"
	exit 0
fi

eb run --accel kvm --variants syscall-sysret --trials 1 --out "$scratch/k.json"
expect_status 2
expect_output '--accel kvm refused: (no /dev/kvm node|/dev/kvm is provided by kvm_pvm|.*neither vmx nor svm)'
[ ! -e "$scratch/k.json" ] || fail "cycle figures were written from an emulated KVM"

eb run --accel auto --variants syscall-sysret --trials 1 --out "$scratch/a.json"
expect_status 0
[ "$(jqr "$scratch/a.json" '.variants[0].tier')" = tcg ] || fail "auto did not pick tcg"
