/*
 * Emitting records of the result protocol (include/entrybench/protocol.h):
 *
 *	rec_begin("batch");
 *	rec_str("name", v->name);
 *	rec_u64("ticks", t);
 *	rec_end();
 *
 * rec_end() numbers the line, folds it into the running CRC and writes it to
 * the debug console.  proto_finish() writes `end` and leaves through
 * isa-debug-exit; nothing may be printed after it.
 */
#ifndef EB_PROTO_H
#define EB_PROTO_H

#include "types.h"

void rec_begin(const char *type);
void rec_str(const char *key, const char *bare);	/* no spaces, no quotes */
void rec_quoted(const char *key, const char *text);	/* quotes added here */
void rec_u64(const char *key, u64 value);		/* decimal */
void rec_hex(const char *key, u64 value);		/* 0x-prefixed */
void rec_end(void);

/* status is "pass", "fail", "crash" or "usage"; reason may be NULL. */
__noreturn void proto_finish(const char *status, int exit_code, const char *reason);

#endif
