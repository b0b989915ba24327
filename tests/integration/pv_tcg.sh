# The paravirtual variants under TCG: the in-guest PV model runs and passes
# with exact, repeatable counts; the hardware hypercall variants (which need
# a real VM exit) are skipped, each with a reason that names TCG.
source "$(dirname "$0")/lib.sh"

pv=pv-hypercall-page,pv-syscall-bounce,pv-hypercall-page-32,pv-syscall-bounce-32,pv-int80-direct-32
pvops=pvops-native-32,pvops-indirect-32,pvops-hcall-32
hw=hc-vmcall,hc-page-hyperv,hc-wrong-vendor,io-exit

eb run --accel tcg --variants "$pv,$pvops,$hw" --trials 2 --out "$scratch/r.json"
expect_status 0

for v in ${pv//,/ } ${pvops//,/ }; do
	[ "$(jqr "$scratch/r.json" ".variants[] | select(.name == \"$v\") | .status")" = pass ] ||
		fail "$v did not pass"
	# two boots, one instruction count: TCG icount is exact
	[ "$(jqr "$scratch/r.json" "[.variants[] | select(.name == \"$v\") | .trials[].value] |
		length == 2 and .[0] == .[1]")" = true ] || fail "$v: counts differ between boots"
done

for v in ${hw//,/ }; do
	[ "$(jqr "$scratch/r.json" ".variants[] | select(.name == \"$v\") | .status")" = skipped ] ||
		fail "$v ran under TCG"
	jqr "$scratch/r.json" ".variants[] | select(.name == \"$v\") | .skip_reason" | grep -q TCG ||
		fail "$v: the skip reason does not say TCG"
done
# one reason, printed once for every variant it kept from running
expect_output '^skipped ([a-z-]+, )*hc-vmcall(, [a-z-]+)* \(x86_64\): TCG'
[ "$(grep -c 'VMCALL/VMMCALL raise #UD' "$scratch/out")" -eq 1 ] ||
	fail "the TCG skip reason is printed more than once"
