/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/array.h"
#include "lib/data_dirs.h"

/*
 * The build passes, for each, the build tree's directory and the install
 * directory relative to the prefix (GNUInstallDirs; absolute when it was
 * configured so).  A build without the install ones (the fuzz project)
 * only ever looks in the build tree.
 */
#ifndef EB_INSTALL_BINDIR
#define EB_INSTALL_BINDIR		NULL
#define EB_INSTALL_KERNELDIR		NULL
#define EB_INSTALL_LINUXGUESTDIR	NULL
#define EB_INSTALL_PLOTSDIR		NULL
#define EB_INSTALL_XRAYDIR		NULL
#endif
#ifndef EB_XRAY_DIR_DEFAULT		/* the fuzz project builds no plugin */
#define EB_XRAY_DIR_DEFAULT		"."
#endif

static const struct {
	const char *build, *install;
} dirs[] = {
	[EB_DATA_KERNELS] = { EB_KERNEL_DIR_DEFAULT, EB_INSTALL_KERNELDIR },
	[EB_DATA_LINUX_GUEST] = { EB_LINUX_GUEST_DIR_DEFAULT, EB_INSTALL_LINUXGUESTDIR },
	[EB_DATA_PLOTS] = { EB_PLOTS_DIR, EB_INSTALL_PLOTSDIR },
	[EB_DATA_XRAY] = { EB_XRAY_DIR_DEFAULT, EB_INSTALL_XRAYDIR },
};

/* P when path is P/bindir/<file> for a relative bindir; false if not. */
static bool prefix_of(const char *path, const char *bindir, char *out,
		      size_t size)
{
	const char *slash = strrchr(path, '/');
	size_t dir, len = bindir ? strlen(bindir) : 0;

	if (!slash || !len || bindir[0] == '/')
		return false;
	dir = (size_t)(slash - path);
	if (dir <= len || path[dir - len - 1] != '/' ||
	    strncmp(path + dir - len, bindir, len) != 0)
		return false;
	snprintf(out, size, "%.*s", (int)(dir - len - 1), path);
	return true;
}

const char *eb_install_prefix(void)
{
	static char prefix[PATH_MAX];
	static int known = -1;	/* -1: not looked yet */
	char exe[PATH_MAX];
	ssize_t n;

	if (known < 0) {
		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		exe[n > 0 ? n : 0] = '\0';
		known = n > 0 && prefix_of(exe, EB_INSTALL_BINDIR, prefix,
					   sizeof(prefix));
	}
	return known ? prefix : NULL;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *eb_data_dir(enum eb_data what)
{
	static char installed[N_OF(dirs)][PATH_MAX + 64];
	const char *prefix = eb_install_prefix(), *rel = dirs[what].install;

	if (!prefix || !rel)
		return dirs[what].build;
	if (!installed[what][0])
		snprintf(installed[what], sizeof(installed[what]), "%s%s%s",
			 rel[0] == '/' ? "" : prefix, rel[0] == '/' ? "" : "/", rel);
	/* A build-tree entrybench copied to some bin/ still finds its build. */
	return is_dir(installed[what]) ? installed[what] : dirs[what].build;
}
