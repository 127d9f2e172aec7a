/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Force-included when xen/common/lib/string.c is built for the host tests:
 * the hypervisor's string functions get their own names so they can be
 * tested beside the C library's (which ASan intercepts) without clashing.
 */
#define memcpy keel_memcpy
#define memmove keel_memmove
#define memset keel_memset
#define memcmp keel_memcmp
#define memchr keel_memchr
#define strlen keel_strlen
#define strnlen keel_strnlen
#define strcmp keel_strcmp
#define strncmp keel_strncmp
#define strchr keel_strchr
#define strrchr keel_strrchr
#define strtoul keel_strtoul
