/* The little of libc a freestanding kernel needs (GCC may emit calls to the
 * mem* functions itself, so they must exist with these exact names). */
#ifndef EB_LIB_H
#define EB_LIB_H

#include "types.h"

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
bool str_starts(const char *s, const char *prefix);

/* Parse a decimal number ending at a space, ',' or NUL; false on junk/overflow. */
bool parse_u64(const char *s, u64 *out, const char **end);

#endif
