/* SPDX-License-Identifier: MIT */
/* Scratch files, meta files and running gnuplot; plot/<kind>.c has the plots. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/cli.h"
#include "lib/data_dirs.h"
#include "plot/gnuplot_run.h"
#include "run/spawn.h"

/* The installation's scripts, or the source tree's (lib/data_dirs.h). */
static void default_scripts(char *out, size_t size)
{
	snprintf(out, size, "%s", eb_data_dir(EB_DATA_PLOTS));
}

/*
 * outdir exists (made here if need be), is a directory and takes new files:
 * checked before any gnuplot runs, so that a bad -o is a usage error with
 * its reason and not gnuplot's "cannot open file" halfway through.  A probe
 * file tells what access(2) does not (root, read-only mounts).
 */
static bool outdir_ready(const char *outdir, char *err, size_t size)
{
	char probe[4200], why[4200];
	struct stat st;

	if (!eb_mkdirs(outdir, why, sizeof(why))) {
		snprintf(err, size, "output directory %s (-o): %s", outdir, why);
		return false;
	}
	if (stat(outdir, &st) < 0) {
		snprintf(err, size, "output directory %s (-o): %s", outdir,
			 strerror(errno));
		return false;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, size, "output directory %s (-o): not a directory",
			 outdir);
		return false;
	}
	snprintf(probe, sizeof(probe), "%s/.entrybench-plot", outdir);
	int e = eb_can_create(probe);
	if (e) {
		snprintf(err, size, "output directory %s (-o): cannot write in it: %s",
			 outdir, strerror(e));
		return false;
	}
	return true;
}

const char *const eb_plot_formats[] = { "png", "svg", NULL };

bool eb_plot_open(struct eb_plot *p, const char *scripts, const char *outdir,
		  unsigned formats, char *err, size_t size)
{
	char probe[4200], why[512];

	*p = (struct eb_plot){ .outdir = outdir, .formats = formats };
	if (!scripts)
		scripts = getenv("ENTRYBENCH_PLOTS_DIR");
	if (scripts)
		snprintf(p->scripts, sizeof(p->scripts), "%s", scripts);
	else
		default_scripts(p->scripts, sizeof(p->scripts));
	snprintf(probe, sizeof(probe), "%s/common.gp", p->scripts);
	if (access(probe, R_OK) != 0) {
		snprintf(err, size, "no gnuplot scripts in %s (%s missing): pass "
			 "--scripts DIR or set ENTRYBENCH_PLOTS_DIR to the "
			 "source tree's plots/ (or an installation's "
			 "share/entrybench/plots)", p->scripts, probe);
		return false;
	}
	if (!eb_find_program("gnuplot", p->gnuplot, sizeof(p->gnuplot), why,
			     sizeof(why))) {
		snprintf(err, size, "%s (Debian package gnuplot-nox)", why);
		return false;
	}
	if (!outdir_ready(outdir, err, size))
		return false;
	snprintf(p->tmp, sizeof(p->tmp), "/tmp/entrybench-plot.XXXXXX");
	if (!mkdtemp(p->tmp)) {
		snprintf(err, size, "cannot create a directory in /tmp");
		return false;
	}
	return true;
}

void eb_plot_close(struct eb_plot *p)
{
	char path[128];
	for (unsigned i = 0; i < p->seq; i++) {
		snprintf(path, sizeof(path), "%s/%u.tsv", p->tmp, i);
		unlink(path);
		snprintf(path, sizeof(path), "%s/%u.gp", p->tmp, i);
		unlink(path);
	}
	rmdir(p->tmp);
}

FILE *eb_plot_data(struct eb_plot *p, char *path, size_t size)
{
	snprintf(path, size, "%s/%u.tsv", p->tmp, p->seq++);
	FILE *f = fopen(path, "w");
	if (!f)
		abort();	/* our own fresh directory */
	return f;
}

/*
 * A gnuplot single-quoted string, '' for a quote.  Never double quotes:
 * gnuplot runs `backquoted` commands inside them, and variant names and
 * file names come from files anyone may hand us.  Control characters
 * would end the line: blanked.
 */
static void gpstr(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', f);
		fputc((unsigned char)*s < ' ' ? ' ' : *s, f);
	}
	fputc('\'', f);
}

static void var(FILE *f, const char *name, const char *value)
{
	fprintf(f, "%s = ", name);
	gpstr(f, value ? value : "");
	fputc('\n', f);
}

/* array name[n] = { s[0], ... } (gnuplot counts from 1); [1] when empty. */
static void array(FILE *f, const char *name, const char *const *s, size_t n)
{
	fprintf(f, "array %s[%zu]\n", name, n ? n : 1);
	for (size_t i = 0; s && i < n; i++) {
		fprintf(f, "%s[%zu] = ", name, i + 1);
		gpstr(f, s[i] ? s[i] : "");
		fputc('\n', f);
	}
}

/* The meta file: every string of m single-quoted, then common.gp. */
static void write_meta(FILE *f, const struct eb_plot *p, const char *stem,
		       const struct eb_plot_meta *m)
{
	char path[4200];

	var(f, "data", m->data);
	var(f, "stem", stem);
	var(f, "title", m->title);
	var(f, "caption", m->caption);
	var(f, "unit", m->unit);
	var(f, "ylabel", m->ylabel);
	var(f, "exts", p->formats == EB_PLOT_PNG ? "png" :
		       p->formats == EB_PLOT_SVG ? "svg" : "png svg");
	fprintf(f, "n = %zu\nfiles = %zu\nnkeys = %zu\n", m->n, m->files,
		m->nkeys);
	array(f, "names", m->names, m->n);
	array(f, "keys", m->keys, m->nkeys);
	array(f, "colours", m->colours, m->colours ? m->nkeys : 0);
	snprintf(path, sizeof(path), "%s/common.gp", p->scripts);
	fputs("load ", f);
	gpstr(f, path);
	fputc('\n', f);
}

/* "wrote X.png X.svg": the files this plot was written as. */
static void say_wrote(const struct eb_plot *p, const char *stem)
{
	printf("wrote");
	for (unsigned i = 0; eb_plot_formats[i]; i++)
		if (p->formats & 1u << i)
			printf(" %s.%s", stem, eb_plot_formats[i]);
	putchar('\n');
}

bool eb_plot_draw(struct eb_plot *p, const char *script,
		  const struct eb_plot_meta *m, char *err, size_t size)
{
	char meta[128], path[4200], stem[4200];

	snprintf(meta, sizeof(meta), "%s/%u.gp", p->tmp, p->seq - 1);
	snprintf(stem, sizeof(stem), "%s/%s", p->outdir, m->stem);
	FILE *f = fopen(meta, "w");
	if (!f)
		abort();
	write_meta(f, p, stem, m);
	fclose(f);

	snprintf(path, sizeof(path), "%s/%s", p->scripts, script);
	const char *argv[] = { p->gnuplot, "-c", path, meta, NULL };
	struct eb_proc r;
	eb_spawn(argv, 120, NULL, NULL, &r);
	/* A warning is a plot that does not show what it claims: an error. */
	if (r.how != EB_PROC_EXITED || r.code != 0 || r.err[0]) {
		char *e = r.err + strlen(r.err);
		while (e > r.err && (e[-1] == '\n' || e[-1] == ' '))
			*--e = '\0';
		snprintf(err, size, "gnuplot %s for %s: %s", script, stem,
			 r.err[0] ? r.err : "failed without a message");
		return false;
	}
	say_wrote(p, stem);
	return true;
}
