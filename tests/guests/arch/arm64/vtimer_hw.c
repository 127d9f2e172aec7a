// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual timer is a forwarded interrupt: the physical PPI stays active
 * while its virtual twin is pending or active, and a list register's HW bit
 * deactivates it when the guest ends the virtual one. Every other way a
 * guest can change the virtual interrupt's state (GICR_I[SC]ENABLER0,
 * I[SC]PENDR0, I[SC]ACTIVER0, IPRIORITYR) must keep the two consistent, or
 * the physical PPI stays active and the guest never gets another tick.
 * Each case ends by arming the timer once more: that interrupt must come.
 * The guest only polls (no WFI), so a lost interrupt is a "not ok", not a hang.
 */
#include "gicv3_guest.h"

#define BIT27 (1u << VTIMER_PPI)
#define ICC_CTLR_EOIMODE (1UL << 1) /* GICv3 12.2.6: EOIR only drops priority */

static uint64_t ms;            /* counter ticks per millisecond */
static volatile int eoimode1;  /* the handler ends the timer with ICACTIVER0 */

/* EOImode 1: drop the priority with EOIR, deactivate through GICR_ICACTIVER0. */
int arch_irq_custom(uint64_t iar)
{
    if (!eoimode1 || (iar & 0xffffff) != VTIMER_PPI)
        return 0;
    irq_count++;
    __asm__ volatile("msr cntv_ctl_el0, %0\n\tisb" : : "r"(CNTV_CTL_IMASK));
    __asm__ volatile("msr s3_0_c12_c12_1, %0\n\tisb" : : "r"(iar)); /* ICC_EOIR1_EL1 */
    mmio_wr32(GICR_SGI + GICR_ICACTIVER0, BIT27);
    return 1;
}

/* Arm the timer 1 ms ahead with IRQs unmasked: its interrupt must arrive. */
static bool tick(void)
{
    bool got;

    irq_count = 0;
    vtimer_arm(ms);
    irqs_on();
    got = poll_until(&irq_count, 1);
    irqs_off();
    vtimer_off();
    return got;
}

/* Let the timer fire with IRQs masked, until the vGIC shows PPI 27 pending. */
static bool fire_masked(void)
{
    bool seen;

    vtimer_arm(ms);
    seen = poll_gicr(GICR_ISPENDR0, BIT27, true);
    return seen;
}

/* The sequence: disable, let it fire, clear pending, enable again. */
static void disable_clear_enable(unsigned int round, bool line_high)
{
    mmio_wr32(GICR_SGI + GICR_ICENABLER0, BIT27);
    irqs_on(); /* nothing may arrive: the PPI is disabled */
    irq_count = 0;
    tap_ok(fire_masked() && irq_count == 0,
           "round %u: PPI 27 disabled: the timer fired and is pending, not delivered", round);
    if (!line_high)
        vtimer_off();
    mmio_wr32(GICR_SGI + GICR_ICPENDR0, BIT27);
    if (!line_high)
        tap_ok(!(mmio_rd32(GICR_SGI + GICR_ISPENDR0) & BIT27),
               "round %u: GICR_ICPENDR0 cleared the pending state", round);
    irqs_off();
    vtimer_off();
    mmio_wr32(GICR_SGI + GICR_ISENABLER0, BIT27);
    tap_ok(tick(), "round %u: after ICPENDR0 and ISENABLER0%s the next tick arrives", round,
           line_high ? " (timer still asserted)" : "");
}

void guest_main(void *boot_info)
{
    ms = arch_counter_freq() / 1000;
    gic_cpu_on(0xff);
    mmio_wr32(GICR_SGI + GICR_ISENABLER0, BIT27);
    tap_ok(tick(), "the virtual timer interrupt arrives");

    disable_clear_enable(1, false);
    disable_clear_enable(2, true);
    disable_clear_enable(3, false);

    /* Pending in a list register (IRQs masked), then cleared: not delivered. */
    irq_count = 0;
    tap_ok(fire_masked(), "IRQs masked: PPI 27 pending (in a list register)");
    vtimer_off();
    mmio_wr32(GICR_SGI + GICR_ICPENDR0, BIT27);
    tap_ok(!(mmio_rd32(GICR_SGI + GICR_ISPENDR0) & BIT27),
           "GICR_ICPENDR0 clears the pending state held in a list register");
    irqs_on();
    arch_delay_us(2000);
    irqs_off();
    tap_ok(irq_count == 0, "the cleared interrupt is not delivered (%u)", irq_count);
    tap_ok(tick(), "after clearing it, the next tick arrives");

    /* Disabled while pending in a list register: held back, delivered once enabled. */
    irq_count = 0;
    tap_ok(fire_masked(), "IRQs masked: PPI 27 pending again");
    vtimer_off();
    mmio_wr32(GICR_SGI + GICR_ICENABLER0, BIT27);
    irqs_on();
    arch_delay_us(2000);
    tap_ok(irq_count == 0, "GICR_ICENABLER0 holds back a pending interrupt (%u)", irq_count);
    mmio_wr32(GICR_SGI + GICR_ISENABLER0, BIT27);
    tap_ok(poll_until(&irq_count, 1), "GICR_ISENABLER0 lets it through");
    irqs_off();
    tap_ok(tick(), "and the next tick arrives");

    /* A priority the PMR masks, raised while pending: the new priority counts. */
    gic_set_pmr(0x90);
    irq_count = 0;
    tap_ok(fire_masked(), "PMR 0x90 masks PPI 27 at 0xa0: pending");
    vtimer_off();
    irqs_on();
    mmio_wr8(GICR_SGI + GICR_IPRIORITYR0 + VTIMER_PPI, 0x80);
    tap_ok(poll_until(&irq_count, 1), "raising its priority to 0x80 delivers it");
    irqs_off();
    mmio_wr8(GICR_SGI + GICR_IPRIORITYR0 + VTIMER_PPI, 0xa0);
    gic_set_pmr(0xff);
    tap_ok(tick(), "and the next tick arrives");

    /* EOImode 1: the guest deactivates through GICR_ICACTIVER0. */
    __asm__ volatile("msr s3_0_c12_c12_4, %0\n\tisb" : : "r"(ICC_CTLR_EOIMODE));
    eoimode1 = 1;
    tap_ok(tick(), "EOImode 1: a tick ended by EOIR and GICR_ICACTIVER0");
    tap_ok(!(mmio_rd32(GICR_SGI + GICR_ISACTIVER0) & BIT27), "PPI 27 is no longer active");
    tap_ok(tick(), "EOImode 1: the next tick arrives");
    eoimode1 = 0;
    __asm__ volatile("msr s3_0_c12_c12_4, xzr\n\tisb");

    /* Made active by the guest, then inactive: the timer still works. */
    mmio_wr32(GICR_SGI + GICR_ISACTIVER0, BIT27);
    tap_ok(mmio_rd32(GICR_SGI + GICR_ISACTIVER0) & BIT27, "GICR_ISACTIVER0 makes PPI 27 active");
    mmio_wr32(GICR_SGI + GICR_ICACTIVER0, BIT27);
    tap_ok(!(mmio_rd32(GICR_SGI + GICR_ISACTIVER0) & BIT27),
           "GICR_ICACTIVER0 makes it inactive again");
    tap_ok(tick(), "and the next tick arrives");

    /* Pended by software with the timer off: one interrupt, then real ticks. */
    irq_count = 0;
    mmio_wr32(GICR_SGI + GICR_ISPENDR0, BIT27);
    irqs_on();
    tap_ok(poll_until(&irq_count, 1), "GICR_ISPENDR0 delivers PPI 27 once");
    irqs_off();
    tap_ok(tick(), "and the next tick arrives");

    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}
