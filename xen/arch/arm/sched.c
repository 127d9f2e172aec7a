// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AArch64 side of the common scheduler (<xen/arch.h>). CPUs may be
 * shared: context_switch.c saves and loads a vCPU's EL1 state.
 */
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/arch.h>

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
    /* The SGI takes a CPU out of its guest; the event out of the idle loop's WFE. */
    dsb_sy();
    gic_send_sgi(cpu, SGI_KICK);
    sev();
}

bool arch_vcpu_irq_pending(struct vcpu *v)
{
    /* A virtual timer that expired but whose interrupt was not taken: off its CPU, or on the way out. */
    return vgic_has_pending(v) || ctxt_irq_pending(v);
}
