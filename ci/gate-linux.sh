#!/usr/bin/env bash
# The linux tier's CI gate: this tree's Linux guest on Debian's kernel from
# the cache, the baseline's matrix (4 command lines x AMD and Intel, one
# boot each, two QEMUs at a time), against results/baseline-linux.json.
# Assumes ci/test.sh has built the tree (the initramfs).  Exits 1 on a
# regression, 2 when the gate could not run.  Never red for what is no
# regression, but a SKIP line with the reason and exit 0:
#   - Debian replaced its kernel (a security update): the gate prints the
#     new kernel's counts, both versions and the command that records it:
#       build/host/entrybench baseline update --baseline results/baseline-linux.json --reason "..."
#   - no kernel in the cache (ci/setup.sh had no network).
set -euo pipefail
cd "$(dirname "$0")/.."
eb=${EB_BUILD_DIR:-build}/host/entrybench
[ -x "$eb" ] || { echo "ci/gate-linux.sh: $eb missing: run ci/build.sh (or ci/test.sh) first" >&2; exit 2; }
cache=$(ci/linux-kernel.sh --dir)
if [ ! -e "$cache/current/vmlinuz" ]; then
	echo "ci/gate-linux.sh: SKIP: no Debian kernel in $cache: ci/linux-kernel.sh fetches it (it needs the network)"
	exit 0
fi
exec "$eb" gate --baseline results/baseline-linux.json --on-new-kernel skip "$@"
