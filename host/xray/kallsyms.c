/* SPDX-License-Identifier: MIT */
/* A Linux kernel's symbols from its kallsyms tables: xray/kallsyms.h. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xray/kallsyms.h"

#define ALIGN8(x)	(((x) + 7) & ~(size_t)7)
#define MIN_SYMS	1000
#define MAX_SYMS	4000000

/* The image and what was found in it: file offsets. */
struct ks {
	const uint8_t *d;
	size_t len;
	size_t tokens, index;		/* token_table, token_index */
	size_t num, names;		/* num_syms, names */
	uint32_t n;
	size_t offsets, base;		/* offsets[n], relative_base */
	const char *tok[256];
};

static uint32_t u32(const struct ks *k, size_t at)
{
	uint32_t v;
	memcpy(&v, k->d + at, 4);
	return v;
}

/* 256 NUL-terminated strings at at, their u16 offsets right after? */
static bool token_table_at(struct ks *k, size_t at)
{
	size_t p = at, offs[256];

	for (int i = 0; i < 256; i++) {
		const uint8_t *nul = memchr(k->d + p, 0, k->len - p);
		if (!nul || nul == k->d + p)
			return false;
		offs[i] = p - at;
		p = nul - k->d + 1;
	}
	p = ALIGN8(p);
	if (p + 512 > k->len)
		return false;
	for (int i = 0; i < 256; i++) {
		uint16_t v;
		memcpy(&v, k->d + p + 2 * i, 2);
		if (v != offs[i])
			return false;
	}
	k->tokens = at;
	k->index = p;
	for (int i = 0; i < 256; i++)
		k->tok[i] = (const char *)k->d + at + offs[i];
	return true;
}

/* Every used character is a token of its own: the digits come in a row. */
static bool find_tokens(struct ks *k)
{
	static const char digits[] = "0\0" "1\0" "2\0" "3\0" "4\0" "5\0" "6\0"
				     "7\0" "8\0" "9";
	const uint8_t *p = k->d, *end = k->d + k->len;

	while ((p = memmem(p, end - p, digits, sizeof(digits)))) {
		size_t at = p - k->d;
		size_t lo = at > 4096 ? ALIGN8(at - 4096) : 0;
		for (size_t t = lo; t <= at; t += 8)
			if (token_table_at(k, t))
				return true;
		p++;
	}
	return false;
}

/* The end of n compressed names from at (length bytes, then tokens). */
static size_t names_end(const struct ks *k, size_t at, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (at + 2 > k->len)
			return 0;
		size_t len = k->d[at];
		if (len & 0x80) {	/* big symbols: two bytes */
			len = (len & 0x7f) | ((size_t)k->d[at + 1] << 7);
			at++;
		}
		if (!len)
			return 0;
		at += 1 + len;
	}
	return at;
}

/* num_syms at p: n names, u32 markers, 0 or 3 bytes a name, then tokens. */
static bool num_syms_at(struct ks *k, size_t p)
{
	uint32_t n = u32(k, p);

	if (n < MIN_SYMS || n > MAX_SYMS || u32(k, p + 4) != 0)
		return false;
	size_t end = names_end(k, p + 8, n);
	if (!end)
		return false;
	size_t markers_end = ALIGN8(end) + 4 * (((size_t)n + 255) / 256);
	if (ALIGN8(markers_end) != k->tokens &&
	    ALIGN8(markers_end + 3 * (size_t)n) != k->tokens)
		return false;
	k->num = p;
	k->names = p + 8;
	k->n = n;
	return true;
}

static bool find_num_syms(struct ks *k)
{
	for (size_t p = k->tokens - 8; p >= 8 && p + 8 <= k->len; p -= 8)
		if (num_syms_at(k, p))
			return true;
	return false;
}

/* A kernel text address, as relative_base is. */
static bool kernel_address(uint64_t a)
{
	return a >= 0xffffffff80000000ull;
}

/* The offsets: before relative_base before num_syms, or after token_index. */
static bool find_offsets(struct ks *k)
{
	size_t bytes = ALIGN8(4 * (size_t)k->n);
	uint64_t base;

	memcpy(&base, k->d + k->num - 8, 8);
	if (kernel_address(base) && k->num >= 8 + bytes) {
		k->base = k->num - 8;
		k->offsets = k->base - bytes;
		return true;
	}
	k->offsets = ALIGN8(k->index + 512);
	k->base = k->offsets + bytes;
	if (k->base + 8 > k->len)
		return false;
	memcpy(&base, k->d + k->base, 8);
	return kernel_address(base);
}

/* Names expanded and addressed as kallsyms_sym_address() does. */
static size_t add_all(struct eb_syms *t, const struct ks *k)
{
	uint64_t base;
	size_t at = k->names, added = 0;
	bool absolute_percpu = false, decided = false;

	memcpy(&base, k->d + k->base, 8);
	for (uint32_t i = 0; i < k->n; i++) {
		char name[1024];
		size_t len = k->d[at++], n = 0;
		if (len & 0x80)
			len = (len & 0x7f) | ((size_t)k->d[at++] << 7);
		for (size_t j = 0; j < len; j++)
			for (const char *s = k->tok[k->d[at + j]]; *s; s++)
				if (n + 1 < sizeof(name))
					name[n++] = *s;
		name[n] = '\0';
		at += len;
		int32_t off;
		memcpy(&off, k->d + k->offsets + 4 * (size_t)i, 4);
		if (!strchr("tTwW", name[0]))
			continue;
		/* The first text symbol tells: negative means per-CPU absolute. */
		if (!decided) {
			absolute_percpu = off < 0;
			decided = true;
		}
		uint64_t addr = !absolute_percpu ? base + (uint32_t)off :
				off >= 0 ? (uint64_t)off : base - 1 - off;
		eb_syms_add(t, addr, name + 1);
		added++;
	}
	return added;
}

bool eb_syms_from_kallsyms(struct eb_syms *t, const char *vmlinux, char *why,
			   size_t size)
{
	struct ks k = { 0 };
	struct stat st;
	int fd = open(vmlinux, O_RDONLY | O_CLOEXEC);
	size_t added = 0;

	if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < 4096) {
		snprintf(why, size, "%s: cannot read", vmlinux);
		if (fd >= 0)
			close(fd);
		return false;
	}
	k.len = st.st_size;
	k.d = mmap(NULL, k.len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (k.d == MAP_FAILED) {
		snprintf(why, size, "%s: cannot map", vmlinux);
		return false;
	}
	if (find_tokens(&k) && find_num_syms(&k) && find_offsets(&k))
		added = add_all(t, &k);
	munmap((void *)k.d, k.len);
	if (!added)
		snprintf(why, size, "%s has no kallsyms tables this x-ray can read "
			 "(CONFIG_KALLSYMS off?) and no System.map was given "
			 "(--linux-system-map)", vmlinux);
	return added > 0;
}
