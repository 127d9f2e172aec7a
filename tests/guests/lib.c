// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers shared by every test guest: console printf and TAP. The string
 * functions and the formatter are the hypervisor's own (xen/common/lib/),
 * linked into each guest by its suite.mk.
 */
#include "guest.h"

#include <xen/lib.h>

unsigned int tap_count, tap_failed;

/*
 * The console and shutdown are weak: a guest built to run bare under QEMU
 * (arch/arm64/bare.c) brings its own, without a hypervisor to call.
 */
__attribute__((weak)) void gprintf(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = kvsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > (int)sizeof(buf) - 1)
        n = sizeof(buf) - 1;
    HYPERVISOR_console_io(CONSOLEIO_write, (unsigned long)n, buf);
}

__attribute__((weak)) void guest_shutdown(unsigned int reason)
{
    struct sched_shutdown s = {reason};

    HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
    guest_poweroff();
}

void tap_ok(int pass, const char *fmt, ...)
{
    char desc[160];
    va_list ap;

    va_start(ap, fmt);
    kvsnprintf(desc, sizeof(desc), fmt, ap);
    va_end(ap);
    tap_count++;
    if (!pass)
        tap_failed++;
    gprintf("%sok %u - %s\n", pass ? "" : "not ", tap_count, desc);
}

void tap_plan_end(void)
{
    gprintf("1..%u\n", tap_count);
}

char *strstr_simple(const char *h, const char *n)
{
    size_t len = strlen(n);

    for (; *h; h++)
        if (!strncmp(h, n, len))
            return (char *)h;
    return NULL;
}
