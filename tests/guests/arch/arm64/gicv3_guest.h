/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the arm64 vGIC test guests (vtimer_hw.c, mmio_width.c, lr_evict.c)
 * share: the virtual GICv3's addresses (public/arch-arm.h), the virtual
 * CPU interface's system registers (GICv3 12.2), the virtual timer
 * (Arm ARM, register CNTV_CTL_EL0: ENABLE [0], IMASK [1], ISTATUS [2]).
 */
#ifndef GICV3_GUEST_H
#define GICV3_GUEST_H

#include "../../guest.h"

#include <public/arch-arm.h>

#define VTIMER_PPI 27
#if defined(GUEST_BARE) || defined(GUEST_DIRECT_MAP)
/*
 * Bare under QEMU's virt machine (bare.c): its own GICv3, at hw/arm/virt.c's
 * addresses; direct-mapped (direct_map.c): the vGIC at those same addresses.
 */
#define GICD_BASE 0x08000000UL
#define GICR_RD 0x080a0000UL                /* CPU 0's RD_base */
#define GICR_SGI (0x080a0000UL + 0x10000UL) /* CPU 0's SGI_base */
#else
#define GICD_BASE GUEST_GICV3_GICD_BASE
#define GICR_RD GUEST_GICV3_GICR0_BASE                /* vCPU 0's RD_base */
#define GICR_SGI (GUEST_GICV3_GICR0_BASE + 0x10000UL) /* vCPU 0's SGI_base */
#endif
#define GICR_ISENABLER0 0x100
#define GICR_ICENABLER0 0x180
#define GICR_ISPENDR0 0x200
#define GICR_ICPENDR0 0x280
#define GICR_ISACTIVER0 0x300
#define GICR_ICACTIVER0 0x380
#define GICR_IPRIORITYR0 0x400
#define CNTV_CTL_ENABLE 1UL
#define CNTV_CTL_IMASK 2UL
#define CNTV_CTL_ISTATUS 4UL

/* arch.c: the interrupt counts of its handler, and a test's own handler. */
extern volatile unsigned int sgi_count;
/* Called with the acknowledged INTID's ICC_IAR1_EL1 value; nonzero: it ended it. */
int arch_irq_custom(uint64_t iar);

/* One plain word access: a load or store the hypervisor can decode (ISS.ISV). */
static inline uint32_t mmio_rd32(uint64_t addr)
{
    uint32_t v;

    __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
    return v;
}

static inline void mmio_wr32(uint64_t addr, uint32_t v)
{
    __asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline void mmio_wr8(uint64_t addr, uint8_t v)
{
    __asm__ volatile("strb %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

/* ICC_SRE_EL1.SRE, ICC_PMR_EL1 = pmr, ICC_IGRPEN1_EL1 = 1 (GICv3 12.2). */
static inline void gic_cpu_on(uint64_t pmr)
{
    __asm__ volatile("msr s3_0_c12_c12_5, %0\n\tisb" : : "r"(1UL));
    __asm__ volatile("msr s3_0_c4_c6_0, %0" : : "r"(pmr));
    __asm__ volatile("msr s3_0_c12_c12_7, %0\n\tisb" : : "r"(1UL));
}

static inline void gic_set_pmr(uint64_t pmr)
{
    __asm__ volatile("msr s3_0_c4_c6_0, %0\n\tisb" : : "r"(pmr));
}

static inline void irqs_on(void)
{
    __asm__ volatile("msr daifclr, #2\n\tisb" : : : "memory");
}

static inline void irqs_off(void)
{
    __asm__ volatile("msr daifset, #2\n\tisb" : : : "memory");
}

static inline void vtimer_arm(uint64_t ticks)
{
    __asm__ volatile("msr cntv_tval_el0, %0\n\tmsr cntv_ctl_el0, %1\n\tisb"
                     :
                     : "r"(ticks), "r"(CNTV_CTL_ENABLE));
}

static inline void vtimer_off(void)
{
    __asm__ volatile("msr cntv_ctl_el0, xzr\n\tisb");
}

static inline uint64_t vtimer_ctl(void)
{
    uint64_t v;

    __asm__ volatile("isb\n\tmrs %0, cntv_ctl_el0" : "=r"(v));
    return v;
}

/*
 * Poll (never WFI: a lost interrupt must end in "not ok", not a hang) until
 * *flag reaches want or a generous second has passed. Liveness only.
 */
static inline bool poll_until(volatile unsigned int *flag, unsigned int want)
{
    uint64_t end = arch_counter() + arch_counter_freq();

    while (*flag < want && arch_counter() < end)
        ;
    return *flag >= want;
}

/* Poll until (GICR word at off & bit) == want, or a second has passed. */
static inline bool poll_gicr(uint64_t off, uint32_t bit, bool want)
{
    uint64_t end = arch_counter() + arch_counter_freq();
    bool now;

    while ((now = (mmio_rd32(GICR_SGI + off) & bit) != 0) != want && arch_counter() < end)
        ;
    return now == want;
}

#endif /* GICV3_GUEST_H */
