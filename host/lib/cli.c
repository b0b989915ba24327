/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/cli.h"
#include "lib/progress.h"

static struct eb_argv command_line;

void eb_command_line_keep(int argc, char *const argv[])
{
	char **copy = calloc(argc + 1, sizeof(*copy));

	if (!copy)
		abort();
	for (int i = 0; i < argc; i++)
		if (!(copy[i] = strdup(argv[i])))
			abort();
	command_line = (struct eb_argv){ argc, copy };
}

const struct eb_argv *eb_command_line(void)
{
	return &command_line;
}

void eb_error(const char *fmt, ...)
{
	va_list ap;

	eb_progress_hide();
	fputs("entrybench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void eb_print_argv(FILE *f, const char *const argv[])
{
	for (int i = 0; argv[i]; i++) {
		const char *a = argv[i];
		bool plain = *a && strspn(a, "abcdefghijklmnopqrstuvwxyz"
					  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
					  "-_=,./:+") == strlen(a);
		fprintf(f, plain ? "%s%s" : "%s'%s'", i ? " " : "", a);
	}
	fputc('\n', f);
}

bool eb_mkdirs(const char *dir, char *err, size_t size)
{
	char path[4096];

	if (snprintf(path, sizeof(path), "%s", dir) >= (int)sizeof(path)) {
		snprintf(err, size, "%s: path too long", dir);
		return false;
	}
	/* Each prefix ending before a '/', then the whole path. */
	for (char *p = path + 1; ; p++) {
		if (*p && *p != '/')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST) {
			snprintf(err, size, "cannot create directory %s: %s", path,
				 strerror(errno));
			return false;
		}
		*p = c;
		if (!c)
			return true;
	}
}

int eb_can_create(const char *prefix)
{
	char tmp[4200];
	int n = snprintf(tmp, sizeof(tmp), "%s.XXXXXX", prefix);

	if (n < 0 || (size_t)n >= sizeof(tmp))
		return ENAMETOOLONG;
	int fd = mkstemp(tmp);
	if (fd < 0)
		return errno;
	close(fd);
	unlink(tmp);
	return 0;
}

bool eb_mkdirs_for(const char *file, char *err, size_t size)
{
	char dir[4096];
	const char *slash = strrchr(file, '/');

	if (!slash || slash == file)
		return true;
	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - file), file);
	return eb_mkdirs(dir, err, size);
}
