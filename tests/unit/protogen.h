/* SPDX-License-Identifier: MIT */
/* Build valid protocol text for tests: seq numbers and CRC computed here. */
#ifndef EB_PROTOGEN_H
#define EB_PROTOGEN_H

#include <stddef.h>

/*
 * records are "<type> key=value..." without prefix or seq; the result is
 * the full text with `end records=N crc32=... status=<status>` appended.
 * Returns a malloc'd, NUL-terminated string.
 */
char *protogen(const char *const *records, size_t n, const char *status);

/* A typical passing trial: hello k=4 batches=2, one variant "v". */
char *protogen_good(void);

#endif
