/*
 * A minor page fault: the first write to a page of fresh private anonymous
 * memory, which the kernel fills with a zeroed page.  Each batch faults k
 * pages that MADV_DONTNEED emptied beforehand (untimed).
 */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "guest.h"
#include "probe.h"

#define PAGE		4096ul
#define MAX_PAGES	(64ul << 10)	/* 256 MiB of address space */

static volatile unsigned char *region, *next;
static size_t pages;
static long minflt_before;

/* Not in assembly: the trip's own loads and stores are the C ABI's. */
static void pf_trip(void)
{
	*next = 1;
	next += PAGE;
}

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

static const char *unsupported(const struct guest_config *cfg)
{
	if (cfg->k > MAX_PAGES || cfg->warmup > MAX_PAGES)
		return "eb.k and eb.warmup above 65536 would need more fresh pages "
		       "than pf-minor maps (256 MiB)";
	return NULL;
}

static const char *setup(const struct guest_config *cfg)
{
	pages = cfg->k > cfg->warmup ? cfg->k : cfg->warmup;
	region = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED)
		return "mmap of the fresh pages failed";
	/* One 4 KiB page per fault, never a transparent huge page. */
	if (madvise((void *)region, pages * PAGE, MADV_NOHUGEPAGE))
		return "madvise(MADV_NOHUGEPAGE) failed";
	return NULL;
}

static void prepare(void)
{
	madvise((void *)region, pages * PAGE, MADV_DONTNEED);
	next = region;
	minflt_before = minflt();
}

static const char *check(void)
{
	static char why[96];
	long faults = minflt() - minflt_before;

	if (faults != 1)
		snprintf(why, sizeof(why), "%ld minor faults for one first write, not 1",
			 faults);
	else if (next != region + PAGE || region[0] != 1)
		snprintf(why, sizeof(why), "the write did not land in the fresh page");
	else if (region[1] != 0 || region[PAGE - 1] != 0)
		snprintf(why, sizeof(why), "the fresh page was not zeroed");
	else
		return NULL;
	return why;
}

static void teardown(void)
{
	munmap((void *)region, pages * PAGE);
}

PROBE(pf_minor) = {
	.name = "pf-minor",
	.family = "exception",
	.peer = "pf-extable-ptregs",
	.models = "a write to a fresh private anonymous page: exc_page_fault, "
		  "handle_mm_fault allocating and zeroing a page, exit through IRET",
	.source = "Linux arch/x86/mm/fault.c exc_page_fault, mm/memory.c do_anonymous_page",
	.clobbers = C_CLOBBERS,
	.unsupported = unsupported,
	.setup = setup,
	.prepare = prepare,
	.trip = pf_trip,
	.check = check,
	.teardown = teardown,
};
