# The progress line (host/lib/progress.h): on a terminal (a pty from
# script(1)) run draws "run: i/n (p %), m:ss elapsed, ETA m:ss" between
# its trial lines and clears it at the end; with stderr a file or a pipe
# not one byte of it.  EB_PROGRESS_AFTER=0 shows it from the first step
# (by default a run must take 2 s first).  The linux tier's columns too,
# when Debian's kernel is in the cache.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"
command -v script >/dev/null || { echo "skipped: no script(1) (util-linux)"; exit 77; }

# on_tty OUT CMD...: CMD with stdin, stdout and stderr on a pty, all it
# printed in OUT
on_tty() {
	local out=$1; shift
	local cmd
	printf -v cmd '%q ' "$@"
	script -qfec "$cmd" /dev/null >"$out" </dev/null || true
}

on_tty "$scratch/tty" env EB_PROGRESS_AFTER=0 "$ENTRYBENCH" run --accel tcg \
	--trials 3 --variants syscall-sysret,int80-32 --out "$scratch/a.json"
# 2 images x 3 trials: lines 1/6 .. 5/6 (the last step is the end)
grep -qE $'\r\e\\[Krun: 1/6 \\(16 %\\), 0:0[0-9] elapsed, ETA [0-9]+:[0-9]{2}' "$scratch/tty" ||
	{ cat -A "$scratch/tty" >&2; fail "no progress line 1/6 on a terminal"; }
grep -q 'run: 5/6 (83 %)' "$scratch/tty" || { cat -A "$scratch/tty" >&2; fail "no 5/6"; }
! grep -q 'run: 6/6' "$scratch/tty" || fail "a progress line after the last step"
# each trial line starts a line of its own: the progress line was cleared
# ("\r", erase line) before it, never written over or appended to
[ "$(grep -caF $'\r\e[Ktrial ' "$scratch/tty")" -eq 5 ] ||
	{ cat -A "$scratch/tty" >&2; fail "a trial line not after a cleared progress line"; }
! grep -qaE 'ETA [0-9?:]+trial' "$scratch/tty" || fail "a trial line appended to the progress line"
[ "$(jq -r '.variants | length' "$scratch/a.json")" -eq 2 ] || fail "the run lost variants"

# stderr not a terminal: nothing of it, even with EB_PROGRESS_AFTER=0
EB_PROGRESS_AFTER=0 "$ENTRYBENCH" run --accel tcg --trials 3 \
	--variants syscall-sysret,int80-32 --out "$scratch/b.json" >"$scratch/out" 2>"$scratch/err" ||
	fail "run failed"
! grep -q -e 'ETA' -e $'\r' "$scratch/err" || { cat -A "$scratch/err" >&2; fail "progress on a file"; }
grep -q 'trial 3/3 i386: pass' "$scratch/err" || fail "the trial lines are gone"

# by default a run of well under 2 s shows none, on a terminal too
on_tty "$scratch/tty2" "$ENTRYBENCH" run --accel tcg --trials 1 \
	--variants syscall-sysret --out "$scratch/c.json"
! grep -q 'ETA' "$scratch/tty2" || { cat -A "$scratch/tty2" >&2; fail "progress for a short run"; }

# the linux tier's columns: 2 CPU models x 1 command line
cache=$(bash "$EB_SOURCE_DIR/ci/linux-kernel.sh" --dir)
if [ -e "$cache/current/vmlinuz" ] && [ -n "${EB_LINUX_GUEST_DIR:-}" ]; then
	on_tty "$scratch/tty3" env EB_PROGRESS_AFTER=0 "$ENTRYBENCH" run --guest linux \
		--linux-append "" --jobs 1 --out "$scratch/l.json"
	grep -qE 'run --guest linux: 1/2 \(50 %\), [0-9]+:[0-9]{2} elapsed, ETA [0-9]+:[0-9]{2}' "$scratch/tty3" ||
		{ cat -A "$scratch/tty3" >&2; fail "no progress line for the linux tier"; }
else
	echo "linux tier part skipped: no Debian kernel in $cache"
fi
