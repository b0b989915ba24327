/* SPDX-License-Identifier: MIT */
#ifndef EB_ARRAY_H
#define EB_ARRAY_H

/* The number of elements of array a (an array, never a pointer). */
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

#endif
