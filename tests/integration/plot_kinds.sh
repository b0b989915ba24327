# plot's kinds come from their registry (host/plot/kind.h), not from lists
# kept by hand: each kind is one file host/plot/<kind>.c registering itself
# with EB_PLOT_KIND(), --help lists exactly those (--kind's choices and the
# Kinds section), each has its script in plots/, and host/cli/plot.c names
# none of them.  No guest boots here.
source "$(dirname "$0")/lib.sh"
: "${EB_SOURCE_DIR:?set by ctest}"

# The kinds as the sources register them: file name, and .name of the descriptor.
kinds=()
for src in "$EB_SOURCE_DIR"/host/plot/*.c; do
	grep -q '^EB_PLOT_KIND(' "$src" || continue
	file=$(basename "$src" .c)
	name=$(sed -nE '/^EB_PLOT_KIND\(/,/^\};/s/^\t\.name = "([^"]*)",$/\1/p' "$src")
	[ "$name" = "$file" ] || fail "$src registers kind '$name': a kind's file is named after it"
	script=$(sed -nE '/^EB_PLOT_KIND\(/,/^\};/s/^\t\.script = "([^"]*)",$/\1/p' "$src")
	[ -r "$EB_SOURCE_DIR/plots/$script" ] || fail "kind $name: no plots/$script"
	kinds+=("$name")
done
[ "${#kinds[@]}" -gt 0 ] || fail "no host/plot/*.c registers a kind"

eb plot --help
expect_status 0
# --kind K[,K...]  what to draw (see Kinds below)
#                  (bars|dist|compare|trend, default bars,dist)
choices=$(tr '\n' ' ' <"$scratch/out" | sed -nE 's/.*--kind K\[,K\.\.\.\][^(]*\([^(]*\(([a-z|-]+), +default.*/\1/p')
[ -n "$choices" ] || { cat "$scratch/out" >&2; fail "--help lists no choices of --kind"; }
[ "$(tr '|' '\n' <<<"$choices" | sort)" = "$(printf '%s\n' "${kinds[@]}" | sort)" ] ||
	fail "--kind's choices '$choices' are not the registered kinds '${kinds[*]}'"
listed=$(sed -n '/^Kinds:$/,/^[^ ]/s/^  \([a-z-]*\)  .*/\1/p' "$scratch/out")
[ "$(sort <<<"$listed")" = "$(printf '%s\n' "${kinds[@]}" | sort)" ] ||
	{ cat "$scratch/out" >&2; fail "the Kinds section lists '$listed', not '${kinds[*]}'"; }
[ "$(tr '|' '\n' <<<"$choices")" = "$listed" ] ||
	fail "--kind's choices and the Kinds section are in different orders"

for k in "${kinds[@]}"; do
	! grep -nw -- "$k" "$EB_SOURCE_DIR/host/cli/plot.c" ||
		fail "host/cli/plot.c names the kind $k: walk the registry instead"
done
