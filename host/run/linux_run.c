/* SPDX-License-Identifier: MIT */
/* `entrybench run --guest linux`: run/linux_run.h. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/array.h"
#include "lib/cli.h"
#include "lib/command.h"
#include "lib/interrupt.h"
#include "lib/progress.h"
#include "results/environment.h"
#include "results/provenance.h"
#include "results/results.h"
#include "run/boot_results.h"
#include "run/linux_kernel.h"
#include "run/linux_run.h"

/* One boot: a column in a trial. */
struct job {
	struct eb_linux_column *col;
	unsigned trial;
	struct eb_boot boot;
	bool booted;			/* finished, not interrupted */
};

/* The boots, and the threads taking them in order. */
struct pool {
	pthread_mutex_t lock;
	struct job *job;
	size_t njobs, next;
	unsigned trials;
	double timeout_s;
	bool verbose;
};

/* Where the linux tier's run keeps its files while it runs. */
struct scene {
	char scratch[64];
	char qemu[4096];
	const char *initramfs;
	struct eb_linux_kernel kernel;
	struct eb_linux_column *col;
	size_t ncols;
};

/*
 * What a failed boot leaves to go on: the kernel's own last words.  A
 * reset with nothing on the debug port is a panic (panic=-1 reboots, and
 * -no-reboot turns that into QEMU's exit) or a triple fault before /init.
 */
static void explain(struct job *j)
{
	struct eb_outcome *o = &j->boot.outcome;
	char tail[600];
	size_t len;

	if (o->verdict == EB_V_PASS || o->verdict == EB_V_CHECK_FAILED ||
	    o->verdict == EB_V_USAGE || o->verdict == EB_V_INTERRUPTED)
		return;
	if (o->verdict == EB_V_CRASH && !eb_proto_trial(j->boot.proto)->bytes)
		snprintf(o->why, sizeof(o->why), "the kernel reset before /init "
			 "reported (a panic, which panic=-1 turns into a reset, or a "
			 "triple fault)");
	eb_linux_console_tail(j->col->console, tail, sizeof(tail));
	len = strlen(o->why);
	snprintf(o->why + len, sizeof(o->why) - len, "; console: %s",
		 *tail ? tail : "(nothing)");
}

static void *worker(void *arg)
{
	struct pool *p = arg;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		struct job *j = p->next < p->njobs && !eb_interrupted() ?
				&p->job[p->next++] : NULL;
		if (j && p->verbose) {
			eb_progress_hide();
			eb_print_argv(stderr, j->col->argv);
		}
		pthread_mutex_unlock(&p->lock);
		if (!j)
			return NULL;
		eb_qemu_boot(j->col->argv, p->timeout_s, &j->boot);
		explain(j);
		j->booted = j->boot.outcome.verdict != EB_V_INTERRUPTED;
		pthread_mutex_lock(&p->lock);
		/* A command line the guest refused: guest_refused() says it once. */
		eb_progress_hide();
		if (j->booted && j->boot.outcome.verdict != EB_V_USAGE)
			fprintf(stderr, "trial %u/%u %s: %s (%.2f s)%s%s\n",
				j->trial + 1, p->trials, j->col->label,
				eb_verdict_name(j->boot.outcome.verdict),
				j->boot.proc.seconds, *j->boot.outcome.why ? ": " : "",
				j->boot.outcome.why);
		eb_progress_step();
		pthread_mutex_unlock(&p->lock);
	}
}

/* Every job, `threads` at a time; returns when all are done or stopped. */
static void boot_all(struct pool *p, unsigned threads)
{
	pthread_t tid[64];
	unsigned n = 0;

	if (threads > N_OF(tid))
		threads = N_OF(tid);
	pthread_mutex_init(&p->lock, NULL);
	eb_progress_begin("run --guest linux", p->njobs);
	for (; n < threads && n < p->njobs; n++)
		if (pthread_create(&tid[n], NULL, worker, p) != 0)
			break;
	if (n == 0)
		worker(p);	/* no thread to be had: one at a time, here */
	for (unsigned i = 0; i < n; i++)
		pthread_join(tid[i], NULL);
	eb_progress_end();
	pthread_mutex_destroy(&p->lock);
}

/* The probes to fold: those named, else every one any boot declared. */
static size_t probe_names(const struct eb_run_request *req, const struct pool *p,
			  const char **names, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < req->nwant && n < max; i++)
		names[n++] = req->want[i];
	for (size_t i = 0; i < p->njobs && !req->nwant; i++) {
		if (!p->job[i].booted)
			continue;
		const struct eb_trial *t = eb_proto_trial(p->job[i].boot.proto);
		for (size_t k = 0; k < t->nvariants && n < max; k++) {
			bool seen = false;
			for (size_t j = 0; j < n && !seen; j++)
				seen = strcmp(names[j], t->variants[k].name) == 0;
			if (!seen)
				names[n++] = t->variants[k].name;
		}
	}
	return n;
}

/*
 * What the guest declared of a probe, from a boot of this column if one
 * did (family and peer depend on the CPU), else from any boot.
 */
static struct eb_variant described(const struct pool *p,
				   const struct eb_linux_column *col,
				   const char *name)
{
	const struct eb_variant *any = NULL;

	for (size_t i = 0; i < p->njobs; i++) {
		const struct eb_variant *v = p->job[i].booted ? eb_trial_variant(
			eb_proto_trial(p->job[i].boot.proto), name) : NULL;
		if (v && p->job[i].col == col)
			return *v;
		if (v && !any)
			any = v;
	}
	if (any)
		return *any;
	return (struct eb_variant){ .name = (char *)name, .cpl = 3,
				    .models = "", .source = "" };
}

/* The variants of one column, added to res in probe order. */
static void add_column(json_t *res, const struct eb_run_request *req,
		       const struct pool *p, const struct eb_linux_column *col,
		       const char *const *names, size_t n, json_t **out)
{
	for (size_t i = 0; i < n; i++) {
		struct eb_variant v = described(p, col, names[i]);
		out[i] = eb_results_add_variant(res, "x86_64", &v, req->tier);
		json_object_set_new(out[i], "column", json_string(col->label));
	}
}

/* Each boot into its column's variants, in column and trial order. */
static unsigned fold_all(json_t *res, const struct eb_run_request *req,
			 const struct pool *p, const struct scene *s)
{
	const char *names[EB_PROTO_MAX_VARIANTS];
	size_t n = probe_names(req, p, names, N_OF(names));
	json_t **var = calloc(s->ncols * n + 1, sizeof(*var));
	unsigned done = 0;

	if (!var)
		abort();
	for (size_t c = 0; n && c < s->ncols; c++)
		add_column(res, req, p, &s->col[c], names, n, var + c * n);
	for (size_t i = 0; n && i < p->njobs; i++) {
		const struct job *j = &p->job[i];
		if (!j->booted)
			continue;
		eb_fold_into(var + j->col->index * n, req->tier, "x86_64", j->trial,
			     &j->boot, &req->params, names, n);
		done++;
	}
	free(var);
	return done;
}

/*
 * The guest refuses a command line it cannot run (an unknown probe, a bad
 * eb.* value): its reason, said once, is run's usage error.
 */
static bool guest_refused(const struct pool *p)
{
	for (size_t i = 0; i < p->njobs; i++) {
		const struct eb_boot *b = &p->job[i].boot;
		if (!p->job[i].booted || b->outcome.verdict != EB_V_USAGE)
			continue;
		const struct eb_trial *t = eb_proto_trial(b->proto);
		eb_error("run: the Linux guest refused its command line: %s",
			 t->end_reason ? t->end_reason : t->last_line);
		return true;
	}
	return false;
}

/* environment.linux before the boots (results/SCHEMA.md says which parts
 * the fingerprint covers: kernel and columns). */
static json_t *linux_env(const struct scene *s)
{
	json_t *cols = json_object(), *lines = json_object();
	char hex[65], why[512] = "";
	bool hashed = eb_sha256_file(s->initramfs, hex, why, sizeof(why));

	for (size_t c = 0; c < s->ncols; c++) {
		const struct eb_linux_column *col = &s->col[c];
		json_object_set_new(cols, col->label, json_pack("{s:s, s:s, s:s, s:s}",
			"cpu", col->cpu->name, "qemu_cpu", col->cpu->qemu_cpu,
			"append", col->append, "boot_options", col->boot_options));
		json_object_set_new(lines, col->label, json_string(col->cmdline));
	}
	return json_pack("{s:o, s:o, s:o, s:o, s:{s:s, s:o}}",
			 "kernel", eb_linux_kernel_json(&s->kernel),
			 "columns", cols, "cmdline", lines,
			 "files", eb_linux_kernel_files(&s->kernel),
			 "initramfs", "path", s->initramfs, "sha256",
			 hashed ? json_string(hex) : eb_unavailable("%s", why));
}

/*
 * After the boots: the CPU each column's guest saw (its `cpu` record), and
 * the release the guest reported when the file did not say; resealed.
 */
static void guest_facts(json_t *env, const struct pool *p)
{
	json_t *lx = json_object_get(env, "linux"), *cpus = json_object();
	json_t *kernel = json_object_get(lx, "kernel");

	for (size_t i = 0; i < p->njobs; i++) {
		const struct job *j = &p->job[i];
		const struct eb_trial *t = j->booted ? eb_proto_trial(j->boot.proto) : NULL;
		if (!t || !t->has_cpu || json_object_get(cpus, j->col->label))
			continue;
		json_object_set_new(cpus, j->col->label, json_pack(
			"{s:s, s:i, s:i, s:i}", "vendor", t->cpu_vendor,
			"family", t->cpu_family, "model", t->cpu_model,
			"stepping", t->cpu_stepping));
		if (t->kernel && json_is_null(json_object_get(kernel, "release")))
			json_object_set_new(kernel, "release", json_string(t->kernel));
	}
	json_object_set_new(lx, "guest_cpu", cpus);
	eb_env_seal(env);
}

/* parameters: how the kernel booted and what the columns are. */
static void linux_parameters(json_t *params, const struct scene *s,
			     const struct eb_linux_options *lo)
{
	json_t *cpus = json_array(), *append = json_array();

	for (size_t i = 0; i < lo->ncpus; i++)
		json_array_append_new(cpus, json_string(lo->cpu[i]->name));
	for (size_t i = 0; i < lo->nappend; i++)
		json_array_append_new(append, json_string(lo->append[i]));
	json_object_set_new(params, "boot", json_string(
		s->kernel.img.boot == EB_LINUX_PVH ? "pvh" : "bzimage"));
	json_object_set_new(params, "guest", json_string("linux"));
	json_object_set_new(params, "linux", json_pack("{s:o, s:o, s:i}",
		"cpus", cpus, "append", append, "jobs", (int)lo->jobs));
}

/* One column per CPU and command line, CPU by CPU. */
static bool make_columns(struct scene *s, const struct eb_run_request *req,
			 const struct eb_linux_options *lo)
{
	char why[512];

	s->col = calloc(lo->ncpus * lo->nappend + 1, sizeof(*s->col));
	if (!s->col)
		abort();
	for (size_t c = 0; c < lo->ncpus; c++)
		for (size_t a = 0; a < lo->nappend; a++) {
			struct eb_linux_column *col = &s->col[s->ncols];
			*col = (struct eb_linux_column){ .cpu = lo->cpu[c],
				.append = lo->append[a], .index = s->ncols };
			eb_linux_column_label(col->label, sizeof(col->label),
					      col->cpu->name, col->append);
			if (!eb_linux_column_make(col, req, s->qemu, s->kernel.img.path,
						  s->initramfs, s->scratch, why,
						  sizeof(why))) {
				eb_error("run: %s", why);
				return false;
			}
			s->ncols++;
		}
	return true;
}

/* QEMU, the initramfs, a scratch directory, the kernel and the columns. */
static bool set_up(struct scene *s, const struct eb_run_request *req,
		   const struct eb_linux_options *lo)
{
	char why[1024];

	if (!eb_qemu_find(lo->qemu ? lo->qemu : "qemu-system-x86_64", s->qemu,
			  sizeof(s->qemu), why, sizeof(why))) {
		eb_error("run: %s", why);
		return false;
	}
	s->initramfs = eb_linux_initramfs();
	if (access(s->initramfs, R_OK) != 0) {
		eb_error("run: the Linux guest's initramfs %s is missing: ci/build.sh "
			 "makes it (or set ENTRYBENCH_LINUX_INITRAMFS)", s->initramfs);
		return false;
	}
	snprintf(s->scratch, sizeof(s->scratch), "/tmp/entrybench-linux.XXXXXX");
	if (!mkdtemp(s->scratch)) {
		*s->scratch = '\0';
		eb_error("run: cannot create a directory in /tmp");
		return false;
	}
	if (!eb_linux_kernel_prepare(lo->kernel, lo->system_map, s->scratch,
				     &s->kernel, why, sizeof(why))) {
		eb_error("run: %s", why);
		return false;
	}
	if (req->verbose && s->kernel.img.boot == EB_LINUX_BZIMAGE)
		fprintf(stderr, "kernel: %s\n", s->kernel.img.why);
	return make_columns(s, req, lo);
}

/* Nothing of the run is left in /tmp. */
static void clean_up(struct scene *s)
{
	char path[PATH_MAX + 32];

	for (size_t c = 0; c < s->ncols; c++)
		unlink(s->col[c].console);
	if (*s->scratch) {
		snprintf(path, sizeof(path), "%s/vmlinux", s->scratch);
		unlink(path);
		rmdir(s->scratch);
	}
	free(s->col);
}

/* The results document with its environment, before any boot. */
static json_t *new_results(const struct scene *s, const struct eb_run_request *req,
			   json_t *params, const char *accel_why)
{
	char err[512] = "";
	json_t *env = eb_env_collect(s->qemu, req->tier, accel_why, err, sizeof(err));
	json_t *argvs = json_object();

	if (!env) {
		if (!eb_interrupted())
			eb_error("%s", err);
		json_decref(params);
		return NULL;
	}
	for (size_t c = 0; c < s->ncols; c++) {
		json_t *a = json_array();
		for (size_t i = 0; s->col[c].argv[i]; i++)
			json_array_append_new(a, json_string(s->col[c].argv[i]));
		json_object_set_new(argvs, s->col[c].label, a);
	}
	json_object_set_new(env, "qemu_argv", argvs);
	json_object_set_new(env, "linux", linux_env(s));
	eb_env_seal(env);
	const struct eb_argv *cl = eb_command_line();
	json_t *res = eb_results_new(cl->argc, cl->argv, env, params);
	eb_provenance_add_kernel(res, "x86_64", s->kernel.path);
	return res;
}

/* Every column, every trial, folded; the boots freed. */
static int measure(const struct scene *s, const struct eb_run_request *req,
		   const struct eb_linux_options *lo, json_t *res, unsigned *done)
{
	struct pool p = { .njobs = s->ncols * req->trials, .trials = req->trials,
			  .timeout_s = req->timeout_s, .verbose = req->verbose };
	int rc = EB_EXIT_OK;

	if (!(p.job = calloc(p.njobs + 1, sizeof(*p.job))))
		abort();
	for (size_t i = 0; i < p.njobs; i++)
		p.job[i] = (struct job){ .col = &s->col[i % s->ncols],
					 .trial = (unsigned)(i / s->ncols) };
	boot_all(&p, lo->jobs);
	if (guest_refused(&p)) {
		rc = EB_EXIT_BADUSAGE;
	} else {
		*done = fold_all(res, req, &p, s);
		guest_facts(json_object_get(res, "environment"), &p);
		if (eb_interrupted()) {
			eb_results_mark_interrupted(res);
			eb_error("run: interrupted by SIG%s after %u boot(s)",
				 sigabbrev_np(eb_interrupted()), *done);
		}
	}
	for (size_t i = 0; i < p.njobs; i++)
		eb_proto_free(p.job[i].boot.proto);
	free(p.job);
	return rc;
}

int eb_linux_run(const struct eb_run_request *req,
		 const struct eb_linux_options *lo, json_t *params,
		 const char *accel_why, json_t **res, unsigned *done)
{
	struct scene s = { .col = NULL };
	int rc = EB_EXIT_BADUSAGE;

	*res = NULL;
	*done = 0;
	if (set_up(&s, req, lo)) {
		linux_parameters(params, &s, lo);
		*res = new_results(&s, req, params, accel_why);
		params = NULL;
		rc = *res ? measure(&s, req, lo, *res, done) : EB_EXIT_FAILED;
	}
	json_decref(params);
	clean_up(&s);
	return rc;
}
