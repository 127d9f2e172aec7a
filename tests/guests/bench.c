// SPDX-License-Identifier: GPL-2.0-only
/*
 * Benchmark guest (make bench): prints the counter at its first line (boot
 * time) and the cost of a null hypercall round trip, xen_version(
 * XENVER_version), as the loop's time minus an identical loop that executes
 * a nop instead of the hypercall instruction. Under QEMU -icount shift=0 one
 * nanosecond of virtual time is one instruction.
 */
#include "guest.h"

#define LOOPS 100000UL

void guest_main(void *boot_info)
{
    uint64_t first = arch_counter(), freq = arch_counter_freq();
    uint64_t t0, t1, t2, hc, empty, i;

    gprintf("bench: first guest line at counter %lu (%lu Hz)\n", (unsigned long)first,
            (unsigned long)freq);
    t0 = arch_counter();
    for (i = 0; i < LOOPS; i++)
        HYPERVISOR_xen_version(XENVER_version, NULL);
    t1 = arch_counter();
    for (i = 0; i < LOOPS; i++)
        arch_hypercall_nop(__HYPERVISOR_xen_version, XENVER_version, 0);
    t2 = arch_counter();
    gprintf("bench: %lu null hypercalls %lu counter ticks, empty loop %lu ticks\n", LOOPS,
            (unsigned long)(t1 - t0), (unsigned long)(t2 - t1));
    hc = (t1 - t0) * 1000000000UL / freq;
    empty = (t2 - t1) * 1000000000UL / freq;
    gprintf("bench: %lu null hypercalls %lu ns, empty loop %lu ns\n", LOOPS, (unsigned long)hc,
            (unsigned long)empty);
    gprintf("bench: null hypercall round trip %lu.%02lu ns of virtual time per call\n",
            (unsigned long)((hc - empty) / LOOPS), (unsigned long)((hc - empty) % LOOPS / 1000));
    guest_shutdown(SHUTDOWN_poweroff);
}
