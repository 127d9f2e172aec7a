// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot CPU's run loop: enter a vCPU, handle its exit, and move on to
 * the next runnable vCPU (round robin over every domain) when it yields,
 * halts, or its preemption timer slice ends. With one physical CPU the
 * domains share it; each keeps its own VMCS, so a switch is one VMPTRLD.
 */
#include <xen/arch.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/types.h>

#include <asm/hvm/vmx/vmx.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/smp.h>

void sched_yield_request(void)
{
    this_cpu()->resched = true;
}

void vcpu_park(struct vcpu *v)
{
    v->arch.run_state = X86_RUN_PARKED;
    this_cpu()->resched = true;
}

void arch_vcpu_yield(struct vcpu *v)
{
    this_cpu()->resched = true;
}

/*
 * Sleep until the vCPU's vLAPIC timer interrupt is pending (masked by the
 * guest's IF or not, as on ARM). With nothing that could wake it, it is a
 * yield: the vCPU comes back at its next turn, a spurious wakeup.
 */
void arch_vcpu_block(struct vcpu *v)
{
    if (!vlapic_wakes(v) && vlapic_deadline(v))
        v->arch.blocked = true;
    this_cpu()->resched = true;
}

static bool runnable(struct vcpu *v)
{
    if (v->domain->state != DOMAIN_RUNNING || v->arch.run_state != X86_RUN_RUNNABLE ||
        v->arch.pcpu != smp_processor_id())
        return false;
    if (v->arch.blocked && vlapic_wakes(v))
        v->arch.blocked = false;
    return !v->arch.blocked;
}

/* The runnable vCPU after prev in (domain id, vcpu id) order, wrapping; prev last. */
static struct vcpu *pick_next(const struct vcpu *prev)
{
    unsigned int start = prev ? (prev->domain->domain_id - 1U) * CONFIG_MAX_VCPUS + prev->vcpu_id + 1
                              : 0;
    unsigned int total = CONFIG_MAX_DOMAINS * CONFIG_MAX_VCPUS, i;

    for (i = 0; i < total; i++) {
        unsigned int slot = (start + i) % total;
        struct domain *d = domain_by_id((domid_t)(slot / CONFIG_MAX_VCPUS + 1));
        unsigned int vid = slot % CONFIG_MAX_VCPUS;

        if (d && vid < d->nr_vcpus && runnable(&d->vcpu[vid]))
            return &d->vcpu[vid];
    }
    return NULL;
}

/* The earliest vLAPIC timer of a vCPU blocked on this CPU, 0 if none. */
static uint64_t earliest_wakeup(void)
{
    uint64_t first = 0;
    unsigned int id, i;

    for (id = 1; id <= CONFIG_MAX_DOMAINS; id++) {
        struct domain *d = domain_by_id((domid_t)id);

        for (i = 0; d && d->state == DOMAIN_RUNNING && i < d->nr_vcpus; i++) {
            const struct vcpu *v = &d->vcpu[i];
            uint64_t t = vlapic_deadline(v);

            if (v->arch.pcpu == smp_processor_id() && v->arch.blocked && t && (!first || t < first))
                first = t;
        }
    }
    return first;
}

/*
 * Nothing to run here: wait with interrupts on (IPIs reach their handlers),
 * woken by the LAPIC timer when a blocked vCPU's timer is due.
 */
static void idle(struct percpu *pc)
{
    uint64_t wake = earliest_wakeup();

    if (!wake && !pc->idle_said) {
        printk("CPU%u: no runnable vCPU (%u domain%s still running): idle\n", pc->cpu,
               domain_count_running(), domain_count_running() == 1 ? "" : "s");
        pc->idle_said = true;
    }
    if (wake && !apic_timer_deadline(wake)) {
        __asm__ volatile("sti; pause; cli" : : : "memory"); /* no TSC-deadline mode: poll */
        return;
    }
    __asm__ volatile("sti; hlt; cli" : : : "memory");
}

/*
 * The x87/SSE registers are not part of the VMCS: with vCPUs taking turns
 * on a CPU each would read, and change, the registers the previous one
 * left (found by the hostile guests). The CPU's owner's state is saved
 * with FXSAVE when another vCPU comes on, which gets its own back, or the
 * FNINIT state (FCW 0x37f, MXCSR 0x1f80; SDM Vol. 1 10.5.1) the first time.
 */
static struct vcpu *fpu_owner[NR_CPUS];

static void fpu_switch(struct vcpu *next)
{
    struct vcpu **owner = &fpu_owner[smp_processor_id()];

    if (*owner == next)
        return;
    if (*owner)
        __asm__ volatile("fxsave64 %0" : "=m"((*owner)->arch.fpu));
    if (!next->arch.fpu_ready) {
        memset(next->arch.fpu, 0, sizeof(next->arch.fpu));
        next->arch.fpu[0] = 0x7f; /* FCW 0x037f */
        next->arch.fpu[1] = 0x03;
        next->arch.fpu[24] = 0x80; /* MXCSR 0x1f80 */
        next->arch.fpu[25] = 0x1f;
        next->arch.fpu_ready = true;
    }
    __asm__ volatile("fxrstor64 %0" : : "m"(next->arch.fpu));
    *owner = next;
}

void schedule_loop(void)
{
    struct percpu *pc = this_cpu();
    struct vcpu *v = NULL;

    for (;;) {
        if (!v || pc->resched || !runnable(v)) {
            struct vcpu *next = pick_next(v ? v : current);

            pc->resched = false;
            if (!next) {
                v = NULL;
                idle(pc);
                continue;
            }
            if (next != v) {
                fpu_switch(next);
                switch_regs(next);
                vmx_vcpu_load(next);
                set_current(next);
                /* A fresh slice for whoever comes on. */
                if (vmx_caps.pin & PIN_PREEMPTION_TIMER)
                    vmwrite(VMX_PREEMPTION_TIMER_VALUE,
                            VMX_SLICE_CYCLES >> vmx_caps.preempt_shift);
            }
            v = next;
        }
        /*
         * An interrupt window: whatever arrived since the last exit runs
         * its handler now. Real VT-x would exit at once on entry for it,
         * but Bochs 2.7 re-evaluates its interrupt mask only when IF
         * changes, so there a guest running with IF=0 would hold it off
         * until its next STI.
         */
        __asm__ volatile("sti; nop; cli" : : : "memory");
        vlapic_inject(v);
        /*
         * Boot check of the exit path: an IPI to ourselves, pending at VM
         * entry, must come back as an external-interrupt exit (exits.c).
         * Done for a guest entered with IF=1, which even Bochs exits for.
         */
        if (pc->selftest_exit == SELFTEST_EXIT_ARMED &&
            (vmread(GUEST_RFLAGS) & X86_EFLAGS_IF)) {
            pc->selftest_exit = SELFTEST_EXIT_SENT;
            pc->selftest_exit_before = pc->selftest_irqs;
            send_ipi(pc->cpu, IRQ_VECTOR_SELFTEST);
        }
        if (vmx_enter(&v->arch.regs, v->arch.launched)) {
            vmx_entry_failed(v);
            continue;
        }
        v->arch.launched = true;
        vmx_handle_exit(v);
    }
}

/* Abandon the current stack (a vCPU that will never run again) and schedule. */
void reset_stack_and_schedule(void)
{
    __asm__ volatile("mov %0, %%rsp; jmp schedule_loop" : : "r"(this_cpu()->stack_top) : "memory");
    __builtin_unreachable();
}
