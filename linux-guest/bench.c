/*
 * The bench process: what one boot measures.  Describe the machine and the
 * probes, then check and time each selected probe and send its records as
 * soon as it is done, then `end`.  The same records as the bench kernel's
 * (protocol.h), through its own emitter (bench-kernel/proto.c, cpu.c).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <entrybench/protocol.h>
#include "cpu.h"
#include "guest.h"
#include "probe.h"
#include "proto.h"

static struct measurement result;

/*
 * How the kernel was entered, from the boot_params it exports: the PVH
 * entry builds them from scratch (protocol version 2.12, no setup
 * sectors); the bzImage loaders copy the image's own setup header.
 */
static const char *boot_protocol(void)
{
	unsigned char bp[0x210];
	int fd = open("/sys/kernel/boot_params/data", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, bp, sizeof(bp));

	if (fd >= 0)
		close(fd);
	if (n != (ssize_t)sizeof(bp))
		return "bzimage";
	return bp[0x1f1] == 0 && bp[0x206] == 0x0c && bp[0x207] == 0x02 ?
	       "pvh" : "bzimage";
}

static void hello(const struct guest_config *cfg, const char *cmdline)
{
	struct utsname u;

	rec_begin("hello");
	rec_u64("proto", EB_PROTO_VERSION);
	rec_str("mode", "x86_64");
	rec_str("boot", boot_protocol());
	rec_u64("k", cfg->k);
	rec_u64("batches", cfg->batches);
	rec_u64("warmup", cfg->warmup);
	rec_quoted("cmdline", cmdline);
	if (uname(&u) == 0)
		rec_quoted("kernel", u.release);
	rec_end();
}

static void describe_probes(void)
{
	for_each_probe(p) {
		const char *family = p->family_here ? p->family_here() : p->family;
		const char *peer = p->peer_here ? p->peer_here() : p->peer;

		rec_begin("variant");
		rec_str("name", p->name);
		rec_u64("cpl", 3);
		rec_quoted("models", p->models);
		rec_quoted("source", p->source);
		rec_str("family", family);
		if (peer)
			rec_str("peer", peer);
		rec_end();
	}
}

static void skip(const struct probe *p, const char *why)
{
	rec_begin("skip");
	rec_str("name", p->name);
	rec_quoted("reason", why);
	rec_end();
}

static void report(const struct probe *p, const struct guest_config *cfg,
		   const struct measurement *m)
{
	rec_begin("check");
	rec_str("name", p->name);
	rec_str("status", m->passed ? "pass" : "fail");
	if (m->detail[0])
		rec_quoted("detail", m->detail);
	rec_end();
	for (uint64_t b = 0; m->passed && b < m->nbatches; b++) {
		rec_begin("batch");
		rec_str("name", p->name);
		rec_u64("i", b);
		rec_u64("k", cfg->k);
		rec_u64("overhead", m->overhead[b]);
		rec_u64("ticks", m->ticks[b]);
		rec_end();
	}
}

static bool run_probes(const struct guest_config *cfg)
{
	bool all_passed = true;

	for_each_probe(p) {
		const char *why;

		if (!config_selects(cfg, p->name))
			continue;
		why = p->unsupported ? p->unsupported(cfg) : NULL;
		if (why) {
			skip(p, why);
		} else {
			memset(&result, 0, sizeof(result));
			measure(p, cfg, &result);
			report(p, cfg, &result);
			all_passed &= result.passed;
		}
		console_flush();
	}
	return all_passed;
}

void bench_main(const char *cmdline, pid_t parent)
{
	struct guest_config cfg;
	char buf[400];	/* a reason that fits the end record's line */
	const char *err = parse_cmdline(cmdline, &cfg);

	cfg.parent = parent;
	if (!err)
		err = unknown_probe(&cfg, buf, sizeof(buf));
	cpu_identify();
	hello(&cfg, cmdline);
	if (err)
		proto_finish("usage", EB_EXIT_USAGE, err);
	cpu_record();
	describe_probes();
	if (cfg.list)
		proto_finish("pass", EB_EXIT_PASS, NULL);
	if (!boot_cpu.rdtscp)
		proto_finish("fail", EB_EXIT_CHECK_FAILED,
			     "the CPU model lacks RDTSCP, which the timed loop needs");
	calib_record();
	console_flush();
	if (run_probes(&cfg))
		proto_finish("pass", EB_EXIT_PASS, NULL);
	proto_finish("fail", EB_EXIT_CHECK_FAILED, "a probe failed its correctness check");
}
