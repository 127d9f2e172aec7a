/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libfdt's environment for the hypervisor: the types, byte-order helpers
 * and C library functions libfdt.h expects from the project that embeds it.
 * libfdt leaves this header to its host (Linux's include/linux/libfdt_env.h
 * and Xen's xen/include/xen/libfdt/libfdt_env.h stand in for dtc's own the
 * same way). arch.mk includes it ahead of every file that includes
 * libfdt.h, libfdt's own sources too; its guard is the one dtc's copy uses,
 * so libfdt.h's #include "libfdt_env.h" then adds nothing. libfdt's
 * sources are unchanged.
 *
 * Why: dtc's copy assembles each big-endian value from its four or eight
 * bytes with shifts. GCC turns that into one REV in the end, but at -Os its
 * inliner judges the helper by the shifts and leaves 49 calls to five
 * out-of-line copies (fdt32_to_cpu, cpu_to_fdt32, cpu_to_fdt64 in
 * several objects); __builtin_bswap*() is one instruction from the start,
 * so every use is inlined (Image -416 bytes). Device-tree values are
 * big-endian (Devicetree Specification v0.4, 5.2); the hypervisor runs
 * little-endian, so every conversion swaps.
 */
#ifndef LIBFDT_ENV_H
#define LIBFDT_ENV_H

#ifndef __ASSEMBLY__

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xen/string.h>

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the byte-order helpers below swap: a big-endian build needs none"
#endif

typedef uint16_t fdt16_t;
typedef uint32_t fdt32_t;
typedef uint64_t fdt64_t;

static inline uint16_t fdt16_to_cpu(fdt16_t x)
{
    return __builtin_bswap16(x);
}

static inline fdt16_t cpu_to_fdt16(uint16_t x)
{
    return __builtin_bswap16(x);
}

static inline uint32_t fdt32_to_cpu(fdt32_t x)
{
    return __builtin_bswap32(x);
}

static inline fdt32_t cpu_to_fdt32(uint32_t x)
{
    return __builtin_bswap32(x);
}

static inline uint64_t fdt64_to_cpu(fdt64_t x)
{
    return __builtin_bswap64(x);
}

static inline fdt64_t cpu_to_fdt64(uint64_t x)
{
    return __builtin_bswap64(x);
}

#endif /* __ASSEMBLY__ */

#endif /* LIBFDT_ENV_H */
