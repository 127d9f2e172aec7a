// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86 side of the common scheduler (<xen/arch.h>). Each vCPU has its
 * own VMCS and the run loop (schedule.c) switches between them, so CPUs
 * may be shared (the rr policy).
 */
#include <xen/arch.h>

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

bool arch_vcpu_irq_pending(struct vcpu *v)
{
    return vlapic_wakes(v);
}
