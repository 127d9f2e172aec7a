// SPDX-License-Identifier: GPL-2.0-only
/*
 * A guest that owns QEMU virt's PL031 RTC (ARM DDI 0224: RTCDR 0x000, RTCMR
 * 0x004, RTCIMSC 0x010, RTCRIS 0x014, RTCMIS 0x018, RTCICR 0x01c) through
 * Xen's dom0less passthrough bindings: the partial device tree maps it at
 * guest address 0x30000000 and routes its SPI 2 (INTID 34) 1:1. The guest
 * finds the node in its device tree, reads the clock, then arms the match
 * register and takes the interrupt through the vGIC again and again: each
 * one arrives only if the guest's EOI, through the list register's HW bit,
 * deactivated the physical SPI before. Polling with a deadline (never WFI),
 * so a lost interrupt is a "not ok", not a hang.
 */
#include "gicv3_guest.h"

#define RTC 0x30000000UL /* the guest address xen,reg gives it */
#define RTCDR 0x000
#define RTCMR 0x004
#define RTCIMSC 0x010
#define RTCRIS 0x014
#define RTCMIS 0x018
#define RTCICR 0x01c
#define RTC_PERIPHID0 0xfe0 /* 0x31 for the PL031 */
#define RTC_SPI 34
#define GICD_CTLR_G1 2u
#define GICD_ISENABLER1 0x104
#define GICD_ICENABLER1 0x184
#define GICD_IPRIORITYR 0x400
#define GICD_IROUTER 0x6000

static volatile unsigned int rtc_irqs, rtc_mis_seen;
static bool snoop, use_wfi;

int arch_irq_custom(uint64_t iar)
{
    if ((iar & 0xffffff) != RTC_SPI)
        return 0;
    rtc_irqs++;
    if (snoop) { /* not its device: the RTC is not mapped here */
        __asm__ volatile("msr s3_0_c12_c12_1, %0\n\tisb" : : "r"(iar)); /* ICC_EOIR1_EL1 */
        return 1;
    }
    rtc_mis_seen = mmio_rd32(RTC + RTCMIS);
    mmio_wr32(RTC + RTCICR, 1); /* the line drops */
    __asm__ volatile("msr s3_0_c12_c12_1, %0\n\tisb" : : "r"(iar)); /* ICC_EOIR1_EL1 */
    return 1;
}

/* This CPU's GIC interface on, the RTC's SPI at priority 0x80, routed to vCPU 0 and enabled. */
static void rtc_spi_on(void)
{
    gic_cpu_on(0xff);
    mmio_wr32(GICD_BASE, GICD_CTLR_G1);
    mmio_wr8(GICD_BASE + GICD_IPRIORITYR + RTC_SPI, 0x80);
    mmio_wr32(GICD_BASE + GICD_IROUTER + 8 * RTC_SPI, 0); /* vCPU 0 */
    mmio_wr32(GICD_BASE + GICD_IROUTER + 8 * RTC_SPI + 4, 0);
    mmio_wr32(GICD_BASE + GICD_ISENABLER1, 1u << (RTC_SPI - 32));
}

/* Arm the match register a second ahead and wait, at most 4 s, for count interrupts. */
static bool rtc_match(unsigned int count, bool expect)
{
    uint64_t end = arch_counter() + 4 * arch_counter_freq();

    mmio_wr32(RTC + RTCMR, mmio_rd32(RTC + RTCDR) + 1);
    irqs_on();
    while (rtc_irqs < count && arch_counter() < end && (expect || !(mmio_rd32(RTC + RTCRIS) & 1)))
        if (use_wfi && expect) /* another guest has the CPU while the RTC fires */
            __asm__ volatile("wfi" : : : "memory");
    if (!expect)
        arch_delay_us(200000); /* raised: give a wrongly delivered interrupt time to arrive */
    irqs_off();
    return rtc_irqs >= count;
}

/*
 * "snoop": another guest on the owner's CPU, running while the owner's RTC
 * fires (the owner waits in WFI: "wfi"). It enables SPI 34 in its own vGIC,
 * routed to itself, and must never get the owner's interrupt.
 */
static void snoop_main(void)
{
    uint64_t end = arch_counter() + 12 * arch_counter_freq();

    snoop = true;
    rtc_spi_on();
    irqs_on();
    while (arch_counter() < end && !rtc_irqs)
        ;
    irqs_off();
    tap_ok(rtc_irqs == 0,
           "the owner's SPI 34, enabled and routed here in this guest's own vGIC, never arrives (%u)",
           rtc_irqs);
    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}

void guest_main(void *boot_info)
{
    const uint32_t *p;
    uint32_t len, gic_phandle = 0, t0;
    unsigned int i;

    if (strstr_simple(arch_boot_args(boot_info), "snoop"))
        snoop_main();
    use_wfi = strstr_simple(arch_boot_args(boot_info), "wfi") != NULL;
    p = fdt_find_any(boot_info, "interrupt-controller@3001000", "phandle", &len);
    if (p && len == 4)
        gic_phandle = fdt_be32(p);
    p = fdt_find_any(boot_info, "rtc@30000000", "interrupt-parent", &len);
    tap_ok(p && len == 4 && fdt_be32(p) == gic_phandle && gic_phandle,
           "its device tree has /passthrough/rtc@30000000, interrupt-parent the GIC (phandle %u)",
           gic_phandle);
    tap_ok(!fdt_find_any(boot_info, "rtc@30000000", "xen,reg", &len) &&
               !fdt_find_any(boot_info, "rtc@30000000", "xen,path", &len) &&
               !fdt_find_any(boot_info, "rtc@30000000", "xen,force-assign-without-iommu", &len),
           "the xen,* properties were left out of the guest's copy");
    p = fdt_find_any(boot_info, "rtc@30000000", "interrupts", &len);
    tap_ok(p && len == 12 && fdt_be32(p) == 0 && fdt_be32(p + 1) == RTC_SPI - 32,
           "its interrupts are <0 2 4>: SPI 2, INTID 34 as on the host");

    tap_ok((mmio_rd32(RTC + RTC_PERIPHID0) & 0xff) == 0x31,
           "the PL031 answers at guest address 0x30000000 (PeriphID0 %#x)",
           mmio_rd32(RTC + RTC_PERIPHID0) & 0xff);
    t0 = mmio_rd32(RTC + RTCDR);
    tap_ok(t0 > 1500000000u, "RTCDR reads the time: %u s since 1970", t0);

    rtc_spi_on();
    mmio_wr32(RTC + RTCIMSC, 1);
    for (i = 1; i <= 3; i++) {
        rtc_mis_seen = 0;
        tap_ok(rtc_match(i, true) && rtc_mis_seen == 1,
               "RTC match interrupt %u taken as INTID 34 (RTCMIS %u), ended by EOI", i,
               rtc_mis_seen);
    }

    /* Disabled: the device raises its line, nothing is delivered; enabled, it arrives. */
    mmio_wr32(GICD_BASE + GICD_ICENABLER1, 1u << (RTC_SPI - 32));
    tap_ok(!rtc_match(4, false) && (mmio_rd32(RTC + RTCRIS) & 1),
           "GICD_ICENABLER masks it: the RTC raised it (RTCRIS 1), none delivered");
    mmio_wr32(GICD_BASE + GICD_ISENABLER1, 1u << (RTC_SPI - 32));
    irqs_on();
    arch_delay_us(100000);
    irqs_off();
    tap_ok(rtc_irqs == 4, "GICD_ISENABLER lets the held interrupt through (%u in all)", rtc_irqs);
    tap_ok(rtc_match(5, true), "and the next match interrupt arrives");

    /*
     * A list register in use when the SPI comes: SGI 1, below the priority
     * mask, waits pending in one. The SPI must take another (entry.S's
     * short cut uses LR0 only when every list register is empty), and the
     * SGI arrive once the mask is lowered.
     */
    sgi_count = 0;
    mmio_wr8(GICR_SGI + GICR_IPRIORITYR0 + 1, 0xc0);
    mmio_wr32(GICR_SGI + GICR_ISENABLER0, 1u << 1);
    gic_set_pmr(0xa0); /* masks the SGI's 0xc0, not the RTC's 0x80 */
    __asm__ volatile("msr s3_0_c12_c11_5, %0\n\tisb" : : "r"((1UL << 24) | 1)); /* ICC_SGI1R_EL1 */
    tap_ok(rtc_match(6, true) && sgi_count == 0,
           "with SGI 1 held pending in a list register, the match interrupt arrives (SGIs %u)",
           sgi_count);
    gic_set_pmr(0xff);
    irqs_on();
    tap_ok(poll_until(&sgi_count, 1), "and the SGI is still there once the mask drops (%u)",
           sgi_count);
    irqs_off();

    /* Leave it armed: the hypervisor must quiet the device's SPI when the guest ends. */
    mmio_wr32(RTC + RTCMR, mmio_rd32(RTC + RTCDR) + 1);
    tap_plan_end();
    if (strstr_simple(arch_boot_args(boot_info), "crash"))
        mmio_rd32(0x10000000UL); /* unmapped: the guest is crashed */
    guest_shutdown(SHUTDOWN_poweroff);
}
