/*
 * The little of libc a freestanding kernel needs (GCC may emit calls to the
 * mem* functions itself, so they must exist with these exact names), and
 * the compile-time helpers every guest file shares: one copy of each.
 */
#ifndef EB_LIB_H
#define EB_LIB_H

#include "types.h"

/* Elements in an array (Linux's ARRAY_SIZE; the host spells it the same). */
#define N_OF(a)		(sizeof(a) / sizeof((a)[0]))

/*
 * A structure that assembly reads through named offsets (FOO_bar or a
 * pt_regs slot name) must have each member where the name says.
 */
#define ASSERT_OFFSET(type, member, off) \
	_Static_assert(__builtin_offsetof(type, member) == (off), \
		       #type "." #member " is not at " #off)
#define ASSERT_SIZE(type, size) \
	_Static_assert(sizeof(type) == (size), "sizeof(" #type ") is not " #size)

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
bool str_starts(const char *s, const char *prefix);

/* Parse a decimal number ending at a space, ',' or NUL; false on junk/overflow. */
bool parse_u64(const char *s, u64 *out, const char **end);

#endif
