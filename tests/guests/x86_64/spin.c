// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86-only test guest: spins for "spin=N" TSC ticks without a single VM
 * exit, so only the hypervisor's preemption timer lets the other guests
 * run meanwhile (the runner checks that another guest finished in between).
 */
#include "../guest.h"

void guest_main(void *boot_info)
{
    const char *p = strstr_simple(arch_boot_args(boot_info), "spin=");
    uint64_t n = 0, t0;

    for (p = p ? p + 5 : ""; *p >= '0' && *p <= '9'; p++)
        n = n * 10 + (uint64_t)(*p - '0');
    gprintf("spin guest: spinning for %lu ticks without exits\n", (unsigned long)n);
    t0 = arch_counter();
    while (arch_counter() - t0 < n)
        ;
    gprintf("spin guest: done spinning\n");
    guest_shutdown(SHUTDOWN_poweroff);
}
