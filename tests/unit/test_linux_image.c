/* SPDX-License-Identifier: MIT */
/*
 * run/linux_image.c against synthetic kernels: ELF files with and without
 * the PVH note, bzImages whose payload is compressed here with the same
 * libraries (xz, gzip, zstd) or damaged on purpose.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "fixture.h"
#include "run/linux_image.h"

#define ELF_SIZE	256
#define ENTRY		0x1000200u

static char dir[] = "/tmp/eb-linux-image.XXXXXX";

static void put16(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v); put16(p + 2, v >> 16); }
static void put64(uint8_t *p, uint64_t v) { put32(p, v); put32(p + 4, v >> 32); }

/* An ELF with one PT_NOTE segment holding one note (name, type, entry). */
static void make_elf(uint8_t *e, bool is64, const char *name, uint32_t type)
{
	size_t ph = is64 ? 64 : 52, note = ph + (is64 ? 56 : 32);

	memset(e, 0, ELF_SIZE);
	memcpy(e, "\177ELF", 4);
	e[4] = is64 ? 2 : 1;
	e[5] = 1;
	e[6] = 1;
	if (is64) {
		put64(e + 32, ph);
		put16(e + 54, 56);
		put16(e + 56, 1);
		put32(e + ph, 4);		/* PT_NOTE */
		put64(e + ph + 8, note);
		put64(e + ph + 32, 12 + 4 + 8);
	} else {
		put32(e + 28, ph);
		put16(e + 42, 32);
		put16(e + 44, 1);
		put32(e + ph, 4);
		put32(e + ph + 4, note);
		put32(e + ph + 16, 12 + 4 + 8);
	}
	put32(e + note, 4);
	put32(e + note + 4, 8);
	put32(e + note + 8, type);
	memcpy(e + note + 12, name, 4);
	put64(e + note + 16, ENTRY);
}

/* A bzImage (setup_sects 1, protocol version) around payload. */
static uint8_t *make_bzimage(const uint8_t *payload, size_t n, uint16_t version,
			     size_t *len)
{
	uint8_t *img = calloc(1, 1024 + 16 + n);

	img[0x1f1] = 1;
	put16(img + 0x1fe, 0xaa55);
	memcpy(img + 0x202, "HdrS", 4);
	put16(img + 0x206, version);
	put32(img + 0x248, 16);
	put32(img + 0x24c, n);
	memcpy(img + 1024 + 16, payload, n);
	*len = 1024 + 16 + n;
	return img;
}

/* The payload as the kernel build makes it: compressed, size appended. */
static size_t pack(const char *how, const uint8_t *in, size_t n, uint8_t *out,
		       size_t cap)
{
	size_t pos = 0;

	if (!strcmp(how, "xz")) {
		assert_int_equal(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC32, NULL, in, n,
							 out, &pos, cap), LZMA_OK);
	} else if (!strcmp(how, "gzip")) {
		z_stream z = { 0 };

		assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
					      Z_DEFAULT_STRATEGY), Z_OK);
		z.next_in = (Bytef *)in;
		z.avail_in = n;
		z.next_out = out;
		z.avail_out = cap;
		assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
		deflateEnd(&z);
		return z.total_out;	/* gzip's trailer ends with the size */
	} else {
		pos = ZSTD_compress(out, cap, in, n, 19);
		assert_false(ZSTD_isError(pos));
	}
	put32(out + pos, n);
	return pos + 4;
}

static char *write_file(const char *name, const uint8_t *data, size_t n)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
	return path;
}

static void prepare(const uint8_t *img, size_t len, struct eb_linux_image *out)
{
	char kernel[256], vmlinux[256];

	snprintf(kernel, sizeof(kernel), "%s", write_file("bzImage", img, len));
	snprintf(vmlinux, sizeof(vmlinux), "%s/vmlinux", dir);
	unlink(vmlinux);
	eb_linux_image_prepare(kernel, vmlinux, out);
}

static void expect_why(const struct eb_linux_image *img, enum eb_linux_boot boot,
		       const char *why)
{
	if (img->boot != boot || !strstr(img->why, why))
		fail_msg("expected boot %d with '%s', got boot %d: '%s'", boot, why,
			 img->boot, img->why);
}

static void elf_notes(void **state)
{
	uint8_t e[ELF_SIZE];
	uint32_t entry = 0;

	(void)state;
	make_elf(e, true, "Xen", EB_XEN_ELFNOTE_PHYS32_ENTRY);
	assert_int_equal(eb_elf_pvh(e, sizeof(e), &entry), EB_ELF_PVH);
	assert_int_equal(entry, ENTRY);
	make_elf(e, false, "Xen", EB_XEN_ELFNOTE_PHYS32_ENTRY);
	assert_int_equal(eb_elf_pvh(e, sizeof(e), &entry), EB_ELF_PVH);
	make_elf(e, true, "Lin", EB_XEN_ELFNOTE_PHYS32_ENTRY);
	assert_int_equal(eb_elf_pvh(e, sizeof(e), &entry), EB_ELF_NO_PVH);
	make_elf(e, true, "Xen", EB_XEN_ELFNOTE_PHYS32_ENTRY - 1);
	assert_int_equal(eb_elf_pvh(e, sizeof(e), &entry), EB_ELF_NO_PVH);
	/* Truncated, program headers out of the file, a note running off its segment */
	make_elf(e, true, "Xen", EB_XEN_ELFNOTE_PHYS32_ENTRY);
	assert_int_equal(eb_elf_pvh(e, 60, &entry), EB_ELF_INVALID);
	put16(e + 56, 0xffff);
	assert_int_equal(eb_elf_pvh(e, sizeof(e), &entry), EB_ELF_INVALID);
	make_elf(e, true, "Xen", EB_XEN_ELFNOTE_PHYS32_ENTRY);
	put32(e + 120 + 4, 0x7fffffff);
	assert_int_equal(eb_elf_pvh(e, sizeof(e), &entry), EB_ELF_NO_PVH);
	e[5] = 2;	/* big-endian */
	assert_int_equal(eb_elf_pvh(e, sizeof(e), &entry), EB_ELF_INVALID);
}

/* Each compression the build unpacks: the vmlinux comes out byte for byte. */
static void unpack_each(void **state)
{
	static const char *const hows[] = { "xz", "gzip", "zstd" };
	uint8_t elf[ELF_SIZE], payload[4096];
	struct eb_linux_image img;

	(void)state;
	make_elf(elf, true, "Xen", EB_XEN_ELFNOTE_PHYS32_ENTRY);
	for (size_t i = 0; i < 3; i++) {
		size_t n = pack(hows[i], elf, sizeof(elf), payload, sizeof(payload)), len;
		uint8_t *bz = make_bzimage(payload, n, 0x020f, &len), got[ELF_SIZE + 1];
		FILE *f;

		prepare(bz, len, &img);
		expect_why(&img, EB_LINUX_PVH, "");
		assert_non_null(f = fopen(img.path, "rb"));
		assert_int_equal(fread(got, 1, sizeof(got), f), ELF_SIZE);
		fclose(f);
		assert_memory_equal(got, elf, ELF_SIZE);
		free(bz);
	}
}

/* Unpacked but not bootable through PVH, or not unpackable: the bzImage boots. */
static void fall_back(void **state)
{
	uint8_t elf[ELF_SIZE], payload[4096], *bz;
	struct eb_linux_image img;
	size_t n, len;

	(void)state;
	make_elf(elf, true, "Xen", EB_XEN_ELFNOTE_PHYS32_ENTRY - 1);
	n = pack("xz", elf, sizeof(elf), payload, sizeof(payload));
	bz = make_bzimage(payload, n, 0x020f, &len);
	prepare(bz, len, &img);
	expect_why(&img, EB_LINUX_BZIMAGE, "no PVH entry note");
	assert_string_equal(img.path + strlen(img.path) - 7, "bzImage");
	assert_int_equal(access(img.path, R_OK), 0);
	free(bz);

	make_elf(elf, true, "Xen", EB_XEN_ELFNOTE_PHYS32_ENTRY);
	n = pack("xz", elf, sizeof(elf), payload, sizeof(payload));
	payload[n / 2] ^= 0x55;				/* damaged data */
	bz = make_bzimage(payload, n, 0x020f, &len);
	prepare(bz, len, &img);
	expect_why(&img, EB_LINUX_BZIMAGE, "xz:");
	free(bz);

	n = pack("zstd", elf, sizeof(elf), payload, sizeof(payload));
	put32(payload + n - 4, ELF_SIZE + 100);		/* size field lies */
	bz = make_bzimage(payload, n, 0x020f, &len);
	prepare(bz, len, &img);
	expect_why(&img, EB_LINUX_BZIMAGE, "zstd:");
	free(bz);

	memcpy(payload, "\x02\x21\x4c\x18", 4);		/* LZ4 legacy magic */
	bz = make_bzimage(payload, n, 0x020f, &len);
	prepare(bz, len, &img);
	expect_why(&img, EB_LINUX_BZIMAGE, "compressed with lz4");
	free(bz);

	bz = make_bzimage(payload, n, 0x0206, &len);	/* no payload_offset yet */
	prepare(bz, len, &img);
	expect_why(&img, EB_LINUX_BZIMAGE, "2.08 or later");
	free(bz);
}

static void not_bootable(void **state)
{
	uint8_t elf[ELF_SIZE], payload[4096], *bz;
	struct eb_linux_image img;
	size_t n, len;

	(void)state;
	prepare((const uint8_t *)"#!/bin/sh\necho not a kernel\n", 28, &img);
	expect_why(&img, EB_LINUX_BAD, "not a bzImage");

	make_elf(elf, true, "Xen", EB_XEN_ELFNOTE_PHYS32_ENTRY);
	n = pack("gzip", elf, sizeof(elf), payload, sizeof(payload));
	bz = make_bzimage(payload, n, 0x020f, &len);
	prepare(bz, len - 10, &img);			/* truncated */
	expect_why(&img, EB_LINUX_BAD, "truncated");
	free(bz);

	make_elf(elf, true, "Xen", 1);
	eb_linux_image_prepare(write_file("vmlinux-nopvh", elf, sizeof(elf)), "/nonexistent", &img);
	expect_why(&img, EB_LINUX_BAD, "without the PVH entry note");

	eb_linux_image_prepare("/nonexistent/bzImage", "/nonexistent/vmlinux", &img);
	expect_why(&img, EB_LINUX_BAD, "No such file");
}

/* An ELF with the note is booted as it is; nothing is written. */
static void elf_as_is(void **state)
{
	uint8_t elf[ELF_SIZE];
	struct eb_linux_image img;
	char path[256];

	(void)state;
	make_elf(elf, true, "Xen", EB_XEN_ELFNOTE_PHYS32_ENTRY);
	snprintf(path, sizeof(path), "%s", write_file("vmlinux-pvh", elf, sizeof(elf)));
	eb_linux_image_prepare(path, "/nonexistent/vmlinux", &img);
	expect_why(&img, EB_LINUX_PVH, "");
	assert_string_equal(img.path, path);
}

/* Nowhere to write the vmlinux: the bzImage still boots, and why says so. */
static void unwritable(void **state)
{
	uint8_t elf[ELF_SIZE], payload[4096], *bz;
	struct eb_linux_image img;
	size_t n, len;
	char kernel[256];

	(void)state;
	make_elf(elf, true, "Xen", EB_XEN_ELFNOTE_PHYS32_ENTRY);
	n = pack("xz", elf, sizeof(elf), payload, sizeof(payload));
	bz = make_bzimage(payload, n, 0x020f, &len);
	snprintf(kernel, sizeof(kernel), "%s", write_file("bzImage", bz, len));
	eb_linux_image_prepare(kernel, "/nonexistent/dir/vmlinux", &img);
	expect_why(&img, EB_LINUX_BZIMAGE, "cannot create a file next to /nonexistent/dir/vmlinux");
	free(bz);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return fixture_remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(elf_notes),
		cmocka_unit_test(unpack_each),
		cmocka_unit_test(fall_back),
		cmocka_unit_test(not_bootable),
		cmocka_unit_test(elf_as_is),
		cmocka_unit_test(unwritable),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
