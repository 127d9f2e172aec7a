/* SPDX-License-Identifier: GPL-2.0-only */
/* Lookups in the symbol table (xen/common/symbols.c) against the fake table. */
#include <string.h>

#include <public/errno.h>
#include <xen/symbols.h>
#include <xen/version.h>

#include "fake/fake.h"
#include "helpers.h"

int fake_nop_target(void);

static void test_by_name(void)
{
    uint64_t a = 0;

    CU_ASSERT_EQUAL(symbols_lookup_by_name("xen_extra_version", &a), 0);
    CU_ASSERT_EQUAL(a, (uint64_t)(uintptr_t)xen_extra_version);
    CU_ASSERT_EQUAL(symbols_lookup_by_name("fake_nop_target", &a), 0);
    CU_ASSERT_EQUAL(a, (uint64_t)(uintptr_t)fake_nop_target);
    CU_ASSERT_EQUAL(symbols_lookup_by_name("no_such_symbol", &a), -XEN_ENOENT);
    CU_ASSERT_EQUAL(symbols_lookup_by_name("", &a), -XEN_ENOENT);
    /* A pair code matches only all it stands for. */
    CU_ASSERT_EQUAL(symbols_lookup_by_name("xen_extra_versio", &a), -XEN_ENOENT);
    CU_ASSERT_EQUAL(symbols_lookup_by_name("xen", &a), -XEN_ENOENT);
    CU_ASSERT_EQUAL(symbols_lookup_by_name("extra_version", &a), -XEN_ENOENT);
}

static void test_by_address(void)
{
    uint64_t base = (uint64_t)(uintptr_t)xen_extra_version, off = 99, size = 99, a = 0;
    char name[64], buf[64];

    /* Its name is stored as the code for "xen_" and "extra_version" (fake/symbols.c). */
    CU_ASSERT_EQUAL(symbols_lookup(base + 3, name, sizeof(name), &off, &size), 0);
    CU_ASSERT_STRING_EQUAL(name, "xen_extra_version");
    CU_ASSERT_EQUAL(off, 3);
    CU_ASSERT_EQUAL(size, 5); /* the fake table says 5 */
    /* Past the end of the symbol: in none. */
    CU_ASSERT_EQUAL(symbols_lookup(base + 5, name, sizeof(name), &off, &size), -XEN_ENOENT);
    CU_ASSERT_EQUAL(symbols_lookup(0, name, sizeof(name), &off, &size), -XEN_ENOENT);
    /* A short buffer gets the start of the name, terminated. */
    CU_ASSERT_EQUAL(symbols_lookup(base, name, 7, &off, &size), 0);
    CU_ASSERT_STRING_EQUAL(name, "xen_ex");
    CU_ASSERT_STRING_EQUAL(symbols_format(buf, sizeof(buf), base + 4), "xen_extra_version+0x4/0x5");
    CU_ASSERT_STRING_EQUAL(symbols_format(buf, sizeof(buf), 0x10), "0x10");
    /* A size of three LEB128 bytes (fake/symbols.c gives fake_lp_counter 64 KiB). */
    CU_ASSERT_EQUAL(symbols_lookup((uint64_t)(uintptr_t)&fake_lp_counter + 4, name, sizeof(name),
                                   &off, &size), 0);
    CU_ASSERT_STRING_EQUAL(name, "fake_lp_counter");
    CU_ASSERT_EQUAL(off, 4);
    CU_ASSERT_EQUAL(size, 0x10000);
    /* A symbol inside another (fake_lp_inner at fake_lp_counter + 8): a negative distance. */
    CU_ASSERT_STRING_EQUAL(symbols_format(buf, sizeof(buf), (uint64_t)(uintptr_t)&fake_lp_counter + 9),
                           "fake_lp_inner+0x1/0x4");
    CU_ASSERT_EQUAL(symbols_lookup_by_name("fake_lp_inner", &a), 0);
    CU_ASSERT_EQUAL(a, (uint64_t)(uintptr_t)&fake_lp_counter + 8);
    /* Whatever follows fake_lp_inner is found from where fake_lp_inner ends. */
    CU_ASSERT_EQUAL(symbols_lookup_by_name("fake_nop_target", &a), 0);
    CU_ASSERT_EQUAL(a, (uint64_t)(uintptr_t)fake_nop_target);
    CU_ASSERT_EQUAL(symbols_lookup_by_name("xen_changeset", &a), 0);
    CU_ASSERT_EQUAL(a, (uint64_t)(uintptr_t)xen_changeset);
}

int register_symbols_tests(void)
{
    CU_pSuite s = CU_add_suite("symbols", NULL, NULL);

    if (!s)
        return -1;
    ADD_TEST(s, test_by_name);
    ADD_TEST(s, test_by_address);
    return 0;
}
