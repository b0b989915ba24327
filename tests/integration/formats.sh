# show, compare and gate --format table|markdown|csv|json on a real run:
# the JSON parses and holds the figures the table shows, the CSV has one
# column count throughout, the Markdown has its table header and a caption
# naming tier and unit, and an unknown format is exit 2 naming the valid
# ones.
source "$(dirname "$0")/lib.sh"

a=$scratch/a.json
eb run --accel tcg --trials 2 --variants syscall-ptregs,int80,io-exit --out "$a"
expect_status 0
# +5 instructions for syscall-ptregs in b; int80 only in a
jq '(.variants[] | select(.name == "syscall-ptregs") | .trials[].value) += 5
    | .variants |= map(select(.name != "int80"))' "$a" >"$scratch/b.json"

# csv FILE: every record has the header's column count (python's csv
# module reads quoted fields as RFC 4180 says); prints that count
csv_columns() {
	python3 - "$1" <<'EOF' || fail "csv $1"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows and rows[0][:2] == ["tier", "unit"], rows[:1]
bad = [r for r in rows if len(r) != len(rows[0])]
assert not bad, bad
print(len(rows[0]))
EOF
}

# show
eb show --format json "$a"
expect_status 0
jqr "$scratch/out" '.command == "show" and (.tables | length == 1)' >/dev/null
jqr "$scratch/out" '.tables[0] | .tier == "tcg" and .unit == "insns"' >/dev/null
median=$(jq -r '.variants[] | select(.name == "syscall-ptregs") | .summary.median' "$a")
jqr "$scratch/out" ".tables[0].rows[] | select(.variant == \"syscall-ptregs\")
	| .median == $median and .n == 2 and .status == \"pass\"" >/dev/null
jqr "$scratch/out" '.tables[0].rows[] | select(.variant == "io-exit")
	| .median == null and (.detail | test("TCG, not KVM"))' >/dev/null
eb show --format csv "$a"
expect_status 0
[ "$(csv_columns "$scratch/out")" -eq 11 ] || fail "show csv: not 11 columns"
expect_output '^tier,unit,variant,mode,status,median,min,p5,p95,n,detail$'
expect_output "^tcg,insns,syscall-ptregs,x86_64,pass,$median,"
# the skip reason holds commas: quoted, so the count above held
expect_output '^tcg,insns,io-exit,x86_64,skipped,,,,,0,"TCG, not KVM'
eb show --format markdown "$a"
expect_status 0
expect_output '^\*\*tier tcg, unit insns\*\*: TCG'
expect_output '^\| variant \| mode \| check \| median \| min \| p5 \| p95 \| n \|$'
expect_output '^\| :--- \| :--- \| :--- \| ---: \| ---: \| ---: \| ---: \| ---: \|$'
expect_output "^\| syscall-ptregs \| x86\\\\_64 \| pass \| $median \|"
eb show --format table "$a"
expect_status 0
expect_output "^syscall-ptregs +x86_64 +pass +$median "

# compare
eb compare --format json "$a" "$scratch/b.json"
expect_status 0
jqr "$scratch/out" '.base and .new and .tables[0].unit == "insns"' >/dev/null
jqr "$scratch/out" '.tables[0].rows[] | select(.variant == "syscall-ptregs")
	| .diff == 5 and .new - .base == 5 and .verdict == "more"' >/dev/null
jqr "$scratch/out" '.tables[0].rows[] | select(.variant == "int80")
	| .verdict == "only in base" and .base == null' >/dev/null
eb compare --format csv "$a" "$scratch/b.json"
expect_status 0
[ "$(csv_columns "$scratch/out")" -eq 11 ] || fail "compare csv: not 11 columns"
expect_output '^tcg,insns,syscall-ptregs,x86_64,[0-9]+,[0-9]+,5,[0-9.]+,2,2,more$'
eb compare --format markdown "$a" "$scratch/b.json"
expect_status 0
expect_output '^\*\*tier tcg, unit insns\*\*'
expect_output '^\| variant \| mode \| base \| new \| new-base \| ratio \| nB \| nN \| verdict \|$'
expect_output '^\| syscall-ptregs \| .* \| \+5 \| .* \| more \|$'

# gate: its verdict in every format, its exit status unchanged
eb gate --baseline "$a" --current "$scratch/b.json" --format json
expect_status 1
jqr "$scratch/out" '.verdict == "FAIL" and .baseline and .tables[0].tier == "tcg"' >/dev/null
jqr "$scratch/out" '.tables[0].rows[] | select(.variant == "syscall-ptregs")
	| .change == 5 and (.verdict | startswith("FAIL"))' >/dev/null
jqr "$scratch/out" '.notes | any(startswith("gate: FAIL: "))' >/dev/null
eb gate --baseline "$a" --current "$a" --format json
expect_status 0
jqr "$scratch/out" '.verdict == "PASS"' >/dev/null
eb gate --baseline "$a" --current "$scratch/b.json" --format csv
expect_status 1
[ "$(csv_columns "$scratch/out")" -eq 9 ] || fail "gate csv: not 9 columns"
expect_output '^tier,unit,variant,mode,baseline,current,change,change_pct,verdict$'
eb gate --baseline "$a" --current "$scratch/b.json" --format markdown
expect_status 1
expect_output '^\*\*tier tcg, unit insns\*\*'
expect_output '^\| variant \| mode \| baseline \| current \| change \| % \| verdict \|$'
expect_output '^gate: FAIL: '

# an unknown format: exit 2, one line naming the valid ones, nothing run
for cmd in "show $a" "compare $a $a" "gate --baseline $a --current $a"; do
	# shellcheck disable=SC2086
	eb $cmd --format yaml
	expect_status 2
	expect_output "^entrybench: ${cmd%% *}: --format yaml: expected one of table, markdown, csv, json$"
	[ "$(wc -l <"$scratch/out")" -eq 1 ] || fail "$cmd --format yaml: not one line"
done
