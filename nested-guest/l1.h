/*
 * The parts of the nested tier's L1 /init (init.c) that its counting
 * boots (count.c) share.
 */
#ifndef EB_NESTED_L1_H
#define EB_NESTED_L1_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define FWCFG_DIR	"/sys/firmware/qemu_fw_cfg/by_name/"
#define MAX_ARGS	64
/* A counting boot's argvs: two runs per variant, a few hundred bytes each. */
#define MAX_ARGV_BYTES	(512 << 10)

__attribute__((noreturn)) void end_vm(int code);
__attribute__((noreturn, format(printf, 1, 2))) void fail(const char *fmt, ...);
size_t slurp(const char *path, char *buf, size_t size);
bool next_argv(const char *buf, size_t n, size_t *at, char *argv[MAX_ARGS]);
void to_debugcon(const char *p, size_t n);
void to_port(unsigned short port, const char *p, size_t n);
__attribute__((noreturn)) void l2_ended(int status, size_t bytes);
int start_l2(char *const argv[], pid_t *pid, int gate);

/* count.c: the counting boot (protocol.h, EB_NESTED_FWCFG_COUNT); ends the VM. */
__attribute__((noreturn)) void count_runs(const char *args, size_t n);

/*
 * The bench kernel's emitter (proto.c) writes to the outer port
 * l1_proto_port; its proto_finish() ends with l1_proto_done(code) when
 * set, else ends the VM with code.
 */
extern unsigned short l1_proto_port;
extern void (*l1_proto_done)(int code);

/* inject.c: L2 under NMIs L1 injects (protocol.h, EB_NESTED_FWCFG_NMI). */
__attribute__((noreturn)) void inject_run(char *const argv[]);

#endif
