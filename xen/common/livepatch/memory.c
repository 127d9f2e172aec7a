/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Payload memory: pages of the region each arch sets aside within branch
 * reach of its text (arch_livepatch_pool()), handed out by a page pool
 * (xen/page_pool.h). A page whose mapping arch_livepatch_protect() changed
 * is made read-write again when it is given back, so the next payload can
 * be written there; the others (the loader's scratch buffers) need not be.
 * Every caller holds the live-patch lock (livepatch.c).
 */
#include <xen/config.h>
#include <xen/lib.h>
#include <xen/livepatch.h>
#include <xen/page_pool.h>
#include <xen/string.h>

/* The largest region an arch sets aside (arm64: 4 MiB; x86: 2 MiB). */
#define POOL_MAX_PAGES ((4UL << 20) / PAGE_SIZE)

static uint8_t pool_used[POOL_MAX_PAGES];      /* 1: page allocated */
static uint8_t pool_protected[POOL_MAX_PAGES]; /* 1: its mapping is no longer read-write */
static struct page_pool pool = PAGE_POOL_INIT(NULL, 0, pool_used);

void *livepatch_alloc(size_t size)
{
    size_t bytes = 0;
    uint8_t *base = arch_livepatch_pool(&bytes);

    if (!base)
        return NULL;
    if (!pool.base) {
        pool.base = base;
        pool.pages = MIN(bytes / PAGE_SIZE, POOL_MAX_PAGES);
    }
    return page_pool_alloc(&pool, size);
}

static size_t first_page(const void *p)
{
    return (size_t)((const uint8_t *)p - pool.base) / PAGE_SIZE;
}

int livepatch_protect(void *p, size_t size, enum livepatch_perm perm)
{
    memset(pool_protected + first_page(p), 1, page_pool_span(size) / PAGE_SIZE);
    return arch_livepatch_protect(p, size, perm);
}

void livepatch_free(void *p, size_t size)
{
    size_t first = first_page(p), n = page_pool_span(size) / PAGE_SIZE;

    if (memchr(pool_protected + first, 1, n)) {
        arch_livepatch_protect(p, page_pool_span(size), LP_PERM_RW);
        memset(pool_protected + first, 0, n);
    }
    page_pool_free(&pool, p, size);
}

size_t livepatch_pool_in_use(void)
{
    size_t i, n = 0;

    for (i = 0; i < pool.pages; i++)
        n += pool_used[i];
    return n * PAGE_SIZE;
}
