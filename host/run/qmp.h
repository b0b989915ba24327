/* SPDX-License-Identifier: MIT */
/*
 * A minimal QMP client (QEMU Machine Protocol: JSON objects, one per line,
 * over a Unix socket): negotiate capabilities, run argument-less commands
 * such as inject-nmi.  Asynchronous events in between are skipped.  Every
 * read has a timeout, so a stuck QEMU costs at most that.
 */
#ifndef EB_QMP_H
#define EB_QMP_H

#include <stdbool.h>
#include <stddef.h>

struct eb_qmp;

/* Connect to QEMU's `-qmp unix:PATH,server=on,wait=off` socket.  NULL if it
 * is not there (yet): *absent tells that apart from a real failure. */
struct eb_qmp *eb_qmp_connect(const char *path, double timeout_s,
			      bool *absent, char *why, size_t size);

/* Take over a connected stream socket: read the greeting, negotiate
 * capabilities.  NULL with a reason (and fd closed) if the peer is no QMP. */
struct eb_qmp *eb_qmp_open_fd(int fd, double timeout_s, char *why, size_t size);

/* Run `command` (no arguments); true on {"return": ...}, else why not. */
bool eb_qmp_execute(struct eb_qmp *q, const char *command, double timeout_s,
		    char *why, size_t size);

void eb_qmp_close(struct eb_qmp *q);

#endif
