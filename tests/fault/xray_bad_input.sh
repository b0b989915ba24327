# The x-ray's bad input, each one clear line and exit 2: an unknown
# variant, a kernel without symbols, no plugin, a QEMU without plugin
# support; and its sum check can fail: a planted plugin that loses one
# instruction of every trip must make it exit 1.
source "$(dirname "$0")/lib.sh"

eb xray no-such-variant
expect_status 2
expect_output "^entrybench: xray: unknown variant 'no-such-variant'"

mkdir "$scratch/stripped"
for k in "$ENTRYBENCH_KERNEL_DIR"/kernel-*.elf; do
	objcopy --strip-all "$k" "$scratch/stripped/$(basename "$k")"
done
eb xray syscall-sysret --kernel-dir "$scratch/stripped"
expect_status 2
expect_output '^entrybench: xray: .*kernel-x86_64.pvh.elf has no symbol table \(stripped\)'

ENTRYBENCH_XRAY_PLUGIN=/nonexistent/xray-plugin.so eb xray syscall-sysret
expect_status 2
expect_output '^entrybench: xray: no x-ray plugin at /nonexistent/xray-plugin.so'

eb xray syscall-sysret --qemu "$(fake noplugin)"
expect_status 2
expect_output '^entrybench: xray: QEMU .* cannot load TCG plugins \(qemu-system-x86_64: -plugin: invalid option\)'

# The linux tier's kernel without symbols, before anything boots: a
# bzImage without the PVH note and without a System.map (a fake), and a
# PVH ELF without kallsyms tables (the bench kernel's own image).
python3 "$fakes/linux_kernel.py" panic "$scratch/bz" || fail "fakes/linux_kernel.py"
eb xray --guest linux getppid-syscall --linux-kernel "$scratch/bz"
expect_status 2
expect_output "^entrybench: xray: a kernel without symbols: $scratch/bz boots as a bzImage .* and no System.map was given$"
eb xray --guest linux getppid-syscall --linux-kernel "$ENTRYBENCH_KERNEL_DIR/kernel-x86_64.pvh.elf"
expect_status 2
expect_output '^entrybench: xray: a kernel without symbols: .*kernel-x86_64.pvh.elf has no kallsyms tables'

# The nested tier's x-ray: the bench kernel only, and a tier that can run.
eb xray hc-vmcall --accel nested --guest linux
expect_status 2
expect_output '^entrybench: xray: --accel nested runs the bench kernel as L2: not with --guest linux$'
EB_LINUX_CACHE=$scratch/no-cache eb xray hc-vmcall --accel nested
expect_status 2
expect_output '^entrybench: xray: tier nested cannot run here: '

planted="$(dirname "$ENTRYBENCH")/xray/xray-plugin-planted.so"
[ -f "$planted" ] || fail "$planted: the build makes it"
ENTRYBENCH_XRAY_PLUGIN=$planted eb xray syscall-ptregs
expect_status 1
expect_output '^entrybench: xray: syscall-ptregs: the x-ray does not add up: 91 insns'
