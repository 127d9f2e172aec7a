/* SPDX-License-Identifier: GPL-2.0-only */
/* sysctl (35): who may call it and what it checks before anything else. */
#include <string.h>

#include <public/sysctl.h>
#include <public/xen.h>
#include <xen/sched.h>

#include "helpers.h"

#define BUF 0x5000

static void put_sysctl(struct domain *d, uint32_t cmd, uint32_t version)
{
    struct xen_sysctl op;

    memset(&op, 0, sizeof(op));
    op.cmd = cmd;
    op.interface_version = version;
    memcpy(gmem(d, BUF), &op, sizeof(op));
}

static void test_control_only(void)
{
    test_reset();
    put_sysctl(dom_plain, XEN_SYSCTL_livepatch_op, XEN_SYSCTL_INTERFACE_VERSION);
    run_as(dom_plain);
    CU_ASSERT_EQUAL(hcall(__HYPERVISOR_sysctl, gva(BUF), 0, 0, 0, 0), -XEN_EPERM);
    CU_ASSERT_EQUAL(hcall(__HYPERVISOR_sysctl, 0, 0, 0, 0, 0), -XEN_EPERM);
}

static void test_checks(void)
{
    test_reset();
    CU_ASSERT_EQUAL(hcall(__HYPERVISOR_sysctl, 0, 0, 0, 0, 0), -XEN_EFAULT);
    /* The whole 136-byte structure must be readable. */
    CU_ASSERT_EQUAL(hcall(__HYPERVISOR_sysctl, gva(TEST_RAM_BYTES - 100), 0, 0, 0, 0),
                    -XEN_EFAULT);
    put_sysctl(dom_ctl, XEN_SYSCTL_livepatch_op, XEN_SYSCTL_INTERFACE_VERSION - 1);
    CU_ASSERT_EQUAL(hcall(__HYPERVISOR_sysctl, gva(BUF), 0, 0, 0, 0), -XEN_EACCES);
    put_sysctl(dom_ctl, 1, XEN_SYSCTL_INTERFACE_VERSION);
    CU_ASSERT_EQUAL(hcall(__HYPERVISOR_sysctl, gva(BUF), 0, 0, 0, 0), -XEN_ENOSYS);
}

int register_sysctl_tests(void)
{
    CU_pSuite s = CU_add_suite("sysctl", suite_setup, suite_teardown);

    if (!s)
        return -1;
    ADD_TEST(s, test_control_only);
    ADD_TEST(s, test_checks);
    return 0;
}
