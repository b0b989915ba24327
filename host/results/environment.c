/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <x86intrin.h>

#include <openssl/evp.h>

#include "lib/array.h"
#include "results/cpu_power.h"
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

	for (size_t i = 0; i < N_OF(fields); i++)
		json_object_set_new(o, fields[i].key, json_null());
	while (f && fgets(line, sizeof(line), f) && line[0] != '\n') {
		char *colon = strchr(line, ':');
		if (!colon)
			continue;
		*colon = '\0';
		chomp(line);
		char *val = colon + 1 + (colon[1] == ' ');
		chomp(val);
		for (size_t i = 0; i < N_OF(fields); i++)
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
	/* Cycles depend on the clock the core runs at; instructions do not. */
	bool cycles = strcmp(tier->unit, "tsc_cycles") == 0;
	json_t *env = json_pack("{s:o, s:{s:s, s:s}, s:o*, s:s, s:s, "
				"s:{s:f, s:s}, s:o, s:o*}",
		"cpu", cpu(),
		"host_kernel", "release", u.release, "version", u.version,
		"qemu", qemu ? json_pack("{s:s, s:o}", "path", qemu,
					 "version", version) : NULL,
		"tier", tier->name,
		"accel_reason", accel_why,
		"tsc_hz", "value", tsc_hz(), "method", "measured",
		"mitigations", vulnerabilities(),
		"cpu_power", cycles ? eb_cpu_power("/sys/devices/system/cpu") : NULL);
	if (!env || !eb_env_seal(env)) {
		snprintf(err, size, "cannot describe the environment");
		json_decref(env);
		return NULL;
	}
	return env;
}

/*
 * Not argv, dates, the measured TSC or the provenance: they vary between
 * equal hosts, or name the builds that compare and gate exist to compare.
 * cpu_power and the linux tier's parts are optional so that files from
 * before them (and every tcg file) keep their fingerprint.
 */
const struct eb_env_field eb_env_fields[] = {
	{ .key = "tier", .name = "tier", .object = "tier" },
	{ .key = "host_kernel_release", .name = "host_kernel.release",
	  .object = "host_kernel", .member = "release" },
	{ .key = "qemu_version", .name = "qemu.version", .object = "qemu",
	  .member = "version" },
	{ .key = "cpu", .name = "cpu", .object = "cpu", .split = true },
	{ .key = "mitigations", .name = "mitigations", .object = "mitigations",
	  .split = true },
	{ .key = "cpu_power", .name = "cpu_power", .object = "cpu_power",
	  .split = true, .optional = true },
	/* Tier linux: the kernel and the command lines are what is measured. */
	{ .key = "linux_kernel", .name = "linux.kernel", .object = "linux",
	  .member = "kernel", .split = true, .optional = true, .counts = true },
	{ .key = "linux_columns", .name = "linux.columns", .object = "linux",
	  .member = "columns", .split = true, .optional = true, .counts = true },
	/* Tier nested: L1's kernel is the KVM whose exits are counted. */
	{ .key = "nested_l1_kernel", .name = "nested.l1_kernel", .object = "nested",
	  .member = "l1_kernel", .split = true, .optional = true, .counts = true },
};
const size_t eb_env_nfields = N_OF(eb_env_fields);

json_t *eb_env_get(const json_t *env, const struct eb_env_field *f)
{
	json_t *v = json_object_get(env, f->object);
	return f->member ? json_object_get(v, f->member) : v;
}

bool eb_env_fingerprint(const json_t *env, char hex[65])
{
	json_t *key = json_object();

	for (size_t i = 0; i < eb_env_nfields; i++) {
		json_t *v = eb_env_get(env, &eb_env_fields[i]);
		if (v || !eb_env_fields[i].optional)
			json_object_set(key, eb_env_fields[i].key, v ? v : json_null());
	}
	char *text = json_dumps(key, JSON_COMPACT | JSON_SORT_KEYS);
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

bool eb_env_seal(json_t *env)
{
	char fp[65];

	if (!eb_env_fingerprint(env, fp))
		return false;
	json_object_set_new(env, "fingerprint", json_string(fp));
	return true;
}
