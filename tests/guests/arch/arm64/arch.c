// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AArch64 side of the test guests: the hypercall instruction, PSCI, the
 * exception hook, the virtual timer and the GICv3 CPU interface. The tests
 * themselves are portable C (tests/guests/ at the top level) and use only guest.h.
 */
#include "../../guest.h"

long hypercall5(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
                unsigned long a3, unsigned long a4)
{
    register unsigned long x0 __asm__("x0") = a0;
    register unsigned long x1 __asm__("x1") = a1;
    register unsigned long x2 __asm__("x2") = a2;
    register unsigned long x3 __asm__("x3") = a3;
    register unsigned long x4 __asm__("x4") = a4;
    register unsigned long x16 __asm__("x16") = nr;

    __asm__ volatile("hvc #0xea1"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x16)
                     :
                     : "memory");
    return (long)x0;
}

unsigned long smccc_call(unsigned long fn, unsigned long a0, unsigned long a1, unsigned long a2)
{
    register unsigned long x0 __asm__("x0") = fn;
    register unsigned long x1 __asm__("x1") = a0;
    register unsigned long x2 __asm__("x2") = a1;
    register unsigned long x3 __asm__("x3") = a2;

    __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
    return x0;
}

void guest_poweroff(void)
{
    smccc_call(0x84000008, 0, 0, 0); /* PSCI SYSTEM_OFF */
    for (;;)
        __asm__ volatile("wfi");
}

/* Exceptions the current test expects; anything else is reported and ends the guest. */
volatile unsigned int exc_count, exc_last_class, irq_count;
volatile int exc_skip = 0; /* move ELR past the faulting instruction */

void guest_exception(unsigned long kind, unsigned long esr, unsigned long *elr);
void guest_exception(unsigned long kind, unsigned long esr, unsigned long *elr)
{
    if (kind == 5) {
        arch_irq_handler();
        return;
    }
    exc_count++;
    exc_last_class = (unsigned int)(esr >> 26);
    if (exc_skip) {
        *elr += 4;
        return;
    }
    gprintf("guest: unexpected exception kind %lu ESR %lx ELR %lx\n", kind, esr, *elr);
    guest_poweroff();
}

int arch_hvc_bad_immediate(void)
{
    unsigned int before = exc_count;

    exc_skip = 1;
    __asm__ volatile("hvc #0x1234" : : : "memory");
    exc_skip = 0;
    return exc_count == before + 1 && exc_last_class == 0 ? 0 : -1;
}

uint64_t arch_counter(void)
{
    uint64_t v;

    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v));
    return v;
}

uint64_t arch_counter_freq(void)
{
    uint64_t v;

    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
    return v;
}

/* --- virtual timer through the virtual GICv3 --- */
#define GICR_SGI_ISENABLER0 (0x03020000UL + 0x10000 + 0x100)
#define VTIMER_PPI 27

void arch_irq_handler(void)
{
    uint64_t iar;

    __asm__ volatile("mrs %0, s3_0_c12_c12_0" : "=r"(iar)); /* ICC_IAR1_EL1 */
    if ((iar & 0xffffff) == VTIMER_PPI) {
        irq_count++;
        __asm__ volatile("msr cntv_ctl_el0, %0" : : "r"(2UL)); /* IMASK: stop asserting */
    }
    __asm__ volatile("msr s3_0_c12_c12_1, %0\n\tisb" : : "r"(iar)); /* ICC_EOIR1_EL1 */
}

/* Arm the virtual timer ticks_ahead from now and wait for its interrupt. */
int arch_timer_irq_test(uint64_t ticks_ahead, unsigned int *irqs)
{
    uint64_t deadline;

    *(volatile uint32_t *)GICR_SGI_ISENABLER0 = 1u << VTIMER_PPI;
    __asm__ volatile("msr s3_0_c12_c12_5, %0" : : "r"(1UL)); /* ICC_SRE_EL1.SRE */
    __asm__ volatile("isb");
    __asm__ volatile("msr s3_0_c4_c6_0, %0" : : "r"(0xffUL)); /* ICC_PMR_EL1 */
    __asm__ volatile("msr s3_0_c12_c12_7, %0" : : "r"(1UL)); /* ICC_IGRPEN1_EL1 */
    __asm__ volatile("isb");
    irq_count = 0;
    __asm__ volatile("msr cntv_tval_el0, %0\n\tmsr cntv_ctl_el0, %1\n\tisb"
                     :
                     : "r"(ticks_ahead), "r"(1UL));
    __asm__ volatile("msr daifclr, #2");
    deadline = arch_counter() + ticks_ahead * 100 + 100000;
    while (!irq_count && arch_counter() < deadline)
        __asm__ volatile("wfi");
    __asm__ volatile("msr daifset, #2");
    __asm__ volatile("msr cntv_ctl_el0, %0" : : "r"(0UL));
    *irqs = irq_count;
    return irq_count ? 0 : -1;
}

/* A load from a guest-physical address (MMU off: VA = IPA). */
uint32_t arch_read_phys(uint64_t pa)
{
    return *(volatile uint32_t *)pa;
}

void arch_write_phys(uint64_t pa, uint32_t v)
{
    *(volatile uint32_t *)pa = v;
}

/* Write a string to the vPL011, if the guest has one. */
void arch_vpl011_puts(const char *s)
{
    volatile uint32_t *uart = (volatile uint32_t *)0x22000000UL;

    for (; *s; s++) {
        while (uart[0x18 / 4] & (1u << 5))
            ;
        uart[0] = (uint8_t)*s;
    }
}
