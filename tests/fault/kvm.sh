# /dev/kvm emulated (kvm_pvm), missing, or not accessible: --accel kvm is
# refused with the cause and the fix, exit 2, nothing booted or written.
# The last two are staged in a private mount namespace (a CPU with svm, no
# kvm_pvm module, no /dev/kvm or a user outside group kvm).
source "$(dirname "$0")/lib.sh"
out="$scratch/r.json"

if [ -e /sys/module/kvm_pvm ]; then
	eb run --accel kvm --out "$out"
	expect_status 2
	expect_output "--accel kvm refused: /dev/kvm is provided by kvm_pvm, a software hypervisor: .*; use --accel tcg"
fi

unshare -m true 2>/dev/null || { echo "no mount namespaces: rest skipped"; exit 0; }
mkdir -p "$scratch/dev" "$scratch/module"
sed 's/^flags\t*:/& svm/' /proc/cpuinfo >"$scratch/cpuinfo"
touch "$scratch/dev/null"
cat >"$scratch/ns.sh" <<EOS
set -e
mount --make-rprivate /
mount --bind "$scratch/module" /sys/module
mount --bind "$scratch/cpuinfo" /proc/cpuinfo
case \$1 in
missing)
	mount --bind /dev/null "$scratch/dev/null"
	mount --rbind "$scratch/dev" /dev
	exec "$ENTRYBENCH" run --accel kvm --out "$out" ;;
denied)
	[ -e /dev/kvm ] || { mknod "$scratch/kvm" c 10 232; mount --bind "$scratch/kvm" /dev/kvm 2>/dev/null || exit 77; }
	chmod 711 "$scratch"
	exec setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$ENTRYBENCH" run --accel kvm --out /tmp/eb-never-written.json ;;
esac
EOS

status=0
unshare -m bash "$scratch/ns.sh" missing >"$scratch/out" 2>&1 || status=$?
expect_status 2
expect_output "--accel kvm refused: /dev/kvm does not exist: load the module \(modprobe kvm_intel or kvm_amd\) and enable VT-x/AMD-V in the firmware; use --accel tcg"

status=0
unshare -m bash "$scratch/ns.sh" denied >"$scratch/out" 2>&1 || status=$?
[ $status -eq 77 ] && { echo "cannot stage /dev/kvm: skipped"; exit 0; }
expect_status 2
expect_output "--accel kvm refused: /dev/kvm: permission denied: add yourself to group kvm \(usermod -aG kvm \\\$USER, then log in again\); use --accel tcg"
[ ! -e "$out" ] && [ ! -e /tmp/eb-never-written.json ] || fail "a results file was written"
