// SPDX-License-Identifier: GPL-2.0-only
/*
 * The local APIC in xAPIC mode (SDM Vol. 3A chapter 11): its registers are
 * 4 KiB of MMIO at the base IA32_APIC_BASE names, identity mapped by mm.c
 * (everything below 4 GiB is). Each CPU enables its own APIC; IPIs go
 * through the interrupt command register.
 */
#include <xen/spinlock.h>
#include <xen/types.h>

#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/smp.h>

/* IA32_APIC_BASE (SDM Vol. 3A 11.4.4, figure 11-5). */
#define APIC_BASE_ENABLE (1UL << 11)
#define APIC_BASE_ADDR_MASK 0xffffff000UL

/* Register offsets (SDM Vol. 3A table 11-1). */
#define APIC_ID 0x20
#define APIC_TPR 0x80
#define APIC_EOI 0xb0
#define APIC_SVR 0xf0
#define APIC_ICR_LOW 0x300
#define APIC_ICR_HIGH 0x310
#define APIC_LVT_TIMER 0x320
#define APIC_LVT_LINT0 0x350
#define APIC_LVT_LINT1 0x360

#define APIC_SVR_ENABLE (1U << 8)     /* 11.9, figure 11-23 */
#define APIC_LVT_MASKED (1U << 16)    /* 11.5.1 */
#define APIC_LVT_TSC_DEADLINE (2U << 17)
#define APIC_ICR_BUSY (1U << 12)      /* delivery status: send pending (11.6.1) */

static volatile uint32_t *apic_regs;

static uint32_t apic_read(unsigned int reg)
{
    return apic_regs[reg / 4];
}

static void apic_write(unsigned int reg, uint32_t v)
{
    apic_regs[reg / 4] = v;
}

void apic_init(void)
{
    uint64_t base = rdmsr(MSR_IA32_APIC_BASE);

    if (!(base & APIC_BASE_ENABLE))
        wrmsr(MSR_IA32_APIC_BASE, base | APIC_BASE_ENABLE);
    /* Every CPU's APIC sits at the same physical address (it is per CPU behind it). */
    apic_regs = (volatile uint32_t *)(base & APIC_BASE_ADDR_MASK);
    apic_write(APIC_TPR, 0); /* accept every priority class */
    /* No timer and no legacy LINT pins (the BIOS may have set LINT0 to ExtINT). */
    apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
    apic_write(APIC_LVT_LINT0, APIC_LVT_MASKED);
    apic_write(APIC_LVT_LINT1, APIC_LVT_MASKED);
    apic_write(APIC_SVR, APIC_SVR_ENABLE | IRQ_VECTOR_SPURIOUS);
    this_cpu()->apic_id = apic_id();
}

uint32_t apic_id(void)
{
    return apic_read(APIC_ID) >> 24;
}

void apic_eoi(void)
{
    apic_write(APIC_EOI, 0);
}

/*
 * Interrupt this CPU (IRQ_VECTOR_TIMER) when the TSC reaches tsc, with the
 * timer in TSC-deadline mode (11.5.4.1). False if the CPU lacks the mode.
 */
bool apic_timer_deadline(uint64_t tsc)
{
    struct cpuid_regs r;

    cpuid_count(1, 0, &r);
    if (!(r.ecx & X86_FEATURE_TSC_DEADLINE_ECX))
        return false;
    apic_write(APIC_LVT_TIMER, APIC_LVT_TSC_DEADLINE | IRQ_VECTOR_TIMER);
    /* The LVT write must land before the deadline is armed (11.5.4.1). */
    __asm__ volatile("mfence" : : : "memory");
    wrmsr(MSR_IA32_TSC_DEADLINE, tsc);
    return true;
}

/* Send: destination first, the low word triggers it; wait until it has left. */
void apic_icr_write(uint32_t dest_apic_id, uint32_t low)
{
    while (apic_read(APIC_ICR_LOW) & APIC_ICR_BUSY)
        arch_cpu_relax();
    apic_write(APIC_ICR_HIGH, dest_apic_id << 24);
    apic_write(APIC_ICR_LOW, low);
    while (apic_read(APIC_ICR_LOW) & APIC_ICR_BUSY)
        arch_cpu_relax();
}
