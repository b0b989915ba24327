/* SPDX-License-Identifier: MIT */
/*
 * entrybench run: boot each selected kernel image once per trial, fold the
 * guest's records into results, print the table and write the JSON.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "accel.h"
#include "catalog.h"
#include "cli.h"
#include "command.h"
#include "env.h"
#include "fold.h"
#include "interrupt.h"
#include "results.h"
#include "table.h"

static const char usage[] =
	"usage: entrybench run [VARIANT...] [--variants a,b] [--trials N]\n"
	"       [--accel auto|kvm|tcg] [--qemu PATH] [--timeout SECONDS]\n"
	"       [--out FILE] [--k N] [--batches N] [--warmup N]\n"
	"       [--boot pvh|multiboot] [--kernel-dir DIR] [-v]\n"
	"Exit status: 0 all variants passed or were skipped, 1 a check failed\n"
	"or a trial did not pass, 2 bad usage, 128+N stopped by signal N (the\n"
	"completed trials are written, marked \"interrupted\").\n";

struct selection {
	const char *names[EB_PROTO_MAX_VARIANTS];
	size_t n;
};

static bool select_name(struct selection *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->names[i], name) == 0)
			return true;
	if (s->n == sizeof(s->names) / sizeof(s->names[0])) {
		eb_error("run: more than %zu variants named", s->n);
		return false;
	}
	s->names[s->n++] = name;
	return true;
}

/* Every requested name must exist in some image; say which ones do. */
static bool resolve(const struct selection *want, const struct eb_catalog *cat)
{
	for (size_t i = 0; i < want->n; i++) {
		bool found = false;
		for (size_t j = 0; j < cat->n && !found; j++)
			found = eb_trial_variant(eb_proto_trial(cat->e[j].list.proto),
						 want->names[i]);
		if (found)
			continue;
		fprintf(stderr, "entrybench: run: unknown variant '%s'; valid:",
			want->names[i]);
		for (size_t j = 0; j < cat->n; j++) {
			const struct eb_trial *t = eb_proto_trial(cat->e[j].list.proto);
			for (size_t k = 0; k < t->nvariants; k++)
				fprintf(stderr, " %s", t->variants[k].name);
		}
		fputc('\n', stderr);
		return false;
	}
	return true;
}

/* The variants of one image to run: the requested ones it has, or all. */
static void per_image(const struct selection *want, const struct eb_trial *t,
		      struct selection *out)
{
	out->n = 0;
	for (size_t k = 0; k < t->nvariants; k++) {
		bool wanted = want->n == 0;
		for (size_t i = 0; i < want->n && !wanted; i++)
			wanted = strcmp(want->names[i], t->variants[k].name) == 0;
		if (wanted)
			out->names[out->n++] = t->variants[k].name;
	}
}

/* The directories leading to file, like mkdir -p. */
static bool mkdirs(const char *file)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", file);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
			eb_error("run: cannot create directory %s: %s", dir,
				 strerror(errno));
			return false;
		}
		*p = '/';
	}
	return true;
}

/* Fail before minutes of measuring, not after: can --out be written? */
static bool writable(const char *out)
{
	char err[512];

	if (!mkdirs(out))
		return false;
	if (!eb_results_probe(out, err, sizeof(err))) {
		eb_error("run: --out %s", err);
		return false;
	}
	return true;
}

/* eb.variants=a,b eb.k=... into buf; false if it does not fit. */
static bool kernel_cmdline(char *buf, size_t size, const struct selection *sel,
			   const struct eb_params *params)
{
	size_t n = snprintf(buf, size, "%s", EB_ARG_VARIANTS);

	for (size_t j = 0; j < sel->n && n < size; j++)
		n += snprintf(buf + n, size - n, "%s%s", j ? "," : "",
			      sel->names[j]);
	if (n < size)
		n += snprintf(buf + n, size - n, " %s%u %s%u %s%u",
			      EB_ARG_K, params->k, EB_ARG_BATCHES, params->batches,
			      EB_ARG_WARMUP, params->warmup);
	if (n >= size)
		eb_error("run: the kernel command line for %zu variants exceeds "
			 "%zu bytes; select fewer variants", sel->n, size - 1);
	return n < size;
}

struct options {
	struct selection want;
	unsigned trials, timeout;
	struct eb_params params;
	const char *accel, *qemu, *out, *boot, *dir;
	bool verbose;
};

static int parse(int argc, char **argv, struct options *o)
{
	static const struct option opts[] = {
		{ "variants", required_argument, NULL, 'V' },
		{ "trials", required_argument, NULL, 'n' },
		{ "accel", required_argument, NULL, 'a' },
		{ "qemu", required_argument, NULL, 'q' },
		{ "timeout", required_argument, NULL, 't' },
		{ "out", required_argument, NULL, 'o' },
		{ "k", required_argument, NULL, 'k' },
		{ "batches", required_argument, NULL, 'b' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "boot", required_argument, NULL, 'B' },
		{ "kernel-dir", required_argument, NULL, 'd' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c;
	bool ok = true;

	*o = (struct options){
		.trials = 3, .timeout = 30,
		.params = { EB_DEFAULT_K, EB_DEFAULT_BATCHES, EB_DEFAULT_WARMUP },
		.accel = "auto", .out = "results/latest.json", .boot = "pvh",
	};
	while (ok && (c = getopt_long(argc, argv, "o:vh", opts, NULL)) != -1) {
		switch (c) {
		case 'V':
			for (char *s = optarg, *name; ok && (name = strsep(&s, ","));)
				ok = !*name || select_name(&o->want, name);
			break;
		case 'n': ok = eb_parse_uint("--trials", optarg, 1, 10000, &o->trials); break;
		case 't': ok = eb_parse_uint("--timeout", optarg, 1, 86400, &o->timeout); break;
		case 'k': ok = eb_parse_uint("--k", optarg, 1, EB_MAX_K, &o->params.k); break;
		case 'b': ok = eb_parse_uint("--batches", optarg, 1, EB_MAX_BATCHES,
					     &o->params.batches); break;
		case 'w': ok = eb_parse_uint("--warmup", optarg, 0, EB_MAX_K,
					     &o->params.warmup); break;
		case 'a': o->accel = optarg; break;
		case 'q': o->qemu = optarg; break;
		case 'o': o->out = optarg; break;
		case 'B': o->boot = optarg; break;
		case 'd': o->dir = optarg; break;
		case 'v': o->verbose = true; break;
		case 'h': fputs(usage, stdout); return EB_EXIT_OK;
		default: fputs(usage, stderr); return EB_EXIT_BADUSAGE;
		}
	}
	for (int i = optind; ok && i < argc; i++)
		ok = select_name(&o->want, argv[i]);
	return ok ? -1 : EB_EXIT_BADUSAGE;
}

static json_t *parameters(const struct options *o)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:s, s:s, s:i}",
			 "k", o->params.k, "batches", o->params.batches,
			 "warmup", o->params.warmup, "trials", o->trials,
			 "accel", o->accel, "boot", o->boot,
			 "timeout_s", o->timeout);
}

static json_t *argv_json(const char *const argv[])
{
	json_t *a = json_array();
	for (int i = 0; argv[i]; i++)
		json_array_append_new(a, json_string(argv[i]));
	return a;
}

static int measure(int argc, char **argv, const struct options *o,
		   const struct eb_tier *tier, const char *why,
		   const struct eb_catalog *cat)
{
	struct selection sel[cat->n];
	const char *qargv[cat->n][EB_QEMU_MAXARGS];
	char cmdline[cat->n][4096];
	char err[512] = "";

	json_t *env = eb_env_collect(cat->e[0].qemu, tier, why, err, sizeof(err));
	if (!env) {
		if (!eb_interrupted())
			eb_error("%s", err);
		return EB_EXIT_FAILED;
	}
	json_t *argvs = json_object();
	json_object_set_new(env, "qemu_argv", argvs);
	json_t *res = eb_results_new(argc, argv, env, parameters(o));

	for (size_t i = 0; i < cat->n; i++) {
		const struct eb_trial *t = eb_proto_trial(cat->e[i].list.proto);

		per_image(&o->want, t, &sel[i]);
		if (!kernel_cmdline(cmdline[i], sizeof(cmdline[i]), &sel[i],
				    &o->params)) {
			json_decref(res);
			return EB_EXIT_BADUSAGE;
		}
		eb_qemu_argv(qargv[i], cat->e[i].qemu, tier,
			     eb_boot_machine(o->boot), cat->e[i].path, cmdline[i]);
		if (sel[i].n)
			json_object_set_new(argvs, t->mode, argv_json(qargv[i]));
		if (o->verbose && sel[i].n)
			eb_print_argv(stderr, qargv[i]);
		for (size_t j = 0; j < sel[i].n; j++)
			eb_results_add_variant(res, t->mode,
					       eb_trial_variant(t, sel[i].names[j]),
					       tier);
	}

	unsigned done = 0;	/* boots folded into res */
	for (unsigned trial = 0; trial < o->trials && !eb_interrupted(); trial++) {
		for (size_t i = 0; i < cat->n && !eb_interrupted(); i++) {
			const char *mode = eb_proto_trial(cat->e[i].list.proto)->mode;
			struct eb_boot b;

			if (!sel[i].n)
				continue;
			eb_qemu_boot(qargv[i], o->timeout, &b);
			if (b.outcome.verdict == EB_V_INTERRUPTED) {
				/* A boot cut short is no result: leave it out. */
				eb_proto_free(b.proto);
				break;
			}
			fprintf(stderr, "trial %u/%u %s: %s (%.2f s)%s%s\n",
				trial + 1, o->trials, mode,
				eb_verdict_name(b.outcome.verdict), b.proc.seconds,
				*b.outcome.why ? ": " : "", b.outcome.why);
			eb_fold(res, tier, mode, trial, &b, &o->params,
				sel[i].names, sel[i].n);
			eb_proto_free(b.proto);
			done++;
		}
	}
	if (eb_interrupted()) {
		eb_results_mark_interrupted(res);
		eb_error("run: interrupted by SIG%s after %u boot(s)",
			 sigabbrev_np(eb_interrupted()), done);
	}
	eb_results_finish(res);

	/* The results first: what is measured must not hang on the terminal. */
	int rc = EB_EXIT_OK;
	bool wrote = false;
	if (!done) {
		eb_error("run: no trial completed; %s left as it was", o->out);
	} else if (!mkdirs(o->out) ||
		   !eb_results_write(res, o->out, err, sizeof(err))) {
		if (*err)
			eb_error("%s", err);
		rc = EB_EXIT_BADUSAGE;
	} else {
		wrote = true;
	}
	if (eb_table_print(stdout, res) && rc == EB_EXIT_OK)
		rc = EB_EXIT_FAILED;
	if (wrote)
		printf("\nwrote %s%s\n", o->out,
		       eb_interrupted() ? " (interrupted: incomplete)" : "");
	if (o->verbose) {
		/* Ours alone, not QEMU's: what guest output can cost us. */
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		fprintf(stderr, "entrybench: peak RSS %ld KiB\n", ru.ru_maxrss);
	}
	json_decref(res);
	return rc;
}

static int run(int argc, char **argv)
{
	struct options o;
	int rc = parse(argc, argv, &o);
	char why[512];

	if (rc >= 0)
		return rc;
	const struct eb_tier *tier = eb_accel_choose(o.accel, "", why, sizeof(why));
	if (!tier) {
		eb_error("%s", why);
		return EB_EXIT_BADUSAGE;
	}
	if (!writable(o.out))
		return EB_EXIT_BADUSAGE;
	if (o.verbose)
		fprintf(stderr, "accelerator: %s\n", why);

	struct eb_catalog cat;
	rc = eb_catalog_load(&cat, o.qemu, eb_kernel_dir(o.dir), o.boot,
			     o.timeout, o.verbose);
	/* main() passes argv + 1, so argv[-1] is the program name. */
	if (rc == EB_EXIT_OK)
		rc = resolve(&o.want, &cat) ?
		     measure(argc + 1, argv - 1, &o, tier, why, &cat) :
		     EB_EXIT_BADUSAGE;
	eb_catalog_free(&cat);
	return rc;
}

EB_COMMAND("run", run, "measure variants and write a results file");
