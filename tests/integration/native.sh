# entrybench native measures the host kernel: real, positive, plausible
# TSC figures of tier native, Google Benchmark's JSON kept beside them,
# and a file that show reads back.  What the host kernel may lack (IA32
# emulation, hardware KVM, a vDSO) is a figure or a skip with the reason.
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
[ "$(jqr "$out" '.variants[] | select(.name == "enosys-syscall") | .status')" = pass ] ||
	fail "enosys-syscall did not pass"

# What depends on the host kernel is a figure, or a skip with the reason:
# never an error, whatever this host offers.
figure_or_skip() {	# VARIANT REASON-REGEX
	local v=".variants[] | select(.name == \"$1\")"
	case $(jqr "$out" "$v | .status") in
	pass)	jqr "$out" "$v | .summary.median > 0" >/dev/null ||
			fail "$1 passed without a positive figure" ;;
	skipped) jqr "$out" "$v | .skip_reason | test(\"$2\")" >/dev/null ||
			fail "$1 skipped without its reason: $(jqr "$out" "$v | .skip_reason")" ;;
	*)	fail "$1 is neither a figure nor a skip with a reason: $(jqr "$out" "$v")" ;;
	esac
	echo "$1: $(jqr "$out" "$v | .status") $(jqr "$out" "$v | .summary.median // .skip_reason")"
}
figure_or_skip getppid-int80 '^this host kernel cannot take 32-bit system calls \\(no IA32 emulation\\)'
figure_or_skip getppid-vsyscall32 '^this host kernel cannot execute 32-bit programs \\(no IA32 emulation\\)|no vDSO|without a 32-bit C toolchain'
figure_or_skip kvm-run-pio '^no hardware KVM: |^cannot set up a VM'
figure_or_skip clock_gettime-vdso 'no __vdso_clock_gettime'

# Emulated KVM is never measured: no cycle figure of kvm_pvm is published;
# without a device node the reason says that, not kvm_pvm.
kvm_reason=$(jqr "$out" '.variants[] | select(.name == "kvm-run-pio") | .skip_reason // ""')
if [ ! -e /dev/kvm ]; then
	[[ $kvm_reason == "no hardware KVM: no /dev/kvm node"* ]] ||
		fail "kvm-run-pio without /dev/kvm: '$kvm_reason'"
elif [ -e /sys/module/kvm_pvm ]; then
	[[ $kvm_reason == *"provided by kvm_pvm"* ]] ||
		fail "kvm-run-pio on kvm_pvm: '$kvm_reason'"
fi
jqr "$out" '[.variants[] | select(.name | test("pvm"))] | length == 0' >/dev/null ||
	fail "a kvm_pvm figure was published"

# The other host seen, acted out here: a kernel without IA32 emulation
# refuses the 32-bit helper with ENOEXEC (here: an executable file that is
# no program), and there is no KVM device node.  Skips, exit 0; each reason
# once on stdout and once in Google Benchmark's progress (stderr).
printf '\177ELF\001 not a program' >"$scratch/notelf"
chmod +x "$scratch/notelf"
status=0
EB_VSYSCALL32_HELPER=$scratch/notelf EB_KVM_DEV=$scratch/no-kvm "$ENTRYBENCH" \
	native --out "$scratch/other.json" --repetitions 3 --min-time 0.01 \
	--filter 'vsyscall32|kvm-run' >"$scratch/out" 2>"$scratch/err" || status=$?
expect_status 0
expect_output "^skipped getppid-vsyscall32 \(i386\): this host kernel cannot execute 32-bit programs \(no IA32 emulation\): $scratch/notelf: Exec format error$"
expect_output "^skipped kvm-run-pio \(x86_64\): no hardware KVM: no /dev/kvm node \(EB_KVM_DEV=$scratch/no-kvm does not exist\)"
[ "$(grep -c 'no IA32 emulation' "$scratch/out")" -eq 1 ] &&
	[ "$(grep -c 'no IA32 emulation' "$scratch/err")" -eq 1 ] ||
	{ cat "$scratch/out" "$scratch/err" >&2; fail "a skip reason is not printed once"; }
jqr "$scratch/other.json" '[.variants[].status] == ["skipped", "skipped"]' >/dev/null ||
	fail "expected both skipped"

# A helper that runs but answers wrongly is a failure: exit 1, file written.
printf '#!/bin/sh\necho 1 100 100\n' >"$scratch/wrong"
chmod +x "$scratch/wrong"
status=0
EB_VSYSCALL32_HELPER=$scratch/wrong "$ENTRYBENCH" native --out "$scratch/wrong.json" \
	--repetitions 2 --min-time 0.01 --filter vsyscall32 >"$scratch/out" 2>&1 || status=$?
expect_status 1
expect_output 'getppid returned 1, expected'
[ "$(jqr "$scratch/wrong.json" '.variants[0].status')" = error ] ||
	fail "a wrong answer is not an error"

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
