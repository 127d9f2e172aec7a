/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86-64 half of <xen/nospec.h>. CMP sets CF exactly when idx < size
 * (unsigned); SBB of a register from itself turns CF into a mask of all ones
 * or zero. Arithmetic on flags is a data dependency, not a prediction (SDM
 * Vol. 1 7.3.2; Intel's "Bounds Check Bypass" guidance recommends this
 * pattern), so a load indexed by idx & mask cannot reach past the table
 * even when the caller's bounds-check branch is mispredicted.
 */
#ifndef ASM_X86_NOSPEC_H
#define ASM_X86_NOSPEC_H

static inline unsigned long arch_array_index_nospec(unsigned long idx, unsigned long size)
{
    unsigned long mask;

    asm volatile("cmp %[size], %[idx]\n\t"
                 "sbb %[mask], %[mask]"
                 : [mask] "=r"(mask)
                 : [idx] "r"(idx), [size] "r"(size)
                 : "cc");
    return idx & mask;
}

#endif /* ASM_X86_NOSPEC_H */
