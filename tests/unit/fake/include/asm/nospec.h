/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fake arch's half of <xen/nospec.h>: the host unit tests check the
 * value (idx below size, or 0), not the absence of speculation. The empty
 * asm hides the mask from the optimizer as the real backends' asm does.
 */
#ifndef ASM_FAKE_NOSPEC_H
#define ASM_FAKE_NOSPEC_H

static inline unsigned long arch_array_index_nospec(unsigned long idx, unsigned long size)
{
    unsigned long mask = 0UL - (unsigned long)(idx < size);

    asm volatile("" : "+r"(mask));
    return idx & mask;
}

#endif /* ASM_FAKE_NOSPEC_H */
