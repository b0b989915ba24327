/*
 * The guest half of the result protocol.  Lines are built in one buffer and
 * sent whole, so a record is either on the wire completely or not at all;
 * the host detects everything else (gaps, truncation) through seq and CRC.
 */
#include <entrybench/protocol.h>
#include "console.h"
#include "lib.h"
#include "proto.h"

static char line[EB_PROTO_MAX_LINE];
static size_t len;
static u64 seq;
static u32 crc = 0xffffffff;

/* CRC-32 (IEEE 802.3, reflected), bit at a time: the output is a few KiB. */
static void crc_update(const char *p, size_t n)
{
	while (n--) {
		crc ^= (u8)*p++;
		for (int i = 0; i < 8; i++)
			crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
	}
}

/* Leave room for the newline; an over-long value is cut, never overflowed. */
static void put(const char *s, size_t n)
{
	size_t room = sizeof(line) - 1 - len;

	if (n > room)
		n = room;
	memcpy(line + len, s, n);
	len += n;
}

static void put_c(char c)
{
	put(&c, 1);
}

static void put_u64(u64 v, unsigned base)
{
	char buf[20];
	int i = sizeof(buf);

	do {
		buf[--i] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	put(buf + i, sizeof(buf) - i);
}

static void put_key(const char *key)
{
	put_c(' ');
	put(key, strlen(key));
	put_c('=');
}

void rec_begin(const char *type)
{
	len = 0;
	put(EB_PROTO_MAGIC, sizeof(EB_PROTO_MAGIC) - 1);
	put_c(' ');
	put_u64(seq, 10);
	put_c(' ');
	put(type, strlen(type));
}

void rec_str(const char *key, const char *bare)
{
	put_key(key);
	put(bare, strlen(bare));
}

/*
 * The protocol forbids '"', '\\' and control characters inside quotes.  An
 * over-long text is cut so that its closing quote always fits: the line
 * stays well-formed and says as much as it can.
 */
void rec_quoted(const char *key, const char *text)
{
	put_key(key);
	put_c('"');
	for (; *text && len < sizeof(line) - 2; text++)
		put_c(*text == '"' || *text == '\\' || (u8)*text < ' ' ? '\'' : *text);
	put_c('"');
}

void rec_u64(const char *key, u64 value)
{
	put_key(key);
	put_u64(value, 10);
}

void rec_hex(const char *key, u64 value)
{
	put_key(key);
	put("0x", 2);
	put_u64(value, 16);
}

void rec_end(void)
{
	line[len++] = '\n';
	crc_update(line, len);
	console_write(line, len);
	seq++;
}

void proto_finish(const char *status, int exit_code, const char *reason)
{
	u32 sum = ~crc;
	char hex[8];

	for (int i = 7; i >= 0; i--, sum >>= 4)
		hex[i] = "0123456789abcdef"[sum & 15];

	len = 0;	/* `end` itself is outside the CRC it carries */
	put(EB_PROTO_MAGIC, sizeof(EB_PROTO_MAGIC) - 1);
	put_c(' ');
	put_u64(seq, 10);
	put(" end", 4);
	put_key("records");
	put_u64(seq, 10);
	put_key("crc32");
	put(hex, 8);
	put_key("status");
	put(status, strlen(status));
	if (reason)
		rec_quoted("reason", reason);
	line[len++] = '\n';
	console_write(line, len);
	qemu_exit(exit_code);
}
