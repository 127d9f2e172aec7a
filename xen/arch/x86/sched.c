// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86 side of the common scheduler (<xen/arch.h>). Each vCPU has its
 * own VMCS and the run loop (schedule.c) switches between them, so CPUs
 * may be shared (the rr policy). Blocking, waking, yielding and a vCPU's
 * end are the common lifecycle's (xen/common/sched/core.c).
 */
#include <xen/arch.h>
#include <xen/sched.h>

#include <asm/hvm/vmx/vmx.h>
#include <asm/smp.h>

bool arch_sched_can_share(void)
{
    return true;
}

unsigned int arch_cpu_id(void)
{
    return smp_processor_id();
}

void arch_sched_kick(unsigned int cpu)
{
    /* The timer vector: it takes the CPU out of its guest or out of HLT. */
    send_ipi(cpu, IRQ_VECTOR_TIMER);
}

/* A vLAPIC interrupt (its timer, an IPI), deliverable (masked by the guest's IF or not, as ARM). */
bool arch_vcpu_irq_pending(struct vcpu *v)
{
    return vlapic_wakes(v);
}

void arch_vcpu_yield(struct vcpu *v)
{
    vcpu_yield(v);
}

/*
 * Sleep until an interrupt is pending in the vCPU's vLAPIC: its timer, or
 * an IPI from another vCPU of its domain. A vCPU alone in its domain with
 * no timer armed has nothing that could ever wake it, so its wait is a
 * yield instead (a spurious wake-up, which HLT and SCHEDOP_block both
 * allow).
 */
void arch_vcpu_block(struct vcpu *v)
{
    if (v->domain->nr_vcpus == 1 && !vlapic_deadline(v) && !vlapic_wakes(v))
        vcpu_yield(v);
    else
        vcpu_block(v);
}
