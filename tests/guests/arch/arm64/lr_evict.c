// SPDX-License-Identifier: GPL-2.0-only
/*
 * List-register starvation: SGIs pending at a priority the PMR masks fill
 * every list register the CPU has (QEMU: 4) and stay there; a virtual timer
 * interrupt of higher priority must still be delivered, by evicting a
 * pending, lower-priority one back to the vGIC's pending state. Once the
 * PMR lets them through, every SGI still arrives exactly once. Two rounds:
 * all 16 SGIs (more than fit), and 4 (exactly QEMU's list registers, so the
 * evicted one is the only one left out and must come back on its own).
 */
#include "gicv3_guest.h"

/*
 * No hypercall (no trap) between the timer and the SGIs' count: nothing but
 * the vGIC's own maintenance interrupt may bring an evicted SGI back.
 */
static void round_of(unsigned int sgis)
{
    unsigned int n, masked, got;
    bool timer;

    gic_set_pmr(0x90); /* masks priority 0xa0 and below */
    irqs_off();
    for (n = 0; n < sgis; n++) /* ICC_SGI1R_EL1: INTID n to ourselves (target list {0}) */
        __asm__ volatile("msr s3_0_c12_c11_5, %0\n\tisb" : : "r"(((uint64_t)n << 24) | 1));
    sgi_count = 0;
    irq_count = 0;
    irqs_on();
    arch_delay_us(1000);
    masked = sgi_count;
    vtimer_arm(arch_counter_freq() / 1000);
    timer = poll_until(&irq_count, 1);
    vtimer_off();
    gic_set_pmr(0xff);
    poll_until(&sgi_count, sgis);
    arch_delay_us(1000);
    got = sgi_count;
    irqs_off();
    tap_ok(masked == 0, "%u SGIs at priority 0xa0 are masked by PMR 0x90 (%u)", sgis, masked);
    tap_ok(timer, "%u masked SGIs: a virtual timer interrupt at 0x80 is delivered past them",
           sgis);
    tap_ok(got == sgis, "PMR 0xff: each of the %u SGIs arrives once (%u)", sgis, got);
}

void guest_main(void *boot_info)
{
    gic_cpu_on(0x90);
    mmio_wr32(GICR_SGI + GICR_ISENABLER0, 0xffffu | 1u << VTIMER_PPI);
    mmio_wr8(GICR_SGI + GICR_IPRIORITYR0 + VTIMER_PPI, 0x80);
    round_of(16);
    round_of(4);
    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}
