/* SPDX-License-Identifier: MIT */
/*
 * The x-ray's parts that need no QEMU: the per-function diff (xray/diff.c)
 * names an added, a removed and a replaced instruction with its offset,
 * and says nothing of functions that did not move; the analysis
 * (xray/xray.c) leaves a faulted load out of the count, marks the phases
 * and adds up.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "xray/xray.h"

static json_t *xray(json_int_t insns, const char *f1, json_int_t n1,
		    const char *steps1, const char *f2, json_int_t n2,
		    const char *steps2)
{
	return json_pack("{s:I, s:I, s:I, s:[{s:s, s:I, s:s}, {s:s, s:I, s:s}]}",
			 "insns", insns, "trip", insns + 1, "overhead", (json_int_t)1,
			 "functions", "name", f1, "insns", n1, "steps", steps1,
			 "name", f2, "insns", n2, "steps", steps2);
}

static void test_diff_names_added_nop(void **state)
{
	(void)state;
	json_t *a = xray(4, "trip", 3, "mov+0x0 syscall+0x5 ret+0x7",
			 "entry", 2, "mov+0x0 sysret+0x5");
	json_t *b = xray(5, "trip", 3, "mov+0x0 syscall+0x5 ret+0x7",
			 "entry", 3, "nop+0x0 mov+0x1 sysret+0x6");
	char out[512];

	eb_xray_diff(a, b, out, sizeof(out));
	assert_string_equal(out, "entry +1 (nop at +0x0)");
	eb_xray_diff(b, a, out, sizeof(out));
	assert_string_equal(out, "entry -1 (-nop at +0x0)");
	eb_xray_diff(a, a, out, sizeof(out));
	assert_string_equal(out, "");
	json_decref(a);
	json_decref(b);
}

static void test_diff_new_and_gone(void **state)
{
	(void)state;
	json_t *a = xray(4, "trip", 3, "mov+0x0 syscall+0x5 ret+0x7",
			 "old", 2, "mov+0x0 sysret+0x5");
	json_t *b = xray(5, "trip", 3, "mov+0x0 syscall+0x5 ret+0x7",
			 "new", 3, "push+0x0 pop+0x1 sysret+0x2");
	char out[512];

	eb_xray_diff(a, b, out, sizeof(out));
	assert_string_equal(out, "new +3 (new); old -2 (gone)");
	json_decref(a);
	json_decref(b);
}

/* step: vaddr, bytes as hex, and whether a memory access completed. */
static struct eb_xray_step step(uint64_t vaddr, const char *hex, bool mem)
{
	struct eb_xray_step s = { .vaddr = vaddr, .size = strlen(hex) / 2, .mem = mem };

	for (size_t i = 0; i < s.size; i++) {
		unsigned b;
		sscanf(hex + 2 * i, "%2x", &b);
		s.bytes[i] = b;
	}
	return s;
}

/* pf-extable's trip as the plugin recorded it: the load at 0x102 faults. */
static void test_faulted_load_not_counted(void **state)
{
	(void)state;
	struct eb_xray_step steps[] = {
		step(0x100, "31c0", false),		/* xor eax, eax */
		step(0x102, "8b00", false),		/* mov eax, [rax]: faults */
		step(0x900, "50", true),		/* handler: push rax */
		step(0x901, "58", true),		/* pop rax */
		step(0x902, "48cf", true),		/* iretq */
		step(0x104, "c3", true),		/* ret */
	}, ret = step(0x200, "c3", true);
	struct eb_xray_trace trip = { .step = steps, .n = 6 };
	struct eb_xray_trace empty = { .empty = true, .step = &ret, .n = 1 };
	struct eb_syms syms = { 0 };
	struct eb_disasm *d = eb_disasm_open(64);
	struct eb_xray x;

	eb_syms_add(&syms, 0x100, "user_trip");
	eb_syms_add(&syms, 0x900, "handler");
	eb_syms_sort(&syms);
	eb_xray_build(&x, "v", &trip, &empty, &syms, d);
	assert_false(x.row[1].retired);
	assert_int_equal(x.trip, 5);
	assert_int_equal(x.overhead, 1);
	assert_int_equal(eb_xray_net(&x), 4);
	assert_int_equal(x.row[2].phase, EB_PHASE_ENTRY);
	assert_int_equal(x.row[4].phase, EB_PHASE_EXIT);
	assert_int_equal(x.row[5].phase, EB_PHASE_TRIP);
	assert_string_equal(x.row[3].stack, "v;user_trip;handler");
	assert_string_equal(x.row[5].stack, "v;user_trip");
	eb_xray_free(&x);
	eb_syms_free(&syms);
	eb_disasm_close(d);
}

/*
 * A nested trip: L2's vmmcall exits to L1 (world 1), whose handling ends
 * in vmrun back to L2.  The vmmcall is listed, not counted (icount did not
 * retire it); L1's instructions are, in phase vmexit, on top of the L2
 * function that exited, without entering L2's kernel.
 */
static void test_vm_exit_not_counted(void **state)
{
	(void)state;
	struct eb_xray_step steps[] = {
		step(0x100, "31c0", false),		/* xor eax, eax */
		step(0x102, "0f01d9", false),		/* vmmcall: exits */
		step(0xffff1000, "50", true),		/* L1: push rax */
		step(0xffff1001, "e8fa0f0000", true),	/* call 0xffff2000 */
		step(0xffff2000, "c3", true),		/* ret */
		step(0xffff1006, "0f01d8", false),	/* vmrun */
		step(0x105, "c3", true),		/* L2: ret */
	}, ret = step(0x200, "c3", true);
	struct eb_xray_trace trip = { .step = steps, .n = 7 };
	struct eb_xray_trace empty = { .empty = true, .step = &ret, .n = 1 };
	struct eb_syms syms = { 0 };
	struct eb_disasm *d = eb_disasm_open(64);
	struct eb_xray x;

	eb_syms_add(&syms, 0x100, "hc");
	syms.world = 1;
	eb_syms_add(&syms, 0xffff1000, "kvm_amd:run");
	eb_syms_add(&syms, 0xffff2000, "kvm:handle");
	syms.world = 0;
	eb_syms_sort(&syms);
	eb_xray_build(&x, "v", &trip, &empty, &syms, d);
	assert_true(x.row[1].intercepted);
	assert_false(x.row[1].retired);
	assert_int_equal(x.exits, 1);
	assert_int_equal(x.trip, 6);
	assert_int_equal(eb_xray_net(&x), 5);
	assert_int_equal(x.row[3].phase, EB_PHASE_L1);
	assert_int_equal(x.row[6].phase, EB_PHASE_TRIP);
	assert_string_equal(x.row[4].stack, "v;hc;kvm_amd:run;kvm:handle");
	assert_string_equal(x.row[6].stack, "v;hc");
	json_t *j = eb_xray_json(&x);
	assert_int_equal(json_integer_value(json_object_get(j, "exits")), 1);
	json_decref(j);
	eb_xray_free(&x);
	eb_syms_free(&syms);
	eb_disasm_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_names_added_nop),
		cmocka_unit_test(test_diff_new_and_gone),
		cmocka_unit_test(test_faulted_load_not_counted),
		cmocka_unit_test(test_vm_exit_not_counted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
