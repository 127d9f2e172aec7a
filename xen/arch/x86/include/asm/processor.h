/* SPDX-License-Identifier: GPL-2.0-only */
/* Control registers, EFER, CPUID and the few instructions C needs inline. */
#ifndef ASM_X86_PROCESSOR_H
#define ASM_X86_PROCESSOR_H

#include <xen/types.h>

/* CR0 (SDM Vol. 3A 2.5) */
#define X86_CR0_PE (1UL << 0)
#define X86_CR0_MP (1UL << 1)
#define X86_CR0_ET (1UL << 4)
#define X86_CR0_NE (1UL << 5)
#define X86_CR0_WP (1UL << 16)
#define X86_CR0_PG (1UL << 31)

/* CR4 (SDM Vol. 3A 2.5) */
#define X86_CR4_PSE (1UL << 4)
#define X86_CR4_PAE (1UL << 5)
#define X86_CR4_PGE (1UL << 7)
#define X86_CR4_OSFXSR (1UL << 9) /* FXSAVE/FXRSTOR include the SSE state (SDM Vol. 3A 2.5) */
#define X86_CR4_VMXE (1UL << 13)

/* IA32_EFER (SDM Vol. 3A 2.2.1) */
#define EFER_SCE (1UL << 0)
#define EFER_LME (1UL << 8)
#define EFER_LMA (1UL << 10)
#define EFER_NXE (1UL << 11)

/* RFLAGS (SDM Vol. 1 3.4.3) */
#define X86_EFLAGS_CF (1UL << 0)
#define X86_EFLAGS_ZF (1UL << 6)
#define X86_EFLAGS_IF (1UL << 9)

/* CPUID.1:ECX (SDM Vol. 2A, CPUID) */
#define X86_FEATURE_VMX_ECX (1U << 5)
#define X86_FEATURE_X2APIC_ECX (1U << 21)
#define X86_FEATURE_TSC_DEADLINE_ECX (1U << 24)
/* XSAVE, OSXSAVE, AVX (CPUID.1:ECX 26-28, SDM Vol. 2A table 3-10). */
#define X86_FEATURE_XSAVE_AVX_ECX (7U << 26)
#define X86_FEATURE_HYPERVISOR_ECX (1U << 31)

/* The TSC's frequency in MHz (time.c). */
uint64_t tsc_mhz(void);

struct cpuid_regs {
    uint32_t eax, ebx, ecx, edx;
};

static inline void cpuid_count(uint32_t leaf, uint32_t sub, struct cpuid_regs *r)
{
    __asm__ volatile("cpuid"
                     : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
                     : "a"(leaf), "c"(sub));
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t val)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32)));
}

#define DEFINE_CR_ACCESSORS(n)                                                 \
    static inline unsigned long read_cr##n(void)                               \
    {                                                                          \
        unsigned long v;                                                       \
        __asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));                      \
        return v;                                                              \
    }                                                                          \
    static inline void write_cr##n(unsigned long v)                            \
    {                                                                          \
        __asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory");             \
    }
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;

    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* time.c: ns of the hypervisor's clock in TSC cycles (ns up to about a second). */
uint64_t ns_to_tsc(uint64_t ns);

/* Stop this CPU for good: interrupts off, so only NMI/SMI/INIT wake it. */
static inline void __attribute__((noreturn)) halt_forever(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}

#endif /* ASM_X86_PROCESSOR_H */
