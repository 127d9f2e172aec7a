// SPDX-License-Identifier: GPL-2.0-only
/*
 * The test guest's small libc: output through the emulated COM1 (polling
 * its line status register like a driver for real hardware would), printf
 * and TAP helpers. The string functions and the formatter are the
 * hypervisor's own (xen/common/lib/), linked in by tests/x86_64/suite.mk.
 */
#include "guest.h"

#include <xen/lib.h>

#define COM1 0x3f8

unsigned int tap_count, tap_failed;

const char *strstr(const char *h, const char *n)
{
    size_t ln = strlen(n);

    for (; *h; h++)
        if (!memcmp(h, n, ln))
            return h;
    return ln ? NULL : h;
}

static void com1_write(const char *s)
{
    for (; *s; s++) {
        while (!(inb(COM1 + 5) & 0x20)) /* LSR.THRE */
            ;
        outb(COM1, (uint8_t)*s);
    }
}

void gprintf(const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    va_start(ap, fmt);
    kvsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    com1_write(buf);
}

void ok(int cond, const char *fmt, ...)
{
    char buf[200];
    va_list ap;

    va_start(ap, fmt);
    kvsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    tap_count++;
    if (!cond)
        tap_failed++;
    gprintf("%sok %u - %s\n", cond ? "" : "not ", tap_count, buf);
}

void tap_done(void)
{
    gprintf("1..%u\n", tap_count);
}
