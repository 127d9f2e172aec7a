/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypercall table and dispatch. */
#include <string.h>

#include <public/xen.h>
#include <xen/hypercall.h>
#include <xen/nospec.h>

#include "helpers.h"

static void test_table(void)
{
    CU_ASSERT_EQUAL(hypercall_nargs[__HYPERVISOR_xen_version], 2);
    CU_ASSERT_EQUAL(hypercall_nargs[__HYPERVISOR_console_io], 3);
    CU_ASSERT_EQUAL(hypercall_nargs[__HYPERVISOR_sched_op], 2);
    CU_ASSERT_EQUAL(hypercall_nargs[__HYPERVISOR_sysctl], 1);
    CU_ASSERT_EQUAL(hypercall_nargs[__HYPERVISOR_version_op], 3);
    /* The entry point of an implemented hypercall (the table keeps no names: they cost the Image). */
    CU_ASSERT_NOT_EQUAL(hypercall_table[__HYPERVISOR_version_op], 0);
    CU_ASSERT_EQUAL(hypercall_table[__HYPERVISOR_version_op - 1], 0);
    CU_ASSERT_EQUAL(hypercall_table_size, __HYPERVISOR_version_op + 1);
}

static void test_unknown(void)
{
    unsigned long nr;
    unsigned int implemented = 0;

    test_reset();
    for (nr = 0; nr < 64; nr++) {
        long rc = hcall(nr, 0, 0, 0, 0, 0);

        if (rc == -XEN_ENOSYS)
            continue;
        implemented++;
        CU_ASSERT(nr == 17 || nr == 18 || nr == 29 || nr == 35 || nr == 43);
    }
    CU_ASSERT_EQUAL(implemented, 5);
    CU_ASSERT_EQUAL(hcall(1UL << 63, 0, 0, 0, 0, 0), -XEN_ENOSYS);
    CU_ASSERT_EQUAL(hcall(~0UL, 0, 0, 0, 0, 0), -XEN_ENOSYS);
    CU_ASSERT_EQUAL(hcall(__HYPERVISOR_version_op + 1, 0, 0, 0, 0, 0), -XEN_ENOSYS);
}

static void test_arguments_reach_handler(void)
{
    test_reset();
    memcpy(gmem(dom_ctl, 0x100), "args\n", 5);
    /* console_io(write, 5, buf): a3 and a4 are ignored. */
    CU_ASSERT_EQUAL(hcall(__HYPERVISOR_console_io, 0, 5, gva(0x100), 0xdead, 0xbeef), 0);
    CU_ASSERT_STRING_EQUAL(fake_console, "(d1) args\n");
}

static void test_nospec(void)
{
    CU_ASSERT_EQUAL(array_index_nospec(0, 44), 0);
    CU_ASSERT_EQUAL(array_index_nospec(43, 44), 43);
    CU_ASSERT_EQUAL(array_index_nospec(44, 44), 0);
    CU_ASSERT_EQUAL(array_index_nospec(~0UL, 44), 0);
    CU_ASSERT_EQUAL(array_index_nospec(1UL << 63, 44), 0);
}

int register_hypercall_tests(void)
{
    CU_pSuite s = CU_add_suite("hypercall", suite_setup, suite_teardown);

    if (!s)
        return -1;
    ADD_TEST(s, test_table);
    ADD_TEST(s, test_unknown);
    ADD_TEST(s, test_arguments_reach_handler);
    ADD_TEST(s, test_nospec);
    return 0;
}
