/* Freestanding basics: only headers GCC itself provides with -ffreestanding. */
#ifndef EB_TYPES_H
#define EB_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

#define __noreturn	__attribute__((noreturn))
#define __aligned(n)	__attribute__((aligned(n)))

#endif
