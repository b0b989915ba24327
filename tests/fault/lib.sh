# Shared by the fault tests: the integration helpers (scratch dir, eb,
# expect_status, expect_output, jqr) plus fake QEMUs.
source "$(dirname "${BASH_SOURCE[0]}")/../integration/lib.sh"

fakes="$(cd "$(dirname "${BASH_SOURCE[0]}")/fakes" && pwd)"
real_qemu=$(command -v qemu-system-x86_64) || { echo "no qemu-system-x86_64: skipped"; exit 77; }
mkdir -p "$scratch/bin" "$scratch/state"

# fake NAME: path of an executable that runs fakes/NAME.sh as QEMU.  The
# fakes log their pid to $scratch/state/pids and count measuring boots.
fake() {
	local exe="$scratch/bin/$1"
	cat >"$exe" <<-EOS
	#!/bin/sh
	export FAKE_STATE="$scratch/state" REAL_QEMU="$real_qemu"
	exec bash "$fakes/$1.sh" "\$@"
	EOS
	chmod +x "$exe"
	echo "$exe"
}

# survivors: the pids the fakes logged that still run.  A killed process
# that is not the controller's child may linger as a zombie until init
# reaps it: that one is dead.
survivors() {
	local pid
	while read -r pid; do
		[ ! -d "/proc/$pid" ] || grep -q '^[^)]*) Z' "/proc/$pid/stat" 2>/dev/null ||
			echo "$pid"
	done <"$scratch/state/pids"
}

# no_survivors: every QEMU (and its children) was killed, and every boot
# was reaped by the controller (each fake logs the zombies among its
# siblings: unreaped earlier boots).
no_survivors() {
	[ -s "$scratch/state/pids" ] || fail "the fake logged no pid"
	local left
	left=$(survivors)
	[ -z "$left" ] || fail "QEMU pid(s) survived: $left"
	[ ! -s "$scratch/state/zombies" ] || fail "unreaped boots: $(cat "$scratch/state/zombies")"
}

# jtrial FILE VARIANT BOOT FIELD
jtrial() {
	jq -er --arg v "$2" --argjson b "$3" \
		'.variants[] | select(.name == $v) | .trials[] | select(.boot == $b) | .'"$4" "$1"
}

# one_bad_trial FAKE STATUS DETAIL_RE: run 2 trials of an x86_64 and an
# i386 variant with fakes/FAKE.sh as QEMU, whose first measuring boot (the
# x86_64 one) misbehaves.  4 s per boot: a real boot takes well under a
# second, but on a loaded machine one passed 2 s.  That trial must be recorded as STATUS with a
# detail matching DETAIL_RE, and the matrix must go on: the i386 boot of
# the same trial and the second trial pass, the file is written, exit 1,
# and no QEMU is left behind.
one_bad_trial() {
	local out="$scratch/r.json"
	eb run --accel tcg --qemu "$(fake "$1")" --timeout 4 --trials 2 \
		syscall-sysret int80-32 --out "$out"
	expect_status 1
	[ -s "$out" ] || fail "no results file"
	local got detail
	got=$(jtrial "$out" syscall-sysret 0 status)
	detail=$(jtrial "$out" syscall-sysret 0 detail)
	[ "$got" = "$2" ] || fail "trial 0: status $got, expected $2 ($detail)"
	grep -qE -- "$3" <<<"$detail" || fail "trial 0 detail '$detail' lacks /$3/"
	[ "$(jtrial "$out" syscall-sysret 1 status)" = pass ] || fail "trial 1 did not run on"
	[ "$(jtrial "$out" int80-32 0 status)" = pass ] || fail "the i386 boot did not run on"
	[ "$(jq -r .variants[0].status "$out")" = "$2" ] || fail "variant status is not $2"
	expect_output "trial 0: $2: "
	no_survivors
}
