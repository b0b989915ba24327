/* SPDX-License-Identifier: MIT */
/* Gating the linux tier: results/linux_gate.h. */
#include <stdio.h>
#include <string.h>

#include "lib/array.h"
#include "results/linux_gate.h"

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static const json_t *kernel(const json_t *res)
{
	return json_object_get(json_object_get(json_object_get(res, "environment"),
					       "linux"), "kernel");
}

bool eb_linux_gate_args(const json_t *base, const char *kern,
			struct eb_linux_args *a)
{
	const json_t *lx = json_object_get(json_object_get(base, "parameters"), "linux");
	size_t i, len = 0;
	json_t *v;

	a->n = 0;
	a->args[a->n++] = "--guest";
	a->args[a->n++] = "linux";
	a->args[a->n++] = "--trials";
	a->args[a->n++] = "1";
	a->cpus[0] = '\0';
	json_array_foreach(json_object_get(lx, "cpus"), i, v)
		len += snprintf(a->cpus + len, len < sizeof(a->cpus) ?
				sizeof(a->cpus) - len : 0, "%s%s", i ? "," : "",
				json_string_value(v));
	if (len >= sizeof(a->cpus))
		return false;
	a->args[a->n++] = "--linux-cpu";
	a->args[a->n++] = a->cpus;
	json_array_foreach(json_object_get(lx, "append"), i, v) {
		if (a->n + 5 > N_OF(a->args))
			return false;
		a->args[a->n++] = "--linux-append";
		a->args[a->n++] = json_string_value(v);
	}
	if (kern) {
		a->args[a->n++] = "--linux-kernel";
		a->args[a->n++] = kern;
	}
	a->args[a->n] = NULL;
	return true;
}

void eb_linux_kernel_name(const json_t *res, char *out, size_t size)
{
	const json_t *k = kernel(res);

	snprintf(out, size, "%s (%s%s)", *str(k, "release") ? str(k, "release") :
		 "release unknown", *str(k, "package") ? "Debian " : "sha256 ",
		 *str(k, "package") ? str(k, "package") : str(k, "sha256"));
}

bool eb_linux_kernel_differs(const json_t *a, const json_t *b)
{
	return strcmp(str(kernel(a), "sha256"), str(kernel(b), "sha256")) != 0;
}

void eb_linux_new_kernel(const json_t *base, const char *bname,
			 const json_t *cur, char *out, size_t size)
{
	char was[512], now[512];
	const json_t *k = kernel(cur);
	const char *version = strrchr(str(k, "package"), ' ');

	eb_linux_kernel_name(base, was, sizeof(was));
	eb_linux_kernel_name(cur, now, sizeof(now));
	snprintf(out, size, "the baseline %s was measured on Linux %s, this run "
		 "on Linux %s: counts of two kernels do not gate each other; to "
		 "gate on the new one: entrybench baseline update --baseline %s "
		 "--reason \"Linux %s%s%s\"", bname, was, now, bname,
		 *str(k, "release") ? str(k, "release") : "kernel",
		 version ? ", Debian " : "", version ? version + 1 : "");
}
