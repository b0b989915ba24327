/*
 * The Linux guest: /init of an initramfs booted with a real Linux kernel
 * (init.c), the bench process it forks (bench.c), the run's parameters from
 * the kernel command line (cmdline.c) and the way out to the host
 * (console.c).  Records go through the bench kernel's own emitter,
 * bench-kernel/proto.c, onto the same debug port.
 */
#ifndef EB_GUEST_H
#define EB_GUEST_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct guest_config {
	const char *variants;	/* eb.variants=: comma list of probes, NULL = all */
	uint64_t k, batches, warmup;
	bool list;		/* eb.list: describe the probes and end */
	pid_t parent;		/* the bench process's parent: getppid's answer */
};

/* NULL on success, else what is wrong with the eb.* keys of cmdline. */
const char *parse_cmdline(const char *cmdline, struct guest_config *cfg);
bool config_selects(const struct guest_config *cfg, const char *name);
/* The name of an eb.variants= entry that is no probe, or NULL. */
const char *unknown_probe(const struct guest_config *cfg, char *buf, size_t size);

/*
 * Where records go.  In the guest (pid 1 forked us): port 0xe9, opened with
 * ioperm() only while a flush writes, because a task holding an I/O bitmap
 * runs extra code on every return to user space (tss_update_io_bitmap) and
 * would time that too.  Run on a host for testing: standard output.
 */
void console_use_stdout(void);
void console_flush(void);

/* bench.c: the whole run; ends the VM (or, on a host, the process). */
__attribute__((noreturn)) void bench_main(const char *cmdline, pid_t parent);

/* Where the 32-bit helper is: /probe32 in the guest, beside us on a host. */
const char *probe32_path(void);

#endif
