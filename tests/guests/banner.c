// SPDX-License-Identifier: GPL-2.0-only
/*
 * The demo's second guest: prints a banner through console_io and, when it
 * has one, through its vPL011, a few numbered lines so that the two guests'
 * output interleaves, then shuts itself down.
 */
#include "guest.h"

void guest_main(void *boot_info)
{
    long ver = HYPERVISOR_xen_version(XENVER_version, NULL);
    unsigned int i;

    gprintf("Hello from a Keel guest: hypervisor %ld.%ld, device tree at %p\n", ver >> 16,
            ver & 0xffff, boot_info);
    if (strstr_simple(arch_boot_args(boot_info), "vpl011"))
        arch_vpl011_puts("This line went through the emulated PL011\n");
    /*
     * Paced (8 ms a line), so that two banner guests on two CPUs interleave
     * their lines even when the host deschedules one emulated CPU for a while.
     */
    for (i = 1; i <= 8; i++) {
        gprintf("banner line %u of 8\n", i);
        arch_delay_us(8000);
    }
    gprintf("banner guest done: shutting down\n");
    guest_shutdown(SHUTDOWN_poweroff);
}
