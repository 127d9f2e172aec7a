/* SPDX-License-Identifier: GPL-2.0-only */
/* The first-fit page pool (xen/common/livepatch/pool.c) on a host buffer. */
#include <string.h>

#include <xen/page_pool.h>

#include "helpers.h"

#define PAGES 4

static uint8_t region[PAGES * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t used[PAGES];

static void test_first_fit_and_reuse(void)
{
    struct page_pool pool = PAGE_POOL_INIT(region, PAGES, used);
    uint8_t *a, *b, *c;

    memset(used, 0, sizeof(used));
    memset(region, 0xaa, sizeof(region));
    CU_ASSERT_PTR_NULL(page_pool_alloc(&pool, 0));
    CU_ASSERT_PTR_NULL(page_pool_alloc(&pool, PAGES * PAGE_SIZE + 1));
    a = page_pool_alloc(&pool, 1);                 /* page 0 */
    b = page_pool_alloc(&pool, PAGE_SIZE + 1);     /* pages 1-2 */
    CU_ASSERT_PTR_EQUAL(a, region);
    CU_ASSERT_PTR_EQUAL(b, region + PAGE_SIZE);
    CU_ASSERT_EQUAL(b[2 * PAGE_SIZE - 1], 0);      /* zeroed, whole pages */
    CU_ASSERT_EQUAL(region[3 * PAGE_SIZE], 0xaa);  /* and no further */
    CU_ASSERT_PTR_NULL(page_pool_alloc(&pool, 2 * PAGE_SIZE)); /* one page left */
    page_pool_free(&pool, a, 1);
    /* Two free pages now, 0 and 3, but not contiguous. */
    CU_ASSERT_PTR_NULL(page_pool_alloc(&pool, 2 * PAGE_SIZE));
    page_pool_free(&pool, b, PAGE_SIZE + 1);
    c = page_pool_alloc(&pool, 3 * PAGE_SIZE);
    CU_ASSERT_PTR_EQUAL(c, region);
    CU_ASSERT_EQUAL(page_pool_span(1), PAGE_SIZE);
    CU_ASSERT_EQUAL(page_pool_span(PAGE_SIZE), PAGE_SIZE);
}

int register_page_pool_tests(void)
{
    CU_pSuite s = CU_add_suite("page_pool", NULL, NULL);

    if (!s)
        return -1;
    ADD_TEST(s, test_first_fit_and_reuse);
    return 0;
}
