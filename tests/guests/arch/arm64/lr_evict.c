// SPDX-License-Identifier: GPL-2.0-only
/*
 * List-register starvation: all 16 SGIs pending at a priority the PMR
 * masks fill every list register the CPU has (QEMU: 4) and stay there; a
 * virtual timer interrupt of higher priority must still be delivered, by
 * evicting a pending, lower-priority one back to the vGIC's pending state.
 * Once the PMR lets them through, every SGI still arrives exactly once.
 */
#include "gicv3_guest.h"

void guest_main(void *boot_info)
{
    unsigned int n;

    gic_cpu_on(0x90); /* masks priority 0xa0 and below */
    mmio_wr32(GICR_SGI + GICR_ISENABLER0, 0xffffu | 1u << VTIMER_PPI);
    mmio_wr8(GICR_SGI + GICR_IPRIORITYR0 + VTIMER_PPI, 0x80);
    irqs_off();
    for (n = 0; n < 16; n++) /* ICC_SGI1R_EL1: INTID n to ourselves (target list {0}) */
        __asm__ volatile("msr s3_0_c12_c11_5, %0\n\tisb" : : "r"(((uint64_t)n << 24) | 1));
    sgi_count = 0;
    irq_count = 0;
    irqs_on();
    arch_delay_us(1000);
    tap_ok(sgi_count == 0, "16 SGIs at priority 0xa0 are masked by PMR 0x90 (%u)", sgi_count);
    vtimer_arm(arch_counter_freq() / 1000);
    tap_ok(poll_until(&irq_count, 1),
           "a virtual timer interrupt at 0x80 is delivered past the masked SGIs");
    vtimer_off();
    gic_set_pmr(0xff);
    poll_until(&sgi_count, 16);
    arch_delay_us(1000);
    tap_ok(sgi_count == 16, "PMR 0xff: each of the 16 SGIs arrives once (%u)", sgi_count);
    irqs_off();
    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}
