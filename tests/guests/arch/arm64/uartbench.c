// SPDX-License-Identifier: GPL-2.0-only
/*
 * Benchmark guest for the vPL011 console path (make bench, arm64 only): the
 * cost of the two accesses a Linux console makes per character, a UARTFR
 * poll and a UARTDR write, each minus the same loop on guest RAM. Under QEMU
 * -icount shift=0 one nanosecond of virtual time is one instruction.
 */
#include "guest.h"

#define VPL011 0x22000000UL
#define UARTDR 0x000
#define UARTFR 0x018
#define LINES 100
#define LINE_LEN 64 /* 63 characters and a newline */

static volatile uint32_t scratch[8];

/* ns of virtual time per access: loop of n accesses at p, printing characters if print. */
static uint64_t per_access(volatile uint32_t *p, bool write, unsigned int n)
{
    uint64_t t0, t1, freq = arch_counter_freq();
    unsigned int i;
    uint32_t sink = 0;

    t0 = arch_counter();
    for (i = 0; i < n; i++) {
        if (write)
            p[UARTDR / 4] = (i % LINE_LEN == LINE_LEN - 1) ? '\n' : 'a' + i % 26;
        else
            sink += p[UARTFR / 4];
    }
    t1 = arch_counter();
    (void)sink;
    return (t1 - t0) * 1000000000UL / freq;
}

void guest_main(void *boot_info)
{
    volatile uint32_t *uart = (volatile uint32_t *)VPL011;
    unsigned int n = LINES * LINE_LEN;
    uint64_t fr = per_access(uart, false, n), fr0 = per_access(scratch, false, n);
    uint64_t dr = per_access(uart, true, n), dr0 = per_access(scratch, true, n);

    gprintf("uartbench: UARTFR read %lu ns of virtual time per access\n",
            (unsigned long)((fr - fr0) / n));
    gprintf("uartbench: UARTDR write (console output) %lu ns of virtual time per character\n",
            (unsigned long)((dr - dr0) / n));
    guest_shutdown(SHUTDOWN_poweroff);
}
