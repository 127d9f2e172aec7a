// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86-only test guest: sleeps "rounds=N" times in HLT until its x2APIC
 * timer ("ticks=M" TSC ticks) wakes it. It shares a CPU with cr8_raise.c,
 * which raises CR8 to 15: the hypervisor must still wake it, during that
 * guest's run and after it has ended (the CPU then idles until its timer).
 */
#include "x2apic.h"

void guest_main(void *boot_info)
{
    unsigned long rounds = guest_arg(boot_info, "rounds=", 40);
    unsigned long ticks = guest_arg(boot_info, "ticks=", 2000000), i;
    unsigned int woken = 0;

    x2apic_enable();
    for (i = 0; i < rounds; i++) {
        unsigned int before = irq_count;

        x2apic_timer_arm((uint32_t)ticks);
        while (irq_count == before)
            __asm__ volatile("sti; hlt; cli" : : : "memory");
        woken++;
    }
    tap_ok(woken == rounds, "%u of %lu timer interrupts woke HLT", woken, rounds);
    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}
