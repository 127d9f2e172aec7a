// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AArch64 side of the common scheduler (<xen/arch.h>). A CPU runs one
 * vCPU for good (the null policy): the EL1 state is not switched yet, so
 * no pool may share CPUs on this arch.
 */
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/arch.h>

bool arch_sched_can_share(void)
{
    return false;
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
    return vgic_has_pending(v);
}
