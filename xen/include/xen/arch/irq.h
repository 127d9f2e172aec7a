/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arch hooks: interrupts on this CPU. Declared and documented once here;
 * defined by each backend (xen/arch/<arch>/) and by the host unit tests'
 * fake arch (tests/unit/fake/). <xen/arch.h> includes them all.
 * (Whether a vCPU has a virtual interrupt pending is <xen/arch/vcpu.h>'s.)
 */
#ifndef XEN_ARCH_IRQ_H
#define XEN_ARCH_IRQ_H

/*
 * Mask interrupts on this CPU and return what to restore (AArch64: DAIF;
 * x86: RFLAGS). Nests: each save is undone by a restore of its own value,
 * innermost first. May be called with interrupts already masked; must not
 * touch any other CPU's state.
 */
unsigned long arch_irq_save(void);
void arch_irq_restore(unsigned long flags);

#endif /* XEN_ARCH_IRQ_H */
