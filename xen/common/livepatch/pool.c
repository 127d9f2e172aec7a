/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * First-fit allocation of contiguous page runs from a fixed region (see
 * xen/page_pool.h). Pools are small (a few MiB), so a byte per page and a
 * linear scan under a lock are enough: allocation happens once per UPLOAD.
 */
#include <xen/page_pool.h>
#include <xen/string.h>

void *page_pool_alloc(struct page_pool *pool, size_t size)
{
    size_t n = page_pool_span(size) / PAGE_SIZE, i, run = 0;
    void *p = NULL;

    if (!size || n > pool->pages)
        return NULL;
    spin_lock(&pool->lock);
    for (i = 0; i < pool->pages; i++) {
        run = pool->used[i] ? 0 : run + 1;
        if (run == n) {
            memset(pool->used + i + 1 - n, 1, n);
            p = pool->base + (i + 1 - n) * PAGE_SIZE;
            break;
        }
    }
    spin_unlock(&pool->lock);
    /* Zeroed here, not at boot: the region is NOLOAD and boot need not clear it. */
    if (p)
        memset(p, 0, n * PAGE_SIZE);
    return p;
}

void page_pool_free(struct page_pool *pool, void *p, size_t size)
{
    size_t first = (size_t)((uint8_t *)p - pool->base) / PAGE_SIZE;

    spin_lock(&pool->lock);
    memset(pool->used + first, 0, page_pool_span(size) / PAGE_SIZE);
    spin_unlock(&pool->lock);
}
