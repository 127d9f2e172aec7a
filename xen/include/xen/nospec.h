/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bounds a guest-chosen table index so that not even a mispredicted bounds
 * check lets the CPU read past the table (Spectre v1, bounds check bypass).
 *
 * array_index_nospec(idx, size) returns idx when idx < size and 0 otherwise,
 * computed by a compare and a conditional select (or subtract-with-borrow)
 * that the CPU does not predict, inside an asm block. It has to be asm: in
 * plain C the compiler sees that the caller's bounds check already proved
 * idx < size, folds the mask to all ones and deletes it, which leaves a
 * speculative load through any guest-chosen index (seen with GCC 12 -O2).
 *
 * Every table or array indexed by a value a guest chose goes through it,
 * after the ordinary bounds check. scripts/check-nospec.sh disassembles the
 * hypervisor and fails the build when a function listed in
 * scripts/nospec-sites.txt loads through an index that is not masked.
 */
#ifndef XEN_NOSPEC_H
#define XEN_NOSPEC_H

#include <xen/types.h>
#include <asm/nospec.h>

static inline unsigned long array_index_nospec(unsigned long idx, unsigned long size)
{
    return arch_array_index_nospec(idx, size);
}

#endif /* XEN_NOSPEC_H */
