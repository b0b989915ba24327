/* SPDX-License-Identifier: MIT */
/*
 * bzImage -> vmlinux for the PVH boot (linux_image.h).  Everything read
 * from a file is bounds-checked: a kernel path is user input.
 */
#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "lib/array.h"
#include "run/linux_image.h"

static uint16_t le16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* [off, off + n) inside len, without overflow. */
static bool within(uint64_t off, uint64_t n, size_t len)
{
	return off <= len && n <= len - off;
}

/* One PT_NOTE segment: is there a "Xen" note of type PHYS32_ENTRY? */
static bool xen_entry_note(const uint8_t *p, size_t n, uint32_t *entry)
{
	while (n >= 12) {
		uint32_t namesz = le32(p), descsz = le32(p + 4), type = le32(p + 8);
		uint64_t name_pad = ((uint64_t)namesz + 3) & ~3ull;
		uint64_t desc_pad = ((uint64_t)descsz + 3) & ~3ull;

		if (!within(12 + name_pad, desc_pad, n))
			return false;
		if (type == EB_XEN_ELFNOTE_PHYS32_ENTRY && namesz == 4 &&
		    !memcmp(p + 12, "Xen", 4) && descsz >= 4) {
			*entry = le32(p + 12 + name_pad);
			return true;
		}
		p += 12 + name_pad + desc_pad;
		n -= 12 + name_pad + desc_pad;
	}
	return false;
}

enum eb_elf_pvh eb_elf_pvh(const uint8_t *elf, size_t len, uint32_t *entry)
{
	bool is64;
	uint64_t phoff;
	unsigned phentsize, phnum;

	if (len < 52 || memcmp(elf, "\177ELF", 4) || elf[5] != 1 /* ELFDATA2LSB */ ||
	    (elf[4] != 1 && elf[4] != 2))
		return EB_ELF_INVALID;
	is64 = elf[4] == 2;
	if (is64 && len < 64)
		return EB_ELF_INVALID;
	phoff = is64 ? le64(elf + 32) : le32(elf + 28);
	phentsize = le16(elf + (is64 ? 54 : 42));
	phnum = le16(elf + (is64 ? 56 : 44));
	if (phentsize < (is64 ? 56u : 32u) || !within(phoff, (uint64_t)phentsize * phnum, len))
		return EB_ELF_INVALID;
	for (unsigned i = 0; i < phnum; i++) {
		const uint8_t *ph = elf + phoff + (uint64_t)i * phentsize;
		uint64_t off = is64 ? le64(ph + 8) : le32(ph + 4);
		uint64_t filesz = is64 ? le64(ph + 32) : le32(ph + 16);

		if (le32(ph) != 4 /* PT_NOTE */)
			continue;
		if (!within(off, filesz, len))
			return EB_ELF_INVALID;
		if (xen_entry_note(elf + off, filesz, entry))
			return EB_ELF_PVH;
	}
	return EB_ELF_NO_PVH;
}

static const char *compression(const uint8_t *p, size_t n)
{
	static const struct { const char *name; size_t len; const char *magic; } m[] = {
		{ "xz", 6, "\xfd" "7zXZ\0" }, { "gzip", 2, "\x1f\x8b" },
		{ "zstd", 4, "\x28\xb5\x2f\xfd" }, { "bzip2", 3, "BZh" },
		{ "lzma", 3, "\x5d\x00\x00" }, { "lzo", 4, "\x89LZO" },
		{ "lz4", 4, "\x02\x21\x4c\x18" },
	};

	for (size_t i = 0; i < N_OF(m); i++)
		if (n >= m[i].len && !memcmp(p, m[i].magic, m[i].len))
			return m[i].name;
	return "unknown";
}

int eb_bzimage_parse(const uint8_t *img, size_t len, struct eb_bzimage *b,
		     char *why, size_t size)
{
	uint64_t setup, off, n;

	/* boot_flag 0xAA55 at 0x1fe and "HdrS" at 0x202 */
	if (len < 0x250 || le16(img + 0x1fe) != 0xaa55 || memcmp(img + 0x202, "HdrS", 4)) {
		snprintf(why, size, "not a bzImage (no Linux boot-protocol header)");
		return -1;
	}
	b->version = le16(img + 0x206);
	if (b->version < 0x0208) {
		snprintf(why, size, "boot protocol %u.%02u does not say where the "
			 "compressed kernel is (2.08 or later does)",
			 b->version >> 8, b->version & 0xff);
		return 0;
	}
	setup = ((uint64_t)(img[0x1f1] ? img[0x1f1] : 4) + 1) * 512;
	off = setup + le32(img + 0x248);
	n = le32(img + 0x24c);
	if (n < 8 || !within(off, n, len)) {
		snprintf(why, size, "damaged or truncated bzImage: its payload (%llu "
			 "bytes at %llu) is not inside its %zu bytes",
			 (unsigned long long)n, (unsigned long long)off, len);
		return -1;
	}
	b->payload = img + off;
	b->payload_len = n;
	b->compression = compression(b->payload, n);
	return 1;
}

/* The kernel's xz_wrap.sh output: one .xz stream (BCJ x86 + LZMA2). */
static bool unpack_xz(const uint8_t *in, size_t n, uint8_t *out, size_t outlen,
		      char *why, size_t size)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_ret r = lzma_stream_decoder(&s, UINT64_MAX, 0);

	if (r == LZMA_OK) {
		s.next_in = in;
		s.avail_in = n;
		s.next_out = out;
		s.avail_out = outlen;
		r = lzma_code(&s, LZMA_FINISH);
	}
	lzma_end(&s);
	if (r == LZMA_STREAM_END && s.avail_out == 0)
		return true;
	snprintf(why, size, "xz: %s", r == LZMA_STREAM_END ? "shorter than its size field" :
		 r == LZMA_OK || r == LZMA_BUF_ERROR ? "longer than its size field, or truncated" :
		 "damaged data (liblzma error)");
	return false;
}

static bool unpack_gzip(const uint8_t *in, size_t n, uint8_t *out, size_t outlen,
			char *why, size_t size)
{
	z_stream z = { 0 };
	int r = inflateInit2(&z, 16 + MAX_WBITS);	/* gzip wrapper */

	if (r == Z_OK) {
		z.next_in = (Bytef *)in;
		z.avail_in = n > UINT32_MAX ? UINT32_MAX : (uInt)n;
		z.next_out = out;
		z.avail_out = outlen > UINT32_MAX ? UINT32_MAX : (uInt)outlen;
		r = inflate(&z, Z_FINISH);
		inflateEnd(&z);
	}
	if (r == Z_STREAM_END && z.avail_out == 0)
		return true;
	snprintf(why, size, "gzip: %s", r == Z_STREAM_END ? "shorter than its size field" :
		 r == Z_BUF_ERROR ? "longer than its size field, or truncated" :
		 "damaged data (zlib error)");
	return false;
}

static bool unpack_zstd(const uint8_t *in, size_t n, uint8_t *out, size_t outlen,
			char *why, size_t size)
{
	size_t frame = ZSTD_findFrameCompressedSize(in, n);
	size_t got = ZSTD_isError(frame) ? frame : ZSTD_decompress(out, outlen, in, frame);

	if (!ZSTD_isError(got) && got == outlen)
		return true;
	snprintf(why, size, "zstd: %s", ZSTD_isError(got) ? ZSTD_getErrorName(got) :
		 "shorter than its size field");
	return false;
}

bool eb_bzimage_unpack(const struct eb_bzimage *b, uint8_t **out, size_t *outlen,
		       char *why, size_t size)
{
	/* The build appends the unpacked size (gzip's own trailer ends with it). */
	size_t n = le32(b->payload + b->payload_len - 4), in = b->payload_len;
	bool ok;

	*out = NULL;
	if (n < 64 || n > EB_LINUX_IMAGE_MAX) {
		snprintf(why, size, "the payload's size field says %zu bytes", n);
		return false;
	}
	if (!(*out = malloc(n)))
		abort();
	if (!strcmp(b->compression, "xz"))
		ok = unpack_xz(b->payload, in - 4, *out, n, why, size);
	else if (!strcmp(b->compression, "gzip"))
		ok = unpack_gzip(b->payload, in, *out, n, why, size);
	else if (!strcmp(b->compression, "zstd"))
		ok = unpack_zstd(b->payload, in - 4, *out, n, why, size);
	else {
		snprintf(why, size, "compressed with %s, which entrybench does not "
			 "unpack (it unpacks xz, gzip and zstd)", b->compression);
		ok = false;
	}
	if (!ok) {
		free(*out);
		*out = NULL;
		return false;
	}
	*outlen = n;
	return true;
}

/* The whole file, or NULL with why. */
static uint8_t *slurp(const char *path, size_t *len, char *why, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	uint8_t *buf = NULL;
	size_t got = 0;
	ssize_t r = 0;

	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(why, size, "%s: %s", path, strerror(errno));
	} else if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > EB_LINUX_IMAGE_MAX) {
		snprintf(why, size, "%s: not a regular file of at most 1 GiB", path);
	} else {
		if (!(buf = malloc(st.st_size ? st.st_size : 1)))
			abort();
		while (got < (size_t)st.st_size &&
		       ((r = read(fd, buf + got, st.st_size - got)) > 0 || (r < 0 && errno == EINTR)))
			got += r > 0 ? r : 0;
		if (got != (size_t)st.st_size) {
			snprintf(why, size, "%s: %s", path, r < 0 ? strerror(errno) : "short read");
			free(buf);
			buf = NULL;
		}
	}
	if (fd >= 0)
		close(fd);
	*len = got;
	return buf;
}

/* data to path through a temporary file beside it; false with why. */
static bool write_atomically(const char *path, const uint8_t *data, size_t n,
			     char *why, size_t size)
{
	char tmp[PATH_MAX];
	size_t done = 0;
	int fd;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", path) >= sizeof(tmp) ||
	    (fd = mkstemp(tmp)) < 0) {
		snprintf(why, size, "cannot create a file next to %s: %s", path, strerror(errno));
		return false;
	}
	fchmod(fd, 0644);	/* a kernel image anyone may read, as the input */
	while (done < n) {
		ssize_t w = write(fd, data + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += w;
	}
	if (close(fd) < 0 || done != n || rename(tmp, path) < 0) {
		snprintf(why, size, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		return false;
	}
	return true;
}

/* The release: a word of [0-9A-Za-z.+_~-] at p (bounded by end). */
static bool release_word(const uint8_t *p, const uint8_t *end, char *out,
			 size_t size)
{
	size_t n = 0;

	while (p + n < end && n + 1 < size && p[n] < 0x80 &&
	       strchr("0123456789abcdefghijklmnopqrstuvwxyz"
		      "ABCDEFGHIJKLMNOPQRSTUVWXYZ.+_~-", p[n]) && p[n])
		n++;
	if (!n || !(p[0] >= '0' && p[0] <= '9'))
		return false;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

bool eb_linux_release(const uint8_t *img, size_t len, char *out, size_t size)
{
	static const char banner[] = "Linux version ";
	const uint8_t *p;

	/* bzImage: kernel_version at 0x20e, an offset from 0x200 */
	if (len >= 0x250 && le16(img + 0x1fe) == 0xaa55 &&
	    !memcmp(img + 0x202, "HdrS", 4) && le16(img + 0x206) >= 0x0200 &&
	    le16(img + 0x20e) && (size_t)le16(img + 0x20e) + 0x200 < len &&
	    release_word(img + le16(img + 0x20e) + 0x200, img + len, out, size))
		return true;
	for (p = img; (p = memmem(p, img + len - p, banner, sizeof(banner) - 1));
	     p += sizeof(banner) - 1)
		if (release_word(p + sizeof(banner) - 1, img + len, out, size))
			return true;
	*out = '\0';
	return false;
}

static void verdict(struct eb_linux_image *img, enum eb_linux_boot boot,
		    const char *path, const char *why)
{
	img->boot = boot;
	snprintf(img->path, sizeof(img->path), "%s", path);
	snprintf(img->why, sizeof(img->why), "%s", why);
}

/* Why the unpacked vmlinux cannot boot through PVH, or "" when it can. */
static void pvh_problem(const uint8_t *elf, size_t n, uint32_t *entry,
			char *why, size_t size)
{
	switch (eb_elf_pvh(elf, n, entry)) {
	case EB_ELF_PVH:
		*why = '\0';
		break;
	case EB_ELF_NO_PVH:
		snprintf(why, size, "its vmlinux has no PVH entry note (a kernel "
			 "built without CONFIG_PVH)");
		break;
	case EB_ELF_INVALID:
		snprintf(why, size, "what it unpacks to is not an ELF vmlinux");
		break;
	}
}

/* A bzImage: its vmlinux when that can boot through PVH, else itself. */
static void from_bzimage(const char *kernel, const uint8_t *buf, size_t len,
			 const char *out, struct eb_linux_image *img)
{
	struct eb_bzimage b;
	char why[256], text[sizeof(img->why)];
	uint8_t *elf = NULL;
	size_t n = 0;
	int r = eb_bzimage_parse(buf, len, &b, why, sizeof(why));

	if (r < 0) {
		verdict(img, EB_LINUX_BAD, kernel, why);
		return;
	}
	if (r > 0 && eb_bzimage_unpack(&b, &elf, &n, why, sizeof(why))) {
		pvh_problem(elf, n, &img->pvh_entry, why, sizeof(why));
		bool booted = !*why && write_atomically(out, elf, n, why, sizeof(why));

		free(elf);
		if (booted) {
			verdict(img, EB_LINUX_PVH, out, "");
			return;
		}
	}
	snprintf(text, sizeof(text), "booting the bzImage through the firmware "
		 "(slower): %s", why);
	verdict(img, EB_LINUX_BZIMAGE, kernel, text);
}

void eb_linux_image_prepare(const char *kernel, const char *vmlinux_out,
			    struct eb_linux_image *img)
{
	char why[256];
	size_t len;
	uint32_t entry;
	uint8_t *buf = slurp(kernel, &len, why, sizeof(why));

	img->boot = EB_LINUX_BAD;
	img->release[0] = '\0';
	img->pvh_entry = 0;
	if (!buf) {
		verdict(img, EB_LINUX_BAD, kernel, why);
		return;
	}
	eb_linux_release(buf, len, img->release, sizeof(img->release));
	switch (eb_elf_pvh(buf, len, &entry)) {
	case EB_ELF_PVH:
		img->pvh_entry = entry;
		verdict(img, EB_LINUX_PVH, kernel, "");
		break;
	case EB_ELF_NO_PVH:
		verdict(img, EB_LINUX_BAD, kernel, "an ELF kernel without the PVH entry "
			"note (CONFIG_PVH): QEMU cannot boot it; give its bzImage instead");
		break;
	case EB_ELF_INVALID:
		if (len >= 4 && !memcmp(buf, "\177ELF", 4))
			verdict(img, EB_LINUX_BAD, kernel, "a damaged or big-endian ELF file");
		else
			from_bzimage(kernel, buf, len, vmlinux_out, img);
		break;
	}
	free(buf);
}
