/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the guest -> host protocol parser, and everything a
 * parsed trial flows into (fold, results, table, gbench export).
 *
 * The first input byte steers the harness.  Bit 7 clear: the rest is raw
 * guest output, fed in chunks of (byte & 0x3f) + 1 bytes.  Bit 7 set: the
 * rest is records without the `EB1 <seq>` prefix, one per line, and the
 * harness frames them (seq, end, CRC) so that mutations reach the record
 * handlers instead of dying at the CRC; bits 0-1 pick the end status.
 * Bit 6 picks the kvm tier instead of tcg (the calib guard).
 *
 * Properties checked beyond "no crash, no leak, no UB": the parser either
 * reports an error or saw `end`; whatever it accepts folds into a results
 * document that the results reader accepts, before and after a JSON round
 * trip.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "results/export_gbench.h"
#include "run/boot_results.h"
#include "protogen.h"
#include "results/export_gbench.h"
#include "results/results.h"
#include "results/table.h"
#include "run/boot_results.h"
#include "run/nmi_torture.h"

static char *frame(const uint8_t *data, size_t size, const char *status)
{
	char *text = strndup((const char *)data, size), *s = text, *line;
	const char *records[512];
	size_t n = 0;

	while (n < 512 && (line = strsep(&s, "\n")))
		records[n++] = line;
	char *out = protogen(records, n, status);
	free(text);
	return out;
}

static enum eb_verdict verdict(const struct eb_trial *t)
{
	static const struct { const char *end; enum eb_verdict v; } map[] = {
		{ "pass", EB_V_PASS }, { "fail", EB_V_CHECK_FAILED },
		{ "crash", EB_V_CRASH }, { "usage", EB_V_USAGE },
	};
	for (size_t i = 0; !t->error[0] && i < 4; i++)
		if (strcmp(t->end_status, map[i].end) == 0)
			return map[i].v;
	return EB_V_ERROR;
}

static void check_results(const struct eb_boot *b, const struct eb_tier *tier)
{
	const struct eb_trial *t = eb_proto_trial(b->proto);
	struct eb_params want = { t->k, t->batches, t->warmup };
	const char *names[EB_PROTO_MAX_VARIANTS];
	char *argv[] = { "entrybench", "run", NULL }, err[512];
	static FILE *null;

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	json_t *params = json_pack("{s:i, s:i, s:i, s:i, s:s, s:s}", "k", t->k,
				   "batches", t->batches, "warmup", t->warmup,
				   "trials", 1, "accel", tier->name, "boot", "pvh");
	/* A boot with torture records folds as run --torture folds it */
	if (t->ntortures)
		json_object_set_new(params, "torture", json_string(t->tortures[0].kind));
	json_t *res = eb_results_new(2, argv, fixture_env(tier->name), params);
	for (size_t i = 0; i < t->nvariants; i++) {
		names[i] = t->variants[i].name;
		eb_results_add_variant(res, t->mode, &t->variants[i], tier);
	}
	if (t->ntortures)
		eb_torture_fold(res, t->mode, 0, b, names, t->nvariants);
	else
		eb_fold(res, tier, t->mode, 0, b, &want, names, t->nvariants);
	eb_results_finish(res);
	if (!eb_results_valid(res, "fold", err, sizeof(err))) {
		fprintf(stderr, "folded results rejected: %s\n", err);
		abort();
	}
	char *text = json_dumps(res, 0);
	json_t *back = text ? json_loads(text, JSON_REJECT_DUPLICATES, NULL) : NULL;
	if (!back || !eb_results_valid(back, "round trip", err, sizeof(err))) {
		fprintf(stderr, "results do not survive a round trip: %s\n",
			back ? err : "unparsable");
		abort();
	}
	eb_table_print(null, back);
	json_decref(eb_export_gbench(back));
	json_decref(back);
	free(text);
	json_decref(res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const statuses[] = { "pass", "fail", "crash", "usage" };

	if (size < 1)
		return 0;
	uint8_t ctl = data[0];
	char *framed = NULL;
	data++, size--;
	if (ctl & 0x80) {
		framed = frame(data, size, statuses[ctl & 3]);
		data = (const uint8_t *)framed;
		size = strlen(framed);
	}

	struct eb_boot b = { .proto = eb_proto_new() };
	size_t chunk = (ctl & 0x3f) + 1;
	for (size_t i = 0; i < size; i += chunk)
		if (!eb_proto_feed(b.proto, data + i,
				   size - i < chunk ? size - i : chunk))
			break;
	eb_proto_finish(b.proto);

	const struct eb_trial *t = eb_proto_trial(b.proto);
	if (!t->error[0] && !t->has_end)
		abort();	/* finish() must name what is missing */
	b.outcome.verdict = verdict(t);
	snprintf(b.outcome.why, sizeof(b.outcome.why), "%s", t->error);
	if (t->has_hello)
		check_results(&b, eb_tier(ctl & 0x40 ? "kvm" : "tcg"));
	eb_proto_free(b.proto);
	free(framed);
	return 0;
}
