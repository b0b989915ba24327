/* SPDX-License-Identifier: MIT */
/* The nested tier's L1 initramfs, built and cached: run/nested_image.h. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <entrybench/protocol.h>

#include "lib/cli.h"
#include "run/nested_image.h"
#include "run/spawn.h"
#include "tiers/nested.h"

#define MAX_ITEMS	128
#define MAX_MODULES	16
/* Bumped when the layout of the image changes: part of every hash. */
#define IMAGE_FORMAT	"entrybench-nested-l1 1"

/* One file of the image: its path inside (no leading '/') and its bytes. */
struct item {
	char name[PATH_MAX];
	char *data;
	size_t len;
};

struct image {
	struct item item[MAX_ITEMS];
	size_t n;
	char modlist[4096];		/* EB_NESTED_MODULE_LIST's contents */
	size_t modlen;
	char *err;
	size_t errsize;
};

static __attribute__((format(printf, 2, 3))) bool fail(struct image *im,
						       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(im->err, im->errsize, fmt, ap);
	va_end(ap);
	return false;
}

/* A file's bytes (malloc'd), or NULL with errno. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc(n ? n : 1)) &&
	    fread(buf, 1, n, f) == (size_t)n) {
		*len = n;
	} else {
		free(buf);
		buf = NULL;
		errno = errno ? errno : EIO;
	}
	fclose(f);
	return buf;
}

/* The file at src as name in the image (once: a name already there is kept). */
static bool add_file(struct image *im, const char *name, const char *src)
{
	name += strspn(name, "/");
	for (size_t i = 0; i < im->n; i++)
		if (strcmp(im->item[i].name, name) == 0)
			return true;
	if (im->n == MAX_ITEMS)
		return fail(im, "the L1 initramfs would hold more than %d files",
			    MAX_ITEMS);
	struct item *it = &im->item[im->n];
	snprintf(it->name, sizeof(it->name), "%s", name);
	if (!(it->data = slurp(src, &it->len)))
		return fail(im, "%s: %s", src, strerror(errno));
	im->n++;
	return true;
}

/* Runs argv and keeps its standard output (NUL-terminated) in out. */
struct capture { char *buf; size_t size, len; };

static bool keep(void *ctx, const void *buf, size_t len)
{
	struct capture *c = ctx;
	size_t room = c->size - 1 - c->len;

	memcpy(c->buf + c->len, buf, len < room ? len : room);
	c->len += len < room ? len : room;
	return true;
}

static bool capture(const char *const argv[], char *out, size_t size,
		    struct image *im)
{
	struct capture c = { out, size, 0 };
	struct eb_proc p;

	eb_spawn(argv, 30, keep, &c, &p);
	out[c.len] = '\0';
	if (p.how == EB_PROC_EXITED && p.code == 0)
		return true;
	/* Its first line, without the tab ldd starts it with. */
	char *why = p.how == EB_PROC_NOSPAWN ? strerror(p.code) : p.err;
	why += strspn(why, " \t?");
	why[strcspn(why, "\n")] = '\0';
	return fail(im, "%s %s failed: %s", strrchr(argv[0], '/') ?
		    strrchr(argv[0], '/') + 1 : argv[0], argv[1],
		    *why ? why : "no message");
}

/* Module names compare with '-' and '_' alike, as the kernel's do. */
static bool same_module(const char *a, const char *b, size_t blen)
{
	size_t i = 0;

	for (; a[i] && i < blen; i++)
		if (a[i] != b[i] && !(strchr("-_", a[i]) && strchr("-_", b[i])))
			return false;
	return !a[i] && i == blen;
}

/* The line of list (modules.order, modules.builtin) that is module's .ko, in out. */
static bool find_line(const char *moddir, const char *list, const char *module,
		      char *out, size_t size)
{
	char path[PATH_MAX + 32], line[512];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", moddir, list);
	if (!(f = fopen(path, "r")))
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		const char *base = strrchr(line, '/') ? strrchr(line, '/') + 1 : line;
		size_t n = strlen(base);
		found = n > 3 && strcmp(base + n - 3, ".ko") == 0 &&
			same_module(module, base, n - 3);
	}
	fclose(f);
	if (found)
		snprintf(out, size, "%s", line);
	return found;
}

/* The depends= of a module's .modinfo, comma-separated, into out. */
static void module_depends(const struct item *ko, char *out, size_t size)
{
	static const char key[] = "depends=";

	*out = '\0';
	for (size_t i = 1; i + sizeof(key) < ko->len; i++)
		if (ko->data[i - 1] == '\0' &&
		    memcmp(ko->data + i, key, sizeof(key) - 1) == 0) {
			snprintf(out, size, "%.*s", (int)strnlen(ko->data + i + 8,
				 ko->len - i - 8), ko->data + i + 8);
			return;
		}
}

static bool add_module(struct image *im, const char *moddir, const char *name,
		       int depth);

/* Each module of a comma list, before the one that needs them. */
static bool add_depends(struct image *im, const char *moddir, char *list,
			int depth)
{
	for (char *s = list, *m; (m = strsep(&s, ","));)
		if (*m && !add_module(im, moddir, m, depth + 1))
			return false;
	return true;
}

/*
 * Module name with its dependencies first, as /lib/modules/<file>.ko; one
 * built into the kernel needs nothing.
 */
static bool add_module(struct image *im, const char *moddir, const char *name,
		       int depth)
{
	char rel[512], src[PATH_MAX + 600], dst[600], deps[512];

	if (depth > MAX_MODULES)
		return fail(im, "module %s: dependencies nested too deep", name);
	if (find_line(moddir, "modules.builtin", name, rel, sizeof(rel)))
		return true;
	if (!find_line(moddir, "modules.order", name, rel, sizeof(rel)))
		return fail(im, "the L1 kernel (%s) has no module %s, neither built "
			    "in nor as a .ko", moddir, name);
	snprintf(dst, sizeof(dst), "lib/modules/%s", strrchr(rel, '/') ?
		 strrchr(rel, '/') + 1 : rel);
	for (size_t i = 0; i < im->n; i++)
		if (strcmp(im->item[i].name, dst) == 0)
			return true;	/* a dependency of two */
	snprintf(src, sizeof(src), "%s/%s", moddir, rel);
	struct item ko = { .len = 0 };
	if (!(ko.data = slurp(src, &ko.len)))
		return fail(im, "module %s: %s: %s", name, src, strerror(errno));
	module_depends(&ko, deps, sizeof(deps));
	free(ko.data);
	if (!add_depends(im, moddir, deps, depth) || !add_file(im, dst, src))
		return false;
	im->modlen += snprintf(im->modlist + im->modlen,
			       sizeof(im->modlist) - im->modlen, "/%s\n", dst);
	return im->modlen < sizeof(im->modlist) ||
	       fail(im, "too many modules for L1");
}

/*
 * QEMU's shared libraries and its ELF interpreter, where its ldd finds
 * them: lines "\tlibz.so.1 => /lib/.../libz.so.1 (0x...)" and
 * "\t/lib64/ld-linux-x86-64.so.2 (0x...)".
 */
static bool add_libraries(struct image *im, const char *qemu)
{
	char ldd[PATH_MAX], why[512];
	const char *argv[] = { ldd, qemu, NULL };
	static char out[65536];

	if (!eb_find_program("ldd", ldd, sizeof(ldd), why, sizeof(why)))
		return fail(im, "ldd %s (Debian package libc-bin)", why);
	if (!capture(argv, out, sizeof(out), im))
		return false;
	for (char *s = out, *l; (l = strsep(&s, "\n"));) {
		char *arrow = strstr(l, "=> "), *path = arrow ? arrow + 3 : l;
		path += strspn(path, " \t");
		if (strstr(l, "not found"))
			return fail(im, "QEMU (%s) needs a library ldd does not "
				    "find: %s", qemu, l + strspn(l, " \t"));
		if (*path != '/')
			continue;	/* linux-vdso.so.1: the kernel's */
		path[strcspn(path, " \t")] = '\0';
		if (!add_file(im, path, path))
			return false;
	}
	return true;
}

/* The firmware, found as QEMU looks for it (its -L help dirs). */
static bool add_firmware(struct image *im, const char *qemu)
{
	const char *argv[] = { qemu, "-L", "help", NULL };
	char out[4096], path[PATH_MAX + 64], dir[PATH_MAX];

	if (!capture(argv, out, sizeof(out), im))
		return false;
	for (const char *const *fw = eb_nested_firmware; *fw; fw++) {
		bool found = false;
		char dirs[sizeof(out)];
		snprintf(dirs, sizeof(dirs), "%s", out);
		for (char *s = dirs, *d; !found && (d = strsep(&s, "\n"));) {
			snprintf(path, sizeof(path), "%s/%s", d, *fw);
			found = *d && access(path, R_OK) == 0 && realpath(d, dir);
		}
		if (!found)
			return fail(im, "QEMU's firmware %s is in none of its "
				    "directories (%s -L help); L2's QEMU needs it",
				    *fw, qemu);
		snprintf(path, sizeof(path), "%s/%s", dir, *fw);
		if (!add_file(im, path, path))
			return false;
	}
	return true;
}

/* What the image holds, in a fixed order: the hash follows from it. */
static bool collect(struct image *im, const char *qemu, const char *init,
		    const char *moddir)
{
	for (const char *const *m = eb_nested_modules; *m; m++)
		if (!add_module(im, moddir, *m, 0))
			return false;
	char probes[PATH_MAX];

	return add_file(im, "init", init) &&
	       add_file(im, EB_NESTED_L1_PROBES,
			eb_nested_probes_path(probes, sizeof(probes))) &&
	       add_file(im, qemu, qemu) &&
	       add_libraries(im, qemu) && add_firmware(im, qemu);
}

/* SHA-256 over the format, every name and every file's bytes, as hex. */
static void hash(const struct image *im, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
		abort();
	EVP_DigestUpdate(ctx, IMAGE_FORMAT, sizeof(IMAGE_FORMAT));
	EVP_DigestUpdate(ctx, im->modlist, im->modlen + 1);
	for (size_t i = 0; i < im->n; i++) {
		EVP_DigestUpdate(ctx, im->item[i].name, strlen(im->item[i].name) + 1);
		EVP_DigestUpdate(ctx, &im->item[i].len, sizeof(im->item[i].len));
		EVP_DigestUpdate(ctx, im->item[i].data, im->item[i].len);
	}
	if (!EVP_DigestFinal_ex(ctx, md, &len) || len != 32)
		abort();
	EVP_MD_CTX_free(ctx);
	for (unsigned i = 0; i < len; i++)
		sprintf(hex + 2 * i, "%02x", md[i]);
}

static struct archive_entry *entry(const char *name, unsigned type,
				   unsigned perm, size_t size)
{
	static long ino;
	struct archive_entry *e = archive_entry_new();

	if (!e)
		abort();
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, type);
	archive_entry_set_perm(e, perm);
	archive_entry_set_ino(e, ++ino);
	archive_entry_set_nlink(e, type == AE_IFDIR ? 2 : 1);
	archive_entry_set_size(e, size);
	return e;
}

static bool put(struct archive *a, struct archive_entry *e, const void *data,
		size_t n)
{
	bool ok = archive_write_header(a, e) == ARCHIVE_OK &&
		  (!n || archive_write_data(a, data, n) == (la_ssize_t)n);

	archive_entry_free(e);
	return ok;
}

/*
 * Every directory leading to name, once (the kernel's unpacker makes
 * none).  made: the directories so far, each between newlines ("\n" at
 * first).
 */
static bool put_parents(struct archive *a, const char *name, char *made,
			size_t size)
{
	char key[PATH_MAX + 2];

	for (const char *s = strchr(name, '/'); s; s = strchr(s + 1, '/')) {
		int n = snprintf(key, sizeof(key), "\n%.*s\n", (int)(s - name), name);
		size_t used = strlen(made);
		if (strstr(made, key))
			continue;
		if (used + n >= size)
			return false;
		memcpy(made + used, key + 1, n);	/* "dir\n" and the NUL */
		key[n - 1] = '\0';
		if (!put(a, entry(key + 1, AE_IFDIR, 0755, 0), NULL, 0))
			return false;
	}
	return true;
}

/* The skeleton /init expects: mount points and init's console. */
static bool put_skeleton(struct archive *a, char *made, size_t size)
{
	static const char *const dirs[] = { "dev", "proc", "sys", "run", "tmp" };
	struct archive_entry *e;

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (!put(a, entry(dirs[i], AE_IFDIR, 0755, 0), NULL, 0))
			return false;
		strncat(made, dirs[i], size - strlen(made) - 1);
		strncat(made, "\n", size - strlen(made) - 1);
	}
	e = entry("dev/console", AE_IFCHR, 0600, 0);
	archive_entry_set_rdev(e, makedev(5, 1));
	return put(a, e, NULL, 0);
}

/* The archive into path (a temporary name: the caller renames it). */
static bool write_archive(const struct image *im, const char *path)
{
	struct archive *a = archive_write_new();
	static char made[65536];
	const char *list = EB_NESTED_MODULE_LIST + 1;
	bool ok = a && archive_write_set_format_cpio_newc(a) == ARCHIVE_OK &&
		  archive_write_add_filter_none(a) == ARCHIVE_OK &&
		  archive_write_open_filename(a, path) == ARCHIVE_OK;

	snprintf(made, sizeof(made), "\n");
	ok = ok && put_skeleton(a, made, sizeof(made));
	ok = ok && put_parents(a, list, made, sizeof(made)) &&
	     put(a, entry(list, AE_IFREG, 0644, im->modlen), im->modlist, im->modlen);
	for (size_t i = 0; ok && i < im->n; i++) {
		const struct item *it = &im->item[i];
		ok = put_parents(a, it->name, made, sizeof(made)) &&
		     put(a, entry(it->name, AE_IFREG, 0755, it->len), it->data, it->len);
	}
	ok = a && archive_write_close(a) == ARCHIVE_OK && ok;
	archive_write_free(a);
	return ok;
}

/* The cache's file for this hash, written if it is not there yet. */
static bool cache(struct image *im, struct eb_nested_image *img)
{
	char dir[PATH_MAX - 64], tmp[PATH_MAX + 16], err[PATH_MAX + 128];

	eb_nested_cache_dir(dir, sizeof(dir));
	snprintf(img->path, sizeof(img->path), "%s/l1-%.16s.cpio", dir, img->sha256);
	if (access(img->path, R_OK) == 0)
		return true;
	if (!eb_mkdirs(dir, err, sizeof(err)))
		return fail(im, "the nested tier's cache: %s", err);
	snprintf(tmp, sizeof(tmp), "%s.%d.tmp", img->path, (int)getpid());
	if (!write_archive(im, tmp) || rename(tmp, img->path) != 0) {
		unlink(tmp);
		return fail(im, "cannot write the L1 initramfs %s", img->path);
	}
	img->built = true;
	return true;
}

bool eb_nested_image_get(const char *qemu, const char *init, const char *moddir,
			 struct eb_nested_image *img, char *err, size_t size)
{
	struct image *im = calloc(1, sizeof(*im));
	bool ok;

	if (!im)
		abort();
	*img = (struct eb_nested_image){ .built = false };
	im->err = err;
	im->errsize = size;
	if (!realpath(qemu, img->qemu)) {
		snprintf(err, size, "QEMU %s: %s", qemu, strerror(errno));
		free(im);
		return false;
	}
	ok = collect(im, img->qemu, init, moddir);
	if (ok) {
		hash(im, img->sha256);
		ok = cache(im, img);
	}
	for (size_t i = 0, n = 0; ok && i < im->n; i++)
		if (strncmp(im->item[i].name, "lib/modules/", 12) == 0)
			n += snprintf(img->modules + n, sizeof(img->modules) - n,
				      "%s%s", n ? "," : "", im->item[i].name + 12);
	for (size_t i = 0; i < im->n; i++)
		free(im->item[i].data);
	free(im);
	return ok;
}
