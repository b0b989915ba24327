# `cmake --install build --prefix P` into a fresh prefix: what it installs,
# and an installed entrybench that runs from there on the kernels and
# scripts under P (found relative to its own path, so that P may move),
# with --kernel-dir still first; --version, the man page and the bash
# completion, whose options are those of every command's --help; last, one
# linux-tier boot on the initramfs under P (skipped, 77, with the reason
# when the Debian kernel cache is empty).
source "$(dirname "$0")/lib.sh"

build=$(cd "$(dirname "$ENTRYBENCH")/.." && pwd)
[ -f "$build/CMakeCache.txt" ] || { echo "SKIP: $ENTRYBENCH is not in a build tree"; exit 77; }
command -v cmake >/dev/null || { echo "SKIP: no cmake"; exit 77; }

installed() {
	status=0
	env -u ENTRYBENCH_KERNEL_DIR -u ENTRYBENCH_PLOTS_DIR -u ENTRYBENCH_LINUX_INITRAMFS \
		"$prefix/bin/entrybench" "$@" \
		>"$scratch/out" 2>&1 || status=$?
}

prefix=$scratch/prefix
cmake --install "$build" --prefix "$prefix" >"$scratch/install.log" 2>&1 ||
	{ cat "$scratch/install.log" >&2; fail "cmake --install $build --prefix $prefix"; }
for f in bin/entrybench \
	 lib/entrybench/bench-kernel/kernel-x86_64.pvh.elf \
	 lib/entrybench/bench-kernel/kernel-x86_64.mb.elf \
	 lib/entrybench/bench-kernel/kernel-i386.pvh.elf \
	 lib/entrybench/bench-kernel/kernel-i386.mb.elf \
	 lib/entrybench/bench-kernel/build-info.json \
	 lib/entrybench/linux-guest/initramfs.cpio.gz \
	 share/entrybench/plots/common.gp share/entrybench/plots/bars.gp \
	 share/doc/entrybench/SCHEMA.md share/man/man1/entrybench.1 \
	 share/bash-completion/completions/entrybench; do
	[ -s "$prefix/$f" ] || fail "cmake --install did not install $f"
done

# Moved whole after installing: it must find everything under its new place.
mv "$prefix" "$scratch/moved"
prefix=$scratch/moved
cd "$scratch"	# nothing relative to the source or build tree

installed --version
expect_status 0
expect_output '^entrybench [0-9.]+ \(revision ([0-9a-f]{40}|unknown)'
installed list
expect_status 0
expect_output "^x86_64: $prefix/lib/entrybench/bench-kernel/kernel-x86_64.pvh.elf$"
expect_output '^  syscall-sysret +x86_64 '
installed run --accel tcg --variants syscall-sysret --trials 1 --out "$scratch/r.json"
expect_status 0
jqr "$scratch/r.json" '.variants[] | select(.name == "syscall-sysret") | .status == "pass"' >/dev/null
jqr "$scratch/r.json" "[.provenance.kernels[].path] | all(startswith(\"$prefix/\"))" >/dev/null
# the images are this build's: their build-info.json came along
jqr "$scratch/r.json" '.provenance.kernels[0].build.revision | type == "string"' >/dev/null
installed plot "$scratch/r.json" -o "$scratch/plots"
expect_status 0
ls "$scratch"/plots/*.png >/dev/null 2>&1 || fail "installed plot drew nothing"
# --kernel-dir still comes first
installed list --kernel-dir "$scratch/nowhere"
expect_status 2
expect_output "$scratch/nowhere"

# the man page: every command has its section
man=$prefix/share/man/man1/entrybench.1
for cmd in $("$ENTRYBENCH" --help | sed -n 's/^  \([a-z]\+\) .*/\1/p'); do
	grep -q "^\.SS $cmd\$" "$man" || fail "the man page has no section for $cmd"
done
grep -q '^\.TH ENTRYBENCH "1"' "$man" || fail "the man page has no .TH ENTRYBENCH line"

# bash completion: commands, each command's options (all --help lists),
# and the values of a choice
comp=$prefix/share/bash-completion/completions/entrybench
complete_words() {
	# shellcheck disable=SC1090
	bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		 _entrybench; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$@"
}
[ "$(complete_words entrybench sh)" = show ] || fail "completion: 'sh' is not show"
[ "$(complete_words entrybench show --format '' | sort | paste -sd' ')" = \
  "csv json markdown table" ] || fail "completion: show --format"
complete_words entrybench run --accel '' | grep -qx tcg || fail "completion: run --accel"
complete_words entrybench baseline '' | grep -qx update || fail "completion: baseline"
for cmd in $("$ENTRYBENCH" --help | sed -n 's/^  \([a-z]\+\) .*/\1/p'); do
	words=$(complete_words entrybench "$cmd" -)
	for opt in $("$ENTRYBENCH" "$cmd" --help | grep -oE '^ +(-[a-z], )?--[a-z0-9-]+' |
		     grep -oE -- '--[a-z0-9-]+'); do
		grep -qx -- "$opt" <<<"$words" || fail "completion: $cmd lacks $opt"
	done
done

# The linux tier from P: one column, one probe, the initramfs P holds.
cache=$(bash "$EB_SOURCE_DIR/ci/linux-kernel.sh" --dir)
if [ ! -e "$cache/current/vmlinuz" ]; then
	echo "skipped (the rest passed): the linux-tier boot: no Debian kernel in $cache (ci/setup.sh fetches it)"
	exit 77
fi
installed run --guest linux --linux-cpu amd --linux-append '' --out "$scratch/linux.json" getppid-syscall
expect_status 0
jqr "$scratch/linux.json" '.variants[] | select(.name == "getppid-syscall") | .status == "pass"' >/dev/null ||
	fail "the installed linux tier's getppid-syscall did not pass"
[ "$(jqr "$scratch/linux.json" '.environment.linux.initramfs.path')" = \
  "$prefix/lib/entrybench/linux-guest/initramfs.cpio.gz" ] ||
	fail "the installed linux tier did not boot the initramfs under $prefix"
# The linux x-ray from P: /init's symbols installed beside the initramfs.
[ -s "$prefix/lib/entrybench/linux-guest/init.stripped" ] || fail "init.stripped not installed"
installed xray --guest linux getppid-syscall --functions
expect_status 0
expect_output '^entry_SYSCALL_64 +entry +[0-9]+'
expect_output '^getppid_syscall_trip +trip +3 '

