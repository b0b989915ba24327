# `entrybench list` describes every variant built into the kernel images.
source "$(dirname "$0")/lib.sh"

eb list
expect_status 0
for v in syscall-sysret syscall-ptregs int80; do
	expect_output "^ *$v .*x86_64"
done
expect_output 'entry_SYSCALL_64'
