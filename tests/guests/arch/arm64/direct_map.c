// SPDX-License-Identifier: GPL-2.0-only
/*
 * A direct-mapped guest (Xen's "direct-map" with "xen,static-mem" =
 * <0x70000000 0x1000000>): linked and run at its RAM's host address, it
 * checks that its device tree and its accesses see the host's layout:
 * RAM at the static-mem address, the vGIC where QEMU virt's GIC is, the
 * vPL011 where the host UART is (on its SPI 1), and QEMU's PL031, assigned
 * with xen,reg = <phys size phys>, answering at its host address, its SPI
 * delivered through the vGIC at the host GIC's address. Polls with a
 * deadline, so a lost interrupt is a "not ok", not a hang.
 */
#include "gicv3_guest.h"

#define RAM 0x70000000UL /* the xen,static-mem address the test gives it */
#define RAM_SIZE 0x1000000UL
#define UART 0x09000000UL /* QEMU virt's PL011 */
#define RTC 0x09010000UL  /* QEMU virt's PL031 (ARM DDI 0224) */
#define RTCDR 0x000
#define RTCMR 0x004
#define RTCIMSC 0x010
#define RTCICR 0x01c
#define RTC_PERIPHID0 0xfe0
#define RTC_SPI 34
#define GICD_IIDR 0x0008
#define GICD_ISENABLER1 0x104
#define GICD_IPRIORITYR 0x400
#define KEEL_VGIC_IIDR 0x4b454c /* what Keel's vGIC answers, not QEMU's GIC */

extern char _start[];
static volatile unsigned int rtc_irqs;

int arch_irq_custom(uint64_t iar)
{
    if ((iar & 0xffffff) != RTC_SPI)
        return 0;
    rtc_irqs++;
    mmio_wr32(RTC + RTCICR, 1);
    __asm__ volatile("msr s3_0_c12_c12_1, %0\n\tisb" : : "r"(iar)); /* ICC_EOIR1_EL1 */
    return 1;
}

/* Whether node's "reg" is exactly the cells want (n 32-bit cells). */
static bool reg_is(void *fdt, const char *node, const char *prop, const uint32_t *want,
                   uint32_t n)
{
    uint32_t len, i;
    const uint8_t *p = fdt_find(fdt, node, prop, &len);

    if (!p || len != 4 * n)
        return false;
    for (i = 0; i < n; i++)
        if (fdt_be32(p + 4 * i) != want[i])
            return false;
    return true;
}

static void uart_puts(const char *s)
{
    for (; *s; s++) {
        while (mmio_rd32(UART + 0x18) & (1u << 5)) /* UARTFR.TXFF */
            ;
        mmio_wr32(UART, (uint8_t)*s);
    }
}

void guest_main(void *boot_info)
{
    static const uint32_t mem[] = {0, RAM, 0, RAM_SIZE};
    static const uint32_t gic[] = {0, 0x08000000, 0, 0x10000, 0, 0x080a0000, 0, 0x20000};
    static const uint32_t uart[] = {0, UART, 0, 0x1000};
    static const uint32_t uart_irq[] = {0, 1, 4};
    uint64_t here, end;
    uint32_t len, t0;
    const char *out;

    __asm__ volatile("adr %0, _start" : "=r"(here));
    tap_ok(here == RAM, "it runs at IPA %#lx, the host address of its static memory",
           (unsigned long)here);
    tap_ok((uint64_t)boot_info >= RAM && (uint64_t)boot_info < RAM + RAM_SIZE,
           "its device tree (x0 %#lx) lies in that RAM", (unsigned long)(uint64_t)boot_info);
    tap_ok(reg_is(boot_info, "memory@70000000", "reg", mem, 4),
           "memory@70000000 says RAM is 0x70000000+0x1000000");
    tap_ok(reg_is(boot_info, "interrupt-controller@8000000", "reg", gic, 8),
           "the GIC node is at the host GIC's addresses (GICD 0x8000000, GICR 0x80a0000)");
    tap_ok(reg_is(boot_info, "pl011@9000000", "reg", uart, 4) &&
               reg_is(boot_info, "pl011@9000000", "interrupts", uart_irq, 3),
           "the vPL011 node is at the host UART's address with its SPI 1");
    out = fdt_find(boot_info, "chosen", "stdout-path", &len);
    tap_ok(out && !strcmp(out, "/pl011@9000000"), "stdout-path names it");

    tap_ok(mmio_rd32(GICD_BASE + GICD_IIDR) == KEEL_VGIC_IIDR,
           "the distributor at 0x8000000 is the vGIC (GICD_IIDR %#x)",
           mmio_rd32(GICD_BASE + GICD_IIDR));
    uart_puts("direct-map: this line went through the vPL011 at 0x9000000\n");

    tap_ok((mmio_rd32(RTC + RTC_PERIPHID0) & 0xff) == 0x31,
           "the PL031 answers at its host address 0x9010000 (PeriphID0 %#x)",
           mmio_rd32(RTC + RTC_PERIPHID0) & 0xff);
    t0 = mmio_rd32(RTC + RTCDR);
    tap_ok(t0 > 1500000000u, "RTCDR reads the time: %u s since 1970", t0);

    gic_cpu_on(0xff);
    mmio_wr32(GICD_BASE, 2); /* GICD_CTLR.EnableGrp1NS */
    mmio_wr8(GICD_BASE + GICD_IPRIORITYR + RTC_SPI, 0x80);
    mmio_wr32(GICD_BASE + GICD_ISENABLER1, 1u << (RTC_SPI - 32));
    mmio_wr32(RTC + RTCIMSC, 1);
    mmio_wr32(RTC + RTCMR, mmio_rd32(RTC + RTCDR) + 1);
    end = arch_counter() + 4 * arch_counter_freq();
    irqs_on();
    while (!rtc_irqs && arch_counter() < end)
        ;
    irqs_off();
    tap_ok(rtc_irqs == 1, "its RTC interrupt arrives through the vGIC at the host GIC's address");
    mmio_wr32(RTC + RTCIMSC, 0);
    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}
