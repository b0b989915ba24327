/* SPDX-License-Identifier: MIT */
/*
 * The linux tier's columns (run/linux_run.h): each a CPU model and a
 * kernel command line, its label, its QEMU argv, and the tail of its
 * serial console for the errors of a boot that went wrong.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/array.h"
#include "lib/data_dirs.h"
#include "run/linux_run.h"

bool eb_linux_append_normalise(const char *arg, char *out, size_t size,
			       char *why, size_t whysize)
{
	size_t n = 0;

	for (const char *p = arg; *p;) {
		size_t w = strcspn(p, " \t\n");
		if (w == 0) {
			p++;
			continue;
		}
		if (w >= 3 && strncmp(p, "eb.", 3) == 0) {
			snprintf(why, whysize, "--linux-append '%s': eb.* keys are "
				 "run's own (--k, --batches, --warmup, variants)", arg);
			return false;
		}
		if (n + w + 2 > size || n + w + 1 > EB_LINUX_MAX_APPEND_LEN) {
			snprintf(why, whysize, "--linux-append: longer than %d bytes",
				 EB_LINUX_MAX_APPEND_LEN);
			return false;
		}
		n += snprintf(out + n, size - n, "%s%.*s", n ? " " : "", (int)w, p);
		p += w;
	}
	out[n] = '\0';
	return true;
}

void eb_linux_column_label(char *out, size_t size, const char *cpu,
			   const char *append)
{
	snprintf(out, size, "%s%s%s", cpu, *append ? " " : "", append);
}

/* The command line: the tier's boot options, the column's, run's eb.* keys. */
static bool command_line(struct eb_linux_column *c,
			 const struct eb_run_request *req, char *why, size_t size)
{
	struct eb_selection sel = { .n = 0 };
	char keys[sizeof(c->cmdline)];
	int n;

	snprintf(c->boot_options, sizeof(c->boot_options), "%s%s%s",
		 EB_LINUX_BOOT_OPTIONS, *c->append ? " " : "", c->append);
	for (size_t i = 0; i < req->nwant && i < N_OF(sel.names); i++)
		sel.names[sel.n++] = req->want[i];
	/* Without names the guest runs every probe: no eb.variants= at all. */
	if (!eb_run_cmdline(req, &sel, keys, sizeof(keys)))
		return false;
	const char *k = sel.n ? keys : strchr(keys, ' ') + 1;
	n = snprintf(c->cmdline, sizeof(c->cmdline), "%s %s", c->boot_options, k);
	if (n < 0 || (size_t)n >= sizeof(c->cmdline)) {
		snprintf(why, size, "the kernel command line of column '%s' exceeds "
			 "%zu bytes", c->label, sizeof(c->cmdline) - 1);
		return false;
	}
	return true;
}

bool eb_linux_column_make(struct eb_linux_column *c, const struct eb_run_request *req,
			  const char *qemu, const char *kernel, const char *initramfs,
			  const char *scratch, char *why, size_t size)
{
	static const char *const common[] = {
		"-smp", "1", "-m", "512", "-nodefaults", "-no-user-config",
		"-display", "none", "-no-reboot", "-debugcon", "stdio",
		"-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", NULL
	};
	int n = 0;

	if (!command_line(c, req, why, size))
		return false;
	snprintf(c->console, sizeof(c->console), "%s/console-%u.log", scratch,
		 c->index);
	snprintf(c->serial, sizeof(c->serial), "file:%s", c->console);
	c->argv[n++] = qemu;
	c->argv[n++] = "-M";
	c->argv[n++] = "pc";
	for (const char *const *a = req->tier->qemu_args; *a; a++)
		c->argv[n++] = *a;
	c->argv[n++] = "-cpu";
	c->argv[n++] = c->cpu->qemu_cpu;
	for (const char *const *a = common; *a; a++)
		c->argv[n++] = *a;
	c->argv[n++] = "-serial";
	c->argv[n++] = c->serial;
	c->argv[n++] = "-kernel";
	c->argv[n++] = kernel;
	c->argv[n++] = "-initrd";
	c->argv[n++] = initramfs;
	c->argv[n++] = "-append";
	c->argv[n++] = c->cmdline;
	if (req->plugin) {		/* the x-ray's boots only */
		c->argv[n++] = "-plugin";
		c->argv[n++] = req->plugin;
	}
	c->argv[n] = NULL;
	return true;
}

/* Lines kept for an error, and how much of the console is read. */
#define TAIL_LINES	3
#define TAIL_BYTES	16384

/* The kernel's own words for why it stopped, worth more than a stack trace. */
static bool last_words(const char *line)
{
	static const char *const says[] = {
		"Kernel panic", "BUG:", "Oops", "general protection fault",
		"Unable to handle", "entrybench:",
	};

	for (size_t i = 0; i < N_OF(says); i++)
		if (strstr(line, says[i]))
			return true;
	return false;
}

/* A line of text: no timestamp "[    1.611772] ", no trailing blanks. */
static char *tidy(char *l)
{
	size_t end;

	l += strspn(l, " ");
	if (*l == '[' && strchr(l, ']'))
		l = strchr(l, ']') + 1;
	l += strspn(l, " ");
	end = strlen(l);
	while (end && l[end - 1] == ' ')
		l[--end] = '\0';
	return l;
}

/* The console's text (the last TAIL_BYTES), printable only, into buf. */
static size_t read_tail(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return 0;
	if (fseek(f, 0, SEEK_END) == 0 && ftell(f) > (long)size - 1)
		fseek(f, -(long)(size - 1), SEEK_END);
	else
		rewind(f);
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* It goes into messages and JSON strings. */
	for (size_t i = 0; i < n; i++)
		if (buf[i] != '\n' && (buf[i] < 0x20 || buf[i] >= 0x7f))
			buf[i] = buf[i] == '\r' || buf[i] == '\t' ? ' ' : '?';
	return n;
}

void eb_linux_console_tail(const char *path, char *out, size_t size)
{
	char buf[TAIL_BYTES + 1], *line[TAIL_LINES], *said = NULL;
	size_t k = 0, len = 0;

	*out = '\0';
	if (!read_tail(path, buf, sizeof(buf)))
		return;
	for (char *s = buf, *l; (l = strsep(&s, "\n"));) {
		if (!*(l = tidy(l)))
			continue;
		if (last_words(l))
			said = l;
		if (k == TAIL_LINES)
			memmove(line, line + 1, --k * sizeof(*line));
		line[k++] = l;
	}
	/* Its last words first, when the last lines are not them. */
	if (said && said < line[0])
		len = snprintf(out, size, "%s | ...", said);
	for (size_t i = 0; i < k && len < size; i++)
		len += snprintf(out + len, size - len, "%s%s", len ? " | " : "", line[i]);
}

const char *eb_linux_initramfs(void)
{
	static char path[PATH_MAX + 32];
	const char *env = getenv("ENTRYBENCH_LINUX_INITRAMFS");

	if (env && *env)
		return env;
	snprintf(path, sizeof(path), "%s/initramfs.cpio.gz",
		 eb_data_dir(EB_DATA_LINUX_GUEST));
	return path;
}
