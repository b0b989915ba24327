# Fake QEMU: one built without TCG plugin support (configure
# --disable-plugins), which knows no -plugin option.
source "$(dirname "$0")/common.sh"
for a in "$@"; do
	if [ "$a" = -plugin ]; then
		echo "qemu-system-x86_64: -plugin: invalid option" >&2
		exit 1
	fi
done
exec "$REAL_QEMU" "$@"
