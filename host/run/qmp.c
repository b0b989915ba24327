/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "run/qmp.h"

/* QMP replies are short; a longer line means this is not QEMU talking. */
#define QMP_LINE	8192

struct eb_qmp {
	int fd;
	char buf[QMP_LINE];
	size_t len;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The next line as JSON, which must be an object; NULL with a reason. */
static json_t *next_object(struct eb_qmp *q, double deadline, char *why,
			   size_t size)
{
	for (;;) {
		char *nl = memchr(q->buf, '\n', q->len);
		if (nl) {
			json_error_t e;
			size_t n = nl - q->buf + 1;
			json_t *o = json_loadb(q->buf, n, 0, &e);
			memmove(q->buf, q->buf + n, q->len - n);
			q->len -= n;
			if (json_is_object(o))
				return o;
			json_decref(o);
			snprintf(why, size, "QMP: not a JSON object: %s", e.text);
			return NULL;
		}
		if (q->len == sizeof(q->buf)) {
			snprintf(why, size, "QMP: line longer than %d bytes", QMP_LINE);
			return NULL;
		}
		struct pollfd p = { .fd = q->fd, .events = POLLIN };
		double left = deadline - now();
		int r = left > 0 ? poll(&p, 1, (int)(left * 1000) + 1) : 0;
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			snprintf(why, size, "QMP: %s", r ? strerror(errno) :
				 "no answer before the timeout");
			return NULL;
		}
		ssize_t got = read(q->fd, q->buf + q->len, sizeof(q->buf) - q->len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			snprintf(why, size, "QMP: %s", got ? strerror(errno) :
				 "QEMU closed the connection");
			return NULL;
		}
		q->len += got;
	}
}

bool eb_qmp_execute(struct eb_qmp *q, const char *command, double timeout_s,
		    char *why, size_t size)
{
	double deadline = now() + timeout_s;
	char line[128];
	int n = snprintf(line, sizeof(line), "{\"execute\": \"%s\"}\n", command);

	if (n <= 0 || (size_t)n >= sizeof(line) ||
	    send(q->fd, line, n, MSG_NOSIGNAL) != n) {
		snprintf(why, size, "QMP: cannot send %s: %s", command,
			 strerror(errno));
		return false;
	}
	for (;;) {
		json_t *o = next_object(q, deadline, why, size);
		if (!o)
			return false;
		/* Events (STOP, RESET, ...) may come before the reply. */
		bool event = json_object_get(o, "event") != NULL;
		bool ok = json_object_get(o, "return") != NULL;
		const char *desc = json_string_value(json_object_get(
				json_object_get(o, "error"), "desc"));
		if (!event && !ok)
			snprintf(why, size, "QMP %s: %s", command,
				 desc ? desc : "neither return nor error");
		json_decref(o);
		if (!event)
			return ok;
	}
}

struct eb_qmp *eb_qmp_open_fd(int fd, double timeout_s, char *why, size_t size)
{
	struct eb_qmp *q = calloc(1, sizeof(*q));

	if (!q)
		abort();
	q->fd = fd;
	json_t *greeting = next_object(q, now() + timeout_s, why, size);
	bool qmp = greeting && json_object_get(greeting, "QMP");
	json_decref(greeting);
	if (greeting && !qmp)
		snprintf(why, size, "QMP: the greeting has no \"QMP\" member");
	if (!qmp || !eb_qmp_execute(q, "qmp_capabilities", timeout_s, why, size)) {
		eb_qmp_close(q);
		return NULL;
	}
	return q;
}

struct eb_qmp *eb_qmp_connect(const char *path, double timeout_s,
			      bool *absent, char *why, size_t size)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	*absent = false;
	if (strlen(path) >= sizeof(a.sun_path)) {
		snprintf(why, size, "QMP: socket path too long: %s", path);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	strcpy(a.sun_path, path);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		*absent = fd >= 0 && (errno == ENOENT || errno == ECONNREFUSED);
		snprintf(why, size, "QMP: cannot connect to %s: %s", path,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	return eb_qmp_open_fd(fd, timeout_s, why, size);
}

void eb_qmp_close(struct eb_qmp *q)
{
	if (!q)
		return;
	close(q->fd);
	free(q);
}
