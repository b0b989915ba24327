/* SPDX-License-Identifier: MIT */
/* The timing loop, the plugin's argument, pairing trips with batches: xray/xray_loop.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/cli.h"
#include "lib/command.h"
#include "xray/xray_loop.h"

#define LOOP_BYTES	128	/* time_trips is shorter */

struct loop {
	uint64_t call, back, empty;
};

/* time_trips' indirect call (`call *%rbx`) and the instruction after it. */
static bool find_loop(struct eb_xray_setup *s, const char *elf, struct loop *l)
{
	uint8_t code[LOOP_BYTES];
	uint64_t at;
	size_t len = sizeof(code), off = 0;
	struct eb_disasm *d;

	if (!eb_syms_addr(&s->syms, "time_trips", &at) ||
	    !eb_syms_addr(&s->syms, "empty_trip", &l->empty))
		return false;
	while (len && !eb_elf_code(elf, at, code, len, &s->bits))
		len /= 2;
	d = len ? eb_disasm_open(s->bits) : NULL;
	while (d && off < len) {
		struct eb_decoded in;
		if (!eb_disasm_one(d, code + off, len - off, at + off, &in))
			break;
		size_t size = in.size;
		if (in.kind == EB_INSN_CALL && !strstr(in.text, " 0x")) {
			l->call = at + off;
			l->back = at + off + size;
			eb_disasm_close(d);
			return true;
		}
		off += size;
	}
	eb_disasm_close(d);
	return false;
}

int eb_xray_setup_code(struct eb_xray_setup *s, const char *elf,
		       const char *what)
{
	char why[1024];
	struct loop l;
	const char *plugin = eb_xray_plugin_path();

	if (!eb_syms_from_elf(&s->syms, elf, why, sizeof(why))) {
		eb_error("%s: %s%s%s", s->cmd, what ? what : "", what ? ": " : "", why);
		return EB_EXIT_BADUSAGE;
	}
	eb_syms_sort(&s->syms);
	if (!find_loop(s, elf, &l)) {
		eb_error("%s: %s: no timing loop (time_trips with an indirect "
			 "call, empty_trip) among its symbols", s->cmd, elf);
		return EB_EXIT_BADUSAGE;
	}
	if (access(plugin, R_OK) != 0) {
		eb_error("%s: no x-ray plugin at %s (build it: ci/build.sh; or "
			 "set ENTRYBENCH_XRAY_PLUGIN)", s->cmd, plugin);
		return EB_EXIT_BADUSAGE;
	}
	snprintf(s->dir, sizeof(s->dir), "/tmp/entrybench-xray.XXXXXX");
	if (!mkdtemp(s->dir)) {
		s->dir[0] = '\0';
		eb_error("%s: cannot create a directory in /tmp", s->cmd);
		return EB_EXIT_BADUSAGE;
	}
	snprintf(s->trace, sizeof(s->trace), "%s/trace", s->dir);
	snprintf(s->plugin_arg, sizeof(s->plugin_arg),
		 "%s,call=%#llx,back=%#llx,empty=%#llx,out=%s", plugin,
		 (unsigned long long)l.call, (unsigned long long)l.back,
		 (unsigned long long)l.empty, s->trace);
	return EB_EXIT_OK;
}

void eb_xray_setup_free(struct eb_xray_setup *s)
{
	if (*s->trace)
		unlink(s->trace);
	if (*s->dir)
		rmdir(s->dir);
	eb_syms_free(&s->syms);
}

bool eb_xray_qemu_refused(const struct eb_boot *b)
{
	return b->proc.how == EB_PROC_EXITED && b->proc.code != 0 &&
	       !eb_proto_trial(b->proto)->bytes && strstr(b->proc.err, "plugin");
}

const char *eb_xray_last_line(const char *err)
{
	static char line[512];
	size_t n = strlen(err);

	while (n && (err[n - 1] == '\n' || err[n - 1] == '\r'))
		n--;
	size_t start = n;
	while (start && err[start - 1] != '\n')
		start--;
	snprintf(line, sizeof(line), "%.*s", (int)(n - start), err + start);
	return line;
}

/* Trial 0's batch i: (ticks - overhead) / k, as run computes a batch. */
static double batch_value(const json_t *trial, size_t i, unsigned k)
{
	const json_t *b = json_array_get(json_object_get(trial, "batches"), i);

	return ((double)json_integer_value(json_object_get(b, "ticks")) -
		(double)json_integer_value(json_object_get(b, "overhead"))) / k;
}

/* The x-ray of variant v from the batch that measured its value. */
static int pair_one(struct eb_xray_setup *s, json_t *v, unsigned k,
		    const struct eb_xray_traces *tr, size_t *pos,
		    struct eb_disasm *d)
{
	const char *name = json_string_value(json_object_get(v, "name"));
	json_t *trial = json_array_get(json_object_get(v, "trials"), 0);
	size_t nb = json_array_size(json_object_get(trial, "batches"));
	double want = json_real_value(json_object_get(trial, "value"));
	size_t first = *pos;
	struct eb_xray x;

	*pos += 2 * nb;
	if (*pos > tr->n) {
		eb_error("%s: %s: the plugin recorded %zu trips, the batches "
			 "need %zu: the guest's timing loop was not seen", s->cmd,
			 name, tr->n, *pos);
		return EB_EXIT_FAILED;
	}
	for (size_t b = 0; b < nb; b++) {
		const struct eb_xray_trace *e = &tr->t[first + 2 * b], *t = e + 1;
		if (!e->empty || t->empty || t->overflowed ||
		    batch_value(trial, b, k) != want)
			continue;
		eb_xray_build(&x, name, t, e, &s->syms, d);
		if ((double)eb_xray_net(&x) != want) {
			eb_error("%s: %s: the x-ray does not add up: %lld insns "
				 "(trip %llu - overhead %llu), the run measured %g",
				 s->cmd, name, (long long)eb_xray_net(&x),
				 (unsigned long long)x.trip,
				 (unsigned long long)x.overhead, want);
			eb_xray_free(&x);
			return EB_EXIT_FAILED;
		}
		json_object_set_new(v, "xray", eb_xray_json(&x));
		bool go_on = !s->each || s->each(s->ctx, v, &x);
		eb_xray_free(&x);
		return go_on ? EB_EXIT_OK : EB_EXIT_FAILED;
	}
	eb_error("%s: %s: no batch measured the trial's value %g exactly (its "
		 "batches differ): nothing to x-ray", s->cmd, name, want);
	return EB_EXIT_FAILED;
}

int eb_xray_pair(struct eb_xray_setup *s, json_t *const *vars, size_t n,
		 unsigned k)
{
	struct eb_xray_traces tr;
	struct eb_disasm *d = eb_disasm_open(s->bits);
	char why[512];
	size_t pos = 0;
	int rc = EB_EXIT_OK;

	if (!eb_xray_traces_read(s->trace, &tr, why, sizeof(why))) {
		eb_error("%s: %s", s->cmd, why);
		eb_disasm_close(d);
		return EB_EXIT_FAILED;
	}
	for (size_t i = 0; i < n && rc == EB_EXIT_OK; i++) {
		json_t *trial = json_array_get(json_object_get(vars[i], "trials"), 0);
		const char *status = json_string_value(json_object_get(trial, "status"));
		if (!status || strcmp(status, "pass") != 0) {
			eb_error("%s: %s did not pass (%s): nothing to x-ray", s->cmd,
				 json_string_value(json_object_get(vars[i], "name")),
				 status ? status : "no trial");
			rc = EB_EXIT_FAILED;
			break;
		}
		rc = pair_one(s, vars[i], k, &tr, &pos, d);
	}
	eb_xray_traces_free(&tr);
	eb_disasm_close(d);
	return rc;
}
