// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hypercall continuations on AArch64. entry.S's fast path hands
 * hypercall_dispatch() the saved x0..x4 themselves as the argument array,
 * so the new arguments are already in the guest's registers: what is left
 * is to make the guest execute HVC again. ELR_EL2 holds the address after
 * the HVC (Arm ARM D1.10.1, "preferred return address" of an HVC is the
 * next instruction) and every A64 instruction is 4 bytes.
 */
#include <asm/sysregs.h>
#include <xen/arch.h>

unsigned long arch_hypercall_restart(struct vcpu *v, unsigned long nr, const unsigned long *args)
{
    WRITE_SYSREG(elr_el2, READ_SYSREG(elr_el2) - 4);
    return args[0]; /* entry.S stores the result in x0, the first argument */
}
