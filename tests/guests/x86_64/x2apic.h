/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86-only test guests' access to their virtual x2APIC (SDM Vol. 3A
 * 11.12: its registers are MSRs) and to CR8, the task-priority register's
 * other name in 64-bit mode (SDM Vol. 3A 11.8.6.1: CR8[3:0] is TPR[7:4]).
 * The interrupt handler is arch/x86_64/arch.c's: vector 32 counts in
 * irq_count and takes its EOI.
 */
#ifndef GUESTS_X86_64_X2APIC_H
#define GUESTS_X86_64_X2APIC_H

#include "../guest.h"

#define APIC_BASE_MSR 0x1bU
#define APIC_BASE_EXTD (1UL << 10)
#define X2APIC_TPR 0x808U
#define X2APIC_SVR 0x80fU
#define X2APIC_LVT_TIMER 0x832U
#define X2APIC_TIMER_ICR 0x838U
#define X2APIC_TIMER_DCR 0x83eU
#define X2APIC_TIMER_VECTOR 32 /* priority class 2 */

static inline uint64_t x2apic_rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr) : "memory");
    return ((uint64_t)hi << 32) | lo;
}

static inline void x2apic_wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

static inline void x2apic_enable(void)
{
    x2apic_wrmsr(APIC_BASE_MSR, x2apic_rdmsr(APIC_BASE_MSR) | APIC_BASE_EXTD);
}

/* One-shot timer on vector 32, divide by 1, in ticks of the TSC. */
static inline void x2apic_timer_arm(uint32_t ticks)
{
    x2apic_wrmsr(X2APIC_SVR, 0x1ff);
    x2apic_wrmsr(X2APIC_TIMER_DCR, 0xb);
    x2apic_wrmsr(X2APIC_LVT_TIMER, X2APIC_TIMER_VECTOR);
    x2apic_wrmsr(X2APIC_TIMER_ICR, ticks);
}

static inline unsigned long read_cr8(void)
{
    unsigned long v;

    __asm__ volatile("mov %%cr8, %0" : "=r"(v) : : "memory");
    return v;
}

static inline void write_cr8(unsigned long v)
{
    __asm__ volatile("mov %0, %%cr8" : : "r"(v) : "memory");
}

/* "name=N" from the boot arguments, or def. */
static inline unsigned long guest_arg(void *boot_info, const char *name, unsigned long def)
{
    const char *p = strstr_simple(arch_boot_args(boot_info), name);
    unsigned long n = 0;

    if (!p)
        return def;
    for (p += strlen(name); *p >= '0' && *p <= '9'; p++)
        n = n * 10 + (unsigned long)(*p - '0');
    return n;
}

#endif /* GUESTS_X86_64_X2APIC_H */
