/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the ARM64 live-patch code (xen/arch/arm/livepatch.c) shares with the
 * rest of the backend: its SGI, its memory pool and the mm.c services it
 * needs to map that pool W^X and to write into the hypervisor's text.
 */
#ifndef ASM_ARM_LIVEPATCH_H
#define ASM_ARM_LIVEPATCH_H

/* The SGI that calls every other CPU into a live-patch rendezvous. */
#define SGI_LIVEPATCH 2

/*
 * Payload memory: 4 MiB of RAM taken at boot within B/BL reach (+-128 MiB)
 * of the hypervisor's text, so that payload code and the hypervisor reach
 * each other with B/BL and ADRP (+-4 GiB).
 */
#define LIVEPATCH_POOL_SIZE 0x400000

#ifndef __ASSEMBLY__
#include <xen/types.h>

/* Where the pool is, NULL when livepatch_pool_init() found no RAM in reach. */
extern uint8_t *livepatch_pool;
/* Take the pool from the boot allocator (MMU off: no printk). */
void livepatch_pool_init(void);

/* mm.c */
enum mm_perm { MM_PERM_RX, MM_PERM_RO, MM_PERM_RW };
/* Map [pa, pa + size) 1:1 with 4 KiB pages only, read-write. */
void mm_map_pages(uint64_t pa, uint64_t size);
/* Change the permissions of pages mapped by mm_map_pages(): 0 or -EINVAL. */
int mm_set_perm(uint64_t va, uint64_t size, enum mm_perm perm);
/*
 * A writable, non-executable second mapping of the two pages from pa's page
 * on (the hypervisor's text is mapped read-only): returns pa's address in
 * it. One at a time; mm_unmap_alias() removes it.
 */
void *mm_map_alias(uint64_t pa);
void mm_unmap_alias(void);
#endif

#endif /* ASM_ARM_LIVEPATCH_H */
