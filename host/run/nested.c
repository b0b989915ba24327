/* SPDX-License-Identifier: MIT */
/* The nested tier's boots: run/nested.h. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <entrybench/protocol.h>

#include "results/results.h"
#include "run/boot_loop.h"
#include "run/boot_results.h"
#include "run/linux_kernel.h"
#include "run/linux_run.h"
#include "run/nested.h"
#include "run/nested_image.h"
#include "tiers/linux.h"
#include "tiers/nested.h"
#include "tiers/tier.h"

#define MAX_SLOTS	8

/* One kernel image's files and the strings of its outer argv. */
struct slot {
	char argv_file[PATH_MAX];	/* L2's argv, NUL-separated, for fw_cfg */
	char count_file[PATH_MAX];	/* a counting boot's events */
	char console[PATH_MAX];		/* L1's serial console */
	char serial[PATH_MAX + 8];	/* -serial file:<console> */
	char fw_argv[PATH_MAX * 2];	/* -fw_cfg name=...,file=... */
	char fw_kernel[PATH_MAX * 2];
	char fw_count[PATH_MAX * 2];
	char nmi_plan[PATH_MAX];	/* --inject-nmi: the plan, for fw_cfg */
	char nmi_log[PATH_MAX];		/* L1's injection log (its port) */
	char fw_nmi[PATH_MAX * 2];
	char nmi_chardev[PATH_MAX + 32];
	char nmi_device[64];
};

struct eb_nested {
	char scratch[64];		/* /tmp/entrybench-nested.XXXXXX */
	struct eb_linux_kernel kernel;	/* L1's, its vmlinux for PVH */
	struct eb_nested_image image;	/* L1's initramfs */
	char modules[PATH_MAX];		/* L1's lib/modules/<release> */
	bool inject;			/* L1 injects NMIs into L2 */
	struct slot slot[MAX_SLOTS];
};

/* QEMU's option syntax: a comma inside a value is written twice. */
static void fw_cfg_arg(char *out, size_t size, const char *name, const char *file)
{
	size_t n = snprintf(out, size, "name=%s,file=", name);

	for (; *file && n + 2 < size; file++) {
		out[n++] = *file;
		if (*file == ',')
			out[n++] = ',';
	}
	out[n] = '\0';
}

/*
 * dir (realpath'd into out) is a lib/modules/<release> whose release is
 * the kernel's (when the kernel says it): else its modules would not load.
 */
static bool modules_of(const struct eb_linux_kernel *k, const char *what,
		       const char *dir, char *out, size_t size, char *err,
		       size_t esize)
{
	char path[PATH_MAX + 32], real[PATH_MAX];
	const char *release = k->img.release, *base;

	snprintf(path, sizeof(path), "%s/modules.order", dir);
	if (!realpath(dir, real) || access(path, R_OK) != 0) {
		snprintf(err, esize, "%s %s: no %s (%s): not a "
			 "lib/modules/<release> directory", what, dir, path,
			 strerror(errno));
		return false;
	}
	base = strrchr(real, '/') ? strrchr(real, '/') + 1 : real;
	if (*release && strcmp(base, release) != 0) {
		snprintf(err, esize, "%s %s is release %s, the L1 kernel %s "
			 "is %s: its modules would not load", what, dir, base,
			 k->path, release);
		return false;
	}
	snprintf(out, size, "%s", real);
	return true;
}

/* --linux-kernel's lib/modules/<release>: beside it, or one level up. */
static bool modules_beside(const struct eb_linux_kernel *k, const char *kernel,
			   char *out, size_t size, char *err, size_t esize)
{
	const char *slash = strrchr(kernel, '/');
	int dir = slash ? (int)(slash - kernel) : 1;
	const char *kdir = slash ? kernel : ".";
	char a[PATH_MAX + 300], b[PATH_MAX + 300];

	if (!*k->img.release) {
		snprintf(err, esize, "--linux-kernel %s: its release cannot be "
			 "read: name its modules with --linux-modules DIR "
			 "(lib/modules/<release>)", kernel);
		return false;
	}
	snprintf(a, sizeof(a), "%.*s/lib/modules/%s", dir, kdir, k->img.release);
	snprintf(b, sizeof(b), "%.*s/../lib/modules/%s", dir, kdir, k->img.release);
	if (access(a, F_OK) == 0 || access(b, F_OK) == 0)
		return modules_of(k, "the modules beside --linux-kernel",
				  access(a, F_OK) == 0 ? a : b, out, size, err, esize);
	snprintf(err, esize, "--linux-kernel %s (release %s): no modules beside "
		 "it (neither %s nor %s): name them with --linux-modules DIR; "
		 "L1 needs kvm_amd and what it depends on", kernel,
		 k->img.release, a, b);
	return false;
}

/* The L1 kernel and its module directory; false with err. */
static bool l1_kernel(struct eb_nested *n, const char *kernel,
		      const char *modules, char *mods, size_t modsize,
		      char *err, size_t size)
{
	if (!eb_linux_kernel_prepare(kernel, NULL, n->scratch, &n->kernel, err, size))
		return false;
	if (n->kernel.img.boot != EB_LINUX_PVH) {
		snprintf(err, size, "the L1 kernel %s cannot boot through PVH: %s",
			 n->kernel.path, n->kernel.img.why);
		return false;
	}
	if (modules)
		return modules_of(&n->kernel, "--linux-modules", modules, mods,
				  modsize, err, size);
	if (kernel)
		return modules_beside(&n->kernel, kernel, mods, modsize, err, size);
	if (!eb_nested_module_dir(mods, modsize)) {
		snprintf(err, size, "the cached kernel has no lib/modules: run %s "
			 "again", EB_LINUX_FETCH);
		return false;
	}
	return true;
}

struct eb_nested *eb_nested_start(const char *qemu, const char *kernel,
				  const char *modules, bool verbose, char *err,
				  size_t size)
{
	struct eb_nested *n = calloc(1, sizeof(*n));
	char *mods = n ? n->modules : NULL, init[PATH_MAX];

	if (!n)
		abort();
	snprintf(n->scratch, sizeof(n->scratch), "/tmp/entrybench-nested.XXXXXX");
	if (!mkdtemp(n->scratch)) {
		snprintf(err, size, "cannot create a directory in /tmp: %s",
			 strerror(errno));
		*n->scratch = '\0';
	} else if (l1_kernel(n, kernel, modules, mods, sizeof(n->modules), err, size) &&
		   eb_nested_image_get(qemu, eb_nested_init_path(init, sizeof(init)),
				       mods, &n->image, err, size)) {
		if (verbose)
			fprintf(stderr, "nested: L1 initramfs %s (%s), modules %s\n",
				n->image.path, n->image.built ? "built now" :
				"from the cache", n->image.modules);
		return n;
	}
	eb_nested_free(n);
	return NULL;
}

const char *eb_nested_l2_qemu(const struct eb_nested *n)
{
	return n->image.qemu;
}

const char *eb_nested_l1_vmlinux(const struct eb_nested *n)
{
	return n->kernel.img.path;
}

void eb_nested_inject(struct eb_nested *n)
{
	n->inject = true;
}

const char *eb_nested_nmi_plan(const struct eb_nested *n, size_t slot)
{
	return n->slot[slot % MAX_SLOTS].nmi_plan;
}

const char *eb_nested_nmi_log(const struct eb_nested *n, size_t slot)
{
	return n->slot[slot % MAX_SLOTS].nmi_log;
}

const char *eb_nested_console(const struct eb_nested *n, size_t slot)
{
	return n->slot[slot % MAX_SLOTS].console;
}

/*
 * L2's argvs as NUL-terminated strings into the slot's file, each after
 * the first preceded by an empty string (protocol.h, "Tier nested").
 */
static bool write_argvs(const struct slot *s, const char *const *const l2argvs[],
			size_t nruns, char *err, size_t size)
{
	FILE *f = fopen(s->argv_file, "wb");
	bool ok = f != NULL;

	for (size_t r = 0; ok && r < nruns; r++) {
		if (r)
			ok = fputc('\0', f) != EOF;
		for (size_t i = 0; ok && l2argvs[r][i]; i++)
			ok = fwrite(l2argvs[r][i], 1, strlen(l2argvs[r][i]) + 1, f) ==
			     strlen(l2argvs[r][i]) + 1;
	}
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok)
		snprintf(err, size, "cannot write %s: %s", s->argv_file,
			 strerror(errno));
	return ok;
}

/* A counting boot's events, one a line, into the slot's file. */
static bool write_events(const struct slot *s, const char *const events[],
			 size_t nevents, char *err, size_t size)
{
	FILE *f = fopen(s->count_file, "w");
	bool ok = f != NULL;

	for (size_t e = 0; ok && e < nevents; e++)
		ok = fprintf(f, "%s\n", events[e]) > 0;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok)
		snprintf(err, size, "cannot write %s: %s", s->count_file,
			 strerror(errno));
	return ok;
}

/* The outer argv of slot s: L1 with fw_cfg files, counting or not. */
static void outer_argv(const struct eb_nested *n, const struct slot *s,
		       const char *qemu, bool counting,
		       const char *argv[EB_QEMU_MAXARGS])
{
	static const char *const common[] = {
		"-smp", "1", "-m", EB_NESTED_L0_MEMORY, "-nodefaults",
		"-no-user-config", "-display", "none", "-no-reboot",
		"-debugcon", "stdio",
		"-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", NULL
	};
	int k = 0;

	argv[k++] = qemu;
	argv[k++] = "-M";
	argv[k++] = EB_NESTED_L0_MACHINE;
	for (const char *const *a = eb_tier("nested")->qemu_args; *a; a++)
		argv[k++] = *a;
	for (const char *const *a = common; *a; a++)
		argv[k++] = *a;
	const char *rest[] = {
		"-serial", s->serial, "-kernel", n->kernel.img.path,
		"-initrd", n->image.path, "-append", EB_NESTED_L1_APPEND,
		"-fw_cfg", s->fw_argv, "-fw_cfg", s->fw_kernel,
		counting ? "-fw_cfg" : NULL, s->fw_count, NULL
	};
	/* L1's injection log: a debug console of its own, into a file */
	const char *nmi[] = {
		"-fw_cfg", s->fw_nmi, "-chardev", s->nmi_chardev, "-device",
		s->nmi_device, NULL
	};
	for (const char *const *a = nmi; n->inject && !counting && *a; a++)
		argv[k++] = *a;
	for (const char *const *a = rest; *a; a++)
		argv[k++] = *a;
	argv[k] = NULL;
}

/* Slot number slot's file names, its argvs (and events) written. */
static struct slot *fill_slot(struct eb_nested *n, size_t slot,
			      const char *image,
			      const char *const *const l2argvs[], size_t nruns,
			      const char *const events[], size_t nevents,
			      char *err, size_t size)
{
	struct slot *s = &n->slot[slot % MAX_SLOTS];

	if (slot >= MAX_SLOTS) {
		snprintf(err, size, "more than %d kernel images", MAX_SLOTS);
		return NULL;
	}
	char dir[sizeof(n->scratch)];	/* a copy: no overlap with *s to fear */
	memcpy(dir, n->scratch, sizeof(dir));
	snprintf(s->argv_file, sizeof(s->argv_file), "%s/l2-argv-%zu", dir, slot);
	snprintf(s->count_file, sizeof(s->count_file), "%s/l1-count-%zu", dir, slot);
	snprintf(s->console, sizeof(s->console), "%s/l1-console-%zu.log", dir, slot);
	snprintf(s->serial, sizeof(s->serial), "file:%s/l1-console-%zu.log", dir, slot);
	fw_cfg_arg(s->fw_argv, sizeof(s->fw_argv), EB_NESTED_FWCFG_ARGV, s->argv_file);
	fw_cfg_arg(s->fw_kernel, sizeof(s->fw_kernel), EB_NESTED_FWCFG_KERNEL, image);
	fw_cfg_arg(s->fw_count, sizeof(s->fw_count), EB_NESTED_FWCFG_COUNT, s->count_file);
	snprintf(s->nmi_plan, sizeof(s->nmi_plan), "%s/l1-nmi-plan-%zu", dir, slot);
	snprintf(s->nmi_log, sizeof(s->nmi_log), "%s/l1-nmi-log-%zu", dir, slot);
	fw_cfg_arg(s->fw_nmi, sizeof(s->fw_nmi), EB_NESTED_FWCFG_NMI, s->nmi_plan);
	snprintf(s->nmi_chardev, sizeof(s->nmi_chardev),
		 "file,id=l1nmi,path=%s/l1-nmi-log-%zu", dir, slot);
	snprintf(s->nmi_device, sizeof(s->nmi_device),
		 "isa-debugcon,iobase=%#x,chardev=l1nmi", EB_NESTED_PORT_NMI_LOG);
	if (!write_argvs(s, l2argvs, nruns, err, size) ||
	    (nevents && !write_events(s, events, nevents, err, size)))
		return NULL;
	return s;
}

bool eb_nested_wrap(struct eb_nested *n, size_t slot, const char *qemu,
		    const char *image, const char *const l2argv[],
		    const char *argv[EB_QEMU_MAXARGS], char *err, size_t size)
{
	const char *const *runs[] = { l2argv };
	struct slot *s = slot < EB_NESTED_COUNT_SLOT(0) ?
		fill_slot(n, slot, image, runs, 1, NULL, 0, err, size) : NULL;

	if (slot >= EB_NESTED_COUNT_SLOT(0))
		snprintf(err, size, "more than %d kernel images",
			 EB_NESTED_COUNT_SLOT(0));

	if (s)
		outer_argv(n, s, qemu, false, argv);
	return s != NULL;
}

bool eb_nested_wrap_count(struct eb_nested *n, size_t slot, const char *qemu,
			  const char *image, const char *const *const l2argvs[],
			  size_t nruns, const char *const events[], size_t nevents,
			  const char *argv[EB_QEMU_MAXARGS], char *err, size_t size)
{
	struct slot *s = slot < EB_NESTED_COUNT_SLOT(0) ?
		fill_slot(n, EB_NESTED_COUNT_SLOT(slot), image, l2argvs, nruns,
			  events, nevents, err, size) : NULL;

	if (slot >= EB_NESTED_COUNT_SLOT(0))
		snprintf(err, size, "more than %d kernel images",
			 EB_NESTED_COUNT_SLOT(0));

	if (s)
		outer_argv(n, s, qemu, true, argv);
	return s != NULL;
}

void eb_nested_explain(const struct eb_nested *n, size_t slot, struct eb_boot *b)
{
	const struct slot *s = &n->slot[slot % MAX_SLOTS];
	struct eb_outcome *o = &b->outcome;
	char tail[1024];
	size_t len = strlen(o->why);

	/* A guest's failed check is the guest's to say (its check_detail). */
	if (o->verdict == EB_V_PASS || o->verdict == EB_V_INTERRUPTED ||
	    o->verdict == EB_V_CHECK_FAILED)
		return;
	eb_linux_console_tail(s->console, tail, sizeof(tail));
	if (!*tail)
		snprintf(tail, sizeof(tail), "(L1 printed nothing on its console)");
	bool exited = b->proc.how == EB_PROC_EXITED;

	if (exited && b->proc.code == EB_QEMU_STATUS(EB_EXIT_L1_FAILED))
		snprintf(o->why, sizeof(o->why), "L1 could not run L2: %s", tail);
	else if (exited && b->proc.code == 0 && !eb_proto_trial(b->proto)->bytes)
		snprintf(o->why, sizeof(o->why), "L1 ended (a panic or a reset) "
			 "before L2 printed anything; L1 console: %s", tail);
	else
		snprintf(o->why + len, sizeof(o->why) - len, "; L1 console: %s", tail);
}

json_t *eb_nested_env(const struct eb_nested *n, json_t *l2_argvs)
{
	return json_pack("{s:o, s:{s:s, s:s}, s:s, s:s, s:s, s:s, s:o}",
		"l1_kernel", eb_linux_kernel_json(&n->kernel),
		"l1_initramfs", "path", n->image.path, "sha256", n->image.sha256,
		"modules", n->image.modules, "modules_dir", n->modules,
		"l1_append", EB_NESTED_L1_APPEND,
		"l2_tier", eb_tier("nested")->inner,
		"l2_argv", l2_argvs);
}

void eb_nested_free(struct eb_nested *n)
{
	char path[PATH_MAX + 32];

	if (!n)
		return;
	for (size_t i = 0; i < MAX_SLOTS && *n->scratch; i++) {
		unlink(n->slot[i].argv_file);
		unlink(n->slot[i].count_file);
		unlink(n->slot[i].console);
		unlink(n->slot[i].nmi_plan);
		unlink(n->slot[i].nmi_log);
	}
	if (*n->scratch) {
		snprintf(path, sizeof(path), "%s/vmlinux", n->scratch);
		unlink(path);
		rmdir(n->scratch);
	}
	free(n);
}

/*
 * vs_tcg of one variant: the tcg tier's figure from the same kernel
 * command line, and whether every passing nested trial has that very
 * figure.  A path that never leaves L2 must; one that exits to KVM cannot.
 * A difference in any other family than vmexit is said on stderr: a path
 * that exits where it was thought not to (ud2 and the self-NMI do on AMD).
 */
static void compare_variant(json_t *variant, const struct eb_variant *tv,
			    unsigned k, const char *mode)
{
	double *x, tcg;
	size_t n = eb_trial_values(variant, &x);
	bool equal = n > 0;
	const char *family = json_string_value(json_object_get(variant, "family"));
	const char *name = json_string_value(json_object_get(variant, "name"));

	if (!tv || !tv->nbatches) {
		json_object_set_new(variant, "vs_tcg", json_pack("{s:s?}", "tcg_skipped",
				    tv && tv->skip_reason ? tv->skip_reason :
				    "no figure under tcg"));
		free(x);
		return;
	}
	tcg = eb_trial_value(tv, k);
	for (size_t i = 0; i < n; i++)
		equal = equal && x[i] == tcg;
	json_object_set_new(variant, "vs_tcg", json_pack("{s:f, s:o}", "tcg", tcg,
			    "equal", n ? json_boolean(equal) : json_null()));
	if (n && !equal && (!family || strcmp(family, "vmexit") != 0))
		fprintf(stderr, "nested: %s (%s) differs from the tcg tier: %g "
			"against %g insns: it leaves L2 under KVM\n", name, mode,
			x[0], tcg);
	free(x);
}

void eb_nested_check_tcg(const struct eb_run *run)
{
	const char *argv[EB_QEMU_MAXARGS];
	const struct eb_run_request *req = run->req;

	for (size_t i = 0; i < run->cat->n; i++) {
		const struct eb_run_image *im = &run->image[i];
		struct eb_boot b;

		if (!im->sel.n)
			continue;
		eb_qemu_argv(argv, im->entry->qemu, eb_tier("tcg"),
			     eb_boot_machine(req->boot), im->entry->path, im->cmdline);
		eb_qemu_boot(argv, req->timeout_s, &b);
		const struct eb_trial *t = eb_proto_trial(b.proto);
		for (size_t j = 0; j < im->sel.n; j++) {
			json_t *v = eb_results_variant(run->res, im->sel.names[j], im->mode);
			if (v)
				compare_variant(v, eb_trial_variant(t, im->sel.names[j]),
						req->params.k, im->mode);
		}
		eb_proto_free(b.proto);
	}
}
