/* SPDX-License-Identifier: MIT */
/*
 * eb-linux-check: the host library's linux-tier pieces for the shell tests,
 * until `entrybench run --guest linux` drives them.
 *
 *   eb-linux-check image KERNEL VMLINUX_OUT
 *       eb_linux_image_prepare(): prints "pvh FILE" or "bzimage FILE: why";
 *       exit 0, or 2 with "bad: why" on stderr for a file that is no kernel.
 * *   eb-linux-check parse OUTPUT
 *       the guest's output through the real protocol parser
 *       (host/run/protocol.c); prints the hello facts and one line per
 *       probe: name family peer status per-trip-median(insns) detail.
 *       Exit 0 when the stream is valid and ended with status=pass, 1 when
 *       it ended otherwise, 2 when it broke the protocol (the parser's
 *       error on stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/linux_image.h"
#include "run/protocol.h"
#include "stats/summary.h"

static int image(const char *kernel, const char *out)
{
	struct eb_linux_image img;

	eb_linux_image_prepare(kernel, out, &img);
	switch (img.boot) {
	case EB_LINUX_PVH:
		printf("pvh %s\n", img.path);
		return 0;
	case EB_LINUX_BZIMAGE:
		printf("bzimage %s: %s\n", img.path, img.why);
		return 0;
	case EB_LINUX_BAD:
		break;
	}
	fprintf(stderr, "bad: %s\n", img.why);
	return 2;
}

/* Median over batches of (ticks - overhead) / k, as the controller computes it. */
static double per_trip(const struct eb_variant *v, unsigned k)
{
	double x[EB_MAX_BATCHES];

	for (size_t i = 0; i < v->nbatches; i++)
		x[i] = ((double)v->batches[i].ticks - (double)v->batches[i].overhead) / k;
	return eb_stats(x, v->nbatches).median;
}

static void print_probe(const struct eb_trial *t, const struct eb_variant *v)
{
	const char *status = v->skip_reason ? "skipped" : !v->checked ? "unchecked" :
			     v->check_pass ? "pass" : "fail";
	const char *detail = v->skip_reason ? v->skip_reason : v->check_detail;

	printf("%-20s %-10s %-14s %-8s ", v->name, v->family ? v->family : "-",
	       v->peer ? v->peer : "-", status);
	if (v->nbatches)
		printf("%10.2f", per_trip(v, t->k));
	else
		printf("%10s", "-");
	printf(" %zu/%u%s%s\n", v->nbatches, t->batches, detail ? " " : "",
	       detail ? detail : "");
}

static int parse(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct eb_proto *p = eb_proto_new();
	char buf[4096];
	size_t n;

	if (!f) {
		perror(path);
		return 2;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		eb_proto_feed(p, buf, n);
	fclose(f);
	eb_proto_finish(p);

	const struct eb_trial *t = eb_proto_trial(p);
	int rc = 0;

	if (t->error[0]) {
		fprintf(stderr, "protocol error: %s (last line: %s)\n", t->error, t->last_line);
		rc = 2;
	} else {
		printf("boot %s kernel %s mode %s k %u batches %u warmup %u vendor %s\n",
		       t->boot, t->kernel ? t->kernel : "-", t->mode, t->k, t->batches,
		       t->warmup, t->cpu_vendor ? t->cpu_vendor : "-");
		for (size_t i = 0; i < t->nvariants; i++)
			print_probe(t, &t->variants[i]);
		printf("end %s%s%s\n", t->end_status, t->end_reason ? " " : "",
		       t->end_reason ? t->end_reason : "");
		rc = strcmp(t->end_status, "pass") ? 1 : 0;
	}
	eb_proto_free(p);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "image"))
		return image(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "parse"))
		return parse(argv[2]);
	fprintf(stderr, "usage: eb-linux-check image KERNEL VMLINUX_OUT | parse OUTPUT\n");
	return 2;
}
