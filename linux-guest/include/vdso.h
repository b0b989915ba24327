/* Symbols of the vDSO the kernel mapped into this process (vdso.c). */
#ifndef EB_VDSO_H
#define EB_VDSO_H

/* The address of a vDSO function, or NULL (no vDSO, no such symbol). */
void *vdso_sym(const char *name);

#endif
