#!/usr/bin/env bash
# The Linux guest's /init run as an ordinary program on this host (not pid
# 1: records to stdout, the command line from its arguments): the whole
# probe set must give a stream the real parser accepts, each probe passing
# or skipped with a reason (this host may lack IA32 emulation), and bad eb.*
# options must end in `end status=usage` with exit 3.  Figures are the
# host's and mean nothing here; linux_boot.sh measures the real guest.
source "$(dirname "$0")/lib.sh"
: "${EB_LINUX_CHECK:?set by ctest}" "${EB_LINUX_GUEST_DIR:?set by ctest}"
init="$EB_LINUX_GUEST_DIR/init"
[ -x "$init" ] || fail "$init missing: the build makes it"

# run ARGS...: the guest program, output in $scratch/g.out, table in $scratch/g.table
run() {
	rc=0
	timeout 120 "$init" "$@" >"$scratch/g.out" 2>"$scratch/g.err" || rc=$?
	prc=0
	"$EB_LINUX_CHECK" parse "$scratch/g.out" >"$scratch/g.table" 2>&1 || prc=$?
}

run eb.k=8 eb.batches=2 eb.warmup=4
if grep -q "lacks RDTSCP" "$scratch/g.table"; then
	echo "skipped: this host's CPU gives user space no RDTSCP"
	exit 77
fi
cat "$scratch/g.table"
[ "$rc" -eq 0 ] && [ "$prc" -eq 0 ] || fail "exit $rc, parser $prc: $(cat "$scratch/g.err" "$scratch/g.table")"
n=0
while read -r name family peer status rest; do
	case "$status" in
	pass) [[ $rest =~ ^\ *[0-9.]+\ 2/2 ]] || fail "$name: $rest" ;;
	skipped) [[ $rest == *" 0/2 "?* ]] || fail "$name skipped without a reason" ;;
	*) fail "$name: $status $rest" ;;
	esac
	n=$((n + 1))
done < <(sed -n '2,/^end /p' "$scratch/g.table" | grep -v '^end ')
[ "$n" -eq 9 ] || fail "$n probes, expected 9"
grep -q '^end pass$' "$scratch/g.table" || fail "no end pass"

# Only the selected probes run; the others are declared and left alone.
run eb.variants=getppid-syscall,pf-minor eb.k=4 eb.batches=1 eb.warmup=0
[ "$rc" -eq 0 ] || fail "selection: exit $rc"
[ "$(grep -c ' pass ' "$scratch/g.table")" -eq 2 ] || fail "selection ran $(cat "$scratch/g.table")"

for bad in eb.k=0 eb.batches=2000 eb.warmup=x eb.torture=nmi eb.variants=getppid-syscall,nope; do
	run "$bad"
	[ "$rc" -eq 3 ] && [ "$prc" -eq 1 ] || fail "$bad: exit $rc, parser $prc"
	grep -q '^end usage ' "$scratch/g.table" || fail "$bad: $(cat "$scratch/g.table")"
done
grep -q "'nope', which is no probe" "$scratch/g.table" || fail "the unknown probe is not named"

run eb.list
[ "$rc" -eq 0 ] && [ "$(grep -c ' unchecked ' "$scratch/g.table")" -eq 9 ] ||
	fail "eb.list: exit $rc: $(cat "$scratch/g.table")"
echo PASS
