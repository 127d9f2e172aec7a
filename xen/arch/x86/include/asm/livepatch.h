/* SPDX-License-Identifier: GPL-2.0-only */
/* What the x86-64 live-patch code (xen/arch/x86/livepatch.c) shares with the backend. */
#ifndef ASM_X86_LIVEPATCH_H
#define ASM_X86_LIVEPATCH_H

#include <xen/types.h>

/* The IPI that calls the other CPUs into a live-patch rendezvous (asm/smp.h has the rest). */
#define IRQ_VECTOR_LIVEPATCH 0xf1

/* Permission flags (_PAGE_*) of 4 KiB image pages: 0 or -1 (outside them). */
int mm_set_page_flags(uint64_t va, uint64_t size, uint64_t flags);

#endif /* ASM_X86_LIVEPATCH_H */
