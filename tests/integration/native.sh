# entrybench native measures the host kernel: real, positive, plausible
# TSC figures of tier native, Google Benchmark's JSON kept beside them,
# and a file that show reads back.
source "$(dirname "$0")/lib.sh"

out=$scratch/native.json
eb native --out "$out" --repetitions 3 --min-time 0.05
expect_status 0
expect_output '^tier native \(.*\), unit tsc_cycles'
[ -s "$out.gbench.json" ] || fail "no Google Benchmark JSON beside $out"
jqr "$out" '.environment.tier == "native" and (.environment | has("qemu") | not)' >/dev/null ||
	fail "environment is not that of the native tier"
jqr "$out" 'all(.variants[]; .tier == "native" and .unit == "tsc_cycles")' >/dev/null ||
	fail "a figure without tier native / unit tsc_cycles"

# One trial per repetition; every passing one a positive figure.
median() { jqr "$out" ".variants[] | select(.name == \"$1\") | .summary.median"; }
jqr "$out" '.variants[] | select(.name == "getppid-syscall") | .trials | length == 3' >/dev/null ||
	fail "getppid-syscall: expected 3 repetitions"
jqr "$out" '[.variants[].trials[] | select(.status == "pass") | .value > 0] | all' >/dev/null ||
	fail "a passing repetition without a positive value"
syscall=$(median getppid-syscall)
echo "getppid through SYSCALL: $syscall TSC cycles"
awk -v x="$syscall" 'BEGIN { exit !(x >= 50 && x <= 100000) }' ||
	fail "getppid-syscall $syscall cycles is not plausible"
for v in enosys-syscall clock_gettime-vdso; do
	[ "$(jqr "$out" ".variants[] | select(.name == \"$v\") | .status")" = pass ] ||
		fail "$v did not pass"
done

# Emulated KVM is never measured: no cycle figure of kvm_pvm is published.
if [ -e /sys/module/kvm_pvm ]; then
	[ "$(jqr "$out" '.variants[] | select(.name == "kvm-run-pio") | .status')" = skipped ] ||
		fail "kvm-run-pio must not be measured on kvm_pvm"
	jqr "$out" '.variants[] | select(.name == "kvm-run-pio") | .skip_reason | test("kvm_pvm.*not published")' >/dev/null ||
		fail "kvm-run-pio does not say why it is skipped"
	jqr "$out" '[.variants[] | select(.name | test("pvm"))] | length == 0' >/dev/null ||
		fail "a kvm_pvm figure was published"
fi

eb show "$out"
expect_status 0
expect_output 'getppid-syscall +x86_64 +pass'

eb native --out "$scratch/x.json" --filter '('
expect_status 2
expect_output 'filter'
eb native --out "$scratch/x.json" --filter '^no-such-benchmark$'
expect_status 2
expect_output 'no benchmark matches'
[ ! -e "$scratch/x.json.gbench.json" ] || fail "an empty Google Benchmark JSON was left behind"
eb native --out "$scratch/x.json" --repetitions 0
expect_status 2
# a path through a regular file cannot be made (missing directories are)
: >"$scratch/plain"
eb native --out "$scratch/plain/dir/x.json"
expect_status 2
expect_output 'native: cannot create directory .*plain/dir: Not a directory'
