/*
 * eb-mkinitramfs: the Linux guest's initramfs, a gzip-compressed newc cpio
 * archive written with libarchive.  Reproducible: every entry belongs to
 * root with mtime 0 and a fixed inode number, and the gzip header carries
 * no timestamp, so the same programs give the same bytes (and the guest the
 * same instruction counts).
 *
 * usage: eb-mkinitramfs OUT.cpio.gz NAME=FILE...
 * Each NAME=FILE becomes the executable /NAME; /dev, /dev/console, /proc and
 * /sys are always there.  OUT is written to a temporary file and renamed.
 */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static const char *me = "eb-mkinitramfs";

static void die(const char *what, const char *why)
{
	fprintf(stderr, "%s: %s: %s\n", me, what, why);
	exit(1);
}

static struct archive_entry *entry(const char *path, unsigned type, unsigned perm)
{
	static long ino = 1;
	struct archive_entry *e = archive_entry_new();

	if (!e)
		die(path, "out of memory");
	archive_entry_set_pathname(e, path);
	archive_entry_set_filetype(e, type);
	archive_entry_set_perm(e, perm);
	archive_entry_set_ino(e, ino++);
	archive_entry_set_nlink(e, type == AE_IFDIR ? 2 : 1);
	archive_entry_set_mtime(e, 0, 0);
	archive_entry_set_size(e, 0);
	return e;
}

static void put(struct archive *a, struct archive_entry *e, const void *data, size_t n)
{
	if (archive_write_header(a, e) != ARCHIVE_OK ||
	    (n && archive_write_data(a, data, n) != (la_ssize_t)n))
		die(archive_entry_pathname(e), archive_error_string(a));
	archive_entry_free(e);
}

/* NAME=FILE: the contents of FILE as the executable /NAME. */
static void put_file(struct archive *a, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char name[256];
	FILE *f;
	char *data;
	long n;

	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(name) ||
	    strcspn(arg, "/") < (size_t)(eq - arg))
		die(arg, "expected NAME=FILE, NAME a plain file name");
	snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
	if (!(f = fopen(eq + 1, "rb")) || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		die(eq + 1, strerror(errno));
	if (!(data = malloc(n ? n : 1)) || fread(data, 1, n, f) != (size_t)n)
		die(eq + 1, "cannot read it");
	fclose(f);

	struct archive_entry *e = entry(name, AE_IFREG, 0755);

	archive_entry_set_size(e, n);
	put(a, e, data, n);
	free(data);
}

static void put_skeleton(struct archive *a)
{
	static const char *const dirs[] = { "dev", "proc", "sys" };
	struct archive_entry *e;

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		put(a, entry(dirs[i], AE_IFDIR, 0755), NULL, 0);
	/* init's standard streams, whatever the kernel's built-in archive has */
	e = entry("dev/console", AE_IFCHR, 0600);
	archive_entry_set_rdev(e, makedev(5, 1));
	put(a, e, NULL, 0);
}

int main(int argc, char **argv)
{
	struct archive *a = archive_write_new();
	char tmp[4096];

	if (argc < 3) {
		fprintf(stderr, "usage: %s OUT.cpio.gz NAME=FILE...\n", me);
		return 2;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
	if (!a || archive_write_set_format_cpio_newc(a) != ARCHIVE_OK ||
	    archive_write_add_filter_gzip(a) != ARCHIVE_OK ||
	    archive_write_set_filter_option(a, "gzip", "timestamp", NULL) != ARCHIVE_OK ||
	    archive_write_open_filename(a, tmp) != ARCHIVE_OK)
		die(tmp, a ? archive_error_string(a) : "out of memory");
	put_skeleton(a);
	for (int i = 2; i < argc; i++)
		put_file(a, argv[i]);
	if (archive_write_close(a) != ARCHIVE_OK)
		die(tmp, archive_error_string(a));
	archive_write_free(a);
	if (rename(tmp, argv[1]))
		die(argv[1], strerror(errno));
	return 0;
}
