/* SPDX-License-Identifier: MIT */
/*
 * Host counters: name resolution against a fake tracefs, unavailability
 * reported with its reason and never as a value, and a software event
 * really counted on a child.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"
#include "counters/perf_events.h"

static char root[] = "/tmp/eb-test-counters.XXXXXX";

static void mk(const char *path)
{
	char p[512];
	snprintf(p, sizeof(p), "%s%s", root, path);
	assert_int_equal(mkdir(p, 0755), 0);
}

static struct eb_counters cs;
static char err[512];

static bool open1(const char *name)
{
	const char *names[] = { name };
	*err = '\0';
	return eb_counters_open(&cs, getpid(), names, 1, root, err, sizeof(err));
}

/* An unavailable counter: a reason, and no value in the JSON. */
static void expect_unavailable(const char *name, const char *why)
{
	assert_true(open1(name));
	assert_int_equal(cs.n, 1);
	assert_int_equal(cs.c[0].fd, -1);
	eb_counters_read(&cs);
	assert_false(cs.c[0].has_value);
	assert_non_null(strstr(cs.c[0].why, why));
	json_t *j = eb_counters_json(&cs), *c = json_object_get(j, name);
	assert_null(json_object_get(c, "value"));
	assert_non_null(strstr(json_string_value(json_object_get(c, "unavailable")), why));
	json_decref(j);
	eb_counters_close(&cs);
}

static void tracefs_missing_then_present(void **state)
{
	(void)state;
	expect_unavailable("kvm:kvm_pio", "no tracefs");

	mk("/sys");
	mk("/sys/kernel");
	mk("/sys/kernel/tracing");
	mk("/sys/kernel/tracing/events");
	expect_unavailable("kvm:kvm_pio", "no tracepoint subsystem 'kvm'");

	/* A subsystem without the event: a typo, bad usage. */
	mk("/sys/kernel/tracing/events/kvm");
	assert_false(open1("kvm:kvm_nonsense"));
	assert_non_null(strstr(err, "unknown tracepoint 'kvm:kvm_nonsense'"));
}

static void nonsense_is_bad_usage(void **state)
{
	(void)state;
	assert_false(open1("nonsense"));
	assert_non_null(strstr(err, "unknown event 'nonsense'"));
}

static void too_many(void **state)
{
	(void)state;
	const char *names[EB_COUNTERS_MAX + 1];

	for (size_t i = 0; i < EB_COUNTERS_MAX + 1; i++)
		names[i] = "page-faults";
	assert_false(eb_counters_open(&cs, getpid(), names, EB_COUNTERS_MAX + 1,
				      root, err, sizeof(err)));
	assert_non_null(strstr(err, "more than"));
}

/*
 * Guest-only PMU events need a PMU: on a host without one, say so; with a
 * PMU that refuses the event, do not claim there is none.  Whether there
 * is one is read under root (the fake sysfs has none until made).
 */
static void cycles_without_pmu(void **state)
{
	(void)state;
	const char *names[] = { "cycles" };

	assert_true(eb_counters_open(&cs, getpid(), names, 1, root, err, sizeof(err)));
	bool opened = cs.c[0].fd >= 0;
	eb_counters_close(&cs);
	if (opened)
		skip();	/* this host's PMU counts it: nothing to show here */
	expect_unavailable("cycles", "no PMU: this host exposes no CPU "
			   "performance counters");
	mk("/sys/bus");
	mk("/sys/bus/event_source");
	mk("/sys/bus/event_source/devices");
	mk("/sys/bus/event_source/devices/cpu");
	expect_unavailable("cycles", "the CPU's PMU cannot count this event "
			   "for the guest alone");
}

/* Under TCG: KVM counters withheld with the reason; the others stay. */
static void withhold(void **state)
{
	(void)state;
	const char *names[] = { "cycles", "page-faults" };

	assert_true(eb_counters_open(&cs, getpid(), names, 2, root, err, sizeof(err)));
	eb_counters_withhold(&cs, "TCG tier: no KVM");
	assert_string_equal(cs.c[0].why, "TCG tier: no KVM");
	assert_int_equal(cs.c[0].fd, -1);
	assert_false(cs.c[1].needs_kvm);
	assert_string_not_equal(cs.c[1].why, "TCG tier: no KVM");
	eb_counters_close(&cs);
}

/* A software event on a child that execs: counted from the exec on. */
static void counts_a_child(void **state)
{
	(void)state;
	const char *names[] = { "task-clock", "context-switches" };
	int go[2], status;

	assert_int_equal(pipe(go), 0);
	pid_t pid = fork();
	if (pid == 0) {
		char b;
		close(go[1]);
		if (read(go[0], &b, 1) == 1)
			execlp("sh", "sh", "-c", "for i in 1 2 3; do :; done", (char *)NULL);
		_exit(127);
	}
	close(go[0]);
	assert_true(eb_counters_open(&cs, pid, names, 2, "", err, sizeof(err)));
	assert_int_equal(write(go[1], "g", 1), 1);
	close(go[1]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	eb_counters_read(&cs);
	if (!cs.c[0].has_value)	/* e.g. perf_event_paranoid and not root */
		assert_non_null(strstr(cs.c[0].why, "no permission"));
	else
		assert_true(cs.c[0].value > 0);	/* ns on the CPU: never 0 */
	json_t *j = eb_counters_json(&cs);
	assert_true(json_is_integer(json_object_get(json_object_get(j,
				"task-clock"), "value")) == cs.c[0].has_value);
	json_decref(j);
	eb_counters_close(&cs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tracefs_missing_then_present),
		cmocka_unit_test(nonsense_is_bad_usage),
		cmocka_unit_test(too_many),
		cmocka_unit_test(cycles_without_pmu),
		cmocka_unit_test(withhold),
		cmocka_unit_test(counts_a_child),
	};
	if (!mkdtemp(root))
		return 1;
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	if (fixture_remove_tree(root) != 0)
		failed++;
	return failed;
}
