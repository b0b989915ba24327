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

/*
 * eb.nmi=: the host injects eb.nmi-count NMIs at moments of its choosing;
 * give late ones time to come (bounded: a lost one must not hang the boot).
 */
static void nmi_record(const struct config *cfg)
{
	u64 during = arch_nmi_handled();

	/* No PAUSE: TCG leaves its translated code for every one */
	for (u64 i = 0; i < EB_NMI_WAIT_LOOPS && arch_nmi_handled() < cfg->nmi_count; i++)
		;
	rec_begin("nmi");
	rec_str("name", cfg->nmi);
	rec_u64("expect", cfg->nmi_count);
	rec_u64("handled", arch_nmi_handled());
	rec_u64("during", during);
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
	/* Before `hello`: the host injects NMIs only once it has seen it */
	if (!err && cfg.nmi && arch_nmi_install(cfg.nmi) < 0)
		err = "eb.nmi: this kernel has no NMI design to install";
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
			proto_finish("usage", EB_EXIT_USAGE, "this kernel has no such torture");
		if (!ok)
			proto_finish("fail", EB_EXIT_CHECK_FAILED,
				     "a torture outcome contradicts what its design claims or pins");
		proto_finish("pass", EB_EXIT_PASS, NULL);
	}
	bool passed = run_variants(&cfg);

	if (cfg.nmi)
		nmi_record(&cfg);
	if (passed)
		proto_finish("pass", EB_EXIT_PASS, NULL);
	proto_finish("fail", EB_EXIT_CHECK_FAILED, "a variant failed its correctness check");
}
