/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <x86intrin.h>

#include <openssl/evp.h>

#include "results/environment.h"
#include "run/spawn.h"

static void chomp(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

/* The first processor's block of /proc/cpuinfo: they are all alike. */
static json_t *cpu(void)
{
	static const struct {
		const char *field;	/* as /proc/cpuinfo spells it */
		const char *key;
		bool number;
	} fields[] = {
		{ .field = "vendor_id", .key = "vendor" },
		{ .field = "model name", .key = "model_name" },
		{ .field = "cpu family", .key = "family", .number = true },
		{ .field = "model", .key = "model", .number = true },
		{ .field = "stepping", .key = "stepping", .number = true },
		{ .field = "microcode", .key = "microcode" },
	};
	json_t *o = json_object();
	char line[8192];
	FILE *f = fopen("/proc/cpuinfo", "r");

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		json_object_set_new(o, fields[i].key, json_null());
	while (f && fgets(line, sizeof(line), f) && line[0] != '\n') {
		char *colon = strchr(line, ':');
		if (!colon)
			continue;
		*colon = '\0';
		chomp(line);
		char *val = colon + 1 + (colon[1] == ' ');
		chomp(val);
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			if (strcmp(line, fields[i].field) == 0)
				json_object_set_new(o, fields[i].key, fields[i].number ?
					json_integer(strtoll(val, NULL, 10)) :
					json_string(val));
	}
	if (f)
		fclose(f);
	return o;
}

/* name -> content for every file: the mitigations in force. */
static json_t *vulnerabilities(void)
{
	const char *dir = "/sys/devices/system/cpu/vulnerabilities";
	json_t *o = json_object();
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		char path[512], text[1024] = "";
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		FILE *f = names[i]->d_name[0] != '.' ? fopen(path, "r") : NULL;
		if (f) {
			if (fgets(text, sizeof(text), f))
				chomp(text);
			json_object_set_new(o, names[i]->d_name, json_string(text));
			fclose(f);
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	return o;
}

static bool first_line(void *ctx, const void *buf, size_t len)
{
	char *line = ctx;
	size_t have = strlen(line);
	size_t room = 255 - have;	/* ctx is 256 bytes */

	memcpy(line + have, buf, len < room ? len : room);
	line[have + (len < room ? len : room)] = '\0';
	return true;
}

static json_t *qemu_version(const char *qemu, char *err, size_t size)
{
	const char *argv[] = { qemu, "--version", NULL };
	char out[256] = "";
	struct eb_proc proc;

	eb_spawn(argv, 10, first_line, out, &proc);
	if (proc.how != EB_PROC_EXITED || proc.code != 0) {
		snprintf(err, size, "%s --version failed (%s): %s", qemu,
			 proc.how == EB_PROC_TIMEOUT ? "no answer in 10 s" :
			 proc.how == EB_PROC_NOSPAWN ? strerror(proc.code) :
			 proc.how == EB_PROC_EXITED ? "non-zero exit status" :
			 "killed", proc.err);
		chomp(err);
		return NULL;
	}
	out[strcspn(out, "\n")] = '\0';
	/* Its version goes into the fingerprint: it had better be QEMU's. */
	if (strncmp(out, "QEMU emulator version ", 22) != 0) {
		snprintf(err, size, "%s is not a QEMU: --version printed '%s'",
			 qemu, out);
		return NULL;
	}
	return json_string(out);
}

/* TSC ticks per second of CLOCK_MONOTONIC_RAW over ~50 ms. */
static double tsc_hz(void)
{
	struct timespec a, b, d = { .tv_nsec = 50 * 1000 * 1000 };

	clock_gettime(CLOCK_MONOTONIC_RAW, &a);
	unsigned long long t0 = __rdtsc();
	nanosleep(&d, NULL);
	clock_gettime(CLOCK_MONOTONIC_RAW, &b);
	unsigned long long t1 = __rdtsc();
	double s = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	return (t1 - t0) / s;
}

json_t *eb_env_collect(const char *qemu, const struct eb_tier *tier,
		       const char *accel_why, char *err, size_t size)
{
	struct utsname u;
	json_t *version = NULL;

	/* No QEMU (the native tier): no qemu object at all. */
	if (qemu && !(version = qemu_version(qemu, err, size)))
		return NULL;
	uname(&u);
	json_t *env = json_pack("{s:o, s:{s:s, s:s}, s:o*, s:s, s:s, "
				"s:{s:f, s:s}, s:o}",
		"cpu", cpu(),
		"host_kernel", "release", u.release, "version", u.version,
		"qemu", qemu ? json_pack("{s:s, s:o}", "path", qemu,
					 "version", version) : NULL,
		"tier", tier->name,
		"accel_reason", accel_why,
		"tsc_hz", "value", tsc_hz(), "method", "measured",
		"mitigations", vulnerabilities());
	char fp[65];
	if (!env || !eb_env_fingerprint(env, fp)) {
		snprintf(err, size, "cannot describe the environment");
		json_decref(env);
		return NULL;
	}
	json_object_set_new(env, "fingerprint", json_string(fp));
	return env;
}

bool eb_env_fingerprint(const json_t *env, char hex[65])
{
	/* Not argv, dates or the measured TSC: they vary between equal hosts. */
	json_t *key = json_pack("{s:O?, s:O?, s:O?, s:O?, s:O?}",
		"cpu", json_object_get(env, "cpu"),
		"host_kernel_release",
		json_object_get(json_object_get(env, "host_kernel"), "release"),
		"qemu_version",
		json_object_get(json_object_get(env, "qemu"), "version"),
		"tier", json_object_get(env, "tier"),
		"mitigations", json_object_get(env, "mitigations"));
	char *text = key ? json_dumps(key, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	bool ok = text && EVP_Digest(text, strlen(text), md, &len,
				     EVP_sha256(), NULL);

	for (unsigned int i = 0; ok && i < len; i++)
		sprintf(hex + 2 * i, "%02x", md[i]);
	free(text);
	json_decref(key);
	return ok;
}
