/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/array.h"
#include "results/cpu_power.h"
#include "results/results.h"

/* printf to the end of buf, cut short when full. */
static void append(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

/* The first line of dir/name, trimmed; false with why (strerror) in out. */
static bool read_line(const char *dir, const char *name, char *out,
		      size_t size, char *path, size_t psize)
{
	snprintf(path, psize, "%s/%s", dir, name);
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(out, size, "%s", strerror(errno));
		return false;
	}
	bool ok = fgets(out, size, f) != NULL;
	fclose(f);
	if (!ok) {
		snprintf(out, size, "empty");
		return false;
	}
	size_t n = strlen(out);
	while (n && isspace((unsigned char)out[n - 1]))
		out[--n] = '\0';
	return true;
}

/* A file read as it is: its line, or why not. */
static json_t *verbatim(const char *dir, const char *name)
{
	char line[256], path[4096];

	if (read_line(dir, name, line, sizeof(line), path, sizeof(path)))
		return json_string(line);
	return eb_unavailable("%s: %s", path, line);
}

/*
 * One value when every CPU agrees ("performance"), else each CPU's
 * ("cpu0 performance, cpu1 powersave"): a mix is worth seeing.
 */
static json_t *per_cpu(const char *cpu_dir, const char *name)
{
	char pattern[4096], line[256], path[4096], all[2048] = "", first[256] = "";
	glob_t g;
	bool same = true;

	snprintf(pattern, sizeof(pattern), "%s/cpu[0-9]*", cpu_dir);
	if (glob(pattern, 0, NULL, &g) != 0)
		return eb_unavailable("no %s/cpuN directories", cpu_dir);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		/* An offline CPU has no cpufreq and runs nothing. */
		if (read_line(g.gl_pathv[i], "online", line, sizeof(line), path,
			      sizeof(path)) && strcmp(line, "0") == 0)
			continue;
		snprintf(pattern, sizeof(pattern), "%s/cpufreq", g.gl_pathv[i]);
		if (!read_line(pattern, name, line, sizeof(line), path, sizeof(path))) {
			globfree(&g);
			return eb_unavailable("%s: %s", path, line);
		}
		const char *cpu = strrchr(g.gl_pathv[i], '/') + 1;
		append(all, sizeof(all), "%s%s %s", *all ? ", " : "", cpu, line);
		same = same && (!*first || strcmp(first, line) == 0);
		if (!*first)
			snprintf(first, sizeof(first), "%s", line);
	}
	globfree(&g);
	if (!*first)
		return eb_unavailable("no CPU of %s is online", cpu_dir);
	return json_string(same ? first : all);
}

/*
 * Boost (AMD) or turbo (Intel): cpufreq/boost (1 = on) where the driver
 * has it, else intel_pstate/no_turbo (0 = on), else the first policy's
 * boost (amd-pstate).
 */
static json_t *boost(const char *cpu_dir)
{
	static const struct {
		const char *file;
		const char *on;		/* the content that means on */
	} sources[] = {
		{ "cpufreq/boost", "1" },
		{ "intel_pstate/no_turbo", "0" },
		{ "cpufreq/policy0/boost", "1" },
	};
	char line[256], path[4096], tried[2048] = "";

	for (size_t i = 0; i < N_OF(sources); i++) {
		if (!read_line(cpu_dir, sources[i].file, line, sizeof(line), path,
			       sizeof(path))) {
			append(tried, sizeof(tried), "%s%s: %s", *tried ? "; " : "",
			       path, line);
			continue;
		}
		if (strcmp(line, "0") != 0 && strcmp(line, "1") != 0)
			return eb_unavailable("%s reads '%s', not 0 or 1", path, line);
		return json_string(strcmp(line, sources[i].on) == 0 ? "on" : "off");
	}
	return eb_unavailable("%s", tried);
}

json_t *eb_cpu_power(const char *cpu_dir)
{
	char smt[4096];

	snprintf(smt, sizeof(smt), "%s/smt", cpu_dir);
	return json_pack("{s:o, s:o, s:o, s:o}",
			 "scaling_driver", per_cpu(cpu_dir, "scaling_driver"),
			 "governor", per_cpu(cpu_dir, "scaling_governor"),
			 "boost", boost(cpu_dir),
			 "smt", verbatim(smt, "control"));
}
