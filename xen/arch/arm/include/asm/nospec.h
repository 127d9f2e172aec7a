/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AArch64 half of <xen/nospec.h>. CSEL's result is a data dependency on the
 * flags of the CMP, never predicted; CSDB (Arm ARM C6.2.58, "Consumption of
 * Speculative Data Barrier") then keeps later instructions from using a
 * value that speculative execution of the CSEL produced. Together: the
 * index a later load sees is either < size or 0, even under misprediction
 * of the caller's bounds check.
 */
#ifndef ASM_ARM_NOSPEC_H
#define ASM_ARM_NOSPEC_H

static inline unsigned long arch_array_index_nospec(unsigned long idx, unsigned long size)
{
    unsigned long safe;

    asm volatile("cmp   %1, %2\n\t"
                 "csel  %0, %1, xzr, lo\n\t"
                 "hint  #20 /* csdb */"
                 : "=r"(safe)
                 : "r"(idx), "rI"(size)
                 : "cc");
    return safe;
}

#endif /* ASM_ARM_NOSPEC_H */
