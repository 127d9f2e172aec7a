/* SPDX-License-Identifier: GPL-2.0-only */
/* copy_to_guest / copy_from_guest: every edge of the range checks. */
#include <string.h>

#include <public/errno.h>
#include <xen/guest_access.h>
#include <xen/sched.h>

#include "helpers.h"

static uint8_t data[8192];

static void test_zero_length(void)
{
    test_reset();
    CU_ASSERT_EQUAL(copy_to_guest(0, data, 0), 0);
    CU_ASSERT_EQUAL(copy_from_guest(data, 0, 0), 0);
    CU_ASSERT_EQUAL(copy_to_guest(UINT64_MAX, data, 0), 0);
}

static void test_null(void)
{
    test_reset();
    CU_ASSERT_EQUAL(copy_to_guest(0, data, 1), -XEN_EFAULT);
    CU_ASSERT_EQUAL(copy_from_guest(data, 0, 1), -XEN_EFAULT);
}

static void test_exactly_at_end(void)
{
    test_reset();
    memset(data, 0x11, 16);
    CU_ASSERT_EQUAL(copy_to_guest(gva(TEST_RAM_BYTES - 16), data, 16), 0);
    CU_ASSERT_EQUAL(gmem(dom_ctl, TEST_RAM_BYTES - 1)[0], 0x11);
    CU_ASSERT_EQUAL(copy_from_guest(data, gva(TEST_RAM_BYTES - 1), 1), 0);
    /* One byte more and it leaves guest RAM. */
    CU_ASSERT_EQUAL(copy_to_guest(gva(TEST_RAM_BYTES - 16), data, 17), -XEN_EFAULT);
    CU_ASSERT_EQUAL(copy_from_guest(data, gva(TEST_RAM_BYTES), 1), -XEN_EFAULT);
}

static void test_before_ram(void)
{
    test_reset();
    CU_ASSERT_EQUAL(copy_from_guest(data, gva(0) - 1, 2), -XEN_EFAULT);
    CU_ASSERT_EQUAL(copy_from_guest(data, gva(0) - 4096, 4096), -XEN_EFAULT);
    CU_ASSERT_EQUAL(copy_from_guest(data, gva(0), 4096), 0);
}

static void test_wrap_at_2_64(void)
{
    test_reset();
    CU_ASSERT_EQUAL(copy_to_guest(UINT64_MAX - 3, data, 8), -XEN_EFAULT);
    CU_ASSERT_EQUAL(copy_from_guest(data, UINT64_MAX, 2), -XEN_EFAULT);
    CU_ASSERT_EQUAL(copy_from_guest(data, UINT64_MAX, 1), -XEN_EFAULT); /* no wrap, not RAM */
    CU_ASSERT_EQUAL(copy_from_guest(data, gva(16), SIZE_MAX), -XEN_EFAULT);
    /* Starts in RAM, runs a page past its end. */
    CU_ASSERT_EQUAL(copy_from_guest(data, gva(TEST_RAM_BYTES - 4096), 8192), -XEN_EFAULT);
}

static void test_cross_page(void)
{
    size_t i;

    test_reset();
    for (i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 7);
    CU_ASSERT_EQUAL(copy_to_guest(gva(4096 - 5), data, sizeof(data)), 0);
    CU_ASSERT_EQUAL(memcmp(gmem(dom_ctl, 4096 - 5), data, sizeof(data)), 0);
    memset(data, 0, sizeof(data));
    CU_ASSERT_EQUAL(copy_from_guest(data, gva(4096 - 5), sizeof(data)), 0);
    CU_ASSERT_EQUAL(data[sizeof(data) - 1], (uint8_t)((sizeof(data) - 1) * 7));
}

static void test_translation_fails(void)
{
    test_reset();
    fake_unmapped_page = gva(3 * 4096) >> 12;
    CU_ASSERT_EQUAL(copy_from_guest(data, gva(2 * 4096), 8192), -XEN_EFAULT);
    CU_ASSERT_EQUAL(copy_from_guest(data, gva(3 * 4096 + 100), 1), -XEN_EFAULT);
    CU_ASSERT_EQUAL(copy_from_guest(data, gva(2 * 4096), 4096), 0);
    fake_readonly_page = gva(5 * 4096) >> 12;
    CU_ASSERT_EQUAL(copy_to_guest(gva(5 * 4096), data, 4), -XEN_EFAULT);
    CU_ASSERT_EQUAL(copy_from_guest(data, gva(5 * 4096), 4), 0);
}

/* A write that fails part-way writes nothing: the guest's memory stays as it was. */
static void test_no_partial_write(void)
{
    test_reset();
    memset(data, 0x33, 64);
    CU_ASSERT_EQUAL(copy_to_guest(gva(TEST_RAM_BYTES - 8), data, 16), -XEN_EFAULT);
    CU_ASSERT_EQUAL(gmem(dom_ctl, TEST_RAM_BYTES - 8)[0], 0);
    CU_ASSERT_EQUAL(gmem(dom_ctl, TEST_RAM_BYTES - 1)[0], 0);
    fake_readonly_page = gva(5 * 4096) >> 12;
    CU_ASSERT_EQUAL(copy_to_guest(gva(5 * 4096 - 4), data, 8), -XEN_EFAULT);
    CU_ASSERT_EQUAL(gmem(dom_ctl, 5 * 4096 - 4)[0], 0);
}

/* Every byte copied is handed to the arch's cache maintenance, nothing more. */
static void test_cache_hooks(void)
{
    test_reset();
    fake_ram_written = fake_ram_read = 0;
    fake_ram_last_written = NULL;
    CU_ASSERT_EQUAL(copy_to_guest(gva(4096 - 5), data, 4096 + 10), 0);
    CU_ASSERT_EQUAL(fake_ram_written, 4096 + 10);
    CU_ASSERT_PTR_EQUAL(fake_ram_last_written, gmem(dom_ctl, 2 * 4096));
    CU_ASSERT_EQUAL(fake_ram_read, 0);
    CU_ASSERT_EQUAL(copy_from_guest(data, gva(100), 5000), 0);
    CU_ASSERT_EQUAL(fake_ram_read, 5000);
    /* A refused write tells the arch of nothing: nothing was written. */
    CU_ASSERT_EQUAL(copy_to_guest(gva(TEST_RAM_BYTES - 8), data, 16), -XEN_EFAULT);
    CU_ASSERT_EQUAL(fake_ram_written, 4096 + 10);
}

static void test_other_domain_untouched(void)
{
    test_reset();
    /* d2's RAM sits at the same guest-physical range but in its own buffer. */
    memset(data, 0x77, 64);
    run_as(dom_plain);
    CU_ASSERT_EQUAL(copy_to_guest(gva(64), data, 64), 0);
    CU_ASSERT_EQUAL(gmem(dom_plain, 64)[0], 0x77);
    CU_ASSERT_EQUAL(gmem(dom_ctl, 64)[0], 0);
    CU_ASSERT_EQUAL(copy_to_guest_vcpu(&dom_ctl->vcpu[0], gva(64), data, 1), 0);
    CU_ASSERT_EQUAL(gmem(dom_ctl, 64)[0], 0x77);
}

int register_guest_access_tests(void)
{
    CU_pSuite s = CU_add_suite("guest_access", suite_setup, suite_teardown);

    if (!s)
        return -1;
    ADD_TEST(s, test_zero_length);
    ADD_TEST(s, test_null);
    ADD_TEST(s, test_exactly_at_end);
    ADD_TEST(s, test_before_ram);
    ADD_TEST(s, test_wrap_at_2_64);
    ADD_TEST(s, test_cross_page);
    ADD_TEST(s, test_translation_fails);
    ADD_TEST(s, test_no_partial_write);
    ADD_TEST(s, test_cache_hooks);
    ADD_TEST(s, test_other_domain_untouched);
    return 0;
}
