# Fake QEMU: the first measuring boot is the real one; later ones run the real guest with parameters that take minutes (k=1000000, 1024 batches).
source "$(dirname "$0")/common.sh"
[ $boot -eq 1 ] && exec "$REAL_QEMU" "$@"
args=("$@")
for i in "${!args[@]}"; do
	[ "${args[$i]}" = -append ] && args[$((i + 1))]="eb.k=1000000 eb.batches=1024 eb.warmup=0"
done
exec "$REAL_QEMU" "${args[@]}"
