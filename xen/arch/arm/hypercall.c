// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hypercall continuations on AArch64. args is the saved x0..x4 of the
 * guest's frame (entry.S), so the new arguments are already where the
 * guest's registers are reloaded from: what is left is to make the guest
 * execute HVC again. The frame's ELR is what entry.S writes back to
 * ELR_EL2, and it holds the address after the HVC (Arm ARM D1.10.1,
 * "preferred return address" of an HVC is the next instruction); every A64
 * instruction is 4 bytes. x16 (the number) is reloaded from the frame too.
 */
#include <asm/setup.h>
#include <xen/arch.h>
#include <xen/lib.h>
#include <xen/types.h>

unsigned long arch_hypercall_restart(struct vcpu *v, unsigned long nr, const unsigned long *args)
{
    /* x[0] opens the frame (BUILD_BUG_ON below): args is the frame itself. */
    struct cpu_user_regs *regs = (struct cpu_user_regs *)(uintptr_t)args;

    BUILD_BUG_ON(__builtin_offsetof(struct cpu_user_regs, x) != 0);

    regs->elr -= 4;
    regs->x[16] = nr;
    return args[0]; /* entry.S stores the result in x0, the first argument */
}
