/* SPDX-License-Identifier: MIT */
/* The probe x command-line table of a linux-tier file: results/linux_table.h. */
#include <stdlib.h>
#include <string.h>

#include "lib/array.h"
#include "results/linux_table.h"
#include "results/results.h"
#include "results/table.h"
#include "tiers/linux.h"
#include "tiers/tier.h"

#define MAXCOLS		64
#define MAXPROBES	256

/* The columns of one CPU, in the order the file has them. */
struct block {
	const char *cpu, *qemu_cpu;
	const char *label[MAXCOLS];	/* the column labels */
	const char *head[MAXCOLS];	/* what the header says: its options */
	size_t n;
};

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* The file's columns, grouped by CPU model; returns the number of blocks. */
static size_t blocks(const json_t *res, struct block *b, size_t max)
{
	const json_t *cols = json_object_get(json_object_get(
		json_object_get(res, "environment"), "linux"), "columns");
	size_t i, nb = 0, k;
	json_t *v;

	json_array_foreach(json_object_get(res, "variants"), i, v) {
		const char *label = eb_variant_column(v);
		const json_t *c = json_object_get(cols, label ? label : "");
		for (k = 0; c && k < nb && strcmp(b[k].cpu, str(c, "cpu")); k++)
			;
		if (!c || (k == nb && nb == max))
			continue;
		if (k == nb)
			b[nb++] = (struct block){ .cpu = str(c, "cpu"),
						  .qemu_cpu = str(c, "qemu_cpu") };
		size_t j;
		for (j = 0; j < b[k].n && strcmp(b[k].label[j], label); j++)
			;
		if (j == b[k].n && j < MAXCOLS) {
			b[k].label[j] = label;
			b[k].head[j] = *str(c, "append") ? str(c, "append") : "default";
			b[k].n++;
		}
	}
	return nb;
}

/* The probes, in the order of their first appearance. */
static size_t probes(const json_t *res, const char **name, size_t max)
{
	size_t i, n = 0;
	json_t *v;

	json_array_foreach(json_object_get(res, "variants"), i, v) {
		size_t j;
		for (j = 0; j < n && strcmp(name[j], str(v, "name")); j++)
			;
		if (j == n && n < max)
			name[n++] = str(v, "name");
	}
	return n;
}

/* A cell: the median, or the status of a variant without one. */
static void cell(FILE *f, const json_t *v, int width)
{
	const json_t *s = json_object_get(v, "summary");
	char text[64];

	if (!v)
		snprintf(text, sizeof(text), "-");
	else if (json_is_object(s))
		eb_format_figure(text, sizeof(text), json_number_value(
			json_object_get(s, "median")), str(v, "unit"), false);
	else
		snprintf(text, sizeof(text), "%s", strcmp(str(v, "status"), "fail") ?
			 str(v, "status") : "FAIL");
	fprintf(f, "  %*s", width, text);
}

static int width(const char *head)
{
	int w = (int)strlen(head);
	return w < 9 ? 9 : w;
}

/* What a probe's check said on a pass (the entry it took, the
 * clocksource), once per probe of the block: the first column's. */
static void print_notes(FILE *f, const json_t *res, const struct block *b,
			const char *const *name, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const json_t *v = eb_results_column_variant(res, name[i], "x86_64",
							    b->label[0]);
		if (v && strcmp(str(v, "status"), "pass") == 0 &&
		    *str(v, "check_detail"))
			fprintf(f, "  %s: %s\n", name[i], str(v, "check_detail"));
	}
}

static void print_block(FILE *f, const json_t *res, const struct block *b,
			const char *const *name, size_t n)
{
	fprintf(f, "\ncpu %s (-cpu %s)\n%-20s %-15s", b->cpu, b->qemu_cpu,
		"probe", "model");
	for (size_t j = 0; j < b->n; j++)
		fprintf(f, "  %*s", width(b->head[j]), b->head[j]);
	fputc('\n', f);
	for (size_t i = 0; i < n; i++) {
		const json_t *first = eb_results_column_variant(res, name[i], "x86_64",
								b->label[0]);
		const char *peer = first ? str(first, "peer") : "";
		fprintf(f, "%-20s %-15s", name[i], *peer ? peer : "-");
		for (size_t j = 0; j < b->n; j++)
			cell(f, eb_results_column_variant(res, name[i], "x86_64",
							  b->label[j]), width(b->head[j]));
		fputc('\n', f);
	}
}

/* Which kernel, and how the command lines begin. */
static void print_kernel(FILE *f, const json_t *env)
{
	const json_t *lx = json_object_get(env, "linux");
	const json_t *k = json_object_get(lx, "kernel");
	const json_t *files = json_object_get(lx, "files");

	fprintf(f, "kernel %s", json_is_string(json_object_get(k, "release")) ?
		str(k, "release") : "(release unknown)");
	if (json_is_string(json_object_get(k, "package")))
		fprintf(f, " (Debian %s)", str(k, "package"));
	fprintf(f, ", sha256 %.16s..., booted through %s\n", str(k, "sha256"),
		strcmp(str(files, "boot"), "pvh") ? "its bzImage" : "PVH");
}

bool eb_linux_table_print(FILE *f, const json_t *res)
{
	const json_t *env = json_object_get(res, "environment");
	const struct eb_tier *tier = eb_tier(str(env, "tier"));
	struct block b[8];
	const char *name[MAXPROBES];

	if (!json_object_get(env, "linux") || !tier)
		return false;
	if (!json_array_size(json_object_get(res, "variants")))
		return true;	/* no boot came to anything: the lines said why */
	size_t nb = blocks(res, b, N_OF(b)), n = probes(res, name, N_OF(name));
	fprintf(f, "\ntier %s (%s), unit %s\n", tier->name, tier->describe,
		tier->unit);
	print_kernel(f, env);
	fprintf(f, "per round trip, median over trials; a column's kernel "
		"command line is \"" EB_LINUX_BOOT_OPTIONS "\" and its options\n");
	for (size_t i = 0; i < nb; i++) {
		print_block(f, res, &b[i], name, n);
		print_notes(f, res, &b[i], name, n);
	}
	return true;
}
