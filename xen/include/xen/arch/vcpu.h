/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arch hooks: vCPUs and CPUs: what the common scheduler and the hypercall path need from the arch. Declared and documented
 * once here; defined by each backend (xen/arch/<arch>/) and by the host
 * unit tests' fake arch (tests/unit/fake/). <xen/arch.h> includes them all.
 */
#ifndef XEN_ARCH_VCPU_H
#define XEN_ARCH_VCPU_H

#include <xen/types.h>

struct vcpu;

/*
 * The hypercall v is in is to be issued again (a continuation): make the
 * guest execute its hypercall instruction again on return, with number nr
 * and the arguments args[0..4] in the argument registers. Returns the value
 * the common dispatcher hands back as the hypercall's "result": whatever
 * the arch's result register must hold so that the re-executed instruction
 * sees nr and args (AArch64: x0 is also the first argument, so args[0];
 * x86: rax holds the number, so nr). The guest takes any pending interrupt
 * before it re-executes, which is the point.
 */
unsigned long arch_hypercall_restart(struct vcpu *v, unsigned long nr, const unsigned long *args);

/* Give v's physical CPU away until v's next turn (SCHEDOP_yield). */
void arch_vcpu_yield(struct vcpu *v);

/*
 * Whether this architecture can switch a CPU between vCPUs (save and
 * restore one's state, run another). Without it only the null policy runs:
 * pool 0 refuses a domain that does not fit instead of sharing CPUs, and a
 * pool with a preempting policy is refused with -EOPNOTSUPP.
 */
bool arch_sched_can_share(void);

/* The number of the CPU this runs on (0 .. CONFIG_NR_CPUS - 1). */
unsigned int arch_cpu_id(void);

/*
 * A pause in a spin-wait loop (AArch64: YIELD; x86: PAUSE). Called with a
 * lock's ticket pending, so it must not take a lock or wait for an event.
 */
void arch_cpu_relax(void);

/*
 * Make cpu call schedule() soon: an IPI (SGI) that takes it out of its
 * guest or its idle wait. Never waits for it. cpu is not this CPU.
 */
void arch_sched_kick(unsigned int cpu);

/*
 * Whether v has an interrupt pending that ends a wait for one (WFI, HLT,
 * SCHEDOP_block): checked under v's scheduler lock by vcpu_block(), and for
 * blocked vCPUs whenever their CPU decides what to run. Must not block.
 */
bool arch_vcpu_irq_pending(struct vcpu *v);

/* Sleep until an interrupt is pending for v (SCHEDOP_block, WFI). */
void arch_vcpu_block(struct vcpu *v);

#endif /* XEN_ARCH_VCPU_H */
