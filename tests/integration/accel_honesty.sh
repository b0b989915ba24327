# On a host whose /dev/kvm is a software hypervisor (kvm_pvm) or that has no
# VMX/SVM, `--accel kvm` refuses and says why, and `auto` falls back to TCG.
source "$(dirname "$0")/lib.sh"

if grep -qwE 'vmx|svm' /proc/cpuinfo && [ ! -d /sys/module/kvm_pvm ]; then
	echo "hardware virtualisation present: nothing to refuse here"
	exit 77
fi

eb run --accel kvm --variants syscall-sysret --trials 1 --out "$scratch/k.json"
expect_status 2
expect_output 'kvm_pvm|VMX|SVM|vmx|svm'
[ ! -e "$scratch/k.json" ] || fail "cycle figures were written from an emulated KVM"

eb run --accel auto --variants syscall-sysret --trials 1 --out "$scratch/a.json"
expect_status 0
[ "$(jqr "$scratch/a.json" '.variants[0].tier')" = tcg ] || fail "auto did not pick tcg"
