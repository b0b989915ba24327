/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "lib/array.h"
#include "protogen.h"

char *protogen(const char *const *records, size_t n, const char *status)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	for (size_t i = 0; i < n; i++)
		fprintf(f, "EB1 %zu %s\n", i, records[i]);
	fflush(f);
	uLong crc = crc32(0, (const Bytef *)buf, len);
	fprintf(f, "EB1 %zu end records=%zu crc32=%08lx status=%s\n", n, n, crc,
		status);
	fclose(f);
	return buf;
}

char *protogen_good(void)
{
	static const char *const r[] = {
		"hello proto=1 mode=x86_64 boot=pvh k=4 batches=2 warmup=8 "
			"cmdline=\"eb.k=4 eb.batches=2\"",
		"cpu vendor=AuthenticAMD family=25 model=1 stepping=1 "
			"hypervisor=1 rdtscp=1",
		"calib iters=1000 ticks=2000",
		"variant name=v cpl=3 models=\"a model\" source=\"x.S\"",
		"variant name=w cpl=0 models=m source=s",
		"skip name=w reason=\"no such CPU feature\"",
		"check name=v status=pass detail=\"rcx ok\"",
		"batch name=v i=0 k=4 overhead=40 ticks=440",
		"batch name=v i=1 k=4 overhead=40 ticks=448",
		"timed name=v span=1200",
	};
	return protogen(r, N_OF(r), "pass");
}
