/* SPDX-License-Identifier: MIT */
/*
 * The Linux guest's probes and harness (linux-guest/), run on this host:
 * each check is shown to fail for the fault it exists for (a clobbered
 * register, a wrong answer, a trip that did not happen or happened twice,
 * a partner that stopped answering, a 32-bit helper that misbehaves) and to
 * pass for the real trip; the command line is parsed as the guest parses it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "guest.h"
#include "probe.h"

static const struct guest_config small = { .k = 4, .batches = 2, .warmup = 2 };
static char helper[] = "/tmp/eb-probe32.XXXXXX";

/* The 32-bit helper the vsyscall32 probe runs: a fake, written by the test. */
const char *probe32_path(void)
{
	return helper;
}

static void fake_helper(const char *script)
{
	FILE *f = fopen(helper, "w");

	assert_non_null(f);
	fputs(script, f);
	fclose(f);
	chmod(helper, 0755);
}

static const struct probe *probe(const char *name)
{
	for_each_probe(p)
		if (!strcmp(p->name, name))
			return p;
	fail_msg("no probe %s", name);
	return NULL;
}

static void expect_fail(const struct probe *p, struct guest_config cfg, const char *why)
{
	struct measurement m;

	measure(p, &cfg, &m);
	if (m.passed || !strstr(m.detail, why))
		fail_msg("%s: expected a failed check with '%s', got %s '%s'", p->name,
			 why, m.passed ? "pass" : "fail", m.detail);
	assert_int_equal(m.nbatches, 0);
}

static void expect_pass(const struct probe *p, struct guest_config cfg)
{
	struct measurement m;

	measure(p, &cfg, &m);
	if (!m.passed)
		fail_msg("%s: %s", p->name, m.detail);
	assert_int_equal(m.nbatches, cfg.batches);
	for (uint64_t b = 0; b < m.nbatches; b++)
		assert_true(m.ticks[b] > 0 && m.overhead[b] > 0);
}

ASM_TRIP(clobber_rbx_trip, "xorl %ebx, %ebx");
ASM_TRIP(clear_carry_trip, "clc");

/* The register check: a callee-saved register, RFLAGS, the result. */
static void registers(void **state)
{
	struct probe p = { .name = "planted", .trip = clobber_rbx_trip };
	struct guest_config cfg = small;

	(void)state;
	expect_fail(&p, cfg, "rbx: want 0x404040404040404 got 0");
	p.trip = clear_carry_trip;
	expect_fail(&p, cfg, "rflags: want 0xac7 got 0xac6");
	p.flags_clobbers = ARITH_FLAGS;		/* allowed: passes ... */
	expect_pass(&p, cfg);
	p.flags_clobbers = 0x200;		/* ... but only for those bits */
	expect_fail(&p, cfg, "rflags: want 0x8c7 got 0x8c6");
	p.flags_clobbers = 0;
	cfg.parent = getppid() + 1;
	expect_fail(probe("getppid-syscall"), cfg, "rax: want");
	cfg.parent = getppid();
	expect_pass(probe("getppid-syscall"), cfg);
	expect_pass(probe("enosys-syscall"), cfg);
	expect_pass(probe("sched_yield-syscall"), cfg);
}

/* The probes' own checks, with the trip left out or made twice. */
static void own_checks(void **state)
{
	const struct probe *pf = probe("pf-minor"), *int3 = probe("int3-sigtrap"),
			   *cgt = probe("clock_gettime-vdso");

	(void)state;
	assert_null(pf->setup(&small));
	pf->prepare();
	assert_non_null(strstr(pf->check(), "0 minor faults"));
	pf->prepare();
	pf->trip();
	pf->trip();
	assert_non_null(strstr(pf->check(), "2 minor faults"));
	pf->teardown();
	expect_pass(pf, small);

	assert_null(int3->setup(&small));
	int3->prepare();
	assert_non_null(strstr(int3->check(), "ran 0 times"));
	int3->teardown();
	expect_pass(int3, small);

	if (cgt->unsupported(&small))
		skip();
	cgt->prepare();
	assert_non_null(strstr(cgt->check(), "not between"));
	expect_pass(cgt, small);
}

/* A partner that stopped answering turns the trip's result to 0. */
static void pingpong(void **state)
{
	const struct probe *p = probe("pipe-pingpong");
	long (*trip)(void) = (long (*)(void))p->trip;

	(void)state;
	expect_pass(p, small);
	signal(SIGPIPE, SIG_IGN);
	assert_null(p->setup(&small));
	assert_int_equal(trip(), 1);
	p->teardown();			/* the partner is gone ... */
	assert_int_equal(trip(), 0);	/* ... and the next trip says so */
	signal(SIGPIPE, SIG_DFL);
}

/* What the 64-bit side makes of its 32-bit helper's exits and output. */
static void helper32(void **state)
{
	const struct probe *p = probe("getppid-vsyscall32");

	(void)state;
	unlink(helper);
	assert_non_null(strstr(p->unsupported(&small), "gcc-multilib"));
	fake_helper("not a program\n");		/* exec: ENOEXEC */
	assert_non_null(strstr(p->unsupported(&small), "no IA32 emulation"));
	fake_helper("#!/bin/sh\nexit 3\n");
	assert_non_null(strstr(p->unsupported(&small), "no 32-bit vDSO"));
	fake_helper("#!/bin/sh\necho sysenter\n");
	assert_null(p->unsupported(&small));
	assert_string_equal(p->family_here(), "sysenter");
	assert_string_equal(p->peer_here(), "sysenter-32");

	fake_helper("#!/bin/sh\necho 'check pass entry x'; echo 'batch 1 2'\n");
	expect_fail(p, small, "malformed batch line");
	fake_helper("#!/bin/sh\necho 'check pass'; echo 'batch 1 2'; echo 'batch 3 4'; echo x\n");
	expect_fail(p, small, "output after the last batch");
	fake_helper("#!/bin/sh\nkill -9 $$\n");
	expect_fail(p, small, "killed by a signal");
	fake_helper("#!/bin/sh\necho 'check fail eax: want 0x1 got 0x2'\n");
	expect_fail(p, small, "eax: want 0x1 got 0x2");
	fake_helper("#!/bin/sh\necho 'check pass entry sysenter'; echo 'batch 1 2'; echo 'batch 3 4'\n");
	expect_pass(p, small);
	unlink(helper);
}

static void cmdline(void **state)
{
	struct guest_config c;
	char buf[128];

	(void)state;
	assert_null(parse_cmdline("console=ttyS0 nokaslr quiet", &c));
	assert_int_equal(c.k, EB_DEFAULT_K);
	assert_int_equal(c.batches, EB_DEFAULT_BATCHES);
	assert_int_equal(c.warmup, EB_DEFAULT_WARMUP);
	assert_true(config_selects(&c, "pf-minor"));
	assert_null(parse_cmdline("quiet eb.k=8 eb.batches=3 eb.warmup=0 "
				  "eb.variants=pf-minor,int3-sigtrap eb.list", &c));
	assert_int_equal(c.k, 8);
	assert_int_equal(c.batches, 3);
	assert_int_equal(c.warmup, 0);
	assert_true(c.list);
	assert_true(config_selects(&c, "int3-sigtrap"));
	assert_false(config_selects(&c, "pf-mino"));
	assert_false(config_selects(&c, "getppid-syscall"));
	assert_null(unknown_probe(&c, buf, sizeof(buf)));
	assert_non_null(parse_cmdline("eb.k=0", &c));
	assert_int_equal(c.k, EB_DEFAULT_K);	/* hello reports what runs */
	assert_non_null(parse_cmdline("eb.batches=1025", &c));
	assert_non_null(parse_cmdline("eb.k=12x", &c));
	assert_non_null(strstr(parse_cmdline("eb.torture=nmi", &c), "unknown eb.*"));
	assert_null(parse_cmdline("eb.variants=getppid-syscall,nope", &c));
	assert_non_null(strstr(unknown_probe(&c, buf, sizeof(buf)), "'nope'"));
}

static int setup(void **state)
{
	int fd = mkstemp(helper);

	(void)state;
	return fd < 0 ? -1 : close(fd);
}

static int teardown(void **state)
{
	(void)state;
	unlink(helper);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(registers),
		cmocka_unit_test(own_checks),
		cmocka_unit_test(pingpong),
		cmocka_unit_test(helper32),
		cmocka_unit_test(cmdline),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
