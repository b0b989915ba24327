/* SPDX-License-Identifier: MIT */
/*
 * The x-ray's TCG plugin: records every instruction the guest executes in
 * one designated round trip per timed batch, for `entrybench xray`
 * (host/xray/).  Loaded only by the x-ray's boots (`-plugin
 * xray-plugin.so,call=A,back=B,empty=E,out=FILE`); normal runs load none.
 *
 * The harness's timing loop (bench-kernel/arch/<mode>/timing.S, shared by
 * the linux guest) calls each round trip through one indirect `call` at A,
 * and the trip returns to B, the loop's next instruction.  Every batch is
 * an overhead loop of the empty trip (E) followed by k real trips, so the
 * first trip after an empty one is the designated trip of its batch: the
 * guest needs no marker and a normal run pays nothing.  The plugin writes,
 * per batch, the first empty trip and the first real one after it:
 *
 *	empty <n>		or	trip <n>
 *	<vaddr hex> <bytes hex>[ m]	n lines, in execution order
 *
 * The bytes are the ones executed (a kernel patches its code at boot), for
 * the host's disassembler.  " m": a memory access of the instruction
 * completed.  QEMU calls memory callbacks after the access, so an
 * instruction that faulted on its access has none: icount does not count
 * it (it did not retire), and the host leaves it out of the sum.  The host pairs the i-th trip with the i-th
 * `batch` record, in the order the guest emits them.
 *
 * Until the loop's call first runs (a guest's boot: seconds of Linux) only
 * that one instruction has a callback; then the plugin asks QEMU to reset
 * it, which flushes the translated code, and instruments every
 * instruction from there on.  QEMU runs the reset before the next
 * translation block (the call ends its block and the request kicks the
 * vCPU), so the first trip after the arming call is seen whole.
 *
 * QEMU 7.2 ships no qemu-plugin.h: the few functions of plugin API
 * version 1 this file uses are declared below.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- plugin API version 1 (QEMU's include/qemu/qemu-plugin.h) ---- */

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
struct qemu_info_t;

enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };
enum qemu_plugin_mem_rw { QEMU_PLUGIN_MEM_R = 1, QEMU_PLUGIN_MEM_W,
			  QEMU_PLUGIN_MEM_RW };
typedef uint32_t qemu_plugin_meminfo_t;

typedef void (*tb_trans_cb)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*simple_cb)(qemu_plugin_id_t id);
typedef void (*vcpu_udata_cb)(unsigned int vcpu, void *udata);
typedef void (*udata_cb)(qemu_plugin_id_t id, void *udata);
typedef void (*vcpu_mem_cb)(unsigned int vcpu, qemu_plugin_meminfo_t info,
			    uint64_t vaddr, void *udata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, tb_trans_cb cb);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn,
					    vcpu_udata_cb cb,
					    enum qemu_plugin_cb_flags flags,
					    void *udata);
void qemu_plugin_register_vcpu_mem_cb(struct qemu_plugin_insn *insn,
				      vcpu_mem_cb cb,
				      enum qemu_plugin_cb_flags flags,
				      enum qemu_plugin_mem_rw rw, void *udata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, udata_cb cb,
				    void *udata);
void qemu_plugin_reset(qemu_plugin_id_t id, simple_cb cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb,
						 size_t idx);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

/* ---- the plugin ---- */

#define MAX_INSN	16
#define MAX_TRACE	(1u << 20)	/* instructions in one trip */

/* One translated instruction; a pointer to it is its exec callback's data. */
struct insn {
	uint64_t vaddr;
	uint8_t size;
	uint8_t bytes[MAX_INSN];
	struct insn *next;	/* same vaddr, other bytes (patched code) */
};

/* Translated instructions by vaddr, so that retranslation allocates nothing. */
#define HASH_BITS	16
static struct insn *hash[1u << HASH_BITS];

static uint64_t call_site, back, empty;
static FILE *out;
static qemu_plugin_id_t self;
static bool armed;		/* the loop's call ran: instrument everything */
static bool lazy = true;	/* lazy=0: everything from the start */

enum state {
	IDLE,		/* outside a designated trip */
	CALLED,		/* the loop's call just ran: the next insn is a trip's */
	RECORDING,	/* inside a designated trip, until `back` */
};
static enum state state = IDLE;
static bool last_empty;			/* the previous trip was the empty one */
static bool recording_empty;
struct step {
	const struct insn *insn;
	bool mem;		/* one of its memory accesses completed */
};
static struct step *trace;
static size_t ntrace;
static bool overflowed;

static struct insn *intern(uint64_t vaddr, const uint8_t *bytes, size_t size)
{
	size_t h = (vaddr * 0x9e3779b97f4a7c15ull) >> (64 - HASH_BITS);
	struct insn *i;

	if (size > MAX_INSN)
		size = MAX_INSN;
	for (i = hash[h]; i; i = i->next)
		if (i->vaddr == vaddr && i->size == size &&
		    memcmp(i->bytes, bytes, size) == 0)
			return i;
	i = calloc(1, sizeof(*i));
	if (!i)
		abort();
	i->vaddr = vaddr;
	i->size = size;
	memcpy(i->bytes, bytes, size);
	i->next = hash[h];
	hash[h] = i;
	return i;
}

/* One designated trip, complete: written out at once (QEMU may exit next). */
static void flush_trace(void)
{
	fprintf(out, "%s %zu%s\n", recording_empty ? "empty" : "trip", ntrace,
		overflowed ? " overflowed" : "");
	for (size_t n = 0; n < ntrace; n++) {
		const struct insn *i = trace[n].insn;
		fprintf(out, "%llx ", (unsigned long long)i->vaddr);
		for (size_t b = 0; b < i->size; b++)
			fprintf(out, "%02x", i->bytes[b]);
		fputs(trace[n].mem ? " m\n" : "\n", out);
	}
	fflush(out);
	ntrace = 0;
	overflowed = false;
}

static void record(const struct insn *i)
{
#ifdef XRAY_PLANT_DROP
	/* Planted fault (tests/fault/xray_bad_input.sh): loses each trip's
	 * second instruction, so the host's sum check must fail. */
	static size_t seen;
	seen = ntrace ? seen + 1 : 0;
	if (seen == 1 && !recording_empty)
		return;
#endif
	if (ntrace < MAX_TRACE)
		trace[ntrace++] = (struct step){ .insn = i };
	else
		overflowed = true;
}

/* The first instruction after the loop's call: which trip is this? */
static void trip_begins(const struct insn *i)
{
	bool is_empty = i->vaddr == empty;
	bool designated = is_empty ? !last_empty : last_empty;

	last_empty = is_empty;
	state = designated ? RECORDING : IDLE;
	recording_empty = is_empty;
	if (designated)
		record(i);
}

static void on_exec(unsigned int vcpu, void *udata)
{
	const struct insn *i = udata;

	(void)vcpu;
	if (state == RECORDING && i->vaddr == back) {
		flush_trace();
		state = IDLE;
	} else if (state == RECORDING) {
		record(i);
	} else if (state == CALLED) {
		trip_begins(i);
	}
	if (i->vaddr == call_site && state != RECORDING)
		state = CALLED;
}

static void on_mem(unsigned int vcpu, qemu_plugin_meminfo_t info,
		   uint64_t vaddr, void *udata)
{
	(void)vcpu;
	(void)info;
	(void)vaddr;
	if (state == RECORDING && ntrace && trace[ntrace - 1].insn == udata)
		trace[ntrace - 1].mem = true;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
static void at_qemu_exit(qemu_plugin_id_t id, void *udata);

/* The reset is done: every translation from now on is instrumented. */
static void after_reset(qemu_plugin_id_t id)
{
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, at_qemu_exit, NULL);
}

/* The loop's call, the first time: arm, and have the code retranslated. */
static void on_first_call(unsigned int vcpu, void *udata)
{
	if (armed)
		return;
	armed = true;
	on_exec(vcpu, udata);
	qemu_plugin_reset(self, after_reset);
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);

	(void)id;
	for (size_t k = 0; k < n && !armed; k++) {
		struct qemu_plugin_insn *qi = qemu_plugin_tb_get_insn(tb, k);
		if (qemu_plugin_insn_vaddr(qi) == call_site)
			qemu_plugin_register_vcpu_insn_exec_cb(qi, on_first_call,
				QEMU_PLUGIN_CB_NO_REGS,
				intern(call_site, qemu_plugin_insn_data(qi),
				       qemu_plugin_insn_size(qi)));
	}
	for (size_t k = 0; k < n && armed; k++) {
		struct qemu_plugin_insn *qi = qemu_plugin_tb_get_insn(tb, k);
		struct insn *i = intern(qemu_plugin_insn_vaddr(qi),
					qemu_plugin_insn_data(qi),
					qemu_plugin_insn_size(qi));
		qemu_plugin_register_vcpu_insn_exec_cb(qi, on_exec,
						       QEMU_PLUGIN_CB_NO_REGS, i);
		qemu_plugin_register_vcpu_mem_cb(qi, on_mem, QEMU_PLUGIN_CB_NO_REGS,
						 QEMU_PLUGIN_MEM_RW, i);
	}
}

static void at_qemu_exit(qemu_plugin_id_t id, void *udata)
{
	(void)id;
	(void)udata;
	if (out)
		fclose(out);
	out = NULL;
}

static bool parse_arg(const char *arg, const char **path)
{
	static const struct { const char *key; uint64_t *val; } keys[] = {
		{ "call=", &call_site }, { "back=", &back }, { "empty=", &empty },
	};

	if (strncmp(arg, "out=", 4) == 0) {
		*path = arg + 4;
		return true;
	}
	if (strcmp(arg, "lazy=0") == 0 || strcmp(arg, "lazy=1") == 0) {
		lazy = arg[5] == '1';
		return true;
	}
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		size_t len = strlen(keys[k].key);
		char *end;
		if (strncmp(arg, keys[k].key, len) != 0)
			continue;
		*keys[k].val = strtoull(arg + len, &end, 0);
		return *end == '\0';
	}
	return false;
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info_t *info,
			int argc, char **argv)
{
	const char *path = NULL;

	(void)info;
	for (int a = 0; a < argc; a++) {
		if (!parse_arg(argv[a], &path)) {
			fprintf(stderr, "xray-plugin: bad argument '%s'\n", argv[a]);
			return -1;
		}
	}
	if (!path || !call_site || !back || !empty) {
		fprintf(stderr, "xray-plugin: needs call=, back=, empty= and out=\n");
		return -1;
	}
	out = fopen(path, "w");
	trace = malloc(MAX_TRACE * sizeof(*trace));
	if (!out || !trace) {
		fprintf(stderr, "xray-plugin: cannot write %s\n", path);
		return -1;
	}
	self = id;
	armed = !lazy;
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, at_qemu_exit, NULL);
	return 0;
}
