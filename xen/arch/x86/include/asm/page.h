/* SPDX-License-Identifier: GPL-2.0-only */
/* 4-level paging entries (SDM Vol. 3A 4.5, tables 4-15 to 4-20). */
#ifndef ASM_X86_PAGE_H
#define ASM_X86_PAGE_H

#include <xen/config.h>

#define _PAGE_PRESENT (1UL << 0)
#define _PAGE_RW (1UL << 1)
#define _PAGE_USER (1UL << 2)
#define _PAGE_PSE (1UL << 7)  /* in a PDE/PDPTE: maps a 2 MiB/1 GiB page */
#define _PAGE_NX (1UL << 63)  /* needs EFER.NXE */

/* Bits 51:12 of an entry hold the next table's (or page's) address. */
#define PADDR_MASK 0x000ffffffffff000UL
#define L1_SHIFT 12
#define L2_SHIFT 21
#define L3_SHIFT 30
#define L4_SHIFT 39
#define PT_ENTRIES 512
#define LARGE_PAGE_SIZE (1UL << L2_SHIFT)

#define PT_INDEX(va, shift) (((va) >> (shift)) & (PT_ENTRIES - 1))

#endif /* ASM_X86_PAGE_H */
