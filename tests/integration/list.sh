# `entrybench list` describes every variant built into the kernel images,
# each with the family its descriptor gives (variant.h).
source "$(dirname "$0")/lib.sh"

eb list
expect_status 0
for v in syscall-sysret syscall-ptregs int80; do
	expect_output "^ *$v .*x86_64"
done
expect_output 'entry_SYSCALL_64'
expect_output '^  syscall-sysret +x86_64 +syscall +cpl 3 '
expect_output '^  int80-32 +i386 +int80-gate +cpl 3 '

# name mode family, one line per variant
rows=$(grep -E '^  [A-Za-z0-9._+-]+ +(x86_64|i386) +[^ ]+ +cpl ' "$scratch/out" |
	awk '{ print $1, $2, $3 }')
[ "$(wc -l <<<"$rows")" -ge 30 ] || fail "list shows only $(wc -l <<<"$rows") variants"
# a descriptor without .family shows '-': every variant has one
! grep -E '^[^ ]+ [^ ]+ -$' <<<"$rows" ||
	fail "variants without a family: $(grep -E ' -$' <<<"$rows" | cut -d' ' -f1 | paste -sd' ')"
# a family is never a variant's name, so one word selects either
for f in $(cut -d' ' -f3 <<<"$rows" | sort -u); do
	! cut -d' ' -f1 <<<"$rows" | grep -qx -- "$f" || fail "family '$f' is also a variant's name"
done
# the NMI designs are exactly the nmi family (the torture and --inject-nmi take it)
[ "$(awk '$3 == "nmi" { print $1 }' <<<"$rows" | sort | paste -sd' ')" = \
  "nmi-copied nmi-fake nmi-ist nmi-ist-xor nmi-single-stack" ] ||
	fail "the nmi family is not the five NMI designs: $(awk '$3 == "nmi"' <<<"$rows")"
