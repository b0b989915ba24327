/* SPDX-License-Identifier: MIT */
#include "native.h"

/* Weak: a program that links no benchmark has no section at all. */
extern const struct eb_native_bench *const __start_eb_native[]
	__attribute__((weak));
extern const struct eb_native_bench *const __stop_eb_native[]
	__attribute__((weak));

const struct eb_native_bench *const *eb_native_all(size_t *n)
{
	*n = __start_eb_native ? (size_t)(__stop_eb_native - __start_eb_native) : 0;
	return __start_eb_native;
}

void eb_native_register(const struct eb_native_bench *const *benches, size_t n)
{
	for (size_t i = 0; i < n; i++)
		eb_gb_register(benches[i]->name, benches[i]->fn,
			       benches[i]->arg, benches[i]->manual_time);
}
