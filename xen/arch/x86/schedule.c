// SPDX-License-Identifier: GPL-2.0-only
/*
 * Each CPU's run loop. The common scheduler (xen/common/sched/) decides
 * which vCPU runs here and keeps every vCPU's state; this file only puts
 * the CPU in the chosen vCPU's hands (its VMCS, and the registers the VMCS
 * does not hold) and enters it, exit after exit, until
 * sched_work_pending() says it is time to decide again. With nothing to
 * run, the CPU idles with interrupts on.
 */
#include <xen/arch.h>
#include <xen/lib.h>
#include <xen/sched-if.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/types.h>

#include <asm/hvm/vmx/entry.h>
#include <asm/hvm/vmx/vmx.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/smp.h>

/* The earliest vLAPIC timer of a vCPU blocked on this CPU, 0 if none. */
static uint64_t earliest_wakeup(unsigned int cpu)
{
    const struct sched_cpu *sc = &sched_cpus[cpu];
    uint64_t first = 0;
    unsigned int i;

    /* The queue is fixed once the domains are built; states are only read here. */
    for (i = 0; i < sc->nr_queued; i++) {
        const struct vcpu *v = sc->queue[i];
        uint64_t t = vlapic_deadline(v);

        if (v->state == VCPU_BLOCKED && t && (!first || t < first))
            first = t;
    }
    return first;
}

/*
 * Nothing to run here: wait with interrupts on (IPIs reach their handlers,
 * a kick ends the wait), woken by the LAPIC timer when a blocked vCPU's
 * timer is due; then the caller asks schedule() again.
 */
static void idle(struct percpu *pc)
{
    uint64_t wake = earliest_wakeup(pc->cpu);

    if (!wake && !pc->idle_said) {
        printk("CPU%u: no runnable vCPU (%u domain%s still running): idle\n", pc->cpu,
               domain_count_running(), domain_count_running() == 1 ? "" : "s");
        pc->idle_said = true;
    }
    if (pc->cpu == 0) {
        /* Console input is polled: an idle boot CPU still looks at COM1 now and then. */
        uint64_t poll = rdtsc() + ns_to_tsc(CONSOLE_POLL_NS);

        if (!wake || poll < wake)
            wake = poll;
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

/* Give this CPU to v: what the VMCS does not switch, then its VMCS. */
static void context_switch(struct vcpu *v)
{
    fpu_switch(v);
    switch_regs(v);
    vmx_vcpu_load(v);
    set_current(v);
}

uint64_t vmx_slice_cycles(unsigned int cpu)
{
    uint64_t ns = sched_cpu_slice_set(cpu);

    return ns ? ns_to_tsc(ns) : VMX_SLICE_CYCLES;
}

/* Enter v exit after exit, until the scheduler has something to decide. */
static void run_vcpu(struct percpu *pc, struct vcpu *v)
{
    for (;;) {
        int how;

        /*
         * An interrupt window: whatever arrived since the last exit runs
         * its handler now. Real VT-x would exit at once on entry for it,
         * but Bochs 2.7 re-evaluates its interrupt mask only when IF
         * changes, so there a guest running with IF=0 would hold it off
         * until its next STI.
         */
        __asm__ volatile("sti; nop; cli" : : : "memory");
        /*
         * No clock: a slice here is VMX_SLICE_CYCLES of the guest's own
         * time, ended by the preemption timer's exit (vcpu_yield()), as
         * before the common scheduler; the time the hypervisor spends on
         * a vCPU's exits is not charged to it, so a guest that exits often
         * is not squeezed by one that spins.
         */
        if (sched_work_pending(pc->cpu, 0))
            return;
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
        how = vmx_enter(&v->arch.regs, v->arch.launched);
        if (how == VMX_ENTER_FAILED) {
            vmx_entry_failed(v); /* the domain is crashed: v is DEAD now */
            continue;
        }
        v->arch.launched = true;
        vmx_handle_exit(v, how);
    }
}

void schedule_loop(void)
{
    struct percpu *pc = this_cpu();
    struct vcpu *last = NULL;

    for (;;) {
        uint64_t slice;
        struct vcpu *v;

        if (pc->cpu == 0)
            uart_poll_input();
        v = schedule(pc->cpu, arch_time_ns(), &slice);

        if (!v) {
            set_current(NULL);
            idle(pc);
            continue;
        }
        /*
         * v is RUNNING now: another vCPU's IPI either sees that and
         * interrupts this CPU, or set its IRR bit before this fence and
         * vlapic_inject() finds it (hvm/vlapic.c, vlapic_notify()).
         */
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        context_switch(v);
        if (v->arch.sipi_vector >= 0) /* started by a STARTUP IPI (hvm/vlapic.c) */
            vmx_vcpu_start_real(v);
        /*
         * A fresh slice for whoever comes on. The preemption timer ends
         * it (exits.c) whether or not the CPU is shared: its exit is also
         * when this CPU looks at its blocked vCPUs' timers and at a busy
         * guest's own vLAPIC timer.
         */
        if (v != last && (vmx_caps.pin & PIN_PREEMPTION_TIMER))
            vmwrite(VMX_PREEMPTION_TIMER_VALUE, vmx_slice_cycles(pc->cpu) >> vmx_caps.preempt_shift);
        last = v;
        run_vcpu(pc, v);
    }
}
