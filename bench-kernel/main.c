/*
 * kmain: what one boot does.  One boot is one trial: describe the machine,
 * calibrate, run the selected variants, say `end`, exit through
 * isa-debug-exit.
 */
#include <entrybench/protocol.h>
#include "arch.h"
#include "config.h"
#include "cpu.h"
#include "harness.h"
#include "proto.h"

static void hello(const char *boot, const char *cmdline, const struct config *cfg)
{
	rec_begin("hello");
	rec_u64("proto", EB_PROTO_VERSION);
	rec_str("mode", arch_mode);
	rec_str("boot", boot);
	rec_u64("k", cfg->k);
	rec_u64("batches", cfg->batches);
	rec_u64("warmup", cfg->warmup);
	rec_quoted("cmdline", cmdline);
	rec_end();
}

void kmain(u32 magic, u32 info)
{
	const char *boot, *cmdline = arch_boot_info(magic, info, &boot);
	struct config cfg;
	const char *err;

	arch_init();
	cpu_identify();
	err = parse_cmdline(cmdline, &cfg);
	hello(boot, cmdline, &cfg);
	if (err)
		proto_finish("usage", EB_EXIT_USAGE, err);
	cpu_record();
	describe_variants();
	if (cfg.list)
		proto_finish("pass", EB_EXIT_PASS, NULL);
	if (!boot_cpu.rdtscp)
		proto_finish("fail", EB_EXIT_CHECK_FAILED,
			     "the CPU model lacks RDTSCP, which the timed loop needs");

	calib_record();
	if (cfg.torture) {
		int ok = arch_torture(cfg.torture);

		if (ok < 0)
			proto_finish("usage", EB_EXIT_USAGE, "this kernel has no NMI torture");
		if (!ok)
			proto_finish("fail", EB_EXIT_CHECK_FAILED,
				     "a torture verdict contradicts what its design claims");
		proto_finish("pass", EB_EXIT_PASS, NULL);
	}
	if (run_variants(&cfg))
		proto_finish("pass", EB_EXIT_PASS, NULL);
	proto_finish("fail", EB_EXIT_CHECK_FAILED, "a variant failed its correctness check");
}
