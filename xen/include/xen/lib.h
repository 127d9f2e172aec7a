/* SPDX-License-Identifier: GPL-2.0-only */
/* Formatting and console printing (xen/common/lib/vsnprintf.c, console.c). */
#ifndef XEN_LIB_H
#define XEN_LIB_H

#include <stdarg.h>
#include <xen/types.h>

/*
 * snprintf family with the usual return value (the length the full output
 * would have). Supports %d %i %u %x %X %o %p %s %c %% with 0/-/width/
 * precision and the l, ll, z, h, hh length modifiers.
 */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Hypervisor messages, each line prefixed "(XEN) ". */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * A refused piece of the boot configuration, one line each:
 * "NODE: REASON: guest not created" and "chosen: NODE: REASON: pool not
 * created", REASON formatted from fmt. The common ends are stored once here
 * rather than in each of some thirty messages (the Image stays under Bao's
 * 94,208 bytes); the lines read exactly as before, which the tests match.
 */
void printk_refuse_guest(const char *node, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void printk_refuse_pool(const char *node, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* XEN_LIB_H */
