/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The running vCPU is kept in TPIDR_EL2 (Arm ARM D19.2.147), which the guest
 * cannot reach, so reading it costs one instruction on the hypercall path.
 */
#ifndef ASM_ARM_CURRENT_H
#define ASM_ARM_CURRENT_H

struct vcpu;

static inline struct vcpu *get_current(void)
{
    struct vcpu *v;

    __asm__ volatile("mrs %0, tpidr_el2" : "=r"(v));
    return v;
}

static inline void set_current(struct vcpu *v)
{
    __asm__ volatile("msr tpidr_el2, %0" : : "r"(v) : "memory");
}

#endif /* ASM_ARM_CURRENT_H */
