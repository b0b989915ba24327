#!/usr/bin/env bash
# Mutation testing: do the tests fail when the code is wrong?
#
# Applies each single-point mutation of ci/mutants.txt (a comparison
# flipped, a bound off by one, a validation dropped, operands swapped, a
# median made a mean) to a copy of this tree, one at a time, rebuilds it
# incrementally, runs the ctest tests the mutant names and says whether
# they failed (killed) or passed (survived).  Prints one row per mutant,
# then the survival rate.  The working tree is never touched.
#
#   ci/mutate.sh [--list FILE] [--only REGEX] [--max-survival PCT]
#                [--timeout S] [--jobs N] [--keep] [--check]
#
#   --list FILE         the mutants (default ci/mutants.txt; format there)
#   --only REGEX        only the mutants whose name matches (extended regex)
#   --max-survival PCT  exit 1 above this survival rate (default 5)
#   --timeout S         per mutant, for its tests (default 900); a mutant
#                       whose tests run out of time counts as killed
#   --jobs N            build and ctest parallelism (default nproc)
#   --keep              keep the copy and its logs (printed at the end)
#   --check             validate the list against this tree and stop
#
# Before the first mutant, the unmutated copy must pass every test named
# (none skipped): else a failure would prove nothing.  A mutant whose text
# is not found exactly once, that names an unknown test, or that does not
# build is an ERROR, never counted as killed or survived; any ERROR makes
# the exit status 2.  Exit 0: survival at most --max-survival.
set -euo pipefail

list='' only='' max_survival=5 timeout=900 jobs=$(nproc) keep=0 check=0
usage() {
	echo "ci/mutate.sh: unknown option '$1'" >&2
	sed -n '/^#   ci\/mutate.sh/,/^#   --check/s/^# \{0,1\}//p' "$0" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--list) list=${2:?}; shift 2 ;;
	--only) only=${2:?}; shift 2 ;;
	--max-survival) max_survival=${2:?}; shift 2 ;;
	--timeout) timeout=${2:?}; shift 2 ;;
	--jobs) jobs=${2:?}; shift 2 ;;
	--keep) keep=1; shift ;;
	--check) check=1; shift ;;
	*) usage "$1" ;;
	esac
done
[ -z "$list" ] || [ -f "$list" ] || { echo "ci/mutate.sh: no list $list" >&2; exit 2; }
[ -z "$list" ] || list=$(realpath "$list")
cd "$(dirname "$0")/.."
src=$PWD
list=${list:-$src/ci/mutants.txt}

# ---- the list ----
# Stanzas of "key value" lines (name, file, find, replace, tests), blank
# lines between; in find and replace, \n is a newline, \t a tab, \\ a
# backslash.
names=() files=() finds=() repls=() tests=() errors=()

unescape() {
	local s=$1 out='' c
	while [ -n "$s" ]; do
		c=${s:0:1}
		if [ "$c" = '\' ] && [ ${#s} -gt 1 ]; then
			case ${s:1:1} in
			n) out+=$'\n' ;;
			t) out+=$'\t' ;;
			\\) out+='\' ;;
			*) out+="\\${s:1:1}" ;;
			esac
			s=${s:2}
		else
			out+=$c
			s=${s:1}
		fi
	done
	printf '%s' "$out"
}

declare -A stanza=()
flush_stanza() {
	[ ${#stanza[@]} -eq 0 ] && return
	local k
	for k in name file find tests; do
		[ -n "${stanza[$k]:-}" ] || { echo "ci/mutate.sh: $list:$lineno: a mutant without '$k'" >&2; exit 2; }
	done
	[ -n "${stanza[replace]+set}" ] || { echo "ci/mutate.sh: $list:$lineno: ${stanza[name]} has no 'replace'" >&2; exit 2; }
	names+=("${stanza[name]}")
	files+=("${stanza[file]}")
	finds+=("$(unescape "${stanza[find]}")")
	repls+=("$(unescape "${stanza[replace]}")")
	tests+=("${stanza[tests]}")
	stanza=()
}

lineno=0
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	line=${line%$'\r'}
	case $line in
	'#'*) continue ;;
	'') flush_stanza; continue ;;
	esac
	key=${line%%[[:space:]]*}
	value=${line#"$key"}
	value=${value#"${value%%[![:space:]]*}"}
	case $key in
	name|file|find|replace|tests)
		[ -z "${stanza[$key]+set}" ] || { echo "ci/mutate.sh: $list:$lineno: '$key' twice" >&2; exit 2; }
		stanza[$key]=$value ;;
	*) echo "ci/mutate.sh: $list:$lineno: unknown key '$key'" >&2; exit 2 ;;
	esac
done <"$list"
flush_stanza

declare -A seen=()
for n in "${names[@]}"; do
	[ -z "${seen[$n]:-}" ] || { echo "ci/mutate.sh: mutant name '$n' twice" >&2; exit 2; }
	seen[$n]=1
done

# ---- which mutants, and can they be applied? ----
selected=()
for i in "${!names[@]}"; do
	[ -z "$only" ] || [[ ${names[$i]} =~ $only ]] || continue
	selected+=("$i")
done
[ ${#selected[@]} -gt 0 ] || { echo "ci/mutate.sh: no mutant matches '$only'" >&2; exit 2; }

# occurrences FILE TEXT: how often TEXT occurs in FILE, literally.
occurrences() {
	local content rest
	IFS= read -r -d '' content <"$1" || true
	rest=${content//"$2"/}
	echo $(((${#content} - ${#rest}) / ${#2}))
}

declare -A error=()
for i in "${selected[@]}"; do
	f=${files[$i]}
	if [ ! -f "$src/$f" ]; then
		error[$i]="no file $f"
		continue
	fi
	[ "${finds[$i]}" != "${repls[$i]}" ] || { error[$i]="replace is the same text as find"; continue; }
	n=$(occurrences "$src/$f" "${finds[$i]}")
	[ "$n" = 1 ] || error[$i]="its text occurs $n times in $f, not once"
done

# ---- the copy, built once ----
work=$(mktemp -d /tmp/entrybench-mutate.XXXXXX)
cleanup() {
	if [ $keep = 1 ]; then echo "kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
copy=$work/src build=$work/build logs=$work/logs
mkdir -p "$copy" "$logs"

started=$SECONDS
git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
	{ echo "ci/mutate.sh: $src is not a git work tree (the copy is its tracked and unignored files)" >&2; exit 2; }
# Tracked and untracked-but-not-ignored files as they are now: the tree
# under test, edits included, never build/ or other ignored output.
git -C "$src" ls-files -z -co --exclude-standard |
	while IFS= read -r -d '' f; do [ -e "$f" ] || [ -L "$f" ] && printf '%s\0' "$f"; done |
	tar --null -T - -cf - | tar -xf - -C "$copy"

if [ $check = 0 ]; then
	echo "building the copy in $build ..." >&2
	EB_BUILD_DIR=$build "$copy/ci/build.sh" >"$logs/build.log" 2>&1 ||
		{ tail -30 "$logs/build.log" >&2; echo "ci/mutate.sh: the unmutated copy does not build" >&2; exit 2; }
else
	cmake -S "$copy" -B "$build" >"$logs/configure.log" 2>&1 ||
		{ tail -30 "$logs/configure.log" >&2; exit 2; }
fi

# Every test named must exist.
mapfile -t known < <(ctest --test-dir "$build" -N | sed -n 's/^ *Test *#[0-9]*: //p')
declare -A exists=()
for t in "${known[@]}"; do exists[$t]=1; done
for i in "${selected[@]}"; do
	for t in ${tests[$i]}; do
		[ -n "${exists[$t]:-}" ] || error[$i]="${error[$i]:+${error[$i]}; }no test $t"
	done
done

# ctest_regex TESTS...: ^(a|b)$ with the dots of integration.x escaped.
ctest_regex() {
	local r
	r=$(printf '%s|' "$@" | sed 's/\./\\./g')
	echo "^(${r%|})\$"
}

if [ $check = 1 ]; then
	for i in "${selected[@]}"; do
		[ -z "${error[$i]:-}" ] || echo "ERROR ${names[$i]}: ${error[$i]}"
	done
	echo "${#selected[@]} mutants, ${#error[@]} errors"
	[ ${#error[@]} = 0 ] || exit 2
	exit 0
fi

# The unmutated copy passes every test any mutant relies on, none skipped.
declare -A wanted=()
for i in "${selected[@]}"; do
	[ -n "${error[$i]:-}" ] && continue
	for t in ${tests[$i]}; do wanted[$t]=1; done
done
if [ ${#wanted[@]} -gt 0 ]; then
	echo "running the ${#wanted[@]} tests the mutants name on the unmutated copy ..." >&2
	if ! ctest --test-dir "$build" -R "$(ctest_regex "${!wanted[@]}")" -j"$jobs" \
		--timeout 300 --no-tests=error >"$logs/baseline.log" 2>&1; then
		grep -E '\*\*\*|Failed|Timeout' "$logs/baseline.log" >&2 || tail -20 "$logs/baseline.log" >&2
		echo "ci/mutate.sh: the unmutated copy fails the tests above: nothing to measure" >&2
		exit 2
	fi
	if grep -q 'Skipped' "$logs/baseline.log"; then
		grep 'Skipped' "$logs/baseline.log" >&2
		echo "ci/mutate.sh: a test the mutants rely on is skipped here: it can kill nothing" >&2
		exit 2
	fi
fi
baseline_s=$((SECONDS - started))

# ---- one mutant at a time ----
# apply FILE FIND REPLACE: the first (only) occurrence, literally.
apply() {
	local content
	IFS= read -r -d '' content <"$1" || true
	printf '%s' "${content/"$2"/"$3"}" >"$1"
}

printf '%-3s %-9s %-28s %-32s %5s  %s\n' '#' result mutant file time 'failed tests'
killed=0 survived=0 errors=0 k=0
survivors=()
for i in "${selected[@]}"; do
	k=$((k + 1))
	name=${names[$i]} f=${files[$i]}
	t0=$SECONDS
	result='' why=''
	if [ -n "${error[$i]:-}" ]; then
		result=ERROR why=${error[$i]}
	else
		cp "$copy/$f" "$work/original"
		apply "$copy/$f" "${finds[$i]}" "${repls[$i]}"
		if ! cmake --build "$build" -j"$jobs" >"$logs/$name.build.log" 2>&1; then
			result=ERROR why="does not build (logs/$name.build.log)"
		else
			regex=$(ctest_regex ${tests[$i]})
			rc=0
			timeout "$timeout" ctest --test-dir "$build" -R "$regex" -j"$jobs" \
				--timeout 300 --no-tests=error --output-on-failure \
				>"$logs/$name.test.log" 2>&1 || rc=$?
			if [ $rc = 0 ]; then
				result=survived why=''
			elif [ $rc = 124 ]; then
				result=killed why="(timed out after ${timeout} s)"
			else
				result=killed
				why=$(sed -n 's/^[[:space:]]*[0-9]* - \([^ ]*\) (.*/\1/p' "$logs/$name.test.log" | paste -sd' ')
				[ -n "$why" ] || why="(ctest exit $rc)"
			fi
		fi
		# A fresh mtime: the next build recompiles the original.
		cat "$work/original" >"$copy/$f"
	fi
	case $result in
	killed) killed=$((killed + 1)) ;;
	survived) survived=$((survived + 1)); survivors+=("$i") ;;
	ERROR) errors=$((errors + 1)) ;;
	esac
	printf '%-3s %-9s %-28s %-32s %4ss  %s\n' "$k" "$result" "$name" "$f" \
		$((SECONDS - t0)) "$why"
done

# The copy is the tree again: it must still build (a restore that failed
# would have measured later mutants on top of an earlier one).
cmake --build "$build" -j"$jobs" >"$logs/final.build.log" 2>&1 ||
	{ echo "ci/mutate.sh: the restored copy does not build" >&2; exit 2; }

run=$((killed + survived))
rate=$(awk -v s=$survived -v n=$run 'BEGIN { printf "%.1f", n ? 100 * s / n : 0 }')
echo
echo "mutants: $run run, $killed killed, $survived survived, $errors errors"
echo "survival: $rate % (at most $max_survival % allowed)"
echo "time: $((SECONDS - started)) s ($baseline_s s to copy, build and check the unmutated tree)"
for i in "${survivors[@]}"; do
	printf 'survived: %s: %s: %q -> %q (tests: %s)\n' "${names[$i]}" "${files[$i]}" \
		"${finds[$i]}" "${repls[$i]}" "${tests[$i]}"
done
[ $errors = 0 ] || exit 2
awk -v r="$rate" -v m="$max_survival" 'BEGIN { exit !(r <= m) }' || exit 1
