# Fake QEMU, first measuring boot: binary noise and text that is not the protocol, then QEMU's status for a guest pass.
source "$(dirname "$0")/common.sh"
[ $boot -eq 1 ] || exec "$REAL_QEMU" "$@"
# 3000 bytes of noise, every byte value among them, in lines of 64 (or, with
# GARBAGE_LINE=0, in one line: its newlines made vertical tabs, so that it
# is longer than any protocol line may be): a fixed stream (an LCG), so that
# every run feeds the same bytes.  /dev/urandom went 511 bytes without a
# newline in one run out of seven.
noise= x=1
for ((i = 1; i <= 3000; i++)); do
	x=$(( (x * 1103515245 + 12345) % 2147483648 ))
	b=$(( x >> 16 & 255 ))
	(( ${GARBAGE_LINE:-64} || b != 10 )) || b=11
	printf -v noise '%s\\%03o' "$noise" $b
	(( ${GARBAGE_LINE:-64} == 0 || i % ${GARBAGE_LINE:-64} )) || noise+='\n'
done
printf "$noise"
printf "\nBooting...\nEB1 0 hello\n"
exit 1
