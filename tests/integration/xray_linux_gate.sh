#!/usr/bin/env bash
# The linux gate explains a regression by function: a baseline of
# getppid-syscall with its x-ray (column amd), and a candidate whose
# getppid path took the instructions pti=on adds (a real x-ray boot with
# pti=on, its figures and x-ray put in the candidate file: the environment
# stays the baseline's).  gate must FAIL and name the entry functions that
# grew and the instructions added.  Two linux x-ray boots (~16 s); skips
# (77) without the cached kernel.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"

cache=$(bash "$EB_SOURCE_DIR/ci/linux-kernel.sh" --dir)
if [ ! -e "$cache/current/vmlinuz" ]; then
	echo "skipped: no Debian kernel in $cache"
	exit 77
fi
eb xray --guest linux getppid-syscall --functions --out "$scratch/a.json"
expect_status 0
eb xray --guest linux getppid-syscall --linux-append pti=on --functions --out "$scratch/pti.json"
expect_status 0
jq --slurpfile b "$scratch/pti.json" '.variants[0].trials = $b[0].variants[0].trials |
	.variants[0].summary = $b[0].variants[0].summary |
	.variants[0].xray = $b[0].variants[0].xray' "$scratch/a.json" >"$scratch/cand.json"
eb baseline update --from "$scratch/a.json" --baseline "$scratch/base.json" --reason test
expect_status 0
jqr "$scratch/base.json" '.variants[0].xray.functions | length > 5' >/dev/null

eb gate --baseline "$scratch/base.json" --current "$scratch/cand.json"
expect_status 1
expect_output '^gate: FAIL: getppid-syscall \(amd\) \+[0-9]+ insns$'
expect_output '^getppid-syscall \+[0-9]+: .*entry_SYSCALL_64 \+[0-9]+ \(.*mov at \+0x[0-9a-f]+.*\).* \[amd\]$'

# The same candidate file as its own baseline passes, with no explanation.
eb gate --baseline "$scratch/base.json" --current "$scratch/a.json"
expect_status 0
