/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bounds a guest-chosen table index without a branch the CPU could
 * speculate past (Spectre v1): the mask is all ones when idx < size and zero
 * otherwise, computed with arithmetic only. idx | (size - 1 - idx) has its
 * top bit clear exactly when idx < size (for size below 2^63).
 */
#ifndef XEN_NOSPEC_H
#define XEN_NOSPEC_H

#include <xen/types.h>

static inline unsigned long array_index_nospec(unsigned long idx, unsigned long size)
{
    unsigned long out_of_range = (idx | (size - 1UL - idx)) >> (sizeof(long) * 8 - 1);
    unsigned long mask = out_of_range - 1UL;

    return idx & mask;
}

#endif /* XEN_NOSPEC_H */
