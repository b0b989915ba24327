# Provenance: every results file says how it was asked for (the command
# line) and which build wrote it (revision,
# dirty, toolchain) and which kernel images it measured (SHA-256 and the
# build that made them, only when build-info.json really describes that
# image); cycle tiers say what sysfs says about the CPU's clock, never a
# guess; the fingerprint formula of SCHEMA.md is the one the C computes;
# trend plots label points with the revision.
source "$(dirname "$0")/lib.sh"

src=$(realpath "${EB_SOURCE_DIR:?}")
kdir=$(realpath "${ENTRYBENCH_KERNEL_DIR:?}")
a=$scratch/a.json
args=(run syscall-sysret --accel tcg --trials 1 --variants int80-32,syscall-sysret --out "$a")
eb "${args[@]}"
expect_status 0

# 0. The command line as typed: not as parsing left argv (permuted, the
# a,b of a list split at its commas).
[ "$(jq -c .command_line "$a")" = "$(jq -cn '$ARGS.positional' --args -- "$ENTRYBENCH" "${args[@]}")" ] ||
	fail "command_line $(jq -c .command_line "$a") is not the command line given"

# 1. This build: a commit of this repository, or "unknown" outside one.
rev=$(jqr "$a" .provenance.entrybench.revision)
if [ "$(git -C "$src" rev-parse --show-toplevel 2>/dev/null)" = "$src" ]; then
	[[ $rev =~ ^[0-9a-f]{40}$ ]] || fail "revision '$rev' is not a commit id"
	git -C "$src" cat-file -e "$rev^{commit}" || fail "revision $rev is not in $src"
	jqr "$a" '.provenance.entrybench.dirty | type == "boolean"' >/dev/null
else
	[ "$rev" = unknown ] || fail "not a git checkout, yet revision '$rev'"
	jqr "$a" '.provenance.entrybench.dirty == null' >/dev/null
fi
jqr "$a" '.provenance.entrybench | (.compiler | test("[0-9]+\\.[0-9]+"))
	and (.linker | test("[0-9]+\\.[0-9]+")) and (.assembler | length > 0)
	and (.build_type | length > 0)' >/dev/null

# 2. Each kernel measured: its real hash, and the build beside it (the
# same tree as the host here).
[ "$(jqr "$a" '[.provenance.kernels[].mode] | join(",")')" = x86_64,i386 ] ||
	fail "kernels recorded are not the two images booted"
for m in x86_64 i386; do
	path=$(jqr "$a" ".provenance.kernels[] | select(.mode == \"$m\") | .path")
	[ "$path" = "$kdir/kernel-$m.pvh.elf" ] || fail "$m: path $path"
	[ "$(jqr "$a" ".provenance.kernels[] | select(.mode == \"$m\") | .sha256")" = \
	  "$(sha256sum "$path" | cut -d' ' -f1)" ] || fail "$m: sha256 is not the image's"
	jqr "$a" ".provenance.kernels[] | select(.mode == \"$m\") | .build
		| .revision == \"$rev\" and .inject == null
		and (.guest_flags | test(\"-ffreestanding\"))" >/dev/null ||
		fail "$m: build is not this tree's"
done
jqr "$a" '.environment | has("cpu_power") | not' >/dev/null ||
	fail "a tcg file records cpu_power (instruction counts do not depend on it)"
eb show "$a"
expect_status 0
expect_output "^written by entrybench [0-9.]+, revision ${rev:0:12}"
expect_output "^kernel x86_64 sha256 $(sha256sum "$kdir/kernel-x86_64.pvh.elf" | cut -c1-16), built from revision"

# 3. The fingerprint formula of SCHEMA.md (lib.sh's reseal) is the C one.
fp=$(jqr "$a" .environment.fingerprint)
cp "$a" "$scratch/resealed.json"
reseal "$scratch/resealed.json"
[ "$(jqr "$scratch/resealed.json" .environment.fingerprint)" = "$fp" ] ||
	fail "SCHEMA.md's fingerprint formula differs from env.c's"

# 4. Images elsewhere: without build-info.json the build is unknown and
# says why; with it, an image changed since is not what it describes.
mkdir "$scratch/k"
cp "$kdir"/kernel-*.pvh.elf "$scratch/k/"
eb run --accel tcg --trials 1 --kernel-dir "$scratch/k" syscall-sysret --out "$scratch/b.json"
expect_status 0
jqr "$scratch/b.json" '.provenance.kernels[0].build.unavailable' | grep -q "k/build-info.json: " ||
	fail "no build-info.json: the build is not said to be unknown"
cp "$kdir/build-info.json" "$scratch/k/"
printf '\0' >>"$scratch/k/kernel-x86_64.pvh.elf"
eb run --accel tcg --trials 1 --kernel-dir "$scratch/k" syscall-sysret int80-32 --out "$scratch/b.json"
expect_status 0
jqr "$scratch/b.json" '.provenance.kernels[] | select(.mode == "x86_64") | .build.unavailable' |
	grep -q "describes another build of kernel-x86_64.pvh.elf" ||
	fail "a changed image was given the build of the original"
jqr "$scratch/b.json" ".provenance.kernels[] | select(.mode == \"i386\") | .build.revision == \"$rev\"" >/dev/null ||
	fail "the unchanged image lost its build"

# 5. The revision at build time, from cmake/write-buildinfo.cmake itself:
# unknown outside a git top (no guess from an enclosing repository),
# clean, then dirty by an edit or a new file.
buildinfo() {
	cmake -DSRC="$1" -DGIT="$(command -v git || true)" -DOUT="$scratch/bi.h" \
		-DFORMAT=header -P "$src/cmake/write-buildinfo.cmake" || fail "write-buildinfo on $1"
	grep -q "^#define EB_BUILDINFO_REVISION \"$2\"$" "$scratch/bi.h" &&
		grep -q "^#define EB_BUILDINFO_DIRTY $3$" "$scratch/bi.h" ||
		{ cat "$scratch/bi.h" >&2; fail "$1: expected revision $2, dirty $3"; }
}
mkdir -p "$scratch/tree/sub"
buildinfo "$scratch/tree" unknown -1
if command -v git >/dev/null; then
	g() { git -C "$scratch/tree" -c user.name=t -c user.email=t "$@" >/dev/null; }
	g init -q && echo a >"$scratch/tree/f" && g add f && g commit -qm one
	head=$(git -C "$scratch/tree" rev-parse HEAD)
	buildinfo "$scratch/tree" "$head" 0
	buildinfo "$scratch/tree/sub" unknown -1
	echo b >>"$scratch/tree/f"
	buildinfo "$scratch/tree" "$head" 1
	g checkout -q f && touch "$scratch/tree/new"
	buildinfo "$scratch/tree" "$head" 1
fi

# 6. Cycle tiers: cpu_power as sysfs has it, or why not; never made up.
n=$scratch/n.json
eb native --repetitions 1 --min-time 0.01 --filter getppid-syscall --out "$n"
expect_status 0
cpu=/sys/devices/system/cpu
if [ -r "$cpu/smt/control" ]; then
	[ "$(jqr "$n" .environment.cpu_power.smt)" = "$(cat "$cpu/smt/control")" ] ||
		fail "cpu_power.smt is not what sysfs says"
else
	jqr "$n" .environment.cpu_power.smt.unavailable >/dev/null
fi
if [ -r "$cpu/cpu0/cpufreq/scaling_governor" ]; then
	jqr "$n" .environment.cpu_power.governor | grep -q "$(cat "$cpu/cpu0/cpufreq/scaling_governor")" ||
		fail "cpu_power.governor is not what sysfs says"
else
	jqr "$n" .environment.cpu_power.governor.unavailable | grep -q "cpufreq/scaling_governor" ||
		fail "an unreadable governor does not say which file"
fi
if [ -r "$cpu/cpufreq/boost" ]; then
	want=$([ "$(cat "$cpu/cpufreq/boost")" = 1 ] && echo on || echo off)
	[ "$(jqr "$n" .environment.cpu_power.boost)" = "$want" ] || fail "cpu_power.boost"
elif [ ! -e "$cpu/intel_pstate/no_turbo" ] && [ ! -e "$cpu/cpufreq/policy0/boost" ]; then
	jqr "$n" .environment.cpu_power.boost.unavailable >/dev/null
fi
jqr "$n" '.provenance.entrybench.revision | length > 0' >/dev/null
eb show "$n"
expect_output '^cpu power: scaling_driver .*, governor .*, boost .*, smt '

# 7. Trends label each point with its file's revision; a file without
# provenance keeps its name alone.
jq 'del(.provenance)' "$a" >"$scratch/old.json"
eb plot --kind trend "$scratch/old.json" "$a" -o "$scratch/plots"
expect_status 0
label=$(jqr "$a" '.provenance.kernels[0].build | .revision[:12] + (if .dirty then "+dirty" else "" end)')
if [ "$rev" != unknown ]; then
	# one chart: a.json's tic once, old.json's without a revision
	[ "$(grep -c ">$label<" "$scratch/plots/trend-insns.svg")" -eq 1 ] ||
		fail "the trend does not label a.json's points (only) with $label"
fi
