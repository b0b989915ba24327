/* SPDX-License-Identifier: MIT */
/* The linux tier's kernel: run/linux_kernel.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "results/provenance.h"
#include "results/results.h"
#include "run/linux_kernel.h"
#include "tiers/linux.h"

/* x86_64's __START_KERNEL_map: the PVH note holds pvh_start_xen - this. */
#define START_KERNEL_MAP	0xffffffff80000000ul

/* Debian's boot/System.map-* says where the real one is, and nothing else. */
#define DEBIAN_STUB		"The real System.map is in"

/* At most this much of a System.map is read (a real one is ~5 MiB). */
#define MAP_MAX			(64ul << 20)

/* One line "address type name"; false if it is not one. */
static bool map_line(const char *line, unsigned long *addr, char *name,
		     size_t size)
{
	char type, sym[256];
	int used = 0;

	if (sscanf(line, "%lx %c %255s%n", addr, &type, sym, &used) != 3 ||
	    strspn(line, "0123456789abcdef") < 8)
		return false;
	snprintf(name, size, "%s", sym);
	return true;
}

bool eb_linux_map_check(const char *map, size_t len, unsigned long entry,
			char *note, size_t size)
{
	unsigned long addr, lines = 0, pvh = 0;
	char line[512], name[256];

	for (size_t at = 0; at < len;) {
		size_t n = strcspn(map + at, "\n");
		snprintf(line, sizeof(line), "%.*s", (int)(n < 511 ? n : 511), map + at);
		at += n + 1;
		if (!*line)
			continue;
		if (!map_line(line, &addr, name, sizeof(name))) {
			snprintf(note, size, "not a System.map: line %lu is not "
				 "'address type symbol'", lines + 1);
			return false;
		}
		lines++;
		if (strcmp(name, "pvh_start_xen") == 0)
			pvh = addr;
		if (strstr(line, DEBIAN_STUB)) {
			snprintf(note, size, "Debian's stub (the real System.map is "
				 "in the -dbg package): not checked");
			return true;
		}
	}
	if (!lines) {
		snprintf(note, size, "not a System.map: empty");
		return false;
	}
	if (entry && pvh && pvh - START_KERNEL_MAP != entry) {
		snprintf(note, size, "another kernel's System.map: its pvh_start_xen "
			 "is at %#lx, the kernel's PVH entry at %#lx", pvh - START_KERNEL_MAP,
			 entry);
		return false;
	}
	snprintf(note, size, "%lu symbols%s", lines, !entry || !pvh ? "" :
		 ", pvh_start_xen matches the kernel's PVH entry");
	return true;
}

/* The System.map at path, checked against the kernel; false with err. */
static bool check_map(struct eb_linux_kernel *k, const char *path, char *err,
		      size_t size)
{
	FILE *f = fopen(path, "r");
	char *text = f ? malloc(MAP_MAX + 1) : NULL;
	size_t n = text ? fread(text, 1, MAP_MAX, f) : 0;
	bool ok;

	if (!f) {
		snprintf(err, size, "--linux-system-map %s: %s", path, strerror(errno));
		return false;
	}
	if (!text)
		abort();
	fclose(f);
	text[n] = '\0';
	ok = eb_linux_map_check(text, n, k->img.pvh_entry, k->map_note,
				sizeof(k->map_note));
	free(text);
	if (!ok)
		snprintf(err, size, "--linux-system-map %s: %s", path, k->map_note);
	else if (!realpath(path, k->system_map))
		snprintf(k->system_map, sizeof(k->system_map), "%.4000s", path);
	return ok;
}

/* The cache's "<package> <version>" line, or "". */
static void cached_package(const char *dir, char *out, size_t size)
{
	char path[4200];
	FILE *f;

	snprintf(path, sizeof(path), "%s/current/package", dir);
	*out = '\0';
	if ((f = fopen(path, "r"))) {
		if (fgets(out, size, f))
			out[strcspn(out, "\n")] = '\0';
		fclose(f);
	}
}

/* --linux-kernel, or the cache's; its map unless one was given. */
static bool locate(const char *kernel, const char **map, char *mapbuf,
		   size_t mapsize, struct eb_linux_kernel *k, char *err, size_t size)
{
	char dir[4096], path[4200];

	if (!kernel) {
		eb_linux_cache_dir(dir, sizeof(dir));
		snprintf(path, sizeof(path), "%s/current/vmlinuz", dir);
		cached_package(dir, k->package, sizeof(k->package));
		snprintf(mapbuf, mapsize, "%s/current/System.map", dir);
		if (!*map && access(mapbuf, R_OK) == 0)
			*map = mapbuf;
		kernel = path;
	}
	if (!realpath(kernel, k->path)) {
		snprintf(err, size, "%s %s: %s", kernel == path ? "the cached kernel" :
			 "--linux-kernel", kernel, strerror(errno));
		if (kernel == path)
			snprintf(err + strlen(err), size - strlen(err), " (%s "
				 "fetches it)", EB_LINUX_FETCH);
		return false;
	}
	return true;
}

bool eb_linux_kernel_prepare(const char *kernel, const char *system_map,
			     const char *scratch, struct eb_linux_kernel *k,
			     char *err, size_t size)
{
	char vmlinux[PATH_MAX], map[4200], why[512] = "";

	*k = (struct eb_linux_kernel){ 0 };
	if (!locate(kernel, &system_map, map, sizeof(map), k, err, size))
		return false;
	snprintf(vmlinux, sizeof(vmlinux), "%s/vmlinux", scratch);
	eb_linux_image_prepare(k->path, vmlinux, &k->img);
	if (k->img.boot == EB_LINUX_BAD) {
		snprintf(err, size, "%s: %s", k->path, k->img.why);
		return false;
	}
	if (!eb_sha256_file(k->path, k->sha256, why, sizeof(why))) {
		snprintf(err, size, "%s", why);
		return false;
	}
	return !system_map || check_map(k, system_map, err, size);
}

json_t *eb_linux_kernel_json(const struct eb_linux_kernel *k)
{
	return json_pack("{s:s?, s:s, s:s?}",
			 "release", *k->img.release ? k->img.release : NULL,
			 "sha256", k->sha256,
			 "package", *k->package ? k->package : NULL);
}

json_t *eb_linux_kernel_files(const struct eb_linux_kernel *k)
{
	json_t *map = *k->system_map ?
		json_pack("{s:s, s:s}", "path", k->system_map, "note", k->map_note) :
		json_null();

	return json_pack("{s:s, s:s, s:s?, s:o}", "kernel", k->path,
			 "boot", k->img.boot == EB_LINUX_PVH ? "pvh" : "bzimage",
			 "boot_note", *k->img.why ? k->img.why : NULL,
			 "system_map", map);
}
