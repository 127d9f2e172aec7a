// SPDX-License-Identifier: GPL-2.0-only
/*
 * Benchmark guest for interrupt latency (make bench, arm64 only), printed,
 * never asserted:
 *  - virtual timer: arm CNTV_CVAL_EL0 ahead, and at handler entry take
 *    CNTVCT_EL0 minus the deadline; once with the vCPU busy-looping, once
 *    waiting in WFI;
 *  - SGI to itself: CNTVCT_EL0 at handler entry minus CNTVCT_EL0 just
 *    before the ICC_SGI1R_EL1 write;
 *  - an assigned device's SPI (QEMU virt's PL031, SPI 2 = INTID 34, which
 *    Keel's bench run assigns to this guest with a partial device tree):
 *    pended with GICD_ISPENDR, from just before that write to the handler.
 *    Under Keel the write traps, reaches the physical distributor, and the
 *    physical SPI comes back through EL2 into a list register with the HW
 *    bit: the whole path of a device's interrupt after the trap;
 *  - an assigned device raising its SPI by itself (QEMU virt's PL061 GPIO,
 *    SPI 7 = INTID 39, assigned the same way, mapped in stage 2): line 0
 *    made an output with a level-high interrupt, from just before the
 *    store that drives it high (no trap: the page is the guest's) to the
 *    handler, which drives it low again. The figure the target
 *    (no more than the virtual timer) is about.
 * Under QEMU -icount shift=0 one nanosecond of virtual time is one
 * instruction, but the counter ticks at CNTFRQ (62.5 MHz on QEMU's virt:
 * 16 ns). For a finer figure the handler spins until the counter next
 * ticks and subtracts the spin's instructions (calibrated below); the SGI
 * is sent right after a tick, and the timer fires on one (icount stops at
 * the deadline). "handler entry" is the read right after ICC_IAR1_EL1.
 * Built twice: for Keel, and with GUEST_BARE (bare.c) to run bare under
 * QEMU at EL1, the floor the figures under Keel are compared with.
 */
#include "gicv3_guest.h"

#define ROUNDS 200
#define SGI_BENCH 1
#define SPI_BENCH 34 /* QEMU virt's PL031 */
#define SPI_GPIO 39  /* QEMU virt's PL061 */
#ifdef GUEST_BARE
#define GPIO 0x09030000UL /* QEMU virt's PL061, bare */
#else
#define GPIO 0x30010000UL /* where the bench's partial device tree maps it */
#endif
/* PL061 (ARM DDI 0190): GPIODATA masked by address bits [9:2], DIR, IS, IEV, IE. */
#define GPIO_DATA0 (GPIO + (1u << 2))
#define GPIODIR 0x400
#define GPIOIS 0x404
#define GPIOIEV 0x40c
#define GPIOIE 0x410
#define GPIOIC 0x41c
#define GICD_ISENABLER1 0x104
#define GICD_ISPENDR1 0x204
#define GICD_ICENABLER1 0x184

static volatile unsigned int got;
static volatile uint64_t entry_tick, entry_spins;
static uint64_t ns_per_tick_x1000, spin_ns_x1000;

static inline uint64_t cntvct(void)
{
    uint64_t v;

    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v));
    return v;
}

/* Spin until the counter moves past t; the number of spins. */
static inline uint64_t spin_to_next_tick(uint64_t t)
{
    uint64_t n = 0;

    while (cntvct() == t)
        n++;
    return n;
}

/* The next tick's value, read right after it came. */
static inline uint64_t sync_tick(void)
{
    uint64_t t = cntvct();

    spin_to_next_tick(t);
    return cntvct();
}

int arch_irq_custom(uint64_t iar)
{
    uint64_t t = cntvct(), intid = iar & 0xffffff;

    entry_spins = spin_to_next_tick(t);
    entry_tick = t + 1;
    if (intid == SPI_GPIO) {
        mmio_wr32(GPIO_DATA0, 0); /* the level drops */
        mmio_wr32(GPIO + GPIOIC, 1);
    }
    if (intid == VTIMER_PPI)
        __asm__ volatile("msr cntv_ctl_el0, %0\n\tisb" : : "r"(CNTV_CTL_IMASK));
    __asm__ volatile("msr s3_0_c12_c12_1, %0\n\tisb" : : "r"(iar)); /* ICC_EOIR1_EL1 */
    if (intid == VTIMER_PPI || intid == SGI_BENCH || intid == SPI_BENCH || intid == SPI_GPIO)
        got++;
    return 1;
}

/* ns (x1000) from a tick boundary at "from" to the handler's first read. */
static uint64_t latency_x1000(uint64_t from)
{
    return (entry_tick - from) * ns_per_tick_x1000 - entry_spins * spin_ns_x1000;
}

/* Calibrate the spin: ns per iteration (x1000), from 2000 ticks of spinning. */
static void calibrate(void)
{
    uint64_t freq = arch_counter_freq(), t, spins = 0;
    unsigned int i;

    ns_per_tick_x1000 = 1000000000000UL / freq;
    t = sync_tick();
    for (i = 0; i < 2000; i++)
        spins += spin_to_next_tick(t + i);
    spin_ns_x1000 = 2000 * ns_per_tick_x1000 / spins;
}

static void print_figure(const char *what, uint64_t sum_x1000, uint64_t min_x1000,
                         uint64_t max_x1000)
{
    uint64_t avg = sum_x1000 / ROUNDS;

    gprintf("irqbench: %s %lu.%01lu ns mean (min %lu, max %lu) over %u rounds\n", what,
            (unsigned long)(avg / 1000), (unsigned long)(avg % 1000 / 100),
            (unsigned long)(min_x1000 / 1000), (unsigned long)(max_x1000 / 1000), ROUNDS);
}

static void timer_bench(bool wfi)
{
    uint64_t sum = 0, min = ~0UL, max = 0, cval, l;
    unsigned int i;

    for (i = 0; i < ROUNDS; i++) {
        got = 0;
        /* A deadline 50 ticks ahead: the arming is long done when it fires. */
        cval = cntvct() + 50;
        __asm__ volatile("msr cntv_cval_el0, %0\n\tmsr cntv_ctl_el0, %1\n\tisb"
                         :
                         : "r"(cval), "r"(CNTV_CTL_ENABLE));
        irqs_on();
        while (!got) {
            if (wfi)
                __asm__ volatile("wfi" : : : "memory");
        }
        irqs_off();
        vtimer_off();
        l = latency_x1000(cval);
        sum += l;
        min = l < min ? l : min;
        max = l > max ? l : max;
    }
    print_figure(wfi ? "virtual timer, guest in WFI:" : "virtual timer, guest busy:", sum, min,
                 max);
}

static void sgi_bench(void)
{
    uint64_t sum = 0, min = ~0UL, max = 0, t0, l;
    unsigned int i;

    mmio_wr32(GICR_SGI + GICR_ISENABLER0, 1u << SGI_BENCH);
    for (i = 0; i < ROUNDS; i++) {
        got = 0;
        irqs_on();
        t0 = sync_tick();
        /* ICC_SGI1R_EL1: INTID [27:24], target list [15:0] = Aff0 0 (this vCPU). */
        __asm__ volatile("msr s3_0_c12_c11_5, %0\n\tisb" : : "r"((uint64_t)SGI_BENCH << 24 | 1));
        while (!got)
            ;
        irqs_off();
        l = latency_x1000(t0);
        sum += l;
        min = l < min ? l : min;
        max = l > max ? l : max;
    }
    print_figure("SGI to itself:", sum, min, max);
}

static void spi_bench(void)
{
    uint64_t sum = 0, min = ~0UL, max = 0, t0, l;
    unsigned int i;

    /* Group 1 (GICD_IGROUPR1; RAO/WI under Keel), or a bare GIC signals it as a FIQ. */
    mmio_wr32(GICD_BASE + 0x84, mmio_rd32(GICD_BASE + 0x84) | 1u << (SPI_BENCH - 32));
    mmio_wr8(GICD_BASE + 0x400 + SPI_BENCH, 0xa0);        /* GICD_IPRIORITYR */
    mmio_wr32(GICD_BASE + 0x6000 + 8 * SPI_BENCH, 0);      /* GICD_IROUTER: CPU 0 */
    mmio_wr32(GICD_BASE + 0x6000 + 8 * SPI_BENCH + 4, 0);
    mmio_wr32(GICD_BASE + GICD_ISENABLER1, 1u << (SPI_BENCH - 32));
    for (i = 0; i < ROUNDS; i++) {
        got = 0;
        irqs_on();
        t0 = sync_tick();
        mmio_wr32(GICD_BASE + GICD_ISPENDR1, 1u << (SPI_BENCH - 32));
        while (!got)
            ;
        irqs_off();
        l = latency_x1000(t0);
        sum += l;
        min = l < min ? l : min;
        max = l > max ? l : max;
    }
    mmio_wr32(GICD_BASE + GICD_ICENABLER1, 1u << (SPI_BENCH - 32));
    print_figure("assigned SPI, GICD_ISPENDR:", sum, min, max);
}

static void gpio_bench(void)
{
    uint64_t sum = 0, min = ~0UL, max = 0, t0, l;
    unsigned int i;

    mmio_wr32(GICD_BASE + 0x84, mmio_rd32(GICD_BASE + 0x84) | 1u << (SPI_GPIO - 32));
    mmio_wr8(GICD_BASE + 0x400 + SPI_GPIO, 0xa0);
    mmio_wr32(GICD_BASE + 0x6000 + 8 * SPI_GPIO, 0);
    mmio_wr32(GICD_BASE + 0x6000 + 8 * SPI_GPIO + 4, 0);
    mmio_wr32(GPIO_DATA0, 0);
    mmio_wr32(GPIO + GPIODIR, 1);  /* line 0 an output */
    mmio_wr32(GPIO + GPIOIS, 1);   /* level-sensitive */
    mmio_wr32(GPIO + GPIOIEV, 1);  /* high */
    mmio_wr32(GPIO + GPIOIE, 1);
    mmio_wr32(GICD_BASE + GICD_ISENABLER1, 1u << (SPI_GPIO - 32));
    for (i = 0; i < ROUNDS; i++) {
        uint64_t end = cntvct() + arch_counter_freq();

        got = 0;
        irqs_on();
        t0 = sync_tick();
        mmio_wr32(GPIO_DATA0, 1);
        while (!got && cntvct() < end)
            ;
        irqs_off();
        if (!got) {
            gprintf("irqbench: the GPIO interrupt did not arrive\n");
            return;
        }
        l = latency_x1000(t0);
        sum += l;
        min = l < min ? l : min;
        max = l > max ? l : max;
    }
    mmio_wr32(GPIO + GPIOIE, 0);
    mmio_wr32(GICD_BASE + GICD_ICENABLER1, 1u << (SPI_GPIO - 32));
    print_figure("assigned SPI, device-raised:", sum, min, max);
}

/*
 * The distributor and this CPU's redistributor on (GICv3 12.9.4 GICD_CTLR:
 * ARE [4], EnableGrp1 [1]; 12.10.39 GICR_WAKER: ProcessorSleep [1],
 * ChildrenAsleep [2]) and every SGI/PPI in Group 1 (GICR_IGROUPR0). A
 * guest must do this on a bare GIC; Keel's vGIC takes the same writes.
 */
static void gic_on(void)
{
    mmio_wr32(GICD_BASE, 0x12);
    mmio_wr32(GICR_RD + 0x14, mmio_rd32(GICR_RD + 0x14) & ~2u);
    while (mmio_rd32(GICR_RD + 0x14) & 4u)
        ;
    mmio_wr32(GICR_SGI + 0x80, 0xffffffffu);
}

void guest_main(void *boot_info)
{
    gic_on();
    gic_cpu_on(0xff);
    mmio_wr32(GICR_SGI + GICR_ISENABLER0, 1u << VTIMER_PPI);
    calibrate();
    gprintf("irqbench: counter %lu Hz, %lu.%03lu ns per tick, spin %lu.%03lu ns\n",
            (unsigned long)arch_counter_freq(), (unsigned long)(ns_per_tick_x1000 / 1000),
            (unsigned long)(ns_per_tick_x1000 % 1000), (unsigned long)(spin_ns_x1000 / 1000),
            (unsigned long)(spin_ns_x1000 % 1000));
    timer_bench(false);
    timer_bench(true);
    sgi_bench();
#ifndef GUEST_BARE
    if (strstr_simple(arch_boot_args(boot_info), "spi"))
#endif
    {
        spi_bench();
        gpio_bench();
    }
    guest_shutdown(SHUTDOWN_poweroff);
}
