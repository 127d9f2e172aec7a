/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A fixed region of whole pages handed out first-fit in contiguous runs.
 * Live patching takes payload memory from one that sits inside the
 * hypervisor image, so that payload code is within branch and rel32 reach of
 * the code it patches; each arch supplies the region, the common allocator
 * does the bookkeeping.
 */
#ifndef XEN_PAGE_POOL_H
#define XEN_PAGE_POOL_H

#include <xen/config.h>
#include <xen/spinlock.h>
#include <xen/types.h>

struct page_pool {
    uint8_t *base; /* page-aligned start of the region */
    size_t pages;  /* its length in pages */
    uint8_t *used; /* one byte per page: 1 while allocated */
    spinlock_t lock;
};

#define PAGE_POOL_INIT(base_, pages_, used_) {(base_), (pages_), (used_), SPINLOCK_INIT}

/* Bytes that an allocation of `size` occupies: whole pages. */
static inline size_t page_pool_span(size_t size)
{
    return (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

/* Zeroed, page-aligned memory for `size` bytes, or NULL (size 0, no room). */
void *page_pool_alloc(struct page_pool *pool, size_t size);

/* Give back what page_pool_alloc(pool, size) returned. */
void page_pool_free(struct page_pool *pool, void *p, size_t size);

#endif
