/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Each physical CPU's GS base points at its per-CPU block, whose first word
 * is the running vCPU, so reading it is one instruction.
 */
#ifndef ASM_X86_CURRENT_H
#define ASM_X86_CURRENT_H

struct vcpu;

static inline struct vcpu *get_current(void)
{
    struct vcpu *v;

    __asm__ volatile("mov %%gs:0, %0" : "=r"(v));
    return v;
}

static inline void set_current(struct vcpu *v)
{
    __asm__ volatile("mov %0, %%gs:0" : : "r"(v) : "memory");
}

#endif /* ASM_X86_CURRENT_H */
