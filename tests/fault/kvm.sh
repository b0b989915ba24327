# /dev/kvm emulated (kvm_pvm), missing, or not accessible: --accel kvm is
# refused with the cause and the fix, exit 2, nothing booted or written.
# EB_KVM_DEV names the device node checked, so a missing or inaccessible
# node is staged on any host; a CPU with svm and no kvm_pvm module are
# staged in a private mount namespace.
source "$(dirname "$0")/lib.sh"
out="$scratch/r.json"

if [ -e /sys/module/kvm_pvm ] && [ -e /dev/kvm ]; then
	eb run --accel kvm --out "$out"
	expect_status 2
	expect_output "--accel kvm refused: /dev/kvm is provided by kvm_pvm, a software hypervisor: .*; use --accel tcg"
fi

# The other host seen: kvm_pvm loaded, no /dev/kvm node.  That is said as
# such; the node's absence is never blamed on kvm_pvm.
if [ -e /sys/module/kvm_pvm ]; then
	EB_KVM_DEV=$scratch/no-kvm eb run --accel kvm --out "$out"
	expect_status 2
	expect_output "--accel kvm refused: no /dev/kvm node \(EB_KVM_DEV=$scratch/no-kvm does not exist\): the kvm_pvm module is loaded but there is no device to open; use --accel tcg"
fi
[ ! -e "$out" ] || fail "a results file was written"

unshare -m true 2>/dev/null || { echo "no mount namespaces: rest skipped"; exit 0; }
mkdir -p "$scratch/module"
sed 's/^flags\t*:/& svm/' /proc/cpuinfo >"$scratch/cpuinfo"
cat >"$scratch/ns.sh" <<EOS
set -e
mount --make-rprivate /
mount --bind "$scratch/module" /sys/module
mount --bind "$scratch/cpuinfo" /proc/cpuinfo
case \$1 in
missing)
	EB_KVM_DEV="$scratch/no-kvm" exec "$ENTRYBENCH" run --accel kvm --out "$out" ;;
denied)
	mknod "$scratch/kvm" c 10 232 2>/dev/null || exit 77
	chmod 600 "$scratch/kvm"
	chmod 711 "$scratch"
	EB_KVM_DEV="$scratch/kvm" exec setpriv --reuid=nobody --regid=nogroup \
		--clear-groups "$ENTRYBENCH" run --accel kvm \
		--out /tmp/eb-never-written.json ;;
esac
EOS

status=0
unshare -m bash "$scratch/ns.sh" missing >"$scratch/out" 2>&1 || status=$?
expect_status 2
expect_output "--accel kvm refused: no /dev/kvm node \(EB_KVM_DEV=$scratch/no-kvm does not exist\): load the module \(modprobe kvm_intel or kvm_amd\) and enable VT-x/AMD-V in the firmware; use --accel tcg"

status=0
unshare -m bash "$scratch/ns.sh" denied >"$scratch/out" 2>&1 || status=$?
[ $status -eq 77 ] && { echo "cannot stage a KVM device node: skipped"; exit 0; }
expect_status 2
expect_output "--accel kvm refused: $scratch/kvm: permission denied: add yourself to group kvm \(usermod -aG kvm \\\$USER, then log in again\); use --accel tcg"
[ ! -e "$out" ] && [ ! -e /tmp/eb-never-written.json ] || fail "a results file was written"
