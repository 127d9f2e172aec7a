/* SPDX-License-Identifier: GPL-2.0-only */
/* Fixed-width and basic types: only the compiler's freestanding headers. */
#ifndef XEN_TYPES_H
#define XEN_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A guest-physical (IPA on Arm) address. */
typedef uint64_t gpaddr_t;
/* A guest virtual address, as passed in a hypercall argument register. */
typedef uint64_t gvaddr_t;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)

#endif /* XEN_TYPES_H */
