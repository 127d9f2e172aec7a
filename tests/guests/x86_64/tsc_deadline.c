// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86-only test guest (issue 16, item 1): the vLAPIC timer's TSC-deadline
 * mode (SDM Vol. 3A 11.5.4.1). CPUID.1:ECX[24] offers it; the LVT timer's
 * mode field (bits 18:17) = 10b selects it; IA32_TSC_DEADLINE (MSR 0x6e0)
 * arms it for an absolute TSC value. Each check arms a deadline (future,
 * past, 0, then a mode switch) and looks whether the timer interrupt
 * (vector 32, arch.c's handler: irq_count) arrives or stays away, letting
 * time pass with the hypervisor looking often: a hypercall (whose fast
 * return checks the timer) then an interrupt window, over and over.
 */
#include "x2apic.h"

extern volatile unsigned int trap_count, trap_last, skip_len;

#define MSR_TSC_DEADLINE 0x6e0U
#define X2APIC_TIMER_CCR 0x839U
#define LVT_MASKED (1U << 16)
#define LVT_ONE_SHOT 0U
#define LVT_TSC_DEADLINE (2U << 17)
#define LVT_MODE_RESERVED (3U << 17)
#define TICKS 300000UL /* the deadlines' distance, in TSC ticks (Bochs: about instructions) */

static uint64_t now(void)
{
    return arch_counter();
}

/* TSC ticks pass; every few hundred the hypervisor looks at the timer and the guest takes interrupts. */
static void pass(uint64_t ticks)
{
    uint64_t end = now() + ticks;

    while (now() < end) {
        HYPERVISOR_xen_version(XENVER_version, NULL);
        __asm__ volatile("sti; nop; cli" : : : "memory");
    }
}

/* Sleep in HLT until the timer interrupt, or until limit ticks have passed. */
static void sleep_for_irq(unsigned int before, uint64_t limit)
{
    uint64_t end = now() + limit;

    while (irq_count == before && now() < end)
        __asm__ volatile("sti; hlt; cli" : : : "memory");
}

static int wrmsr_faults(uint32_t msr, uint64_t v)
{
    unsigned int before = trap_count;

    skip_len = 2;
    x2apic_wrmsr(msr, v);
    skip_len = 0;
    return trap_count != before && trap_last == 13;
}

void guest_main(void *boot_info)
{
    uint32_t r[4];
    uint64_t d, at, lvt;
    unsigned int before;
    int armed, early, gp;

    (void)boot_info;
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(1), "c"(0));
    tap_ok(r[2] & (1U << 24), "CPUID.1:ECX[24]: TSC-deadline timer offered (ecx %x)", r[2]);

    x2apic_enable();
    x2apic_wrmsr(X2APIC_SVR, 0x1ff);
    x2apic_wrmsr(X2APIC_TIMER_DCR, 0xb);
    x2apic_wrmsr(X2APIC_LVT_TIMER, LVT_ONE_SHOT | X2APIC_TIMER_VECTOR);

    /* Outside deadline mode the MSR reads 0 and writes are ignored. */
    irq_count = 0;
    x2apic_wrmsr(MSR_TSC_DEADLINE, now() + TICKS);
    tap_ok(x2apic_rdmsr(MSR_TSC_DEADLINE) == 0, "one-shot mode: IA32_TSC_DEADLINE reads 0 after a write");
    pass(3 * TICKS);
    tap_ok(irq_count == 0, "one-shot mode: a deadline written there never fires (%u irq)", irq_count);

    x2apic_wrmsr(X2APIC_LVT_TIMER, LVT_TSC_DEADLINE | X2APIC_TIMER_VECTOR);
    lvt = x2apic_rdmsr(X2APIC_LVT_TIMER);
    tap_ok(lvt == (LVT_TSC_DEADLINE | X2APIC_TIMER_VECTOR) && x2apic_rdmsr(MSR_TSC_DEADLINE) == 0,
           "LVT timer mode 10b: TSC-deadline mode (LVT %lx), disarmed", (unsigned long)lvt);

    /*
     * A future deadline: nothing before it, the interrupt after it, the MSR
     * cleared. Looked at before printing: a line costs the guest an exit
     * per character, more than TICKS in Bochs.
     */
    d = now() + 10 * TICKS;
    x2apic_wrmsr(MSR_TSC_DEADLINE, d);
    armed = x2apic_rdmsr(MSR_TSC_DEADLINE) == d && x2apic_rdmsr(X2APIC_TIMER_CCR) == 0;
    __asm__ volatile("sti; nop; cli" : : : "memory");
    early = irq_count != 0 || now() >= d;
    tap_ok(armed, "deadline armed: the MSR reads it back, the current count reads 0");
    tap_ok(!early, "no interrupt before the deadline");
    sleep_for_irq(0, 100 * TICKS);
    at = now();
    tap_ok(irq_count == 1 && at >= d, "the deadline's interrupt woke HLT, not before it (%ld ticks after)",
           (long)(at - d));
    tap_ok(x2apic_rdmsr(MSR_TSC_DEADLINE) == 0, "the MSR reads 0 once the timer fired");
    pass(3 * TICKS);
    tap_ok(irq_count == 1, "one interrupt per deadline (%u)", irq_count);

    /* A deadline already passed fires at once: before the instruction after the STI. */
    x2apic_wrmsr(MSR_TSC_DEADLINE, now() - 1000);
    __asm__ volatile("sti; nop; cli" : : : "memory");
    tap_ok(irq_count == 2, "a deadline in the past fires at once (%u)", irq_count);
    x2apic_wrmsr(MSR_TSC_DEADLINE, 1);
    __asm__ volatile("sti; nop; cli" : : : "memory");
    tap_ok(irq_count == 3, "so does a deadline of 1 (%u)", irq_count);

    /* Writing 0 disarms. */
    x2apic_wrmsr(MSR_TSC_DEADLINE, now() + TICKS);
    x2apic_wrmsr(MSR_TSC_DEADLINE, 0);
    tap_ok(x2apic_rdmsr(MSR_TSC_DEADLINE) == 0, "writing 0 disarms: the MSR reads 0");
    pass(3 * TICKS);
    tap_ok(irq_count == 3, "a disarmed deadline never fires (%u)", irq_count);

    /* The initial-count register is ignored in deadline mode; the current count reads 0. */
    x2apic_wrmsr(X2APIC_TIMER_ICR, 1000);
    tap_ok(x2apic_rdmsr(X2APIC_TIMER_CCR) == 0, "deadline mode: the current count reads 0 after an initial-count write");
    pass(3 * TICKS);
    tap_ok(irq_count == 3, "deadline mode: an initial-count write starts no count-down (%u)", irq_count);

    /* Leaving deadline mode disarms; so does coming back. */
    x2apic_wrmsr(MSR_TSC_DEADLINE, now() + TICKS);
    x2apic_wrmsr(X2APIC_LVT_TIMER, LVT_ONE_SHOT | X2APIC_TIMER_VECTOR);
    tap_ok(x2apic_rdmsr(MSR_TSC_DEADLINE) == 0, "switching to one-shot mode: the MSR reads 0");
    x2apic_wrmsr(X2APIC_LVT_TIMER, LVT_TSC_DEADLINE | X2APIC_TIMER_VECTOR);
    tap_ok(x2apic_rdmsr(MSR_TSC_DEADLINE) == 0, "and back to deadline mode: still disarmed");
    pass(3 * TICKS);
    tap_ok(irq_count == 3, "a deadline armed before a mode switch never fires (%u)", irq_count);

    /* A masked LVT: the deadline passes without an interrupt and disarms. */
    x2apic_wrmsr(X2APIC_LVT_TIMER, LVT_TSC_DEADLINE | LVT_MASKED | X2APIC_TIMER_VECTOR);
    x2apic_wrmsr(MSR_TSC_DEADLINE, now() + TICKS);
    pass(3 * TICKS);
    tap_ok(irq_count == 3 && x2apic_rdmsr(MSR_TSC_DEADLINE) == 0,
           "masked: the deadline passes without an interrupt and the MSR reads 0 (%u)", irq_count);

    /* Mode 11b is reserved: #GP, and the mode stays. */
    before = trap_count;
    gp = wrmsr_faults(X2APIC_LVT_TIMER, LVT_MODE_RESERVED | X2APIC_TIMER_VECTOR);
    lvt = x2apic_rdmsr(X2APIC_LVT_TIMER);
    tap_ok(gp && lvt == (LVT_TSC_DEADLINE | LVT_MASKED | X2APIC_TIMER_VECTOR),
           "LVT timer mode 11b (reserved): #GP, LVT unchanged (%u trap, LVT %lx)", trap_count - before,
           (unsigned long)lvt);

    /* Deadline mode again, unmasked: a second armed deadline fires too (the mode is not one-use). */
    x2apic_wrmsr(X2APIC_LVT_TIMER, LVT_TSC_DEADLINE | X2APIC_TIMER_VECTOR);
    d = now() + TICKS;
    x2apic_wrmsr(MSR_TSC_DEADLINE, d);
    sleep_for_irq(3, 100 * TICKS);
    tap_ok(irq_count == 4 && now() >= d, "a deadline re-armed after all that fires (%u)", irq_count);

    /* The one-shot count-down still works after deadline mode. */
    x2apic_wrmsr(X2APIC_LVT_TIMER, LVT_ONE_SHOT | X2APIC_TIMER_VECTOR);
    x2apic_wrmsr(X2APIC_TIMER_ICR, TICKS);
    sleep_for_irq(4, 100 * TICKS);
    tap_ok(irq_count == 5, "one-shot mode again: its count-down fires (%u)", irq_count);
    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}
