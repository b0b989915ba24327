/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/perf_event.h>
#include <perfmon/pfmlib_perf_event.h>

#include "counters/perf_events.h"
#include "lib/array.h"

/* What resolving a name gave: an event to open, a reason, or bad usage. */
enum resolved { RESOLVED, UNAVAILABLE, UNKNOWN };

/* Where tracefs may be mounted, newest convention first. */
static const char *const tracefs_dirs[] = {
	"/sys/kernel/tracing",
	"/sys/kernel/debug/tracing",
};

static enum resolved unavailable(struct eb_counter *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static enum resolved unavailable(struct eb_counter *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->why, sizeof(c->why), fmt, ap);
	va_end(ap);
	return UNAVAILABLE;
}

static bool is_dir(const char *root, const char *path)
{
	char p[512];
	struct stat st;

	snprintf(p, sizeof(p), "%s%s", root, path);
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool tracepoint_name(const char *name, char *sys, char *event, size_t size)
{
	const char *colon = strchr(name, ':');

	if (!colon || colon == name || !colon[1] || strchr(colon + 1, ':') ||
	    (size_t)(colon - name) >= size || strlen(colon + 1) >= size)
		return false;
	snprintf(sys, size, "%.*s", (int)(colon - name), name);
	snprintf(event, size, "%s", colon + 1);
	return strspn(sys, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(sys) &&
	       strspn(event, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(event);
}

/*
 * A tracepoint's attr from tracefs.  UNKNOWN only when the subsystem
 * exists but has no such event: a typo.  A missing subsystem may be a
 * module not loaded (kvm on a host without it): unavailable.
 */
static enum resolved tracepoint(struct eb_counter *c, const char *sys,
				const char *event, const char *root,
				struct perf_event_attr *attr, char *err,
				size_t size)
{
	const char *dir = NULL;
	char path[512], id[32] = "";

	for (size_t i = 0; i < N_OF(tracefs_dirs); i++) {
		snprintf(path, sizeof(path), "%s/events", tracefs_dirs[i]);
		if (!dir && is_dir(root, path))
			dir = tracefs_dirs[i];
	}
	c->needs_kvm = strcmp(sys, "kvm") == 0;
	if (!dir)
		return unavailable(c, "no tracefs: mount it (mount -t tracefs "
				   "nodev /sys/kernel/tracing)");
	snprintf(path, sizeof(path), "%s/events/%s", dir, sys);
	if (!is_dir(root, path))
		return unavailable(c, "no tracepoint subsystem '%s' in %s/events "
				   "(module not loaded?)", sys, dir);
	snprintf(path, sizeof(path), "%s%s/events/%s/%s/id", root, dir, sys, event);
	FILE *f = fopen(path, "r");
	if (!f && errno == ENOENT) {
		snprintf(err, size, "unknown tracepoint '%s': no %s", c->name, path);
		return UNKNOWN;
	}
	if (!f)
		return unavailable(c, "no permission: %s: %s (run as root)", path,
				   strerror(errno));
	bool ok = fgets(id, sizeof(id), f) != NULL;
	fclose(f);
	if (!ok)
		return unavailable(c, "%s: cannot be read", path);
	*attr = (struct perf_event_attr){
		.type = PERF_TYPE_TRACEPOINT, .size = sizeof(*attr),
		.config = strtoull(id, NULL, 10),
	};
	return RESOLVED;
}

/* A PMU or software event through libpfm4; false if it knows no such name. */
static bool pmu_event(struct eb_counter *c, struct perf_event_attr *attr)
{
	pfm_perf_encode_arg_t arg = { .attr = attr, .size = sizeof(arg) };

	memset(attr, 0, sizeof(*attr));
	if (pfm_get_os_event_encoding(c->name, PFM_PLM0 | PFM_PLM3,
				      PFM_OS_PERF_EVENT_EXT, &arg) != PFM_SUCCESS)
		return false;
	attr->size = sizeof(*attr);
	/* Software events are the host process's own; the rest the guest's. */
	if (attr->type != PERF_TYPE_SOFTWARE) {
		attr->exclude_host = 1;
		attr->exclude_guest = 0;
		c->needs_kvm = true;
	}
	return true;
}

/* A CPU's PMU registers with perf as cpu (cpu_core, cpu_atom: hybrid Intel). */
static bool has_cpu_pmu(const char *root)
{
	static const char *const pmus[] = { "cpu", "cpu_core", "cpu_atom" };
	char path[128];

	for (size_t i = 0; i < N_OF(pmus); i++) {
		snprintf(path, sizeof(path), "/sys/bus/event_source/devices/%s",
			 pmus[i]);
		if (is_dir(root, path))
			return true;
	}
	return false;
}

/* Why perf_event_open failed with errno e, in the terms of the fix. */
static void refused(struct eb_counter *c, const struct perf_event_attr *attr,
		    int e, const char *root)
{
	const char *knob = "/proc/sys/kernel/perf_event_paranoid";
	char path[512], paranoid[16] = "unreadable";
	bool hw = attr->type != PERF_TYPE_TRACEPOINT &&
		  attr->type != PERF_TYPE_SOFTWARE;

	snprintf(path, sizeof(path), "%s%s", root, knob);
	FILE *f = fopen(path, "r");
	if (f) {
		if (fgets(paranoid, sizeof(paranoid), f))
			paranoid[strcspn(paranoid, "\n")] = '\0';
		fclose(f);
	}
	if (hw && (e == ENOENT || e == EOPNOTSUPP || e == ENODEV) &&
	    !has_cpu_pmu(root))
		unavailable(c, "no PMU: this host exposes no CPU performance "
			    "counters (no /sys/bus/event_source/devices/cpu; "
			    "perf_event_open: %s)", strerror(e));
	else if (hw && (e == ENOENT || e == EOPNOTSUPP || e == ENODEV))
		unavailable(c, "the CPU's PMU cannot count this event for the "
			    "guest alone (perf_event_open: %s)", strerror(e));
	else if (e == EACCES || e == EPERM)
		unavailable(c, "no permission: %s is %s (run as root or lower it)",
			    knob, paranoid);
	else if (e == ESRCH)
		unavailable(c, "the process exited before it could be counted");
	else
		unavailable(c, "perf_event_open: %s", strerror(e));
}

static void open_one(struct eb_counter *c, struct perf_event_attr *attr,
		     pid_t pid, const char *root)
{
	attr->disabled = 1;
	attr->inherit = 1;
	attr->enable_on_exec = 1;
	attr->read_format = PERF_FORMAT_TOTAL_TIME_ENABLED |
			    PERF_FORMAT_TOTAL_TIME_RUNNING;
	c->fd = syscall(SYS_perf_event_open, attr, pid, -1, -1,
			PERF_FLAG_FD_CLOEXEC);
	if (c->fd < 0)
		refused(c, attr, errno, root);
}

bool eb_counters_open(struct eb_counters *cs, pid_t pid,
		      const char *const *names, size_t n, const char *root,
		      char *err, size_t size)
{
	static bool pfm_ready;
	char sys[64], event[64];

	cs->n = 0;
	if (n > EB_COUNTERS_MAX) {
		snprintf(err, size, "more than %d counters", EB_COUNTERS_MAX);
		return false;
	}
	if (!pfm_ready && pfm_initialize() != PFM_SUCCESS) {
		snprintf(err, size, "libpfm4 failed to initialise");
		return false;
	}
	pfm_ready = true;
	for (size_t i = 0; i < n; i++) {
		struct eb_counter *c = &cs->c[cs->n++];
		struct perf_event_attr attr;

		*c = (struct eb_counter){ .fd = -1 };
		if (strlen(names[i]) >= sizeof(c->name)) {
			snprintf(err, size, "event name too long: '%s'", names[i]);
			goto bad;
		}
		snprintf(c->name, sizeof(c->name), "%s", names[i]);
		/* libpfm4 first: "cycles:u" is an event with a modifier. */
		enum resolved r = UNKNOWN;
		if (pmu_event(c, &attr))
			r = RESOLVED;
		else if (tracepoint_name(c->name, sys, event, sizeof(sys)))
			r = tracepoint(c, sys, event, root, &attr, err, size);
		else
			snprintf(err, size, "unknown event '%s': neither a libpfm4 "
				 "event (see showevtinfo) nor a tracepoint "
				 "subsystem:event", c->name);
		if (r == UNKNOWN)
			goto bad;
		if (r == RESOLVED)
			open_one(c, &attr, pid, root);
	}
	return true;
bad:
	eb_counters_close(cs);
	return false;
}

void eb_counters_withhold(struct eb_counters *cs, const char *why)
{
	for (size_t i = 0; i < cs->n; i++) {
		struct eb_counter *c = &cs->c[i];
		if (!c->needs_kvm)
			continue;
		if (c->fd >= 0)
			close(c->fd);
		c->fd = -1;
		c->has_value = false;
		snprintf(c->why, sizeof(c->why), "%s", why);
	}
}

static void each_ioctl(struct eb_counters *cs, unsigned long request)
{
	for (size_t i = 0; i < cs->n; i++)
		if (cs->c[i].fd >= 0)
			ioctl(cs->c[i].fd, request, 0);
}

void eb_counters_enable(struct eb_counters *cs)
{
	each_ioctl(cs, PERF_EVENT_IOC_ENABLE);
}

void eb_counters_disable(struct eb_counters *cs)
{
	each_ioctl(cs, PERF_EVENT_IOC_DISABLE);
}

static struct eb_counter *find(struct eb_counters *cs, const char *name)
{
	for (size_t i = 0; i < cs->n; i++)
		if (strcmp(cs->c[i].name, name) == 0)
			return &cs->c[i];
	return NULL;
}

/*
 * Every exit that kvm_pio, kvm_mmio or kvm_msr see is a kvm_exit on
 * hardware KVM.  A hypervisor that does not emit kvm_exit (kvm_pvm) reads
 * 0 there while the guest plainly exits: that 0 is no count.
 */
static void check_exits(struct eb_counters *cs)
{
	static const char *const reasons[] = {
		"kvm:kvm_pio", "kvm:kvm_mmio", "kvm:kvm_msr",
	};
	struct eb_counter *exits = find(cs, "kvm:kvm_exit");

	for (size_t i = 0; exits && exits->has_value && !exits->value &&
	     i < N_OF(reasons); i++) {
		struct eb_counter *r = find(cs, reasons[i]);
		if (r && r->has_value && r->value) {
			exits->has_value = false;
			unavailable(exits, "reads 0 although %s counted %llu exits: "
				    "this KVM (kvm_pvm?) does not emit it",
				    r->name, (unsigned long long)r->value);
		}
	}
}

void eb_counters_read(struct eb_counters *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		struct eb_counter *c = &cs->c[i];
		uint64_t v[3];	/* value, time enabled, time running */

		if (c->fd < 0)
			continue;
		c->has_value = false;
		if (read(c->fd, v, sizeof(v)) != sizeof(v))
			unavailable(c, "cannot read the counter: %s", strerror(errno));
		else if (!v[1])
			unavailable(c, "never enabled: the command did not run");
		else if (v[2] != v[1])
			/* Scaling would be an estimate, not a count. */
			unavailable(c, "multiplexed: counted %.0f%% of the time "
				    "(ask for fewer events)", 100.0 * v[2] / v[1]);
		else {
			c->value = v[0];
			c->has_value = true;
		}
	}
	check_exits(cs);
}

void eb_counters_close(struct eb_counters *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		if (cs->c[i].fd >= 0) {
			close(cs->c[i].fd);
			cs->c[i].fd = -1;
		}
}

json_t *eb_counters_json(const struct eb_counters *cs)
{
	json_t *o = json_object();

	for (size_t i = 0; i < cs->n; i++) {
		const struct eb_counter *c = &cs->c[i];
		json_object_set_new(o, c->name, c->has_value ?
			json_pack("{s:I}", "value", (json_int_t)c->value) :
			json_pack("{s:s}", "unavailable",
				  *c->why ? c->why : "not read"));
	}
	return o;
}
