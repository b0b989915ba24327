/* SPDX-License-Identifier: MIT */
/*
 * The guest prints the protocol to port 0xe9; `-debugcon stdio` hands those
 * bytes to our stdout pipe untouched (checked: no CR insertion, nothing
 * else on stdout with -display none and stdin from /dev/null).  QEMU's own
 * complaints go to stderr.
 */
#include <stdio.h>
#include <string.h>

#include "lib/array.h"
#include "run/qemu.h"

int eb_qemu_argv(const char *argv[EB_QEMU_MAXARGS], const char *qemu,
		 const struct eb_tier *tier, const char *machine,
		 const char *image, const char *cmdline)
{
	int n = 0;

	argv[n++] = qemu;
	argv[n++] = "-M";
	argv[n++] = machine;
	for (const char *const *a = tier->qemu_args; *a; a++)
		argv[n++] = *a;
	static const char *const common[] = {
		"-m", "64", "-nodefaults", "-no-user-config",
		"-display", "none", "-no-reboot",
		"-debugcon", "stdio",
		"-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
		NULL
	};
	for (const char *const *a = common; *a; a++)
		argv[n++] = *a;
	argv[n++] = "-kernel";
	argv[n++] = image;
	argv[n++] = "-append";
	argv[n++] = cmdline;
	argv[n] = NULL;
	return n;
}

/*
 * QEMU's exit status.  isa-debug-exit turns guest code c into (c << 1) | 1;
 * -no-reboot turns a triple fault into a clean exit 0, which no guest
 * verdict can produce.
 */
static const struct {
	enum eb_verdict verdict;
	const char *end;	/* the guest's `end status=` that must agree */
	const char *what;
} exits[] = {
	[EB_QEMU_STATUS(EB_EXIT_PASS)] = { EB_V_PASS, "pass", "guest pass" },
	[EB_QEMU_STATUS(EB_EXIT_CHECK_FAILED)] = { EB_V_CHECK_FAILED, "fail",
						   "check failed" },
	[EB_QEMU_STATUS(EB_EXIT_CRASH)] = { EB_V_CRASH, "crash", "guest crash" },
	[EB_QEMU_STATUS(EB_EXIT_USAGE)] = { EB_V_USAGE, "usage",
					    "guest rejected its command line" },
	[0] = { EB_V_CRASH, NULL, "guest reset (triple fault)" },
};

static const char *const verdict_names[] = {
	[EB_V_PASS] = "pass", [EB_V_CHECK_FAILED] = "fail",
	[EB_V_CRASH] = "crashed", [EB_V_USAGE] = "error",
	[EB_V_TIMEOUT] = "timeout", [EB_V_ERROR] = "error",
	[EB_V_INTERRUPTED] = "interrupted",
};

const char *eb_verdict_name(enum eb_verdict v)
{
	return verdict_names[v];
}

/* The last line of QEMU's stderr, which is where it says what went wrong. */
static const char *last_line(char *err)
{
	size_t n = strlen(err);
	while (n && (err[n - 1] == '\n' || err[n - 1] == '\r'))
		err[--n] = '\0';
	char *nl = strrchr(err, '\n');
	return nl ? nl + 1 : *err ? err : "(no message on stderr)";
}

/* "none" for a guest that printed no complete line. */
static const char *last_guest_line(const struct eb_trial *t)
{
	return *t->last_line ? t->last_line : "none";
}

/*
 * A QEMU that did not exit by itself: never started, stopped by us
 * (interrupt, timeout, a protocol error) or killed by a signal.  False if
 * it did exit, and its status says the rest.
 */
static bool judge_not_exited(struct eb_boot *b, const char *qemu)
{
	const struct eb_trial *t = eb_proto_trial(b->proto);
	struct eb_outcome *o = &b->outcome;
	int code = b->proc.code;

	switch (b->proc.how) {
	case EB_PROC_NOSPAWN:
		o->verdict = EB_V_ERROR;
		snprintf(o->why, sizeof(o->why), "cannot start QEMU %s: %s",
			 qemu, strerror(code));
		return true;
	case EB_PROC_INTERRUPTED:
		o->verdict = EB_V_INTERRUPTED;
		snprintf(o->why, sizeof(o->why), "interrupted by SIG%s",
			 sigabbrev_np(code) ? sigabbrev_np(code) : "?");
		return true;
	case EB_PROC_TIMEOUT:
		o->verdict = EB_V_TIMEOUT;
		snprintf(o->why, sizeof(o->why),
			 "timeout after %.0f s (killed); last line: %s",
			 b->proc.seconds, last_guest_line(t));
		return true;
	case EB_PROC_STOPPED:
		o->verdict = EB_V_ERROR;
		snprintf(o->why, sizeof(o->why), "protocol: %s%s", t->error,
			 strstr(t->error, "stopped reading") ? "" :
			 "; then the output exceeded the cap: QEMU killed");
		return true;
	case EB_PROC_SIGNALED:
		o->verdict = EB_V_ERROR;
		snprintf(o->why, sizeof(o->why), "QEMU killed by signal %d: %s; "
			 "last line: %s", code, last_line(b->proc.err),
			 last_guest_line(t));
		return true;
	case EB_PROC_EXITED:
		break;
	}
	return false;
}

/*
 * QEMU exited before the guest printed a byte.  False if the guest did
 * print: then the guest's own verdict is what counts.
 */
static bool judge_silent(struct eb_boot *b, const char *qemu)
{
	struct eb_outcome *o = &b->outcome;
	int code = b->proc.code;

	if (eb_proto_trial(b->proto)->bytes)
		return false;
	if (code != 0) {
		/*
		 * QEMU refused its arguments (its own failure status, 1, is
		 * also the guest's "pass").  Not "no complete line": an
		 * over-long or empty first line is the guest's (and a
		 * protocol error).
		 */
		o->verdict = EB_V_ERROR;
		snprintf(o->why, sizeof(o->why), "QEMU exited with status %d "
			 "before the guest printed anything: %s (check --qemu, "
			 "--accel and the QEMU version; -v prints the command "
			 "line)", code, last_line(b->proc.err));
		return true;
	}
	/*
	 * Exit 0 with no output stays a reset: a triple fault before the
	 * first line, or not a QEMU at all (--qemu /bin/true); nothing tells
	 * the two apart.
	 */
	o->verdict = EB_V_CRASH;
	snprintf(o->why, sizeof(o->why), "QEMU exited with status 0 and no "
		 "guest output: a reset (triple fault) before the first line, "
		 "or %s is not a QEMU", qemu);
	return true;
}

/* A crash: the guest's panic record if it sent one, else its last line. */
static void judge_crash(struct eb_boot *b)
{
	const struct eb_trial *t = eb_proto_trial(b->proto);
	struct eb_outcome *o = &b->outcome;

	if (t->has_panic)
		snprintf(o->why, sizeof(o->why),
			 "guest panic: vector %llu error %#llx rip %#llx "
			 "cs %#llx rsp %#llx cr2 %#llx: %s",
			 (unsigned long long)t->panic_vector,
			 (unsigned long long)t->panic_error,
			 (unsigned long long)t->panic_rip,
			 (unsigned long long)t->panic_cs,
			 (unsigned long long)t->panic_rsp,
			 (unsigned long long)t->panic_cr2, t->panic_what);
	else
		snprintf(o->why, sizeof(o->why), "%s; last line: %s",
			 exits[b->proc.code].what, last_guest_line(t));
}

/*
 * The guest's exit code, through isa-debug-exit, and its `end` record
 * must tell the same story, over a protocol without errors.
 */
static void judge_exit_code(struct eb_boot *b)
{
	const struct eb_trial *t = eb_proto_trial(b->proto);
	struct eb_outcome *o = &b->outcome;
	int code = b->proc.code;

	if (code < 0 || (size_t)code >= N_OF(exits) || !exits[code].what) {
		o->verdict = EB_V_ERROR;
		snprintf(o->why, sizeof(o->why), "QEMU exited with status %d: %s; "
			 "last line: %s", code, last_line(b->proc.err),
			 t->last_line);
		return;
	}
	o->verdict = exits[code].verdict;
	if (o->verdict == EB_V_CRASH) {
		judge_crash(b);
	} else if (t->error[0]) {
		o->verdict = EB_V_ERROR;
		snprintf(o->why, sizeof(o->why), "%s, but protocol: %s",
			 exits[code].what, t->error);
	} else if (strcmp(t->end_status, exits[code].end) != 0) {
		o->verdict = EB_V_ERROR;
		snprintf(o->why, sizeof(o->why),
			 "QEMU says %s but the guest's end says status=%s",
			 exits[code].what, t->end_status);
	} else if (o->verdict == EB_V_USAGE) {
		snprintf(o->why, sizeof(o->why), "%s (a host bug): last line: %s",
			 exits[code].what, t->last_line);
	}
}

/* What the boot came to, from how QEMU ended and what the guest said. */
static void judge(struct eb_boot *b, const char *qemu)
{
	if (!judge_not_exited(b, qemu) && !judge_silent(b, qemu))
		judge_exit_code(b);
}

static bool feed(void *ctx, const void *buf, size_t len)
{
	return eb_proto_feed(ctx, buf, len);
}

void eb_qemu_boot(const char *const argv[], double timeout_s,
		  struct eb_boot *b)
{
	eb_qemu_boot_timed(argv, timeout_s, NULL, b);
}

void eb_qemu_boot_timed(const char *const argv[], double timeout_s,
			struct eb_timer *timer, struct eb_boot *b)
{
	*b = (struct eb_boot){ .proto = eb_proto_new() };
	eb_spawn_timed(argv, timeout_s, feed, b->proto, timer, &b->proc);
	eb_proto_finish(b->proto);
	judge(b, argv[0]);
}

bool eb_qemu_find(const char *name, char *path, size_t size,
		  char *why, size_t whysize)
{
	char e[256];

	if (eb_find_program(name, path, size, e, sizeof(e)))
		return true;
	snprintf(why, whysize, "QEMU %s; install it with ci/setup.sh "
		 "(Debian package qemu-system-x86) or pass --qemu PATH", e);
	return false;
}
