/* SPDX-License-Identifier: MIT */
/* The QMP client against a scripted peer on a socketpair. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "run/nmi_injector.h"
#include "run/qmp.h"

#define GREETING "{\"QMP\": {\"version\": {}, \"capabilities\": []}}\n"
#define OK "{\"return\": {}}\n"

/* A client on one end of a socketpair whose peer already said `script`. */
static struct eb_qmp *scripted(const char *script, int *peer, char *why,
			       size_t size)
{
	int sv[2];

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(write(sv[1], script, strlen(script)), (ssize_t)strlen(script));
	*peer = sv[1];
	return eb_qmp_open_fd(sv[0], 0.2, why, size);
}

/* What the client sent, as one string. */
static char *sent(int peer)
{
	static char buf[1024];
	ssize_t n = read(peer, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static void negotiate_and_inject(void **state)
{
	(void)state;
	char why[256] = "";
	int peer;
	struct eb_qmp *q = scripted(GREETING OK
		"{\"event\": \"NMI\", \"timestamp\": {}}\n" OK, &peer, why, sizeof(why));

	assert_non_null(q);
	/* An event before the reply is skipped, not taken for it. */
	assert_true(eb_qmp_execute(q, "inject-nmi", 0.2, why, sizeof(why)));
	assert_string_equal(sent(peer), "{\"execute\": \"qmp_capabilities\"}\n"
			    "{\"execute\": \"inject-nmi\"}\n");
	/* No answer: a timeout, not a hang. */
	assert_false(eb_qmp_execute(q, "inject-nmi", 0.05, why, sizeof(why)));
	assert_non_null(strstr(why, "no answer"));
	eb_qmp_close(q);
	close(peer);
}

static void errors(void **state)
{
	(void)state;
	char why[256] = "";
	int peer;

	assert_null(scripted("{\"hello\": 1}\n", &peer, why, sizeof(why)));
	assert_non_null(strstr(why, "no \"QMP\""));
	close(peer);
	assert_null(scripted("not json\n", &peer, why, sizeof(why)));
	assert_non_null(strstr(why, "not a JSON object"));
	close(peer);

	struct eb_qmp *q = scripted(GREETING OK
		"{\"error\": {\"class\": \"GenericError\", \"desc\": \"no NMI here\"}}\n",
		&peer, why, sizeof(why));
	assert_non_null(q);
	assert_false(eb_qmp_execute(q, "inject-nmi", 0.2, why, sizeof(why)));
	assert_string_equal(why, "QMP inject-nmi: no NMI here");
	close(peer);
	assert_false(eb_qmp_execute(q, "inject-nmi", 0.2, why, sizeof(why)));
	eb_qmp_close(q);

	bool absent;
	assert_null(eb_qmp_connect("/nonexistent/eb-qmp.sock", 0.1, &absent, why,
				   sizeof(why)));
	assert_true(absent);
}

/* The injection plan is a function of its seed, within its bounds. */
static void gaps(void **state)
{
	(void)state;
	struct eb_nmi_plan plan = { .count = 64, .gap_max_ms = 3, .seed = 42 };
	double a[64], b[64];

	eb_nmi_gaps(&plan, a);
	eb_nmi_gaps(&plan, b);
	assert_memory_equal(a, b, sizeof(a));
	for (int i = 0; i < 64; i++)
		assert_true(a[i] >= EB_NMI_GAP_MIN_MS && a[i] <= 3);
	plan.seed = 43;
	eb_nmi_gaps(&plan, b);
	assert_memory_not_equal(a, b, sizeof(a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(negotiate_and_inject),
		cmocka_unit_test(errors),
		cmocka_unit_test(gaps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
