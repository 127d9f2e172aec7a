// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86-only hostile guest (issue 12, item 3): raises its task priority to
 * 15 through CR8 and spins for "spin=N" TSC ticks, then powers off with
 * CR8 still at 15. CR8 must be this vCPU's own TPR: were it the CPU's, the
 * hypervisor's vectors (0xef timer, 0xf1 live-patch IPI) would be blocked
 * on that CPU for good, and the guest sharing it (tpr_victim.c) would never
 * wake, the live-patch APPLY of the control domain on the other CPU never
 * gather this one. Before that, the guest's own TPR semantics: CR8 and the
 * x2APIC TPR are one register, and an interrupt whose priority class is
 * not above it waits (SDM Vol. 3A 11.8.3.1, 11.8.6.1).
 */
#include "x2apic.h"

extern volatile unsigned int trap_count, trap_last, skip_len;

static void spin(uint64_t ticks)
{
    uint64_t t0 = arch_counter();

    while (arch_counter() - t0 < ticks)
        ;
}

void guest_main(void *boot_info)
{
    unsigned long n = guest_arg(boot_info, "spin=", 20000000), cr8, before;
    uint64_t tpr, end;
    unsigned int irqs;

    x2apic_enable();
    tap_ok(read_cr8() == 0 && x2apic_rdmsr(X2APIC_TPR) == 0, "CR8 and the x2APIC TPR start at 0");
    write_cr8(15);
    cr8 = read_cr8();
    tpr = x2apic_rdmsr(X2APIC_TPR);
    tap_ok(cr8 == 15 && tpr == 0xf0, "CR8 = 15 reads back 15, x2APIC TPR %#lx",
           (unsigned long)tpr);
    x2apic_wrmsr(X2APIC_TPR, 0x35);
    tap_ok(read_cr8() == 3, "x2APIC TPR 0x35 reads as CR8 3 (%lu)", read_cr8());

    /* mov to CR8 with a bit above 3:0 set: #GP (SDM Vol. 2B, MOV to CR8). */
    before = trap_count;
    skip_len = 4; /* REX + 0f 22 /r */
    __asm__ volatile("mov %0, %%cr8" : : "a"(0x10UL) : "memory");
    skip_len = 0;
    tap_ok(trap_count == before + 1 && trap_last == 13 && read_cr8() == 3,
           "mov of 0x10 to CR8 raises #GP and changes nothing");

    /* A timer interrupt of class 2 waits while CR8 is 2 and arrives once it is 1. */
    irq_count = 0;
    write_cr8(2);
    x2apic_timer_arm(100000);
    __asm__ volatile("sti" : : : "memory");
    spin(2000000);
    irqs = irq_count;
    write_cr8(1);
    end = arch_counter() + 2000000;
    while (!irq_count && arch_counter() < end)
        ;
    __asm__ volatile("cli" : : : "memory");
    tap_ok(irqs == 0 && irq_count == 1,
           "vector 32 held while CR8 = 2 (%u taken), delivered once CR8 = 1 (%u)", irqs,
           irq_count);

    write_cr8(15);
    gprintf("cr8 guest: CR8 = 15, spinning for %lu ticks\n", n);
    spin(n);
    tap_ok(read_cr8() == 15, "CR8 still 15 after spinning");
    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}
